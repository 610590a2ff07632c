/* cli.h: what the command files of the rcphub command line share */
#ifndef RCPHUB_CLI_H
#define RCPHUB_CLI_H

#include "../services/fields.h"
#include "../services/registry.h"

#include <stdio.h>

enum { EXIT_NOT_FOUND = 1, EXIT_USAGE = 2 };

struct options {
	const char *db;
};

struct command {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(const struct options *, int, char **);
};

const struct command *find_command(const char *name);
/* Reports a usage error of cmd (fmt takes one string) and returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, const char *arg);
/* The number of a record of kind noun ("meeting") that arg gives, or -1
 * after saying what is wrong (usage_error). */
long long cli_number(const char *cmd, const char *noun, const char *arg);
/* Prints err (which it frees) and returns EXIT_NOT_FOUND. */
int fail(char *err);
/* Prints what a service said went wrong ("field: message"), frees what
 * err holds, and returns EXIT_NOT_FOUND. */
int fail_svc(struct svc_error *err);
/* The registry at o->db, or NULL after reporting why. */
struct registry *open_registry(const struct options *o);

/* An option a command takes besides a resource's fields: --name VALUE
 * (value is set), a flag --name (flag is set to 1), or --name VALUE
 * repeated (each value added to list). */
struct cli_option {
	const char *name;
	const char **value;
	int *flag;
	struct strlist *list;
};

/* options.c: reads argv[1..argc) into v, the values of a resource's
 * declared fields (--NAME VALUE or --NAME=VALUE; a bare --NAME for a
 * choice of no and yes; --NAME-file FILE for long text; a list's item
 * option, repeated), the extras (a table ended
 * by a NULL name) and up to maxpos positional arguments into pos. v may
 * be NULL for a command without fields. Returns 0, or the exit status
 * after reporting. */
int cli_options(const char *cmd, int argc, char **argv, struct field_values *v,
		const struct cli_option *extras, const char **pos, int maxpos, int *npos);

/* What a subcommand was given: its fields (when it reads them), the other
 * options it takes, and up to four positional arguments. */
struct cli_args {
	struct field_values v;
	const char *pos[4];
	int npos;
	int json, csv, vcard, dry_run, labels, html;
	const char *file, *body_file, *state, *stale, *year, *at, *indicator, *from, *to, *format, *dims;
	const char *process, *lang, *level, *phase;
	struct strlist map;
};

struct operator;

/* One subcommand of a command: the fields it reads as options (NULL for
 * none), the other options it takes (names separated by spaces, from
 * json, csv, vcard, file, body-file, state, stale, year, at, dry-run,
 * labels, indicator, from, to, format, dims, process, lang, level, map, phase and html), how many
 * positional arguments it takes at most, and what it does. */
struct cli_subcommand {
	const char *name;
	const struct field *fields;
	const size_t *nfields;
	const char *options;
	int maxpos;
	int (*run)(struct registry *r, const struct operator *op, struct cli_args *a);
};

/* Runs the subcommand of cmd that argv[1] names, from subs (n of them):
 * reads its options, opens the registry at o and acts as the user at
 * the terminal. Returns the exit status. */
int cli_run(const char *cmd, const struct options *o, int argc, char **argv, const struct cli_subcommand *subs,
	    size_t n);

/* Runs sub as a command of its own (rcphub lessons PROCESS): argv[0] is
 * the command's name, its options follow. */
int cli_run_one(const char *cmd, const struct options *o, int argc, char **argv, const struct cli_subcommand *sub);

/* The person at the terminal acts as an administrator: whoever can open
 * the database file can change it anyway. The audit log names them. */
struct operator {
	char login[64];
	struct user user;
	struct actor actor;
};

/* cmd_accounts.c: fills op for the user at the terminal. */
void cli_operator(struct operator *op);
/* A service's outcome as an exit status: 0 for SVC_OK, else prints what
 * err says (fail_svc). */
int outcome(enum svc_status st, struct svc_error *err);
int cmd_user(const struct options *o, int argc, char **argv);
int cmd_audit(const struct options *o, int argc, char **argv);
/* cmd_evidence.c */
int cmd_evidence(const struct options *o, int argc, char **argv);
/* cmd_interviews.c */
int cmd_interview(const struct options *o, int argc, char **argv);
/* cmd_assessment.c */
int cmd_lessons(const struct options *o, int argc, char **argv);
int cmd_assess(const struct options *o, int argc, char **argv);
int cmd_duplication(const struct options *o, int argc, char **argv);
/* cmd_documents.c */
int cmd_doc(const struct options *o, int argc, char **argv);
/* The seed data's directory (dir, else $RCPHUB_DATA, else the installed
 * data/) and iso-codes' file ($RCPHUB_ISO_CODES, else Debian's). */
struct seed_paths cli_seed_paths(const char *dir);

/* cmd_facts.c */
int cmd_registry(const struct options *o, int argc, char **argv);
int cmd_fact(const struct options *o, int argc, char **argv);
int cmd_post(const struct options *o, int argc, char **argv);
int cmd_history(const struct options *o, int argc, char **argv);

/* cmd_focal_points.c */
int cmd_focal(const struct options *o, int argc, char **argv);
/* cmd_meetings.c */
int cmd_meeting(const struct options *o, int argc, char **argv);
int cmd_delegate(const struct options *o, int argc, char **argv);
/* cmd_plans.c */
int cmd_plan(const struct options *o, int argc, char **argv);
/* cmd_stats.c */
int cmd_indicator(const struct options *o, int argc, char **argv);
int cmd_stats(const struct options *o, int argc, char **argv);
/* cmd_matrices.c */
int cmd_matrix(const struct options *o, int argc, char **argv);
/* cmd_glossary.c */
int cmd_term(const struct options *o, int argc, char **argv);
int cmd_glossary(const struct options *o, int argc, char **argv);
/* cmd_serve.c */
int cmd_serve(const struct options *o, int argc, char **argv);

#endif
