/* page_plans.c: a process's plans, a plan's follow-up grid, a focal point's "what we owe" with its forms and digest */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const form_extras[] = { "csrf_token", "state", NULL };

void page_plans(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct plan_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = plans_list(r->reg, &r->actor, p->slug, &l, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Plans of action of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1>");
	if (!l.n)
		html_raw(&b, "<p>No plans you may see.</p>");
	else
		html_raw(&b, "<ul class=\"plans\">");
	for (size_t i = 0; i < l.n; i++) {
		html_raw(&b, "<li><a href=\"/plans/");
		html_int(&b, l.items[i].id);
		html_raw(&b, "\">");
		html_txt(&b, l.items[i].title);
		html_raw(&b, "</a> <span class=\"meta\">adopted ");
		html_txt(&b, l.items[i].adopted);
		html_raw(&b, "</span></li>");
	}
	html_raw(&b, l.n ? "</ul>" : "");
	if (r->signed_in && r->user.government) {
		html_raw(&b, "<p class=\"actions\"><a href=\"/processes/");
		html_url_arg(&b, p->slug);
		html_raw(&b, "/owe\">What your government owes</a></p>");
	}
	page_end(&b, r);
	page_send(r, 200, &b);
	free(title);
	plan_list_free(&l);
}

/* The standing of owner on item in rep, or NULL. */
static const struct standing *cell(const struct plan_report *rep, const struct plan_item *item, const char *owner)
{
	for (size_t i = 0; i < rep->n; i++)
		if (rep->rows[i].item == item && strcmp(rep->rows[i].commitment->owner, owner) == 0)
			return &rep->rows[i];
	return NULL;
}

/* The state-by-item grid: a row per owner, a column per item, each cell
 * its status on the day (coloured), overdue ones marked, and the owner's
 * share done. */
static void grid(struct buf *b, const struct plan *p, const struct plan_report *rep)
{
	html_raw(b, "<table class=\"grid\"><thead><tr><th scope=\"col\">Owner</th>");
	for (size_t i = 0; i < p->nitems; i++) {
		html_raw(b, "<th scope=\"col\" title=\"");
		html_attr(b, p->items[i].text);
		html_raw(b, "\">");
		html_int(b, p->items[i].position);
		html_raw(b, "</th>");
	}
	html_raw(b, "<th scope=\"col\">Done</th></tr></thead><tbody>");
	for (size_t k = 0; k < rep->nowners; k++) {
		const struct owner_standing *o = &rep->owners[k];
		html_raw(b, "<tr><th scope=\"row\">");
		html_txt(b, o->first->owner_name ? o->first->owner_name : o->first->owner);
		html_raw(b, "</th>");
		for (size_t i = 0; i < p->nitems; i++) {
			const struct standing *s = cell(rep, &p->items[i], o->first->owner);
			if (!s) {
				html_raw(b, "<td></td>");
				continue;
			}
			html_raw(b, "<td class=\"status-");
			html_attr(b, s->status);
			html_raw(b, s->overdue ? " overdue\">" : "\">");
			html_txt(b, s->status);
			html_raw(b, s->overdue ? " (overdue)</td>" : "</td>");
		}
		html_raw(b, "<td class=\"share\">");
		html_int(b, (long long)o->done);
		html_raw(b, " of ");
		html_int(b, (long long)o->total);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
}

static void items_list(struct buf *b, const struct plan *p)
{
	html_raw(b, "<ol class=\"items\">");
	for (size_t i = 0; i < p->nitems; i++) {
		html_raw(b, "<li>");
		html_txt(b, p->items[i].text);
		if (p->items[i].due) {
			html_raw(b, " <span class=\"meta\">due ");
			html_txt(b, p->items[i].due);
			html_raw(b, "</span>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
}

static void plan_page(struct req *r, int status, const struct plan *p, const struct field_values *v,
		      const struct svc_error *err)
{
	char at[11];
	page_day(r, at);
	struct plan_report rep;
	plan_report(p, at, &rep);
	struct buf b = { 0 };
	page_begin(&b, r, p->title);
	html_raw(&b, "<article class=\"plan\"><h1>");
	html_txt(&b, p->title);
	html_raw(&b, "</h1><p class=\"meta\">Adopted ");
	html_txt(&b, p->adopted);
	if (p->meeting) {
		html_raw(&b, " at <a href=\"/meetings/");
		html_int(&b, p->meeting);
		html_raw(&b, "\">meeting ");
		html_int(&b, p->meeting);
		html_raw(&b, "</a>");
	}
	html_raw(&b, "; who may see it: ");
	html_txt(&b, level_name(p->level));
	html_raw(&b, "</p>");
	items_list(&b, p);
	html_raw(&b, "<section><h2>Follow-up as of ");
	html_txt(&b, at);
	html_raw(&b, "</h2><p>");
	html_int(&b, (long long)rep.done);
	html_raw(&b, " of ");
	html_int(&b, (long long)rep.total);
	html_raw(&b, " commitments done. <a href=\"/api/v1/plans/");
	html_int(&b, p->id);
	html_raw(&b, "/report?format=csv&amp;at=");
	html_url_arg(&b, at);
	html_raw(&b, "\">Download as CSV</a></p>");
	grid(&b, p, &rep);
	html_raw(&b, "</section>");
	if (plans_may_add(&r->actor, p->process)) {
		char *action = xasprintf("/plans/%lld/items", p->id);
		html_raw(&b, "<section><h2>Add an item</h2>");
		page_form_problem(&b, err, plan_items_fields, plan_items_nfields, form_extras);
		html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"");
		html_attr(&b, action);
		html_raw(&b, "\">");
		page_csrf_field(&b, r);
		page_form_fields(&b, v, err, NULL);
		html_raw(&b, "<button type=\"submit\">Add</button></form></section>");
		free(action);
	}
	html_raw(&b, "</article>");
	page_end(&b, r);
	page_send(r, status, &b);
	plan_report_free(&rep);
}

void page_plan(struct req *r)
{
	long long id = page_id_or_404(r, "plan");
	if (id < 0)
		return;
	struct plan p;
	struct svc_error err = { 0 };
	enum svc_status st = plans_get(r->reg, &r->actor, id, &p, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct field_values v;
	fields_init(&v, plan_items_fields, plan_items_nfields);
	plan_page(r, 200, &p, &v, NULL);
	fields_free(&v);
	plan_free(&p);
}

void page_plan_item_create(struct req *r)
{
	long long id = page_id_or_404(r, "plan"), item;
	if (id < 0)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	fields_init(&v, plan_items_fields, plan_items_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "a plan's item", form_extras, &err);
	if (st == SVC_OK)
		st = plans_add_item(r->reg, &r->actor, id, &v, &item, &err);
	struct plan p;
	struct svc_error gerr = { 0 };
	if (st == SVC_OK) {
		char *to = xasprintf("/plans/%lld", id);
		http_redirect(r, to);
		free(to);
	} else if (st == SVC_INVALID && plans_get(r->reg, &r->actor, id, &p, &gerr) == SVC_OK) {
		plan_page(r, 422, &p, &v, &err);
		plan_free(&p);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&gerr);
	svc_error_free(&err);
	fields_free(&v);
}

/* Calls fn for every commitment of the user's government in the process's
 * plans, with its standing today. */
static void each_owed(const struct plan_list *l, const char *owner, const char *today,
		      void (*fn)(void *arg, const struct plan *p, const struct standing *s), void *arg)
{
	for (size_t i = 0; i < l->n; i++) {
		struct plan_report rep;
		plan_report(&l->items[i], today, &rep);
		for (size_t k = 0; k < rep.n; k++)
			if (strcmp(rep.rows[k].commitment->owner, owner) == 0)
				fn(arg, &l->items[i], &rep.rows[k]);
		plan_report_free(&rep);
	}
}

struct owe_page {
	struct buf *b;
	struct req *r;
};

static void owed_form(void *arg, const struct plan *p, const struct standing *s)
{
	struct owe_page *o = arg;
	struct buf *b = o->b;
	char prefix[32];
	snprintf(prefix, sizeof prefix, "item-%lld-", s->item->id);
	html_raw(b, "<section class=\"owed\"><h2>");
	html_txt(b, s->item->text);
	html_raw(b, "</h2><p class=\"meta\"><a href=\"/plans/");
	html_int(b, p->id);
	html_raw(b, "\">");
	html_txt(b, p->title);
	html_raw(b, "</a>");
	if (s->item->due) {
		html_raw(b, "; due ");
		html_txt(b, s->item->due);
	}
	html_raw(b, "; now: ");
	html_txt(b, s->status);
	html_raw(b, s->overdue ? " (overdue)</p>" : "</p>");
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"/plan-items/");
	html_int(b, s->item->id);
	html_raw(b, "/progress\">");
	page_csrf_field(b, o->r);
	html_raw(b, "<input type=\"hidden\" name=\"state\" value=\"");
	html_attr(b, s->commitment->owner);
	html_raw(b, "\"><input type=\"hidden\" name=\"process\" value=\"");
	html_attr(b, p->process);
	html_raw(b, "\">");
	struct field_values v;
	fields_init(&v, progress_fields, progress_nfields);
	fields_defaults(&v);
	page_form_fields(b, &v, NULL, prefix);
	fields_free(&v);
	html_raw(b, "<button type=\"submit\">Report</button></form></section>");
}

void page_plans_owed(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	if (!r->signed_in || !r->user.government) {
		page_error(r, r->signed_in ? 403 : 401, "Not allowed", "This page is for the focal points and "
			   "officials of a government: sign in with your government's account.");
		return;
	}
	struct plan_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = plans_list(r->reg, &r->actor, p->slug, &l, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	char today[11];
	page_day(r, today);
	struct buf b = { 0 };
	page_begin(&b, r, "What we owe");
	html_raw(&b, "<h1>What ");
	html_txt(&b, r->user.government);
	html_raw(&b, " owes in ");
	html_txt(&b, p->acronym);
	html_raw(&b, "</h1><p class=\"actions\"><a href=\"/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/owe.txt\">The digest as a text file, ready to send</a></p>");
	struct owe_page o = { &b, r };
	each_owed(&l, r->user.government, today, owed_form, &o);
	page_end(&b, r);
	page_send(r, 200, &b);
	plan_list_free(&l);
}

static void owed_line(void *arg, const struct plan *p, const struct standing *s)
{
	struct buf *b = arg;
	buf_appendf(b, "- %s%s\n  plan: %s\n  due: %s; now: %s\n\n", s->overdue ? "[OVERDUE] " : "", s->item->text,
		    p->title, s->item->due ? s->item->due : "no date", s->status);
}

void page_plans_digest(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	if (!r->signed_in || !r->user.government) {
		page_error(r, r->signed_in ? 403 : 401, "Not allowed", "The digest is for a government's account.");
		return;
	}
	struct plan_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = plans_list(r->reg, &r->actor, p->slug, &l, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	char today[11];
	page_day(r, today);
	struct buf b = { 0 };
	buf_appendf(&b, "%s: what %s owes, as of %s\n\n", p->name, r->user.government, today);
	each_owed(&l, r->user.government, today, owed_line, &b);
	size_t len;
	char *text = buf_release(&b, &len);
	char *disposition = xasprintf("attachment; filename=\"%s-%s-%s.txt\"", p->slug, r->user.government, today);
	http_send_bytes(r, 200, "text/plain; charset=utf-8", disposition, text, len);
	free(disposition);
	free(text);
	plan_list_free(&l);
}

void page_plan_progress(struct req *r)
{
	long long item = page_id_or_404(r, "item");
	if (item < 0)
		return;
	const char *owner = http_form(r, "state"), *process = http_form(r, "process");
	/* The page holds a form per commitment; each posts the report's
	 * fields under their own names, with the owner and the process. */
	struct field_values v;
	struct svc_error err = { 0 };
	fields_init(&v, progress_fields, progress_nfields);
	for (size_t i = 0; i < progress_nfields; i++) {
		const char *value = http_form(r, progress_fields[i].name);
		if (value)
			fields_set(&v, progress_fields[i].name, value, "a progress report", &err);
	}
	enum svc_status st = owner ? plans_record_progress(r->reg, &r->actor, item, owner, &v, &err)
				   : svc_fail(&err, SVC_INVALID, "state", "name whose progress this is");
	const char *slug = process ? registry_id(r->reg, REGISTRY_PROCESS, process) : NULL;
	if (st == SVC_OK) {
		char *to = slug ? xasprintf("/processes/%s/owe", slug) : xstrdup("/");
		http_redirect(r, to);
		free(to);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
}
