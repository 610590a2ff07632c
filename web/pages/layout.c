/* layout.c: the frame every page shares: head, navigation, footer, error pages */
#include "pages.h"
#include "../../services/accounts.h"
#include "../../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the user holds the secretariat of any process. */
static int secretariat_somewhere(const struct user *u)
{
	for (size_t i = 0; i < u->ngrants; i++)
		if (u->grants[i].role == GRANT_SECRETARIAT)
			return 1;
	return 0;
}

void page_csrf_field(struct buf *b, struct req *r)
{
	if (!r->via_session)
		return;
	html_raw(b, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
	html_attr(b, r->session.csrf);
	html_raw(b, "\">");
}

static void account_links(struct buf *b, struct req *r)
{
	html_raw(b, "<div class=\"account\">");
	if (!r->signed_in) {
		html_raw(b, "<a href=\"/login\">Sign in</a></div>");
		return;
	}
	html_raw(b, "<a href=\"/account\">");
	html_txt(b, r->user.login);
	html_raw(b, "</a>");
	if (r->user.admin)
		html_raw(b, " <a href=\"/admin/users\">Users</a>");
	if (r->user.admin || secretariat_somewhere(&r->user))
		html_raw(b, " <a href=\"/audit\">Audit log</a>");
	if (r->via_session) {
		html_raw(b, " <form method=\"post\" action=\"/logout\" class=\"inline\">");
		page_csrf_field(b, r);
		html_raw(b, "<button type=\"submit\">Sign out</button></form>");
	}
	html_raw(b, "</div>");
}

/* The main navigation, the section the page belongs to marked as current. */
static void navigation(struct buf *b, struct req *r)
{
	static const char *const links[][2] = {
		{ "/processes", "Processes" }, { "/states", "States" }, { "/documents", "Documents" },
		{ "/overlap", "Overlap" },     { "/map", "Map" },       { "/compare", "Compare" },
	};
	html_raw(b, "<nav aria-label=\"Main\">");
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		size_t n = strlen(links[i][0]);
		int here = strncmp(r->path, links[i][0], n) == 0 && (r->path[n] == '\0' || r->path[n] == '/');
		html_raw(b, "<a href=\"");
		html_raw(b, links[i][0]);
		html_raw(b, here ? "\" aria-current=\"page\">" : "\">");
		html_raw(b, links[i][1]);
		html_raw(b, "</a>");
	}
	html_raw(b, "</nav>");
}

void page_begin(struct buf *b, struct req *r, const char *title)
{
	html_raw(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	html_txt(b, title);
	html_raw(b, " \xc2\xb7 rcphub</title><link rel=\"stylesheet\" href=\"/static/site.css\">"
		    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\"></head>\n"
		    "<body><a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		    "<header class=\"site\"><a class=\"brand\" href=\"/\">rcphub</a>");
	account_links(b, r);
	navigation(b, r);
	html_raw(b, "<form class=\"search\" role=\"search\" method=\"get\" action=\"/search\">"
		    "<label for=\"site-q\">Search</label><input id=\"site-q\" name=\"q\" type=\"search\" value=\"");
	html_attr(b, http_query(r, "q"));
	html_raw(b, "\" placeholder=\"process, state, organisation, document\">"
		    "<button type=\"submit\">Search</button></form>");
	html_raw(b, "</header>\n<main id=\"main\">\n");
}

void page_end(struct buf *b, struct req *r)
{
	(void)r;
	html_raw(b, "\n</main>\n<footer class=\"site\"><p>Registry facts: IOM, <cite>An Assessment of "
		    "Principal Regional Consultative Processes on Migration</cite>, Migration Research "
		    "Series No. 38 (2010), as of 2009, and the public sources each process's page cites; "
		    "every fact with its own source, section and date. "
		    "<a href=\"/api/v1\">JSON API</a></p></footer>\n</body></html>\n");
}

void page_send(struct req *r, int status, struct buf *b)
{
	http_send_html(r, status, b);
}

void page_error(struct req *r, int status, const char *title, const char *message)
{
	struct buf b = { 0 };
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p class=\"error\">");
	html_txt(&b, message);
	html_raw(&b, "</p><p><a href=\"/\">All processes</a> \xc2\xb7 <a href=\"/search\">Search</a></p>");
	page_end(&b, r);
	page_send(r, status, &b);
}

void page_status(struct req *r, enum svc_status st, struct svc_error *err)
{
	static const struct {
		enum svc_status st;
		int status;
		const char *title;
	} map[] = {
		{ SVC_NOT_FOUND, 404, "Not found" }, { SVC_FORBIDDEN, 403, "Not allowed" },
		{ SVC_INVALID, 422, "Cannot be done" }, { SVC_CONFLICT, 409, "Exists already" },
		{ SVC_THROTTLED, 429, "Too many attempts" }, { SVC_DENIED, 401, "Please sign in" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].st == st) {
			char *text = svc_error_text(err);
			page_error(r, map[i].status, map[i].title, text);
			free(text);
			svc_error_free(err);
			return;
		}
	}
	http_send_status(r, SVC_ERROR, err);  /* logs why; the visitor learns that it failed */
}

static void link(struct buf *b, const char *prefix, const char *id, const char *text)
{
	html_raw(b, "<a href=\"");
	html_raw(b, prefix);
	html_url_arg(b, id);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</a>");
}

const char *page_process_acronym(struct req *r, const char *slug)
{
	const struct process_list *all = registry_all(r->reg);
	for (size_t i = 0; i < all->n; i++)
		if (strcmp(all->items[i].slug, slug) == 0)
			return all->items[i].acronym;
	return slug;
}

const char *page_country_name(struct req *r, const char *code)
{
	const struct country *c;
	struct svc_error err = { 0 };
	if (registry_country(r->reg, NULL, code, &c, &err) == SVC_OK)
		return c->name;
	svc_error_free(&err);
	return code;
}

void page_person(struct buf *b, struct req *r, const char *login)
{
	char *name = accounts_display_name(r->reg, login);
	html_txt(b, name);
	free(name);
}

void page_link_state(struct buf *b, const char *code, const char *name)
{
	link(b, "/states/", code, name);
}

void page_link_process(struct buf *b, const char *slug, const char *text)
{
	link(b, "/processes/", slug, text);
}

void page_link_org(struct buf *b, const char *slug, const char *name)
{
	link(b, "/organisations/", slug, name);
}

void page_link_org_named(struct buf *b, struct req *r, const char *slug)
{
	const struct organisation *o;
	struct svc_error err = { 0 };
	if (registry_organisation(r->reg, NULL, slug, &o, &err) == SVC_OK) {
		page_link_org(b, slug, o->acronym && *o->acronym ? o->acronym : o->name);
	} else {
		svc_error_free(&err);
		page_link_org(b, slug, slug);
	}
}

void page_span(struct buf *b, int since, int until)
{
	if (since && until == since + 1) {
		html_raw(b, "in ");
		html_int(b, since);
	} else if (since && until) {
		html_int(b, since);
		html_raw(b, "&#8211;");
		html_int(b, until);
	} else if (since) {
		html_raw(b, "since ");
		html_int(b, since);
	} else if (until) {
		html_raw(b, "until ");
		html_int(b, until);
	}
}

void page_not_found(struct req *r, const char *what, const char *query, enum registry_kind kind,
		    const char *prefix)
{
	const char *ids[5];
	size_t n = registry_suggest(r->reg, kind, query, ids, 5);
	struct buf b = { 0 };
	page_begin(&b, r, "Not found");
	html_raw(&b, "<h1>Not found</h1><p class=\"error\">No ");
	html_txt(&b, what);
	html_raw(&b, " is called \u201c");
	html_txt(&b, query);
	html_raw(&b, "\u201d.</p>");
	if (n) {
		html_raw(&b, "<p>Did you mean:</p><ul class=\"suggestions\">");
		for (size_t i = 0; i < n; i++) {
			html_raw(&b, "<li><a href=\"");
			html_raw(&b, prefix);
			html_url_arg(&b, ids[i]);
			html_raw(&b, "\">");
			html_txt(&b, ids[i]);
			html_raw(&b, "</a></li>");
		}
		html_raw(&b, "</ul>");
	}
	html_raw(&b, "<p><a href=\"/search?q=");
	html_url_arg(&b, query);
	html_raw(&b, "\">Search for it</a> \u00b7 <a href=\"/\">All processes</a></p>");
	page_end(&b, r);
	page_send(r, 404, &b);
}

void page_field_begin(struct buf *b, const char *id, const char *label, const char *error)
{
	html_raw(b, "<div class=\"field\"><label for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, label);
	html_raw(b, "</label>");
	if (error) {
		html_raw(b, "<p class=\"field-error\" id=\"");
		html_attr(b, id);
		html_raw(b, "-error\">");
		html_txt(b, error);
		html_raw(b, "</p>");
	}
}

void page_field_attrs(struct buf *b, const char *id, const char *name, const char *error)
{
	html_raw(b, " id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\"");
	if (error) {
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"");
		html_attr(b, id);
		html_raw(b, "-error\"");
	}
}

const char *page_field_error(const struct svc_error *err, const char *field)
{
	return err && svc_error_is_about(err, field) ? err->message : NULL;
}

void page_form_problem(struct buf *b, const struct svc_error *err, const struct field *fields, size_t n,
		       const char *const *others)
{
	if (!err || !err->message)
		return;
	int marked = 0;
	for (size_t i = 0; i < n && !marked; i++)
		marked = svc_error_is_about(err, fields[i].name);
	for (; others && *others && !marked; others++)
		marked = svc_error_is_about(err, *others);
	html_raw(b, "<p class=\"error\" role=\"alert\">");
	if (marked) {
		html_raw(b, "Please correct the field marked below.");
	} else {
		char *text = svc_error_text(err);
		html_txt(b, text);
		free(text);
	}
	html_raw(b, "</p>");
}

/* An <input> of type for field f showing value. */
static void input(struct buf *b, const struct field *f, const char *id, const char *type, const char *value,
		  const char *error)
{
	html_raw(b, "<input type=\"");
	html_raw(b, type);
	html_raw(b, "\"");
	page_field_attrs(b, id, f->name, error);
	if (f->flags & FIELD_REQUIRED)
		html_raw(b, " required");
	if (f->max && f->type != FIELD_LIST) {
		html_raw(b, " maxlength=\"");
		html_int(b, (long long)f->max);
		html_raw(b, "\"");
	}
	html_raw(b, " value=\"");
	html_attr(b, value);
	html_raw(b, "\">");
}

static void select_one(struct buf *b, const struct field *f, const char *id, const char *value,
		       const char *error)
{
	html_raw(b, "<select");
	page_field_attrs(b, id, f->name, error);
	html_raw(b, ">");
	if (f->flags & FIELD_CLEARABLE)
		html_raw(b, value && *value ? "<option value=\"\">(none)</option>"
					    : "<option value=\"\" selected>(none)</option>");
	for (const char *const *c = f->choices; *c; c++) {
		html_raw(b, value && strcmp(value, *c) == 0 ? "<option selected>" : "<option>");
		html_txt(b, *c);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
}

/* A list's items as the form shows them: "a, b". */
static void list_value(struct buf *out, const struct strlist *items)
{
	for (size_t i = 0; items && i < items->n; i++) {
		if (i)
			buf_append(out, ", ", 2);
		buf_append(out, items->items[i], strlen(items->items[i]));
	}
}

void page_form_fields(struct buf *b, const struct field_values *v, const struct svc_error *err, const char *prefix)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct field *f = &v->fields[i];
		const char *error = page_field_error(err, f->name);
		const char *value = fields_text(v, f->name);
		char id[96];
		snprintf(id, sizeof id, "%s%s", prefix ? prefix : "", f->name);
		page_field_begin(b, id, f->label, error);
		if (f->type == FIELD_TEXT) {
			html_raw(b, "<textarea rows=\"12\"");
			page_field_attrs(b, id, f->name, error);
			html_raw(b, ">");
			html_txt(b, value);
			html_raw(b, "</textarea>");
		} else if (f->type == FIELD_CHOICE) {
			select_one(b, f, id, value, error);
		} else if (f->type == FIELD_LIST) {
			struct buf items = { 0 };
			list_value(&items, fields_list(v, f->name));
			input(b, f, id, "text", items.data, error);
			buf_free(&items);
		} else {
			input(b, f, id, f->type == FIELD_DATE ? "date" : "text", value, error);
		}
		html_raw(b, "</div>");
	}
}

long long page_id_or_404(struct req *r, const char *what)
{
	long long id = http_record_id(r->params[0]);
	if (id < 0) {
		char *msg = xasprintf("There is no such %s.", what);
		page_error(r, 404, "Not found", msg);
		free(msg);
	}
	return id;
}

const struct process *page_process_or_404(struct req *r)
{
	const struct process *p;
	struct svc_error err = { 0 };
	if (registry_process(r->reg, NULL, r->params[0], &p, &err) == SVC_OK)
		return p;
	svc_error_free(&err);
	page_not_found(r, "process", r->params[0], REGISTRY_PROCESS, "/processes/");
	return NULL;
}

void page_fields_form(struct buf *b, struct req *r, const char *action, const char *button,
		      const struct field_values *v, const struct svc_error *err, const char *prefix,
		      const char *const *others)
{
	page_form_problem(b, err, v->fields, v->n, others);
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	page_csrf_field(b, r);
	page_form_fields(b, v, err, prefix);
	html_raw(b, "<button type=\"submit\">");
	html_txt(b, button);
	html_raw(b, "</button></form>");
}

void page_year_input(struct buf *b, const char *label, int year)
{
	html_raw(b, "<label for=\"at-year\">");
	html_txt(b, label);
	html_raw(b, "</label><input id=\"at-year\" name=\"at\" inputmode=\"numeric\" size=\"4\" value=\"");
	if (year)
		html_int(b, year);
	html_raw(b, "\">");
}

int page_year_or_respond(struct req *r, int *year)
{
	const char *at = http_query(r, "at");
	struct svc_error err = { 0 };
	if (registry_year(at && *at ? at : NULL, r->actor.now, "at", year, &err) == SVC_OK)
		return 0;
	char *text = svc_error_text(&err);
	page_error(r, 400, "Unknown year", text);
	free(text);
	svc_error_free(&err);
	return -1;
}

void page_day(struct req *r, char out[11])
{
	const char *at = http_query(r, "at");
	time_t t = (time_t)r->actor.now;
	struct tm tm;
	if (at && fields_valid_date(at))
		snprintf(out, 11, "%s", at);
	else
		strftime(out, 11, "%Y-%m-%d", gmtime_r(&t, &tm));
}

void page_downloads(struct buf *b, struct req *r, const char *what, const char *path, const char *title)
{
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(r->ev);
	const char *query = uri ? evhttp_uri_get_query(uri) : NULL;
	static const char *const formats[][2] = { { ".csv", "CSV" }, { ".xlsx", "Excel" } };
	html_raw(b, "<p class=\"downloads\">");
	html_txt(b, what);
	html_raw(b, ": ");
	for (size_t i = 0; i < 2; i++) {
		html_raw(b, i ? " \xc2\xb7 <a download href=\"" : "<a download href=\"");
		html_attr(b, path);
		html_raw(b, formats[i][0]);
		if (query && *query) {
			html_raw(b, "?");
			html_attr(b, query);
		}
		html_raw(b, "\">");
		html_raw(b, formats[i][1]);
		html_raw(b, "</a>");
	}
	char *citation = page_citation(r, title);
	html_raw(b, "</p><p class=\"cite\">Cite as: ");
	html_txt(b, citation);
	html_raw(b, "</p>");
	free(citation);
}
