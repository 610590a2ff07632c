/* cmd_meetings.c: rcphub meeting and delegate: meetings, their delegations, indicators and calendar from the shell */
#include "cli.h"
#include "../core/xalloc.h"
#include "../io/file.h"
#include "../io/ical.h"
#include "../io/json_out.h"
#include "../services/meetings.h"

#include <stdlib.h>
#include <string.h>

static void print_meeting(const struct meeting *m)
{
	printf("%-5lld %s..%s %-18s %-12s %s\n", m->id, m->start, m->end + 5, m->type, level_name(m->level), m->title);
}

/* The agenda, papers and minutes of m, a line each. */
static void print_records(const struct meeting *m)
{
	for (size_t i = 0; i < m->nagenda; i++)
		printf("agenda %d. %s (%s%s%s)\n", m->agenda[i].position, m->agenda[i].title, m->agenda[i].proposer_kind,
		       m->agenda[i].party_name ? ": " : "", m->agenda[i].party_name ? m->agenda[i].party_name : "");
	for (size_t i = 0; i < m->ndocuments; i++)
		printf("paper: document %lld\n", m->documents[i]);
	for (size_t i = 0; i < m->nminutes; i++)
		printf("%s %lld: %s\n", m->minutes[i].corrects ? "corrigendum" : "minutes", m->minutes[i].id,
		       m->minutes[i].state);
}

static int show(struct registry *r, const struct operator *op, long long id, int json, const char *done)
{
	struct meeting m;
	struct svc_error err = { 0 };
	if (done && !json) {
		printf("%s meeting %lld\n", done, id);
		return 0;
	}
	int rc = outcome(meetings_get(r, &op->actor, id, &m, &err), &err);
	if (rc)
		return rc;
	if (json) {
		json_print(json_meeting(&m, 1));
	} else {
		print_meeting(&m);
		if (m.series)
			printf("series: %s\n", m.series);
		if (m.host_name)
			printf("host: %s%s\n", m.host_name, m.in_kind ? " (in kind)" : "");
		if (m.venue)
			printf("venue: %s\n", m.venue);
		print_records(&m);
		for (size_t i = 0; i < m.delegates.n; i++)
			printf("  %-28s %-28s %-10s %s\n", m.delegates.items[i].party_name, m.delegates.items[i].name,
			       m.delegates.items[i].rank, m.delegates.items[i].department ? m.delegates.items[i].department : "");
	}
	meeting_free(&m);
	return 0;
}

static int meeting_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("meeting", "%s", "meeting add takes one process");
	long long id = 0;
	struct svc_error err = { 0 };
	int rc = outcome(meetings_add(r, &op->actor, a->pos[0], &a->v, &id, &err), &err);
	return rc ? rc : show(r, op, id, a->json, "added");
}

static int meeting_update(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("meeting", "meeting", a->npos == 1 ? a->pos[0] : NULL);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(meetings_update(r, &op->actor, id, &a->v, &err), &err);
	return rc ? rc : show(r, op, id, a->json, "changed");
}

static int meeting_delete(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("meeting", "meeting", a->npos == 1 ? a->pos[0] : NULL);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(meetings_delete(r, &op->actor, id, &err), &err);
	if (rc == 0)
		printf("deleted meeting %lld\n", id);
	return rc;
}

static int meeting_show(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("meeting", "meeting", a->npos == 1 ? a->pos[0] : NULL);
	return id < 0 ? EXIT_USAGE : show(r, op, id, a->json, NULL);
}

/* The meetings of the process named, of a->year if given, into *l. */
static int listed(struct registry *r, const struct operator *op, struct cli_args *a, struct meeting_list *l)
{
	char *end;
	long year = a->year ? strtol(a->year, &end, 10) : 0;
	if (a->year && (!*a->year || *end || year < 1900 || year > 2100))
		return usage_error("meeting", "--year %s: give a year from 1900 to 2100", a->year);
	if (a->npos != 1)
		return usage_error("meeting", "%s", "name one process");
	struct svc_error err = { 0 };
	return outcome(meetings_list(r, &op->actor, a->pos[0], (int)year, l, &err), &err);
}

static int meeting_list(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct meeting_list l = { 0 };
	int rc = listed(r, op, a, &l);
	if (rc == 0 && a->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(arr, json_meeting(&l.items[i], 0));
		json_print(arr);
	} else if (rc == 0) {
		for (size_t i = 0; i < l.n; i++)
			print_meeting(&l.items[i]);
	}
	meeting_list_free(&l);
	return rc;
}

static void print_figures(const struct meeting_indicators *f)
{
	printf("%-5s %-6s %-11s %9s %9s %6s %9s\n", "ID", "NUMBER", "CONTINUITY", "TECHNICAL", "MID-LEVEL", "SENIOR",
	       "POLITICAL");
	for (size_t i = 0; i < f->n; i++) {
		const struct meeting_figures *m = &f->meetings[i];
		char continuity[16] = "-", num[8] = "-";
		if (m->has_continuity)
			snprintf(continuity, sizeof continuity, "%.2f", m->continuity);
		if (m->number)
			snprintf(num, sizeof num, "%d", m->number);
		printf("%-5lld %-6s %-11s %9zu %9zu %6zu %9zu\n", m->id, num, continuity, m->ranks[0], m->ranks[1],
		       m->ranks[2], m->ranks[3]);
	}
	for (size_t i = 0; i < f->nyears; i++)
		printf("%d: %zu meetings; delegates %zu technical, %zu mid-level, %zu senior, %zu political; "
		       "%zu of %zu member governments came\n", f->years[i].year, f->years[i].meetings,
		       f->years[i].ranks[0], f->years[i].ranks[1], f->years[i].ranks[2], f->years[i].ranks[3],
		       f->years[i].members_attending, f->years[i].members);
	printf("hosted by a state: %zu of %zu meetings\n", f->state_hosted, f->n);
}

static int meeting_indicators(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct meeting_list l = { 0 };
	int rc = listed(r, op, a, &l);
	const struct process *p;
	struct svc_error err = { 0 };
	if (rc == 0 && (rc = outcome(registry_process(r, NULL, a->pos[0], &p, &err), &err)) == 0) {
		struct meeting_indicators f;
		meeting_figures(p, &l, &f);
		if (a->json)
			json_print(json_meeting_figures(&f));
		else
			print_figures(&f);
		meeting_figures_free(&f);
	}
	meeting_list_free(&l);
	return rc;
}

static int meeting_calendar(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct meeting_list l = { 0 };
	int rc = listed(r, op, a, &l);
	const struct process *p;
	struct svc_error err = { 0 };
	if (rc == 0 && (rc = outcome(registry_process(r, NULL, a->pos[0], &p, &err), &err)) == 0) {
		size_t len;
		char *text = ical_meetings(&l, p->name, &len);
		fwrite(text, 1, len, stdout);
		free(text);
	}
	meeting_list_free(&l);
	return rc;
}

static int meeting_agenda(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("meeting", "meeting", a->npos == 1 ? a->pos[0] : NULL);
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	int rc = outcome(meetings_add_agenda_item(r, &op->actor, id, &a->v, &err), &err);
	return rc ? rc : show(r, op, id, a->json, "changed the agenda of");
}

static int meeting_attach(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("meeting", "meeting", a->npos == 2 ? a->pos[0] : NULL);
	char *end;
	long long document = a->npos == 2 ? strtoll(a->pos[1], &end, 10) : 0;
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	if (document <= 0 || *end)
		return usage_error("meeting", "%s", "meeting attach takes a meeting's and a document's number");
	int rc = outcome(meetings_attach_document(r, &op->actor, id, document, &err), &err);
	return rc ? rc : show(r, op, id, a->json, "attached a paper to");
}

/* meeting minutes ID --body-file F (write) or --state circulated|final
 * (move on); meeting corrigendum ID --body-file F. */
static int minutes_command(struct registry *r, const struct operator *op, struct cli_args *a, int corrigendum)
{
	long long id = cli_number("meeting", "meeting", a->npos == 1 ? a->pos[0] : NULL);
	if (id < 0)
		return EXIT_USAGE;
	if (!a->body_file == !a->state || (corrigendum && a->state))
		return usage_error("meeting", "%s", corrigendum ? "give the corrigendum as --body-file FILE"
								: "give --body-file FILE or --state circulated|final");
	struct svc_error err = { 0 };
	char *why = NULL, *body = NULL;
	size_t len;
	if (a->body_file && !(body = file_read(a->body_file, 1024 * 1024, &len, &why)))
		return fail(why);
	enum svc_status st = a->state ? meetings_advance_minutes(r, &op->actor, id, a->state, &err)
			   : corrigendum ? meetings_add_corrigendum(r, &op->actor, id, body, &err)
					 : meetings_write_minutes(r, &op->actor, id, body, &err);
	free(body);
	int rc = outcome(st, &err);
	return rc ? rc : show(r, op, id, a->json, corrigendum ? "corrected the minutes of" : "changed the minutes of");
}

static int meeting_minutes(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return minutes_command(r, op, a, 0);
}

static int meeting_corrigendum(struct registry *r, const struct operator *op, struct cli_args *a)
{
	return minutes_command(r, op, a, 1);
}

static const struct cli_subcommand meeting_subcommands[] = {
	{ "add", meetings_fields, &meetings_nfields, "json", 1, meeting_add },
	{ "list", NULL, NULL, "json year", 1, meeting_list },
	{ "show", NULL, NULL, "json", 1, meeting_show },
	{ "update", meetings_fields, &meetings_nfields, "json", 1, meeting_update },
	{ "delete", NULL, NULL, "", 1, meeting_delete },
	{ "indicators", NULL, NULL, "json year", 1, meeting_indicators },
	{ "calendar", NULL, NULL, "year", 1, meeting_calendar },
	{ "agenda", agenda_fields, &agenda_nfields, "json", 1, meeting_agenda },
	{ "attach", NULL, NULL, "json", 2, meeting_attach },
	{ "minutes", NULL, NULL, "json body-file state", 1, meeting_minutes },
	{ "corrigendum", NULL, NULL, "json body-file", 1, meeting_corrigendum },
};

int cmd_meeting(const struct options *o, int argc, char **argv)
{
	return cli_run("meeting", o, argc, argv, meeting_subcommands,
		       sizeof meeting_subcommands / sizeof meeting_subcommands[0]);
}

static int delegate_add(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 2)
		return usage_error("delegate", "%s", "delegate add takes a meeting's number and a state or organisation");
	long long id = cli_number("delegate", "meeting", a->pos[0]), delegate = 0;
	struct svc_error err = { 0 };
	if (id < 0)
		return EXIT_USAGE;
	fields_set(&a->v, "party", a->pos[1], "a delegate", &err);
	int rc = outcome(meetings_add_delegate(r, &op->actor, id, &a->v, &delegate, &err), &err);
	if (rc == 0 && !a->json)
		printf("added delegate %lld to meeting %lld\n", delegate, id);
	return rc == 0 && a->json ? show(r, op, id, 1, NULL) : rc;
}

static const struct cli_subcommand delegate_subcommands[] = {
	{ "add", delegates_fields, &delegates_nfields, "json", 2, delegate_add },
};

int cmd_delegate(const struct options *o, int argc, char **argv)
{
	return cli_run("delegate", o, argc, argv, delegate_subcommands,
		       sizeof delegate_subcommands / sizeof delegate_subcommands[0]);
}
