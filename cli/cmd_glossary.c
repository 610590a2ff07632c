/* cmd_glossary.c: rcphub term and rcphub glossary: the common language, term by term and as TBX or CSV files */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/file.h"
#include "../io/glossary_file.h"
#include "../io/json_out.h"
#include "../services/glossary.h"

#include <stdlib.h>
#include <string.h>

static void print_entry(const struct glossary_entry *e)
{
	printf("entry %lld, %s", e->id, e->process ? e->process : "shared by all processes");
	if (e->process)
		printf(" (%s)", level_name(e->level));
	if (e->subject)
		printf(", %s", e->subject);
	printf("\n");
	for (size_t i = 0; i < e->nterms; i++) {
		const struct term *t = &e->terms[i];
		printf("   %s  %s: %s", t->lang, t->text, t->definition);
		printf(t->source ? " (%s)\n" : "\n", t->source);
	}
	for (size_t i = 0; i < e->related.n; i++)
		printf("   related: %s\n", e->related.items[i]);
	for (size_t i = 0; i < e->contested.n; i++)
		printf("   contested by: %s\n", e->contested.items[i]);
}

static int print_glossary(const struct glossary *g, int json)
{
	if (json)
		return json_print(json_glossary(g));
	for (size_t i = 0; i < g->n; i++)
		print_entry(&g->items[i]);
	return 0;
}

static int term_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("term", "%s", "term add TERM --lang LANG --definition TEXT");
	struct svc_error err = { 0 };
	long long entry = 0;
	int rc = outcome(fields_set(&a->v, "term", a->pos[0], "a term", &err), &err);
	if (rc == 0)
		rc = outcome(glossary_add_term(r, &op->actor, &a->v, &entry, &err), &err);
	if (rc)
		return rc;
	if (!a->json) {
		printf("added \"%s\" to entry %lld\n", a->pos[0], entry);
		return 0;
	}
	struct glossary g = { 0 };
	rc = outcome(glossary_show(r, &op->actor, a->pos[0], &g, &err), &err);
	for (size_t i = 0; rc == 0 && i < g.n; i++)
		if (g.items[i].id == entry)
			json_print(json_glossary_entry(&g.items[i]));
	glossary_free(&g);
	return rc;
}

static int term_list(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(glossary_list(r, &op->actor, a->process, a->lang, &g, &err), &err);
	if (rc == 0)
		print_glossary(&g, a->json);
	glossary_free(&g);
	return rc;
}

static int term_show(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("term", "%s", "term show TERM");
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(glossary_show(r, &op->actor, a->pos[0], &g, &err), &err);
	if (rc == 0)
		print_glossary(&g, a->json);
	glossary_free(&g);
	return rc;
}

static int term_search(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("term", "%s", "term search WORDS");
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(glossary_search(r, &op->actor, a->pos[0], &g, &err), &err);
	if (rc == 0)
		print_glossary(&g, a->json);
	glossary_free(&g);
	return rc;
}

static const struct cli_subcommand term_subcommands[] = {
	{ "add", terms_fields, &terms_nfields, "json", 1, term_add },
	{ "list", NULL, NULL, "json process lang", 0, term_list },
	{ "show", NULL, NULL, "json", 1, term_show },
	{ "search", NULL, NULL, "json", 1, term_search },
};

int cmd_term(const struct options *o, int argc, char **argv)
{
	return cli_run("term", o, argc, argv, term_subcommands, sizeof term_subcommands / sizeof term_subcommands[0]);
}

static int glossary_import_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("glossary", "%s", "glossary import FILE [--process PROCESS] [--level LEVEL]");
	size_t len, entries;
	char *why = NULL;
	char *data = file_read(a->pos[0], 64 * 1024 * 1024, &len, &why);
	if (!data)
		return fail(why);
	const char *format;
	struct svc_error err = { 0 };
	int rc = outcome(glossary_import(r, &op->actor, a->process, a->level, data, len, &format, &entries, &err), &err);
	if (rc == 0)
		printf("imported %zu entr%s from %s (%s)\n", entries, entries == 1 ? "y" : "ies", a->pos[0], format);
	free(data);
	return rc;
}

static int glossary_export_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	const char *format = a->format ? a->format : "csv";
	if (strcmp(format, "csv") != 0 && strcmp(format, "tbx") != 0)
		return usage_error("glossary", "--format %s: use csv or tbx", format);
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(glossary_list(r, &op->actor, a->process, NULL, &g, &err), &err);
	if (rc == 0 && (strcmp(format, "tbx") == 0 ? glossary_write_tbx(stdout, &g) : glossary_write_csv(stdout, &g)))
		rc = fail(xstrdup("writing the glossary failed"));
	glossary_free(&g);
	return rc;
}

static const struct cli_subcommand glossary_subcommands[] = {
	{ "import", NULL, NULL, "process level", 1, glossary_import_command },
	{ "export", NULL, NULL, "process format", 0, glossary_export_command },
};

int cmd_glossary(const struct options *o, int argc, char **argv)
{
	return cli_run("glossary", o, argc, argv, glossary_subcommands,
		       sizeof glossary_subcommands / sizeof glossary_subcommands[0]);
}
