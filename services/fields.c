/* fields.c: a resource's fields, declared once: reading values by name and checking them */
#include "fields.h"
#include "../core/period.h"
#include "../core/buf.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fields_init(struct field_values *v, const struct field *fields, size_t n)
{
	v->fields = fields;
	v->n = n;
	v->text = xcalloc(n + 1, sizeof *v->text);
	v->lists = xcalloc(n + 1, sizeof *v->lists);
	v->list_given = xcalloc(n + 1, sizeof *v->list_given);
}

void fields_free(struct field_values *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->text[i]);
		strlist_free(&v->lists[i]);
	}
	free(v->text);
	free(v->lists);
	free(v->list_given);
	memset(v, 0, sizeof *v);
}

const struct field *fields_find(const struct field *fields, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

static long index_of(const struct field_values *v, const char *name)
{
	const struct field *f = fields_find(v->fields, v->n, name);
	return f ? (long)(f - v->fields) : -1;
}

enum svc_status fields_set(struct field_values *v, const char *name, const char *text,
			   const char *what, struct svc_error *err)
{
	long i = index_of(v, name);
	if (i < 0)
		return svc_fail(err, SVC_INVALID, name, "is not a field of %s", what);
	if (v->fields[i].type == FIELD_LIST) {
		v->list_given[i] = 1;
		strlist_push(&v->lists[i], text);
	} else {
		free(v->text[i]);
		v->text[i] = xstrdup(text);
	}
	return SVC_OK;
}

void fields_defaults(struct field_values *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->fields[i].def && !v->text[i])
			v->text[i] = xstrdup(v->fields[i].def);
}

void fields_give_list(struct field_values *v, const char *name)
{
	long i = index_of(v, name);
	if (i >= 0)
		v->list_given[i] = 1;
}

const char *fields_text(const struct field_values *v, const char *name)
{
	long i = index_of(v, name);
	return i < 0 ? NULL : v->text[i];
}

const char *fields_text_or_default(const struct field_values *v, const char *name, int creating)
{
	long i = index_of(v, name);
	if (i < 0)
		return NULL;
	return v->text[i] ? v->text[i] : creating ? v->fields[i].def : NULL;
}

const struct strlist *fields_list(const struct field_values *v, const char *name)
{
	long i = index_of(v, name);
	return i < 0 || !v->list_given[i] ? NULL : &v->lists[i];
}

int fields_valid_date(const char *s)
{
	return strlen(s) == 10 && period_date_valid(s);
}

static int one_line(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int is_choice(const struct field *f, const char *s)
{
	for (const char *const *c = f->choices; c && *c; c++)
		if (strcmp(*c, s) == 0)
			return 1;
	return 0;
}

/* "use a, b or c" for a choice field (caller frees). */
static char *choices_text(const struct field *f)
{
	struct buf b = { 0 };
	buf_appendf(&b, "use ");
	for (const char *const *c = f->choices; c && *c; c++)
		buf_appendf(&b, "%s%s", c == f->choices ? "" : c[1] ? ", " : " or ", *c);
	return buf_release(&b, NULL);
}

/* Checks one text value of f; field is the name to report. */
static enum svc_status check_text(const struct field *f, const char *field, const char *s,
				  struct svc_error *err)
{
	size_t len = strlen(s);
	if (!*s && (f->flags & FIELD_CLEARABLE))
		return SVC_OK;
	if (!*s && f->type != FIELD_TEXT)
		return svc_fail(err, SVC_INVALID, field, "must not be empty%s%s", f->hint ? ": " : "",
				f->hint ? f->hint : "");
	if (!text_is_utf8(s))
		return svc_fail(err, SVC_INVALID, field, "must be UTF-8 text");
	if (f->max && len > f->max)
		return svc_fail(err, SVC_INVALID, field, "at most %zu bytes, not %zu", f->max, len);
	switch (f->type) {
	case FIELD_TEXT:
		return SVC_OK;
	case FIELD_DATE:
		return fields_valid_date(s) ? SVC_OK : svc_fail(err, SVC_INVALID, field, "use a real day as YYYY-MM-DD");
	case FIELD_CHOICE:
		return is_choice(f, s) ? SVC_OK : svc_fail_with(err, SVC_INVALID, field, choices_text(f));
	default:
		return one_line(s) ? SVC_OK : svc_fail(err, SVC_INVALID, field, "must be one line of text");
	}
}

enum svc_status fields_check(const struct field_values *v, int creating, struct svc_error *err)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct field *f = &v->fields[i];
		int given = f->type == FIELD_LIST ? v->list_given[i] : v->text[i] != NULL;
		if (!given && creating && (f->flags & FIELD_REQUIRED) && f->choices) {
			char *choices = choices_text(f);
			svc_fail(err, SVC_INVALID, f->name, "is required: %s", choices);
			free(choices);
			return SVC_INVALID;
		}
		if (!given && creating && (f->flags & FIELD_REQUIRED))
			return svc_fail(err, SVC_INVALID, f->name, "is required%s%s", f->hint ? ": " : "",
					f->hint ? f->hint : "");
		enum svc_status st = SVC_OK;
		if (f->type != FIELD_LIST && v->text[i])
			st = check_text(f, f->name, v->text[i], err);
		for (size_t k = 0; st == SVC_OK && f->type == FIELD_LIST && k < v->lists[i].n; k++) {
			char item[64];
			snprintf(item, sizeof item, "%s[%zu]", f->name, k);
			st = check_text(f, item, v->lists[i].items[k], err);
		}
		if (st)
			return st;
	}
	return SVC_OK;
}
