/* copy.h: a whole platform copied between backends (SQLite file <-> PostgreSQL), checked by counts */
#ifndef RCPHUB_COPY_H
#define RCPHUB_COPY_H

#include <stddef.h>

/* Rows of one table in the source and in the copy. */
struct copy_count {
	const char *table;  /* static */
	long from, to;
};

/* Copies every table of the platform at from into to, atomically: a new
 * SQLite file is built beside its final name and renamed into place; a
 * PostgreSQL database, which must hold no platform yet, is filled in one
 * transaction. The source is read as one snapshot. Afterwards both are
 * counted table by table into counts (store_table_count() entries); a
 * difference is an error. Returns 0, or -1 with *err (caller frees). */
int copy_platform(const char *from, const char *to, struct copy_count *counts, char **err);

#endif
