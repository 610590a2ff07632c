/* cmd_interviews.c: rcphub interview: protocols, interviews (restricted) and the statements coded from them */
#include "cli.h"
#include "../io/json_out.h"
#include "../services/interviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int show(struct registry *r, const struct operator *op, long long id, int json)
{
	struct interview i;
	struct svc_error err = { 0 };
	int rc = outcome(interviews_get(r, &op->actor, id, &i, &err), &err);
	if (rc)
		return rc;
	if (json) {
		json_print(json_interview(&i));
	} else {
		printf("interview %lld  %s  %s, %s%s%s  (protocol: %s)\n", i.id, i.process, i.affiliation, i.language,
		       i.held ? ", " : "", i.held ? i.held : "", i.protocol_name);
		for (size_t k = 0; k < i.nstatements; k++)
			printf("  %d. [%s] %s\n", i.statements[k].position, i.statements[k].effect, i.statements[k].text);
	}
	interview_free(&i);
	return 0;
}

static int protocol_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	struct svc_error err = { 0 };
	if (a->npos == 1 && strcmp(a->pos[0], "list") == 0) {
		struct interview_protocol_list l = { 0 };
		int rc = outcome(interviews_protocols(r, &op->actor, &l, &err), &err);
		json_t *list = json_array();
		for (size_t i = 0; rc == 0 && i < l.n; i++)
			json_array_append_new(list, json_protocol(&l.items[i]));
		if (rc == 0)
			json_print(list);
		else
			json_decref(list);
		interview_protocol_list_free(&l);
		return rc;
	}
	if (a->npos != 1 || strcmp(a->pos[0], "add") != 0)
		return usage_error("interview", "%s", "interview protocol add --name N --questions-file F | protocol list");
	long long id = 0;
	int rc = outcome(interviews_add_protocol(r, &op->actor, &a->v, &id, &err), &err);
	if (rc == 0)
		printf("added protocol %lld\n", id);
	return rc;
}

static int add_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("interview", "%s", "interview add takes one process");
	long long id = 0;
	struct svc_error err = { 0 };
	int rc = outcome(interviews_add(r, &op->actor, a->pos[0], &a->v, &id, &err), &err);
	if (rc == 0 && !a->json)
		printf("added interview %lld\n", id);
	return rc == 0 && a->json ? show(r, op, id, 1) : rc;
}

static int statement_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("interview", "interview", a->npos == 1 ? a->pos[0] : NULL), statement = 0;
	if (id < 0)
		return EXIT_USAGE;
	struct svc_error err = { 0 };
	int rc = outcome(interviews_add_statement(r, &op->actor, id, &a->v, &statement, &err), &err);
	if (rc == 0 && !a->json)
		printf("added statement %lld to interview %lld\n", statement, id);
	return rc == 0 && a->json ? show(r, op, id, 1) : rc;
}

static int list_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	if (a->npos != 1)
		return usage_error("interview", "%s", "interview list takes one process");
	struct interview_list l = { 0 };
	struct svc_error err = { 0 };
	int rc = outcome(interviews_list(r, &op->actor, a->pos[0], &l, &err), &err);
	if (rc)
		return rc;
	json_t *list = a->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++) {
		if (list)
			json_array_append_new(list, json_interview(&l.items[i]));
		else
			printf("%lld  %s, %s  %zu statement%s\n", l.items[i].id, l.items[i].affiliation, l.items[i].language,
			       l.items[i].nstatements, l.items[i].nstatements == 1 ? "" : "s");
	}
	if (list)
		json_print(list);
	interview_list_free(&l);
	return 0;
}

static int show_command(struct registry *r, const struct operator *op, struct cli_args *a)
{
	long long id = cli_number("interview", "interview", a->npos == 1 ? a->pos[0] : NULL);
	return id < 0 ? EXIT_USAGE : show(r, op, id, a->json);
}

static const struct cli_subcommand subcommands[] = {
	{ "protocol", protocols_fields, &protocols_nfields, "", 1, protocol_command },
	{ "add", interviews_fields, &interviews_nfields, "json", 1, add_command },
	{ "statement", statements_fields, &statements_nfields, "json", 1, statement_command },
	{ "list", NULL, NULL, "json", 1, list_command },
	{ "show", NULL, NULL, "json", 1, show_command },
};

int cmd_interview(const struct options *o, int argc, char **argv)
{
	return cli_run("interview", o, argc, argv, subcommands, sizeof subcommands / sizeof subcommands[0]);
}
