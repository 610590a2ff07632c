/* plans.c: plans of action, commitments per owner, progress reported between meetings, and the follow-up report */
#include "plans.h"
#include "audit.h"
#include "documents.h"
#include "policy.h"
#include "service_int.h"
#include "../core/period.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const levels[] = { "public", "participants", "members", "restricted", NULL };
static const char *const statuses[] = { "not-started", "in-progress", "done", "dropped", NULL };

const struct field plans_fields[] = {
	{ .name = "title", .label = "Title", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 300,
	  .hint = "a title on one line" },
	{ .name = "meeting", .label = "Adopted at meeting number", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 20 },
	{ .name = "adopted", .label = "Adopted on (YYYY-MM-DD; the meeting's first day if empty)", .type = FIELD_DATE,
	  .flags = FIELD_CLEARABLE },
	{ .name = "level", .label = "Who may see it", .type = FIELD_CHOICE, .choices = levels, .def = "members" },
	{ .name = "body", .label = "Text (Markdown)", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE,
	  .max = 1024 * 1024 },
};
const size_t plans_nfields = sizeof plans_fields / sizeof plans_fields[0];

const struct field plan_items_fields[] = {
	{ .name = "text", .label = "What is to be done", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 1000 },
	{ .name = "owners", .label = "Owners (states, all-members, secretariat or group:WORKING GROUP, separated by commas)",
	  .type = FIELD_LIST, .flags = FIELD_REQUIRED, .max = 200, .cli_item = "owner",
	  .hint = "states, all-members or secretariat" },
	{ .name = "due", .label = "Due (YYYY-MM-DD)", .type = FIELD_DATE, .flags = FIELD_CLEARABLE },
	{ .name = "output", .label = "Expected output", .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 500 },
};
const size_t plan_items_nfields = sizeof plan_items_fields / sizeof plan_items_fields[0];

const struct field progress_fields[] = {
	{ .name = "status", .label = "Status", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = statuses,
	  .def = "in-progress" },
	{ .name = "date", .label = "As of (YYYY-MM-DD; today if empty)", .type = FIELD_DATE, .flags = FIELD_CLEARABLE },
	{ .name = "note", .label = "Note", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE, .max = 4000 },
	{ .name = "evidence", .label = "Evidence (a document's number, or an http(s) address)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 2000 },
};
const size_t progress_nfields = sizeof progress_fields / sizeof progress_fields[0];

#define SECRETARIAT "secretariat"
#define ALL_MEMBERS "all-members"
#define GROUP "group:"  /* an owner "group:NAME" is one of the process's working groups */

int plans_may_add(const struct actor *a, const char *process)
{
	return policy_may_write(a->user, process, NULL);
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not %s%s", what,
			a->user ? "" : " without signing in");
}

static void today(long long now, char out[11])
{
	period_day_of(now, out);
}

static int audit_plan(struct store *s, const struct actor *a, const char *action, const struct plan *p,
		      const char *detail, struct svc_error *err)
{
	char object[32];
	snprintf(object, sizeof object, "plan:%lld", p->id);
	return audit_record(s, a, action, p->process, object, detail, err);
}

/* The meeting the values name for p (its first day into *start, caller
 * frees): SVC_OK also when none is named. */
static enum svc_status meeting_of(struct registry *r, const struct actor *a, const struct field_values *v,
				  struct plan *p, char **start, struct svc_error *err)
{
	const char *text = fields_text(v, "meeting");
	*start = NULL;
	if (!text || !*text)
		return SVC_OK;
	long long id = text_number(text);
	struct meeting m;
	int rc = id > 0 ? store_meeting_get(registry_store(r), id, &m, &err->message) : 1;
	if (rc < 0)
		return SVC_ERROR;
	struct record_ref ref = rc == 0 ? (struct record_ref){ .process = m.process, .level = m.level }
				       : (struct record_ref){ 0 };
	enum svc_status st = SVC_OK;
	if (rc == 1 || !policy_may_read(a->user, &ref))
		st = svc_fail(err, SVC_INVALID, "meeting", "no meeting %s", text);
	else if (strcmp(m.process, p->process) != 0)
		st = svc_fail(err, SVC_INVALID, "meeting", "meeting %s is not a meeting of %s", text, p->process);
	if (st == SVC_OK) {
		p->meeting = id;
		*start = xstrdup(m.start);
	}
	if (rc == 0)
		meeting_free(&m);
	return st;
}

enum svc_status plans_add(struct registry *r, const struct actor *a, const char *process,
			  const struct field_values *v, long long *id, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!plans_may_add(a, proc->slug))
		return not_allowed(a, "adopt plans in this process", err);
	enum svc_status st = fields_check(v, 1, err);
	if (st)
		return st;
	struct plan p = { .process = xstrdup(proc->slug), .title = xstrdup(fields_text(v, "title")),
			  .body = xstrdup_or_null(fields_text(v, "body")), .created_by = xstrdup(a->user->login),
			  .created_at = a->now, .updated_at = a->now,
			  .level = (enum level)level_parse(fields_text_or_default(v, "level", 1)) };
	char *start = NULL, day[11];
	today(a->now, day);
	if ((st = meeting_of(r, a, v, &p, &start, err)) == SVC_OK) {
		const char *adopted = fields_text(v, "adopted");
		p.adopted = xstrdup(adopted && *adopted ? adopted : start ? start : day);
	}
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		if (store_plan_put(s, &p, &err->message) || audit_plan(s, a, "plan.add", &p, p.title, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = p.id;
	free(start);
	plan_free(&p);
	return st;
}

/* Reads plan id into *p if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, long long id, struct plan *p,
				struct svc_error *err)
{
	int rc = store_plan_get(registry_store(r), id, p, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		struct record_ref ref = { .process = p->process, .level = p->level };
		if (policy_may_read(a->user, &ref))
			return SVC_OK;
		plan_free(p);
	}
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no plan %lld", id);
}

/* Leaves out the progress notes of p that the actor may not read. */
static void hide_notes(const struct actor *a, struct plan *p)
{
	struct record_ref members = { .process = p->process, .level = LEVEL_MEMBERS };
	if (policy_may_read(a->user, &members))
		return;
	for (size_t i = 0; i < p->nitems; i++)
		for (size_t k = 0; k < p->items[i].ncommitments; k++)
			for (size_t j = 0; j < p->items[i].commitments[k].nprogress; j++) {
				free(p->items[i].commitments[k].progress[j].note);
				p->items[i].commitments[k].progress[j].note = NULL;
			}
}

enum svc_status plans_get(struct registry *r, const struct actor *a, long long id, struct plan *out,
			  struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, out, err);
	if (st == SVC_OK)
		hide_notes(a, out);
	return st;
}

enum svc_status plans_list(struct registry *r, const struct actor *a, const char *process,
			   struct plan_list *out, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	struct plan_list all = { 0 };
	if (store_plans_of(registry_store(r), p->slug, &all, &err->message)) {
		plan_list_free(&all);
		return SVC_ERROR;
	}
	for (size_t i = 0; i < all.n; i++) {
		struct record_ref ref = { .process = all.items[i].process, .level = all.items[i].level };
		if (!policy_may_read(a->user, &ref))
			continue;
		hide_notes(a, &all.items[i]);
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	plan_list_free(&all);
	return SVC_OK;
}

/* "group:NAME" for the working group of proc that name names (case and
 * accents aside), or NULL; the caller frees it. */
static char *working_group(const struct process *proc, const char *name)
{
	char *want = text_fold(name), *found = NULL;
	for (size_t i = 0; i < proc->ngroups && !found; i++) {
		char *have = text_fold(proc->groups[i].name);
		if (strcmp(have, want) == 0)
			found = xasprintf(GROUP "%s", proc->groups[i].name);
		free(have);
	}
	free(want);
	return found;
}

/* Adds owner to the list once. */
static void add_owner(struct strlist *owners, const char *owner)
{
	if (!strlist_contains(owners, owner))
		strlist_push(owners, owner);
}

/* The owners the item's values name, expanded: all-members to the member
 * governments of the process in the plan's year of adoption. */
static enum svc_status owners_of(struct registry *r, const struct process *proc, const struct plan *p,
				 const struct strlist *given, struct strlist *owners, struct svc_error *err)
{
	int year = atoi(p->adopted);
	for (size_t i = 0; i < given->n; i++) {
		const char *o = given->items[i];
		char field[32];
		snprintf(field, sizeof field, "owners[%zu]", i);
		if (strcmp(o, SECRETARIAT) == 0) {
			add_owner(owners, SECRETARIAT);
			continue;
		}
		if (strncmp(o, GROUP, strlen(GROUP)) == 0) {
			char *group = working_group(proc, o + strlen(GROUP));
			if (!group)
				return svc_fail(err, SVC_INVALID, field, "%s has no working group \"%s\"", proc->acronym,
						o + strlen(GROUP));
			add_owner(owners, group);
			free(group);
			continue;
		}
		if (strcmp(o, ALL_MEMBERS) == 0) {
			for (size_t k = 0; k < proc->parts.n; k++) {
				const struct participation *pa = &proc->parts.items[k];
				if (pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION && participation_at(pa, year))
					add_owner(owners, pa->code);
			}
			continue;
		}
		const struct country *c;
		if (registry_country(r, field, o, &c, err))
			return SVC_INVALID;
		int part = 0;
		for (size_t k = 0; k < proc->parts.n && !part; k++)
			part = strcmp(proc->parts.items[k].code, c->alpha3) == 0 && participation_at(&proc->parts.items[k], year);
		if (!part)
			return svc_fail(err, SVC_INVALID, field, "%s did not take part in %s in %d", c->name, proc->acronym,
					year);
		add_owner(owners, c->alpha3);
	}
	if (!owners->n)
		return svc_fail(err, SVC_INVALID, "owners", "give at least one owner");
	return SVC_OK;
}

/* Opens a change of plan id: read, allowed, transaction begun. */
static enum svc_status begin_change(struct registry *r, const struct actor *a, long long id, struct plan *p,
				    const char *what, struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, p, err);
	if (st)
		return st;
	st = plans_may_add(a, p->process) ? svc_begin(registry_store(r), err) : not_allowed(a, what, err);
	if (st)
		plan_free(p);
	return st;
}

/* Stores the item and a commitment per owner. */
static int put_item(struct store *s, long long plan, struct plan_item *it, const struct strlist *owners,
		    struct svc_error *err)
{
	if (store_plan_item_put(s, plan, it, &err->message))
		return -1;
	for (size_t i = 0; i < owners->n; i++) {
		long long id;
		if (store_commitment_put(s, it->id, owners->items[i], &id, &err->message))
			return -1;
	}
	return 0;
}

enum svc_status plans_add_item(struct registry *r, const struct actor *a, long long id,
			       const struct field_values *v, long long *item, struct svc_error *err)
{
	struct plan p;
	enum svc_status st = fields_check(v, 1, err);
	if (st || (st = begin_change(r, a, id, &p, "add items to this plan", err)))
		return st;
	const struct process *proc;
	struct strlist owners = { 0 };
	struct plan_item it = { .text = xstrdup(fields_text(v, "text")), .due = xstrdup_or_null(fields_text(v, "due")),
				.output = xstrdup_or_null(fields_text(v, "output")) };
	if (it.due && !*it.due) {
		free(it.due);
		it.due = NULL;
	}
	if (registry_process(r, NULL, p.process, &proc, err))
		st = SVC_ERROR;
	else if (it.due && strcmp(it.due, p.adopted) < 0)
		st = svc_fail(err, SVC_INVALID, "due", "%s is before the plan's adoption, %s", it.due, p.adopted);
	else if ((st = owners_of(r, proc, &p, fields_list(v, "owners"), &owners, err)) == SVC_OK &&
		 put_item(registry_store(r), p.id, &it, &owners, err))
		st = SVC_ERROR;
	if (st == SVC_OK && audit_plan(registry_store(r), a, "plan.item", &p, it.text, err))
		st = SVC_ERROR;
	st = svc_commit(registry_store(r), st, err);
	if (st == SVC_OK)
		*item = it.id;
	free(it.text);
	free(it.due);
	free(it.output);
	strlist_free(&owners);
	plan_free(&p);
	return st;
}

/* The commitment of owner on item in p, or NULL. */
static const struct commitment *commitment_on(const struct plan *p, long long item, const char *owner)
{
	for (size_t i = 0; i < p->nitems; i++)
		for (size_t k = 0; p->items[i].id == item && k < p->items[i].ncommitments; k++)
			if (strcmp(p->items[i].commitments[k].owner, owner) == 0)
				return &p->items[i].commitments[k];
	return NULL;
}

/* The owner code owner names: "secretariat", "group:NAME" as given, or a
 * country's alpha-3. */
static enum svc_status owner_code(struct registry *r, const char *owner, const char **code, struct svc_error *err)
{
	const struct country *c;
	if (strcmp(owner, SECRETARIAT) == 0 || strncmp(owner, GROUP, strlen(GROUP)) == 0) {
		*code = owner;
		return SVC_OK;
	}
	if (registry_country(r, "state", owner, &c, err))
		return SVC_INVALID;
	*code = c->alpha3;
	return SVC_OK;
}

/* Checks a progress report's values against plan p; fills pr. */
static enum svc_status progress_from(struct registry *r, const struct actor *a, const struct plan *p,
				     const struct field_values *v, struct progress *pr, struct svc_error *err)
{
	enum svc_status st = fields_check(v, 1, err);
	if (st)
		return st;
	char day[11];
	today(a->now, day);
	const char *date = fields_text(v, "date"), *note = fields_text(v, "note"), *evidence = fields_text(v, "evidence");
	pr->status = xstrdup(fields_text(v, "status"));
	pr->reported = xstrdup(date && *date ? date : day);
	pr->note = note && *note ? xstrdup(note) : NULL;
	pr->created_by = xstrdup(a->user->login);
	if (strcmp(pr->reported, p->adopted) < 0)
		return svc_fail(err, SVC_INVALID, "date", "%s is before the plan's adoption, %s", pr->reported, p->adopted);
	if (strcmp(pr->reported, day) > 0)
		return svc_fail(err, SVC_INVALID, "date", "%s is in the future", pr->reported);
	if (evidence && (strncmp(evidence, "https://", 8) == 0 || strncmp(evidence, "http://", 7) == 0)) {
		if (strpbrk(evidence, " \"<>"))
			return svc_fail(err, SVC_INVALID, "evidence", "an address has no spaces, quotes or angle brackets");
		pr->evidence_link = xstrdup(evidence);
	} else if (evidence && *evidence) {
		pr->evidence = text_number(evidence);
		int visible = pr->evidence > 0 ? documents_visible(r, a, pr->evidence, err) : 0;
		if (visible < 0)
			return SVC_ERROR;
		if (!visible)
			return svc_fail(err, SVC_INVALID, "evidence", "no document %s", evidence);
	}
	return SVC_OK;
}

enum svc_status plans_record_progress(struct registry *r, const struct actor *a, long long item,
				      const char *owner, const struct field_values *v, struct svc_error *err)
{
	long long id;
	int rc = store_plan_of_item(registry_store(r), item, &id, &err->message);
	if (rc)
		return rc < 0 ? SVC_ERROR : svc_fail(err, SVC_NOT_FOUND, NULL, "no item %lld", item);
	struct plan p;
	enum svc_status st = readable(r, a, id, &p, err);
	if (st)
		return st == SVC_NOT_FOUND ? svc_fail(err, SVC_NOT_FOUND, NULL, "no item %lld", item) : st;
	const char *code = NULL;
	struct progress pr = { 0 };
	const struct commitment *c = NULL;
	if ((st = owner_code(r, owner, &code, err)) == SVC_OK && !(c = commitment_on(&p, item, code)))
		st = svc_fail(err, SVC_INVALID, "state", "%s has no commitment on item %lld", owner, item);
	int state_owner = strcmp(code, SECRETARIAT) != 0 && strncmp(code, GROUP, strlen(GROUP)) != 0;
	if (st == SVC_OK && !policy_may_write(a->user, p.process, state_owner ? code : NULL))
		st = not_allowed(a, "report progress for this owner", err);
	if (st == SVC_OK)
		st = progress_from(r, a, &p, v, &pr, err);
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		char *detail = xasprintf("item %lld %s: %s", item, code, pr.status);
		if (store_progress_put(s, c->id, &pr, a->now, &err->message) ||
		    audit_plan(s, a, "plan.progress", &p, detail, err))
			st = SVC_ERROR;
		free(detail);
		st = svc_commit(s, st, err);
	}
	free(pr.status);
	free(pr.reported);
	free(pr.note);
	free(pr.evidence_link);
	free(pr.created_by);
	plan_free(&p);
	return st;
}
