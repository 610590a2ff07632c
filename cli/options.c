/* options.c: a resource's declared fields as command-line options (--title T, --body-file F, --reader U) */
#include "cli.h"
#include "../core/xalloc.h"
#include "../core/buf.h"
#include "../io/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The option an argument names: "--name" or "--name=value" (then *inline
 * points at value). NULL for an argument that is not an option. */
static const char *option_name(const char *arg, char *buf, size_t size, const char **inline_value)
{
	*inline_value = NULL;
	if (strncmp(arg, "--", 2) != 0 || !arg[2])
		return NULL;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
	if (len >= size)
		len = size - 1;
	memcpy(buf, arg + 2, len);
	buf[len] = '\0';
	if (eq)
		*inline_value = eq + 1;
	return buf;
}

/* The field an option gives: --NAME, --NAME-file for long text read from
 * a file, the item option of a list; "-" in an option stands for "_" in a
 * name (--working-group). *from_file is set for --NAME-file. */
static const struct field *field_of(const struct field_values *v, const char *given, int *from_file)
{
	char opt[64];
	snprintf(opt, sizeof opt, "%s", given);
	for (char *c = opt; *c; c++)
		if (*c == '-' && strcmp(c, "-file") != 0)
			*c = '_';
	*from_file = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct field *f = &v->fields[i];
		size_t n = strlen(f->name);
		if (f->type == FIELD_LIST ? f->cli_item && strcmp(opt, f->cli_item) == 0 : strcmp(opt, f->name) == 0)
			return f;
		if (f->type == FIELD_TEXT && strncmp(opt, f->name, n) == 0 && strcmp(opt + n, "-file") == 0) {
			*from_file = 1;
			return f;
		}
	}
	return NULL;
}

static const struct cli_option *extra_of(const struct cli_option *extras, const char *opt)
{
	for (; extras && extras->name; extras++)
		if (strcmp(extras->name, opt) == 0)
			return extras;
	return NULL;
}

/* Gives field f the value arg (or the content of the file it names). */
static int give(const char *cmd, const struct field *f, const char *arg, int from_file, struct field_values *v)
{
	struct svc_error err = { 0 };
	char *why = NULL, *text = NULL;
	size_t len;
	if (from_file && !(text = file_read(arg, f->max ? f->max : 1024 * 1024, &len, &why)))
		return fail(why);
	if (text && strlen(text) != len) {
		free(text);
		return fail(xasprintf("%s: %s holds NUL bytes; give text", f->name, arg));
	}
	if (f->type == FIELD_LIST) {
		/* "--languages en,fr" as the forms take lists: split at commas */
		char *copy = xstrdup(arg), *rest = copy, *item;
		fields_give_list(v, f->name);
		while ((item = strsep(&rest, ",")))
			if (*item)
				fields_set(v, f->name, item, cmd, &err);
		free(copy);
	} else {
		fields_set(v, f->name, text ? text : arg, cmd, &err);
	}
	free(text);
	svc_error_free(&err);
	return 0;
}

/* Whether f is a choice of "no" and "yes", which a bare --NAME sets. */
static int yes_no(const struct field *f)
{
	return f->type == FIELD_CHOICE && f->choices && f->choices[0] && f->choices[1] && !f->choices[2] &&
	       strcmp(f->choices[0], "no") == 0 && strcmp(f->choices[1], "yes") == 0;
}

int cli_options(const char *cmd, int argc, char **argv, struct field_values *v,
		const struct cli_option *extras, const char **pos, int maxpos, int *npos)
{
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		char name[64];
		const char *value, *opt = option_name(argv[i], name, sizeof name, &value);
		if (!opt) {
			if (*npos == maxpos)
				return usage_error(cmd, "unexpected argument \"%s\"", argv[i]);
			pos[(*npos)++] = argv[i];
			continue;
		}
		int from_file;
		const struct field *f = v ? field_of(v, opt, &from_file) : NULL;
		const struct cli_option *x = f ? NULL : extra_of(extras, opt);
		if (!f && !x)
			return usage_error(cmd, "unknown option %s", argv[i]);
		if (x && x->flag) {
			if (value)
				return usage_error(cmd, "%s takes no value", argv[i]);
			*x->flag = 1;
			continue;
		}
		if (!value && f && yes_no(f) && (i + 1 == argc || argv[i + 1][0] == '-'))
			value = "yes";  /* --ordered alone says yes */
		if (!value && i + 1 == argc)
			return usage_error(cmd, "%s needs a value", argv[i]);
		if (!value)
			value = argv[++i];
		if (x && x->list)
			strlist_push(x->list, value);
		else if (x)
			*x->value = value;
		else if (give(cmd, f, value, from_file, v))
			return EXIT_NOT_FOUND;
	}
	return 0;
}

/* Whether the space-separated list names holds name. */
static int listed(const char *names, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = names; p && (p = strstr(p, name)); p += n)
		if ((p == names || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The options of a that sub takes, into table (room for 24). */
static void extras_of(const struct cli_subcommand *sub, struct cli_args *a, struct cli_option *table)
{
	const struct cli_option all[] = {
		{ "json", NULL, &a->json, NULL }, { "csv", NULL, &a->csv, NULL }, { "vcard", NULL, &a->vcard, NULL },
		{ "file", &a->file, NULL, NULL }, { "body-file", &a->body_file, NULL, NULL }, { "state", &a->state, NULL, NULL },
		{ "stale", &a->stale, NULL, NULL }, { "year", &a->year, NULL, NULL }, { "at", &a->at, NULL, NULL },
		{ "dry-run", NULL, &a->dry_run, NULL }, { "labels", NULL, &a->labels, NULL },
		{ "indicator", &a->indicator, NULL, NULL },
		{ "from", &a->from, NULL, NULL }, { "to", &a->to, NULL, NULL }, { "format", &a->format, NULL, NULL },
		{ "dims", &a->dims, NULL, NULL }, { "process", &a->process, NULL, NULL },
		{ "lang", &a->lang, NULL, NULL }, { "level", &a->level, NULL, NULL }, { "map", NULL, NULL, &a->map },
		{ "phase", &a->phase, NULL, NULL }, { "html", NULL, &a->html, NULL },
	};
	size_t k = 0;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (listed(sub->options, all[i].name))
			table[k++] = all[i];
	table[k] = (struct cli_option){ NULL, NULL, NULL, NULL };
}

int cli_run(const char *cmd, const struct options *o, int argc, char **argv, const struct cli_subcommand *subs,
	    size_t n)
{
	size_t k = 0;
	while (argc >= 2 && k < n && strcmp(subs[k].name, argv[1]) != 0)
		k++;
	if (argc < 2 || k == n) {
		struct buf names = { 0 };
		for (size_t i = 0; i < n; i++)
			buf_appendf(&names, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", subs[i].name);
		int rc = usage_error(cmd, "name a subcommand: %s", names.data);
		buf_free(&names);
		return rc;
	}
	return cli_run_one(cmd, o, argc - 1, argv + 1, &subs[k]);
}

int cli_run_one(const char *cmd, const struct options *o, int argc, char **argv, const struct cli_subcommand *sub)
{
	struct cli_args a = { 0 };
	struct cli_option extras[24];
	extras_of(sub, &a, extras);
	if (sub->fields)
		fields_init(&a.v, sub->fields, *sub->nfields);
	int rc = cli_options(cmd, argc, argv, sub->fields ? &a.v : NULL, extras, a.pos, sub->maxpos, &a.npos);
	struct registry *r = rc ? NULL : open_registry(o);
	if (!rc && !r)
		rc = EXIT_NOT_FOUND;
	if (r) {
		struct operator op;
		cli_operator(&op);
		rc = sub->run(r, &op, &a);
		registry_close(r);
	}
	fields_free(&a.v);
	strlist_free(&a.map);
	return rc;
}
