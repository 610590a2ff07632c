/* cmd_facts.c: rcphub fact, post and history: the registry's participations and leadership posts added, ended and corrected from the shell, and the history of edits */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/json_out.h"
#include "../services/facts.h"
#include "../services/seed.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The fact's number in pos[1], or -1 after a usage error. */
static int fact_id(const char *cmd, const struct cli_args *a)
{
	char *end;
	long id = a->npos == 2 ? strtol(a->pos[1], &end, 10) : -1;
	if (a->npos == 2 && *a->pos[1] && !*end && id >= 0 && id < 1000000)
		return (int)id;
	usage_error(cmd, "%s", "name a process and the fact's number (see 'rcphub show PROCESS --json')");
	return -1;
}

static int add(const char *cmd, enum fact_kind kind, struct registry *r, const struct operator *op,
	       struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error(cmd, "%s", "name a process");
	struct svc_error err = { 0 };
	int id = 0;
	int rc = outcome(facts_add(r, &op->actor, a->pos[0], kind, &a->v, &id, &err), &err);
	if (rc == 0)
		printf("added %s %d to %s\n", kind == FACT_POST ? "post" : "fact", id, a->pos[0]);
	return rc;
}

static int change(const char *cmd, enum fact_kind kind, int ending, struct registry *r,
		  const struct operator *op, struct cli_args *a)
{
	int id = fact_id(cmd, a);
	if (id < 0)
		return EXIT_USAGE;
	struct svc_error err = { 0 };
	enum svc_status st = ending ? facts_end(r, &op->actor, a->pos[0], kind, id, 0, &a->v, &err)
				    : facts_correct(r, &op->actor, a->pos[0], kind, id, 0, &a->v, &err);
	int rc = outcome(st, &err);
	if (rc == 0)
		printf("%s %s %d of %s\n", ending ? "ended" : "corrected", kind == FACT_POST ? "post" : "fact", id,
		       a->pos[0]);
	return rc;
}

static int fact_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return add("fact", FACT_PARTICIPATION, r, op, a);
}

static int fact_end(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return change("fact", FACT_PARTICIPATION, 1, r, op, a);
}

static int fact_correct(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return change("fact", FACT_PARTICIPATION, 0, r, op, a);
}

static int post_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return add("post", FACT_POST, r, op, a);
}

static int post_end(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return change("post", FACT_POST, 1, r, op, a);
}

static int post_correct(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return change("post", FACT_POST, 0, r, op, a);
}

static int history(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("history", "%s", "name a process");
	struct registry_edit_list l;
	struct svc_error err = { 0 };
	int rc = outcome(facts_history(r, &op->actor, a->pos[0], &l, &err), &err);
	if (rc)
		return rc;
	if (a->json) {
		json_print(json_registry_edits(&l));
	} else {
		if (!l.n)
			printf("no edits since the registry was built from its seed\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct registry_edit *e = &l.items[i];
			char when[32];
			time_t t = (time_t)e->at;
			struct tm tm;
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
			printf("%s  %-12s %-7s %s", when, e->login ? e->login : "-", e->action, e->fact);
			if (e->position >= 0)
				printf(" %d", e->position);
			printf("\n");
			if (e->before)
				printf("    was: %s\n", e->before);
			if (e->after)
				printf("    now: %s\n", e->after);
			printf("    source: %s (%s), %s, as of %s%s%s\n", e->source_title, e->prov.source,
			       e->prov.section, e->prov.as_of, e->prov.url ? ", " : "", e->prov.url ? e->prov.url : "");
		}
	}
	registry_edit_list_free(&l);
	return 0;
}

/* registry diff|apply [DIR]: the seed's changes, shown or applied. */
static int refresh(struct registry *r, const struct operator *op, struct cli_args *a, int applying)
{
	struct seed_paths paths = cli_seed_paths(a->npos ? a->pos[0] : NULL);
	char *why = NULL;
	struct seed_diff *d = seed_diff(&paths, r, &why);
	if (!d)
		return fail(why);
	size_t n = seed_diff_count(d);
	for (size_t i = 0; i < n; i++) {
		char *line = seed_diff_describe(d, i);
		printf("%s\n", line);
		free(line);
	}
	int rc = 0;
	if (applying && n) {
		struct svc_error err = { 0 };
		rc = outcome((enum svc_status)seed_apply(&paths, d, r, &op->actor, &err), &err);
		if (rc == 0)
			printf("applied %zu changes from %s\n", n, paths.data_dir);
	}
	seed_diff_free(d);
	return rc;
}

static int registry_diff(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return refresh(r, op, a, 0);
}

static int registry_apply(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return refresh(r, op, a, 1);
}

static const struct cli_subcommand registry_subcommands[] = {
	{ "diff", NULL, NULL, "", 1, registry_diff },
	{ "apply", NULL, NULL, "", 1, registry_apply },
};

int cmd_registry(const struct options *o, int argc, char **argv)
{
	return cli_run("registry", o, argc, argv, registry_subcommands, 2);
}

static const struct cli_subcommand fact_subcommands[] = {
	{ "add", facts_participation_fields, &facts_participation_nfields, "", 1, fact_add },
	{ "end", facts_end_fields, &facts_end_nfields, "", 2, fact_end },
	{ "correct", facts_participation_fields, &facts_participation_nfields, "", 2, fact_correct },
	{ "history", NULL, NULL, "json", 1, history },
};

static const struct cli_subcommand post_subcommands[] = {
	{ "add", facts_post_fields, &facts_post_nfields, "", 1, post_add },
	{ "end", facts_end_fields, &facts_end_nfields, "", 2, post_end },
	{ "correct", facts_post_fields, &facts_post_nfields, "", 2, post_correct },
};

int cmd_fact(const struct options *o, int argc, char **argv)
{
	return cli_run("fact", o, argc, argv, fact_subcommands, 3);
}

int cmd_post(const struct options *o, int argc, char **argv)
{
	return cli_run("post", o, argc, argv, post_subcommands, sizeof post_subcommands / sizeof post_subcommands[0]);
}

int cmd_history(const struct options *o, int argc, char **argv)
{
	char **args = xcalloc((size_t)argc + 2, sizeof *args);
	args[0] = "fact";
	args[1] = "history";
	for (int i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	int rc = cli_run("history", o, argc + 1, args, fact_subcommands + 3, 1);
	free(args);
	return rc;
}
