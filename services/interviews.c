/* interviews.c: the report's method: interviews following a protocol, and statements coded against its effects */
#include "interviews.h"
#include "audit.h"
#include "evidence.h"
#include "policy.h"
#include "service_int.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const affiliations[] = { "government", "international-organisation", "ngo", "academia", "other",
					    NULL };
static const char *const languages[] = { "en", "fr", "es", "de", "pt", "ru", "ar", NULL };

const struct field protocols_fields[] = {
	{ .name = "name", .label = "Name", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 200 },
	{ .name = "questions", .label = "Questions, one per line", .type = FIELD_TEXT, .flags = FIELD_REQUIRED,
	  .max = 20000 },
};
const size_t protocols_nfields = sizeof protocols_fields / sizeof protocols_fields[0];

const struct field interviews_fields[] = {
	{ .name = "protocol", .label = "Protocol (its number)", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = 20 },
	{ .name = "held", .label = "Held on (YYYY-MM-DD)", .type = FIELD_DATE, .flags = FIELD_CLEARABLE },
	{ .name = "affiliation", .label = "The interviewee's affiliation", .type = FIELD_CHOICE,
	  .flags = FIELD_REQUIRED, .choices = affiliations },
	{ .name = "language", .label = "Language", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED, .choices = languages },
	{ .name = "interviewee", .label = "Interviewee (kept restricted)", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 200 },
	{ .name = "organisation", .label = "Organisation (kept restricted)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 300 },
	{ .name = "notes", .label = "Notes", .type = FIELD_TEXT, .flags = FIELD_CLEARABLE, .max = 20000 },
};
const size_t interviews_nfields = sizeof interviews_fields / sizeof interviews_fields[0];

const struct field statements_fields[] = {
	{ .name = "effect", .label = "Effect it speaks of", .type = FIELD_CHOICE, .flags = FIELD_REQUIRED,
	  .choices = effect_keys },
	{ .name = "text", .label = "What was said", .type = FIELD_TEXT, .flags = FIELD_REQUIRED, .max = 8000 },
	{ .name = "evidence", .label = "Evidence it grounds (its number)", .type = FIELD_LINE, .flags = FIELD_CLEARABLE,
	  .max = 20 },
};
const size_t statements_nfields = sizeof statements_fields / sizeof statements_fields[0];

int interviews_may_read(const struct actor *a, const char *process)
{
	return policy_may_read_interviews(a->user, process);
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "you may not %s%s", what,
			a->user ? "" : " without signing in");
}

static char *text_or_null(const struct field_values *v, const char *name)
{
	const char *t = fields_text(v, name);
	return t && *t ? xstrdup(t) : NULL;
}

enum svc_status interviews_add_protocol(struct registry *r, const struct actor *a, const struct field_values *v,
					long long *id, struct svc_error *err)
{
	if (!policy_may_write_methods(a->user))
		return not_allowed(a, "add interview protocols", err);
	enum svc_status st = fields_check(v, 1, err);
	if (st)
		return st;
	struct interview_protocol p = { .name = xstrdup(fields_text(v, "name")),
					.questions = xstrdup(fields_text(v, "questions")) };
	struct interview_protocol_list known = { 0 };
	struct store *s = registry_store(r);
	if (store_protocols(s, &known, &err->message))
		st = SVC_ERROR;
	for (size_t i = 0; st == SVC_OK && i < known.n; i++)
		if (strcmp(known.items[i].name, p.name) == 0)
			st = svc_fail(err, SVC_CONFLICT, "name", "there is a protocol \"%s\" already", p.name);
	interview_protocol_list_free(&known);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		char object[32];
		if (store_protocol_put(s, &p, a->user->login, a->now, &err->message))
			st = SVC_ERROR;
		snprintf(object, sizeof object, "interview-protocol:%lld", p.id);
		if (st == SVC_OK && audit_record(s, a, "interview.protocol", NULL, object, p.name, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = p.id;
	free(p.name);
	free(p.questions);
	return st;
}

enum svc_status interviews_protocols(struct registry *r, const struct actor *a, struct interview_protocol_list *out,
				     struct svc_error *err)
{
	(void)a;
	return store_protocols(registry_store(r), out, &err->message) ? SVC_ERROR : SVC_OK;
}

/* Whether protocol id exists. */
static enum svc_status protocol_exists(struct registry *r, long long id, const char *text, struct svc_error *err)
{
	struct interview_protocol_list all = { 0 };
	if (store_protocols(registry_store(r), &all, &err->message)) {
		interview_protocol_list_free(&all);
		return SVC_ERROR;
	}
	int found = 0;
	for (size_t i = 0; i < all.n && !found; i++)
		found = all.items[i].id == id;
	interview_protocol_list_free(&all);
	return found ? SVC_OK : svc_fail(err, SVC_INVALID, "protocol", "no protocol %s", text);
}

static int audit_interview(struct store *s, const struct actor *a, const char *action, const char *process,
			   long long id, const char *detail, struct svc_error *err)
{
	char object[32];
	snprintf(object, sizeof object, "interview:%lld", id);
	return audit_record(s, a, action, process, object, detail, err);
}

enum svc_status interviews_add(struct registry *r, const struct actor *a, const char *process,
			       const struct field_values *v, long long *id, struct svc_error *err)
{
	const struct process *proc;
	if (registry_process(r, "process", process, &proc, err))
		return SVC_NOT_FOUND;
	if (!policy_may_write(a->user, proc->slug, NULL) || !interviews_may_read(a, proc->slug))
		return not_allowed(a, "record interviews in this process", err);
	enum svc_status st = fields_check(v, 1, err);
	if (st)
		return st;
	const char *protocol = fields_text(v, "protocol");
	long long pid = text_number(protocol);
	if (pid < 0)
		return svc_fail(err, SVC_INVALID, "protocol", "no protocol %s", protocol);
	if ((st = protocol_exists(r, pid, protocol, err)))
		return st;
	struct interview i = { .process = xstrdup(proc->slug), .protocol = pid, .held = text_or_null(v, "held"),
			       .affiliation = xstrdup(fields_text(v, "affiliation")),
			       .language = xstrdup(fields_text(v, "language")),
			       .interviewee = text_or_null(v, "interviewee"), .organisation = text_or_null(v, "organisation"),
			       .notes = text_or_null(v, "notes"), .created_by = xstrdup(a->user->login),
			       .created_at = a->now };
	struct store *s = registry_store(r);
	if ((st = svc_begin(s, err)) == SVC_OK) {
		if (store_interview_put(s, &i, &err->message) ||
		    audit_interview(s, a, "interview.add", i.process, i.id, i.affiliation, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = i.id;
	interview_free(&i);
	return st;
}

enum svc_status interviews_get(struct registry *r, const struct actor *a, long long id, struct interview *out,
			       struct svc_error *err)
{
	int rc = store_interview_get(registry_store(r), id, out, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0 && interviews_may_read(a, out->process))
		return SVC_OK;
	if (rc == 0)
		interview_free(out);
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no interview %lld", id);
}

enum svc_status interviews_list(struct registry *r, const struct actor *a, const char *process,
				struct interview_list *out, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	if (!interviews_may_read(a, p->slug))
		return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL,
				"interviews are for the process's secretariat%s", a->user ? "" : "; sign in");
	if (store_interviews_of(registry_store(r), p->slug, out, &err->message)) {
		interview_list_free(out);
		return SVC_ERROR;
	}
	return SVC_OK;
}

/* The evidence the statement's values name, checked: of the process, drawn
 * from an interview, readable by the actor. */
static enum svc_status evidence_of(struct registry *r, const struct actor *a, const struct field_values *v,
				   const char *process, long long *id, struct svc_error *err)
{
	const char *text = fields_text(v, "evidence");
	*id = 0;
	if (!text || !*text)
		return SVC_OK;
	long long n = text_number(text);
	struct evidence e;
	struct svc_error why = { 0 };
	enum svc_status st = n > 0 ? evidence_get(r, a, n, &e, &why) : SVC_NOT_FOUND;
	svc_error_free(&why);
	if (st == SVC_ERROR)
		return svc_fail(err, SVC_ERROR, NULL, "reading evidence %s", text);
	if (st)
		return svc_fail(err, SVC_INVALID, "evidence", "no evidence %s", text);
	if (strcmp(e.process, process) != 0)
		st = svc_fail(err, SVC_INVALID, "evidence", "evidence %s is not %s's", text, process);
	else if (strcmp(e.kind, "interview") != 0)
		st = svc_fail(err, SVC_INVALID, "evidence", "evidence %s is not drawn from an interview", text);
	else
		*id = n;
	evidence_free(&e);
	return st;
}

enum svc_status interviews_add_statement(struct registry *r, const struct actor *a, long long id,
					 const struct field_values *v, long long *statement, struct svc_error *err)
{
	struct interview i;
	enum svc_status st = interviews_get(r, a, id, &i, err);
	if (st)
		return st;
	struct interview_statement t = { 0 };
	struct store *s = registry_store(r);
	if (!policy_may_write(a->user, i.process, NULL))
		st = not_allowed(a, "code statements of this interview", err);
	else if ((st = fields_check(v, 1, err)) == SVC_OK &&
		 (st = evidence_of(r, a, v, i.process, &t.evidence, err)) == SVC_OK) {
		t.effect = xstrdup(fields_text(v, "effect"));
		t.text = xstrdup(fields_text(v, "text"));
		if ((st = svc_begin(s, err)) == SVC_OK) {
			if (store_statement_put(s, id, &t, &err->message) ||
			    audit_interview(s, a, "interview.statement", i.process, id, t.effect, err))
				st = SVC_ERROR;
			st = svc_commit(s, st, err);
		}
	}
	if (st == SVC_OK)
		*statement = t.id;
	free(t.effect);
	free(t.text);
	interview_free(&i);
	return st;
}
