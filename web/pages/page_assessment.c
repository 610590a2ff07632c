/* page_assessment.c: a process's assessment (evidence by phase, the eleven lessons, what records cannot show) and the comparison */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/assessment.h"
#include "../../services/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The record a lesson used, linked where it has a page of its own. */
static void record_link(struct buf *b, const char *ref)
{
	static const struct {
		const char *kind, *path, *label;
	} pages[] = { { "meeting:", "/meetings/", "meeting " }, { "plan:", "/plans/", "plan " },
		      { "document:", "/documents/", "document " } };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		size_t n = strlen(pages[i].kind);
		if (strncmp(ref, pages[i].kind, n) != 0)
			continue;
		html_raw(b, "<a href=\"");
		html_raw(b, pages[i].path);
		html_attr(b, ref + n);
		html_raw(b, "\">");
		html_raw(b, pages[i].label);
		html_txt(b, ref + n);
		html_raw(b, "</a>");
		return;
	}
	html_txt(b, ref);
}

static void stage_line(struct buf *b, const struct assessment *as)
{
	const struct lesson_stage *s = &as->lessons.stage;
	html_raw(b, "<p class=\"stage\">");
	if (s->age < 0) {
		html_raw(b, "The year it was founded is not recorded, so its stage is not known.");
	} else {
		html_raw(b, "Founded ");
		html_int(b, as->p->established);
		html_raw(b, ": ");
		html_int(b, s->age);
		html_raw(b, s->age == 1 ? " year old, " : " years old, ");
		html_txt(b, s->stage);
		html_raw(b, ". A process is judged against its own stage: what would be a great accomplishment for a "
			    "new process (bringing the right people together) is unremarkable for an old one, and a "
			    "founding process is not expected to gather data or adopt plans yet (report, section 5).");
	}
	html_raw(b, "</p>");
}

static void evidence_item(struct buf *b, const struct evidence *e)
{
	const struct effect_info *eff = effect_of(e->effect);
	html_raw(b, "<li id=\"evidence-");
	html_int(b, e->id);
	html_raw(b, "\"><p><strong>");
	html_txt(b, eff ? eff->label : e->effect);
	html_raw(b, "</strong>");
	if (e->happened) {
		html_raw(b, " (");
		html_txt(b, e->happened);
		html_raw(b, ")");
	}
	html_raw(b, ": ");
	html_txt(b, e->description);
	html_raw(b, "</p><p class=\"meta\">The process ");
	html_raw(b, strcmp(e->strength, "contributed") == 0 ? "contributed to this"
		    : strcmp(e->strength, "claimed") == 0 ? "is credited with this by participants"
		    : "coincided with this; no causal claim is made");
	html_raw(b, "; confidence ");
	html_txt(b, e->confidence);
	for (size_t i = 0; i < e->state_names.n; i++) {
		html_raw(b, i ? ", " : "; states: ");
		html_txt(b, e->state_names.items[i]);
	}
	html_raw(b, ". Source: ");
	if (e->source_url) {
		html_raw(b, "<a href=\"");
		html_attr(b, e->source_url);
		html_raw(b, "\">");
	}
	html_txt(b, e->source_title ? e->source_title : e->source);
	html_raw(b, e->source_url ? "</a>" : "");
	if (e->section) {
		html_raw(b, ", section ");
		html_txt(b, e->section);
	}
	if (e->document) {
		html_raw(b, "; <a href=\"/documents/");
		html_int(b, e->document);
		html_raw(b, "\">document ");
		html_int(b, e->document);
		html_raw(b, "</a>");
	}
	if (e->meeting) {
		html_raw(b, "; <a href=\"/meetings/");
		html_int(b, e->meeting);
		html_raw(b, "\">meeting ");
		html_int(b, e->meeting);
		html_raw(b, "</a>");
	}
	html_raw(b, ".</p></li>");
}

static void evidence_section(struct buf *b, const struct assessment *as)
{
	html_raw(b, "<section aria-labelledby=\"evidence\"><h2 id=\"evidence\">Evidence of effects, phase by phase</h2>"
		    "<p>What the process changed, from its own records and published assessments. Activity is not "
		    "impact: a meeting held is not evidence of an effect, and each claim below says how strong it "
		    "is.</p>");
	for (int phase = 1; phase <= PHASE_COUNT; phase++) {
		html_raw(b, "<h3>");
		html_int(b, phase);
		html_raw(b, ". ");
		html_txt(b, phase_names[phase]);
		html_raw(b, "</h3>");
		if (!as->by_phase[phase]) {
			html_raw(b, "<p class=\"none\">No evidence recorded for this phase. That is not evidence of no "
				    "effect.</p>");
			continue;
		}
		html_raw(b, "<ul class=\"evidence\">");
		for (size_t i = 0; i < as->evidence.n; i++)
			if (as->evidence.items[i].phase == phase)
				evidence_item(b, &as->evidence.items[i]);
		html_raw(b, "</ul>");
	}
	html_raw(b, "</section>");
}

static void lesson_value(struct buf *b, const struct lesson *l)
{
	if (!l->has_value) {
		html_txt(b, lesson_state_name(l->state));
		return;
	}
	if (strcmp(l->unit, "share") == 0) {
		html_num(b, 100.0 * l->value, 0);
		html_raw(b, "%");
	} else {
		html_int(b, (long long)l->value);
		html_raw(b, " ");
		html_txt(b, l->unit);
	}
}

static void lessons_section(struct buf *b, const struct assessment *as)
{
	html_raw(b, "<section aria-labelledby=\"lessons\"><h2 id=\"lessons\">The eleven lessons, from the records</h2>"
		    "<p>Each lesson of the report's section 4, computed from the records held here that you may "
		    "see. Where there are no records, it says so: a missing record is never counted as zero.</p>"
		    "<table class=\"lessons\"><thead><tr><th scope=\"col\">Lesson</th><th scope=\"col\">Value</th>"
		    "<th scope=\"col\">Reading</th><th scope=\"col\">State</th></tr></thead><tbody>");
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		const struct lesson *l = &as->lessons.items[i];
		html_raw(b, "<tr><th scope=\"row\"><a href=\"#lesson-");
		html_raw(b, l->key);
		html_raw(b, "\">");
		html_txt(b, l->name);
		html_raw(b, "</a></th><td>");
		lesson_value(b, l);
		html_raw(b, "</td><td>");
		html_txt(b, l->reading ? l->reading : "");
		html_raw(b, "</td><td class=\"lesson-");
		html_raw(b, l->state >= LESSON_WEAK ? lesson_state_name(l->state) : "none");
		html_raw(b, "\">");
		html_txt(b, lesson_state_name(l->state));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		const struct lesson *l = &as->lessons.items[i];
		html_raw(b, "<details id=\"lesson-");
		html_raw(b, l->key);
		html_raw(b, "\"><summary>");
		html_txt(b, l->name);
		html_raw(b, ": how it is computed</summary><p>");
		html_txt(b, l->rule);
		html_raw(b, " (report, section ");
		html_txt(b, l->section);
		html_raw(b, ")</p><p>Records used: ");
		for (size_t k = 0; k < l->records.n; k++) {
			html_raw(b, k ? ", " : "");
			record_link(b, l->records.items[k]);
		}
		html_raw(b, l->records.n ? "." : "none.");
		html_raw(b, "</p></details>");
	}
	html_raw(b, "</section>");
}

/* How many of the interviews had each value of what (affiliation or language). */
static void tally(struct buf *b, const struct interview_list *l, int language)
{
	struct strlist seen = { 0 };
	for (size_t i = 0; i < l->n; i++) {
		const char *v = language ? l->items[i].language : l->items[i].affiliation;
		if (strlist_contains(&seen, v))
			continue;
		strlist_push(&seen, v);
		size_t n = 0;
		for (size_t k = i; k < l->n; k++)
			n += strcmp(language ? l->items[k].language : l->items[k].affiliation, v) == 0;
		html_raw(b, seen.n > 1 ? ", " : "");
		html_int(b, (long long)n);
		html_raw(b, " ");
		html_txt(b, v);
	}
	strlist_free(&seen);
}

/* The interviews, for those who may read them: counts and the statements
 * coded per effect, naming no one. */
static void interviews_section(struct buf *b, const struct assessment *as)
{
	if (!as->interviews_shown)
		return;
	const struct interview_list *l = &as->interviews;
	html_raw(b, "<section aria-labelledby=\"interviews\"><h2 id=\"interviews\">Interviews (restricted)</h2><p>");
	html_int(b, (long long)l->n);
	html_raw(b, l->n == 1 ? " interview" : " interviews");
	if (l->n) {
		html_raw(b, " (by affiliation: ");
		tally(b, l, 0);
		html_raw(b, "; by language: ");
		tally(b, l, 1);
		html_raw(b, ")");
	}
	html_raw(b, ". Names and organisations stay with each interview; this assessment quotes no one.</p>");
	size_t coded[EFFECT_COUNT] = { 0 }, grounded = 0, total = 0;
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->items[i].nstatements; k++) {
			const struct effect_info *e = effect_of(l->items[i].statements[k].effect);
			if (e)
				coded[e - effects]++;
			grounded += l->items[i].statements[k].evidence != 0;
			total++;
		}
	if (total) {
		html_raw(b, "<ul>");
		for (size_t i = 0; i < EFFECT_COUNT; i++)
			if (coded[i]) {
				html_raw(b, "<li>");
				html_txt(b, effects[i].label);
				html_raw(b, ": ");
				html_int(b, (long long)coded[i]);
				html_raw(b, coded[i] == 1 ? " statement</li>" : " statements</li>");
			}
		html_raw(b, "</ul><p>");
		html_int(b, (long long)grounded);
		html_raw(b, " of ");
		html_int(b, (long long)total);
		html_raw(b, " statements ground a piece of evidence.</p>");
	}
	html_raw(b, "</section>");
}

static void limits_section(struct buf *b, const struct assessment *as)
{
	html_raw(b, "<section aria-labelledby=\"limits\"><h2 id=\"limits\">What the records cannot show</h2><ul>"
		    "<li>Causation: under many causes, a process's part in a change can be claimed, not proved "
		    "(report, section 2).</li><li>What is said in the corridors, and the trust it builds.</li>");
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		html_raw(b, "<li>");
		html_txt(b, as->lessons.items[i].cannot_show);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

/* The assessment's body, shared by the page and the printed document. */
static void report_body(struct buf *b, const struct assessment *as)
{
	html_raw(b, "<article class=\"assessment\"><h1>Assessment of ");
	html_txt(b, as->p->name);
	html_raw(b, ", as of ");
	html_txt(b, as->day);
	html_raw(b, "</h1>");
	stage_line(b, as);
	evidence_section(b, as);
	lessons_section(b, as);
	interviews_section(b, as);
	limits_section(b, as);
	html_raw(b, "<p class=\"meta\">Framework: R. Hansen, An Assessment of Principal Regional Consultative "
		    "Processes on Migration, IOM Migration Research Series No. 38 (2010), sections 2 to 5.</p>"
		    "</article>");
}

void page_assessment_document(struct buf *b, const struct assessment *as)
{
	html_raw(b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Assessment of ");
	html_txt(b, as->p->name);
	html_raw(b, "</title><style>body{font:11pt/1.45 serif;max-width:46rem;margin:2rem auto}"
		    "table{border-collapse:collapse}th,td{border-bottom:1px solid #ccc;padding:.2rem .4rem;"
		    "text-align:left;vertical-align:top}.meta{color:#555;font-size:.9em}</style></head><body>");
	report_body(b, as);
	html_raw(b, "</body></html>\n");
}

static const char *const form_extras[] = { "csrf_token", NULL };

/* The assessment page, with the form to record evidence for those who may
 * (v its values, err what was wrong with them, or NULL). */
static void assessment_page(struct req *r, int status, const struct process *p, const struct field_values *v,
			    const struct svc_error *err)
{
	struct assessment as;
	struct svc_error aerr = { 0 };
	enum svc_status st = assessment_of(r->reg, &r->actor, p->slug, http_query(r, "at"), &as, &aerr);
	if (st) {
		page_status(r, st, &aerr);
		return;
	}
	struct buf b = { 0 };
	char *title = xasprintf("Assessment of %s", p->acronym);
	page_begin(&b, r, title);
	report_body(&b, &as);
	if (evidence_may_add(&r->actor, p->slug)) {
		char *action = xasprintf("/processes/%s/evidence", p->slug);
		html_raw(&b, "<section aria-labelledby=\"record\"><h2 id=\"record\">Record evidence</h2>");
		page_fields_form(&b, r, action, "Record", v, err, "evidence-", form_extras);
		html_raw(&b, "</section>");
		free(action);
	}
	html_raw(&b, "<p class=\"actions\"><a href=\"/api/v1/processes/");
	html_url_arg(&b, p->slug);
	html_raw(&b, "/assessment\">As JSON</a> · <a href=\"/assessment\">All processes compared</a> · "
		     "<a href=\"/assessment/duplication\">Which processes duplicate each other</a></p>");
	page_end(&b, r);
	page_send(r, status, &b);
	free(title);
	assessment_free(&as);
}

void page_assessment(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	fields_init(&v, evidence_fields, evidence_nfields);
	fields_defaults(&v);
	assessment_page(r, 200, p, &v, NULL);
	fields_free(&v);
}

void page_evidence_create(struct req *r)
{
	const struct process *p = page_process_or_404(r);
	if (!p)
		return;
	struct field_values v;
	struct svc_error err = { 0 };
	long long id;
	fields_init(&v, evidence_fields, evidence_nfields);
	enum svc_status st = http_fields_from_form(&r->form, &v, "evidence", form_extras, &err);
	if (st == SVC_OK)
		st = evidence_add(r->reg, &r->actor, p->slug, &v, &id, &err);
	if (st == SVC_OK) {
		char *to = xasprintf("/processes/%s/assessment#evidence-%lld", p->slug, id);
		http_redirect(r, to);
		free(to);
	} else if (st == SVC_INVALID) {
		assessment_page(r, 422, p, &v, &err);
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
	fields_free(&v);
}

static void framework(struct buf *b, const struct lessons *l)
{
	html_raw(b, "<section aria-labelledby=\"framework\"><h2 id=\"framework\">The framework</h2>"
		    "<p>A regional consultative process (report, section 1) is an informal, non-binding forum "
		    "created to deal with migration only; regional as the migration issue makes sense of it; a "
		    "process that meets more than once, not a one-off event; and mostly not part of a formal "
		    "regional institution.</p><p>It may change migration governance in three phases (section 2):</p>"
		    "<ol>");
	for (int phase = 1; phase <= PHASE_COUNT; phase++) {
		html_raw(b, "<li>");
		html_txt(b, phase_names[phase]);
		html_raw(b, ": ");
		const char *sep = "";
		for (size_t i = 0; i < EFFECT_COUNT; i++)
			if (effects[i].phase == phase) {
				html_raw(b, sep);
				html_txt(b, effects[i].label);
				sep = "; ";
			}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol><p>Its section 4 draws eleven lessons on when processes work best; each is computed "
		    "below from the records held here, with its rule on each process's page.</p><ol class=\"lessons\">");
	for (size_t i = 0; i < LESSON_COUNT && l->items[i].name; i++) {
		html_raw(b, "<li><strong>");
		html_txt(b, l->items[i].name);
		html_raw(b, "</strong>: ");
		html_txt(b, l->items[i].summary);
		html_raw(b, " <span class=\"meta\">(section ");
		html_txt(b, l->items[i].section);
		html_raw(b, ")</span></li>");
	}
	html_raw(b, "</ol></section>");
}

void page_assessments(struct req *r)
{
	struct assessment *all;
	size_t n;
	struct svc_error err = { 0 };
	enum svc_status st = assessment_compare(r->reg, &r->actor, http_query(r, "at"), &all, &n, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, "Assessment of the processes");
	html_raw(&b, "<h1>Assessment of the processes</h1>");
	struct lessons none = { 0 };
	framework(&b, n ? &all[0].lessons : &none);
	html_raw(&b, "<h2>The lessons compared</h2><div class=\"wide\"><table class=\"compare-lessons\"><thead><tr>"
		     "<th scope=\"col\">Process</th><th scope=\"col\">Stage</th>");
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		html_raw(&b, "<th scope=\"col\">");
		html_txt(&b, n ? all[0].lessons.items[i].name : "");
		html_raw(&b, "</th>");
	}
	html_raw(&b, "</tr></thead><tbody>");
	for (size_t k = 0; k < n; k++) {
		html_raw(&b, "<tr><th scope=\"row\"><a href=\"/processes/");
		html_url_arg(&b, all[k].p->slug);
		html_raw(&b, "/assessment\">");
		html_txt(&b, all[k].p->acronym);
		html_raw(&b, "</a></th><td>");
		html_txt(&b, all[k].lessons.stage.stage);
		html_raw(&b, "</td>");
		for (size_t i = 0; i < LESSON_COUNT; i++) {
			const struct lesson *l = &all[k].lessons.items[i];
			html_raw(&b, "<td class=\"lesson-");
			html_raw(&b, l->state >= LESSON_WEAK ? lesson_state_name(l->state) : "none");
			html_raw(&b, "\">");
			lesson_value(&b, l);
			if (l->has_value) {
				html_raw(&b, " <span class=\"meta\">");
				html_txt(&b, lesson_state_name(l->state));
				html_raw(&b, "</span>");
			}
			html_raw(&b, "</td>");
		}
		html_raw(&b, "</tr>");
	}
	html_raw(&b, "</tbody></table></div><p><a href=\"/assessment/duplication\">Which processes duplicate each "
		     "other</a></p>");
	page_end(&b, r);
	page_send(r, 200, &b);
	assessment_list_free(all, n);
}

/* One pair: its verdict, the reasons, the topics with a text of each, the
 * regional bodies and the meetings in the same weeks. */
static void duplication_pair(struct buf *b, struct req *r, const struct duplication_view *v)
{
	static const char *const verdicts[][2] = {
		{ "merger", "a candidate for merger, or for meeting together" },
		{ "cooperation", "a candidate for cooperation" },
		{ "distinct", "distinct: little is shared" },
	};
	html_raw(b, "<section class=\"pair\"><h2>");
	page_link_process(b, v->a->slug, v->a->acronym);
	html_raw(b, " and ");
	page_link_process(b, v->b->slug, v->b->acronym);
	html_raw(b, ": ");
	for (size_t i = 0; i < 3; i++)
		if (strcmp(verdicts[i][0], v->d.verdict) == 0)
			html_txt(b, verdicts[i][1]);
	html_raw(b, "</h2><ul>");
	for (size_t i = 0; i < v->d.reasons.n; i++) {
		html_raw(b, "<li>");
		html_txt(b, v->d.reasons.items[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	if (v->d.ntopics) {
		html_raw(b, "<table class=\"topics\"><thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">");
		html_txt(b, v->a->acronym);
		html_raw(b, "</th><th scope=\"col\">");
		html_txt(b, v->b->acronym);
		html_raw(b, "</th></tr></thead><tbody>");
		for (size_t i = 0; i < v->d.ntopics; i++) {
			html_raw(b, "<tr><th scope=\"row\">");
			html_txt(b, v->d.topics[i].topic->label);
			html_raw(b, "</th><td>");
			html_txt(b, v->d.topics[i].text_a);
			html_raw(b, "</td><td>");
			html_txt(b, v->d.topics[i].text_b);
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
	}
	for (size_t i = 0; i < v->d.bodies.n; i++) {
		html_raw(b, i ? ", " : "<p>Regional bodies in both: ");
		page_link_org_named(b, r, v->d.bodies.items[i]);
	}
	html_raw(b, v->d.bodies.n ? ".</p>" : "");
	for (size_t i = 0; i < v->d.nweeks; i++) {
		html_raw(b, i ? "; " : "<p>Meetings within a week of each other: ");
		html_raw(b, "<a href=\"/meetings/");
		html_int(b, v->d.weeks[i].a->id);
		html_raw(b, "\">");
		html_txt(b, v->d.weeks[i].a->start);
		html_raw(b, "</a> and <a href=\"/meetings/");
		html_int(b, v->d.weeks[i].b->id);
		html_raw(b, "\">");
		html_txt(b, v->d.weeks[i].b->start);
		html_raw(b, "</a>");
	}
	html_raw(b, v->d.nweeks ? ".</p>" : "");
	html_raw(b, "</section>");
}

void page_duplication(struct req *r)
{
	const char *a = http_query(r, "a"), *bq = http_query(r, "b"), *at = http_query(r, "at");
	struct svc_error err = { 0 };
	struct buf b = { 0 };
	enum svc_status st;
	if (a || bq) {
		struct duplication_view v;
		if ((st = assessment_duplication(r->reg, &r->actor, a ? a : "", bq ? bq : "", at, &v, &err))) {
			page_status(r, st, &err);
			return;
		}
		page_begin(&b, r, "Do they duplicate each other?");
		html_raw(&b, "<h1>Do they duplicate each other?</h1>");
		duplication_pair(&b, r, &v);
		duplication_view_free(&v);
	} else {
		struct duplication_candidates all;
		if ((st = assessment_candidates(r->reg, &r->actor, at, &all, &err))) {
			page_status(r, st, &err);
			return;
		}
		page_begin(&b, r, "Processes that duplicate each other");
		html_raw(&b, "<h1>Processes that duplicate each other</h1><p>The report asks whether it makes sense to "
			     "have both the Bali Process and the APC. Beyond shared members, pairs are compared on the "
			     "topics of their themes, goals, priorities and working groups, the regional bodies that take "
			     "part in both, and meetings held in the same weeks. A candidate for merger shares at least "
			     "half of all their member governments (a Jaccard index of 0.5) and two topics or more; a "
			     "candidate for cooperation shares members or a regional body, and a topic. Pairs with less "
			     "in common are left out.</p>");
		for (size_t i = 0; i < all.n; i++)
			duplication_pair(&b, r, &all.items[i]);
		duplication_candidates_free(&all);
	}
	page_end(&b, r);
	page_send(r, 200, &b);
}
