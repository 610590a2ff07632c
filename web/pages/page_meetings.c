/* page_meetings.c: a process's meetings by year and level, one meeting with its delegations, and their forms */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../io/ical.h"
#include "../../io/markdown.h"
#include "../../services/accounts.h"
#include "../../services/documents.h"
#include "../../services/meetings.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const char *const form_extras[] = { "csrf_token", NULL };

static void meeting_row(struct buf *b, const struct meeting *m, const struct meeting_figures *f)
{
	html_raw(b, "<tr><td class=\"num\">");
	html_txt(b, m->start);
	html_raw(b, "</td><td><a href=\"/meetings/");
	html_int(b, m->id);
	html_raw(b, "\">");
	html_txt(b, m->title);
	html_raw(b, "</a>");
	if (m->series) {
		html_raw(b, "<div class=\"sub\">");
		html_txt(b, m->series);
		if (f->number) {
			html_raw(b, ", no. ");
			html_int(b, f->number);
		}
		html_raw(b, "</div>");
	}
	html_raw(b, "</td><td>");
	html_txt(b, m->type);
	html_raw(b, "</td><td>");
	if (m->host)
		page_link_state(b, m->host, m->host_name);
	html_raw(b, "</td><td class=\"num\">");
	html_int(b, (long long)m->delegates.n);
	html_raw(b, "</td><td class=\"num\">");
	if (f->has_continuity) {
		html_num(b, f->continuity * 100, 0);
		html_raw(b, "%");
	}
	html_raw(b, "</td><td><span class=\"level level-");
	html_attr(b, level_name(m->level));
	html_raw(b, "\">");
	html_txt(b, level_name(m->level));
	html_raw(b, "</span></td></tr>");
}

/* The meetings of l by year, newest year first, with f's figures. */
static void by_year(struct buf *b, const struct meeting_list *l, const struct meeting_indicators *f)
{
	for (size_t y = f->nyears; y-- > 0;) {
		const struct year_figures *yf = &f->years[y];
		html_raw(b, "<section><h2>");
		html_int(b, yf->year);
		html_raw(b, "</h2><p class=\"meta\">");
		html_int(b, (long long)yf->meetings);
		html_raw(b, yf->meetings == 1 ? " meeting; delegates: " : " meetings; delegates: ");
		for (int k = 0; k < MEETING_RANKS; k++) {
			html_raw(b, k ? ", " : "");
			html_int(b, (long long)yf->ranks[k]);
			html_raw(b, " ");
			html_txt(b, meeting_ranks[k]);
		}
		html_raw(b, "; ");
		html_int(b, (long long)yf->members_attending);
		html_raw(b, " of ");
		html_int(b, (long long)yf->members);
		html_raw(b, " member governments came.</p><table><thead><tr><th scope=\"col\">From</th>"
			    "<th scope=\"col\">Meeting</th><th scope=\"col\">Type</th><th scope=\"col\">Host</th>"
			    "<th scope=\"col\">Delegates</th><th scope=\"col\" title=\"Delegates who came to the "
			    "previous meeting of the series\">Returning</th><th scope=\"col\">Who may see it</th>"
			    "</tr></thead><tbody>");
		for (size_t i = 0; i < l->n; i++)
			if (atoi(l->items[i].start) == yf->year)
				meeting_row(b, &l->items[i], &f->meetings[i]);
		html_raw(b, "</tbody></table></section>");
	}
}

static void meetings_page(struct req *r, int status, const struct process *p, const struct field_values *v,
			  const struct svc_error *err)
{
	struct meeting_list l = { 0 };
	struct svc_error lerr = { 0 };
	enum svc_status st = meetings_list(r->reg, &r->actor, p->slug, 0, &l, &lerr);
	if (st) {
		page_status(r, st, &lerr);
		return;
	}
	struct meeting_indicators f;
	meeting_figures(p, &l, &f);
	struct buf b = { 0 };
	char *title = xasprintf("Meetings of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p class=\"actions\"><a href=\"/api/v1/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/calendar.ics\">Add to calendar (iCalendar)</a></p>");
	if (!l.n)
		html_raw(&b, "<p>No meetings you may see.</p>");
	by_year(&b, &l, &f);
	if (f.nhosts) {
		html_raw(&b, "<section><h2>Hosts</h2><p>");
		html_int(&b, (long long)f.state_hosted);
		html_raw(&b, " of ");
		html_int(&b, (long long)f.n);
		html_raw(&b, " meetings were hosted by a state: ");
		for (size_t i = 0; i < f.nhosts; i++) {
			html_raw(&b, i ? ", " : "");
			page_link_state(&b, f.hosts[i].code, f.hosts[i].name);
			html_raw(&b, " (");
			html_int(&b, (long long)f.hosts[i].meetings);
			html_raw(&b, ")");
		}
		html_raw(&b, ".</p></section>");
	}
	if (l.n)
		html_raw(&b, "<details class=\"rules\"><summary>How these figures are counted</summary><ul>"
			     "<li><strong>Returning</strong>: of a meeting's delegates, the share who came to the "
			     "previous meeting of the same series (a person is known by their name with accents, "
			     "case and punctuation set aside); none for a series' first meeting.</li>"
			     "<li><strong>Delegates by rank</strong>: technical, mid-level, senior and political, "
			     "per year.</li><li><strong>Member governments that came</strong>: of the process's "
			     "members that year, those that sent anyone to any meeting of the year.</li>"
			     "<li>Only the meetings you may see are counted.</li></ul></details>");
	if (meetings_may_add(&r->actor, p->slug)) {
		html_raw(&b, "<p class=\"actions\"><a href=\"/processes/");
		html_url_arg(&b, p->slug);
		html_raw(&b, "/meetings/checklist\">The secretariat's checklist</a></p>");
	}
	if (meetings_may_add(&r->actor, p->slug)) {
		char *action = xasprintf("/processes/%s/meetings", p->slug);
		html_raw(&b, "<section><h2>Add a meeting</h2>");
		page_fields_form(&b, r, action, "Add", v, err, NULL, form_extras);
		html_raw(&b, "</section>");
		free(action);
	}
	page_end(&b, r);
	page_send(r, status, &b);
	free(title);
	meeting_figures_free(&f);
	meeting_list_free(&l);
}

void page_meetings(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	fields_init(&v, meetings_fields, meetings_nfields);
	fields_defaults(&v);
	meetings_page(r, 200, p, &v, NULL);
	fields_free(&v);
}

void page_meeting_create(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	long long id;
	fields_init(&v, meetings_fields, meetings_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "a meeting", form_extras, &err);
	if (st == SVC_OK)
		st = meetings_add(r->reg, &r->actor, p->slug, &v, &id, &err);
	if (st == SVC_OK) {
		char *to = xasprintf("/meetings/%lld", id);
		http_redirect(r, to);
		free(to);
	} else if (st == SVC_INVALID) {
		meetings_page(r, 422, p, &v, &err);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
}

static void facts(struct buf *b, const struct meeting *m)
{
	html_raw(b, "<dl class=\"facts\"><dt>Process</dt><dd>");
	page_link_process(b, m->process, m->process);
	html_raw(b, "</dd><dt>Type</dt><dd>");
	html_txt(b, m->type);
	html_raw(b, "</dd><dt>When</dt><dd>");
	html_txt(b, m->start);
	if (strcmp(m->start, m->end) != 0) {
		html_raw(b, " to ");
		html_txt(b, m->end);
	}
	html_raw(b, "</dd>");
	const char *labels[] = { "Series", "Working group", "Venue", "Chair" };
	const char *values[] = { m->series, m->working_group, m->venue, m->chair };
	for (size_t i = 0; i < 4; i++) {
		if (!values[i])
			continue;
		html_raw(b, "<dt>");
		html_txt(b, labels[i]);
		html_raw(b, "</dt><dd>");
		html_txt(b, values[i]);
		html_raw(b, "</dd>");
	}
	if (m->host) {
		html_raw(b, "<dt>Host</dt><dd>");
		page_link_state(b, m->host, m->host_name);
		html_raw(b, m->in_kind ? " (in kind)</dd>" : "</dd>");
	}
	html_raw(b, "<dt>Who may see it</dt><dd>");
	html_txt(b, level_name(m->level));
	html_raw(b, "</dd></dl>");
}

static void delegations(struct buf *b, const struct meeting *m)
{
	html_raw(b, "<section><h2>Delegations</h2>");
	if (!m->delegates.n) {
		html_raw(b, "<p>No delegates recorded.</p></section>");
		return;
	}
	html_raw(b, "<table><thead><tr><th scope=\"col\">For</th><th scope=\"col\">Name</th>"
		    "<th scope=\"col\">Rank</th><th scope=\"col\">Department</th></tr></thead><tbody>");
	for (size_t i = 0; i < m->delegates.n; i++) {
		const struct delegate *d = &m->delegates.items[i];
		html_raw(b, "<tr><td>");
		if (d->is_organisation)
			page_link_org(b, d->party, d->party_name);
		else
			page_link_state(b, d->party, d->party_name);
		html_raw(b, "</td><td>");
		html_txt(b, d->name);
		html_raw(b, "</td><td>");
		html_txt(b, d->rank);
		html_raw(b, "</td><td>");
		html_txt(b, d->department);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></section>");
}

/* What the forms of a meeting's page show, and which of them failed. */
struct meeting_forms {
	struct field_values delegate, agenda, meeting;
	const char *minutes;       /* the text the minutes form shows when it failed */
	const char *failed;        /* "delegate", "agenda", "attach", "minutes", or NULL */
	const struct svc_error *err;
};

static void forms_init(struct req *r, struct meeting_forms *f)
{
	struct svc_error ignored = { 0 };
	memset(f, 0, sizeof *f);
	fields_init(&f->delegate, delegates_fields, delegates_nfields);
	fields_defaults(&f->delegate);
	if (r->signed_in && r->user.government)
		fields_set(&f->delegate, "party", r->user.government, "a delegate", &ignored);
	fields_init(&f->agenda, agenda_fields, agenda_nfields);
	fields_defaults(&f->agenda);
	memset(&f->meeting, 0, sizeof f->meeting);
}

static void forms_free(struct meeting_forms *f)
{
	fields_free(&f->delegate);
	fields_free(&f->agenda);
	fields_free(&f->meeting);
}

/* The error of the form called name, if it is the one that failed. */
static const struct svc_error *error_of(const struct meeting_forms *f, const char *name)
{
	return f->failed && strcmp(f->failed, name) == 0 ? f->err : NULL;
}

static void agenda(struct buf *b, const struct meeting *m)
{
	if (!m->nagenda)
		return;
	html_raw(b, "<section><h2>Agenda</h2><ol class=\"agenda\">");
	for (size_t i = 0; i < m->nagenda; i++) {
		html_raw(b, "<li>");
		html_txt(b, m->agenda[i].title);
		html_raw(b, " <span class=\"meta\">proposed by ");
		html_txt(b, m->agenda[i].party_name ? m->agenda[i].party_name : "the secretariat");
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ol></section>");
}

static void papers(struct buf *b, struct req *r, const struct meeting *m)
{
	if (!m->ndocuments)
		return;
	html_raw(b, "<section><h2>Papers</h2><ul class=\"documents\">");
	for (size_t i = 0; i < m->ndocuments; i++) {
		struct document d;
		struct svc_error err = { 0 };
		if (documents_get(r->reg, &r->actor, m->documents[i], &d, &err) != SVC_OK) {
			svc_error_free(&err);
			continue;
		}
		html_raw(b, "<li><a href=\"/documents/");
		html_int(b, d.id);
		html_raw(b, "\">");
		html_txt(b, d.title);
		html_raw(b, "</a> <span class=\"meta\">");
		html_txt(b, doc_kind_name(d.kind));
		html_raw(b, "</span></li>");
		document_free(&d);
	}
	html_raw(b, "</ul></section>");
}

static void minutes(struct buf *b, const struct meeting *m)
{
	if (!m->nminutes)
		return;
	html_raw(b, "<section><h2>Minutes</h2>");
	for (size_t i = 0; i < m->nminutes; i++) {
		const struct minutes *mm = &m->minutes[i];
		html_raw(b, "<article class=\"minutes\"><h3>");
		html_txt(b, mm->corrects ? "Corrigendum" : "Minutes");
		html_raw(b, " <span class=\"level\">");
		html_txt(b, mm->state);
		html_raw(b, "</span></h3>");
		/* cmark writes the HTML, escaping the text and dropping raw HTML. */
		char *html = markdown_to_html(mm->body);
		buf_append(b, html, strlen(html));
		free(html);
		html_raw(b, "</article>");
	}
	html_raw(b, "</section>");
}

/* The forms that keep a meeting's records, for those who may. */
static void record_forms(struct buf *b, struct req *r, const struct meeting *m, const struct meeting_forms *f)
{
	char *action = xasprintf("/meetings/%lld/agenda", m->id);
	html_raw(b, "<section><h2>Add an agenda item</h2>");
	page_fields_form(b, r, action, "Add", &f->agenda, error_of(f, "agenda"), "agenda-", form_extras);
	free(action);
	const struct svc_error *attach_err = error_of(f, "attach");
	html_raw(b, "</section><section><h2>Attach a paper</h2>");
	page_form_problem(b, attach_err, NULL, 0, (const char *const[]){ "document", NULL });
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"/meetings/");
	html_int(b, m->id);
	html_raw(b, "/documents\">");
	page_csrf_field(b, r);
	page_field_begin(b, "document", "Document number (from the process's documents)",
			 page_field_error(attach_err, "document"));
	html_raw(b, "<input inputmode=\"numeric\" required");
	page_field_attrs(b, "document", "document", page_field_error(attach_err, "document"));
	html_raw(b, "></div><button type=\"submit\">Attach</button></form></section>");
	const struct svc_error *merr = error_of(f, "minutes");
	html_raw(b, "<section><h2>Write the minutes</h2><p class=\"meta\">Minutes begin as a draft the "
		    "secretariat alone sees, are circulated for comment, then made final; final minutes change "
		    "only through a corrigendum.</p>");
	page_form_problem(b, merr, NULL, 0, (const char *const[]){ "body", "state", NULL });
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"/meetings/");
	html_int(b, m->id);
	html_raw(b, "/minutes\">");
	page_csrf_field(b, r);
	page_field_begin(b, "body", "Text (Markdown)", page_field_error(merr, "body"));
	html_raw(b, "<textarea rows=\"10\"");
	page_field_attrs(b, "body", "body", page_field_error(merr, "body"));
	html_raw(b, ">");
	html_txt(b, f->minutes);
	html_raw(b, "</textarea></div><p class=\"actions\">"
		    "<button type=\"submit\" name=\"action\" value=\"save\">Save the draft</button> "
		    "<button type=\"submit\" name=\"action\" value=\"circulated\">Circulate for comment</button> "
		    "<button type=\"submit\" name=\"action\" value=\"final\">Make final</button> "
		    "<button type=\"submit\" name=\"action\" value=\"corrigendum\">Add as a corrigendum</button>"
		    "</p></form></section>");
}

static void meeting_page(struct req *r, int status, const struct meeting *m, const struct meeting_forms *f)
{
	struct buf b = { 0 };
	page_begin(&b, r, m->title);
	html_raw(&b, "<article class=\"meeting\"><h1>");
	html_txt(&b, m->title);
	html_raw(&b, "</h1><p class=\"actions\"><a href=\"/meetings/");
	html_int(&b, m->id);
	html_raw(&b, "/calendar.ics\">Add to calendar</a></p>");
	facts(&b, m);
	agenda(&b, m);
	papers(&b, r, m);
	minutes(&b, m);
	delegations(&b, m);
	if (meetings_may_add_delegates(&r->actor, m)) {
		char *action = xasprintf("/meetings/%lld/delegates", m->id);
		html_raw(&b, "<section><h2>Record a delegate</h2>");
		page_fields_form(&b, r, action, "Record", &f->delegate, error_of(f, "delegate"), "delegate-", form_extras);
		html_raw(&b, "</section>");
		free(action);
	}
	if (meetings_may_change(&r->actor, m)) {
		record_forms(&b, r, m, f);
		struct field_values shown = { 0 };
		const struct field_values *v = &f->meeting;
		if (!f->meeting.n) {
			meetings_values(m, &shown);
			v = &shown;
		}
		char *action = xasprintf("/meetings/%lld/edit", m->id);
		html_raw(&b, "<section><h2>Change the meeting</h2>");
		page_fields_form(&b, r, action, "Save", v, error_of(f, "meeting"), "meeting-", form_extras);
		html_raw(&b, "<form method=\"post\" action=\"/meetings/");
		html_int(&b, m->id);
		html_raw(&b, "/delete\">");
		page_csrf_field(&b, r);
		html_raw(&b, "<button type=\"submit\" class=\"danger\">Delete this meeting and its records</button>"
			     "</form></section>");
		free(action);
		fields_free(&shown);
	}
	html_raw(&b, "</article>");
	page_end(&b, r);
	page_send(r, status, &b);
}

void page_meeting(struct req *r)
{
	long long id = page_id_or_404(r, "meeting");
	if (id < 0)
		return;
	struct meeting m;
	struct svc_error err = { 0 };
	enum svc_status st = meetings_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct meeting_forms f;
	forms_init(r, &f);
	for (size_t i = m.nminutes; i-- > 0 && !f.minutes;)
		if (strcmp(m.minutes[i].state, "final") != 0)
			f.minutes = m.minutes[i].body;
	meeting_page(r, 200, &m, &f);
	forms_free(&f);
	meeting_free(&m);
}

/* After a meeting's form was posted: back to the meeting, or its page
 * again with the form that failed marked. */
static void answer(struct req *r, long long id, enum svc_status st, struct meeting_forms *f, struct svc_error *err)
{
	struct meeting m;
	struct svc_error gerr = { 0 };
	if (st == SVC_OK) {
		char *to = xasprintf("/meetings/%lld", id);
		http_redirect(r, to);
		free(to);
	} else if ((st == SVC_INVALID || st == SVC_CONFLICT) && meetings_get(r->reg, &r->actor, id, &m, &gerr) == SVC_OK) {
		f->err = err;
		meeting_page(r, st == SVC_CONFLICT ? 409 : 422, &m, f);
		meeting_free(&m);
	} else {
		page_status(r, st, err);
	}
	svc_error_free(&gerr);
	svc_error_free(err);
}

/* A change to one meeting from one of its page's forms. */
typedef enum svc_status (*meeting_change)(struct registry *r, const struct actor *a, long long id,
					  const struct field_values *v, struct svc_error *err);

/* The values of the page's form called name. */
static struct field_values *form_values(struct meeting_forms *f, const char *name)
{
	if (strcmp(name, "delegate") == 0)
		return &f->delegate;
	return strcmp(name, "agenda") == 0 ? &f->agenda : &f->meeting;
}

/* Answers the meeting page's form called name, posted: its fields (what
 * names them in messages) are read afresh from the request and given to
 * change; the page answers with that form marked when it fails. */
static void post_form(struct req *r, const char *name, const struct field *fields, size_t n, const char *what,
		      meeting_change change)
{
	long long id = page_id_or_404(r, "meeting");
	if (id < 0)
		return;
	struct meeting_forms f;
	struct svc_error err = { 0 };
	forms_init(r, &f);
	struct field_values *v = form_values(&f, name);
	fields_free(v);
	fields_init(v, fields, n);
	f.failed = name;
	enum svc_status st = http_fields_from_form(&r->form, v, what, form_extras, &err);
	if (st == SVC_OK)
		st = change(r->reg, &r->actor, id, v, &err);
	answer(r, id, st, &f, &err);
	forms_free(&f);
}

static enum svc_status add_delegate(struct registry *r, const struct actor *a, long long id,
				    const struct field_values *v, struct svc_error *err)
{
	long long delegate;
	return meetings_add_delegate(r, a, id, v, &delegate, err);
}

void page_meeting_delegate(struct req *r)
{
	post_form(r, "delegate", delegates_fields, delegates_nfields, "a delegate", add_delegate);
}

void page_meeting_agenda(struct req *r)
{
	post_form(r, "agenda", agenda_fields, agenda_nfields, "an agenda item", meetings_add_agenda_item);
}

void page_meeting_attach(struct req *r)
{
	long long id = page_id_or_404(r, "meeting");
	if (id < 0)
		return;
	struct meeting_forms f;
	struct svc_error err = { 0 };
	forms_init(r, &f);
	f.failed = "attach";
	const char *text = http_form(r, "document");
	char *end;
	long long document = text ? strtoll(text, &end, 10) : 0;
	enum svc_status st = document > 0 && !*end ? meetings_attach_document(r->reg, &r->actor, id, document, &err)
						   : svc_fail(&err, SVC_INVALID, "document", "give a document's number");
	answer(r, id, st, &f, &err);
	forms_free(&f);
}

void page_meeting_minutes(struct req *r)
{
	long long id = page_id_or_404(r, "meeting");
	if (id < 0)
		return;
	struct meeting_forms f;
	struct svc_error err = { 0 };
	forms_init(r, &f);
	f.failed = "minutes";
	const char *action = http_form(r, "action"), *body = http_form(r, "body");
	f.minutes = body;
	enum svc_status st;
	if (!action || strcmp(action, "save") == 0)
		st = meetings_write_minutes(r->reg, &r->actor, id, body, &err);
	else if (strcmp(action, "corrigendum") == 0)
		st = meetings_add_corrigendum(r->reg, &r->actor, id, body, &err);
	else if (!(st = body && *body ? meetings_write_minutes(r->reg, &r->actor, id, body, &err) : SVC_OK))
		st = meetings_advance_minutes(r->reg, &r->actor, id, action, &err);
	answer(r, id, st, &f, &err);
	forms_free(&f);
}

/* Sends meetings as an iCalendar file called name. */
static void send_calendar(struct req *r, const struct meeting_list *l, const char *name, const char *file)
{
	size_t len;
	char *text = ical_meetings(l, name, &len);
	char *disposition = xasprintf("inline; filename=\"%s.ics\"", file);
	http_send_bytes(r, 200, "text/calendar; charset=utf-8", disposition, text, len);
	free(disposition);
	free(text);
}

void page_meeting_calendar(struct req *r)
{
	long long id = page_id_or_404(r, "meeting");
	if (id < 0)
		return;
	struct meeting m;
	struct svc_error err = { 0 };
	enum svc_status st = meetings_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct meeting_list one = { &m, 1 };
	char file[32];
	snprintf(file, sizeof file, "meeting-%lld", id);
	send_calendar(r, &one, m.title, file);
	meeting_free(&m);
}

void page_calendar_feed(struct req *r)
{
	size_t n = strlen(r->params[0]);
	if (n < 5 || strcmp(r->params[0] + n - 4, ".ics") != 0) {
		page_error(r, 404, "Not found", "There is no calendar at this address.");
		return;
	}
	char *token = xstrdup(r->params[0]);
	token[n - 4] = '\0';
	struct user u;
	struct svc_error err = { 0 };
	enum svc_status st = accounts_feed_user(r->reg, token, &u, &err);
	free(token);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct actor holder = { .user = &u, .address = r->actor.address, .now = r->actor.now };
	struct meeting_list l = { 0 };
	if ((st = meetings_list_all(r->reg, &holder, &l, &err)))
		page_status(r, st, &err);
	else
		send_calendar(r, &l, "rcphub meetings", "rcphub");
	meeting_list_free(&l);
	user_free(&u);
}

/* One line of the checklist: done (a tick) or not, and what. */
static void check_line(struct buf *b, int done, const char *what, size_t n, const char *of)
{
	html_raw(b, done ? "<li class=\"done\">\xe2\x9c\x93 " : "<li class=\"todo\">\xe2\x80\x94 ");
	html_int(b, (long long)n);
	html_raw(b, " ");
	html_txt(b, what);
	html_txt(b, of);
	html_raw(b, "</li>");
}

void page_meeting_checklist(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct meeting_list l = { 0 };
	struct meeting_checklist c;
	struct svc_error err = { 0 };
	enum svc_status st = meetings_checklist(r->reg, &r->actor, p->slug, &l, &c, &err);
	if (st) {
		page_status(r, st, &err);
		meeting_list_free(&l);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Meeting checklist of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><section><h2>The next meeting</h2>");
	if (!c.next) {
		html_raw(&b, "<p>No meeting is planned. <a href=\"/processes/");
		html_url_arg(&b, p->slug);
		html_raw(&b, "/meetings\">Add one</a>.</p>");
	} else {
		html_raw(&b, "<p><a href=\"/meetings/");
		html_int(&b, c.next->id);
		html_raw(&b, "\">");
		html_txt(&b, c.next->title);
		html_raw(&b, "</a>, from ");
		html_txt(&b, c.next->start);
		html_raw(&b, "</p><ul class=\"checklist\">");
		char members[48];
		snprintf(members, sizeof members, " of %zu member governments", c.members);
		html_raw(&b, c.next->invitations_sent ? "<li class=\"done\">\xe2\x9c\x93 invitations sent on "
						      : "<li class=\"todo\">\xe2\x80\x94 invitations not sent yet");
		html_txt(&b, c.next->invitations_sent);
		html_raw(&b, "</li>");
		check_line(&b, c.agenda_items > 0, "agenda items", c.agenda_items, "");
		check_line(&b, c.papers > 0, "papers attached", c.papers, "");
		check_line(&b, c.members && c.delegations >= c.members, "delegations recorded", c.delegations, members);
		html_raw(&b, "</ul><p class=\"meta\">A delegation counts as confirmed once its delegates are "
			     "entered.</p>");
	}
	html_raw(&b, "</section><section><h2>Minutes pending</h2>");
	if (!c.npending)
		html_raw(&b, "<p>Every meeting held has final minutes.</p>");
	else
		html_raw(&b, "<ul>");
	for (size_t i = 0; i < c.npending; i++) {
		html_raw(&b, "<li><a href=\"/meetings/");
		html_int(&b, c.pending[i]->id);
		html_raw(&b, "\">");
		html_txt(&b, c.pending[i]->title);
		html_raw(&b, "</a> <span class=\"meta\">");
		html_txt(&b, c.pending[i]->start);
		html_raw(&b, "; minutes: ");
		html_txt(&b, meeting_minutes_state(c.pending[i]));
		html_raw(&b, "</span></li>");
	}
	html_raw(&b, c.npending ? "</ul></section>" : "</section>");
	page_end(&b, r);
	page_send(r, 200, &b);
	free(title);
	meeting_checklist_free(&c);
	meeting_list_free(&l);
}

void page_meeting_save(struct req *r)
{
	post_form(r, "meeting", meetings_fields, meetings_nfields, "a meeting", meetings_update);
}

void page_meeting_delete(struct req *r)
{
	long long id = page_id_or_404(r, "meeting");
	if (id < 0)
		return;
	struct meeting m;
	struct svc_error err = { 0 };
	enum svc_status st = meetings_get(r->reg, &r->actor, id, &m, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	if ((st = meetings_delete(r->reg, &r->actor, id, &err))) {
		page_status(r, st, &err);
	} else {
		char *to = xasprintf("/processes/%s/meetings", m.process);
		http_redirect(r, to);
		free(to);
	}
	meeting_free(&m);
}
