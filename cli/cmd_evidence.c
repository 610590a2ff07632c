/* cmd_evidence.c: rcphub evidence: evidence of a process's effects, phase by phase, with source and section */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/file.h"
#include "../io/json_out.h"
#include "../services/seed.h"
#include "../services/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of evidence, then its source. */
static void print_evidence(const struct evidence *e)
{
	const struct effect_info *eff = effect_of(e->effect);
	printf("%lld  phase %d  %s  [%s, %s]%s%s\n", e->id, e->phase, eff ? eff->label : e->effect, e->strength,
	       e->confidence, e->happened ? "  " : "", e->happened ? e->happened : "");
	printf("    %s\n", e->description);
	printf("    source: %s%s%s\n", e->source_title ? e->source_title : e->source, e->section ? ", section " : "",
	       e->section ? e->section : "");
	for (size_t i = 0; i < e->state_names.n; i++)
		printf(i ? ", %s" : "    states: %s", e->state_names.items[i]);
	if (e->state_names.n)
		printf("\n");
}

static int evidence_add_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("evidence", "%s", "evidence add takes one process");
	long long id = 0;
	struct svc_error err = { 0 };
	int rc = outcome(evidence_add(r, &op->actor, a->pos[0], &a->v, &id, &err), &err);
	if (rc || !a->json) {
		if (!rc)
			printf("added evidence %lld\n", id);
		return rc;
	}
	struct evidence e;
	if ((rc = outcome(evidence_get(r, &op->actor, id, &e, &err), &err)) == 0) {
		json_print(json_evidence(&e));
		evidence_free(&e);
	}
	return rc;
}

static int evidence_list_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	int phase = 0;
	if (a->phase && (strlen(a->phase) != 1 || (phase = a->phase[0] - '0') < 1 || phase > PHASE_COUNT))
		return usage_error("evidence", "--phase %s: give 1, 2 or 3", a->phase);
	struct evidence_list l = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(evidence_list(r, &op->actor, a->npos ? a->pos[0] : NULL, phase, &l, &err), &err);
	if (rc)
		return rc;
	if (a->json) {
		json_print(json_evidence_list(&l));
	} else {
		for (size_t i = 0; i < l.n; i++)
			print_evidence(&l.items[i]);
		if (!l.n)
			printf("no evidence recorded\n");
	}
	evidence_list_free(&l);
	return 0;
}

static int evidence_show_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("evidence", "piece of evidence", a->npos == 1 ? a->pos[0] : NULL);
	if (id < 0)
		return EXIT_USAGE;
	struct evidence e;
	struct svc_error err = { 0 };
	int rc = outcome(evidence_get(r, &op->actor, id, &e, &err), &err);
	if (rc == 0) {
		if (a->json)
			json_print(json_evidence(&e));
		else
			print_evidence(&e);
		evidence_free(&e);
	}
	return rc;
}

static int evidence_delete_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("evidence", "piece of evidence", a->npos == 1 ? a->pos[0] : NULL);
	if (id < 0)
		return EXIT_USAGE;
	struct svc_error err = { 0 };
	int rc = outcome(evidence_delete(r, &op->actor, id, &err), &err);
	if (rc == 0)
		printf("removed evidence %lld\n", id);
	return rc;
}

/* The report's evidence (or FILE's) into the platform, leaving what is there. */
static int evidence_load_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct seed_paths paths = cli_seed_paths(NULL);
	char *path = a->npos ? xstrdup(a->pos[0]) : xasprintf("%s/assessment/evidence.json", paths.data_dir);
	size_t len, added = 0;
	char *why = NULL, *text = file_read(path, 8 * 1024 * 1024, &len, &why);
	int rc = text ? 0 : fail(why);
	struct svc_error err = { 0 };
	if (text && (rc = outcome(evidence_load(r, &op->actor, path, text, len, &added, &err), &err)) == 0)
		printf("loaded %zu new pieces of evidence from %s\n", added, path);
	free(text);
	free(path);
	return rc;
}

static const struct cli_subcommand subcommands[] = {
	{ "add", evidence_fields, &evidence_nfields, "json", 1, evidence_add_command },
	{ "list", NULL, NULL, "json phase", 1, evidence_list_command },
	{ "show", NULL, NULL, "json", 1, evidence_show_command },
	{ "delete", NULL, NULL, "", 1, evidence_delete_command },
	{ "load", NULL, NULL, "", 1, evidence_load_command },
};

int cmd_evidence(const struct options *o, int argc, char **argv)
{
	return cli_run("evidence", o, argc, argv, subcommands, sizeof subcommands / sizeof subcommands[0]);
}
