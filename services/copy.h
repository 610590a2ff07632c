/* copy.h: a whole platform copied between backends (SQLite file <-> PostgreSQL), checked by content */
#ifndef RCPHUB_COPY_H
#define RCPHUB_COPY_H

#include "../store/store.h"

/* Copies every table of the platform at from into to, atomically: a new
 * SQLite file is built beside its final name and renamed into place; a
 * PostgreSQL database, which must hold no platform yet, is filled in one
 * transaction. The source is read as one snapshot, whose rows and
 * content digest per table are left in *copied (store_checks_free);
 * then the copy is read back, and a table whose rows or content differ
 * is an error. Returns 0, or -1 with *err (caller frees). */
int copy_platform(const char *from, const char *to, struct store_checks *copied, char **err);

#endif
