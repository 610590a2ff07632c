/* assessment.c: a process assessed from its own records: evidence phase by phase, the eleven lessons, the comparison */
#include "assessment.h"
#include "documents.h"
#include "evidence.h"
#include "fields.h"
#include "focal_points.h"
#include "interviews.h"
#include "meetings.h"
#include "plans.h"
#include "statistics.h"
#include "../core/period.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum svc_status assessment_day(const char *at, long long now, const char *field, char day[11], int *year,
			       struct svc_error *err)
{
	char today[11];
	period_day_of(now, today);
	*year = 0;
	if (!at || !*at) {
		memcpy(day, today, 11);
		return SVC_OK;
	}
	if (strlen(at) == 4 && period_date_valid(at))
		snprintf(day, 11, "%s-12-31", at);
	else if (fields_valid_date(at))
		snprintf(day, 11, "%s", at);
	else
		return svc_fail(err, SVC_INVALID, field, "give a year (YYYY) or a day (YYYY-MM-DD), not \"%s\"", at);
	if (strncmp(at, today, 4) > 0 || (strlen(at) == 10 && strcmp(at, today) > 0))
		return svc_fail(err, SVC_INVALID, field, "%s is still to come: the records tell of the past", at);
	if (strcmp(day, today) > 0)
		memcpy(day, today, 11);
	*year = atoi(day);
	return SVC_OK;
}

/* The records of p the lessons need, read as the actor may; each read
 * whole so that the lessons need nothing else. */
struct gathered {
	struct meeting_list meetings;
	struct focal_point_list focal_points;
	struct indicator_list indicators;
	struct submission_list submissions;
	struct plan_list plans;
	struct document_list documents;
};

static void gathered_free(struct gathered *g)
{
	meeting_list_free(&g->meetings);
	focal_point_list_free(&g->focal_points);
	indicator_list_free(&g->indicators);
	free(g->submissions.items);
	plan_list_free(&g->plans);
	document_list_free(&g->documents);
}

static enum svc_status gather(struct registry *r, const struct actor *a, const struct process *p,
			      struct gathered *g, struct svc_error *err)
{
	long total = 0;
	enum svc_status st = meetings_list_whole(r, a, p->slug, 0, &g->meetings, err);
	if (st == SVC_OK)
		st = focal_points_coverage(r, a, p->slug, &g->focal_points, err);
	if (st == SVC_OK)
		st = stats_submissions(r, a, p->slug, &g->indicators, &g->submissions, err);
	if (st == SVC_OK)
		st = plans_list(r, a, p->slug, &g->plans, err);
	if (st == SVC_OK)
		st = documents_list(r, a, p->slug, 100000, 0, &g->documents, &total, err);
	return st;
}

enum svc_status assessment_lessons(struct registry *r, const struct actor *a, const char *process, const char *at,
				   struct assessment *out, struct svc_error *err)
{
	memset(out, 0, sizeof *out);
	enum svc_status st = assessment_day(at, a->now, "at", out->day, &out->year, err);
	if (st)
		return st;
	if (registry_process(r, "process", process, &out->p, err))
		return SVC_NOT_FOUND;
	struct gathered g = { 0 };
	if ((st = gather(r, a, out->p, &g, err)) == SVC_OK) {
		struct lesson_inputs in = { .p = out->p, .day = out->day, .year = out->year, .meetings = &g.meetings,
					    .focal_points = &g.focal_points, .indicators = &g.indicators,
					    .submissions = &g.submissions, .plans = &g.plans, .documents = &g.documents };
		lessons_compute(&in, &out->lessons);
	}
	gathered_free(&g);
	return st;
}

enum svc_status assessment_of(struct registry *r, const struct actor *a, const char *process, const char *at,
			      struct assessment *out, struct svc_error *err)
{
	enum svc_status st = assessment_lessons(r, a, process, at, out, err);
	if (st == SVC_OK)
		st = evidence_list(r, a, out->p->slug, 0, &out->evidence, err);
	for (size_t i = 0; st == SVC_OK && i < out->evidence.n; i++) {
		const struct evidence *e = &out->evidence.items[i];
		if (e->happened && strncmp(e->happened, out->day, strlen(e->happened)) > 0) {
			evidence_free(&out->evidence.items[i]);
			memmove(&out->evidence.items[i], &out->evidence.items[i + 1],
				(out->evidence.n - i - 1) * sizeof *out->evidence.items);
			out->evidence.n--;
			i--;
			continue;
		}
		out->by_phase[e->phase]++;
	}
	out->interviews_shown = st == SVC_OK && interviews_may_read(a, out->p->slug);
	if (out->interviews_shown)
		st = interviews_list(r, a, out->p->slug, &out->interviews, err);
	if (st)
		assessment_free(out);
	return st;
}

void assessment_free(struct assessment *as)
{
	lessons_free(&as->lessons);
	evidence_list_free(&as->evidence);
	interview_list_free(&as->interviews);
	memset(as, 0, sizeof *as);
}

enum svc_status assessment_compare(struct registry *r, const struct actor *a, const char *at,
				   struct assessment **out, size_t *n, struct svc_error *err)
{
	const struct process_list *all = registry_all(r);
	*out = calloc(all->n ? all->n : 1, sizeof **out);
	*n = 0;
	if (!*out)
		return svc_fail(err, SVC_ERROR, NULL, "out of memory");
	enum svc_status st = SVC_OK;
	for (size_t i = 0; i < all->n && st == SVC_OK; i++)
		if ((st = assessment_lessons(r, a, all->items[i].slug, at, &(*out)[*n], err)) == SVC_OK)
			(*n)++;
	if (st) {
		assessment_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

void assessment_list_free(struct assessment *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assessment_free(&l[i]);
	free(l);
}

/* The slugs of the registry's regional bodies. */
static void regional_bodies(struct registry *r, struct strlist *out)
{
	size_t n;
	const struct organisation *orgs = registry_organisations(r, &n);
	for (size_t i = 0; i < n; i++)
		if (orgs[i].kind && strcmp(orgs[i].kind, "regional") == 0)
			strlist_push(out, orgs[i].slug);
}

/* Compares the two processes of v (set), reading their meetings. */
static enum svc_status compare_pair(struct registry *r, const struct actor *a, struct duplication_view *v,
				    struct svc_error *err)
{
	enum svc_status st = meetings_list(r, a, v->a->slug, v->year, &v->meetings_a, err);
	if (st == SVC_OK)
		st = meetings_list(r, a, v->b->slug, v->year, &v->meetings_b, err);
	if (st == SVC_OK)
		duplication_compare(v->a, v->b, v->year, &v->regional, &v->meetings_a, &v->meetings_b, &v->d);
	return st;
}

enum svc_status assessment_duplication(struct registry *r, const struct actor *a, const char *first,
				       const char *second, const char *at, struct duplication_view *out,
				       struct svc_error *err)
{
	memset(out, 0, sizeof *out);
	enum svc_status st = registry_year(at && *at ? at : NULL, a->now, "at", &out->year, err);
	if (st)
		return st;
	if (registry_process(r, "a", first, &out->a, err) || registry_process(r, "b", second, &out->b, err))
		return SVC_NOT_FOUND;
	regional_bodies(r, &out->regional);
	if ((st = compare_pair(r, a, out, err)))
		duplication_view_free(out);
	return st;
}

void duplication_view_free(struct duplication_view *v)
{
	duplication_free(&v->d);
	meeting_list_free(&v->meetings_a);
	meeting_list_free(&v->meetings_b);
	strlist_free(&v->regional);
	memset(v, 0, sizeof *v);
}

static int by_candidacy(const void *x, const void *y)
{
	const struct duplication_view *a = x, *b = y;
	int ma = strcmp(a->d.verdict, "merger") == 0, mb = strcmp(b->d.verdict, "merger") == 0;
	if (ma != mb)
		return mb - ma;
	return (a->d.jaccard < b->d.jaccard) - (a->d.jaccard > b->d.jaccard);
}

enum svc_status assessment_candidates(struct registry *r, const struct actor *a, const char *at,
				      struct duplication_candidates *out, struct svc_error *err)
{
	int year;
	memset(out, 0, sizeof *out);
	enum svc_status st = registry_year(at && *at ? at : NULL, a->now, "at", &year, err);
	const struct process_list *all = registry_all(r);
	struct strlist regional = { 0 };
	regional_bodies(r, &regional);
	out->meetings = xcalloc(all->n + 1, sizeof *out->meetings);
	for (size_t i = 0; st == SVC_OK && i < all->n; i++, out->nmeetings++)
		st = meetings_list(r, a, all->items[i].slug, year, &out->meetings[i], err);
	for (size_t i = 0; st == SVC_OK && i < all->n; i++)
		for (size_t k = i + 1; k < all->n; k++) {
			struct duplication_view v = { .a = &all->items[i], .b = &all->items[k], .year = year };
			duplication_compare(v.a, v.b, year, &regional, &out->meetings[i], &out->meetings[k], &v.d);
			if (strcmp(v.d.verdict, "distinct") == 0) {
				duplication_free(&v.d);
				continue;
			}
			out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
			out->items[out->n++] = v;
		}
	strlist_free(&regional);
	if (st) {
		duplication_candidates_free(out);
		return st;
	}
	qsort(out->items, out->n, sizeof *out->items, by_candidacy);
	return SVC_OK;
}

void duplication_candidates_free(struct duplication_candidates *c)
{
	for (size_t i = 0; i < c->n; i++)
		duplication_view_free(&c->items[i]);
	free(c->items);
	for (size_t i = 0; i < c->nmeetings; i++)
		meeting_list_free(&c->meetings[i]);
	free(c->meetings);
	memset(c, 0, sizeof *c);
}
