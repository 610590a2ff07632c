/* copy.h: a whole platform copied between backends (SQLite file <-> PostgreSQL), checked by content */
#ifndef RCPHUB_COPY_H
#define RCPHUB_COPY_H

#include "service.h"

#include <stddef.h>

/* One table as copied: its rows and a digest of their content that does
 * not depend on their order or the engine that keeps them. */
struct copied_table {
	char *table;
	long rows;
	char digest[33];
};

struct copy_report {
	struct copied_table *tables;
	size_t n;
};

/* Copies every table of the platform at from into to, atomically: a new
 * SQLite file is built beside its final name and renamed into place; a
 * PostgreSQL database, which must hold no platform yet, is filled in one
 * transaction. The source is read as one snapshot, whose tables are left
 * in *report (copy_report_free); then the copy is read back, and a table
 * whose rows or content differ is an error. SVC_INVALID when the target
 * exists or holds a platform, SVC_ERROR when a store fails. */
enum svc_status copy_platform(const char *from, const char *to, struct copy_report *report,
			      struct svc_error *err);
void copy_report_free(struct copy_report *r);

/* Backs the platform at location up into the new file at file: a SQLite
 * database through SQLite's online backup (one consistent moment, while
 * servers go on), a PostgreSQL one as copy_platform copies it into a
 * SQLite file. The backup is read back and compared, table by table,
 * with the source as it was backed up (report). SVC_INVALID when file
 * exists. */
enum svc_status backup_platform(const char *location, const char *file, struct copy_report *report,
				struct svc_error *err);
/* Puts the backup at file in place of the platform at location: a SQLite
 * database is replaced page by page (servers using it see the restored
 * platform at once; an older backup is brought up to this version's
 * tables), an empty PostgreSQL database is filled as copy_platform fills
 * it. The result is compared with the backup (report). */
enum svc_status restore_platform(const char *file, const char *location, struct copy_report *report,
				 struct svc_error *err);

#endif
