/* store_sqlite.c: the SQLite driver, the embedded default: a database file in WAL mode */
#include "driver.h"
#include "../core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000
/* Pages in the write-ahead log after which a commit copies them back into
 * the database file, as SQLite's own automatic checkpoint does. */
#define CHECKPOINT_PAGES 1000
/* How long a connection watching for commits trusts its watch alone:
 * what a writer that does not announce its commits (the sqlite3 shell)
 * changed is seen within this long at worst. */
#define WATCH_TRUST_MS 1000
/* The most reads of the watch's events in one call. */
#define WATCH_READS 16

enum watch_state { WATCH_UNSET, WATCH_ON, WATCH_OFF };

struct conn {
	sqlite3 *db;
	char *path;
	char *real;  /* the file's path with links resolved, or NULL */
	/* Commits seen through inotify on the file's folder (may_have_changed). */
	enum watch_state watch_state;
	int watch;
	long long watch_checked;  /* when may_have_changed last answered 1, in ms */
};

struct stmt {
	struct stmt_head head;
	struct conn *conn;
	sqlite3_stmt *st;
	int lost;  /* a value could not be bound, or a column of the row read had (out of memory) */
};

/* A message about the last failure on c, prefixed with what was being
 * done. Busy and locked databases get a message that says so. */
static char *error(struct conn *c, const char *doing)
{
	int code = sqlite3_errcode(c->db);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return xasprintf("%s: database %s is locked by another process "
				 "(waited %d s); try again", doing, c->path,
				 BUSY_TIMEOUT_MS / 1000);
	if (code == SQLITE_NOTADB)
		return xasprintf("%s: %s is not an rcphub database", doing, c->path);
	return xasprintf("%s: %s (%s)", doing, sqlite3_errmsg(c->db), c->path);
}

static int sq_exec(struct conn *c, const char *sql, const char *doing, char **err)
{
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		*err = error(c, doing);
		return -1;
	}
	return 0;
}

static int sq_begin(struct conn *c, char **err)
{
	/* IMMEDIATE takes the write lock now, so a transaction never fails
	 * halfway because another writer came first. */
	return sq_exec(c, "BEGIN IMMEDIATE", "starting a transaction", err);
}

static void sq_close(struct conn *c)
{
	if (!c)
		return;
	sqlite3_close(c->db);
	if (c->watch_state == WATCH_ON)
		close(c->watch);
	free(c->path);
	free(c->real);
	free(c);
}

/* Announces a commit to every connection watching the file (in this
 * process or another): a new modification time raises IN_ATTRIB, after
 * the commit is visible. Nothing is opened, so no lock SQLite holds on
 * the file is lost. */
static void announce_commit(const struct conn *c)
{
	if (c->real)
		utimensat(AT_FDCWD, c->real, NULL, 0);
}

/* SQLite calls this after each commit, once it is visible to readers.
 * It replaces SQLite's automatic checkpoint, so it checkpoints as that
 * one does. A checkpoint that cannot run now is no error. */
static int after_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	announce_commit(arg);
	if (pages >= CHECKPOINT_PAGES)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

/* Starts watching the folder of c's file for changes to the file and
 * its write-ahead log; WATCH_OFF where that cannot be done. */
static void watch_start(struct conn *c)
{
	c->watch_state = WATCH_OFF;
	if (!c->real)
		return;
	char *folder = xstrdup(c->real);
	c->watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (c->watch >= 0 &&
	    inotify_add_watch(c->watch, dirname(folder), IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE |
			      IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF) >= 0)
		c->watch_state = WATCH_ON;
	else if (c->watch >= 0)
		close(c->watch);
	free(folder);
}

/* Whether an event's file is c's database, its write-ahead log or its
 * rollback journal. */
static int names_database(const struct conn *c, const char *name)
{
	const char *base = strrchr(c->real, '/') + 1;
	size_t n = strlen(base);
	return strncmp(name, base, n) == 0 &&
	       (!name[n] || !strcmp(name + n, "-wal") || !strcmp(name + n, "-journal"));
}

/* Reads the events waiting on c's watch: 1 if one may concern the
 * database, 0 if none does. A watch that overflowed may have lost one
 * (1); a folder gone or moved ends the watch (1, and WATCH_OFF). Files
 * written without pause beside the database (a trace of this very
 * process) could keep events coming for ever: after WATCH_READS reads
 * the rest is left for the next call, and the answer is 1. */
static int watch_drain(struct conn *c)
{
	alignas(struct inotify_event) char buf[4096];
	int seen = 0;
	for (int reads = 0;; reads++) {
		if (reads == WATCH_READS)
			return 1;
		ssize_t n = read(c->watch, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return seen;
		if (n <= 0) {
			close(c->watch);
			c->watch_state = WATCH_OFF;
			return 1;
		}
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			if (e->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
				close(c->watch);
				c->watch_state = WATCH_OFF;
				return 1;
			}
			if ((e->mask & IN_Q_OVERFLOW) || (e->len && names_database(c, e->name)))
				seen = 1;
			p += sizeof *e + e->len;
		}
	}
}

/* Milliseconds on a clock that only goes forward, read without a system call. */
static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* No commit since the last call when the watch saw none and was trusted
 * within the last WATCH_TRUST_MS; the first call starts the watch before
 * it answers 1, so no commit after the caller's query is missed. */
static int sq_may_have_changed(struct conn *c)
{
	if (c->watch_state == WATCH_UNSET) {
		watch_start(c);
		c->watch_checked = now_ms();
		return 1;
	}
	if (c->watch_state == WATCH_OFF)
		return 1;
	long long now = now_ms();
	if (watch_drain(c) || now - c->watch_checked >= WATCH_TRUST_MS) {
		c->watch_checked = now;
		return 1;
	}
	return 0;
}

/* Process-wide settings, made before SQLite starts: no allocation
 * statistics, which would take a global mutex on every allocation. */
static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static struct conn *sq_open(const char *location, enum store_open_mode mode, char **err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure_sqlite);
	struct stat st;
	if (mode == STORE_EXISTING && stat(location, &st) != 0) {
		*err = xasprintf("no database at %s; create it with 'rcphub init'", location);
		return NULL;
	}
	if (mode == STORE_EXISTING && !S_ISREG(st.st_mode)) {
		*err = xasprintf("%s is not a database file", location);
		return NULL;
	}
	struct conn *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(location);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (mode == STORE_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(location, &c->db, flags, NULL) != SQLITE_OK) {
		*err = xasprintf("cannot open database %s: %s", location,
				 c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sq_close(c);
		return NULL;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(c->db, 0);
	if (sq_exec(c, "PRAGMA foreign_keys = ON", "opening the database", err) ||
	    sq_exec(c, "PRAGMA journal_mode = WAL", "opening the database", err)) {
		sq_close(c);
		return NULL;
	}
	c->real = realpath(location, NULL);
	sqlite3_wal_hook(c->db, after_commit, c);
	return c;
}

static struct stmt *sq_prepare(struct conn *c, const char *sql, char **err)
{
	struct stmt *s = xcalloc(1, sizeof *s);
	s->head.drv = &driver_sqlite;
	s->conn = c;
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
		*err = error(c, "preparing a query");
		free(s);
		return NULL;
	}
	return s;
}

static void sq_finalize(struct stmt *s)
{
	sqlite3_finalize(s->st);
	free(s);
}

/* A bind that fails (out of memory; SQLite then binds NULL) makes the
 * statement's next step fail rather than run with a NULL in its place. */
static void bound(struct stmt *s, int rc)
{
	if (rc != SQLITE_OK)
		s->lost = 1;
}

static void sq_bind_text(struct stmt *s, int i, const char *v)
{
	bound(s, v ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s->st, i));
}

static void sq_bind_text_kept(struct stmt *s, int i, const char *v)
{
	bound(s, v ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s->st, i));
}

static void sq_bind_int64(struct stmt *s, int i, long long v)
{
	bound(s, sqlite3_bind_int64(s->st, i, v));
}

static void sq_bind_blob(struct stmt *s, int i, const void *data, size_t len)
{
	bound(s, sqlite3_bind_blob64(s->st, i, data ? data : "", len, SQLITE_TRANSIENT));
}

static int sq_step(struct stmt *s, const char *doing, char **err)
{
	if (s->lost) {
		s->lost = 0;
		*err = xasprintf("%s: out of memory binding a value or reading a row", doing);
		return -1;
	}
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	*err = error(s->conn, doing);
	return -1;
}

static void sq_reset(struct stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

/* A value SQLite could not hand over (it returns NULL for a value that is
 * not NULL when it runs out of memory): the step after this row fails. */
static void check_lost(struct stmt *s, const void *value, int i)
{
	if (!value && sqlite3_column_type(s->st, i) != SQLITE_NULL)
		s->lost = 1;
}

static const char *sq_col_text(struct stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s->st, i);
	check_lost(s, v, i);
	return v;
}

static long long sq_col_int64(struct stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

static const void *sq_col_blob(struct stmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(s->st, i);
	*len = (size_t)sqlite3_column_bytes(s->st, i);
	if (*len)
		check_lost(s, p, i);
	return p;
}

static long long sq_changes(struct stmt *s)
{
	return sqlite3_changes(s->conn->db);
}

static int sq_backup(struct conn *c, const char *path, int restore, char **err)
{
	sqlite3 *other = NULL;
	int flags = restore ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &other, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*err = xasprintf("cannot open %s: %s", path, other ? sqlite3_errmsg(other) : "out of memory");
		sqlite3_close(other);
		return -1;
	}
	sqlite3_busy_timeout(other, BUSY_TIMEOUT_MS);
	sqlite3 *from = restore ? other : c->db, *to = restore ? c->db : other;
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
	if (b && sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE)
		*err = xasprintf("%s %s: %s", restore ? "restoring from" : "backing up to", path, sqlite3_errmsg(to));
	else if (restore)
		announce_commit(c);
	sqlite3_close(other);
	return rc == SQLITE_DONE ? 0 : -1;
}

const struct driver driver_sqlite = {
	.name = "sqlite",
	.dialect = DIALECT_SQLITE,
	.snapshot_begin = "BEGIN",
	.open = sq_open,
	.close = sq_close,
	.may_have_changed = sq_may_have_changed,
	.exec = sq_exec,
	.begin = sq_begin,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_text = sq_bind_text,
	.bind_text_kept = sq_bind_text_kept,
	.bind_int64 = sq_bind_int64,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.reset = sq_reset,
	.col_text = sq_col_text,
	.col_int64 = sq_col_int64,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.backup = sq_backup,
};
