/* facts.c: the registry edited where it lives: participations and leadership posts added, ended and corrected, each with its source, and the history of every edit */
#include "facts.h"
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/buf.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const roles[] = { "member", "observer", "partner", "participant", "activity-partner", NULL };
static const char *const statuses[] = { "active", "suspended", "former", NULL };
static const char *const posts[] = { "chair", "co-chair", "steering-group", "thematic-coordinator", NULL };
static const char *const yes_no[] = { "yes", "no", NULL };

#define SOURCE_FIELDS \
	{ .name = "source", .label = "Source: a source's id, or the title of the document", \
	  .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300, \
	  .hint = "where the fact comes from (iom-mrs-38, or a title such as \"Ministerial Declaration 2024\")" }, \
	{ .name = "section", .label = "Section or page", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300 }, \
	{ .name = "url", .label = "Address of the source (https://...)", .type = FIELD_LINE, \
	  .flags = FIELD_CLEARABLE, .max = 1000 }, \
	{ .name = "as_of", .label = "As of (YYYY, YYYY-MM or YYYY-MM-DD)", .type = FIELD_LINE, \
	  .flags = FIELD_REQUIRED, .max = 10, .hint = "the date the source gives for the fact" }, \
	{ .name = "as_of_stated", .label = "Does the source state that date?", .type = FIELD_CHOICE, \
	  .choices = yes_no, .def = "yes" }

#define YEAR_FIELD(field, text) \
	{ .name = field, .label = text, .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 4, \
	  .hint = "a year, YYYY" }

const struct field facts_participation_fields[] = {
	{ .name = "party", .label = "State, territory or organisation", .type = FIELD_NAME,
	  .flags = FIELD_REQUIRED, .max = 200, .hint = "a state's name or ISO code, or an organisation" },
	{ .name = "role", .label = "Role", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = roles,
	  .def = "member" },
	{ .name = "status", .label = "Status", .type = FIELD_CHOICE, .choices = statuses, .def = "active" },
	YEAR_FIELD("since", "Since (year)"),
	YEAR_FIELD("until", "Until (year, for one that has ended)"),
	{ .name = "label", .label = "Group the source lists it in", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 200 },
	{ .name = "note", .label = "The source's qualifier", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 1000 },
	SOURCE_FIELDS,
};
const size_t facts_participation_nfields = sizeof facts_participation_fields / sizeof facts_participation_fields[0];

const struct field facts_post_fields[] = {
	{ .name = "post", .label = "Post", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = posts,
	  .def = "chair" },
	{ .name = "party", .label = "Held by (state or organisation)", .type = FIELD_NAME, .flags = FIELD_REQUIRED,
	  .max = 200, .hint = "a state's name or ISO code, or an organisation" },
	{ .name = "portfolio", .label = "Portfolio or theme", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 300 },
	YEAR_FIELD("since", "Since (year)"),
	YEAR_FIELD("until", "Until (year, for one that has ended)"),
	SOURCE_FIELDS,
};
const size_t facts_post_nfields = sizeof facts_post_fields / sizeof facts_post_fields[0];

const struct field facts_end_fields[] = {
	{ .name = "until", .label = "Ended in (year)", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 4,
	  .hint = "the year the fact stopped holding, YYYY" },
	SOURCE_FIELDS,
};
const size_t facts_end_nfields = sizeof facts_end_fields / sizeof facts_end_fields[0];

static const char *const fact_names[] = { "participation", "post" };

int facts_may_edit(const struct actor *a, const char *process)
{
	return policy_may_edit_registry(a->user, process);
}

/* The year field gives, 0 when empty; SVC_INVALID for text that is no
 * year from 1900 up to this year. */
static enum svc_status year_of(const struct field_values *v, const char *field, long long now, int *year,
			       struct svc_error *err)
{
	const char *text = fields_text(v, field);
	return registry_year(text && *text ? text : NULL, now, field, year, err);
}

/* The span v gives, checked: an end after the start. */
static enum svc_status span_of(const struct field_values *v, long long now, int *since, int *until,
			       struct svc_error *err)
{
	enum svc_status st = year_of(v, "since", now, since, err);
	if (!st)
		st = year_of(v, "until", now, until, err);
	if (!st && *since && *until && *until <= *since)
		st = svc_fail(err, SVC_INVALID, "until", "%d is not after the start, %d", *until, *since);
	return st;
}

/* The source v gives, as a provenance whose strings are copies (the
 * source itself is found or made in the store when saved). */
static enum svc_status source_of(const struct field_values *v, struct provenance *prov, struct svc_error *err)
{
	const char *as_of = fields_text(v, "as_of"), *url = fields_text(v, "url");
	struct provenance dated = { .as_of = (char *)as_of };
	memset(prov, 0, sizeof *prov);
	if (!as_of || !provenance_year(&dated) || (strlen(as_of) != 4 && strlen(as_of) != 7 && !fields_valid_date(as_of)))
		return svc_fail(err, SVC_INVALID, "as_of", "give the source's date as YYYY, YYYY-MM or YYYY-MM-DD");
	if (url && *url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return svc_fail(err, SVC_INVALID, "url", "give the source's address as https://...");
	prov->source = xstrdup(fields_text(v, "source"));
	prov->section = xstrdup(fields_text(v, "section"));
	prov->url = url && *url ? xstrdup(url) : NULL;
	prov->as_of = xstrdup(as_of);
	const char *stated = fields_text_or_default(v, "as_of_stated", 1);
	prov->inferred = stated && strcmp(stated, "no") == 0;
	return SVC_OK;
}

/* The state, territory or organisation query names. */
static enum svc_status party_of(struct registry *r, const char *query, enum party_kind *kind, const char **code,
				const char **name, struct svc_error *err)
{
	const struct country *c;
	const struct organisation *o;
	if (registry_id(r, REGISTRY_COUNTRY, query) && registry_country(r, "party", query, &c, err) == SVC_OK) {
		*kind = c->territory_of ? PARTY_TERRITORY : PARTY_GOVERNMENT;
		*code = c->alpha3;
		*name = c->name;
		return SVC_OK;
	}
	if (registry_id(r, REGISTRY_ORGANISATION, query) &&
	    registry_organisation(r, "party", query, &o, err) == SVC_OK) {
		*kind = PARTY_ORGANISATION;
		*code = o->slug;
		*name = o->name;
		return SVC_OK;
	}
	const char *ids[3];
	size_t n = registry_suggest(r, REGISTRY_COUNTRY, query, ids, 3);
	struct buf b = { 0 };
	buf_appendf(&b, "no state, territory or organisation matches \"%s\"", query);
	for (size_t i = 0; i < n; i++)
		buf_appendf(&b, "%s%s", i ? ", " : "; did you mean: ", ids[i]);
	return svc_fail_with(err, SVC_INVALID, "party", buf_release(&b, NULL));
}

/* Appends ", 2005-2010" (", 2005-", ", -2003") for a span with an end. */
static void append_span(struct buf *b, int since, int until)
{
	if (!since && !until)
		return;
	buf_appendf(b, ", ");
	if (since)
		buf_appendf(b, "%d", since);
	buf_appendf(b, "-");
	if (until)
		buf_appendf(b, "%d", until);
}

/* "Kazakhstan (KAZ): member, active, 2015-; src-1, Declaration, as of
 * 2015": what a participation says, for the history. */
char *facts_describe_participation(const struct participation *pa)
{
	struct buf b = { 0 };
	buf_appendf(&b, "%s (%s): %s, %s", pa->name, pa->code, role_name(pa->role), status_name(pa->status));
	append_span(&b, pa->since, pa->until);
	buf_appendf(&b, "; %s, %s, as of %s", pa->prov.source, pa->prov.section, pa->prov.as_of);
	return buf_release(&b, NULL);
}

char *facts_describe_post(const struct leader *l)
{
	struct buf b = { 0 };
	buf_appendf(&b, "%s: %s (%s)", l->position, l->name, l->code);
	if (l->portfolio)
		buf_appendf(&b, ", %s", l->portfolio);
	append_span(&b, l->since, l->until);
	buf_appendf(&b, "; %s, %s, as of %s", l->prov.source, l->prov.section, l->prov.as_of);
	return buf_release(&b, NULL);
}

/* Fills pa from v over what it holds (a new one starts zeroed): the
 * strings are new, freed with participation_free. */
static enum svc_status participation_from(struct registry *r, const struct actor *a, const struct field_values *v,
					  int creating, struct participation *pa, struct svc_error *err)
{
	const char *party = fields_text(v, "party");
	enum svc_status st = SVC_OK;
	if (party || creating) {
		const char *code, *name;
		enum party_kind kind;
		if ((st = party_of(r, party ? party : "", &kind, &code, &name, err)))
			return st;
		pa->kind = kind;
		free(pa->code);
		free(pa->name);
		free(pa->source_name);
		pa->code = xstrdup(code);
		pa->name = xstrdup(name);
		pa->source_name = xstrdup(party);
	}
	const char *role = fields_text_or_default(v, "role", creating);
	const char *status = fields_text_or_default(v, "status", creating);
	if (role)
		pa->role = (enum role)role_parse(role);
	if (status)
		pa->status = (enum status)status_parse(status);
	if (pa->role == ROLE_MEMBER && pa->kind == PARTY_ORGANISATION)
		return svc_fail(err, SVC_INVALID, "role", "%s is an organisation: members are governments and "
			       "territories; use observer, partner or participant", pa->name);
	int since = pa->since, until = pa->until;
	if (fields_text(v, "since") || fields_text(v, "until")) {
		if ((st = span_of(v, a->now, &since, &until, err)))
			return st;
		if (!fields_text(v, "since"))
			since = pa->since;
		if (!fields_text(v, "until"))
			until = pa->until;
		if (since && until && until <= since)
			return svc_fail(err, SVC_INVALID, "until", "%d is not after the start, %d", until, since);
	}
	pa->since = since;
	pa->until = until;
	if (pa->until && pa->status != STATUS_FORMER && !fields_text(v, "status"))
		pa->status = STATUS_FORMER;
	const char *texts[] = { "label", "note" };
	char **slots[] = { &pa->label, &pa->note };
	for (int i = 0; i < 2; i++) {
		const char *t = fields_text(v, texts[i]);
		if (t) {
			free(*slots[i]);
			*slots[i] = *t ? xstrdup(t) : NULL;
		}
	}
	return SVC_OK;
}

static enum svc_status post_from(struct registry *r, const struct actor *a, const struct field_values *v,
				 int creating, struct leader *l, struct svc_error *err)
{
	const char *party = fields_text(v, "party"), *post = fields_text_or_default(v, "post", creating);
	enum svc_status st;
	if (party || creating) {
		const char *code, *name;
		enum party_kind kind;
		if ((st = party_of(r, party ? party : "", &kind, &code, &name, err)))
			return st;
		l->kind = kind == PARTY_ORGANISATION ? PARTY_ORGANISATION : PARTY_GOVERNMENT;
		free(l->code);
		free(l->name);
		l->code = xstrdup(code);
		l->name = xstrdup(name);
	}
	if (post) {
		free(l->position);
		l->position = xstrdup(post);
	}
	const char *portfolio = fields_text(v, "portfolio");
	if (portfolio) {
		free(l->portfolio);
		l->portfolio = *portfolio ? xstrdup(portfolio) : NULL;
	}
	int since = l->since, until = l->until;
	if ((st = span_of(v, a->now, &since, &until, err)))
		return st;
	l->since = fields_text(v, "since") ? since : l->since;
	l->until = fields_text(v, "until") ? until : l->until;
	if (l->since && l->until && l->until <= l->since)
		return svc_fail(err, SVC_INVALID, "until", "%d is not after the start, %d", l->until, l->since);
	return SVC_OK;
}

/* Replaces prov with the source given (copies) and saves that source in
 * the store: an existing id, the source at that address, or a new one. */
static int settle_source(struct store *s, struct provenance *prov, const struct provenance *given, char **err)
{
	char *id;
	if (store_source_for(s, given->source, given->url, given->as_of, &id, err))
		return -1;
	provenance_free(prov);
	*prov = (struct provenance){ .source = id, .section = xstrdup(given->section),
				     .url = xstrdup_or_null(given->url), .as_of = xstrdup(given->as_of),
				     .inferred = given->inferred };
	return 0;
}

/* Writes the history entry and the audit record of one edit; after is
 * taken over (freed here), before stays the caller's. */
static int record_edit(struct store *s, const struct actor *a, const char *process, const char *action,
		       enum fact_kind kind, int id, char *before, char *after, const struct provenance *src,
		       struct svc_error *err)
{
	struct registry_edit e = { .at = a->now, .login = a->user ? a->user->login : "", .process = (char *)process,
				   .action = (char *)action, .fact = (char *)fact_names[kind], .position = id,
				   .before = before, .after = after, .prov = *src };
	char object[48], *audit_action = xasprintf("registry.%s", action);
	snprintf(object, sizeof object, "%s:%d", fact_names[kind], id);
	int rc = store_history_put(s, &e, &err->message) ||
		 audit_record(s, a, audit_action, process, object, after ? after : before, err);
	free(audit_action);
	free(after);
	return rc;
}

/* The process and, unless refused, SVC_OK; the snapshot is read anew
 * first so that versions are current. */
static enum svc_status editable(struct registry *r, const struct actor *a, const char *process,
				const struct process **p, struct svc_error *err)
{
	enum svc_status st = registry_refresh(r, err);
	if (!st)
		st = registry_process(r, "process", process, p, err);
	if (!st && !facts_may_edit(a, (*p)->slug))
		st = svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "only the secretariat of %s and "
			      "administrators change its registry%s", (*p)->acronym, a->user ? "" : "; sign in");
	return st;
}

/* Another open fact of the same party and role, or NULL. */
static const struct participation *already(const struct process *p, const struct participation *pa)
{
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *o = &p->parts.items[i];
		if (o->id != pa->id && strcmp(o->code, pa->code) == 0 && o->role == pa->role &&
		    participation_current(o) && participation_current(pa))
			return o;
	}
	return NULL;
}

static enum svc_status add_participation(struct registry *r, const struct actor *a, const struct process *p,
					 const struct field_values *v, const struct provenance *given, int *id,
					 struct svc_error *err)
{
	struct participation pa = { .id = -1, .edited = 1 };
	enum svc_status st = participation_from(r, a, v, 1, &pa, err);
	const struct participation *other = st ? NULL : already(p, &pa);
	if (other)
		st = svc_fail(err, SVC_CONFLICT, "party", "%s is already a current %s of %s (fact %d): end or "
			      "correct that one", pa.name, role_name(pa.role), p->acronym, other->id);
	struct store *s = registry_store(r);
	if (!st && !(st = svc_begin(s, err))) {
		if (settle_source(s, &pa.prov, given, &err->message) ||
		    store_participation_add(s, p->slug, &pa, id, &err->message) ||
		    record_edit(s, a, p->slug, "add", FACT_PARTICIPATION, *id, NULL,
				facts_describe_participation(&pa), &pa.prov, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	participation_free(&pa);
	return st;
}

static enum svc_status add_post(struct registry *r, const struct actor *a, const struct process *p,
				const struct field_values *v, const struct provenance *given, int *id,
				struct svc_error *err)
{
	struct leader l = { .edited = 1 };
	enum svc_status st = post_from(r, a, v, 1, &l, err);
	struct store *s = registry_store(r);
	if (!st && !(st = svc_begin(s, err))) {
		if (settle_source(s, &l.prov, given, &err->message) ||
		    store_leader_add(s, p->slug, &l, id, &err->message) ||
		    record_edit(s, a, p->slug, "add", FACT_POST, *id, NULL, facts_describe_post(&l), &l.prov, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	leader_free(&l);
	return st;
}

enum svc_status facts_add(struct registry *r, const struct actor *a, const char *process, enum fact_kind kind,
			  const struct field_values *v, int *id, struct svc_error *err)
{
	const struct process *p;
	struct provenance given = { 0 };
	enum svc_status st = editable(r, a, process, &p, err);
	if (!st)
		st = fields_check(v, 1, err);
	if (!st)
		st = source_of(v, &given, err);
	if (!st)
		st = kind == FACT_POST ? add_post(r, a, p, v, &given, id, err)
				       : add_participation(r, a, p, v, &given, id, err);
	provenance_free(&given);
	return st;
}

/* A copy of fact id of p (participation or post), or SVC_NOT_FOUND; with
 * a version, SVC_CONFLICT when the fact is at another. */
static enum svc_status fact_copy(const struct process *p, enum fact_kind kind, int id, int version,
				 struct participation *pa, struct leader *l, struct svc_error *err)
{
	int found = 0, at = 0;
	for (size_t i = 0; kind == FACT_PARTICIPATION && i < p->parts.n && !found; i++) {
		const struct participation *o = &p->parts.items[i];
		if (o->id != id)
			continue;
		found = 1;
		at = o->version;
		*pa = *o;
		pa->process_slug = pa->process_acronym = NULL;
		pa->code = xstrdup(o->code);
		pa->name = xstrdup(o->name);
		pa->label = xstrdup_or_null(o->label);
		pa->note = xstrdup_or_null(o->note);
		pa->source_name = xstrdup_or_null(o->source_name);
		pa->prov = provenance_copy(&o->prov);
	}
	for (size_t i = 0; kind == FACT_POST && i < p->nleaders && !found; i++) {
		const struct leader *o = &p->leaders[i];
		if (o->id != id)
			continue;
		found = 1;
		at = o->version;
		*l = *o;
		l->position = xstrdup(o->position);
		l->code = xstrdup(o->code);
		l->name = xstrdup(o->name);
		l->portfolio = xstrdup_or_null(o->portfolio);
		l->prov = provenance_copy(&o->prov);
	}
	if (!found)
		return svc_fail(err, SVC_NOT_FOUND, NULL, "%s has no %s %d", p->acronym, fact_names[kind], id);
	if (version && version != at)
		return svc_fail(err, SVC_CONFLICT, "version", "the fact changed since you read it (version %d, "
			       "now %d): read it again before changing it", version, at);
	return SVC_OK;
}

/* Writes the edited fact over the stored one at its version; a write
 * that finds another version is SVC_CONFLICT. */
static enum svc_status save_edit(struct registry *r, const struct actor *a, const struct process *p,
				 enum fact_kind kind, const char *action, struct participation *pa, struct leader *l,
				 char *before, const struct provenance *given, struct svc_error *err)
{
	struct store *s = registry_store(r);
	int changed = 0;
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	int correcting = strcmp(action, "correct") == 0;
	struct provenance *prov = kind == FACT_POST ? &l->prov : &pa->prov, ended = { 0 };
	int rc = correcting ? settle_source(s, prov, given, &err->message) : settle_source(s, &ended, given, &err->message);
	if (!rc)
		rc = kind == FACT_POST ? store_leader_update(s, p->slug, l, &changed, &err->message)
				       : store_participation_update(s, p->slug, pa, &changed, &err->message);
	if (!rc && !changed)
		st = svc_fail(err, SVC_CONFLICT, "version", "the fact changed since you read it: read it again "
			      "before changing it");
	else if (rc || record_edit(s, a, p->slug, action, kind, kind == FACT_POST ? l->id : pa->id, before,
				   kind == FACT_POST ? facts_describe_post(l) : facts_describe_participation(pa),
				   correcting ? prov : &ended, err))
		st = SVC_ERROR;
	provenance_free(&ended);
	return svc_commit(s, st, err);
}

/* Ends or corrects fact id: the common path of facts_end and facts_correct. */
static enum svc_status edit_fact(struct registry *r, const struct actor *a, const char *process,
				 enum fact_kind kind, int id, int version, const struct field_values *v,
				 const char *action, struct svc_error *err)
{
	const struct process *p;
	struct participation pa = { 0 };
	struct leader l = { 0 };
	struct provenance given = { 0 };
	char *before = NULL;
	enum svc_status st = editable(r, a, process, &p, err);
	if (!st)
		st = fields_check(v, 0, err);
	if (!st)
		st = source_of(v, &given, err);
	if (!st)
		st = fact_copy(p, kind, id, version, &pa, &l, err);
	int from = kind == FACT_POST ? l.since : participation_attested_from(&pa);
	pa.edited = l.edited = 1;
	if (!st) {
		before = kind == FACT_POST ? facts_describe_post(&l) : facts_describe_participation(&pa);
		st = kind == FACT_POST ? post_from(r, a, v, 0, &l, err) : participation_from(r, a, v, 0, &pa, err);
	}
	if (!st && strcmp(action, "end") == 0) {
		int *until = kind == FACT_POST ? &l.until : &pa.until;
		if (!*until)
			st = svc_fail(err, SVC_INVALID, "until", "give the year the fact ended");
		else if (from && *until <= from)
			st = svc_fail(err, SVC_INVALID, "until", "%d is not after the fact's start, %d", *until, from);
		if (kind == FACT_PARTICIPATION)
			pa.status = STATUS_FORMER;
	}
	if (!st)
		st = save_edit(r, a, p, kind, action, &pa, &l, before, &given, err);
	free(before);
	participation_free(&pa);
	leader_free(&l);
	provenance_free(&given);
	return st;
}

enum svc_status facts_end(struct registry *r, const struct actor *a, const char *process, enum fact_kind kind,
			  int id, int version, const struct field_values *v, struct svc_error *err)
{
	return edit_fact(r, a, process, kind, id, version, v, "end", err);
}

enum svc_status facts_correct(struct registry *r, const struct actor *a, const char *process,
			      enum fact_kind kind, int id, int version, const struct field_values *v,
			      struct svc_error *err)
{
	return edit_fact(r, a, process, kind, id, version, v, "correct", err);
}

enum svc_status facts_history(struct registry *r, const struct actor *a, const char *process,
			      struct registry_edit_list *out, struct svc_error *err)
{
	const struct process *p;
	enum svc_status st = registry_process(r, "process", process, &p, err);
	if (st)
		return st;
	if (store_history_list(registry_store(r), p->slug, out, &err->message))
		return SVC_ERROR;
	if (!policy_may_read_audit(a->user, p->slug))
		for (size_t i = 0; i < out->n; i++) {
			free(out->items[i].login);
			out->items[i].login = NULL;
		}
	return SVC_OK;
}
