/* cmd_documents.c: rcphub doc: a process's documents from the shell: add, list, show, update, delete */
#include "cli.h"
#include "../core/period.h"
#include "../core/xalloc.h"
#include "../io/file.h"
#include "../io/json_out.h"
#include "../services/documents.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The file --file names, read into *att (its bytes in *bytes, which the
 * caller frees), or none: 0, or the exit status after reporting. */
static int attachment_of(const struct cli_args *a, struct attachment *att, char **bytes)
{
	size_t len = 0;
	char *why = NULL;
	*bytes = NULL;
	if (!a->file)
		return 0;
	if (!(*bytes = file_read(a->file, DOC_ATTACHMENT_MAX, &len, &why)))
		return fail(why);
	const char *base = strrchr(a->file, '/');
	*att = (struct attachment){ base ? base + 1 : a->file, media_type(a->file), *bytes, len };
	return 0;
}

/* The document number an argument gives, or -1 after reporting. */
static long long document_id(const char *arg)
{
	char *end;
	long long id = arg ? strtoll(arg, &end, 10) : 0;
	if (!arg)
		arg = "";
	if (id > 0 && !*end)
		return id;
	usage_error("doc", "\"%s\" is not a document number", arg);
	return -1;
}

/* Prints document id as JSON (with json) or says what was done. */
static int report(struct registry *r, const struct operator *op, long long id, int json, const char *done)
{
	struct document doc;
	struct svc_error err = { 0 };
	if (!json) {
		printf("%s document %lld\n", done, id);
		return 0;
	}
	int rc = outcome(documents_get(r, &op->actor, id, &doc, &err), &err);
	if (rc == 0) {
		json_print(json_document(&doc, 1));
		document_free(&doc);
	}
	return rc;
}

static int doc_add(struct registry *r, const struct operator *op, struct cli_args *d)
{
	long long id = 0;
	struct svc_error err = { 0 };
	struct attachment att;
	char *bytes;
	if (d->npos != 1)
		return usage_error("doc", "%s", "name one process");
	int rc = attachment_of(d, &att, &bytes);
	if (rc == 0)
		rc = outcome(documents_add(r, &op->actor, d->pos[0], &d->v, d->file ? &att : NULL, &id, &err), &err);
	free(bytes);
	return rc ? rc : report(r, op, id, d->json, "added");
}

static int doc_update(struct registry *r, const struct operator *op, struct cli_args *d)
{
	long long id = document_id(d->pos[0]);
	struct svc_error err = { 0 };
	struct attachment att;
	char *bytes;
	if (id < 0)
		return EXIT_USAGE;
	int rc = attachment_of(d, &att, &bytes);
	if (rc == 0)
		rc = outcome(documents_update(r, &op->actor, id, &d->v, d->file ? &att : NULL, &err), &err);
	free(bytes);
	return rc ? rc : report(r, op, id, d->json, "changed");
}

static int doc_delete(struct registry *r, const struct operator *op, struct cli_args *d)
{
	long long id = document_id(d->pos[0]);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(documents_delete(r, &op->actor, id, &err), &err);
	if (rc == 0)
		printf("deleted document %lld\n", id);
	return rc;
}

static int doc_show(struct registry *r, const struct operator *op, struct cli_args *d)
{
	long long id = document_id(d->pos[0]);
	struct document doc;
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(documents_get(r, &op->actor, id, &doc, &err), &err);
	if (rc)
		return rc;
	if (d->json) {
		json_print(json_document(&doc, 1));
	} else {
		printf("%s\n%s, %s, %s%s%s\n", doc.title, doc.process, doc_kind_name(doc.kind), level_name(doc.level),
		       doc.issued ? ", " : "", doc.issued ? doc.issued : "");
		if (doc.attachment_name)
			printf("file: %s (%lld bytes)\n", doc.attachment_name, doc.attachment_size);
		if (doc.body && *doc.body)
			printf("\n%s\n", doc.body);
	}
	document_free(&doc);
	return 0;
}

static int doc_list(struct registry *r, const struct operator *op, struct cli_args *d)
{
	if (d->npos != 1)
		return usage_error("doc", "%s", "name one process");
	struct document_list docs = { 0 };
	long total = 0;
	struct svc_error err = { 0 };
	int rc = outcome(documents_list(r, &op->actor, d->pos[0], 1000000, 0, &docs, &total, &err), &err);
	if (rc == 0 && d->json) {
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

static int doc_versions(struct registry *r, const struct operator *op, struct cli_args *d)
{
	long long id = document_id(d->pos[0]);
	if (id < 0)
		return EXIT_USAGE;
	struct document_list l = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(documents_versions(r, &op->actor, id, &l, &err), &err);
	if (rc == 0 && d->json) {
		json_t *items = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(items, json_document_version(&l.items[i], 0));
		json_print(items);
	} else if (rc == 0) {
		for (size_t i = 0; i < l.n; i++) {
			char day[11];
			period_day_of(l.items[i].updated_at, day);
			printf("%-4d %s  %-16s %-12s %s\n", l.items[i].version, day, l.items[i].changed_by,
			       level_name(l.items[i].level), l.items[i].title);
		}
	}
	document_list_free(&l);
	return rc;
}

static const struct cli_subcommand subcommands[] = {
	{ "add", documents_fields, &documents_nfields, "json file", 1, doc_add },
	{ "list", NULL, NULL, "json", 1, doc_list },
	{ "show", NULL, NULL, "json", 1, doc_show },
	{ "versions", NULL, NULL, "json", 1, doc_versions },
	{ "update", documents_fields, &documents_nfields, "json file", 1, doc_update },
	{ "delete", NULL, NULL, "", 1, doc_delete },
};

int cmd_doc(const struct options *o, int argc, char **argv)
{
	return cli_run("doc", o, argc, argv, subcommands, sizeof subcommands / sizeof subcommands[0]);
}
