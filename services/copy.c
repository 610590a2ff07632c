/* copy.c: a whole platform copied between backends (SQLite file <-> PostgreSQL), checked by content */
#include "copy.h"
#include "../store/store.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Refuses a server database that already holds a platform (*refused). */
static int check_empty(struct store *s, const char *to, int *refused, char **err)
{
	long processes = 0, users = 0;
	if (store_count(s, "processes", &processes, err) || store_count(s, "users", &users, err))
		return -1;
	if (processes || users) {
		*err = xasprintf("%s already holds a platform (%ld processes, %ld users); "
				 "copy-store fills only an empty database", to, processes, users);
		*refused = 1;
		return -1;
	}
	return 0;
}

/* What is being copied: the source, read as a snapshot, and what was read. */
struct copy_job {
	struct store *src;
	struct store_checks *copied;
};

/* Copies the job's source into dst (a new file or an empty server
 * database) in one transaction. */
static int fill(struct store *dst, void *arg, char **err)
{
	struct copy_job *job = arg;
	if (store_begin(dst, err))
		return -1;
	if (store_copy(job->src, dst, job->copied, err) || store_commit(dst, err)) {
		store_rollback(dst);
		return -1;
	}
	return 0;
}

/* Copies into an empty server database in one transaction. */
static int copy_to_server(struct copy_job *job, const char *target, int *refused, char **err)
{
	struct store *dst = store_open(target, STORE_EXISTING, err);
	if (!dst)
		return -1;
	int rc = check_empty(dst, target, refused, err) ? -1 : fill(dst, job, err);
	store_close(dst);
	return rc;
}

/* Copies into a new SQLite file, built beside to and renamed into place. */
static int copy_to_file(struct copy_job *job, const char *to, int *refused, char **err)
{
	struct stat st;
	if (stat(to, &st) == 0) {
		*err = xasprintf("%s exists; copy-store writes only a new file", to);
		*refused = 1;
		return -1;
	}
	return store_build_file(to, fill, job, err);
}

/* What is wrong with table a's copy b (caller frees), or NULL. */
static char *compare(const struct store_table_check *a, const struct store_table_check *b)
{
	if (!b)
		return xasprintf("%s: missing from the copy", a->table);
	if (a->rows != b->rows)
		return xasprintf("%s: %ld rows copied but %ld read back", a->table, a->rows, b->rows);
	if (strcmp(a->digest, b->digest) != 0)
		return xasprintf("%s: the copy's content differs from the source's", a->table);
	return NULL;
}

static const struct store_table_check *find(const struct store_checks *c, const char *table)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->tables[i].table, table) == 0)
			return &c->tables[i];
	return NULL;
}

/* Reads the copy at to back and compares it with what was copied. */
static int verify(const char *to, const struct store_checks *copied, char **err)
{
	struct store *s = store_open(to, STORE_EXISTING, err);
	struct store_checks back;
	if (!s || store_check(s, &back, err)) {
		store_close(s);
		return -1;
	}
	store_close(s);
	char *why = NULL;
	for (size_t i = 0; i < copied->n && !why; i++)
		why = compare(&copied->tables[i], find(&back, copied->tables[i].table));
	if (!why && back.n != copied->n)
		why = xasprintf("the copy has %zu tables, the source %zu", back.n, copied->n);
	store_checks_free(&back);
	if (why)
		*err = why;
	return why ? -1 : 0;
}

/* What was read from the source, as the caller gets it. */
static void report_from(struct store_checks *c, struct copy_report *out)
{
	out->n = c->n;
	out->tables = xcalloc(c->n + 1, sizeof *out->tables);
	for (size_t i = 0; i < c->n; i++) {
		out->tables[i].table = xstrdup(c->tables[i].table);
		out->tables[i].rows = c->tables[i].rows;
		memcpy(out->tables[i].digest, c->tables[i].digest, sizeof out->tables[i].digest);
	}
}

void copy_report_free(struct copy_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->tables[i].table);
	free(r->tables);
	memset(r, 0, sizeof *r);
}

/* Copies and verifies; 0, or -1 with *err. *refused tells a target that
 * may not be written from a failure. */
static int copy_and_verify(const char *from, const char *to, struct store_checks *copied, int *refused,
			   char **err)
{
	struct store *src = store_open(from, STORE_EXISTING, err);
	if (!src)
		return -1;
	struct copy_job job = { src, copied };
	int rc = store_snapshot_begin(src, err);
	if (rc == 0) {
		rc = store_is_server(to) ? copy_to_server(&job, to, refused, err) : copy_to_file(&job, to, refused, err);
		store_rollback(src);
	}
	store_close(src);
	return rc == 0 ? verify(to, copied, err) : -1;
}

enum svc_status copy_platform(const char *from, const char *to, struct copy_report *report,
			      struct svc_error *err)
{
	memset(report, 0, sizeof *report);
	if (strcmp(from, to) == 0)
		return svc_fail(err, SVC_INVALID, "to", "--from and --to name the same database");
	struct store_checks copied = { 0 };
	char *why = NULL;
	int refused = 0;
	if (copy_and_verify(from, to, &copied, &refused, &why)) {
		store_checks_free(&copied);
		return svc_fail_with(err, refused ? SVC_INVALID : SVC_ERROR, refused ? "to" : NULL, why);
	}
	report_from(&copied, report);
	store_checks_free(&copied);
	return SVC_OK;
}

/* Compares two readings table by table; 0, or -1 with *err. */
static int same_tables(const struct store_checks *a, const struct store_checks *b, char **err)
{
	char *why = NULL;
	for (size_t i = 0; i < a->n && !why; i++)
		why = compare(&a->tables[i], find(b, a->tables[i].table));
	if (!why && a->n != b->n)
		why = xasprintf("the backup has %zu tables, the platform %zu", b->n, a->n);
	if (why)
		*err = why;
	return why ? -1 : 0;
}

/* Reads every table of the database at location into out. */
static int check_at(const char *location, struct store_checks *out, char **err)
{
	struct store *s = store_open(location, STORE_EXISTING, err);
	int rc = s ? store_check(s, out, err) : -1;
	store_close(s);
	return rc;
}

/* Backs a SQLite platform up into tmp in one snapshot, reading the
 * source's tables in the same snapshot (into source). */
static int backup_file(const char *location, const char *tmp, struct store_checks *source, char **err)
{
	struct store *src = store_open(location, STORE_EXISTING, err);
	if (!src)
		return -1;
	int rc = store_snapshot_begin(src, err);
	if (rc == 0) {
		rc = store_backup(src, tmp, 0, err) || store_check(src, source, err) ? -1 : 0;
		store_rollback(src);
	}
	store_close(src);
	return rc;
}

enum svc_status backup_platform(const char *location, const char *file, struct copy_report *report,
				struct svc_error *err)
{
	memset(report, 0, sizeof *report);
	struct stat st;
	if (stat(file, &st) == 0)
		return svc_fail(err, SVC_INVALID, "file", "%s exists; a backup is written only to a new file", file);
	if (store_is_server(location))
		return copy_platform(location, file, report, err);
	char *tmp = xasprintf("%s.new-XXXXXX", file), *why = NULL;
	int fd = mkstemp(tmp);
	struct store_checks source = { 0 }, copy = { 0 };
	int rc = fd < 0 ? -1 : 0;
	if (fd < 0)
		why = xasprintf("cannot create a file beside %s", file);
	else
		close(fd);
	if (rc == 0)
		rc = backup_file(location, tmp, &source, &why) || check_at(tmp, &copy, &why) ||
		     same_tables(&source, &copy, &why) ? -1 : 0;
	if (rc == 0 && rename(tmp, file) != 0) {
		why = xasprintf("cannot move %s to %s", tmp, file);
		rc = -1;
	}
	if (rc && fd >= 0)
		unlink(tmp);
	free(tmp);
	if (rc == 0)
		report_from(&source, report);
	store_checks_free(&source);
	store_checks_free(&copy);
	return rc ? svc_fail_with(err, SVC_ERROR, NULL, why) : SVC_OK;
}

enum svc_status restore_platform(const char *file, const char *location, struct copy_report *report,
				 struct svc_error *err)
{
	memset(report, 0, sizeof *report);
	struct stat st;
	if (stat(file, &st) != 0)
		return svc_fail(err, SVC_INVALID, "file", "no backup at %s", file);
	if (store_is_server(location))
		return copy_platform(file, location, report, err);
	struct store_checks backup = { 0 }, restored = { 0 };
	char *why = NULL;
	struct store *dst = store_open(location, STORE_EXISTING, &why);
	int rc = dst && check_at(file, &backup, &why) == 0 && store_backup(dst, file, 1, &why) == 0 ? 0 : -1;
	store_close(dst);
	/* reopened: an older backup is migrated to this version's tables */
	if (rc == 0)
		rc = check_at(location, &restored, &why) || same_tables(&backup, &restored, &why) ? -1 : 0;
	if (rc == 0)
		report_from(&restored, report);
	store_checks_free(&backup);
	store_checks_free(&restored);
	return rc ? svc_fail_with(err, SVC_ERROR, NULL, why) : SVC_OK;
}
