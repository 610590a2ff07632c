/* page_audit.c: the audit log for the secretariat of a process and for administrators */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/audit.h"

#include <stdlib.h>
#include <time.h>

#define AUDIT_PAGE 200

static void entry_row(struct buf *b, const struct audit_entry *e)
{
	char at[32];
	time_t t = (time_t)e->at;
	struct tm tm;
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
	html_raw(b, "<tr><td>");
	html_txt(b, at);
	html_raw(b, "</td><td>");
	html_txt(b, e->login);
	html_raw(b, "</td><td>");
	html_txt(b, e->address);
	html_raw(b, "</td><td>");
	html_txt(b, e->action);
	html_raw(b, "</td><td>");
	html_txt(b, e->process);
	html_raw(b, "</td><td>");
	html_txt(b, e->object);
	html_raw(b, "</td><td>");
	html_txt(b, e->detail);
	html_raw(b, "</td></tr>");
}

void page_audit(struct req *r)
{
	const char *process = http_query(r, "process");
	const char *slug = process && *process ? registry_id(r->reg, REGISTRY_PROCESS, process) : NULL;
	if (process && *process && !slug) {
		page_not_found(r, "process", process, REGISTRY_PROCESS, "/audit?process=");
		return;
	}
	/* A secretariat sees its own process's log without naming it. */
	for (size_t i = 0; !slug && r->signed_in && !r->user.admin && i < r->user.ngrants; i++)
		if (r->user.grants[i].role == GRANT_SECRETARIAT)
			slug = r->user.grants[i].process;
	struct audit_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = audit_list(r->reg, &r->actor, slug, AUDIT_PAGE, 0, &l, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, "Audit log");
	html_raw(&b, "<h1>Audit log</h1><p>Every change, sign-in, failed sign-in and reading of "
		     "members-only papers");
	if (slug) {
		html_raw(&b, " in ");
		page_link_process(&b, slug, slug);
	}
	html_raw(&b, ", newest first. <a href=\"/api/v1/audit?format=csv&amp;limit=500");
	if (slug) {
		html_raw(&b, "&amp;process=");
		html_url_arg(&b, slug);
	}
	html_raw(&b, "\">Download as CSV</a></p><table class=\"audit\"><thead><tr><th scope=\"col\">When (UTC)</th>"
		     "<th scope=\"col\">Who</th><th scope=\"col\">From</th><th scope=\"col\">What</th>"
		     "<th scope=\"col\">Process</th><th scope=\"col\">Record</th><th scope=\"col\">Detail</th>"
		     "</tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++)
		entry_row(&b, &l.items[i]);
	html_raw(&b, "</tbody></table>");
	page_end(&b, r);
	page_send(r, 200, &b);
	audit_list_free(&l);
}
