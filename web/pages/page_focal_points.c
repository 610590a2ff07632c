/* page_focal_points.c: a process's focal-point directory, its exports, and the forms to add, change and delete entries */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/focal_points.h"

#include <stdlib.h>
#include <string.h>

#define STALE_MONTHS 12

static const char *const form_extras[] = { "csrf_token", NULL };

/* The form that adds (action to the process) or changes an entry. */
static void entry_form(struct buf *b, struct req *r, const char *action, const char *button,
		       const struct field_values *v, const struct svc_error *err)
{
	page_form_problem(b, err, focal_points_fields, focal_points_nfields, form_extras);
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	page_csrf_field(b, r);
	page_form_fields(b, v, err, NULL);
	html_raw(b, "<button type=\"submit\">");
	html_txt(b, button);
	html_raw(b, "</button></form>");
}

static void languages(struct buf *b, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		html_raw(b, i ? ", " : "");
		html_txt(b, l->items[i]);
	}
}

static void entry_row(struct buf *b, struct req *r, const struct focal_point *f, const char *stale_since)
{
	html_raw(b, "<tr><td>");
	if (f->is_organisation)
		page_link_org(b, f->party, f->party_name);
	else
		page_link_state(b, f->party, f->party_name);
	html_raw(b, "</td><td>");
	html_txt(b, f->alternate ? "alternate" : "focal point");
	html_raw(b, "</td><td>");
	html_txt(b, f->name);
	if (f->title) {
		html_raw(b, "<div class=\"sub\">");
		html_txt(b, f->title);
		html_raw(b, "</div>");
	}
	html_raw(b, "</td><td>");
	html_txt(b, f->ministry);
	html_raw(b, "</td><td><a href=\"mailto:");
	html_attr(b, f->email);
	html_raw(b, "\">");
	html_txt(b, f->email);
	html_raw(b, "</a>");
	if (f->phone) {
		html_raw(b, "<div class=\"sub\">");
		html_txt(b, f->phone);
		html_raw(b, "</div>");
	}
	html_raw(b, "</td><td>");
	languages(b, &f->languages);
	html_raw(b, "</td><td");
	if (!f->verified || strcmp(f->verified, stale_since) < 0)
		html_raw(b, " class=\"stale\"");
	html_raw(b, ">");
	html_txt(b, f->verified ? f->verified : "never");
	html_raw(b, "</td><td>");
	if (focal_points_may_change(&r->actor, f)) {
		html_raw(b, "<a href=\"/focal-points/");
		html_int(b, f->id);
		html_raw(b, "/edit\">Change</a>");
	}
	html_raw(b, "</td></tr>");
}

static void directory(struct buf *b, struct req *r, const struct focal_point_list *l)
{
	char since[11];
	focal_points_stale_since(r->actor.now, STALE_MONTHS, since);
	if (!l->n) {
		html_raw(b, "<p>No focal points recorded.</p>");
		return;
	}
	html_raw(b, "<table class=\"focal-points\"><thead><tr><th scope=\"col\">State or organisation</th>"
		    "<th scope=\"col\">Position</th><th scope=\"col\">Name</th><th scope=\"col\">Ministry</th>"
		    "<th scope=\"col\">Contact</th><th scope=\"col\">Languages</th>"
		    "<th scope=\"col\">Last verified</th><th scope=\"col\"><span class=\"visually-hidden\">"
		    "Actions</span></th></tr></thead><tbody>");
	for (size_t i = 0; i < l->n; i++)
		entry_row(b, r, &l->items[i], since);
	html_raw(b, "</tbody></table>");
}

/* The links to the exports, with the filter the page shows. */
static void exports(struct buf *b, const char *slug, const char *state, long stale)
{
	static const char *const formats[][2] = { { "csv", "CSV" }, { "vcard", "contact cards (vCard)" } };
	html_raw(b, "<p class=\"actions\">Download: ");
	for (size_t i = 0; i < 2; i++) {
		html_raw(b, i ? " \xc2\xb7 <a href=\"/api/v1/processes/" : "<a href=\"/api/v1/processes/");
		html_url_arg(b, slug);
		html_raw(b, "/focal-points?format=");
		html_raw(b, formats[i][0]);
		if (state && *state) {
			html_raw(b, "&amp;state=");
			html_url_arg(b, state);
		}
		if (stale) {
			html_raw(b, "&amp;stale=");
			html_int(b, stale);
		}
		html_raw(b, "\">");
		html_raw(b, formats[i][1]);
		html_raw(b, "</a>");
	}
	html_raw(b, "</p>");
}

/* The whole directory page, with the add form showing v and err. */
static void directory_page(struct req *r, int status, const struct process *p, const struct field_values *v,
			   const struct svc_error *err)
{
	const char *state = http_query(r, "state");
	long stale = 0;
	char *why = NULL;
	if (http_query_number(r, "stale", 1, 1200, &stale, &why)) {
		page_error(r, 400, "Unknown period", why);
		free(why);
		return;
	}
	struct focal_filter filter = { state && *state ? state : NULL, (int)stale };
	struct focal_point_list l = { 0 };
	struct svc_error lerr = { 0 };
	enum svc_status st = focal_points_list(r->reg, &r->actor, p->slug, &filter, &l, &lerr);
	if (st) {
		page_status(r, st, &lerr);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Focal points of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p class=\"lead\">The national focal points and their alternates: who to reach in "
		     "each government between meetings. An entry not verified for 12 months is marked.</p>"
		     "<form class=\"inline-form\" method=\"get\"><label for=\"fp-state\">State</label>"
		     "<input id=\"fp-state\" name=\"state\" value=\"");
	html_attr(&b, state);
	html_raw(&b, "\"><label for=\"fp-stale\">Not verified for (months)</label>"
		     "<input id=\"fp-stale\" name=\"stale\" inputmode=\"numeric\" value=\"");
	if (stale)
		html_int(&b, stale);
	html_raw(&b, "\"><button type=\"submit\">Show</button></form>");
	directory(&b, r, &l);
	exports(&b, p->slug, state, stale);
	if (focal_points_may_add(&r->actor, p->slug)) {
		char *action = xasprintf("/processes/%s/focal-points", p->slug);
		html_raw(&b, "<section><h2>Add a focal point</h2>");
		entry_form(&b, r, action, "Add", v, err);
		html_raw(&b, "</section>");
		free(action);
	}
	page_end(&b, r);
	page_send(r, status, &b);
	free(title);
	focal_point_list_free(&l);
}

void page_focal_points(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	if (!r->signed_in) {
		char *next = xasprintf("/login?next=/processes/%s/focal-points", p->slug);
		http_redirect(r, next);
		free(next);
		return;
	}
	struct field_values v;
	struct svc_error ignored = { 0 };
	fields_init(&v, focal_points_fields, focal_points_nfields);
	fields_defaults(&v);
	if (r->user.government)
		fields_set(&v, "party", r->user.government, "a focal point", &ignored);
	directory_page(r, 200, p, &v, NULL);
	fields_free(&v);
}

static void redirect_to_directory(struct req *r, const char *slug)
{
	char *to = xasprintf("/processes/%s/focal-points", slug);
	http_redirect(r, to);
	free(to);
}

void page_focal_point_create(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	long long id;
	fields_init(&v, focal_points_fields, focal_points_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "a focal point", form_extras, &err);
	if (st == SVC_OK)
		st = focal_points_add(r->reg, &r->actor, p->slug, &v, &id, &err);
	if (st == SVC_OK)
		redirect_to_directory(r, p->slug);
	else if (st == SVC_INVALID)
		directory_page(r, 422, p, &v, &err);
	else
		page_status(r, st, &err);
	svc_error_free(&err);
	fields_free(&v);
}

/* The edit page of f, showing v and err. */
static void edit_page(struct req *r, int status, const struct focal_point *f, const struct field_values *v,
		      const struct svc_error *err)
{
	struct buf b = { 0 };
	page_begin(&b, r, f->name);
	html_raw(&b, "<h1>");
	html_txt(&b, f->name);
	html_raw(&b, "</h1><p>");
	html_txt(&b, f->alternate ? "Alternate focal point of " : "National focal point of ");
	html_txt(&b, f->party_name);
	html_raw(&b, " in ");
	page_link_process(&b, f->process, f->process);
	html_raw(&b, "</p>");
	char *action = xasprintf("/focal-points/%lld/edit", f->id);
	entry_form(&b, r, action, "Save", v, err);
	free(action);
	html_raw(&b, "<form method=\"post\" action=\"/focal-points/");
	html_int(&b, f->id);
	html_raw(&b, "/delete\">");
	page_csrf_field(&b, r);
	html_raw(&b, "<button type=\"submit\" class=\"danger\">Remove this entry</button></form>");
	page_end(&b, r);
	page_send(r, status, &b);
}

/* Reads focal point id for changing; 0, or -1 after answering. */
static int editable(struct req *r, long long id, struct focal_point *f)
{
	struct svc_error err = { 0 };
	enum svc_status st = focal_points_get(r->reg, &r->actor, id, f, &err);
	if (st) {
		page_status(r, st, &err);
		return -1;
	}
	if (!focal_points_may_change(&r->actor, f)) {
		focal_point_free(f);
		page_error(r, r->signed_in ? 403 : 401, "Not allowed", "Only the secretariat of the process, or "
			   "the focal point of the state, changes this entry.");
		return -1;
	}
	return 0;
}

void page_focal_point_edit(struct req *r)
{
	long long id = page_id_or_404(r, "focal point");
	struct focal_point f;
	if (id < 0 || editable(r, id, &f))
		return;
	struct field_values v;
	focal_points_values(&f, &v);
	edit_page(r, 200, &f, &v, NULL);
	fields_free(&v);
	focal_point_free(&f);
}

void page_focal_point_save(struct req *r)
{
	long long id = page_id_or_404(r, "focal point");
	struct focal_point f;
	if (id < 0 || editable(r, id, &f))
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	fields_init(&v, focal_points_fields, focal_points_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "a focal point", form_extras, &err);
	if (st == SVC_OK)
		st = focal_points_update(r->reg, &r->actor, id, &v, &err);
	if (st == SVC_OK)
		redirect_to_directory(r, f.process);
	else if (st == SVC_INVALID)
		edit_page(r, 422, &f, &v, &err);
	else
		page_status(r, st, &err);
	svc_error_free(&err);
	fields_free(&v);
	focal_point_free(&f);
}

void page_focal_point_delete(struct req *r)
{
	long long id = page_id_or_404(r, "focal point");
	struct focal_point f;
	if (id < 0 || editable(r, id, &f))
		return;
	struct svc_error err = { 0 };
	enum svc_status st = focal_points_delete(r->reg, &r->actor, id, &err);
	if (st)
		page_status(r, st, &err);
	else
		redirect_to_directory(r, f.process);
	focal_point_free(&f);
}
