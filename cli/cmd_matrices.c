/* cmd_matrices.c: rcphub matrix: policy matrices, members' dated answers, snapshots and convergence */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/json_out.h"
#include "../services/matrices.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int show_json(struct registry *r, const struct operator *op, long long id)
{
	struct matrix m;
	struct svc_error err = { 0 };
	int rc = outcome(matrices_get(r, &op->actor, id, &m, &err), &err);
	if (rc == 0) {
		json_print(json_matrix(&m));
		matrix_free(&m);
	}
	return rc;
}

static int matrix_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2)
		return usage_error("matrix", "%s", "matrix add PROCESS NAME");
	struct svc_error err = { 0 };
	long long id = 0;
	int rc = outcome(fields_set(&a->v, "name", a->pos[1], "a matrix", &err), &err);
	if (rc == 0)
		rc = outcome(matrices_add(r, &op->actor, a->pos[0], &a->v, &id, &err), &err);
	if (rc)
		return rc;
	if (a->json)
		return show_json(r, op, id);
	printf("added matrix %lld\n", id);
	return 0;
}

static int matrix_question(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 3 || strcmp(a->pos[0], "add") != 0)
		return usage_error("matrix", "%s", "matrix question add MATRIX CODE --text T --answers A,B,C");
	long long id = cli_number("matrix", "matrix", a->pos[1]);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(fields_set(&a->v, "code", a->pos[2], "a question", &err), &err);
	if (rc == 0)
		rc = outcome(matrices_add_question(r, &op->actor, id, &a->v, &err), &err);
	if (rc)
		return rc;
	if (a->json)
		return show_json(r, op, id);
	printf("asked %s in matrix %lld\n", a->pos[2], id);
	return 0;
}

static int matrix_answer(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 4)
		return usage_error("matrix", "%s", "matrix answer MATRIX CODE COUNTRY ANSWER --date YYYY-MM-DD");
	long long id = cli_number("matrix", "matrix", a->pos[0]);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(fields_set(&a->v, "answer", a->pos[3], "an answer", &err), &err);
	if (rc == 0)
		rc = outcome(matrices_answer(r, &op->actor, id, a->pos[1], a->pos[2], &a->v, &err), &err);
	if (rc == 0)
		printf("recorded %s's answer to %s: %s\n", a->pos[2], a->pos[1], a->pos[3]);
	return rc;
}

static int matrix_list(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("matrix", "%s", "matrix list takes one process");
	struct matrix_list l = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(matrices_list(r, &op->actor, a->pos[0], &l, &err), &err);
	if (rc)
		return rc;
	json_t *items = a->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++)
		if (items)
			json_array_append_new(items, json_matrix(&l.items[i]));
		else
			printf("%-4lld %-12s %2zu questions  %s\n", l.items[i].id, level_name(l.items[i].level),
			       l.items[i].nquestions, l.items[i].name);
	if (items)
		json_print(items);
	matrix_list_free(&l);
	return 0;
}

static int matrix_show(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("matrix", "matrix", a->npos == 1 ? a->pos[0] : NULL);
	if (id < 0)
		return EXIT_USAGE;
	char day[11];
	time_t t = time(NULL);
	struct tm tm;
	strftime(day, sizeof day, "%Y-%m-%d", gmtime_r(&t, &tm));
	if (a->at && !fields_valid_date(a->at))
		return usage_error("matrix", "--at %s: give a real day as YYYY-MM-DD", a->at);
	if (a->at)
		snprintf(day, sizeof day, "%s", a->at);
	struct matrix m;
	struct svc_error err = { 0 };
	int rc = outcome(matrices_get(r, &op->actor, id, &m, &err), &err);
	if (rc)
		return rc;
	const char *states[512];
	size_t n = matrices_member_states(r, &m, states, 512);
	if (a->json) {
		json_print(json_matrix_snapshot(&m, day, states, n));
	} else {
		printf("%s, as of %s\n", m.name, day);
		for (size_t i = 0; i < m.nquestions; i++) {
			printf("%s: %s\n", m.questions[i].code, m.questions[i].text);
			for (size_t k = 0; k < n; k++) {
				const struct matrix_answer *ans = question_answer_on(&m.questions[i], states[k], day);
				if (ans)
					printf("   %s  %-24s since %s\n", states[k], ans->answer, ans->answered);
			}
		}
	}
	matrix_free(&m);
	return 0;
}

static int matrix_convergence(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("matrix", "matrix", a->npos == 1 ? a->pos[0] : NULL);
	if (id < 0)
		return EXIT_USAGE;
	struct matrix m;
	struct svc_error err = { 0 };
	int rc = outcome(matrices_get(r, &op->actor, id, &m, &err), &err);
	if (rc)
		return rc;
	struct convergence *conv;
	matrices_convergence(r, &m, &conv);
	if (a->json)
		json_print(json_convergence(&m, conv));
	for (size_t i = 0; !a->json && i < m.nquestions; i++) {
		const struct question *q = &m.questions[i];
		printf("%s: %s\n   year  members  answered  modal share  most common%s\n", q->code, q->text,
		       q->ordered ? "  spread" : "");
		for (size_t k = 0; k < conv[i].nyears; k++) {
			const struct convergence_year *y = &conv[i].years[k];
			printf("   %d  %7zu  %8zu  %11.2f  %-11s", y->year, y->members, y->answered, y->modal_share,
			       y->modal >= 0 ? q->answers.items[y->modal] : "-");
			if (y->has_spread)
				printf("  %6.2f", y->spread);
			printf("\n");
		}
		for (size_t k = 0; k < conv[i].nmovers; k++) {
			const struct mover *mv = &conv[i].movers[k];
			printf("   %s moved %s the majority on %s: %s -> %s\n", mv->state, mv->move == MOVE_TOWARD ? "toward"
			       : mv->move == MOVE_AWAY ? "away from" : "beside", mv->day, q->answers.items[mv->from],
			       q->answers.items[mv->to]);
		}
	}
	for (size_t i = 0; i < m.nquestions; i++)
		convergence_free(&conv[i]);
	free(conv);
	matrix_free(&m);
	return 0;
}

static const struct cli_subcommand subcommands[] = {
	{ "add", matrices_fields, &matrices_nfields, "json", 2, matrix_add },
	{ "list", NULL, NULL, "json", 1, matrix_list },
	{ "question", questions_fields, &questions_nfields, "json", 3, matrix_question },
	{ "answer", matrix_answers_fields, &matrix_answers_nfields, "", 4, matrix_answer },
	{ "show", NULL, NULL, "json at", 1, matrix_show },
	{ "convergence", NULL, NULL, "json", 1, matrix_convergence },
};

int cmd_matrix(const struct options *o, int argc, char **argv)
{
	return cli_run("matrix", o, argc, argv, subcommands, sizeof subcommands / sizeof subcommands[0]);
}
