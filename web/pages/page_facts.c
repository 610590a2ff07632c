/* page_facts.c: a process's registry edited in the browser by its secretariat (a participant, a leadership post), and the history of its edits */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/facts.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const form_extras[] = { "csrf_token", NULL };

/* The edit page: a form for a participant and one for a post, each showing
 * what was sent and its problem when it is the one that failed. */
static void edit_page(struct req *r, int status, const struct process *p, enum fact_kind failed,
		      const struct field_values *sent, const struct svc_error *err)
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
		     "for the years they held. To end or correct a fact, use <code>rcphub fact end</code> and "
		     "<code>rcphub fact correct</code>, or the API. Every edit is kept in the <a href=\"/processes/");
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
		edit_page(r, 200, p, FACT_PARTICIPATION, NULL, NULL);
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
	if (st == SVC_OK) {
		char *to = xasprintf("/processes/%s#%s", slug, kind == FACT_POST ? "leadership" : "participants");
		http_redirect(r, to);
		free(to);
	} else if (st == SVC_INVALID || st == SVC_CONFLICT) {
		const struct process *now;
		struct svc_error ignored = { 0 };
		if (registry_process(r->reg, NULL, slug, &now, &ignored) == SVC_OK)
			edit_page(r, st == SVC_CONFLICT ? 409 : 422, now, kind, &v, &err);
		else
			page_status(r, SVC_ERROR, &ignored);
		svc_error_free(&ignored);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
	free(slug);
}

void page_participant_create(struct req *r) { create(r, FACT_PARTICIPATION); }
void page_leader_create(struct req *r) { create(r, FACT_POST); }

static void history_row(struct buf *b, const struct registry_edit *e)
{
	char when[32];
	time_t t = (time_t)e->at;
	struct tm tm;
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
	html_raw(b, "<tr><td>");
	html_txt(b, when);
	html_raw(b, "</td><td>");
	html_txt(b, e->login ? e->login : "\xe2\x80\x94");
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
		history_row(&b, &l.items[i]);
	if (l.n)
		html_raw(&b, "</tbody></table>");
	free(title);
	page_end(&b, r);
	page_send(r, 200, &b);
	registry_edit_list_free(&l);
}
