/* store_pg.c: the PostgreSQL driver (libpq): several rcphub servers can share one database */
#include "driver.h"
#include "../core/xalloc.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL's own limit on a statement's parameters. */
#define MAX_PARAMS 65535

/* A row of COPY text being built, reused from row to row. */
struct copy_buf {
	char *data;
	size_t len, cap;
};

static void copy_put(struct copy_buf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

struct conn {
	PGconn *pg;
	struct copy_buf copy;
	char *where;      /* "host:port/database", for messages; never the password */
	int in_tx;        /* inside BEGIN ... COMMIT: a lost connection is not retried */
	int generation;   /* raised at each reconnection, which forgets prepared statements */
	unsigned next_id;
};

struct stmt {
	struct stmt_head head;
	struct conn *conn;
	char name[24];
	char *sql;                 /* with $1, $2, ... */
	int nparams;
	int prepared_generation;   /* 0: not prepared on this connection */
	char **values;             /* nparams of each */
	int *lengths, *formats;
	PGresult *res;
	int row, nrows;
	long long changes;
	unsigned char *blob;       /* the last column read with col_blob */
};

static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* "doing: message (where)", the message's first line only. */
static char *error(struct conn *c, const char *doing, const char *message)
{
	size_t len = strcspn(message, "\n");
	return xasprintf("%s: %.*s (PostgreSQL at %s)", doing, (int)len, message, c->where);
}

/* Where location points, from its parsed options: never the password. */
static char *where_of(const char *location)
{
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(location, &msg);
	if (!opts) {
		PQfreemem(msg);
		return NULL;
	}
	const char *host = "localhost", *port = "5432", *db = "";
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (strcmp(o->keyword, "host") == 0 || strcmp(o->keyword, "hostaddr") == 0)
			host = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (strcmp(o->keyword, "dbname") == 0)
			db = o->val;
	}
	char *where = xasprintf("%s:%s/%s", host, port, db);
	PQconninfoFree(opts);
	return where;
}

static void pg_close(struct conn *c)
{
	if (!c)
		return;
	PQfinish(c->pg);
	free(c->copy.data);
	free(c->where);
	free(c);
}

static struct conn *pg_open(const char *location, enum store_open_mode mode, char **err)
{
	(void)mode;  /* the database exists on the server; migration makes the tables */
	char *where = where_of(location);
	if (!where) {
		*err = xstrdup("the database URL is malformed; use postgresql://USER@HOST:PORT/DATABASE");
		return NULL;
	}
	struct conn *c = xcalloc(1, sizeof *c);
	c->where = where;
	c->generation = 1;
	c->pg = PQconnectdb(location);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		*err = error(c, "cannot connect", PQerrorMessage(c->pg));
		pg_close(c);
		return NULL;
	}
	PQsetNoticeProcessor(c->pg, ignore_notice, NULL);
	return c;
}

/* Reconnects a lost connection once, outside a transaction. 1 if it
 * did and the caller may try again. */
static int reconnected(struct conn *c)
{
	if (PQstatus(c->pg) != CONNECTION_BAD || c->in_tx)
		return 0;
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return 0;
	c->generation++;
	return 1;
}

static int result_ok(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

static int pg_exec(struct conn *c, const char *sql, const char *doing, char **err)
{
	int is_begin = strncmp(sql, "BEGIN", 5) == 0;
	int is_end = strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0;
	PGresult *r = PQexec(c->pg, sql);
	if (!result_ok(r) && !is_end && reconnected(c)) {
		PQclear(r);
		r = PQexec(c->pg, sql);
	}
	int ok = result_ok(r);
	if (!ok)
		*err = error(c, doing, PQerrorMessage(c->pg));
	PQclear(r);
	if (is_begin && ok)
		c->in_tx = 1;
	if (is_end)
		c->in_tx = 0;
	return ok ? 0 : -1;
}

static int pg_copy_begin(struct conn *c, const char *sql, char **err)
{
	PGresult *r = PQexec(c->pg, sql);
	int ok = PQresultStatus(r) == PGRES_COPY_IN;
	if (!ok)
		*err = error(c, "starting a bulk load", PQerrorMessage(c->pg));
	PQclear(r);
	return ok ? 0 : -1;
}

/* Appends v to b as COPY's text format wants it: \N for NULL, and
 * backslash, tab, newline and carriage return escaped. */
static void copy_field(struct copy_buf *b, const char *v)
{
	if (!v) {
		copy_put(b, "\\N", 2);
		return;
	}
	for (; *v; v++) {
		const char *esc = *v == '\\' ? "\\\\" : *v == '\t' ? "\\t" : *v == '\n' ? "\\n" : *v == '\r' ? "\\r" : NULL;
		if (esc)
			copy_put(b, esc, 2);
		else
			copy_put(b, v, 1);
	}
}

static int pg_copy_row(struct conn *c, const char *const *values, size_t n, char **err)
{
	c->copy.len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			copy_put(&c->copy, "\t", 1);
		copy_field(&c->copy, values[i]);
	}
	copy_put(&c->copy, "\n", 1);
	if (PQputCopyData(c->pg, c->copy.data, (int)c->copy.len) == 1)
		return 0;
	*err = error(c, "bulk loading", PQerrorMessage(c->pg));
	return -1;
}

static int pg_copy_end(struct conn *c, char **err)
{
	int ok = PQputCopyEnd(c->pg, NULL) == 1;
	PGresult *r;
	while ((r = PQgetResult(c->pg))) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			ok = 0;
		PQclear(r);
	}
	if (!ok)
		*err = error(c, "finishing a bulk load", PQerrorMessage(c->pg));
	return ok ? 0 : -1;
}

static int pg_begin(struct conn *c, char **err)
{
	return pg_exec(c, "BEGIN", "starting a transaction", err);
}

/* sql with each '?' outside quotes numbered $1, $2, ...; *n the count. */
static char *number_params(const char *sql, int *n)
{
	size_t len = strlen(sql);
	char *out = xmalloc(len * 3 + 1), *o = out;
	char quote = 0;
	*n = 0;
	for (const char *p = sql; *p; p++) {
		if (quote && *p == quote)
			quote = 0;
		else if (!quote && (*p == '\'' || *p == '"'))
			quote = *p;
		if (!quote && *p == '?')
			o += sprintf(o, "$%d", ++*n);
		else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

static struct stmt *pg_prepare(struct conn *c, const char *sql, char **err)
{
	struct stmt *s = xcalloc(1, sizeof *s);
	s->head.drv = &driver_pg;
	s->conn = c;
	s->sql = number_params(sql, &s->nparams);
	if (s->nparams > MAX_PARAMS) {
		*err = xasprintf("preparing a query: %d parameters, more than %d", s->nparams, MAX_PARAMS);
		free(s->sql);
		free(s);
		return NULL;
	}
	snprintf(s->name, sizeof s->name, "rcphub_%u", ++c->next_id);
	size_t n = s->nparams ? (size_t)s->nparams : 1;
	s->values = xcalloc(n, sizeof *s->values);
	s->lengths = xcalloc(n, sizeof *s->lengths);
	s->formats = xcalloc(n, sizeof *s->formats);
	return s;
}

static void clear_result(struct stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
	PQfreemem(s->blob);
	s->blob = NULL;
}

static void pg_reset(struct stmt *s)
{
	clear_result(s);
	for (int i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->lengths[i] = s->formats[i] = 0;
	}
}

static void pg_finalize(struct stmt *s)
{
	pg_reset(s);
	free(s->values);
	free(s->lengths);
	free(s->formats);
	free(s->sql);
	free(s);
}

static void set_param(struct stmt *s, int i, char *value, int len, int format)
{
	if (i < 1 || i > s->nparams) {
		free(value);
		return;
	}
	free(s->values[i - 1]);
	s->values[i - 1] = value;
	s->lengths[i - 1] = len;
	s->formats[i - 1] = format;
}

static void pg_bind_text(struct stmt *s, int i, const char *v)
{
	set_param(s, i, xstrdup_or_null(v), 0, 0);
}

static void pg_bind_int64(struct stmt *s, int i, long long v)
{
	set_param(s, i, xasprintf("%lld", v), 0, 0);
}

static void pg_bind_blob(struct stmt *s, int i, const void *data, size_t len)
{
	char *copy = xmalloc(len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	set_param(s, i, copy, (int)len, 1);
}

/* Prepares the statement on this connection if it is not yet. */
static PGresult *prepare_now(struct stmt *s)
{
	if (s->prepared_generation == s->conn->generation)
		return NULL;
	PGresult *r = PQprepare(s->conn->pg, s->name, s->sql, s->nparams, NULL);
	if (result_ok(r)) {
		PQclear(r);
		s->prepared_generation = s->conn->generation;
		return NULL;
	}
	return r;
}

/* Runs the statement: the result, which the caller checks and clears. */
static PGresult *execute(struct stmt *s)
{
	PGresult *r = prepare_now(s);
	if (r)
		return r;
	return PQexecPrepared(s->conn->pg, s->name, s->nparams, (const char *const *)s->values,
			      s->lengths, s->formats, 0);
}

static int pg_step(struct stmt *s, const char *doing, char **err)
{
	if (!s->res) {
		PGresult *r = execute(s);
		if (!result_ok(r) && reconnected(s->conn)) {
			PQclear(r);
			r = execute(s);
		}
		if (!result_ok(r)) {
			*err = error(s->conn, doing, PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r)
									   : PQerrorMessage(s->conn->pg));
			PQclear(r);
			return -1;
		}
		s->res = r;
		s->nrows = PQntuples(r);
		s->row = -1;
		const char *tuples = PQcmdTuples(r);
		s->changes = *tuples ? strtoll(tuples, NULL, 10) : 0;
	}
	PQfreemem(s->blob);
	s->blob = NULL;
	return ++s->row < s->nrows ? 1 : 0;
}

static const char *pg_col_text(struct stmt *s, int i)
{
	if (!s->res || s->row >= s->nrows || PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

static long long pg_col_int64(struct stmt *s, int i)
{
	const char *v = pg_col_text(s, i);
	return v ? strtoll(v, NULL, 10) : 0;
}

static const void *pg_col_blob(struct stmt *s, int i, size_t *len)
{
	const char *v = pg_col_text(s, i);
	*len = 0;
	if (!v)
		return NULL;
	PQfreemem(s->blob);
	s->blob = PQunescapeBytea((const unsigned char *)v, len);
	if (!s->blob)
		abort();
	return s->blob;
}

static long long pg_changes(struct stmt *s)
{
	return s->changes;
}

/* Servers starting together on one database take turns to migrate (a
 * session advisory lock); who comes second finds it done. */
static int pg_lock_migrations(struct conn *c, char **err)
{
	return pg_exec(c, "SELECT pg_advisory_lock(7270431)", "waiting to migrate", err);
}

static void pg_unlock_migrations(struct conn *c)
{
	char *ignored = NULL;
	if (pg_exec(c, "SELECT pg_advisory_unlock(7270431)", "migrating", &ignored))
		free(ignored);
}

/* Moves every identity column of table past the largest value copied. */
static int pg_after_copy(struct conn *c, const char *table, char **err)
{
	const char *params[1] = { table };
	PGresult *r = PQexecParams(c->pg,
		"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
		"AND table_name = $1 AND is_identity = 'YES'", 1, NULL, params, NULL, NULL, 0);
	int rc = result_ok(r) ? 0 : -1;
	if (rc)
		*err = error(c, "reading identity columns", PQerrorMessage(c->pg));
	for (int i = 0; rc == 0 && i < PQntuples(r); i++) {
		const char *col = PQgetvalue(r, i, 0);
		char *t = PQescapeIdentifier(c->pg, table, strlen(table));
		char *q = PQescapeIdentifier(c->pg, col, strlen(col));
		char *tl = PQescapeLiteral(c->pg, table, strlen(table));
		char *ql = PQescapeLiteral(c->pg, col, strlen(col));
		if (!t || !q || !tl || !ql)
			abort();
		char *sql = xasprintf("SELECT setval(pg_get_serial_sequence(%s, %s), "
				      "coalesce(max(%s), 0) + 1, false) FROM %s", tl, ql, q, t);
		rc = pg_exec(c, sql, "restarting an identity column", err);
		free(sql);
		PQfreemem(t);
		PQfreemem(q);
		PQfreemem(tl);
		PQfreemem(ql);
	}
	PQclear(r);
	return rc;
}

const struct driver driver_pg = {
	.name = "postgresql",
	.dialect = DIALECT_POSTGRESQL,
	.snapshot_begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	.lock_migrations = pg_lock_migrations,
	.unlock_migrations = pg_unlock_migrations,
	.after_copy = pg_after_copy,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_text = pg_bind_text,
	.bind_text_kept = pg_bind_text,
	.copy_begin = pg_copy_begin,
	.copy_row = pg_copy_row,
	.copy_end = pg_copy_end,
	.bind_int64 = pg_bind_int64,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.reset = pg_reset,
	.col_text = pg_col_text,
	.col_int64 = pg_col_int64,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
};
