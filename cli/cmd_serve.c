/* cmd_serve.c: rcphub serve: the web server, with a first administrator on a new platform and second-factor secrets sealed */
#include "cli.h"
#include "../core/xalloc.h"
#include "../services/accounts.h"
#include "../services/secrets.h"
#include "../web/server.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FIRST_ADMIN "admin"

/* On a platform without users, makes FIRST_ADMIN with a one-time
 * password and prints it (it must be changed at first login); seals the
 * second-factor secrets an older version stored in clear. */
static int prepare_accounts(const struct options *o)
{
	struct registry *r = open_registry(o);
	if (!r)
		return -1;
	struct user_list users = { 0 };
	struct user operator = { .login = "operator", .admin = 1 };
	struct actor a = { .user = &operator, .address = "command line", .now = (long long)time(NULL) };
	struct svc_error err = { 0 };
	enum svc_status st = accounts_list(r, &a, &users, &err);
	if (st == SVC_OK && users.n == 0) {
		char *password = accounts_random_password();
		struct new_user nu = { .login = FIRST_ADMIN, .admin = 1, .password = password,
				       .must_change_password = 1 };
		if ((st = accounts_add(r, &a, &nu, &err)) == SVC_OK)
			printf("rcphub: first start: user %s, one-time password %s "
			       "(change it at first login)\n", FIRST_ADMIN, password);
		free(password);
	}
	int sealed = 0;
	if (st == SVC_OK && (st = accounts_seal_secrets(r, &sealed, &err)) == SVC_OK && sealed) {
		char *path = secrets_key_path();
		fprintf(stderr, "rcphub: sealed %d second-factor secrets stored in clear, with the key %s\n", sealed,
			path);
		free(path);
	}
	user_list_free(&users);
	registry_close(r);
	if (st)
		fail_svc(&err);
	return st ? -1 : 0;
}

/* A whole number of at least min from a flag's value, or -1. */
static long number(const char *v, long min, long max)
{
	char *end;
	long n = strtol(v, &end, 10);
	return *v && !*end && n >= min && n <= max ? n : -1;
}

int cmd_serve(const struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' }, { "threads", required_argument, NULL, 't' },
		{ "tls-cert", required_argument, NULL, 'c' }, { "tls-key", required_argument, NULL, 'k' },
		{ "max-connections", required_argument, NULL, 'm' },
		{ "max-connections-per-address", required_argument, NULL, 'a' },
		{ "request-timeout", required_argument, NULL, 'r' },
		{ "second-factor", required_argument, NULL, 'f' },
		{ "trust-proxy", required_argument, NULL, 'p' }, { NULL, 0, NULL, 0 },
	};
	struct server_config c;
	server_config_defaults(&c);
	c.db = o->db;
	optind = 1;
	opterr = 0;
	int ch;
	long n;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l': c.listen = optarg; break;
		case 'c': c.tls_cert = optarg; break;
		case 'k': c.tls_key = optarg; break;
		case 'p': c.trusted_proxy = optarg; break;
		case 't':
			if ((n = number(optarg, 1, 64)) < 0)
				return usage_error("serve", "--threads %s: give 1 to 64", optarg);
			c.threads = (int)n;
			break;
		case 'm':
			if ((n = number(optarg, 1, 100000)) < 0)
				return usage_error("serve", "--max-connections %s: give 1 to 100000", optarg);
			c.max_connections = (int)n;
			break;
		case 'a':
			if ((n = number(optarg, 0, 100000)) < 0)
				return usage_error("serve", "--max-connections-per-address %s: give 0 (no limit) to 100000",
						   optarg);
			c.max_per_address = (int)n;
			break;
		case 'f':
			if (strcmp(optarg, "required") != 0 && strcmp(optarg, "optional") != 0)
				return usage_error("serve", "--second-factor %s: give required or optional", optarg);
			c.second_factor_optional = strcmp(optarg, "optional") == 0;
			break;
		case 'r':
			if ((n = number(optarg, 1, 3600)) < 0)
				return usage_error("serve", "--request-timeout %s: give 1 to 3600 seconds", optarg);
			c.timeout = (int)n;
			break;
		default:
			return usage_error("serve", "unknown or incomplete option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("serve", "unexpected argument \"%s\"", argv[optind]);
	if (accounts_init())
		return fail(xstrdup("libsodium cannot start"));
	if (prepare_accounts(o))
		return EXIT_NOT_FOUND;
	char *err = NULL;
	if (server_run(&c, &err))
		return fail(err);
	return 0;
}
