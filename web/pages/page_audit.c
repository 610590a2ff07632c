/* page_audit.c: the audit log for the secretariat of a process and for administrators, in words, with filters */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/audit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_PAGE 200

/* Each action the log records, in words; an action not listed is shown
 * as it is stored. */
static const struct {
	const char *action, *words;
} actions[] = {
	{ "login", "signed in" },
	{ "login.fail", "failed to sign in" },
	{ "login.throttled", "was held back after failed sign-ins" },
	{ "logout", "signed out" },
	{ "session.end_all", "signed out everywhere" },
	{ "access.refused", "was refused" },
	{ "access.throttled", "was told to slow down" },
	{ "user.add", "added a user" },
	{ "user.grant", "gave a role" },
	{ "user.revoke", "took a role away" },
	{ "user.disable", "disabled a user" },
	{ "user.enable", "enabled a user" },
	{ "user.password", "set a password" },
	{ "user.password.fail", "gave a wrong current password" },
	{ "user.reset_link", "made a one-time link to set a password" },
	{ "user.totp.on", "turned a second factor on" },
	{ "user.totp.off", "turned a second factor off" },
	{ "token.issue", "made an API token" },
	{ "token.revoke", "revoked an API token" },
	{ "calendar.issue", "made a calendar address" },
	{ "calendar.revoke", "stopped a calendar address" },
	{ "document.add", "added a paper" },
	{ "document.update", "changed a paper" },
	{ "document.delete", "deleted a paper" },
	{ "document.attach", "attached a file" },
	{ "document.read", "read a paper" },
	{ "document.download", "downloaded a paper's file" },
	{ "document.list", "listed papers" },
	{ "focal.add", "added a focal point" },
	{ "focal.update", "changed a focal point" },
	{ "focal.delete", "removed a focal point" },
	{ "focal.read", "read a focal point's contacts" },
	{ "focal.list", "listed focal points" },
	{ "meeting.add", "added a meeting" },
	{ "meeting.update", "changed a meeting" },
	{ "meeting.delete", "deleted a meeting" },
	{ "meeting.read", "read a meeting" },
	{ "meeting.list", "listed meetings" },
	{ "meeting.agenda", "changed an agenda" },
	{ "meeting.attach", "attached a paper to a meeting" },
	{ "meeting.minutes", "changed minutes" },
	{ "meeting.corrigendum", "issued a corrigendum" },
	{ "meeting.delegate", "recorded a delegate" },
	{ "plan.add", "adopted a plan" },
	{ "plan.item", "added a plan item" },
	{ "plan.progress", "reported progress" },
	{ "indicator.add", "defined an indicator" },
	{ "stats.import", "imported statistics" },
	{ "matrix.add", "made a policy matrix" },
	{ "matrix.question", "added a matrix question" },
	{ "matrix.answer", "answered a matrix question" },
	{ "glossary.add", "added a term" },
	{ "glossary.import", "imported a glossary" },
	{ "registry.add", "recorded a registry fact" },
	{ "registry.end", "ended a registry fact" },
	{ "registry.correct", "corrected a registry fact" },
	{ "registry.apply", "refreshed the registry from its seed data" },
};

/* The families the "what" filter offers: an action's part before its dot. */
static const char *const families[][2] = {
	{ "login", "sign-ins" }, { "access", "refusals" }, { "user", "accounts" }, { "token", "API tokens" },
	{ "document", "papers" }, { "focal", "focal points" }, { "meeting", "meetings" }, { "plan", "plans" },
	{ "stats", "statistics" }, { "matrix", "policy matrices" }, { "glossary", "glossary" },
	{ "registry", "registry" },
};

const char *page_audit_action_words(const char *action)
{
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(actions[i].action, action) == 0)
			return actions[i].words;
	return action;
}

/* The record an entry names ("document:7"), as a link where it has a page. */
static void record_link(struct buf *b, const char *object, const char *process)
{
	long long id;
	char kind[16];
	int n = 0;
	if (object && sscanf(object, "%15[a-z]:%lld%n", kind, &id, &n) == 2 && !object[n]) {
		const char *path = strcmp(kind, "document") == 0 ? "/documents/"
				 : strcmp(kind, "meeting") == 0 ? "/meetings/"
				 : strcmp(kind, "plan") == 0	 ? "/plans/"
				 : strcmp(kind, "matrix") == 0	 ? "/matrices/"
								 : NULL;
		if (path) {
			html_raw(b, "<a href=\"");
			html_attr(b, path);
			html_int(b, id);
			html_raw(b, "\">");
			html_txt(b, kind);
			html_raw(b, " ");
			html_int(b, id);
			html_raw(b, "</a>");
			return;
		}
		if ((strcmp(kind, "participation") == 0 || strcmp(kind, "post") == 0) && process) {
			html_raw(b, "<a href=\"/processes/");
			html_url_arg(b, process);
			html_raw(b, "/history\">");
			html_txt(b, object);
			html_raw(b, "</a>");
			return;
		}
	}
	html_txt(b, object);
}

static void entry_row(struct buf *b, const struct audit_entry *e)
{
	char at[32];
	time_t t = (time_t)e->at;
	struct tm tm;
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
	html_raw(b, "<tr><td>");
	html_txt(b, at);
	html_raw(b, "</td><td>");
	if (e->login) {
		html_raw(b, "<a href=\"/audit?user=");
		html_url_arg(b, e->login);
		html_raw(b, "\">");
		html_txt(b, e->login);
		html_raw(b, "</a>");
	} else {
		html_raw(b, "someone signed out");
	}
	html_raw(b, "<div class=\"sub\">");
	html_txt(b, e->address);
	html_raw(b, "</div></td><td><span title=\"");
	html_attr(b, e->action);
	html_raw(b, "\">");
	html_txt(b, page_audit_action_words(e->action));
	html_raw(b, "</span></td><td>");
	if (e->process)
		page_link_process(b, e->process, e->process);
	html_raw(b, "</td><td>");
	record_link(b, e->object, e->process);
	html_raw(b, "</td><td>");
	html_txt(b, e->detail);
	html_raw(b, "</td></tr>");
}

/* The filter form, showing what is in force. */
static void filter_form(struct buf *b, const struct audit_filter *f, const char *from, const char *to)
{
	html_raw(b, "<form class=\"inline-form filters\" method=\"get\" action=\"/audit\"><label for=\"f-user\">Who"
		    "</label><input id=\"f-user\" name=\"user\" size=\"12\" value=\"");
	html_attr(b, f->login);
	html_raw(b, "\"><label for=\"f-action\">What</label><select id=\"f-action\" name=\"action\">"
		    "<option value=\"\">everything</option>");
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, families[i][0]);
		html_raw(b, f->action && strcmp(f->action, families[i][0]) == 0 ? "\" selected>" : "\">");
		html_txt(b, families[i][1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select><label for=\"f-process\">Process</label><input id=\"f-process\" name=\"process\" "
		    "size=\"10\" value=\"");
	html_attr(b, f->process);
	html_raw(b, "\"><label for=\"f-from\">From</label><input id=\"f-from\" name=\"from\" type=\"date\" value=\"");
	html_attr(b, from);
	html_raw(b, "\"><label for=\"f-to\">To</label><input id=\"f-to\" name=\"to\" type=\"date\" value=\"");
	html_attr(b, to);
	html_raw(b, "\"><button type=\"submit\">Show</button></form>");
}

/* The CSV address for the same filters. */
static void csv_link(struct buf *b, struct req *r)
{
	static const char *const names[] = { "process", "user", "action", "from", "to" };
	html_raw(b, "<a href=\"/api/v1/audit?format=csv&amp;limit=500");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = http_query(r, names[i]);
		if (!v || !*v)
			continue;
		html_raw(b, "&amp;");
		html_raw(b, names[i]);
		html_raw(b, "=");
		html_url_arg(b, v);
	}
	html_raw(b, "\">Download as CSV</a>");
}

void page_audit(struct req *r)
{
	struct audit_filter f;
	struct svc_error err = { 0 };
	enum svc_status st = http_audit_filter(r, &f, &err);
	/* A secretariat sees its own process's log without naming it. */
	for (size_t i = 0; st == SVC_OK && !f.process && r->signed_in && !r->user.admin && i < r->user.ngrants; i++)
		if (r->user.grants[i].role == GRANT_SECRETARIAT)
			f.process = r->user.grants[i].process;
	struct audit_list l = { 0 };
	if (st == SVC_OK)
		st = audit_list(r->reg, &r->actor, &f, AUDIT_PAGE, 0, &l, &err);
	if (st) {
		page_status(r, st, &err);
		svc_error_free(&err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, "Audit log");
	html_raw(&b, "<h1>Audit log</h1><p>Every change, sign-in, refusal and reading of members-only records");
	if (f.process) {
		html_raw(&b, " in ");
		page_link_process(&b, f.process, f.process);
	}
	html_raw(&b, ", newest first (the latest 200 that match). Lists of members-only records are logged once an "
		     "hour per reader. ");
	csv_link(&b, r);
	html_raw(&b, "</p>");
	filter_form(&b, &f, http_query(r, "from"), http_query(r, "to"));
	if (!l.n)
		html_raw(&b, "<p>Nothing matches.</p>");
	else
		html_raw(&b, "<table class=\"audit\"><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who"
			     "</th><th scope=\"col\">Did</th><th scope=\"col\">Process</th><th scope=\"col\">Record</th>"
			     "<th scope=\"col\">Detail</th></tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++)
		entry_row(&b, &l.items[i]);
	if (l.n)
		html_raw(&b, "</tbody></table>");
	page_end(&b, r);
	page_send(r, 200, &b);
	audit_list_free(&l);
}
