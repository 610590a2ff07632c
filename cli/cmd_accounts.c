/* cmd_accounts.c: rcphub user, doc and audit: accounts, documents and the audit log from the shell */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/csv_out.h"
#include "../io/file.h"
#include "../io/json_out.h"
#include "../services/accounts.h"
#include "../services/audit.h"
#include "../services/documents.h"

#include <getopt.h>
#include <pwd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The person at the terminal acts as an administrator: whoever can open
 * the database file can change it anyway. The audit log names them. */
struct operator {
	char login[64];
	struct user user;
	struct actor actor;
};

static void operator_init(struct operator *op)
{
	const struct passwd *pw = getpwuid(getuid());
	snprintf(op->login, sizeof op->login, "cli:%s", pw ? pw->pw_name : "unknown");
	op->user = (struct user){ .login = op->login, .admin = 1 };
	op->actor = (struct actor){ .user = &op->user, .address = "command line",
				    .now = (long long)time(NULL) };
}

/* Reports a service's outcome: 0 for SVC_OK, else prints *err. It takes
 * err's address so that *err is read after the service call that sets it. */
static int outcome(enum svc_status st, char **err)
{
	if (st == SVC_OK)
		return 0;
	return fail(*err);
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
	char *err = NULL;
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
	char *err = NULL;
	int rc = outcome(accounts_list(r->store, &op->actor, &users, &err), &err);
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

int cmd_user(const struct options *o, int argc, char **argv)
{
	if (argc < 2)
		return usage_error("user", "%s", "name a subcommand: add, grant, revoke, disable, token, totp, list");
	const char *sub = argv[1];
	int json = argc == 3 && strcmp(sub, "list") == 0 && strcmp(argv[2], "--json") == 0;
	static const struct {
		const char *name;
		int nargs;
	} subs[] = { { "add", -1 }, { "grant", 3 }, { "revoke", 2 }, { "disable", 1 },
		     { "token", 1 }, { "totp", -1 }, { "list", 0 } };
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
	if (accounts_init())
		return fail(xstrdup("libsodium cannot start"));
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	struct operator op;
	operator_init(&op);
	char *err = NULL, *token = NULL;
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
		rc = outcome(accounts_disable(r->store, &op.actor, argv[2], &err), &err);
	} else if (strcmp(sub, "totp") == 0) {
		char *uri = NULL;
		rc = outcome(accounts_totp(r->store, &op.actor, argv[2], !totp_off, &uri, &err), &err);
		if (rc == 0 && uri)
			printf("%s\n", uri);
		else if (rc == 0)
			printf("%s signs in with a password only\n", argv[2]);
		free(uri);
	} else if (strcmp(sub, "token") == 0) {
		rc = outcome(accounts_issue_token(r->store, &op.actor, argv[2], &token, &err), &err);
		if (rc == 0)
			printf("%s\n", token);
		free(token);
	} else {
		rc = user_list(r, &op, json);
	}
	registry_close(r);
	return rc;
}

/* A media type for a file name's extension; application/octet-stream
 * when unknown. */
static const char *media_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".pdf", "application/pdf" }, { ".txt", "text/plain" }, { ".md", "text/markdown" },
		{ ".csv", "text/csv" }, { ".html", "text/html" }, { ".json", "application/json" },
		{ ".doc", "application/msword" }, { ".odt", "application/vnd.oasis.opendocument.text" },
		{ ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

struct doc_args {
	struct doc_fields f;
	struct strlist readers;
	const char *file, *body_file, *process;
	int json;
};

static int parse_doc_args(int argc, char **argv, struct doc_args *d)
{
	static const struct option longopts[] = {
		{ "title", required_argument, NULL, 't' }, { "level", required_argument, NULL, 'l' },
		{ "kind", required_argument, NULL, 'k' }, { "date", required_argument, NULL, 'd' },
		{ "state", required_argument, NULL, 's' }, { "body-file", required_argument, NULL, 'b' },
		{ "file", required_argument, NULL, 'f' }, { "reader", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 },
	};
	int ch;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 't': d->f.title = optarg; break;
		case 'l': d->f.level = optarg; break;
		case 'k': d->f.kind = optarg; break;
		case 'd': d->f.issued = optarg; break;
		case 's': d->f.state = optarg; break;
		case 'b': d->body_file = optarg; break;
		case 'f': d->file = optarg; break;
		case 'r': strlist_push(&d->readers, optarg); d->f.readers = &d->readers; break;
		case 'j': d->json = 1; break;
		default: return usage_error("doc", "unknown or incomplete option %s", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error("doc", "%s", "name one process");
	d->process = argv[optind];
	return 0;
}

static int doc_add(struct registry *r, struct operator *op, int argc, char **argv)
{
	struct doc_args d = { 0 };
	int rc = parse_doc_args(argc, argv, &d);
	char *body = NULL, *file = NULL, *err = NULL;
	size_t body_len, file_len = 0;
	if (rc == 0 && d.body_file && !(body = file_read(d.body_file, DOC_BODY_MAX, &body_len, &err)))
		rc = fail(err);
	if (rc == 0 && d.file && !(file = file_read(d.file, DOC_ATTACHMENT_MAX, &file_len, &err)))
		rc = fail(err);
	if (rc == 0) {
		const char *base = d.file ? strrchr(d.file, '/') : NULL;
		struct attachment att = { base ? base + 1 : d.file, d.file ? media_type(d.file) : NULL,
					  file, file_len };
		long long id = 0;
		d.f.body = body;
		rc = outcome(documents_add(r, &op->actor, d.process, &d.f, d.file ? &att : NULL, &id, &err), &err);
		struct document doc;
		if (rc == 0 && d.json && documents_get(r, &op->actor, id, &doc, &err) == SVC_OK) {
			json_print(json_document(&doc, 1));
			document_free(&doc);
		} else if (rc == 0 && !d.json) {
			printf("added document %lld\n", id);
		}
	}
	free(body);
	free(file);
	strlist_free(&d.readers);
	return rc;
}

static int doc_list(struct registry *r, struct operator *op, int argc, char **argv)
{
	struct doc_args d = { 0 };
	int rc = parse_doc_args(argc, argv, &d);
	if (rc)
		return rc;
	if (d.f.title || d.f.level || d.f.kind || d.f.issued || d.f.state || d.file || d.body_file ||
	    d.readers.n) {
		strlist_free(&d.readers);
		return usage_error("doc", "%s", "doc list takes only a process and --json");
	}
	struct document_list docs = { 0 };
	long total = 0;
	char *err = NULL;
	rc = outcome(documents_list(r, &op->actor, d.process, 1000000, 0, &docs, &total, &err), &err);
	if (rc == 0 && d.json) {
		json_t *a = json_array();
		for (size_t i = 0; i < docs.n; i++)
			json_array_append_new(a, json_document(&docs.items[i], 0));
		json_print(a);
	} else if (rc == 0) {
		for (size_t i = 0; i < docs.n; i++) {
			const struct document *x = &docs.items[i];
			printf("%-5lld %-10s %-12s %-11s %s\n", x->id, x->issued ? x->issued : "-",
			       level_name(x->level), doc_kind_name(x->kind), x->title);
		}
	}
	document_list_free(&docs);
	return rc;
}

int cmd_doc(const struct options *o, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0))
		return usage_error("doc", "%s", "name a subcommand: add or list");
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	struct operator op;
	operator_init(&op);
	int rc = strcmp(argv[1], "add") == 0 ? doc_add(r, &op, argc - 1, argv + 1)
					     : doc_list(r, &op, argc - 1, argv + 1);
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
	const char *slug = process ? names_lookup(&r->processes, process) : NULL;
	struct audit_list l = { 0 };
	struct operator op;
	operator_init(&op);
	char *err = NULL;
	int rc = process && !slug ? fail(xasprintf("no process matches \"%s\"", process))
				  : outcome(audit_list(r->store, &op.actor, slug, limit, 0, &l, &err), &err);
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
