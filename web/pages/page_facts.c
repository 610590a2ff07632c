/* page_facts.c: a process's registry edited in the browser by its secretariat (a participant, a leadership post), and the history of its edits */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const form_extras[] = { "csrf_token", NULL };
static const char *const end_extras[] = { "csrf_token", "fact", NULL };

/* Appends an option for a fact ("post:ID:VERSION") showing text; selected
 * when it is chosen. */
static void fact_option(struct buf *b, const char *kind, int id, int version, const char *text, const char *role,
			const char *chosen)
{
	char *value = xasprintf("%s:%d:%d", kind, id, version);
	html_raw(b, "<option value=\"");
	html_attr(b, value);
	html_raw(b, chosen && strcmp(chosen, value) == 0 ? "\" selected>" : "\">");
	html_txt(b, text);
	html_raw(b, " (");
	html_txt(b, role);
	html_raw(b, ")</option>");
	free(value);
}

/* The end form: which current fact (participation or post, with the
 * version shown, so that an edit made since is caught), the year it
 * ended and the source that says so. */
static void end_form(struct buf *b, struct req *r, const struct process *p, const struct field_values *v,
		     const struct svc_error *err, const char *chosen)
{
	html_raw(b, "<section><h2>End a fact</h2><p>A member that left, a chair whose term is over: the fact keeps "
		    "answering for the years it held.</p>");
	page_form_problem(b, err, v->fields, v->n, end_extras);
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"/processes/");
	html_url_arg(b, p->slug);
	html_raw(b, "/facts/end\">");
	page_csrf_field(b, r);
	html_raw(b, "<div class=\"field\"><label for=\"end-fact\">Fact</label>");
	if (err && svc_error_is_about(err, "fact")) {
		html_raw(b, "<p class=\"field-error\" id=\"end-fact-error\">");
		html_txt(b, err->message);
		html_raw(b, "</p><select id=\"end-fact\" name=\"fact\" aria-invalid=\"true\" "
			    "aria-describedby=\"end-fact-error\">");
	} else {
		html_raw(b, "<select id=\"end-fact\" name=\"fact\">");
	}
	for (size_t i = 0; i < p->nleaders; i++) {
		const struct leader *l = &p->leaders[i];
		if (l->until)
			continue;
		fact_option(b, "post", l->id, l->version, l->name, l->position, chosen);
	}
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (!participation_current(pa))
			continue;
		fact_option(b, "participation", pa->id, pa->version, pa->name, role_name(pa->role), chosen);
	}
	html_raw(b, "</select></div>");
	page_form_fields(b, v, err, "end-");
	html_raw(b, "<button type=\"submit\">End the fact</button></form></section>");
}

/* A form that opens the correction page of any fact, current or ended. */
static void correct_chooser(struct buf *b, const struct process *p)
{
	html_raw(b, "<section><h2>Correct a fact</h2><p>A fact that was wrong (a misspelt party, a wrong role "
		    "or year) is replaced for every year; the history keeps what it read.</p>"
		    "<form class=\"inline-form\" method=\"get\" action=\"/processes/");
	html_url_arg(b, p->slug);
	html_raw(b, "/registry/correct\"><label for=\"correct-fact\">Fact</label><select id=\"correct-fact\" "
		    "name=\"fact\">");
	for (size_t i = 0; i < p->nleaders; i++)
		fact_option(b, "post", p->leaders[i].id, p->leaders[i].version, p->leaders[i].name,
			    p->leaders[i].position, NULL);
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		fact_option(b, "participation", pa->id, pa->version, pa->name, role_name(pa->role), NULL);
	}
	html_raw(b, "</select><button type=\"submit\">Correct it</button></form></section>");
}

/* The edit page: a form for a participant and one for a post, each showing
 * what was sent and its problem when it is the one that failed. */
static void edit_page(struct req *r, int status, const struct process *p, int failed,
		      const struct field_values *sent, const struct svc_error *err, const char *chosen)
{
	struct field_values fresh[2];
	fields_init(&fresh[FACT_PARTICIPATION], facts_participation_fields, facts_participation_nfields);
	fields_init(&fresh[FACT_POST], facts_post_fields, facts_post_nfields);
	fields_defaults(&fresh[FACT_PARTICIPATION]);
	fields_defaults(&fresh[FACT_POST]);
	struct buf b = { 0 };
	char *title = xasprintf("Edit the registry of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p class=\"lead\">Record what changed, with the source that says so. A new member, "
		     "observer or chair is a new fact from the year it began; the facts it replaces keep answering "
		     "for the years they held. A fact that was wrong is corrected below. Every edit is kept in the "
		     "<a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/history\">history</a>.</p>");
	const char *headings[] = { "Record a participant", "Record a leadership post" };
	const char *actions[] = { "participants", "leaders" };
	const char *prefixes[] = { "part-", "post-" };
	for (int k = 0; k < 2; k++) {
		int is_failed = sent && (int)failed == k;
		html_raw(&b, "<section><h2>");
		html_txt(&b, headings[k]);
		html_raw(&b, "</h2>");
		char *action = xasprintf("/processes/%s/%s", p->slug, actions[k]);
		page_fields_form(&b, r, action, headings[k], is_failed ? sent : &fresh[k], is_failed ? err : NULL,
				 prefixes[k], form_extras);
		free(action);
		html_raw(&b, "</section>");
	}
	struct field_values fresh_end;
	fields_init(&fresh_end, facts_end_fields, facts_end_nfields);
	fields_defaults(&fresh_end);
	int end_failed = sent && failed == 2;
	end_form(&b, r, p, end_failed ? sent : &fresh_end, end_failed ? err : NULL, chosen);
	correct_chooser(&b, p);
	fields_free(&fresh_end);
	free(title);
	page_end(&b, r);
	page_send(r, status, &b);
	fields_free(&fresh[0]);
	fields_free(&fresh[1]);
}

/* The process, when the actor may edit it; else answers itself (sign in,
 * or 403) and returns NULL. */
static const struct process *editable_or_respond(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p || facts_may_edit(&r->actor, p->slug))
		return p;
	struct svc_error err = { 0 };
	enum svc_status st = svc_fail(&err, r->actor.user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "only the "
				      "secretariat of %s and administrators change its registry", p->acronym);
	page_status(r, st, &err);
	svc_error_free(&err);
	return NULL;
}

void page_registry_edit(struct req *r)
{
	const struct process *p = editable_or_respond(r);
	if (p)
		edit_page(r, 200, p, FACT_PARTICIPATION, NULL, NULL, NULL);
}

/* Answers a posted edit of slug's registry: on success a redirect to to;
 * for what the editor can mend (a bad value, a fact changed or gone) the
 * edit page again with the failed form (failed: a fact kind, or 2 for the
 * end form) showing v and err; else the status's page. */
static void answer(struct req *r, enum svc_status st, const char *slug, const char *to, int failed,
		   const struct field_values *v, struct svc_error *err, const char *chosen)
{
	const struct process *now;
	struct svc_error ignored = { 0 };
	if (st == SVC_OK)
		http_redirect(r, to);
	else if (st != SVC_INVALID && st != SVC_CONFLICT && st != SVC_NOT_FOUND)
		page_status(r, st, err);
	else if (registry_process(r->reg, NULL, slug, &now, &ignored) == SVC_OK)
		edit_page(r, st == SVC_CONFLICT ? 409 : 422, now, failed, v, err, chosen);
	else
		page_status(r, SVC_ERROR, &ignored);
	svc_error_free(&ignored);
}

static void create(struct req *r, enum fact_kind kind)
{
	const struct process *p = editable_or_respond(r);
	if (!p)
		return;
	char *slug = xstrdup(p->slug);
	struct field_values v;
	struct svc_error err = { 0 };
	int id;
	fields_init(&v, kind == FACT_POST ? facts_post_fields : facts_participation_fields,
		    kind == FACT_POST ? facts_post_nfields : facts_participation_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "an edit", form_extras, &err);
	if (st == SVC_OK)
		st = facts_add(r->reg, &r->actor, slug, kind, &v, &id, &err);
	char *to = xasprintf("/processes/%s#%s", slug, kind == FACT_POST ? "leadership" : "participants");
	answer(r, st, slug, to, (int)kind, &v, &err, NULL);
	free(to);
	svc_error_free(&err);
	fields_free(&v);
	free(slug);
}

/* Reads the end form's "fact" ("post:ID:VERSION" or
 * "participation:ID:VERSION"); 0, or -1 when it names no fact. */
static int fact_of(const char *text, enum fact_kind *kind, int *id, int *version)
{
	char what[16];
	if (!text || sscanf(text, "%15[a-z]:%d:%d", what, id, version) != 3 || *id < 0 || *version < 1)
		return -1;
	if (strcmp(what, "post") == 0)
		*kind = FACT_POST;
	else if (strcmp(what, "participation") == 0)
		*kind = FACT_PARTICIPATION;
	else
		return -1;
	return 0;
}

void page_fact_end(struct req *r)
{
	const struct process *p = editable_or_respond(r);
	if (!p)
		return;
	char *slug = xstrdup(p->slug);
	const char *chosen = http_form(r, "fact");
	struct field_values v;
	struct svc_error err = { 0 };
	enum fact_kind kind = FACT_PARTICIPATION;
	int id = 0, version = 0;
	fields_init(&v, facts_end_fields, facts_end_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "an edit", end_extras, &err);
	if (st == SVC_OK && fact_of(chosen, &kind, &id, &version))
		st = svc_fail(&err, SVC_INVALID, "fact", "choose the fact that ended");
	if (st == SVC_OK)
		st = facts_end(r->reg, &r->actor, slug, kind, id, version, &v, &err);
	char *to = xasprintf("/processes/%s/history", slug);
	answer(r, st, slug, to, 2, &v, &err, chosen);
	free(to);
	svc_error_free(&err);
	fields_free(&v);
	free(slug);
}

/* Gives field name (one of the table's) of v the text, when there is one. */
static void set_value(struct field_values *v, const char *name, const char *text)
{
	struct svc_error err = { 0 };
	if (text)
		fields_set(v, name, text, "a fact", &err);
	svc_error_free(&err);
}

static void year_value(struct field_values *v, const char *name, int year)
{
	if (!year)
		return;
	char text[16];
	snprintf(text, sizeof text, "%d", year);
	set_value(v, name, text);
}

/* The fields of fact id of p as they read now (the source fields left for
 * the editor); -1 when p has no such fact. */
static int current_values(const struct process *p, enum fact_kind kind, int id, struct field_values *v)
{
	fields_init(v, kind == FACT_POST ? facts_post_fields : facts_participation_fields,
		    kind == FACT_POST ? facts_post_nfields : facts_participation_nfields);
	fields_defaults(v);
	for (size_t i = 0; kind == FACT_POST && i < p->nleaders; i++) {
		const struct leader *l = &p->leaders[i];
		if (l->id != id)
			continue;
		set_value(v, "post", l->position);
		set_value(v, "party", l->code);
		set_value(v, "portfolio", l->portfolio);
		year_value(v, "since", l->since);
		year_value(v, "until", l->until);
		return 0;
	}
	for (size_t i = 0; kind == FACT_PARTICIPATION && i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (pa->id != id)
			continue;
		set_value(v, "party", pa->code);
		set_value(v, "role", role_name(pa->role));
		set_value(v, "status", status_name(pa->status));
		year_value(v, "since", pa->since);
		year_value(v, "until", pa->until);
		set_value(v, "label", pa->label);
		set_value(v, "note", pa->note);
		return 0;
	}
	fields_free(v);
	return -1;
}

/* The correction page of the fact chosen ("participation:ID:VERSION"),
 * its form showing v and err. */
static void correct_page(struct req *r, int status, const struct process *p, const char *chosen,
			 const struct field_values *v, const struct svc_error *err)
{
	static const char *const extras[] = { "csrf_token", "fact", NULL };
	struct buf b = { 0 };
	char *title = xasprintf("Correct a fact of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p class=\"lead\">Change what was wrong and give the source that shows it. The "
		     "corrected fact replaces the old one for every year; the <a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/history\">history</a> keeps what it read before.</p>");
	page_form_problem(&b, err, v->fields, v->n, extras);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/facts/correct\">");
	page_csrf_field(&b, r);
	html_raw(&b, "<input type=\"hidden\" name=\"fact\" value=\"");
	html_attr(&b, chosen);
	html_raw(&b, "\">");
	page_form_fields(&b, v, err, "correct-");
	html_raw(&b, "<button type=\"submit\">Correct the fact</button></form>");
	free(title);
	page_end(&b, r);
	page_send(r, status, &b);
}

void page_fact_correct_form(struct req *r)
{
	const struct process *p = editable_or_respond(r);
	if (!p)
		return;
	const char *chosen = http_query(r, "fact");
	enum fact_kind kind;
	int id, version;
	struct field_values v;
	if (fact_of(chosen, &kind, &id, &version) || current_values(p, kind, id, &v)) {
		page_error(r, 404, "No such fact", "Choose a fact of this process from its edit page.");
		return;
	}
	correct_page(r, 200, p, chosen, &v, NULL);
	fields_free(&v);
}

void page_fact_correct(struct req *r)
{
	static const char *const extras[] = { "csrf_token", "fact", NULL };
	const struct process *p = editable_or_respond(r);
	if (!p)
		return;
	char *slug = xstrdup(p->slug);
	const char *chosen = http_form(r, "fact");
	enum fact_kind kind = FACT_PARTICIPATION;
	int id = 0, version = 0;
	struct field_values v;
	struct svc_error err = { 0 };
	enum svc_status st = SVC_OK;
	if (fact_of(chosen, &kind, &id, &version)) {
		fields_init(&v, facts_participation_fields, facts_participation_nfields);
		st = svc_fail(&err, SVC_NOT_FOUND, "fact", "choose the fact to correct from the edit page");
	} else {
		fields_init(&v, kind == FACT_POST ? facts_post_fields : facts_participation_fields,
			    kind == FACT_POST ? facts_post_nfields : facts_participation_nfields);
		st = http_fields_from_form(&r->form, &v, "a correction", extras, &err);
	}
	if (st == SVC_OK)
		st = facts_correct(r->reg, &r->actor, slug, kind, id, version, &v, &err);
	const struct process *now;
	struct svc_error ignored = { 0 };
	if (st == SVC_OK) {
		char *to = xasprintf("/processes/%s/history", slug);
		http_redirect(r, to);
		free(to);
	} else if ((st == SVC_INVALID || st == SVC_CONFLICT) &&
		   registry_process(r->reg, NULL, slug, &now, &ignored) == SVC_OK) {
		correct_page(r, st == SVC_CONFLICT ? 409 : 422, now, chosen, &v, &err);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&ignored);
	svc_error_free(&err);
	fields_free(&v);
	free(slug);
}

void page_participant_create(struct req *r) { create(r, FACT_PARTICIPATION); }
void page_leader_create(struct req *r) { create(r, FACT_POST); }

static void history_row(struct buf *b, struct req *r, const struct registry_edit *e)
{
	char when[32];
	time_t t = (time_t)e->at;
	struct tm tm;
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
	html_raw(b, "<tr><td>");
	html_txt(b, when);
	html_raw(b, "</td><td>");
	if (e->login)
		page_person(b, r, e->login);
	else
		html_txt(b, "\xe2\x80\x94");
	html_raw(b, "</td><td>");
	html_txt(b, e->action);
	html_raw(b, " ");
	html_txt(b, e->fact);
	html_raw(b, "</td><td>");
	if (e->before) {
		html_raw(b, "<del>");
		html_txt(b, e->before);
		html_raw(b, "</del><br>");
	}
	html_txt(b, e->after);
	html_raw(b, "</td><td>");
	if (e->prov.url) {
		html_raw(b, "<a rel=\"noopener\" href=\"");
		html_attr(b, e->prov.url);
		html_raw(b, "\">");
	}
	html_txt(b, e->source_title);
	html_raw(b, e->prov.url ? "</a>" : "");
	html_raw(b, ", ");
	html_txt(b, e->prov.section);
	html_raw(b, ", as of ");
	html_txt(b, e->prov.as_of);
	html_raw(b, "</td></tr>");
}

void page_registry_history(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct registry_edit_list l;
	struct svc_error err = { 0 };
	enum svc_status st = facts_history(r->reg, &r->actor, p->slug, &l, &err);
	if (st) {
		page_status(r, st, &err);
		svc_error_free(&err);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("History of the registry of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p class=\"lead\">Every edit since the registry was built from its sources: what a "
		     "fact read before and after, and the source the editor gave. A change of the world ends a fact "
		     "and adds another; a correction replaces a fact that was wrong.</p>");
	if (facts_may_edit(&r->actor, p->slug)) {
		html_raw(&b, "<p><a href=\"/processes/");
		html_url_arg(&b, p->slug);
		html_raw(&b, "/registry/edit\">Edit the registry</a></p>");
	}
	if (!l.n)
		html_raw(&b, "<p>No edits yet.</p>");
	else
		html_raw(&b, "<table class=\"history\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
			     "<th scope=\"col\">Edit</th><th scope=\"col\">Fact</th><th scope=\"col\">Source</th>"
			     "</tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++)
		history_row(&b, r, &l.items[i]);
	if (l.n)
		html_raw(&b, "</tbody></table>");
	free(title);
	page_end(&b, r);
	page_send(r, 200, &b);
	registry_edit_list_free(&l);
}
