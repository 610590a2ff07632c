/* page_glossary.c: the glossary searched, one term compared across processes and languages, and the form to add one */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/glossary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const form_extras[] = { "csrf_token", NULL };
static const char *const language_names[] = { "English", "French", "Spanish", "Russian", "Arabic" };

static void term_link(struct buf *b, const char *text)
{
	html_raw(b, "<a href=\"/glossary/");
	html_url_arg(b, text);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</a>");
}

static void scope_name(struct buf *b, struct req *r, const char *process)
{
	const struct process *p;
	struct svc_error err = { 0 };
	if (!process)
		html_raw(b, "Shared by all processes");
	else if (registry_process(r->reg, NULL, process, &p, &err) == SVC_OK)
		page_link_process(b, p->slug, p->acronym);
	else
		html_txt(b, process);
	svc_error_free(&err);
}

/* One entry as a list item: its terms, each with its language. */
static void entry_item(struct buf *b, struct req *r, const struct glossary_entry *e)
{
	html_raw(b, "<li>");
	for (size_t i = 0; i < e->nterms; i++) {
		html_raw(b, i ? " \xc2\xb7 " : "");
		term_link(b, e->terms[i].text);
		html_raw(b, " <span class=\"meta\" lang=\"en\">");
		html_txt(b, e->terms[i].lang);
		html_raw(b, "</span>");
	}
	html_raw(b, " <span class=\"meta\">(");
	scope_name(b, r, e->process);
	html_raw(b, ")</span></li>");
}

static int may_change_any(struct req *r)
{
	if (glossary_may_change(&r->actor, NULL))
		return 1;
	for (size_t i = 0; r->signed_in && i < r->user.ngrants; i++)
		if (glossary_may_change(&r->actor, r->user.grants[i].process))
			return 1;
	return 0;
}

static void glossary_page(struct req *r, int status, const struct field_values *v, const struct svc_error *err)
{
	const char *q = http_query(r, "q"), *process = http_query(r, "process");
	struct glossary g = { 0 };
	struct svc_error lerr = { 0 };
	enum svc_status st = q && *q ? glossary_search(r->reg, &r->actor, q, &g, &lerr)
				     : glossary_list(r->reg, &r->actor, process && *process ? process : NULL, NULL, &g, &lerr);
	if (st) {
		page_status(r, st, &lerr);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, "Glossary");
	html_raw(&b, "<h1>A common language</h1><p>Terms as the processes use them, in English, French, Spanish, "
		     "Russian and Arabic, with their definitions and sources; the same term can mean different things "
		     "in different processes, and its page sets them side by side.</p><form class=\"inline-form\" "
		     "method=\"get\" action=\"/glossary\"><label for=\"glossary-q\">Find</label><input type=\"search\" "
		     "id=\"glossary-q\" name=\"q\" value=\"");
	html_attr(&b, q ? q : "");
	html_raw(&b, "\"><button type=\"submit\">Find</button></form>");
	if (!g.n)
		html_raw(&b, "<p>No terms found.</p>");
	else
		html_raw(&b, "<ul class=\"glossary\">");
	for (size_t i = 0; i < g.n; i++)
		entry_item(&b, r, &g.items[i]);
	html_raw(&b, g.n ? "</ul>" : "");
	html_raw(&b, "<p class=\"actions\">The glossary as <a href=\"/api/v1/glossary/export?format=tbx\">TBX</a> or "
		     "<a href=\"/api/v1/glossary/export?format=csv\">CSV</a></p>");
	if (may_change_any(r)) {
		html_raw(&b, "<section><h2>Add a term</h2>");
		page_fields_form(&b, r, "/glossary", "Add", v, err, "term-", form_extras);
		html_raw(&b, "</section>");
	}
	page_end(&b, r);
	page_send(r, status, &b);
	glossary_free(&g);
}

void page_glossary(struct req *r)
{
	struct field_values v;
	fields_init(&v, terms_fields, terms_nfields);
	fields_defaults(&v);
	glossary_page(r, 200, &v, NULL);
	fields_free(&v);
}

void page_glossary_add(struct req *r)
{
	struct field_values v;
	struct svc_error err = { 0 };
	long long entry;
	fields_init(&v, terms_fields, terms_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "a term", form_extras, &err);
	if (st == SVC_OK)
		st = glossary_add_term(r->reg, &r->actor, &v, &entry, &err);
	if (st == SVC_OK) {
		struct buf path = { 0 };
		html_raw(&path, "/glossary/");
		html_url_arg(&path, fields_text(&v, "term"));
		buf_append(&path, "", 1);
		http_redirect(r, path.data);
		buf_free(&path);
	} else if (st == SVC_INVALID || st == SVC_CONFLICT) {
		glossary_page(r, 422, &v, &err);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
}

/* One term compared: a row per entry (a process's use, or the shared
 * one), a column per language. */
void page_glossary_term(struct req *r)
{
	struct glossary g = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = glossary_show(r->reg, &r->actor, r->params[0], &g, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, r->params[0]);
	html_raw(&b, "<h1>");
	html_txt(&b, r->params[0]);
	html_raw(&b, "</h1><p>As each process uses it, in each language it has been given in.</p><div class=\"scroll\">"
		     "<table class=\"compare-terms\"><thead><tr><th scope=\"col\">Used by</th>");
	size_t used[5] = { 0 };
	for (size_t i = 0; i < g.n; i++)
		for (size_t k = 0; k < 5; k++)
			used[k] += entry_term(&g.items[i], glossary_languages[k]) != NULL;
	for (size_t k = 0; k < 5; k++)
		if (used[k]) {
			html_raw(&b, "<th scope=\"col\">");
			html_txt(&b, language_names[k]);
			html_raw(&b, "</th>");
		}
	html_raw(&b, "</tr></thead><tbody>");
	for (size_t i = 0; i < g.n; i++) {
		const struct glossary_entry *e = &g.items[i];
		html_raw(&b, "<tr><th scope=\"row\">");
		scope_name(&b, r, e->process);
		for (size_t k = 0; k < e->related.n; k++) {
			html_raw(&b, k ? ", " : "<div class=\"sub\">related: ");
			term_link(&b, e->related.items[k]);
		}
		html_raw(&b, e->related.n ? "</div>" : "");
		for (size_t k = 0; k < e->contested.n; k++) {
			html_raw(&b, k ? ", " : "<div class=\"sub contested\">contested by: ");
			term_link(&b, e->contested.items[k]);
		}
		html_raw(&b, e->contested.n ? "</div></th>" : "</th>");
		for (size_t k = 0; k < 5; k++) {
			if (!used[k])
				continue;
			const struct term *t = entry_term(e, glossary_languages[k]);
			if (!t) {
				html_raw(&b, "<td class=\"none\"></td>");
				continue;
			}
			html_raw(&b, "<td lang=\"");
			html_attr(&b, t->lang);
			html_raw(&b, strcmp(t->lang, "ar") == 0 ? "\" dir=\"rtl\"><strong>" : "\"><strong>");
			html_txt(&b, t->text);
			html_raw(&b, "</strong><p>");
			html_txt(&b, t->definition);
			html_raw(&b, "</p>");
			if (t->source) {
				html_raw(&b, "<p class=\"meta\">");
				html_txt(&b, t->source);
				html_raw(&b, "</p>");
			}
			html_raw(&b, "</td>");
		}
		html_raw(&b, "</tr>");
	}
	html_raw(&b, "</tbody></table></div><p class=\"actions\"><a href=\"/glossary\">The whole glossary</a></p>");
	page_end(&b, r);
	page_send(r, 200, &b);
	glossary_free(&g);
}
