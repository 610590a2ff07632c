/* copy.c: a whole platform copied between backends (SQLite file <-> PostgreSQL), checked by counts */
#include "copy.h"
#include "../core/xalloc.h"
#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Refuses a server database that already holds a platform. */
static int check_empty(struct store *s, const char *to, char **err)
{
	long processes = 0, users = 0;
	if (store_count(s, "processes", &processes, err) || store_count(s, "users", &users, err))
		return -1;
	if (processes || users) {
		*err = xasprintf("%s already holds a platform (%ld processes, %ld users); "
				 "copy-store fills only an empty database", to, processes, users);
		return -1;
	}
	return 0;
}

/* Copies src into dst (a new file or an empty server database) in one transaction. */
static int fill_file(struct store *dst, void *src, char **err)
{
	if (store_begin(dst, err))
		return -1;
	if (store_copy(src, dst, err) || store_commit(dst, err)) {
		store_rollback(dst);
		return -1;
	}
	return 0;
}

/* Copies src into an empty server database in one transaction. */
static int copy_to_server(struct store *src, const char *target, char **err)
{
	struct store *dst = store_open(target, STORE_EXISTING, err);
	if (!dst)
		return -1;
	int rc = check_empty(dst, target, err) ? -1 : fill_file(dst, src, err);
	store_close(dst);
	return rc;
}


/* Copies into a new SQLite file, built beside to and renamed into place. */
static int copy_to_file(struct store *src, const char *to, char **err)
{
	struct stat st;
	if (stat(to, &st) == 0) {
		*err = xasprintf("%s exists; copy-store writes only a new file", to);
		return -1;
	}
	return store_build_file(to, fill_file, src, err);
}

/* Counts every table of the store at location into counts[i].from or .to. */
static int count_all(const char *location, struct copy_count *counts, int into_to, char **err)
{
	struct store *s = store_open(location, STORE_EXISTING, err);
	if (!s)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < store_table_count() && rc == 0; i++) {
		counts[i].table = store_table_name(i);
		rc = store_table_rows(s, i, into_to ? &counts[i].to : &counts[i].from, err);
	}
	store_close(s);
	return rc;
}

int copy_platform(const char *from, const char *to, struct copy_count *counts, char **err)
{
	if (strcmp(from, to) == 0) {
		*err = xstrdup("--from and --to name the same database");
		return -1;
	}
	struct store *src = store_open(from, STORE_EXISTING, err);
	if (!src)
		return -1;
	int rc = store_snapshot_begin(src, err);
	if (rc == 0) {
		rc = store_is_server(to) ? copy_to_server(src, to, err) : copy_to_file(src, to, err);
		store_rollback(src);
	}
	store_close(src);
	if (rc || count_all(from, counts, 0, err) || count_all(to, counts, 1, err))
		return -1;
	for (size_t i = 0; i < store_table_count(); i++) {
		if (counts[i].from != counts[i].to) {
			*err = xasprintf("%s: %ld rows in %s but %ld in the copy", counts[i].table,
					 counts[i].from, from, counts[i].to);
			return -1;
		}
	}
	return 0;
}
