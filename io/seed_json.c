/* seed_json.c: reading the seed data files under data/ into registry types */
#include "seed_json.h"
#include "../core/period.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2100

struct ctx {
	json_t *root;
	char *text;  /* NUL-terminated copy of the file */
	struct seed_error *err;
};

void seed_error_free(struct seed_error *e)
{
	free(e->field);
	free(e->message);
	memset(e, 0, sizeof *e);
}

/* Counts the strings (values and keys) equal to needle that come before
 * target in document order; sets *found once target is reached. */
static void count_before(json_t *cur, json_t *target, const char *needle,
			 int *count, int *found)
{
	if (*found)
		return;
	if (cur == target) {
		*found = 1;
		return;
	}
	if (json_is_string(cur)) {
		*count += strcmp(json_string_value(cur), needle) == 0;
	} else if (json_is_object(cur)) {
		const char *key;
		json_t *v;
		json_object_foreach(cur, key, v) {
			*count += strcmp(key, needle) == 0;
			count_before(v, target, needle, count, found);
			if (*found)
				return;
		}
	} else if (json_is_array(cur)) {
		size_t i;
		json_t *v;
		json_array_foreach(cur, i, v) {
			count_before(v, target, needle, count, found);
			if (*found)
				return;
		}
	}
}

/* The first string at or below node, depth first, or NULL. */
static json_t *first_string(json_t *node)
{
	if (!node || json_is_string(node))
		return node;
	json_t *v, *s;
	if (json_is_object(node)) {
		void *it = json_object_iter(node);
		return it ? first_string(json_object_iter_value(it)) : NULL;
	}
	size_t i;
	json_array_foreach(node, i, v)
		if ((s = first_string(v)))
			return s;
	return NULL;
}

/* The line where node stands in the file, found through the first string
 * at or below it; 0 if it cannot be told. */
static int locate(struct ctx *c, json_t *node)
{
	json_t *str = first_string(node);
	if (!str)
		return 0;
	int count = 0, found = 0;
	count_before(c->root, str, json_string_value(str), &count, &found);
	char *needle = json_dumps(str, JSON_ENCODE_ANY);
	if (!needle)
		return 0;
	const char *p = c->text;
	for (int i = 0; p && i <= count; i++) {
		const char *hit = strstr(p, needle);
		if (i == count && hit) {
			int line = 1;
			for (const char *q = c->text; q < hit; q++)
				line += *q == '\n';
			free(needle);
			return line;
		}
		p = hit ? hit + 1 : NULL;
	}
	free(needle);
	return 0;
}

/* v if a line can be told from it, else its parent. */
static json_t *where(json_t *v, json_t *parent)
{
	return first_string(v) ? v : parent;
}

__attribute__((format(printf, 4, 5)))
static int fail(struct ctx *c, json_t *node, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	c->err->line = locate(c, node);
	c->err->field = xstrdup(field);
	c->err->message = msg;
	return -1;
}

static char *field_of(const char *path, const char *key)
{
	return *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

/* Fails unless every key of obj is one of allowed (NULL-terminated). */
static int known_keys(struct ctx *c, json_t *obj, const char *path,
		      const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		int ok = 0;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			char *field = field_of(path, key);
			int rc = fail(c, where(v, obj), field, "unknown field \"%s\"", key);
			free(field);
			return rc;
		}
	}
	return 0;
}

/* Reads obj[key] as a non-empty string into a new *out; a missing key is
 * an error if required, else leaves *out NULL. */
static int get_string(struct ctx *c, json_t *obj, const char *path,
		      const char *key, int required, char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v && !required)
		return 0;
	char *field = field_of(path, key);
	int rc = 0;
	if (!v)
		rc = fail(c, obj, field, "missing");
	else if (!json_is_string(v))
		rc = fail(c, where(v, obj), field, "must be a string");
	else if (!text_is_utf8(json_string_value(v)) || json_string_length(v) != strlen(json_string_value(v)))
		rc = fail(c, v, field, "must be UTF-8 text without NUL");
	else if (required && json_string_length(v) == 0)
		rc = fail(c, v, field, "must not be empty");
	else
		*out = xstrdup(json_string_value(v));
	free(field);
	return rc;
}

static int get_year(struct ctx *c, json_t *obj, const char *path,
		    const char *key, int required, int *out)
{
	json_t *v = json_object_get(obj, key);
	*out = 0;
	if (!v && !required)
		return 0;
	char *field = field_of(path, key);
	int rc = 0;
	if (!v)
		rc = fail(c, obj, field, "missing");
	else if (!json_is_integer(v) || json_integer_value(v) < YEAR_MIN ||
		 json_integer_value(v) > YEAR_MAX)
		rc = fail(c, where(v, obj), field, "must be a year from %d to %d", YEAR_MIN, YEAR_MAX);
	else
		*out = (int)json_integer_value(v);
	free(field);
	return rc;
}

/* Reads obj[key], an array of strings, appending them to *out. */
static int get_strings(struct ctx *c, json_t *obj, const char *path,
		       const char *key, int required, struct strlist *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v && !required)
		return 0;
	char *field = field_of(path, key);
	int rc = 0;
	if (!v) {
		rc = fail(c, obj, field, "missing");
	} else if (!json_is_array(v)) {
		rc = fail(c, where(v, obj), field, "must be a list of strings");
	} else {
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item) {
			if (!json_is_string(item) || json_string_length(item) == 0 ||
			    !text_is_utf8(json_string_value(item)) ||
			    json_string_length(item) != strlen(json_string_value(item))) {
				char *f = xasprintf("%s[%zu]", field, i);
				rc = fail(c, where(item, v), f, "must be a non-empty UTF-8 string");
				free(f);
				break;
			}
			strlist_push(out, json_string_value(item));
		}
	}
	free(field);
	return rc;
}

/* Reads obj.aliases: each a name (the process's source says it) or
 * {"name", "source": a source's id} for a name another source gives,
 * into p's aliases and alias_sources ("" for the process's own). */
static int get_aliases(struct ctx *c, json_t *obj, struct process *p)
{
	json_t *v = json_object_get(obj, "aliases");
	if (!v)
		return 0;
	if (!json_is_array(v))
		return fail(c, v, "aliases", "must be a list of names or {name, source} objects");
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item) {
		char *path = xasprintf("aliases[%zu]", i);
		int rc = 0;
		if (json_is_object(item)) {
			static const char *const keys[] = { "name", "source", NULL };
			char *name = NULL, *source = NULL;
			rc = known_keys(c, item, path, keys) || get_string(c, item, path, "name", 1, &name) ||
			     get_string(c, item, path, "source", 1, &source);
			if (!rc) {
				strlist_push(&p->aliases, name);
				strlist_push(&p->alias_sources, source);
			}
			free(name);
			free(source);
		} else if (json_is_string(item) && json_string_length(item) && text_is_utf8(json_string_value(item)) &&
			   json_string_length(item) == strlen(json_string_value(item))) {
			strlist_push(&p->aliases, json_string_value(item));
			strlist_push(&p->alias_sources, "");
		} else {
			rc = fail(c, item, path, "must be a non-empty UTF-8 name or a {name, source} object");
		}
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

/* Reads obj[key] as a name to resolve later. */
static int get_ref(struct ctx *c, json_t *obj, const char *path, const char *key,
		   enum seed_ref_kind kind, struct seed_ref *out)
{
	memset(out, 0, sizeof *out);
	out->kind = kind;
	if (get_string(c, obj, path, key, 1, &out->name))
		return -1;
	out->field = field_of(path, key);
	out->line = locate(c, json_object_get(obj, key));
	return 0;
}

/* Reads obj[key], a list of names, into a new array of refs. */
static int get_refs(struct ctx *c, json_t *obj, const char *path, const char *key,
		    enum seed_ref_kind kind, struct seed_ref **out, size_t *n)
{
	struct strlist names = { 0 };
	*out = NULL;
	*n = 0;
	if (get_strings(c, obj, path, key, 0, &names)) {
		strlist_free(&names);
		return -1;
	}
	json_t *arr = json_object_get(obj, key);
	*out = xcalloc(names.n + 1, sizeof **out);
	for (size_t i = 0; i < names.n; i++) {
		struct seed_ref *r = &(*out)[i];
		r->kind = kind;
		r->name = names.items[i];
		r->field = xasprintf("%s%s%s[%zu]", path, *path ? "." : "", key, i);
		r->line = locate(c, json_array_get(arr, i));
	}
	*n = names.n;
	free(names.items);
	return 0;
}

static void seed_ref_free(struct seed_ref *r)
{
	free(r->name);
	free(r->field);
}

static void seed_refs_free(struct seed_ref *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		seed_ref_free(&r[i]);
	free(r);
}

/* Parses text into c->root; fails with jansson's line and message. */
static int load(struct ctx *c, const char *text, size_t len, struct seed_error *err)
{
	memset(err, 0, sizeof *err);
	c->err = err;
	c->text = xmalloc(len + 1);
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	json_error_t je;
	c->root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!c->root) {
		err->line = je.line > 0 ? je.line : 0;
		err->field = xstrdup("(syntax)");
		err->message = xstrdup(je.text);
		free(c->text);
		return -1;
	}
	if (!json_is_object(c->root)) {
		fail(c, c->root, "(top)", "must be an object");
		json_decref(c->root);
		free(c->text);
		return -1;
	}
	return 0;
}

static void unload(struct ctx *c)
{
	json_decref(c->root);
	free(c->text);
}

/* The array at root[key], or NULL after failing. */
static json_t *get_array(struct ctx *c, json_t *obj, const char *path, const char *key)
{
	json_t *v = json_object_get(obj, key);
	char *field = field_of(path, key);
	if (!v)
		fail(c, obj, field, "missing");
	else if (!json_is_array(v))
		fail(c, v, field, "must be a list");
	free(field);
	return v && json_is_array(v) ? v : NULL;
}

/* The object at array index i, or NULL after failing. */
static json_t *get_item(struct ctx *c, json_t *arr, const char *key, size_t i, char **path)
{
	json_t *v = json_array_get(arr, i);
	*path = xasprintf("%s[%zu]", key, i);
	if (!json_is_object(v)) {
		fail(c, where(v, arr), *path, "must be an object");
		free(*path);
		*path = NULL;
		return NULL;
	}
	return v;
}

static int check_slug(struct ctx *c, json_t *obj, const char *field, const char *slug)
{
	for (const char *p = slug; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return fail(c, json_object_get(obj, "slug"), field,
				    "\"%s\" must use only a-z, 0-9 and '-'", slug);
	return 0;
}

/* ---- process files ---- */

/* Reads obj.source: {document, section, as_of, as_of_stated (default
 * true)} into prov; path names obj in messages. */
static int parse_provenance(struct ctx *c, json_t *obj, const char *path, struct provenance *prov)
{
	json_t *src = json_object_get(obj, "source");
	char *field = *path ? xasprintf("%s.source", path) : xstrdup("source");
	static const char *const keys[] = { "document", "section", "as_of", "as_of_stated", NULL };
	json_t *stated = src ? json_object_get(src, "as_of_stated") : NULL;
	int rc;
	if (!src || !json_is_object(src))
		rc = fail(c, src ? src : obj, field, "must be an object with document, section and as_of");
	else if (stated && !json_is_boolean(stated))
		rc = fail(c, stated, field, "as_of_stated must be true or false");
	else
		rc = known_keys(c, src, field, keys) ||
		     get_string(c, src, field, "document", 1, &prov->source) ||
		     get_string(c, src, field, "section", 1, &prov->section) ||
		     get_string(c, src, field, "as_of", 1, &prov->as_of);
	if (!rc && !provenance_year(prov))
		rc = fail(c, json_object_get(src, "as_of"), field,
			  "as_of \"%s\" must begin with a year (YYYY, YYYY-MM or YYYY-MM-DD)", prov->as_of);
	prov->inferred = stated && json_is_false(stated);
	free(field);
	return rc ? -1 : 0;
}

/* Reads obj[key]: each a text (the process's source says it) or
 * {"text", "source": {document, section, as_of, as_of_stated}} for a text
 * another source gives, appended to out. */
static int get_text_list(struct ctx *c, json_t *obj, const char *key, int required, struct text_list *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return required ? fail(c, obj, key, "missing") : 0;
	if (!json_is_array(v))
		return fail(c, v, key, "must be a list of texts or {text, source} objects");
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item) {
		char *path = xasprintf("%s[%zu]", key, i);
		int rc = 0;
		if (json_is_object(item)) {
			static const char *const keys[] = { "text", "source", NULL };
			char *text = NULL;
			struct provenance prov = { 0 };
			rc = known_keys(c, item, path, keys) || get_string(c, item, path, "text", 1, &text) ||
			     parse_provenance(c, item, path, &prov);
			if (!rc)
				text_list_push(out, text, &prov);
			free(text);
			provenance_free(&prov);
		} else if (json_is_string(item) && json_string_length(item) && text_is_utf8(json_string_value(item)) &&
			   json_string_length(item) == strlen(json_string_value(item))) {
			text_list_push(out, json_string_value(item), NULL);
		} else {
			rc = fail(c, item, path, "must be a non-empty UTF-8 text or a {text, source} object");
		}
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

static int parse_secretariat(struct ctx *c, json_t *obj, struct seed_process *sp)
{
	static const char *const arrangements[] = {
		"none", "hosted", "joint", "permanent", "steering-group", "technical", "unknown", NULL
	};
	static const char *const keys[] = { "arrangement", "text", "organisations", "since", NULL };
	json_t *sec = json_object_get(obj, "secretariat");
	if (!sec || !json_is_object(sec))
		return fail(c, sec ? sec : obj, "secretariat", "must be an object");
	struct process *p = &sp->p;
	if (known_keys(c, sec, "secretariat", keys) ||
	    get_string(c, sec, "secretariat", "arrangement", 1, &p->secretariat_arrangement) ||
	    get_string(c, sec, "secretariat", "text", 1, &p->secretariat_text) ||
	    get_year(c, sec, "secretariat", "since", 0, &p->secretariat_since) ||
	    get_refs(c, sec, "secretariat", "organisations", REF_ORGANISATION,
		     &sp->secretariat, &sp->nsecretariat))
		return -1;
	for (const char *const *a = arrangements; *a; a++)
		if (strcmp(*a, p->secretariat_arrangement) == 0)
			return 0;
	return fail(c, json_object_get(sec, "arrangement"), "secretariat.arrangement",
		    "\"%s\" is not one of none, hosted, joint, permanent, steering-group, technical",
		    p->secretariat_arrangement);
}

/* Reads the one party key an entry has: country, organisation, group. */
static int get_party(struct ctx *c, json_t *obj, const char *path, struct seed_ref *out)
{
	static const struct {
		const char *key;
		enum seed_ref_kind kind;
	} kinds[] = { { "country", REF_COUNTRY }, { "organisation", REF_ORGANISATION }, { "group", REF_GROUP } };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (json_object_get(obj, kinds[i].key))
			return get_ref(c, obj, path, kinds[i].key, kinds[i].kind, out);
	return fail(c, obj, path, "names no party: needs country, countries, organisation, organisations or group");
}

static int span_check(struct ctx *c, json_t *obj, const char *path, int since, int until)
{
	if (since && until && until <= since) {
		char *field = field_of(path, "until");
		int rc = fail(c, obj, field,
			      "%d is not after since (%d)", until, since);
		free(field);
		return rc;
	}
	return 0;
}

static int parse_leaders(struct ctx *c, json_t *obj, struct seed_process *sp)
{
	static const char *const keys[] = { "position", "country", "organisation", "portfolio", "since", "until",
					    "source", NULL };
	static const char *const posts[] = { "chair", "co-chair", "steering-group", "thematic-coordinator", NULL };
	json_t *arr = json_object_get(obj, "leadership");
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return fail(c, arr, "leadership", "must be a list");
	sp->leaders = xcalloc(json_array_size(arr) + 1, sizeof *sp->leaders);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char *path;
		json_t *item = get_item(c, arr, "leadership", i, &path);
		if (!item)
			return -1;
		struct seed_leader *l = &sp->leaders[sp->nleaders++];
		int rc = known_keys(c, item, path, keys) ||
			 get_string(c, item, path, "position", 1, &l->position) ||
			 get_party(c, item, path, &l->ref) ||
			 get_string(c, item, path, "portfolio", 0, &l->portfolio) ||
			 get_year(c, item, path, "since", 0, &l->since) ||
			 get_year(c, item, path, "until", 0, &l->until) ||
			 span_check(c, item, path, l->since, l->until) ||
			 (json_object_get(item, "source") && parse_provenance(c, item, path, &l->prov));
		int known = 0;
		for (const char *const *p = posts; !rc && *p; p++)
			known |= strcmp(*p, l->position) == 0;
		if (!rc && !known)
			rc = fail(c, json_object_get(item, "position"), path,
				  "position \"%s\" is not one of chair, co-chair, steering-group, thematic-coordinator",
				  l->position);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

static int parse_groups(struct ctx *c, json_t *obj, struct seed_process *sp)
{
	static const char *const keys[] = { "name", "chairs", "co_chairs", "source", NULL };
	json_t *arr = json_object_get(obj, "working_groups");
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return fail(c, arr, "working_groups", "must be a list");
	sp->groups = xcalloc(json_array_size(arr) + 1, sizeof *sp->groups);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char *path;
		json_t *item = get_item(c, arr, "working_groups", i, &path);
		if (!item)
			return -1;
		struct seed_group *g = &sp->groups[sp->ngroups++];
		int rc = known_keys(c, item, path, keys) ||
			 get_string(c, item, path, "name", 1, &g->name) ||
			 get_refs(c, item, path, "chairs", REF_COUNTRY, &g->chairs, &g->nchairs) ||
			 get_refs(c, item, path, "co_chairs", REF_COUNTRY, &g->co_chairs, &g->nco_chairs) ||
			 (json_object_get(item, "source") && parse_provenance(c, item, path, &g->prov));
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

/* Appends one entry per party named in item, all sharing its qualifiers. */
static int parse_entry(struct ctx *c, json_t *item, const char *path, struct seed_process *sp)
{
	static const char *const keys[] = {
		"role", "status", "since", "until", "label", "note", "source",
		"country", "countries", "organisation", "organisations", "group", NULL
	};
	struct seed_entry proto = { 0 };
	char *role = NULL, *status = NULL;
	struct seed_ref *refs = NULL;
	size_t nrefs = 0;
	int rc = known_keys(c, item, path, keys) ||
		 get_string(c, item, path, "role", 1, &role) ||
		 get_string(c, item, path, "status", 0, &status) ||
		 get_year(c, item, path, "since", 0, &proto.since) ||
		 get_year(c, item, path, "until", 0, &proto.until) ||
		 span_check(c, item, path, proto.since, proto.until) ||
		 get_string(c, item, path, "label", 0, &proto.label) ||
		 get_string(c, item, path, "note", 0, &proto.note) ||
		 (json_object_get(item, "source") && parse_provenance(c, item, path, &proto.prov));
	if (!rc && role_parse(role) < 0)
		rc = fail(c, json_object_get(item, "role"), path,
			  "role \"%s\" is not one of member, observer, partner, participant, activity-partner", role);
	if (!rc && status && status_parse(status) < 0)
		rc = fail(c, json_object_get(item, "status"), path,
			  "status \"%s\" is not one of active, suspended, former", status);
	if (!rc) {
		proto.role = (enum role)role_parse(role);
		proto.status = status ? (enum status)status_parse(status)
				      : proto.until ? STATUS_FORMER : STATUS_ACTIVE;
		if (json_object_get(item, "countries"))
			rc = get_refs(c, item, path, "countries", REF_COUNTRY, &refs, &nrefs);
		else if (json_object_get(item, "organisations"))
			rc = get_refs(c, item, path, "organisations", REF_ORGANISATION, &refs, &nrefs);
		else {
			refs = xcalloc(1, sizeof *refs);
			rc = get_party(c, item, path, refs);
			nrefs = rc ? 0 : 1;
		}
	}
	if (!rc) {
		sp->entries = xrealloc(sp->entries, (sp->nentries + nrefs + 1) * sizeof *sp->entries);
		for (size_t i = 0; i < nrefs; i++) {
			struct seed_entry *e = &sp->entries[sp->nentries++];
			*e = proto;
			e->ref = refs[i];
			e->label = xstrdup_or_null(proto.label);
			e->note = xstrdup_or_null(proto.note);
			e->prov = (struct provenance){ .source = xstrdup_or_null(proto.prov.source),
				.section = xstrdup_or_null(proto.prov.section),
				.as_of = xstrdup_or_null(proto.prov.as_of), .inferred = proto.prov.inferred };
		}
		free(refs);
		refs = NULL;
		nrefs = 0;
	}
	seed_refs_free(refs, nrefs);
	free(proto.label);
	free(proto.note);
	provenance_free(&proto.prov);
	free(role);
	free(status);
	return rc ? -1 : 0;
}

static int parse_entries(struct ctx *c, json_t *obj, struct seed_process *sp)
{
	json_t *arr = get_array(c, obj, "", "participants");
	if (!arr)
		return -1;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char *path;
		json_t *item = get_item(c, arr, "participants", i, &path);
		if (!item)
			return -1;
		int rc = parse_entry(c, item, path, sp);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

int seed_process_parse(const char *text, size_t len, struct seed_process *out,
		       struct seed_error *err)
{
	static const char *const keys[] = {
		"slug", "acronym", "name", "aliases", "established", "region", "scope", "kind",
		"source", "secretariat", "leadership", "working_groups", "participants",
		"themes", "goals", "priorities", "notes", NULL
	};
	struct ctx c;
	memset(out, 0, sizeof *out);
	if (load(&c, text, len, err))
		return -1;
	struct process *p = &out->p;
	json_t *o = c.root;
	int rc = known_keys(&c, o, "", keys) ||
		 get_string(&c, o, "", "slug", 1, &p->slug) ||
		 check_slug(&c, o, "slug", p->slug) ||
		 get_string(&c, o, "", "acronym", 1, &p->acronym) ||
		 get_string(&c, o, "", "name", 1, &p->name) ||
		 get_aliases(&c, o, p) ||
		 get_year(&c, o, "", "established", 1, &p->established) ||
		 get_string(&c, o, "", "region", 1, &p->region) ||
		 get_string(&c, o, "", "scope", 1, &p->scope) ||
		 get_string(&c, o, "", "kind", 0, &p->kind) ||
		 parse_provenance(&c, o, "", &p->prov) ||
		 parse_secretariat(&c, o, out) ||
		 parse_leaders(&c, o, out) ||
		 parse_groups(&c, o, out) ||
		 parse_entries(&c, o, out) ||
		 get_text_list(&c, o, "themes", 1, &p->themes) ||
		 get_text_list(&c, o, "goals", 1, &p->goals) ||
		 get_text_list(&c, o, "priorities", 1, &p->priorities) ||
		 get_text_list(&c, o, "notes", 0, &p->notes);
	if (!rc && !p->kind)
		p->kind = xstrdup("rcp");
	if (!rc && strcmp(p->kind, "rcp") && strcmp(p->kind, "irf") && strcmp(p->kind, "global"))
		rc = fail(&c, json_object_get(o, "kind"), "kind",
			  "\"%s\" is not rcp (regional consultative process), irf (inter-regional "
			  "forum) or global", p->kind);
	if (!rc && strcmp(p->scope, "geographic") != 0 && strcmp(p->scope, "thematic") != 0)
		rc = fail(&c, json_object_get(o, "scope"), "scope",
			  "\"%s\" is not geographic or thematic", p->scope);
	unload(&c);
	if (rc) {
		seed_process_free(out);
		return -1;
	}
	return 0;
}

void seed_process_free(struct seed_process *sp)
{
	process_free(&sp->p);
	seed_refs_free(sp->secretariat, sp->nsecretariat);
	for (size_t i = 0; i < sp->nentries; i++) {
		seed_ref_free(&sp->entries[i].ref);
		free(sp->entries[i].label);
		free(sp->entries[i].note);
		provenance_free(&sp->entries[i].prov);
	}
	free(sp->entries);
	for (size_t i = 0; i < sp->nleaders; i++) {
		seed_ref_free(&sp->leaders[i].ref);
		free(sp->leaders[i].position);
		free(sp->leaders[i].portfolio);
		provenance_free(&sp->leaders[i].prov);
	}
	free(sp->leaders);
	for (size_t i = 0; i < sp->ngroups; i++) {
		free(sp->groups[i].name);
		seed_refs_free(sp->groups[i].chairs, sp->groups[i].nchairs);
		seed_refs_free(sp->groups[i].co_chairs, sp->groups[i].nco_chairs);
		provenance_free(&sp->groups[i].prov);
	}
	free(sp->groups);
	memset(sp, 0, sizeof *sp);
}

/* ---- the other seed files ---- */

/* Calls each(c, item, path, i, data) for every object in root[key]. */
static int for_each_item(struct ctx *c, const char *key,
			 int (*each)(struct ctx *, json_t *, const char *, size_t, void *),
			 void *data)
{
	json_t *arr = get_array(c, c->root, "", key);
	if (!arr)
		return -1;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		char *path;
		json_t *item = get_item(c, arr, key, i, &path);
		if (!item)
			return -1;
		int rc = each(c, item, path, i, data);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

static int parse_alias(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	static const char *const keys[] = { "name", "code", "display", NULL };
	struct seed_aliases *a = data;
	struct seed_alias *al = &a->aliases[i];
	json_t *display = json_object_get(item, "display");
	a->naliases = i + 1;
	if (known_keys(c, item, path, keys) ||
	    get_string(c, item, path, "name", 1, &al->name) ||
	    get_string(c, item, path, "code", 1, &al->code))
		return -1;
	if (display && !json_is_boolean(display)) {
		char *field = field_of(path, "display");
		int rc = fail(c, display, field, "must be true or false");
		free(field);
		return rc;
	}
	al->display = json_is_true(display);
	al->line = locate(c, item);
	return 0;
}

static int parse_territory(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	static const char *const keys[] = { "code", "of", NULL };
	struct seed_aliases *a = data;
	struct seed_alias *t = &a->territories[i];
	a->nterritories = i + 1;
	t->line = locate(c, item);
	return known_keys(c, item, path, keys) ||
	       get_string(c, item, path, "code", 1, &t->name) ||
	       get_string(c, item, path, "of", 1, &t->code) ? -1 : 0;
}

int seed_aliases_parse(const char *text, size_t len, struct seed_aliases *out,
		       struct seed_error *err)
{
	static const char *const keys[] = { "about", "source", "aliases", "territories", NULL };
	struct ctx c;
	memset(out, 0, sizeof *out);
	if (load(&c, text, len, err))
		return -1;
	json_t *al = json_object_get(c.root, "aliases"), *te = json_object_get(c.root, "territories");
	out->aliases = xcalloc(json_array_size(al) + 1, sizeof *out->aliases);
	out->territories = xcalloc(json_array_size(te) + 1, sizeof *out->territories);
	int rc = known_keys(&c, c.root, "", keys) ||
		 for_each_item(&c, "aliases", parse_alias, out) ||
		 for_each_item(&c, "territories", parse_territory, out);
	unload(&c);
	if (rc)
		seed_aliases_free(out);
	return rc ? -1 : 0;
}

static void alias_array_free(struct seed_alias *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].code);
	}
	free(a);
}

void seed_aliases_free(struct seed_aliases *a)
{
	alias_array_free(a->aliases, a->naliases);
	alias_array_free(a->territories, a->nterritories);
	memset(a, 0, sizeof *a);
}

struct org_array {
	struct organisation *items;
	size_t n;
};

static int parse_org(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	static const char *const keys[] = { "slug", "acronym", "name", "kind", "aliases", NULL };
	struct org_array *a = data;
	struct organisation *o = &a->items[i];
	a->n = i + 1;
	json_t *acr = json_object_get(item, "acronym");
	if (known_keys(c, item, path, keys) ||
	    get_string(c, item, path, "slug", 1, &o->slug) ||
	    check_slug(c, item, path, o->slug) ||
	    get_string(c, item, path, "name", 1, &o->name) ||
	    get_string(c, item, path, "kind", 1, &o->kind) ||
	    get_strings(c, item, path, "aliases", 0, &o->aliases))
		return -1;
	if (acr && json_is_string(acr) && json_string_length(acr) == 0)
		o->acronym = xstrdup("");
	else if (get_string(c, item, path, "acronym", 1, &o->acronym))
		return -1;
	return 0;
}

int seed_organisations_parse(const char *text, size_t len, struct organisation **out,
			     size_t *n, struct seed_error *err)
{
	static const char *const keys[] = { "about", "source", "organisations", NULL };
	struct ctx c;
	*out = NULL;
	*n = 0;
	if (load(&c, text, len, err))
		return -1;
	struct org_array a = { xcalloc(json_array_size(json_object_get(c.root, "organisations")) + 1,
				       sizeof *a.items), 0 };
	int rc = known_keys(&c, c.root, "", keys) || for_each_item(&c, "organisations", parse_org, &a);
	unload(&c);
	if (rc) {
		for (size_t i = 0; i < a.n; i++)
			organisation_free(&a.items[i]);
		free(a.items);
		return -1;
	}
	*out = a.items;
	*n = a.n;
	return 0;
}

void source_free(struct source *s)
{
	free(s->id);
	free(s->title);
	free(s->series);
	free(s->author);
	free(s->publisher);
	free(s->published);
	free(s->as_of);
	free(s->file);
	free(s->url);
}

struct source_array {
	struct source *items;
	size_t n;
};

static int parse_source(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	static const char *const keys[] = {
		"id", "title", "series", "author", "publisher", "published", "as_of", "file", "url", NULL
	};
	struct source_array *a = data;
	struct source *s = &a->items[i];
	a->n = i + 1;
	return known_keys(c, item, path, keys) ||
	       get_string(c, item, path, "id", 1, &s->id) ||
	       get_string(c, item, path, "title", 1, &s->title) ||
	       get_string(c, item, path, "series", 0, &s->series) ||
	       get_string(c, item, path, "author", 0, &s->author) ||
	       get_string(c, item, path, "publisher", 0, &s->publisher) ||
	       get_string(c, item, path, "published", 0, &s->published) ||
	       get_string(c, item, path, "as_of", 0, &s->as_of) ||
	       get_string(c, item, path, "file", 0, &s->file) ||
	       get_string(c, item, path, "url", 0, &s->url) ? -1 : 0;
}

int seed_sources_parse(const char *text, size_t len, struct source **out, size_t *n,
		       struct seed_error *err)
{
	struct ctx c;
	*out = NULL;
	*n = 0;
	if (load(&c, text, len, err))
		return -1;
	struct source_array a = { xcalloc(json_array_size(json_object_get(c.root, "sources")) + 1,
					  sizeof *a.items), 0 };
	int rc = for_each_item(&c, "sources", parse_source, &a);
	unload(&c);
	if (rc) {
		for (size_t i = 0; i < a.n; i++)
			source_free(&a.items[i]);
		free(a.items);
		return -1;
	}
	*out = a.items;
	*n = a.n;
	return 0;
}

void seed_named_group_free(struct seed_named_group *g)
{
	free(g->id);
	free(g->name);
	seed_refs_free(g->members, g->nmembers);
}

struct group_array {
	struct seed_named_group *items;
	size_t n;
};

static int parse_named_group(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	static const char *const keys[] = { "id", "name", "as_of", "countries", NULL };
	struct group_array *a = data;
	struct seed_named_group *g = &a->items[i];
	a->n = i + 1;
	return known_keys(c, item, path, keys) ||
	       get_string(c, item, path, "id", 1, &g->id) ||
	       get_string(c, item, path, "name", 1, &g->name) ||
	       get_refs(c, item, path, "countries", REF_COUNTRY, &g->members, &g->nmembers) ? -1 : 0;
}

int seed_groups_parse(const char *text, size_t len, struct seed_named_group **out,
		      size_t *n, struct seed_error *err)
{
	static const char *const keys[] = { "about", "source", "groups", NULL };
	struct ctx c;
	*out = NULL;
	*n = 0;
	if (load(&c, text, len, err))
		return -1;
	struct group_array a = { xcalloc(json_array_size(json_object_get(c.root, "groups")) + 1,
					 sizeof *a.items), 0 };
	int rc = known_keys(&c, c.root, "", keys) || for_each_item(&c, "groups", parse_named_group, &a);
	unload(&c);
	if (rc) {
		for (size_t i = 0; i < a.n; i++)
			seed_named_group_free(&a.items[i]);
		free(a.items);
		return -1;
	}
	*out = a.items;
	*n = a.n;
	return 0;
}

/* ---- evidence of effects (data/assessment/evidence.json) ---- */

void seed_evidence_free(struct seed_evidence *e)
{
	seed_ref_free(&e->process);
	free(e->effect);
	free(e->description);
	free(e->source);
	free(e->section);
	free(e->date);
	free(e->strength);
	free(e->confidence);
	seed_refs_free(e->states, e->nstates);
}

struct evidence_array {
	struct seed_evidence *items;
	size_t n;
	const char *source;  /* the file's */
};

/* Fails unless obj[key], when given, is one of allowed (NULL-terminated). */
static int get_choice(struct ctx *c, json_t *obj, const char *path, const char *key, const char *const *allowed,
		      char **out)
{
	if (get_string(c, obj, path, key, 0, out))
		return -1;
	if (!*out)
		return 0;
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(allowed[i], *out) == 0)
			return 0;
	char *field = field_of(path, key);
	int rc = fail(c, json_object_get(obj, key), field, "\"%s\" is not one of the choices", *out);
	free(field);
	return rc;
}

static int get_phase(struct ctx *c, json_t *item, const char *path, int *phase)
{
	json_t *v = json_object_get(item, "phase");
	*phase = json_is_integer(v) ? (int)json_integer_value(v) : 0;
	if (*phase >= 1 && *phase <= PHASE_COUNT)
		return 0;
	char *field = field_of(path, "phase");
	int rc = fail(c, where(v, item), field, "must be 1, 2 or 3");
	free(field);
	return rc;
}

static int get_effect(struct ctx *c, json_t *item, const char *path, char **effect)
{
	if (get_string(c, item, path, "effect", 1, effect))
		return -1;
	if (effect_of(*effect))
		return 0;
	char *field = field_of(path, "effect");
	int rc = fail(c, json_object_get(item, "effect"), field, "\"%s\" is not one of the report's effects", *effect);
	free(field);
	return rc;
}

static int parse_evidence(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	static const char *const keys[] = { "process", "phase", "effect", "description", "source", "section",
					    "states", "date", "strength", "confidence", NULL };
	static const char *const strengths[] = { "contributed", "coincided", "claimed", NULL };
	static const char *const confidences[] = { "low", "medium", "high", NULL };
	struct evidence_array *a = data;
	struct seed_evidence *e = &a->items[i];
	a->n = i + 1;
	if (known_keys(c, item, path, keys) || get_ref(c, item, path, "process", REF_PROCESS, &e->process) ||
	    get_phase(c, item, path, &e->phase) || get_effect(c, item, path, &e->effect) ||
	    get_string(c, item, path, "description", 1, &e->description) ||
	    get_string(c, item, path, "source", 0, &e->source) ||
	    get_string(c, item, path, "section", 0, &e->section) ||
	    get_refs(c, item, path, "states", REF_COUNTRY, &e->states, &e->nstates) ||
	    get_string(c, item, path, "date", 0, &e->date) ||
	    get_choice(c, item, path, "strength", strengths, &e->strength) ||
	    get_choice(c, item, path, "confidence", confidences, &e->confidence))
		return -1;
	if (e->date && !period_date_valid(e->date)) {
		char *field = field_of(path, "date");
		int rc = fail(c, json_object_get(item, "date"), field, "must be YYYY, YYYY-MM or YYYY-MM-DD");
		free(field);
		return rc;
	}
	if (!e->source && a->source)
		e->source = xstrdup(a->source);
	if (!e->source) {
		char *field = field_of(path, "source");
		int rc = fail(c, item, field, "missing, and the file names no source");
		free(field);
		return rc;
	}
	return 0;
}

int seed_evidence_parse(const char *text, size_t len, struct seed_evidence **out, size_t *n,
			struct seed_error *err)
{
	static const char *const keys[] = { "about", "source", "evidence", NULL };
	struct ctx c;
	*out = NULL;
	*n = 0;
	if (load(&c, text, len, err))
		return -1;
	char *source = NULL;
	struct evidence_array a = { xcalloc(json_array_size(json_object_get(c.root, "evidence")) + 1,
					    sizeof *a.items), 0, NULL };
	int rc = known_keys(&c, c.root, "", keys) || get_string(&c, c.root, "", "source", 0, &source);
	a.source = source;
	rc = rc || for_each_item(&c, "evidence", parse_evidence, &a);
	unload(&c);
	free(source);
	if (rc) {
		for (size_t i = 0; i < a.n; i++)
			seed_evidence_free(&a.items[i]);
		free(a.items);
		return -1;
	}
	*out = a.items;
	*n = a.n;
	return 0;
}

/* ---- ISO 3166-1 from iso-codes ---- */

struct country_array {
	struct country *items;
	size_t n;
};

static int copy_code(struct ctx *c, json_t *item, const char *path, const char *key,
		     char *dst, size_t size)
{
	char *v;
	if (get_string(c, item, path, key, 1, &v))
		return -1;
	int ok = strlen(v) == size - 1;
	if (ok)
		memcpy(dst, v, size);
	free(v);
	if (!ok) {
		char *field = field_of(path, key);
		int rc = fail(c, json_object_get(item, key), field, "must be %zu characters", size - 1);
		free(field);
		return rc;
	}
	return 0;
}

static int parse_country(struct ctx *c, json_t *item, const char *path, size_t i, void *data)
{
	struct country_array *a = data;
	struct country *k = &a->items[i];
	a->n = i + 1;
	char *common = NULL;
	int rc = copy_code(c, item, path, "alpha_2", k->alpha2, sizeof k->alpha2) ||
		 copy_code(c, item, path, "alpha_3", k->alpha3, sizeof k->alpha3) ||
		 copy_code(c, item, path, "numeric", k->numeric, sizeof k->numeric) ||
		 get_string(c, item, path, "name", 1, &k->name) ||
		 get_string(c, item, path, "official_name", 0, &k->official_name) ||
		 get_string(c, item, path, "common_name", 0, &common);
	if (!rc) {
		k->iso_name = xstrdup(k->name);
		if (common) {
			free(k->name);
			k->name = common;
			common = NULL;
		}
	}
	free(common);
	return rc ? -1 : 0;
}

int iso_countries_parse(const char *text, size_t len, struct country **out,
			size_t *n, struct seed_error *err)
{
	struct ctx c;
	*out = NULL;
	*n = 0;
	if (load(&c, text, len, err))
		return -1;
	struct country_array a = { xcalloc(json_array_size(json_object_get(c.root, "3166-1")) + 1,
					   sizeof *a.items), 0 };
	int rc = for_each_item(&c, "3166-1", parse_country, &a);
	unload(&c);
	if (rc) {
		for (size_t i = 0; i < a.n; i++)
			country_free(&a.items[i]);
		free(a.items);
		return -1;
	}
	*out = a.items;
	*n = a.n;
	return 0;
}
