/* page_matrices.c: a process's policy matrices, a matrix's snapshot on a day, its convergence charts and answer forms */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/matrices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const form_extras[] = { "csrf_token", NULL };
static const char *const answer_extras[] = { "csrf_token", "question", "state", NULL };

static void matrices_page(struct req *r, int status, const struct process *p, const struct field_values *v,
			  const struct svc_error *err)
{
	struct matrix_list l = { 0 };
	struct svc_error lerr = { 0 };
	enum svc_status st = matrices_list(r->reg, &r->actor, p->slug, &l, &lerr);
	if (st) {
		page_status(r, st, &lerr);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Policy matrices of %s", p->acronym);
	page_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_txt(&b, title);
	html_raw(&b, "</h1><p>Each matrix asks the member governments the same questions; every answer is dated "
		     "and holds until the state's next one, so that the matrix can be read on any day and its "
		     "convergence followed year by year.</p>");
	if (!l.n)
		html_raw(&b, "<p>No matrices you may see.</p>");
	else
		html_raw(&b, "<ul class=\"plans\">");
	for (size_t i = 0; i < l.n; i++) {
		html_raw(&b, "<li><a href=\"/matrices/");
		html_int(&b, l.items[i].id);
		html_raw(&b, "\">");
		html_txt(&b, l.items[i].name);
		html_raw(&b, "</a> <span class=\"meta\">");
		html_int(&b, (long long)l.items[i].nquestions);
		html_raw(&b, l.items[i].nquestions == 1 ? " question, " : " questions, ");
		html_txt(&b, level_name(l.items[i].level));
		html_raw(&b, "</span></li>");
	}
	html_raw(&b, l.n ? "</ul>" : "");
	if (matrices_may_add(&r->actor, p->slug)) {
		char *action = xasprintf("/processes/%s/matrices", p->slug);
		html_raw(&b, "<section><h2>Make a matrix</h2>");
		page_fields_form(&b, r, action, "Make", v, err, "matrix-", form_extras);
		html_raw(&b, "</section>");
		free(action);
	}
	page_end(&b, r);
	page_send(r, status, &b);
	free(title);
	matrix_list_free(&l);
}

void page_matrices(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	fields_init(&v, matrices_fields, matrices_nfields);
	fields_defaults(&v);
	matrices_page(r, 200, p, &v, NULL);
	fields_free(&v);
}

void page_matrix_create(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	long long id;
	fields_init(&v, matrices_fields, matrices_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "a matrix", form_extras, &err);
	if (st == SVC_OK)
		st = matrices_add(r->reg, &r->actor, p->slug, &v, &id, &err);
	if (st == SVC_OK) {
		char *to = xasprintf("/matrices/%lld", id);
		http_redirect(r, to);
		free(to);
	} else if (st == SVC_INVALID || st == SVC_CONFLICT) {
		matrices_page(r, 422, p, &v, &err);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
}

/* States by questions: each answer holding on day, with its date and source. */
static void snapshot(struct buf *b, struct req *r, const struct matrix *m, const char *day, const char *const *states,
		     size_t n)
{
	html_raw(b, "<div class=\"scroll\"><table class=\"grid matrix\"><caption>Answers as they stood on ");
	html_txt(b, day);
	html_raw(b, "</caption><thead><tr><th scope=\"col\">State</th>");
	for (size_t i = 0; i < m->nquestions; i++) {
		html_raw(b, "<th scope=\"col\" title=\"");
		html_attr(b, m->questions[i].text);
		html_raw(b, "\">");
		html_txt(b, m->questions[i].code);
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (size_t k = 0; k < n; k++) {
		html_raw(b, "<tr><th scope=\"row\">");
		page_link_state(b, states[k], page_country_name(r, states[k]));
		html_raw(b, "</th>");
		for (size_t i = 0; i < m->nquestions; i++) {
			const struct matrix_answer *a = question_answer_on(&m->questions[i], states[k], day);
			if (!a) {
				html_raw(b, "<td class=\"none\">no answer</td>");
				continue;
			}
			html_raw(b, "<td>");
			html_txt(b, a->answer);
			html_raw(b, " <span class=\"meta\">since ");
			html_txt(b, a->answered);
			if (a->source) {
				html_raw(b, "; ");
				html_txt(b, a->source);
			}
			html_raw(b, "</span></td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

/* The modal share (0 to 1) year by year as a line, with the spread of
 * ordered answers beside it on its own scale, and the table it is drawn from. */
static void convergence_chart(struct buf *b, const struct question *q, const struct convergence *c)
{
	if (!c->nyears) {
		html_raw(b, "<p>No answers yet.</p>");
		return;
	}
	double width = 560, height = 180, x0 = 50, y0 = 10;
	double step = c->nyears > 1 ? width / (double)(c->nyears - 1) : 0, max_spread = 0;
	for (size_t k = 0; k < c->nyears; k++)
		if (c->years[k].has_spread && c->years[k].spread > max_spread)
			max_spread = c->years[k].spread;
	html_raw(b, "<figure class=\"chart\"><svg role=\"img\" viewBox=\"0 0 660 225\" xmlns=\"http://www.w3.org/2000/svg\">"
		    "<title>");
	html_txt(b, q->code);
	html_raw(b, ": the share of member governments on the most common answer, by year</title><g class=\"axis\">");
	for (int t = 0; t <= 4; t++) {
		double y = y0 + height - height * t / 4;
		html_raw(b, "<line x1=\"50\" x2=\"610\" y1=\"");
		html_num(b, y, 1);
		html_raw(b, "\" y2=\"");
		html_num(b, y, 1);
		html_raw(b, "\"/><text class=\"y\" x=\"44\" y=\"");
		html_num(b, y + 4, 1);
		html_raw(b, "\">");
		html_int(b, t * 25);
		html_raw(b, "%</text>");
	}
	for (size_t k = 0; k < c->nyears; k += c->nyears > 10 ? (c->nyears + 9) / 10 : 1) {
		html_raw(b, "<text class=\"x\" x=\"");
		html_num(b, x0 + step * (double)k, 1);
		html_raw(b, "\" y=\"210\">");
		html_int(b, c->years[k].year);
		html_raw(b, "</text>");
	}
	html_raw(b, "</g><polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2.5\" points=\"");
	for (size_t k = 0; k < c->nyears; k++) {
		html_num(b, x0 + step * (double)k, 1);
		html_raw(b, ",");
		html_num(b, y0 + height - height * c->years[k].modal_share, 1);
		html_raw(b, " ");
	}
	html_raw(b, "\"/>");
	if (max_spread > 0) {
		html_raw(b, "<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"");
		for (size_t k = 0; k < c->nyears; k++) {
			if (!c->years[k].has_spread)
				continue;
			html_num(b, x0 + step * (double)k, 1);
			html_raw(b, ",");
			html_num(b, y0 + height - height * c->years[k].spread / max_spread, 1);
			html_raw(b, " ");
		}
		html_raw(b, "\"/>");
	}
	html_raw(b, "</svg><figcaption><ul class=\"legend\"><li><svg width=\"22\" height=\"14\" aria-hidden=\"true\">"
		    "<line x1=\"0\" y1=\"7\" x2=\"22\" y2=\"7\" stroke-width=\"3\" stroke=\"#1f5f8b\"/></svg> share on the "
		    "most common answer</li>");
	if (max_spread > 0) {
		html_raw(b, "<li><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><line x1=\"0\" y1=\"7\" x2=\"22\" "
			    "y2=\"7\" stroke-width=\"3\" stroke=\"#c0392b\" stroke-dasharray=\"6 3\"/></svg> spread of the "
			    "answers' scores (top of the chart: ");
		html_num(b, max_spread, 2);
		html_raw(b, ")</li>");
	}
	html_raw(b, "</ul></figcaption></figure>");
}

static void convergence_table(struct buf *b, const struct question *q, const struct convergence *c)
{
	if (!c->nyears)
		return;
	html_raw(b, "<table class=\"convergence\"><thead><tr><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">"
		    "Members</th><th scope=\"col\" class=\"num\">Answered</th><th scope=\"col\">Most common</th>"
		    "<th scope=\"col\" class=\"num\">Share</th>");
	html_raw(b, q->ordered ? "<th scope=\"col\" class=\"num\">Spread</th></tr></thead><tbody>" : "</tr></thead><tbody>");
	for (size_t k = 0; k < c->nyears; k++) {
		const struct convergence_year *y = &c->years[k];
		html_raw(b, "<tr><td>");
		html_int(b, y->year);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, (long long)y->members);
		html_raw(b, "</td><td class=\"num\">");
		html_int(b, (long long)y->answered);
		html_raw(b, "</td><td>");
		html_txt(b, y->modal >= 0 ? q->answers.items[y->modal] : "");
		html_raw(b, "</td><td class=\"num\">");
		html_num(b, y->modal_share, 2);
		html_raw(b, "</td>");
		if (q->ordered) {
			html_raw(b, "<td class=\"num\">");
			if (y->has_spread)
				html_num(b, y->spread, 2);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table>");
}

static void movers_list(struct buf *b, struct req *r, const struct question *q, const struct convergence *c)
{
	if (!c->nmovers)
		return;
	html_raw(b, "<ul class=\"movers\">");
	for (size_t k = 0; k < c->nmovers; k++) {
		const struct mover *mv = &c->movers[k];
		html_raw(b, "<li>");
		page_link_state(b, mv->state, page_country_name(r, mv->state));
		html_raw(b, mv->move == MOVE_TOWARD ? " moved toward the majority on " : mv->move == MOVE_AWAY
			    ? " moved away from the majority on " : " changed its answer on ");
		html_txt(b, mv->day);
		html_raw(b, ": ");
		html_txt(b, q->answers.items[mv->from]);
		html_raw(b, " \xe2\x86\x92 ");
		html_txt(b, q->answers.items[mv->to]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* The answer form: a state chooser for the secretariat, the focal
 * point's own state otherwise. */
static void answer_form(struct buf *b, struct req *r, const struct matrix *m, const char *const *states, size_t n,
			const struct field_values *v, const struct svc_error *err)
{
	html_raw(b, "<section><h2 id=\"answer\">Record an answer</h2>");
	page_form_problem(b, err, v->fields, v->n, answer_extras);
	html_raw(b, "<form class=\"stacked\" method=\"post\" action=\"/matrices/");
	html_int(b, m->id);
	html_raw(b, "/answers\">");
	page_csrf_field(b, r);
	html_raw(b, "<div class=\"field\"><label for=\"answer-question\">Question</label><select id=\"answer-question\" "
		    "name=\"question\">");
	for (size_t i = 0; i < m->nquestions; i++) {
		html_raw(b, "<option value=\"");
		html_attr(b, m->questions[i].code);
		html_raw(b, "\">");
		html_txt(b, m->questions[i].code);
		html_raw(b, ": ");
		html_txt(b, m->questions[i].text);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div><div class=\"field\"><label for=\"answer-state\">State</label><select "
		    "id=\"answer-state\" name=\"state\">");
	for (size_t k = 0; k < n; k++) {
		if (!matrices_may_answer(&r->actor, m->process, states[k]))
			continue;
		html_raw(b, "<option value=\"");
		html_attr(b, states[k]);
		html_raw(b, "\">");
		html_txt(b, page_country_name(r, states[k]));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
	page_form_fields(b, v, err, "answer-");
	html_raw(b, "<button type=\"submit\">Record</button></form></section>");
}

/* The matrix on the day ?at= names, with its forms: question_err and
 * answer_err mark what went wrong in the one that was sent (or NULL). */
static void matrix_page(struct req *r, int status, const struct matrix *m, const struct field_values *question,
			const struct field_values *answer, const struct svc_error *question_err,
			const struct svc_error *answer_err)
{
	char day[11];
	page_day(r, day);
	size_t max = 1024;
	const char **states = xcalloc(max, sizeof *states);
	size_t n = matrices_member_states(r->reg, m, states, max);
	struct convergence *conv;
	matrices_convergence(r->reg, m, &conv);
	struct buf b = { 0 };
	page_begin(&b, r, m->name);
	html_raw(&b, "<h1>");
	html_txt(&b, m->name);
	const struct process *p;
	struct svc_error perr = { 0 };
	html_raw(&b, "</h1><dl class=\"facts\"><dt>Process</dt><dd>");
	if (registry_process(r->reg, NULL, m->process, &p, &perr) == SVC_OK)
		page_link_process(&b, p->slug, p->name);
	svc_error_free(&perr);
	html_raw(&b, "</dd><dt>Who may see it</dt><dd>");
	html_txt(&b, level_name(m->level));
	html_raw(&b, "</dd></dl><form class=\"inline-form\" method=\"get\"><label for=\"at\">Read it on</label>"
		     "<input type=\"date\" id=\"at\" name=\"at\" value=\"");
	html_attr(&b, day);
	html_raw(&b, "\"><button type=\"submit\">Show</button></form>");
	if (m->nquestions)
		snapshot(&b, r, m, day, states, n);
	else
		html_raw(&b, "<p>No questions yet.</p>");
	for (size_t i = 0; i < m->nquestions; i++) {
		const struct question *q = &m->questions[i];
		html_raw(&b, "<section class=\"question\"><h2>");
		html_txt(&b, q->code);
		html_raw(&b, ": ");
		html_txt(&b, q->text);
		html_raw(&b, "</h2><p class=\"meta\">Answers");
		html_raw(&b, q->ordered ? ", from least to most: " : ": ");
		for (size_t k = 0; k < q->answers.n; k++) {
			html_raw(&b, k ? ", " : "");
			html_txt(&b, q->answers.items[k]);
		}
		html_raw(&b, "</p>");
		convergence_chart(&b, q, &conv[i]);
		convergence_table(&b, q, &conv[i]);
		movers_list(&b, r, q, &conv[i]);
		html_raw(&b, "</section>");
	}
	html_raw(&b, "<details class=\"rules\"><summary>How convergence is counted</summary><ul><li><strong>Share on the "
		     "most common answer</strong>: of the process's member governments that year, those whose answer "
		     "holding on 31 December is the most common one (a tie goes to the answer listed first); states "
		     "that have not answered count among the members, so silence is never agreement.</li><li><strong>"
		     "Spread</strong>: for ordered answers, the standard deviation of the answering members' scores.</li>"
		     "<li><strong>Moves</strong>: a member whose answer changed from one year to the next moved toward "
		     "the majority when its new answer is that year's most common one, away when its old answer was "
		     "the previous year's and its new one is not.</li></ul></details>");
	if (m->nquestions && matrices_may_answer(&r->actor, m->process, NULL))
		answer_form(&b, r, m, states, n, answer, answer_err);
	if (matrices_may_add(&r->actor, m->process)) {
		char *action = xasprintf("/matrices/%lld/questions", m->id);
		html_raw(&b, "<section><h2 id=\"ask\">Ask a question</h2>");
		page_fields_form(&b, r, action, "Ask", question, question_err, "question-", form_extras);
		html_raw(&b, "</section>");
		free(action);
	}
	page_end(&b, r);
	page_send(r, status, &b);
	for (size_t i = 0; i < m->nquestions; i++)
		convergence_free(&conv[i]);
	free(conv);
	free(states);
}

/* Shows matrix id (r->params[0]) with forms holding question and answer. */
static void show(struct req *r, int status, const struct field_values *question, const struct field_values *answer,
		 const struct svc_error *question_err, const struct svc_error *answer_err)
{
	long long id = page_id_or_404(r, "matrix");
	struct matrix m;
	struct svc_error gerr = { 0 };
	if (id < 0)
		return;
	enum svc_status st = matrices_get(r->reg, &r->actor, id, &m, &gerr);
	if (st) {
		page_status(r, st, &gerr);
		return;
	}
	matrix_page(r, status, &m, question, answer, question_err, answer_err);
	matrix_free(&m);
}

void page_matrix(struct req *r)
{
	struct field_values question, answer;
	fields_init(&question, questions_fields, questions_nfields);
	fields_init(&answer, matrix_answers_fields, matrix_answers_nfields);
	fields_defaults(&question);
	show(r, 200, &question, &answer, NULL, NULL);
	fields_free(&question);
	fields_free(&answer);
}

/* Handles one of the matrix page's forms: the question form (answering
 * 0) or the answer form. */
static void matrix_form(struct req *r, int answering)
{
	long long id = page_id_or_404(r, "matrix");
	if (id < 0)
		return;
	struct field_values question, answer;
	struct svc_error err = { 0 };
	fields_init(&question, questions_fields, questions_nfields);
	fields_init(&answer, matrix_answers_fields, matrix_answers_nfields);
	if (answering)
		fields_defaults(&question);
	enum svc_status st = answering ? http_fields_from_form(&r->form, &answer, "an answer", answer_extras, &err)
				       : http_fields_from_form(&r->form, &question, "a question", form_extras, &err);
	if (st == SVC_OK && answering)
		st = matrices_answer(r->reg, &r->actor, id, http_form(r, "question"), http_form(r, "state"), &answer, &err);
	else if (st == SVC_OK)
		st = matrices_add_question(r->reg, &r->actor, id, &question, &err);
	if (st == SVC_OK) {
		char *to = xasprintf("/matrices/%lld", id);
		http_redirect(r, to);
		free(to);
	} else if (st == SVC_INVALID || st == SVC_CONFLICT) {
		show(r, 422, &question, &answer, answering ? NULL : &err, answering ? &err : NULL);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&question);
	fields_free(&answer);
}

void page_matrix_question(struct req *r)
{
	matrix_form(r, 0);
}

void page_matrix_answer(struct req *r)
{
	matrix_form(r, 1);
}
