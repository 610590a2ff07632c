/* evidence.c: evidence of what a process changed, phase by phase, with its source and the strength of its claim */
#include "evidence.h"
#include "audit.h"
#include "documents.h"
#include "meetings.h"
#include "policy.h"
#include "service_int.h"
#include "../io/seed_json.h"
#include "../core/period.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const phases[] = { "1", "2", "3", NULL };
static const char *const kinds[] = { "publication", "document", "meeting", "interview", "other", NULL };
static const char *const strengths[] = { "contributed", "coincided", "claimed", NULL };
static const char *const confidences[] = { "low", "medium", "high", NULL };
static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };

const struct field evidence_fields[] = {
	{ .name = "phase", .label = "Phase (1 agenda setting, 2 consensus building, 3 law, policy and practice)",
	  .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = phases },
	{ .name = "effect", .label = "Effect", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = effect_keys },
	{ .name = "description", .label = "What changed, and how the process took part", .type = FIELD_TEXT,
	  .flags = FIELD_REQUIRED, .max = 8000 },
	{ .name = "kind", .label = "Kind of source (publication, document or meeting held here, interview, other)",
	  .type = FIELD_CHOICE, .choices = kinds },
	{ .name = "source", .label = "Source (a registry source's id, or its title or address)", .type = FIELD_LINE,
	  .flags = FIELD_REQUIRED, .max = 1000 },
	{ .name = "section", .label = "Section or page of the source", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 500 },
	{ .name = "states", .label = "States concerned (separated by commas)", .type = FIELD_LIST,
	  .flags = FIELD_CLEARABLE, .max = 200, .cli_item = "state" },
	{ .name = "date", .label = "When it happened (YYYY, YYYY-MM or YYYY-MM-DD)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 10, .hint = "YYYY, YYYY-MM or YYYY-MM-DD" },
	{ .name = "strength", .label = "The claim: the process contributed to it, it coincided with it, or "
				      "participants claim it", .type = FIELD_CHOICE, .choices = strengths,
	  .def = "coincided" },
	{ .name = "confidence", .label = "Confidence in the source", .type = FIELD_CHOICE, .choices = confidences,
	  .def = "medium" },
	{ .name = "document", .label = "A document held here (its number)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 20 },
	{ .name = "meeting", .label = "A meeting held here (its number)", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 20 },
	{ .name = "level", .label = "Who may see it (interviews: restricted unless given)", .type = FIELD_CHOICE,
	  .choices = levels, .def = "members" },
};
const size_t evidence_nfields = sizeof evidence_fields / sizeof evidence_fields[0];

int evidence_may_add(const struct actor *a, const char *process)
{
	return policy_may_write(a->user, process, NULL);
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not %s%s", what,
			a->user ? "" : " without signing in");
}

/* The document or meeting the field names, checked as one of process's
 * the actor may read, into *id (0 when none is named). */
static enum svc_status record_of(struct registry *r, const struct actor *a, const struct field_values *v,
				 const char *field, const char *process, long long *id, struct svc_error *err)
{
	const char *text = fields_text(v, field);
	*id = 0;
	if (!text || !*text)
		return SVC_OK;
	long long n = text_number(text);
	struct svc_error why = { 0 };
	const char *owner = NULL;
	struct document d = { 0 };
	struct meeting m = { 0 };
	enum svc_status st = n < 0 ? SVC_NOT_FOUND
		: strcmp(field, "document") == 0 ? documents_get(r, a, n, &d, &why)
		: meetings_get(r, a, n, &m, &why);
	svc_error_free(&why);
	if (st == SVC_OK)
		owner = d.process ? d.process : m.process;
	if (st == SVC_ERROR)
		st = svc_fail(err, SVC_ERROR, NULL, "reading %s %s", field, text);
	else if (st)
		st = svc_fail(err, SVC_INVALID, field, "no %s %s", field, text);
	else if (!owner || strcmp(owner, process) != 0)
		st = svc_fail(err, SVC_INVALID, field, "%s %s is not one of %s's", field, text, process);
	else
		*id = n;
	document_free(&d);
	meeting_free(&m);
	return st;
}

/* The states the values name, as alpha-3 codes, once each. */
static enum svc_status states_of(struct registry *r, const struct field_values *v, struct strlist *out,
				 struct svc_error *err)
{
	const struct strlist *given = fields_list(v, "states");
	for (size_t i = 0; given && i < given->n; i++) {
		char field[32];
		snprintf(field, sizeof field, "states[%zu]", i);
		const struct country *c;
		if (registry_country(r, field, given->items[i], &c, err))
			return SVC_INVALID;
		if (!strlist_contains(out, c->alpha3))
			strlist_push(out, c->alpha3);
	}
	return SVC_OK;
}

/* The kind of source: as given; else a document or meeting named; else
 * a publication when the source is one of the registry's; else other. */
static const char *kind_of(struct registry *r, const struct field_values *v, const struct evidence *e)
{
	const char *given = v ? fields_text(v, "kind") : NULL;
	if (given && *given)
		return given;
	if (e->document)
		return "document";
	if (e->meeting)
		return "meeting";
	int known = 0;
	char *why = NULL;
	if (store_source_exists(registry_store(r), e->source, &known, &why))
		free(why);
	return known ? "publication" : "other";
}

/* Fills e from the values (checked); the strings are e's. */
static enum svc_status evidence_from(struct registry *r, const struct actor *a, const struct field_values *v,
				     struct evidence *e, struct svc_error *err)
{
	enum svc_status st = fields_check(v, 1, err);
	if (st)
		return st;
	const char *date = fields_text(v, "date");
	if (date && *date && !period_date_valid(date))
		return svc_fail(err, SVC_INVALID, "date", "give YYYY, YYYY-MM or YYYY-MM-DD, not \"%s\"", date);
	if ((st = record_of(r, a, v, "document", e->process, &e->document, err)) ||
	    (st = record_of(r, a, v, "meeting", e->process, &e->meeting, err)) ||
	    (st = states_of(r, v, &e->states, err)))
		return st;
	e->phase = atoi(fields_text(v, "phase"));
	e->effect = xstrdup(fields_text(v, "effect"));
	e->description = xstrdup(fields_text(v, "description"));
	e->source = xstrdup(fields_text(v, "source"));
	const char *section = fields_text(v, "section");
	e->section = section && *section ? xstrdup(section) : NULL;
	e->happened = date && *date ? xstrdup(date) : NULL;
	e->strength = xstrdup(fields_text_or_default(v, "strength", 1));
	e->confidence = xstrdup(fields_text_or_default(v, "confidence", 1));
	e->kind = xstrdup(kind_of(r, v, e));
	const char *level = fields_text(v, "level");
	if (!level || !*level)
		level = strcmp(e->kind, "interview") == 0 ? "restricted" : fields_text_or_default(v, "level", 1);
	e->level = (enum level)level_parse(level);
	return SVC_OK;
}

static int audit_evidence(struct store *s, const struct actor *a, const char *action, const struct evidence *e,
			  struct svc_error *err)
{
	char object[32];
	snprintf(object, sizeof object, "evidence:%lld", e->id);
	return audit_record(s, a, action, e->process, object, e->effect, err);
}

enum svc_status evidence_add(struct registry *r, const struct actor *a, const char *process,
			     const struct field_values *v, long long *id, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!evidence_may_add(a, proc->slug))
		return not_allowed(a, "record evidence in this process", err);
	struct evidence e = { .process = xstrdup(proc->slug), .created_by = xstrdup(a->user->login),
			      .created_at = a->now };
	enum svc_status st = evidence_from(r, a, v, &e, err);
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		if (store_evidence_put(s, &e, &err->message) || audit_evidence(s, a, "evidence.add", &e, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = e.id;
	evidence_free(&e);
	return st;
}

static int may_read(const struct actor *a, const struct evidence *e)
{
	struct record_ref ref = { .process = e->process, .level = e->level };
	return policy_may_read(a->user, &ref);
}

enum svc_status evidence_get(struct registry *r, const struct actor *a, long long id, struct evidence *out,
			     struct svc_error *err)
{
	int rc = store_evidence_get(registry_store(r), id, out, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0 && may_read(a, out))
		return SVC_OK;
	if (rc == 0)
		evidence_free(out);
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no evidence %lld", id);
}

enum svc_status evidence_list(struct registry *r, const struct actor *a, const char *process, int phase,
			      struct evidence_list *out, struct svc_error *err)
{
	const struct process *p = NULL;
	if (process && registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	struct evidence_list all = { 0 };
	if (store_evidence_of(registry_store(r), p ? p->slug : NULL, &all, &err->message)) {
		evidence_list_free(&all);
		return SVC_ERROR;
	}
	for (size_t i = 0; i < all.n; i++) {
		if (!may_read(a, &all.items[i]) || (phase && all.items[i].phase != phase))
			continue;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	evidence_list_free(&all);
	return SVC_OK;
}

/* Whether l holds a piece of process with that source and description. */
static int already_there(const struct evidence_list *l, const char *process, const char *source,
			 const char *description)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].process, process) == 0 && strcmp(l->items[i].source, source) == 0 &&
		    strcmp(l->items[i].description, description) == 0)
			return 1;
	return 0;
}

/* The evidence se describes, its names resolved through the registry. */
static enum svc_status from_seed(struct registry *r, const struct actor *a, const char *file,
				 const struct seed_evidence *se, struct evidence *e, struct svc_error *err)
{
	const struct process *p;
	struct svc_error why = { 0 };
	if (registry_process(r, se->process.field, se->process.name, &p, &why)) {
		svc_error_free(&why);
		return svc_fail(err, SVC_INVALID, se->process.field, "%s:%d: no process \"%s\"", file, se->process.line,
				se->process.name);
	}
	*e = (struct evidence){ .process = xstrdup(p->slug), .phase = se->phase, .effect = xstrdup(se->effect),
				.description = xstrdup(se->description), .source = xstrdup(se->source),
				.section = xstrdup_or_null(se->section), .happened = xstrdup_or_null(se->date),
				.strength = xstrdup(se->strength ? se->strength : "coincided"),
				.confidence = xstrdup(se->confidence ? se->confidence : "medium"), .level = LEVEL_PUBLIC,
				.created_by = xstrdup(a->user->login), .created_at = a->now };
	e->kind = xstrdup(kind_of(r, NULL, e));
	for (size_t i = 0; i < se->nstates; i++) {
		const struct country *c;
		if (registry_country(r, se->states[i].field, se->states[i].name, &c, &why)) {
			svc_error_free(&why);
			return svc_fail(err, SVC_INVALID, se->states[i].field, "%s:%d: no state \"%s\"", file,
					se->states[i].line, se->states[i].name);
		}
		strlist_push(&e->states, c->alpha3);
	}
	return SVC_OK;
}

enum svc_status evidence_load(struct registry *r, const struct actor *a, const char *file, const char *text,
			      size_t len, size_t *added, struct svc_error *err)
{
	*added = 0;
	if (!policy_may_write_shared(a->user))
		return not_allowed(a, "load evidence for every process", err);
	struct seed_evidence *items;
	size_t n;
	struct seed_error e;
	if (seed_evidence_parse(text, len, &items, &n, &e)) {
		enum svc_status st = svc_fail(err, SVC_INVALID, e.field, "%s:%d: %s", file, e.line, e.message);
		seed_error_free(&e);
		return st;
	}
	struct evidence_list known = { 0 };
	struct store *s = registry_store(r);
	enum svc_status st = store_evidence_of(s, NULL, &known, &err->message) ? SVC_ERROR : svc_begin(s, err);
	int begun = st == SVC_OK;
	for (size_t i = 0; i < n && st == SVC_OK; i++) {
		struct evidence ev = { 0 };
		if ((st = from_seed(r, a, file, &items[i], &ev, err)) == SVC_OK &&
		    !already_there(&known, ev.process, ev.source, ev.description)) {
			if (store_evidence_put(s, &ev, &err->message))
				st = SVC_ERROR;
			else
				(*added)++;
		}
		evidence_free(&ev);
	}
	if (st == SVC_OK) {
		char detail[64];
		snprintf(detail, sizeof detail, "%zu added from %zu", *added, n);
		if (audit_record(s, a, "evidence.load", NULL, "evidence", detail, err))
			st = SVC_ERROR;
	}
	if (begun)
		st = svc_commit(s, st, err);
	for (size_t i = 0; i < n; i++)
		seed_evidence_free(&items[i]);
	free(items);
	evidence_list_free(&known);
	if (st)
		*added = 0;
	return st;
}

enum svc_status evidence_delete(struct registry *r, const struct actor *a, long long id, struct svc_error *err)
{
	struct evidence e;
	enum svc_status st = evidence_get(r, a, id, &e, err);
	if (st)
		return st;
	struct store *s = registry_store(r);
	if (!evidence_may_add(a, e.process))
		st = not_allowed(a, "remove this evidence", err);
	else if ((st = svc_begin(s, err)) == SVC_OK) {
		if (store_evidence_delete(s, id, &err->message) || audit_evidence(s, a, "evidence.delete", &e, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	evidence_free(&e);
	return st;
}
