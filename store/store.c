/* store.c: opening a store, its migrations, transactions and prepared statements, on any driver */
#include "store_int.h"
#include "../core/buf.h"
#include "migrations.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct query q_registry_version = { {
	"SELECT version, documents FROM registry_version WHERE id = 1",
} };
static const struct query q_documents_bump = { {
	"UPDATE registry_version SET documents = documents + 1 WHERE id = 1",
} };
static const struct query q_registry_bump = { {
	"UPDATE registry_version SET version = version + 1 WHERE id = 1",
} };
static const struct query q_schema_version = { {
	"SELECT coalesce(max(version), 0) FROM schema_migrations",
} };
static const struct query q_migration_put = { {
	"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
} };
static const struct query q_next_id = { {
	"UPDATE id_sequences SET last = last + 1 WHERE name = ? RETURNING last",
} };

static size_t slot_of(const struct store *s, const struct query *q)
{
	return (size_t)(((uintptr_t)q >> 3) * 2654435761u) & (s->cap - 1);
}

/* The slot for q: where it is, or the empty slot where it would go. */
static struct stmt_slot *find_slot(struct store *s, const struct query *q)
{
	size_t i = slot_of(s, q);
	while (s->slots[i].q && s->slots[i].q != q)
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

/* Doubles the table when it is half full. */
static void grow_slots(struct store *s)
{
	struct stmt_slot *old = s->slots;
	size_t old_cap = s->cap;
	s->cap = old_cap ? old_cap * 2 : 64;
	s->slots = xcalloc(s->cap, sizeof *s->slots);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].q)
			*find_slot(s, old[i].q) = old[i];
	free(old);
}

struct stmt *store_stmt(struct store *s, const struct query *q, char **err)
{
	if (2 * (s->used + 1) > s->cap)
		grow_slots(s);
	struct stmt_slot *slot = find_slot(s, q);
	if (!slot->q) {
		const char *sql = q->text[s->drv->dialect] ? q->text[s->drv->dialect] : q->text[DIALECT_SQLITE];
		struct stmt *st = s->drv->prepare(s->conn, sql, err);
		if (!st)
			return NULL;
		*slot = (struct stmt_slot){ q, st };
		s->used++;
	}
	s->drv->reset(slot->st);
	return slot->st;
}

int store_exec(struct store *s, const char *sql, const char *doing, char **err)
{
	return s->drv->exec(s->conn, sql, doing, err);
}

int store_bump_registry(struct store *s, char **err)
{
	struct stmt *st = store_stmt(s, &q_registry_bump, err);
	return st ? run(st, "marking the registry changed", err) : -1;
}

int store_next_id(struct store *s, const char *table, long long *id, char **err)
{
	struct stmt *st = store_stmt(s, &q_next_id, err);
	if (!st)
		return -1;
	bind_text(st, 1, table);
	char *doing = xasprintf("numbering a new %s record", table);
	int rc = read_number(st, doing, id, err);
	free(doing);
	return rc;
}

int store_bump_documents(struct store *s, char **err)
{
	struct stmt *st = store_stmt(s, &q_documents_bump, err);
	return st ? run(st, "marking the documents changed", err) : -1;
}

int store_registry_version(struct store *s, long long *version, long long *documents, char **err)
{
	struct stmt *st = store_stmt(s, &q_registry_version, err);
	if (!st)
		return -1;
	int rc = next_row(st, "reading the registry version", err);
	if (rc == 1) {
		*version = col_int64(st, 0);
		if (documents)
			*documents = col_int64(st, 1);
		reset(st);
		return 0;
	}
	if (rc == 0)
		*err = xstrdup("reading the registry version: the database has none");
	return -1;
}

int store_schema_latest(void)
{
	return store_migration_count;
}

int store_schema_version(struct store *s, int *version, char **err)
{
	struct stmt *st = store_stmt(s, &q_schema_version, err);
	long long v;
	if (!st || read_number(st, "reading the schema version", &v, err))
		return -1;
	*version = (int)v;
	return 0;
}

/* The migration that last changed what the full-text index holds (0027:
 * evidence): a database older than it has its index written anew when
 * it reaches the latest version. */
#define SEARCH_INDEX_SINCE 27

/* Applies each migration newer than the database, one transaction each;
 * the last also indexes the records for search when the index is new. */
static int migrate_now(struct store *s, char **err)
{
	if (store_exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
		    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
		 "reading the schema version", err))
		return -1;
	int version;
	if (store_schema_version(s, &version, err))
		return -1;
	if (version > store_migration_count) {
		*err = xasprintf("%s has schema version %d, newer than this rcphub "
				 "(which knows up to %d); use a newer rcphub",
				 s->location, version, store_migration_count);
		return -1;
	}
	for (int i = version; i < store_migration_count; i++) {
		const struct migration *m = &store_migrations[i];
		if (s->drv->begin(s->conn, err))
			return -1;
		char *doing = xasprintf("applying migration %s", m->name);
		int rc = store_exec(s, m->sql[s->drv->dialect], doing, err);
		free(doing);
		struct stmt *st = rc ? NULL : store_stmt(s, &q_migration_put, err);
		if (st) {
			bind_int64(st, 1, m->version);
			bind_text(st, 2, m->name);
			bind_int64(st, 3, (long long)time(NULL));
			rc = run(st, "recording a migration", err);
		} else {
			rc = -1;
		}
		if (rc == 0 && i + 1 == store_migration_count && version < SEARCH_INDEX_SINCE)
			rc = store_search_rebuild(s, err);  /* with every table as the last migration left it */
		if (rc == 0)
			rc = store_exec(s, "COMMIT", "committing a migration", err);
		if (rc) {
			store_rollback(s);
			return -1;
		}
	}
	return 0;
}


/* Migrates, holding the driver's migration lock if it has one. */
static int migrate(struct store *s, char **err)
{
	if (s->drv->lock_migrations && s->drv->lock_migrations(s->conn, err))
		return -1;
	int rc = migrate_now(s, err);
	if (s->drv->unlock_migrations)
		s->drv->unlock_migrations(s->conn);
	return rc;
}

int store_may_have_changed(struct store *s)
{
	return !s->drv->may_have_changed || s->drv->may_have_changed(s->conn);
}

int store_snapshot_begin(struct store *s, char **err)
{
	return store_exec(s, s->drv->snapshot_begin, "starting to read a snapshot", err);
}

/* Removes a SQLite file with the write-ahead log files kept beside it. */
static void remove_file(const char *path, int with_file)
{
	const char *suffixes[] = { "-wal", "-shm", "" };
	for (int i = 0; i < (with_file ? 3 : 2); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

int store_build_file(const char *path, int (*fill)(struct store *s, void *arg, char **err),
		     void *arg, char **err)
{
	char *tmp = xasprintf("%s.new-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*err = xasprintf("cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	struct store *s = store_open(tmp, STORE_CREATE, err);
	int rc = s ? fill(s, arg, err) : -1;
	store_close(s);
	if (rc == 0) {
		remove_file(path, 0);
		if (rename(tmp, path) != 0) {
			*err = xasprintf("cannot move %s to %s: %s", tmp, path, strerror(errno));
			rc = -1;
		}
	}
	if (rc)
		remove_file(tmp, 1);
	free(tmp);
	return rc;
}

int store_backup(struct store *s, const char *path, int restore, char **err)
{
	if (!s->drv->backup) {
		*err = xasprintf("%s has no page-by-page backup", s->drv->name);
		return -1;
	}
	return s->drv->backup(s->conn, path, restore, err);
}

int store_is_server(const char *location)
{
	return strncmp(location, "postgresql://", 13) == 0 || strncmp(location, "postgres://", 11) == 0;
}

struct store *store_open(const char *location, enum store_open_mode mode, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->drv = store_is_server(location) ? &driver_pg : &driver_sqlite;
	s->location = xstrdup(location);
	if (!(s->conn = s->drv->open(location, mode, err)) || migrate(s, err)) {
		store_close(s);
		return NULL;
	}
	return s;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i].q)
			s->drv->finalize(s->slots[i].st);
	free(s->slots);
	if (s->conn)
		s->drv->close(s->conn);
	free(s->location);
	free(s);
}

int store_begin(struct store *s, char **err)
{
	return s->drv->begin(s->conn, err);
}

int store_commit(struct store *s, char **err)
{
	return store_exec(s, "COMMIT", "committing", err);
}

void store_rollback(struct store *s)
{
	/* A rollback that failed (out of memory) would leave the transaction
	 * open, and every later begin on this connection refused: it is tried
	 * again. */
	for (int tries = 0; tries < 3; tries++) {
		char *err = NULL;
		if (store_exec(s, "ROLLBACK", "rolling back", &err) == 0)
			return;
		free(err);
	}
}

int store_savepoint(struct store *s, char **err)
{
	return store_exec(s, "SAVEPOINT batch", "taking a savepoint", err);
}

int store_savepoint_release(struct store *s, char **err)
{
	return store_exec(s, "RELEASE SAVEPOINT batch", "releasing a savepoint", err);
}

int store_savepoint_rollback(struct store *s, char **err)
{
	return store_exec(s, "ROLLBACK TO SAVEPOINT batch", "rolling back to a savepoint", err) ||
	       store_savepoint_release(s, err);
}

/* The count behind store_count, per table it answers for. */
static const struct {
	const char *table;
	struct query q;
} counts[] = {
	{ "processes", { { "SELECT count(*) FROM processes" } } },
	{ "countries", { { "SELECT count(*) FROM countries" } } },
	{ "organisations", { { "SELECT count(*) FROM organisations" } } },
	{ "participations", { { "SELECT count(*) FROM participations" } } },
	{ "users", { { "SELECT count(*) FROM users" } } },
	{ "documents", { { "SELECT count(*) FROM documents" } } },
	{ "registry_history", { { "SELECT count(*) FROM registry_history" } } },
};

int store_count(struct store *s, const char *table, long *out, char **err)
{
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		if (strcmp(counts[i].table, table) != 0)
			continue;
		struct stmt *st = store_stmt(s, &counts[i].q, err);
		long long n;
		if (!st || read_number(st, "counting", &n, err))
			return -1;
		*out = (long)n;
		return 0;
	}
	*err = xasprintf("counting: unknown table %s", table);
	return -1;
}

char *store_join(const struct strlist *l, const char *sep)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		buf_appendf(&b, "%s%s", i ? sep : "", l->items[i]);
	return b.data ? buf_release(&b, NULL) : xstrdup("");
}

void store_split(struct strlist *out, const char *text, char sep)
{
	while (text && *text) {
		size_t len = strcspn(text, (char[]){ sep, '\0' });
		if (len) {
			char *item = xasprintf("%.*s", (int)len, text);
			strlist_push(out, item);
			free(item);
		}
		text += len + (text[len] == sep);
	}
}
