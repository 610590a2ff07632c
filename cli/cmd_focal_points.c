/* cmd_focal_points.c: rcphub focal: national focal points from the shell: add, list (JSON, CSV, vCard), show, update, delete */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/csv_out.h"
#include "../io/json_out.h"
#include "../io/vcard.h"
#include "../services/focal_points.h"

#include <stdlib.h>
#include <string.h>

static long long focal_id(const char *arg)
{
	char *end;
	long long id = arg ? strtoll(arg, &end, 10) : 0;
	if (arg && *arg && !*end && id > 0)
		return id;
	usage_error("focal", "\"%s\" is not a focal point's number", arg ? arg : "");
	return -1;
}

static void print_entry(const struct focal_point *f)
{
	printf("%-5lld %-4s %-24s %-11s %-28s %-15s %-30s %s\n", f->id, f->is_organisation ? "-" : f->party,
	       f->party_name, f->alternate ? "alternate" : "focal-point", f->name, f->ministry, f->email,
	       f->verified ? f->verified : "never");
}

/* Prints focal point id as JSON (with json) or says what was done. */
static int report(struct registry *r, const struct operator *op, long long id, int json, const char *done)
{
	struct focal_point f;
	struct svc_error err = { 0 };
	if (!json) {
		printf("%s focal point %lld\n", done, id);
		return 0;
	}
	int rc = outcome(focal_points_get(r, &op->actor, id, &f, &err), &err);
	if (rc == 0) {
		json_print(json_focal_point(&f));
		focal_point_free(&f);
	}
	return rc;
}

static int focal_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2)
		return usage_error("focal", "%s", "focal add takes a process and a state or organisation");
	struct svc_error err = { 0 };
	fields_set(&a->v, "party", a->pos[1], "a focal point", &err);
	long long id = 0;
	int rc = outcome(focal_points_add(r, &op->actor, a->pos[0], &a->v, &id, &err), &err);
	return rc ? rc : report(r, op, id, a->json, "added");
}

/* Writes l as the format asked for; process names the cards' process. */
static int print_list(const struct cli_args *a, const struct focal_point_list *l, const struct process *p,
		      json_t *json)
{
	if (json) {
		for (size_t i = 0; i < l->n; i++)
			json_array_append_new(json, json_focal_point(&l->items[i]));
	} else if (a->vcard) {
		struct buf b = { 0 };
		for (size_t i = 0; i < l->n; i++)
			vcard_write_focal_point(&b, &l->items[i], p->name);
		fwrite(b.data ? b.data : "", 1, b.len, stdout);
		buf_free(&b);
	} else if (!a->csv) {
		for (size_t i = 0; i < l->n; i++)
			print_entry(&l->items[i]);
	}
	return 0;
}

static int focal_list(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->json + a->csv + a->vcard > 1)
		return usage_error("focal", "%s", "choose one of --json, --csv and --vcard");
	char *end;
	long stale = a->stale ? strtol(a->stale, &end, 10) : 0;
	if (a->stale && (!*a->stale || *end || stale < 1 || stale > 1200))
		return usage_error("focal", "--stale %s: give a number of months from 1 to 1200", a->stale);
	struct focal_filter filter = { a->state, (int)stale };
	const struct process_list *all = registry_all(r);
	const struct process *only = NULL;
	struct svc_error err = { 0 };
	if (a->npos && registry_process(r, NULL, a->pos[0], &only, &err))
		return fail_svc(&err);
	struct focal_point_list every = { 0 };
	json_t *json = a->json ? json_array() : NULL;
	int rc = 0;
	for (size_t i = 0; i < all->n && rc == 0; i++) {
		const struct process *p = &all->items[i];
		if (only && only != p)
			continue;
		struct focal_point_list l = { 0 };
		rc = outcome(focal_points_list(r, &op->actor, p->slug, &filter, &l, &err), &err);
		if (rc == 0)
			rc = print_list(a, &l, p, json);
		for (size_t k = 0; rc == 0 && a->csv && k < l.n; k++) {
			every.items = xrealloc(every.items, (every.n + 1) * sizeof *every.items);
			every.items[every.n++] = l.items[k];
			memset(&l.items[k], 0, sizeof l.items[k]);
		}
		focal_point_list_free(&l);
	}
	if (rc == 0 && a->csv)
		rc = csv_write_focal_points(stdout, &every) ? EXIT_NOT_FOUND : 0;
	if (json && rc == 0)
		json_print(json);
	else
		json_decref(json);
	focal_point_list_free(&every);
	return rc;
}

static int focal_show(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = a->npos == 1 ? focal_id(a->pos[0]) : focal_id(NULL);
	if (id < 0)
		return EXIT_USAGE;
	if (a->json)
		return report(r, op, id, 1, "");
	struct focal_point f;
	struct svc_error err = { 0 };
	int rc = outcome(focal_points_get(r, &op->actor, id, &f, &err), &err);
	if (rc == 0) {
		print_entry(&f);
		focal_point_free(&f);
	}
	return rc;
}

static int focal_update(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = a->npos == 1 ? focal_id(a->pos[0]) : focal_id(NULL);
	if (id < 0)
		return EXIT_USAGE;
	struct svc_error err = { 0 };
	int rc = outcome(focal_points_update(r, &op->actor, id, &a->v, &err), &err);
	return rc ? rc : report(r, op, id, a->json, "changed");
}

static int focal_delete(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = a->npos == 1 ? focal_id(a->pos[0]) : focal_id(NULL);
	if (id < 0)
		return EXIT_USAGE;
	struct svc_error err = { 0 };
	int rc = outcome(focal_points_delete(r, &op->actor, id, &err), &err);
	if (rc == 0)
		printf("deleted focal point %lld\n", id);
	return rc;
}

static const struct cli_subcommand subcommands[] = {
	{ "add", focal_points_fields, &focal_points_nfields, "json", 2, focal_add },
	{ "list", NULL, NULL, "json csv vcard state stale", 1, focal_list },
	{ "show", NULL, NULL, "json", 1, focal_show },
	{ "update", focal_points_fields, &focal_points_nfields, "json", 1, focal_update },
	{ "delete", NULL, NULL, "", 1, focal_delete },
};

int cmd_focal(const struct options *o, int argc, char **argv)
{
	return cli_run("focal", o, argc, argv, subcommands, sizeof subcommands / sizeof subcommands[0]);
}
