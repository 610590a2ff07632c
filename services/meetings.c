/* meetings.c: meetings at two levels, the delegates sent to them, and what they show (continuity, level mix, hosting) */
#include "meetings.h"
#include "audit.h"
#include "documents.h"
#include "policy.h"
#include "service_int.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const types[] = { "technical-workshop", "thematic-seminar", "working-group",
				     "senior-officials", "ministerial", "ad-hoc", NULL };
static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };
static const char *const yes_no[] = { "no", "yes", NULL };
static const char *const departments[] = { "foreign-affairs", "interior", "justice", "labour", "immigration",
					   "other", NULL };

const struct field meetings_fields[] = {
	{ .name = "title", .label = "Title", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300,
	  .hint = "a title on one line" },
	{ .name = "type", .label = "Type", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = types,
	  .def = "technical-workshop" },
	{ .name = "series", .label = "Series (meetings of one series are numbered in order)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 200 },
	{ .name = "working_group", .label = "Working group", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 300, .hint = "one of the process's working groups" },
	{ .name = "host", .label = "Host state (ISO code or name)", .type = FIELD_NAME, .flags = FIELD_CLEARABLE,
	  .max = 200 },
	{ .name = "hosted_in_kind", .label = "Hosted in kind", .type = FIELD_CHOICE, .choices = yes_no,
	  .def = "no" },
	{ .name = "start", .label = "First day (YYYY-MM-DD)", .type = FIELD_DATE, .flags = FIELD_REQUIRED },
	{ .name = "end", .label = "Last day (YYYY-MM-DD; the first day if empty)", .type = FIELD_DATE,
	  .flags = FIELD_CLEARABLE },
	{ .name = "venue", .label = "Venue", .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 300 },
	{ .name = "chair", .label = "Chair", .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 300 },
	{ .name = "level", .label = "Who may see it", .type = FIELD_CHOICE, .choices = levels, .def = "members" },
	{ .name = "invitations_sent", .label = "Invitations sent on (YYYY-MM-DD)", .type = FIELD_DATE,
	  .flags = FIELD_CLEARABLE },
};
const size_t meetings_nfields = sizeof meetings_fields / sizeof meetings_fields[0];

const struct field delegates_fields[] = {
	{ .name = "party", .label = "State or organisation (ISO code or name)", .type = FIELD_NAME,
	  .flags = FIELD_REQUIRED, .max = 200, .hint = "the state or organisation the person came for" },
	{ .name = "name", .label = "Full name", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 200,
	  .hint = "the person's full name" },
	{ .name = "rank", .label = "Rank", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED,
	  .choices = meeting_ranks, .def = "technical" },
	{ .name = "department", .label = "Ministry or department", .type = FIELD_CHOICE,
	  .flags = FIELD_CLEARABLE, .choices = departments },
};
const size_t delegates_nfields = sizeof delegates_fields / sizeof delegates_fields[0];

static const char *const proposers[] = { "state", "secretariat", "partner", NULL };

const struct field agenda_fields[] = {
	{ .name = "title", .label = "Item", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300,
	  .hint = "the item's title on one line" },
	{ .name = "proposer", .label = "Proposed by", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED,
	  .choices = proposers, .def = "secretariat" },
	{ .name = "party", .label = "The state or partner that proposed it (ISO code or name)", .type = FIELD_NAME,
	  .flags = FIELD_CLEARABLE, .max = 200 },
};
const size_t agenda_nfields = sizeof agenda_fields / sizeof agenda_fields[0];

#define MINUTES_MAX (1024 * 1024)

static void set_string(char **field, const char *value)
{
	free(*field);
	*field = value && *value ? xstrdup(value) : NULL;
}

static struct record_ref ref_of(const struct meeting *m)
{
	return (struct record_ref){ .process = m->process, .level = m->level };
}

int meetings_may_add(const struct actor *a, const char *process)
{
	return policy_may_write(a->user, process, NULL);
}

int meetings_may_change(const struct actor *a, const struct meeting *m)
{
	return policy_may_write(a->user, m->process, NULL);
}

int meetings_may_add_delegates(const struct actor *a, const struct meeting *m)
{
	const char *own = a->user ? a->user->government : NULL;
	return meetings_may_change(a, m) || (own && policy_may_write(a->user, m->process, own));
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not %s%s", what,
			a->user ? "" : " without signing in");
}

/* The working group text names among p's, by its name as the registry
 * holds it; NULL with err when it is none of them. */
static const char *working_group_of(const struct process *p, const char *text, struct svc_error *err)
{
	char *want = text_fold(text);
	const char *found = NULL;
	for (size_t i = 0; i < p->ngroups && !found; i++) {
		char *name = text_fold(p->groups[i].name);
		if (strcmp(name, want) == 0)
			found = p->groups[i].name;
		free(name);
	}
	free(want);
	if (!found)
		svc_fail(err, SVC_INVALID, "working_group", "%s has no working group \"%s\"%s", p->acronym, text,
			 p->ngroups ? "" : " (it has none)");
	return found;
}

/* Applies the values v gives to m after checking them; p is m's process. */
static enum svc_status apply_values(struct registry *r, const struct process *p, const struct field_values *v,
				    int creating, struct meeting *m, struct svc_error *err)
{
	enum svc_status st = fields_check(v, creating, err);
	if (st)
		return st;
	const struct {
		const char *name;
		char **slot;
	} strings[] = { { "title", &m->title }, { "type", &m->type }, { "series", &m->series },
			{ "start", &m->start }, { "end", &m->end }, { "venue", &m->venue }, { "chair", &m->chair },
			{ "invitations_sent", &m->invitations_sent } };
	const char *text;
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		if ((text = fields_text(v, strings[i].name)))
			set_string(strings[i].slot, text);
	if ((text = fields_text_or_default(v, "level", creating)))
		m->level = (enum level)level_parse(text);
	if ((text = fields_text_or_default(v, "hosted_in_kind", creating)))
		m->in_kind = strcmp(text, "yes") == 0;
	if ((text = fields_text(v, "working_group"))) {
		const char *group = *text ? working_group_of(p, text, err) : "";
		if (!group)
			return SVC_INVALID;
		set_string(&m->working_group, group);
	}
	if ((text = fields_text(v, "host"))) {
		const struct country *c = NULL;
		if (*text && registry_country(r, "host", text, &c, err))
			return SVC_INVALID;
		set_string(&m->host, c ? c->alpha3 : NULL);
		set_string(&m->host_name, c ? c->name : NULL);
	}
	if (!m->end)
		m->end = xstrdup(m->start);
	if (strcmp(m->end, m->start) < 0)
		return svc_fail(err, SVC_INVALID, "end", "%s is before the first day, %s", m->end, m->start);
	return SVC_OK;
}

static int audit_meeting(struct store *s, const struct actor *a, const char *action, const struct meeting *m,
			 const char *detail, struct svc_error *err)
{
	char object[32];
	snprintf(object, sizeof object, "meeting:%lld", m->id);
	return audit_record(s, a, action, m->process, object, detail, err);
}

enum svc_status meetings_add(struct registry *r, const struct actor *a, const char *process,
			     const struct field_values *v, long long *id, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	if (!meetings_may_add(a, p->slug))
		return not_allowed(a, "add meetings to this process", err);
	struct meeting m = { .process = xstrdup(p->slug), .created_at = a->now, .updated_at = a->now,
			     .created_by = xstrdup(a->user->login) };
	enum svc_status st = apply_values(r, p, v, 1, &m, err);
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		if (store_meeting_put(s, &m, &err->message) || audit_meeting(s, a, "meeting.add", &m, m.title, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = m.id;
	meeting_free(&m);
	return st;
}

/* Whether the meeting falls in year (0: any). */
static int in_year(const struct meeting *m, int year)
{
	return !year || atoi(m->start) == year;
}

enum svc_status meetings_list(struct registry *r, const struct actor *a, const char *process, int year,
			      struct meeting_list *out, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	struct meeting_list all = { 0 };
	if (store_meetings_of(registry_store(r), p->slug, &all, &err->message)) {
		meeting_list_free(&all);
		return SVC_ERROR;
	}
	int audited = 0;
	for (size_t i = 0; i < all.n; i++) {
		struct record_ref ref = ref_of(&all.items[i]);
		if (!policy_may_read(a->user, &ref) || !in_year(&all.items[i], year))
			continue;
		audited |= policy_read_is_audited(all.items[i].level);
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	meeting_list_free(&all);
	if (audited && audit_record_list_read(registry_store(r), a, "meeting.list", p->slug, err))
		return SVC_ERROR;
	return SVC_OK;
}

enum svc_status meetings_list_all(struct registry *r, const struct actor *a, struct meeting_list *out,
				  struct svc_error *err)
{
	const struct process_list *all = registry_all(r);
	enum svc_status st = SVC_OK;
	for (size_t i = 0; i < all->n && st == SVC_OK; i++) {
		struct meeting_list l = { 0 };
		st = meetings_list(r, a, all->items[i].slug, 0, &l, err);
		for (size_t k = 0; k < l.n; k++) {
			out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
			out->items[out->n++] = l.items[k];
		}
		free(l.items);
	}
	return st;
}

/* Reads meeting id into *m if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, long long id, struct meeting *m,
				struct svc_error *err)
{
	int rc = store_meeting_get(registry_store(r), id, m, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		struct record_ref ref = ref_of(m);
		if (policy_may_read(a->user, &ref))
			return SVC_OK;
		meeting_free(m);
	}
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no meeting %lld", id);
}

/* Leaves in m what the actor may see of it: the papers they may read, and
 * draft minutes only for those who may change the meeting. */
static enum svc_status visible_records(struct registry *r, const struct actor *a, struct meeting *m,
				       struct svc_error *err)
{
	size_t kept = 0;
	for (size_t i = 0; i < m->ndocuments; i++) {
		int may = documents_visible(r, a, m->documents[i], err);
		if (may < 0)
			return SVC_ERROR;
		if (may)
			m->documents[kept++] = m->documents[i];
	}
	m->ndocuments = kept;
	int writer = meetings_may_change(a, m);
	kept = 0;
	for (size_t i = 0; i < m->nminutes; i++) {
		if (writer || strcmp(m->minutes[i].state, "draft") != 0)
			m->minutes[kept++] = m->minutes[i];
		else
			minutes_free(&m->minutes[i]);
	}
	m->nminutes = kept;
	return SVC_OK;
}

enum svc_status meetings_list_whole(struct registry *r, const struct actor *a, const char *process, int year,
				    struct meeting_list *out, struct svc_error *err)
{
	enum svc_status st = meetings_list(r, a, process, year, out, err);
	for (size_t i = 0; st == SVC_OK && i < out->n; i++) {
		struct meeting whole;
		if ((st = readable(r, a, out->items[i].id, &whole, err)) == SVC_OK &&
		    (st = visible_records(r, a, &whole, err)) != SVC_OK)
			meeting_free(&whole);
		if (st == SVC_OK) {
			meeting_free(&out->items[i]);
			out->items[i] = whole;
		}
	}
	if (st)
		meeting_list_free(out);
	return st;
}

enum svc_status meetings_get(struct registry *r, const struct actor *a, long long id, struct meeting *out,
			     struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, out, err);
	if (st == SVC_OK && (st = visible_records(r, a, out, err)))
		meeting_free(out);
	if (st == SVC_OK && policy_read_is_audited(out->level) &&
	    audit_meeting(registry_store(r), a, "meeting.read", out, NULL, err)) {
		meeting_free(out);
		st = SVC_ERROR;
	}
	return st;
}

/* Opens a change of meeting id: read, allowed, transaction begun. */
static enum svc_status begin_change(struct registry *r, const struct actor *a, long long id, struct meeting *m,
				    int (*allowed)(const struct actor *, const struct meeting *), const char *what,
				    struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, m, err);
	if (st)
		return st;
	st = allowed(a, m) ? svc_begin(registry_store(r), err) : not_allowed(a, what, err);
	if (st)
		meeting_free(m);
	return st;
}

static enum svc_status end_change(struct registry *r, const struct actor *a, struct meeting *m,
				  const char *action, const char *detail, enum svc_status st, struct svc_error *err)
{
	struct store *s = registry_store(r);
	if (st == SVC_OK && audit_meeting(s, a, action, m, detail, err))
		st = SVC_ERROR;
	st = svc_commit(s, st, err);
	meeting_free(m);
	return st;
}

enum svc_status meetings_update(struct registry *r, const struct actor *a, long long id,
				const struct field_values *v, struct svc_error *err)
{
	struct meeting m;
	enum svc_status st = begin_change(r, a, id, &m, meetings_may_change, "change this meeting", err);
	if (st)
		return st;
	const struct process *p;
	if (registry_process(r, NULL, m.process, &p, err))
		st = SVC_ERROR;
	else
		st = apply_values(r, p, v, 0, &m, err);
	m.updated_at = a->now;
	if (st == SVC_OK && store_meeting_update(registry_store(r), &m, &err->message))
		st = SVC_ERROR;
	return end_change(r, a, &m, "meeting.update", m.title, st, err);
}

enum svc_status meetings_delete(struct registry *r, const struct actor *a, long long id, struct svc_error *err)
{
	struct meeting m;
	enum svc_status st = begin_change(r, a, id, &m, meetings_may_change, "delete this meeting", err);
	if (st)
		return st;
	if (store_meeting_delete(registry_store(r), id, &err->message))
		st = SVC_ERROR;
	return end_change(r, a, &m, "meeting.delete", m.title, st, err);
}

/* The state or organisation query names, into d. */
static enum svc_status resolve_party(struct registry *r, const char *query, struct delegate *d,
				     struct svc_error *err)
{
	const struct country *c;
	const struct organisation *o;
	if (registry_id(r, REGISTRY_COUNTRY, query) && registry_country(r, "party", query, &c, err) == SVC_OK) {
		d->party = xstrdup(c->alpha3);
		d->party_name = xstrdup(c->name);
	} else if (registry_organisation(r, "party", query, &o, err) == SVC_OK) {
		d->party = xstrdup(o->slug);
		d->party_name = xstrdup(o->name);
		d->is_organisation = 1;
	} else {
		return svc_fail(err, SVC_INVALID, "party", "no state or organisation matches \"%s\"", query);
	}
	return SVC_OK;
}

/* Checks and fills a new delegate at meeting m from v. */
static enum svc_status delegate_from(struct registry *r, const struct actor *a, const struct meeting *m,
				     const struct field_values *v, struct delegate *d, struct svc_error *err)
{
	enum svc_status st = fields_check(v, 1, err);
	if (st || (st = resolve_party(r, fields_text(v, "party"), d, err)))
		return st;
	d->meeting = m->id;
	d->name = xstrdup(fields_text(v, "name"));
	d->name_key = text_fold(d->name);
	d->rank = xstrdup(fields_text(v, "rank"));
	set_string(&d->department, fields_text(v, "department"));
	if (!*d->name_key)
		return svc_fail(err, SVC_INVALID, "name", "give a name with letters in it");
	if (!meetings_may_change(a, m) && !policy_may_write(a->user, m->process, d->is_organisation ? NULL : d->party))
		return not_allowed(a, "record another state's delegation", err);
	return SVC_OK;
}

enum svc_status meetings_add_delegate(struct registry *r, const struct actor *a, long long id,
				      const struct field_values *v, long long *delegate, struct svc_error *err)
{
	struct meeting m;
	struct delegate d = { 0 };
	enum svc_status st = begin_change(r, a, id, &m, meetings_may_add_delegates,
					  "record delegates at this meeting", err);
	if (st)
		return st;
	struct store *s = registry_store(r);
	int exists = 0;
	if ((st = delegate_from(r, a, &m, v, &d, err)) == SVC_OK &&
	    store_delegate_exists(s, m.id, d.name_key, &exists, &err->message))
		st = SVC_ERROR;
	if (st == SVC_OK && exists)
		st = svc_fail(err, SVC_CONFLICT, "name", "%s is already a delegate at this meeting", d.name);
	if (st == SVC_OK && store_delegate_put(s, &d, a->now, &err->message))
		st = SVC_ERROR;
	if (st == SVC_OK)
		*delegate = d.id;
	char *detail = xasprintf("delegate %s (%s)", d.name ? d.name : "", d.party ? d.party : "");
	st = end_change(r, a, &m, "meeting.delegate", detail, st, err);
	free(detail);
	delegate_free(&d);
	return st;
}

void meetings_values(const struct meeting *m, struct field_values *v)
{
	struct svc_error ignored = { 0 };
	fields_init(v, meetings_fields, meetings_nfields);
	const char *text[][2] = {
		{ "title", m->title }, { "type", m->type }, { "series", m->series },
		{ "working_group", m->working_group }, { "host", m->host },
		{ "hosted_in_kind", m->in_kind ? "yes" : "no" }, { "start", m->start }, { "end", m->end },
		{ "venue", m->venue }, { "chair", m->chair }, { "level", level_name(m->level) },
		{ "invitations_sent", m->invitations_sent },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (text[i][1])
			fields_set(v, text[i][0], text[i][1], "a meeting", &ignored);
}

/* ---- agenda, papers, minutes ---- */

/* Who proposed an item: the party a state or partner names, into item. */
static enum svc_status proposer_of(struct registry *r, const struct field_values *v, struct agenda_item *item,
				   int *is_organisation, struct svc_error *err)
{
	const char *kind = fields_text_or_default(v, "proposer", 1), *party = fields_text(v, "party");
	item->proposer_kind = xstrdup(kind);
	*is_organisation = 0;
	if (strcmp(kind, "secretariat") == 0)
		return SVC_OK;
	if (!party || !*party)
		return svc_fail(err, SVC_INVALID, "party", "name the %s that proposed it", kind);
	const struct country *c;
	const struct organisation *o;
	if (strcmp(kind, "state") == 0) {
		if (registry_country(r, "party", party, &c, err))
			return SVC_INVALID;
		item->party = xstrdup(c->alpha3);
	} else {
		if (registry_organisation(r, "party", party, &o, err))
			return SVC_INVALID;
		item->party = xstrdup(o->slug);
		*is_organisation = 1;
	}
	return SVC_OK;
}

enum svc_status meetings_add_agenda_item(struct registry *r, const struct actor *a, long long id,
					 const struct field_values *v, struct svc_error *err)
{
	struct meeting m;
	struct agenda_item item = { 0 };
	int is_org = 0;
	enum svc_status st = fields_check(v, 1, err);
	if (st || (st = begin_change(r, a, id, &m, meetings_may_change, "change this meeting's agenda", err)))
		return st;
	item.title = xstrdup(fields_text(v, "title"));
	if ((st = proposer_of(r, v, &item, &is_org, err)) == SVC_OK &&
	    store_agenda_put(registry_store(r), id, &item, is_org, &err->message))
		st = SVC_ERROR;
	st = end_change(r, a, &m, "meeting.agenda", item.title, st, err);
	free(item.title);
	free(item.proposer_kind);
	free(item.party);
	return st;
}

enum svc_status meetings_attach_document(struct registry *r, const struct actor *a, long long id,
					 long long document, struct svc_error *err)
{
	struct meeting m;
	struct document d;
	enum svc_status st = begin_change(r, a, id, &m, meetings_may_change, "attach papers to this meeting", err);
	if (st)
		return st;
	int rc = store_document_get(registry_store(r), document, &d, &err->message);
	struct record_ref ref = rc == 0 ? (struct record_ref){ .process = d.process, .level = d.level,
								.state = d.state, .readers = &d.readers }
				       : (struct record_ref){ 0 };
	if (rc < 0)
		st = SVC_ERROR;
	else if (rc == 1 || !policy_may_read(a->user, &ref))
		st = svc_fail(err, SVC_INVALID, "document", "no document %lld", document);
	else if (strcmp(d.process, m.process) != 0)
		st = svc_fail(err, SVC_INVALID, "document", "document %lld is a paper of %s, not of this meeting's process",
			      document, d.process);
	else if (store_meeting_attach(registry_store(r), id, document, &err->message))
		st = SVC_ERROR;
	char *detail = xasprintf("document:%lld", document);
	st = end_change(r, a, &m, "meeting.attach", detail, st, err);
	free(detail);
	if (rc == 0)
		document_free(&d);
	return st;
}

/* The minutes of m still open (a draft or circulated), or NULL. */
static struct minutes *open_minutes(struct meeting *m)
{
	for (size_t i = m->nminutes; i-- > 0;)
		if (strcmp(m->minutes[i].state, "final") != 0)
			return &m->minutes[i];
	return NULL;
}

static enum svc_status check_body(const char *body, struct svc_error *err)
{
	if (!body || !*body)
		return svc_fail(err, SVC_INVALID, "body", "write the minutes' text");
	if (strlen(body) > MINUTES_MAX || !text_is_utf8(body))
		return svc_fail(err, SVC_INVALID, "body", "must be UTF-8 text of at most %d bytes", MINUTES_MAX);
	return SVC_OK;
}

/* Stores new minutes (a draft) of m; corrects names the final minutes a
 * corrigendum corrects, or 0. */
static int new_minutes(struct store *s, const struct actor *a, const struct meeting *m, long long corrects,
		       const char *body, struct svc_error *err)
{
	struct minutes mm = { .meeting = m->id, .corrects = corrects, .state = xstrdup("draft"),
			      .body = xstrdup(body), .created_by = xstrdup(a->user->login),
			      .created_at = a->now, .updated_at = a->now };
	int rc = store_minutes_put(s, &mm, &err->message);
	minutes_free(&mm);
	return rc;
}

enum svc_status meetings_write_minutes(struct registry *r, const struct actor *a, long long id,
				       const char *body, struct svc_error *err)
{
	struct meeting m;
	enum svc_status st = check_body(body, err);
	if (st || (st = begin_change(r, a, id, &m, meetings_may_change, "write this meeting's minutes", err)))
		return st;
	struct store *s = registry_store(r);
	struct minutes *open = open_minutes(&m);
	if (open) {
		set_string(&open->body, body);
		open->updated_at = a->now;
		if (store_minutes_update(s, open, &err->message))
			st = SVC_ERROR;
	} else if (m.nminutes) {
		st = svc_fail(err, SVC_CONFLICT, "body", "the minutes are final; changes go in a corrigendum");
	} else if (new_minutes(s, a, &m, 0, body, err)) {
		st = SVC_ERROR;
	}
	return end_change(r, a, &m, "meeting.minutes", NULL, st, err);
}

enum svc_status meetings_add_corrigendum(struct registry *r, const struct actor *a, long long id,
					 const char *body, struct svc_error *err)
{
	struct meeting m;
	enum svc_status st = check_body(body, err);
	if (st || (st = begin_change(r, a, id, &m, meetings_may_change, "correct this meeting's minutes", err)))
		return st;
	if (!m.nminutes || strcmp(m.minutes[0].state, "final") != 0)
		st = svc_fail(err, SVC_CONFLICT, "body", "only final minutes take a corrigendum; change the minutes "
			      "themselves until then");
	else if (open_minutes(&m))
		st = svc_fail(err, SVC_CONFLICT, "body", "a corrigendum is open already; change it instead");
	else if (new_minutes(registry_store(r), a, &m, m.minutes[0].id, body, err))
		st = SVC_ERROR;
	return end_change(r, a, &m, "meeting.corrigendum", NULL, st, err);
}

enum svc_status meetings_advance_minutes(struct registry *r, const struct actor *a, long long id,
					 const char *state, struct svc_error *err)
{
	struct meeting m;
	if (!state || (strcmp(state, "circulated") != 0 && strcmp(state, "final") != 0))
		return svc_fail(err, SVC_INVALID, "state", "use circulated or final");
	enum svc_status st = begin_change(r, a, id, &m, meetings_may_change, "move this meeting's minutes on", err);
	if (st)
		return st;
	struct minutes *open = open_minutes(&m);
	if (!open)
		st = svc_fail(err, SVC_CONFLICT, "state", m.nminutes ? "the minutes are final already"
									 : "there are no minutes yet");
	else if (strcmp(open->state, state) == 0)
		st = svc_fail(err, SVC_CONFLICT, "state", "the minutes are %s already", state);
	if (st == SVC_OK) {
		set_string(&open->state, state);
		open->updated_at = a->now;
		if (store_minutes_update(registry_store(r), open, &err->message))
			st = SVC_ERROR;
	}
	char *detail = xasprintf("minutes %s", state);
	st = end_change(r, a, &m, "meeting.minutes", detail, st, err);
	free(detail);
	return st;
}

enum svc_status meetings_checklist(struct registry *r, const struct actor *a, const char *process,
				   struct meeting_list *l, struct meeting_checklist *out, struct svc_error *err)
{
	const struct process *p;
	memset(out, 0, sizeof *out);
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	if (!meetings_may_add(a, p->slug))
		return not_allowed(a, "see this process's meeting checklist", err);
	struct meeting_list brief = { 0 };
	enum svc_status st = meetings_list(r, a, p->slug, 0, &brief, err);
	for (size_t i = 0; st == SVC_OK && i < brief.n; i++) {
		l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
		struct meeting *m = &l->items[l->n++];
		int rc = store_meeting_get(registry_store(r), brief.items[i].id, m, &err->message);
		if (rc)
			l->n--;  /* 1: deleted since it was listed */
		if (rc < 0)
			st = SVC_ERROR;
		else if (rc == 0)
			st = visible_records(r, a, m, err);
	}
	meeting_list_free(&brief);
	if (st == SVC_OK) {
		char today[11];
		time_t t = (time_t)a->now;
		struct tm tm;
		strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&t, &tm));
		meeting_checklist(p, l, today, out);
	}
	return st;
}
