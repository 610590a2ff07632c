/* cmd_accounts.c: rcphub user, doc and audit: accounts, documents and the audit log from the shell */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/csv_out.h"
#include "../io/file.h"
#include "../io/json_out.h"
#include "../services/accounts.h"
#include "../services/audit.h"

#include <getopt.h>
#include <pwd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_operator(struct operator *op)
{
	const struct passwd *pw = getpwuid(getuid());
	snprintf(op->login, sizeof op->login, "cli:%s", pw ? pw->pw_name : "unknown");
	op->user = (struct user){ .login = op->login, .admin = 1 };
	op->actor = (struct actor){ .user = &op->user, .address = "command line",
				    .now = (long long)time(NULL) };
}

int outcome(enum svc_status st, struct svc_error *err)
{
	return st == SVC_OK ? 0 : fail_svc(err);
}

/* The password on the first line of stdin, without its line end. */
static char *password_from_stdin(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int user_add(struct registry *r, struct operator *op, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "government", required_argument, NULL, 'g' }, { "org", required_argument, NULL, 'o' },
		{ "admin", no_argument, NULL, 'a' }, { "password-stdin", no_argument, NULL, 'p' },
		{ "name", required_argument, NULL, 'n' }, { "email", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	struct new_user nu = { 0 };
	int from_stdin = 0, ch;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g': nu.government = optarg; break;
		case 'o': nu.organisation = optarg; break;
		case 'a': nu.admin = 1; break;
		case 'p': from_stdin = 1; break;
		case 'n': nu.full_name = optarg; break;
		case 'e': nu.email = optarg; break;
		default: return usage_error("user", "unknown or incomplete option %s", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error("user", "%s", "user add takes one login");
	if (!from_stdin)
		return usage_error("user", "%s", "give the password on stdin with --password-stdin");
	nu.login = argv[optind];
	char *password = password_from_stdin();
	if (!password)
		return fail(xstrdup("password: nothing on stdin"));
	nu.password = password;
	struct svc_error err = { 0 };
	int rc = outcome(accounts_add(r, &op->actor, &nu, &err), &err);
	if (rc == 0)
		printf("added user %s\n", nu.login);
	sodium_memzero(password, strlen(password));
	free(password);
	return rc;
}

static void print_user(const struct user *u)
{
	printf("%-20s %-12s%s%s", u->login,
	       u->government ? u->government : u->organisation ? u->organisation : "-",
	       u->admin ? " admin" : "", u->disabled ? " disabled" : "");
	for (size_t i = 0; i < u->ngrants; i++)
		printf("%s%s:%s", i ? ", " : "  ", u->grants[i].process, grant_role_name(u->grants[i].role));
	printf("\n");
}

static int user_list(struct registry *r, struct operator *op, int json)
{
	struct user_list users = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(accounts_list(r, &op->actor, &users, &err), &err);
	if (rc == 0 && json) {
		json_t *a = json_array();
		for (size_t i = 0; i < users.n; i++)
			json_array_append_new(a, json_user(&users.items[i]));
		json_print(a);
	} else if (rc == 0) {
		for (size_t i = 0; i < users.n; i++)
			print_user(&users.items[i]);
	}
	user_list_free(&users);
	return rc;
}

/* Reads user token's USER [--name NAME] [--days N]; -1 when malformed. */
static int token_options(int argc, char **argv, const char **name, int *days)
{
	if (argc < 3)
		return -1;
	for (int i = 3; i < argc; i += 2) {
		char *end;
		if (i + 1 >= argc)
			return -1;
		if (strcmp(argv[i], "--name") == 0) {
			*name = argv[i + 1];
		} else if (strcmp(argv[i], "--days") == 0) {
			long n = strtol(argv[i + 1], &end, 10);
			if (*end || n < 1 || n > 365)
				return -1;
			*days = (int)n;
		} else {
			return -1;
		}
	}
	return 0;
}

int cmd_user(const struct options *o, int argc, char **argv)
{
	if (argc < 2)
		return usage_error("user", "%s", "name a subcommand: add, grant, revoke, disable, enable, password, "
				   "token, totp, list");
	const char *sub = argv[1];
	int json = argc == 3 && strcmp(sub, "list") == 0 && strcmp(argv[2], "--json") == 0;
	static const struct {
		const char *name;
		int nargs;
	} subs[] = { { "add", -1 }, { "grant", 3 }, { "revoke", 2 }, { "disable", 1 }, { "enable", 1 },
		     { "password", 2 }, { "token", -1 }, { "totp", -1 }, { "list", 0 } };
	size_t k;
	for (k = 0; k < sizeof subs / sizeof subs[0] && strcmp(subs[k].name, sub) != 0; k++)
		;
	if (k == sizeof subs / sizeof subs[0])
		return usage_error("user", "unknown subcommand \"%s\"", sub);
	if (subs[k].nargs >= 0 && argc - 2 != subs[k].nargs + json)
		return usage_error("user", "wrong number of arguments to user %s", sub);
	int totp_off = strcmp(sub, "totp") == 0 && argc == 4 && strcmp(argv[3], "--off") == 0;
	if (strcmp(sub, "totp") == 0 && argc != 3 && !totp_off)
		return usage_error("user", "%s", "user totp USER [--off]");
	if (strcmp(sub, "password") == 0 && strcmp(argv[3], "--password-stdin") != 0)
		return usage_error("user", "%s", "user password USER --password-stdin");
	const char *token_name = NULL;
	int token_days = 0;
	if (strcmp(sub, "token") == 0 && token_options(argc, argv, &token_name, &token_days))
		return usage_error("user", "%s", "user token USER [--name NAME] [--days 1..365]");
	if (accounts_init())
		return fail(xstrdup("libsodium cannot start"));
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	struct operator op;
	cli_operator(&op);
	struct svc_error err = { 0 };
	char *token = NULL;
	int rc;
	if (strcmp(sub, "add") == 0) {
		rc = user_add(r, &op, argc - 1, argv + 1);
	} else if (strcmp(sub, "grant") == 0) {
		rc = outcome(accounts_grant(r, &op.actor, argv[2], argv[3], argv[4], &err), &err);
		if (rc == 0)
			printf("%s is now %s in %s\n", argv[2], argv[4], argv[3]);
	} else if (strcmp(sub, "revoke") == 0) {
		rc = outcome(accounts_revoke(r, &op.actor, argv[2], argv[3], &err), &err);
	} else if (strcmp(sub, "disable") == 0) {
		rc = outcome(accounts_disable(r, &op.actor, argv[2], &err), &err);
	} else if (strcmp(sub, "enable") == 0) {
		rc = outcome(accounts_enable(r, &op.actor, argv[2], &err), &err);
		if (rc == 0)
			printf("%s may sign in again; issue new tokens if needed\n", argv[2]);
	} else if (strcmp(sub, "password") == 0) {
		char *password = password_from_stdin();
		rc = password ? outcome(accounts_set_password(r, &op.actor, argv[2], password, &err), &err)
			      : fail(xstrdup("password: nothing on stdin"));
		if (rc == 0)
			printf("%s has a new password, to be changed at the next sign-in; their sessions and "
			       "tokens are ended\n", argv[2]);
		if (password)
			sodium_memzero(password, strlen(password));
		free(password);
	} else if (strcmp(sub, "totp") == 0) {
		char *uri = NULL;
		struct strlist codes = { 0 };
		rc = outcome(accounts_totp(r, &op.actor, argv[2], !totp_off, &uri, &codes, &err), &err);
		if (rc == 0 && uri) {
			printf("%s\n", uri);
			fprintf(stderr, "recovery codes (each signs in once in place of the app's code; hand them over "
				"with the address, they are not shown again):\n");
			for (size_t i = 0; i < codes.n; i++)
				fprintf(stderr, "  %s\n", codes.items[i]);
		} else if (rc == 0) {
			printf("%s signs in with a password only\n", argv[2]);
		}
		strlist_free(&codes);
		free(uri);
	} else if (strcmp(sub, "token") == 0) {
		long long id;
		rc = outcome(accounts_issue_token(r, &op.actor, argv[2], token_name, token_days, &token, &id, &err), &err);
		if (rc == 0)
			printf("%s\n", token);
		free(token);
	} else {
		rc = user_list(r, &op, json);
	}
	registry_close(r);
	return rc;
}

static void print_audit(const struct audit_entry *e)
{
	char at[32];
	time_t t = (time_t)e->at;
	struct tm tm;
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
	printf("%s  %-16s %-15s %-16s %s%s%s%s%s\n", at, e->login ? e->login : "-",
	       e->address ? e->address : "-", e->action, e->process ? e->process : "",
	       e->object ? " " : "", e->object ? e->object : "", e->detail ? " " : "",
	       e->detail ? e->detail : "");
}

int cmd_audit(const struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "process", required_argument, NULL, 'p' }, { "limit", required_argument, NULL, 'l' },
		{ "csv", no_argument, NULL, 'c' }, { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 },
	};
	const char *process = NULL;
	long limit = 100;
	int csv = 0, json = 0, ch;
	char *end;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p': process = optarg; break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (!*optarg || *end || limit < 1)
				return usage_error("audit", "--limit %s: give a positive number", optarg);
			break;
		case 'c': csv = 1; break;
		case 'j': json = 1; break;
		default: return usage_error("audit", "unknown or incomplete option %s", argv[optind - 1]);
		}
	}
	if (optind < argc || (csv && json))
		return usage_error("audit", "%s", "takes --process, --limit and one of --csv, --json");
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	struct audit_list l = { 0 };
	struct operator op;
	cli_operator(&op);
	struct svc_error err = { 0 };
	struct audit_filter filter = { .process = process };
	int rc = outcome(audit_list(r, &op.actor, &filter, limit, 0, &l, &err), &err);
	if (rc == 0 && csv) {
		rc = csv_write_audit(stdout, &l) ? EXIT_NOT_FOUND : 0;
	} else if (rc == 0 && json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, json_audit_entry(&l.items[i]));
		json_print(a);
	} else if (rc == 0) {
		for (size_t i = 0; i < l.n; i++)
			print_audit(&l.items[i]);
	}
	audit_list_free(&l);
	registry_close(r);
	return rc;
}
