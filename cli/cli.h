/* cli.h: what the command files of the rcphub command line share */
#ifndef RCPHUB_CLI_H
#define RCPHUB_CLI_H

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
/* Prints err (which it frees) and returns EXIT_NOT_FOUND. */
int fail(char *err);
/* The registry at o->db, or NULL after reporting why. */
struct registry *open_registry(const struct options *o);

/* cmd_accounts.c */
int cmd_user(const struct options *o, int argc, char **argv);
int cmd_doc(const struct options *o, int argc, char **argv);
int cmd_audit(const struct options *o, int argc, char **argv);
/* cmd_serve.c */
int cmd_serve(const struct options *o, int argc, char **argv);

#endif
