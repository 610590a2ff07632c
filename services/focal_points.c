/* focal_points.c: national focal points and alternates: the switchboard of a process, under the access policy */
#include "focal_points.h"
#include "audit.h"
#include "policy.h"
#include "service_int.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const positions[] = { "focal-point", "alternate", NULL };
static const char *const ministries[] = { "foreign-affairs", "interior", "justice", "labour", "immigration",
					  "other", NULL };

const struct field focal_points_fields[] = {
	{ .name = "party", .label = "State or organisation (ISO code or name)", .type = FIELD_NAME,
	  .flags = FIELD_REQUIRED, .max = 200, .hint = "a state or organisation taking part in the process" },
	{ .name = "position", .label = "Position", .type = FIELD_CHOICE, .choices = positions,
	  .def = "focal-point" },
	{ .name = "name", .label = "Full name", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = FOCAL_NAME_MAX,
	  .hint = "the person's full name" },
	{ .name = "title", .label = "Title or post", .type = FIELD_LINE, .flags = FIELD_CLEARABLE, .max = 200 },
	{ .name = "ministry", .label = "Ministry or department", .type = FIELD_CHOICE, .choices = ministries,
	  .def = "other" },
	{ .name = "email", .label = "Email", .type = FIELD_LINE, .flags = FIELD_REQUIRED, .max = FOCAL_EMAIL_MAX,
	  .hint = "an address such as name@example.org" },
	{ .name = "phone", .label = "Phone (international form, +CC ...)", .type = FIELD_LINE,
	  .flags = FIELD_CLEARABLE, .max = 40 },
	{ .name = "languages", .label = "Languages (ISO 639-1 codes, separated by commas: en, fr)",
	  .type = FIELD_LIST, .max = 8, .cli_item = "languages" },
	{ .name = "verified", .label = "Last verified (YYYY-MM-DD)", .type = FIELD_DATE, .flags = FIELD_CLEARABLE },
};
const size_t focal_points_nfields = sizeof focal_points_fields / sizeof focal_points_fields[0];

static void set_string(char **field, const char *value)
{
	free(*field);
	*field = value && *value ? xstrdup(value) : NULL;
}

/* Whether party takes part in p now, in any role. */
static int takes_part(const struct process *p, const char *party)
{
	for (size_t i = 0; i < p->parts.n; i++)
		if (strcmp(p->parts.items[i].code, party) == 0 && participation_current(&p->parts.items[i]))
			return 1;
	return 0;
}

/* The state or organisation query names, taking part in p, into f. */
static enum svc_status resolve_party(struct registry *r, const struct process *p, const char *query,
				     struct focal_point *f, struct svc_error *err)
{
	const struct country *c;
	const struct organisation *o;
	const char *code = NULL, *name = NULL;
	int is_org = 0;
	if (registry_id(r, REGISTRY_COUNTRY, query) && registry_country(r, "party", query, &c, err) == SVC_OK) {
		code = c->alpha3;
		name = c->name;
	} else if (registry_organisation(r, "party", query, &o, err) == SVC_OK) {
		code = o->slug;
		name = o->name;
		is_org = 1;
	} else {
		return svc_fail(err, SVC_INVALID, "party", "no state or organisation matches \"%s\"", query);
	}
	if (!takes_part(p, code))
		return svc_fail(err, SVC_INVALID, "party", "%s does not take part in %s", name, p->acronym);
	set_string(&f->party, code);
	set_string(&f->party_name, name);
	f->is_organisation = is_org;
	return SVC_OK;
}

/* An address with one @, something either side, a dot in the domain, no
 * spaces or controls. */
static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || strchr("<>,;\"", *s))
			return 0;
	return s[-1] != '.';
}

static int valid_phone(const char *s)
{
	return strspn(s, "+0123456789 ()-./") == strlen(s) && strspn(s, "+") <= 1 && strpbrk(s, "0123456789");
}

static int valid_language(const char *s)
{
	size_t n = strlen(s);
	return (n == 2 || n == 3) && strspn(s, "abcdefghijklmnopqrstuvwxyz") == n;
}

/* Checks what the generic checks cannot: email, phone, languages, a day
 * not in the future. */
static enum svc_status check_values(const struct field_values *v, long long now, struct svc_error *err)
{
	const char *email = fields_text(v, "email"), *phone = fields_text(v, "phone");
	const char *verified = fields_text(v, "verified");
	const struct strlist *languages = fields_list(v, "languages");
	if (email && !valid_email(email))
		return svc_fail(err, SVC_INVALID, "email", "\"%s\" is not an email address", email);
	if (phone && *phone && !valid_phone(phone))
		return svc_fail(err, SVC_INVALID, "phone", "use digits, spaces and + ( ) - . / only");
	for (size_t i = 0; languages && i < languages->n; i++) {
		if (!valid_language(languages->items[i])) {
			char field[32];
			snprintf(field, sizeof field, "languages[%zu]", i);
			return svc_fail(err, SVC_INVALID, field, "\"%s\" is not an ISO 639-1 code (en, fr, es, ru, ar)",
					languages->items[i]);
		}
	}
	char today[11];
	focal_points_stale_since(now, 0, today);
	if (verified && *verified && strcmp(verified, today) > 0)
		return svc_fail(err, SVC_INVALID, "verified", "%s is in the future", verified);
	return SVC_OK;
}

/* Applies the values v gives to f after checking them; p is f's process. */
static enum svc_status apply_values(struct registry *r, const struct actor *a, const struct process *p,
				    const struct field_values *v, int creating, struct focal_point *f,
				    struct svc_error *err)
{
	enum svc_status st = fields_check(v, creating, err);
	if (st || (st = check_values(v, a->now, err)))
		return st;
	const char *text;
	if ((text = fields_text(v, "party")) && (st = resolve_party(r, p, text, f, err)))
		return st;
	if ((text = fields_text(v, "position")))
		f->alternate = strcmp(text, "alternate") == 0;
	const struct {
		const char *name;
		char **slot;
	} strings[] = { { "name", &f->name }, { "title", &f->title }, { "ministry", &f->ministry },
			{ "email", &f->email }, { "phone", &f->phone }, { "verified", &f->verified } };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		if ((text = fields_text(v, strings[i].name)))
			set_string(strings[i].slot, text);
	const struct strlist *languages = fields_list(v, "languages");
	if (languages) {
		strlist_free(&f->languages);
		for (size_t i = 0; i < languages->n; i++)
			if (!strlist_contains(&f->languages, languages->items[i]))
				strlist_push(&f->languages, languages->items[i]);
	}
	return SVC_OK;
}

/* The government a focal point's entry belongs to, for the write policy. */
static const char *state_of(const struct focal_point *f)
{
	return f->is_organisation ? NULL : f->party;
}

int focal_points_may_list(const struct actor *a, const char *process)
{
	return policy_may_read_contacts(a->user, process);
}

int focal_points_may_add(const struct actor *a, const char *process)
{
	const char *own = a->user ? a->user->government : NULL;
	return policy_may_write(a->user, process, NULL) || (own && policy_may_write(a->user, process, own));
}

int focal_points_may_change(const struct actor *a, const struct focal_point *f)
{
	return policy_may_write(a->user, f->process, state_of(f));
}

static enum svc_status not_allowed(const struct actor *a, const char *what, struct svc_error *err)
{
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL,
			"you may not %s focal points of this process%s", what, a->user ? "" : " without signing in");
}

static int audit_focal(struct store *s, const struct actor *a, const char *action, const struct focal_point *f,
		       struct svc_error *err)
{
	char object[40];
	snprintf(object, sizeof object, "focal-point:%lld", f->id);
	return audit_record(s, a, action, f->process, object, f->name, err);
}

void focal_points_stale_since(long long now, int months, char out[11])
{
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	tm.tm_mon -= months;
	t = timegm(&tm);  /* normalises: 31 March less one month is 3 March */
	strftime(out, 11, "%Y-%m-%d", gmtime_r(&t, &tm));
}

enum svc_status focal_points_add(struct registry *r, const struct actor *a, const char *process,
				 const struct field_values *v, long long *id, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	if (!focal_points_may_add(a, p->slug))
		return not_allowed(a, "add", err);
	struct focal_point f = { .process = xstrdup(p->slug), .ministry = xstrdup("other"),
				 .created_at = a->now, .updated_at = a->now };
	enum svc_status st = apply_values(r, a, p, v, 1, &f, err);
	if (st == SVC_OK && !focal_points_may_change(a, &f))
		st = not_allowed(a, "add", err);
	struct store *s = registry_store(r);
	if (st == SVC_OK && (st = svc_begin(s, err)) == SVC_OK) {
		if (store_focal_point_put(s, &f, &err->message) || audit_focal(s, a, "focal.add", &f, err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	if (st == SVC_OK)
		*id = f.id;
	focal_point_free(&f);
	return st;
}

/* Reads focal point id into *f if the actor may read it. */
static enum svc_status readable(struct registry *r, const struct actor *a, long long id, struct focal_point *f,
				struct svc_error *err)
{
	int rc = store_focal_point_get(registry_store(r), id, f, &err->message);
	if (rc < 0)
		return SVC_ERROR;
	if (rc == 0) {
		if (policy_may_read_contacts(a->user, f->process))
			return SVC_OK;
		focal_point_free(f);
	}
	return svc_fail(err, SVC_NOT_FOUND, NULL, "no focal point %lld", id);
}

enum svc_status focal_points_get(struct registry *r, const struct actor *a, long long id,
				 struct focal_point *out, struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, out, err);
	if (st == SVC_OK && audit_focal(registry_store(r), a, "focal.read", out, err)) {
		focal_point_free(out);
		st = SVC_ERROR;
	}
	return st;
}

/* Whether f passes the filter: of the party, and stale since the day. */
static int passes(const struct focal_point *f, const char *party, const char *stale_since)
{
	if (party && strcmp(f->party, party) != 0)
		return 0;
	return !stale_since || !f->verified || strcmp(f->verified, stale_since) < 0;
}

/* The code the filter's party names, or NULL with err. */
static const char *filter_party(struct registry *r, const char *query, struct svc_error *err)
{
	const char *code = registry_id(r, REGISTRY_COUNTRY, query);
	if (!code)
		code = registry_id(r, REGISTRY_ORGANISATION, query);
	if (!code)
		svc_fail(err, SVC_INVALID, "state", "no state or organisation matches \"%s\"", query);
	return code;
}

/* Leaves only what counts may show of f: its party, whether it is an
 * alternate, and when it was last verified. */
static void strip_contact(struct focal_point *f)
{
	char **details[] = { &f->name, &f->title, &f->ministry, &f->email, &f->phone };
	for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
		free(*details[i]);
		*details[i] = NULL;
	}
	strlist_free(&f->languages);
}

enum svc_status focal_points_coverage(struct registry *r, const struct actor *a, const char *process,
				      struct focal_point_list *out, struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	if (!policy_may_count_contacts(a->user, p->slug))
		return svc_fail(err, SVC_NOT_FOUND, NULL, "no focal points to count");
	if (store_focal_points_of(registry_store(r), p->slug, out, &err->message)) {
		focal_point_list_free(out);
		return SVC_ERROR;
	}
	for (size_t i = 0; i < out->n; i++)
		strip_contact(&out->items[i]);
	return SVC_OK;
}

enum svc_status focal_points_list(struct registry *r, const struct actor *a, const char *process,
				  const struct focal_filter *filter, struct focal_point_list *out,
				  struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	if (!focal_points_may_list(a, p->slug))
		return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL,
				"focal points' contact details are for the process's secretariat, focal points "
				"and member officials%s", a->user ? "" : "; sign in");
	const char *party = filter->party ? filter_party(r, filter->party, err) : NULL;
	if (filter->party && !party)
		return SVC_INVALID;
	char since[11];
	if (filter->stale_months)
		focal_points_stale_since(a->now, filter->stale_months, since);
	struct focal_point_list all = { 0 };
	struct store *s = registry_store(r);
	if (store_focal_points_of(s, p->slug, &all, &err->message)) {
		focal_point_list_free(&all);
		return SVC_ERROR;
	}
	for (size_t i = 0; i < all.n; i++) {
		if (!passes(&all.items[i], party, filter->stale_months ? since : NULL))
			continue;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = all.items[i];
		memset(&all.items[i], 0, sizeof all.items[i]);
	}
	focal_point_list_free(&all);
	if (out->n && audit_record_list_read(s, a, "focal.list", p->slug, err))
		return SVC_ERROR;
	return SVC_OK;
}

/* Opens a change of focal point id, as documents do: read, allowed,
 * transaction begun. */
static enum svc_status begin_change(struct registry *r, const struct actor *a, long long id, const char *what,
				    struct focal_point *f, struct svc_error *err)
{
	enum svc_status st = readable(r, a, id, f, err);
	if (st)
		return st;
	st = focal_points_may_change(a, f) ? svc_begin(registry_store(r), err) : not_allowed(a, what, err);
	if (st)
		focal_point_free(f);
	return st;
}

static enum svc_status end_change(struct registry *r, const struct actor *a, struct focal_point *f,
				  const char *action, enum svc_status st, struct svc_error *err)
{
	struct store *s = registry_store(r);
	if (st == SVC_OK && audit_focal(s, a, action, f, err))
		st = SVC_ERROR;
	st = svc_commit(s, st, err);
	focal_point_free(f);
	return st;
}

enum svc_status focal_points_update(struct registry *r, const struct actor *a, long long id,
				    const struct field_values *v, struct svc_error *err)
{
	struct focal_point f;
	enum svc_status st = begin_change(r, a, id, "change", &f, err);
	if (st)
		return st;
	const struct process *p;
	if (registry_process(r, NULL, f.process, &p, err))
		st = SVC_ERROR;
	else if ((st = apply_values(r, a, p, v, 0, &f, err)) == SVC_OK && !focal_points_may_change(a, &f))
		st = not_allowed(a, "move to another state", err);
	f.updated_at = a->now;
	if (st == SVC_OK && store_focal_point_update(registry_store(r), &f, &err->message))
		st = SVC_ERROR;
	return end_change(r, a, &f, "focal.update", st, err);
}

enum svc_status focal_points_delete(struct registry *r, const struct actor *a, long long id,
				    struct svc_error *err)
{
	struct focal_point f;
	enum svc_status st = begin_change(r, a, id, "delete", &f, err);
	if (st)
		return st;
	if (store_focal_point_delete(registry_store(r), id, &err->message))
		st = SVC_ERROR;
	return end_change(r, a, &f, "focal.delete", st, err);
}

void focal_points_values(const struct focal_point *f, struct field_values *v)
{
	struct svc_error ignored = { 0 };
	fields_init(v, focal_points_fields, focal_points_nfields);
	const char *text[][2] = {
		{ "party", f->party }, { "position", f->alternate ? "alternate" : "focal-point" },
		{ "name", f->name }, { "title", f->title }, { "ministry", f->ministry }, { "email", f->email },
		{ "phone", f->phone }, { "verified", f->verified },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (text[i][1])
			fields_set(v, text[i][0], text[i][1], "a focal point", &ignored);
	fields_give_list(v, "languages");
	for (size_t i = 0; i < f->languages.n; i++)
		fields_set(v, "languages", f->languages.items[i], "a focal point", &ignored);
}
