/* cmd_assessment.c: rcphub lessons and rcphub assess: a process judged from its own records, and all compared */
#include "cli.h"
#include "../core/buf.h"
#include "../io/json_out.h"
#include "../services/assessment.h"
#include "../web/pages/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_value(const struct lesson *l)
{
	if (!l->has_value)
		printf("%-18s", lesson_state_name(l->state));
	else if (strcmp(l->unit, "share") == 0)
		printf("%3.0f%%  %-12s", 100.0 * l->value, lesson_state_name(l->state));
	else
		printf("%4.0f  %-12s", l->value, lesson_state_name(l->state));
}

static void print_lessons(const struct assessment *as)
{
	const struct lesson_stage *s = &as->lessons.stage;
	printf("%s, as of %s", as->p->name, as->day);
	if (s->age >= 0)
		printf(": %d years old, %s\n", s->age, s->stage);
	else
		printf(": founding year not recorded\n");
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		const struct lesson *l = &as->lessons.items[i];
		printf("%2d. %-52s ", l->number, l->name);
		print_value(l);
		printf("\n");
		if (l->reading)
			printf("    %s\n", l->reading);
	}
}

/* Every process's lessons, one line each: value or state per lesson. */
static int compare(struct registry *r, const struct operator *op, const struct cli_args *a)
{
	struct assessment *all;
	size_t n;
	struct svc_error err = { 0 };
	int rc = outcome(assessment_compare(r, &op->actor, a->at, &all, &n, &err), &err);
	if (rc)
		return rc;
	if (a->json) {
		json_t *items = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(items, json_lessons(all[i].p->slug, all[i].day, &all[i].lessons));
		json_print(items);
	} else {
		for (size_t i = 0; i < n; i++) {
			printf("%-20s %-12s", all[i].p->acronym, all[i].lessons.stage.stage);
			for (size_t k = 0; k < LESSON_COUNT; k++)
				printf(" %s", lesson_state_name(all[i].lessons.items[k].state));
			printf("\n");
		}
	}
	assessment_list_free(all, n);
	return 0;
}

static int lessons_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (!a->npos)
		return compare(r, op, a);
	struct assessment as;
	struct svc_error err = { 0 };
	int rc = outcome(assessment_lessons(r, &op->actor, a->pos[0], a->at, &as, &err), &err);
	if (rc)
		return rc;
	if (a->json)
		json_print(json_lessons(as.p->slug, as.day, &as.lessons));
	else
		print_lessons(&as);
	assessment_free(&as);
	return 0;
}

static void print_evidence(const struct assessment *as)
{
	for (int phase = 1; phase <= PHASE_COUNT; phase++) {
		printf("\nPhase %d, %s: %zu piece%s of evidence\n", phase, phase_names[phase], as->by_phase[phase],
		       as->by_phase[phase] == 1 ? "" : "s");
		for (size_t i = 0; i < as->evidence.n; i++) {
			const struct evidence *e = &as->evidence.items[i];
			if (e->phase != phase)
				continue;
			const struct effect_info *eff = effect_of(e->effect);
			printf("  - %s [%s]: %s\n    (%s%s%s)\n", eff ? eff->label : e->effect, e->strength, e->description,
			       e->source_title ? e->source_title : e->source, e->section ? ", section " : "",
			       e->section ? e->section : "");
		}
	}
}

static int assess_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("assess", "%s", "name a process");
	if (a->json && a->html)
		return usage_error("assess", "%s", "choose --json or --html");
	struct assessment as;
	struct svc_error err = { 0 };
	int rc = outcome(assessment_of(r, &op->actor, a->pos[0], a->at, &as, &err), &err);
	if (rc)
		return rc;
	if (a->json) {
		json_print(json_assessment(as.p->slug, as.day, &as.lessons, &as.evidence,
					   as.interviews_shown ? &as.interviews : NULL));
	} else if (a->html) {
		struct buf b = { 0 };
		page_assessment_document(&b, &as);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		print_lessons(&as);
		print_evidence(&as);
	}
	assessment_free(&as);
	return 0;
}

static const struct cli_subcommand lessons = { "lessons", NULL, NULL, "json at", 1, lessons_command };
static const struct cli_subcommand assess = { "assess", NULL, NULL, "json html at", 1, assess_command };

int cmd_lessons(const struct options *o, int argc, char **argv)
{
	return cli_run_one("lessons", o, argc, argv, &lessons);
}

int cmd_assess(const struct options *o, int argc, char **argv)
{
	return cli_run_one("assess", o, argc, argv, &assess);
}

static void print_duplication(const struct duplication_view *v)
{
	printf("%s and %s: %s\n", v->a->acronym, v->b->acronym, v->d.verdict);
	for (size_t i = 0; i < v->d.reasons.n; i++)
		printf("  - %s\n", v->d.reasons.items[i]);
	for (size_t i = 0; i < v->d.ntopics; i++)
		printf("    %s: \"%s\" / \"%s\"\n", v->d.topics[i].topic->label, v->d.topics[i].text_a, v->d.topics[i].text_b);
	for (size_t i = 0; i < v->d.bodies.n; i++)
		printf("    regional body in both: %s\n", v->d.bodies.items[i]);
}

static int duplication_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct svc_error err = { 0 };
	int rc;
	if (a->npos == 2) {
		struct duplication_view v;
		if ((rc = outcome(assessment_duplication(r, &op->actor, a->pos[0], a->pos[1], a->at, &v, &err), &err)))
			return rc;
		if (a->json)
			json_print(json_duplication(v.a->slug, v.b->slug, &v.d));
		else
			print_duplication(&v);
		duplication_view_free(&v);
		return 0;
	}
	if (a->npos)
		return usage_error("duplication", "%s", "name two processes, or none for every candidate pair");
	struct duplication_candidates all;
	if ((rc = outcome(assessment_candidates(r, &op->actor, a->at, &all, &err), &err)))
		return rc;
	json_t *list = a->json ? json_array() : NULL;
	for (size_t i = 0; i < all.n; i++) {
		if (list)
			json_array_append_new(list, json_duplication(all.items[i].a->slug, all.items[i].b->slug,
								     &all.items[i].d));
		else
			print_duplication(&all.items[i]);
	}
	duplication_candidates_free(&all);
	if (list)
		json_print(list);
	return 0;
}

static const struct cli_subcommand duplication = { "duplication", NULL, NULL, "json at", 2, duplication_command };

int cmd_duplication(const struct options *o, int argc, char **argv)
{
	return cli_run_one("duplication", o, argc, argv, &duplication);
}
