/* fields.h: a resource's fields, declared once: what every front end reads, checks and shows */
#ifndef RCPHUB_FIELDS_H
#define RCPHUB_FIELDS_H

#include "service.h"
#include "../core/model.h"

#include <stddef.h>

enum field_type {
	FIELD_LINE,    /* one line of text */
	FIELD_TEXT,    /* text of several lines (Markdown) */
	FIELD_DATE,    /* a real day, YYYY-MM-DD */
	FIELD_CHOICE,  /* one of the declared choices */
	FIELD_NAME,    /* a name the registry knows (a state), resolved by the service */
	FIELD_LIST,    /* several short items (logins) */
};

enum field_flags {
	FIELD_REQUIRED = 1,   /* a new record must have it */
	FIELD_CLEARABLE = 2,  /* "" (or JSON null) empties it */
};

/* One field of a resource. The table of a resource lives beside its
 * service (documents_fields) and is the only place its fields are named:
 * the JSON and form readers, the CLI's options, the HTML form and the
 * error messages all read it. */
struct field {
	const char *name;             /* in JSON, forms, errors, and the CLI's --NAME */
	const char *label;            /* for people: the form's label */
	enum field_type type;
	unsigned flags;
	size_t max;                   /* most bytes (FIELD_LINE, FIELD_TEXT, each FIELD_LIST item) */
	const char *const *choices;   /* FIELD_CHOICE: NULL-terminated */
	const char *cli_item;         /* FIELD_LIST: the CLI option that gives one item (--reader) */
	const char *hint;             /* what to give, for forms and errors */
	const char *def;              /* what a new form shows first and, unless the field is
				       * required, what a new record has when it is not given */
};

/* What a caller gave for a table's fields: per field, its text (NULL:
 * not given) or, for FIELD_LIST, its items (given when list_given). All
 * strings are copies owned here (fields_free). */
struct field_values {
	const struct field *fields;
	size_t n;
	char **text;
	struct strlist *lists;
	int *list_given;
};

void fields_init(struct field_values *v, const struct field *fields, size_t n);
void fields_free(struct field_values *v);
/* The field called name, or NULL. */
const struct field *fields_find(const struct field *fields, size_t n, const char *name);
/* Gives field name the value text (copied); for FIELD_LIST, adds one
 * item. A name not in the table is SVC_INVALID "NAME: is not a field of
 * WHAT". */
enum svc_status fields_set(struct field_values *v, const char *name, const char *text,
			   const char *what, struct svc_error *err);
/* Gives every field that has a default and no value its default: what a
 * form for a new record shows. */
void fields_defaults(struct field_values *v);
/* Marks a FIELD_LIST given, with no items so far (an empty list clears it). */
void fields_give_list(struct field_values *v, const char *name);
/* The text given for name; else, for a new record, the field's default;
 * else NULL. */
const char *fields_text_or_default(const struct field_values *v, const char *name, int creating);
/* The text given for name, or NULL; the items given, or NULL. */
const char *fields_text(const struct field_values *v, const char *name);
const struct strlist *fields_list(const struct field_values *v, const char *name);
/* Checks each value given against its declaration (UTF-8, length, one
 * line, a real day, a declared choice) and, when creating, that every
 * required field is given. SVC_INVALID names the field (or item,
 * "readers[2]"). */
enum svc_status fields_check(const struct field_values *v, int creating, struct svc_error *err);
/* Whether s is YYYY-MM-DD naming a real day. */
int fields_valid_date(const char *s);

#endif
