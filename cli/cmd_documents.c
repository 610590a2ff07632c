/* cmd_documents.c: rcphub doc: a process's documents from the shell: add, list, show, update, delete */
#include "cli.h"
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

/* What a doc subcommand was given. */
struct doc_args {
	struct field_values v;
	const char *file;  /* --file: a file to attach */
	int json;
	const char *pos[1];
	int npos;
	char *bytes;       /* the file's content */
	size_t len;
	struct attachment att;
};

static void doc_args_free(struct doc_args *d)
{
	fields_free(&d->v);
	free(d->bytes);
}

/* Reads the options of a subcommand: the fields when with_fields, --file
 * when with_file, --json, and one positional argument. */
static int parse(const char *cmd, int argc, char **argv, int with_fields, int with_file, struct doc_args *d)
{
	memset(d, 0, sizeof *d);
	fields_init(&d->v, documents_fields, documents_nfields);
	const struct cli_option extras[] = {
		{ "json", NULL, &d->json },
		{ with_file ? "file" : NULL, &d->file, NULL },
		{ NULL, NULL, NULL },
	};
	int rc = cli_options(cmd, argc, argv, with_fields ? &d->v : NULL, extras, d->pos, 1, &d->npos);
	if (rc == 0 && d->npos != 1)
		rc = usage_error("doc", "%s", "name one process or document");
	char *why = NULL;
	if (rc == 0 && d->file && !(d->bytes = file_read(d->file, DOC_ATTACHMENT_MAX, &d->len, &why)))
		rc = fail(why);
	if (rc == 0 && d->file) {
		const char *base = strrchr(d->file, '/');
		d->att = (struct attachment){ base ? base + 1 : d->file, media_type(d->file), d->bytes, d->len };
	}
	return rc;
}

/* The document number an argument gives, or -1 after reporting. */
static long long document_id(const char *arg)
{
	char *end;
	long long id = strtoll(arg, &end, 10);
	if (*arg && !*end && id > 0)
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

static int doc_add(struct registry *r, const struct operator *op, const struct doc_args *d)
{
	long long id = 0;
	struct svc_error err = { 0 };
	int rc = outcome(documents_add(r, &op->actor, d->pos[0], &d->v, d->file ? &d->att : NULL, &id, &err),
			 &err);
	return rc ? rc : report(r, op, id, d->json, "added");
}

static int doc_update(struct registry *r, const struct operator *op, const struct doc_args *d)
{
	long long id = document_id(d->pos[0]);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(documents_update(r, &op->actor, id, &d->v, d->file ? &d->att : NULL, &err), &err);
	return rc ? rc : report(r, op, id, d->json, "changed");
}

static int doc_delete(struct registry *r, const struct operator *op, const struct doc_args *d)
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

static int doc_show(struct registry *r, const struct operator *op, const struct doc_args *d)
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

static int doc_list(struct registry *r, const struct operator *op, const struct doc_args *d)
{
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

/* The doc subcommands: what they take and do. */
static const struct {
	const char *name;
	int fields, file;
	int (*run)(struct registry *, const struct operator *, const struct doc_args *);
} subcommands[] = {
	{ "add", 1, 1, doc_add },
	{ "list", 0, 0, doc_list },
	{ "show", 0, 0, doc_show },
	{ "update", 1, 1, doc_update },
	{ "delete", 0, 0, doc_delete },
};

int cmd_doc(const struct options *o, int argc, char **argv)
{
	size_t k = 0, n = sizeof subcommands / sizeof subcommands[0];
	while (argc >= 2 && k < n && strcmp(subcommands[k].name, argv[1]) != 0)
		k++;
	if (argc < 2 || k == n)
		return usage_error("doc", "%s", "name a subcommand: add, list, show, update or delete");
	struct doc_args d;
	int rc = parse("doc", argc - 1, argv + 1, subcommands[k].fields, subcommands[k].file, &d);
	struct registry *r = rc ? NULL : open_registry(o);
	if (!rc && !r)
		rc = EXIT_NOT_FOUND;
	if (r) {
		struct operator op;
		cli_operator(&op);
		rc = subcommands[k].run(r, &op, &d);
		registry_close(r);
	}
	doc_args_free(&d);
	return rc;
}
