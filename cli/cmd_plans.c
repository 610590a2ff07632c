/* cmd_plans.c: rcphub plan: plans of action, their items and commitments, progress, the follow-up report and what is overdue */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/csv_out.h"
#include "../io/json_out.h"
#include "../services/fields.h"
#include "../services/plans.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The day --at gives (checked), or today, into out. */
static int day_of(const struct cli_args *a, char out[11])
{
	if (a->at) {
		if (!fields_valid_date(a->at))
			return usage_error("plan", "--at %s: give a real day as YYYY-MM-DD", a->at);
		snprintf(out, 11, "%s", a->at);
		return 0;
	}
	time_t t = time(NULL);
	struct tm tm;
	strftime(out, 11, "%Y-%m-%d", gmtime_r(&t, &tm));
	return 0;
}

static int show(struct registry *r, const struct operator *op, long long id, int json, const char *done)
{
	struct plan p;
	struct svc_error err = { 0 };
	if (!json) {
		printf("%s %lld\n", done, id);
		return 0;
	}
	int rc = outcome(plans_get(r, &op->actor, id, &p, &err), &err);
	if (rc == 0) {
		json_print(json_plan(&p));
		plan_free(&p);
	}
	return rc;
}

static int plan_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = 0;
	struct svc_error err = { 0 };
	if (a->npos != 1)
		return usage_error("plan", "%s", "plan add takes one process");
	int rc = outcome(plans_add(r, &op->actor, a->pos[0], &a->v, &id, &err), &err);
	return rc ? rc : show(r, op, id, a->json, "added plan");
}

static int plan_item(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2 || strcmp(a->pos[0], "add") != 0)
		return usage_error("plan", "%s", "plan item add PLAN --text T --owner OWNER...");
	long long plan = cli_number("plan", "plan", a->pos[1]), item = 0;
	struct svc_error err = { 0 };
	if (plan < 0)
		return EXIT_USAGE;
	int rc = outcome(plans_add_item(r, &op->actor, plan, &a->v, &item, &err), &err);
	if (rc == 0 && !a->json)
		printf("added item %lld to plan %lld\n", item, plan);
	return rc == 0 && a->json ? show(r, op, plan, 1, "") : rc;
}

static int plan_progress(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2)
		return usage_error("plan", "%s", "plan progress ITEM STATE --status STATUS");
	long long item = cli_number("plan", "plan item", a->pos[0]);
	struct svc_error err = { 0 };
	if (item < 0)
		return EXIT_USAGE;
	int rc = outcome(plans_record_progress(r, &op->actor, item, a->pos[1], &a->v, &err), &err);
	if (rc == 0)
		printf("recorded progress on item %lld for %s\n", item, a->pos[1]);
	return rc;
}

static void print_report(const struct plan *p, const char *at, const struct plan_report *rep)
{
	printf("%s, as of %s\n", p->title, at);
	const struct plan_item *current = NULL;
	for (size_t i = 0; i < rep->n; i++) {
		const struct standing *s = &rep->rows[i];
		if (s->item != current) {
			current = s->item;
			if (current->due)
				printf("%d. %s (due %s)\n", current->position, current->text, current->due);
			else
				printf("%d. %s\n", current->position, current->text);
		}
		printf("   %-12s %-28s %-12s %s%s\n", s->commitment->owner, s->commitment->owner_name, s->status,
		       s->latest ? s->latest->reported : "-", s->overdue ? "  OVERDUE" : "");
	}
	printf("done: %zu of %zu commitments\n", rep->done, rep->total);
	printf("by owner:\n");
	for (size_t i = 0; i < rep->nowners; i++) {
		const struct owner_standing *o = &rep->owners[i];
		printf("   %-12s %-28s %zu of %zu done", o->first->owner, o->first->owner_name, o->done, o->total);
		printf(o->overdue ? ", %zu overdue\n" : "\n", o->overdue);
	}
}

static int plan_report_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	char at[11];
	long long id = cli_number("plan", "plan", a->npos == 1 ? a->pos[0] : NULL);
	int rc = id < 0 ? EXIT_USAGE : day_of(a, at);
	if (rc)
		return rc;
	if (a->json && a->csv)
		return usage_error("plan", "%s", "choose --json or --csv");
	struct plan p;
	struct svc_error err = { 0 };
	if ((rc = outcome(plans_get(r, &op->actor, id, &p, &err), &err)))
		return rc;
	struct plan_report rep;
	plan_report(&p, at, &rep);
	if (a->json)
		json_print(json_plan_report(&p, at, &rep));
	else if (a->csv)
		rc = csv_write_plan_report(stdout, &rep) ? EXIT_NOT_FOUND : 0;
	else
		print_report(&p, at, &rep);
	plan_report_free(&rep);
	plan_free(&p);
	return rc;
}

static int plan_overdue(struct registry *r, const struct operator *op, struct cli_args *a)
{
	char at[11];
	int rc = a->npos != 1 ? usage_error("plan", "%s", "plan overdue takes one process") : day_of(a, at);
	if (rc)
		return rc;
	struct plan_list plans = { 0 };
	struct svc_error err = { 0 };
	if ((rc = outcome(plans_list(r, &op->actor, a->pos[0], &plans, &err), &err)))
		return rc;
	json_t *list = a->json ? json_array() : NULL;
	for (size_t i = 0; i < plans.n; i++) {
		struct plan_report rep;
		plan_report(&plans.items[i], at, &rep);
		for (size_t k = 0; k < rep.n; k++) {
			const struct standing *s = &rep.rows[k];
			if (!s->overdue)
				continue;
			if (list)
				json_array_append_new(list, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "plan",
					(json_int_t)plans.items[i].id, "item", (json_int_t)s->item->id, "text", s->item->text,
					"due", s->item->due, "owner", s->commitment->owner, "status", s->status));
			else
				printf("plan %lld item %d  %-12s %-12s due %s  %s\n", plans.items[i].id, s->item->position,
				       s->commitment->owner, s->status, s->item->due, s->item->text);
		}
		plan_report_free(&rep);
	}
	if (list)
		json_print(list);
	plan_list_free(&plans);
	return 0;
}

static int plan_show(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("plan", "plan", a->npos == 1 ? a->pos[0] : NULL);
	return id < 0 ? EXIT_USAGE : show(r, op, id, 1, "");
}

static const struct cli_subcommand subcommands[] = {
	{ "add", plans_fields, &plans_nfields, "json", 1, plan_add },
	{ "item", plan_items_fields, &plan_items_nfields, "json", 2, plan_item },
	{ "progress", progress_fields, &progress_nfields, "", 2, plan_progress },
	{ "report", NULL, NULL, "json csv at", 1, plan_report_command },
	{ "overdue", NULL, NULL, "json at", 1, plan_overdue },
	{ "show", NULL, NULL, "json", 1, plan_show },
};

int cmd_plan(const struct options *o, int argc, char **argv)
{
	return cli_run("plan", o, argc, argv, subcommands, sizeof subcommands / sizeof subcommands[0]);
}
