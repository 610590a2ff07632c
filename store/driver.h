/* driver.h: what a database engine gives the store: connections, prepared statements, rows */
#ifndef RCPHUB_DRIVER_H
#define RCPHUB_DRIVER_H

#include "store.h"

#include <stddef.h>

struct conn;
struct stmt;

/* Every driver's struct stmt starts with this, so that the store can
 * find the driver of a statement. */
struct stmt_head {
	const struct driver *drv;
};

/* The SQL an engine speaks: which text of a query or migration it runs. */
enum dialect {
	DIALECT_SQLITE,
	DIALECT_POSTGRESQL,
	DIALECT_COUNT
};

/* One engine. Statements use '?' placeholders, numbered from 1; a driver
 * whose engine wants another form rewrites them when it prepares. Every
 * function returning int returns 0 (or a row count) and -1 with *err. */
struct driver {
	const char *name;  /* "sqlite" or "postgresql" */
	enum dialect dialect;  /* picks the text of queries and migrations */
	/* Starts a read-only transaction that sees one moment of the database. */
	const char *snapshot_begin;
	/* Takes and gives back a lock that servers migrating one database at
	 * once take turns on; NULL where a file lock does it already. */
	int (*lock_migrations)(struct conn *c, char **err);
	void (*unlock_migrations)(struct conn *c);
	/* Called after rows with their ids were copied into table, so that
	 * numbers the engine gives go on after them; NULL if none need it. */
	int (*after_copy)(struct conn *c, const char *table, char **err);
	/* Connects to location; mode as store_open. */
	struct conn *(*open)(const char *location, enum store_open_mode mode, char **err);
	void (*close)(struct conn *c);
	/* 0 when no commit can have changed the database since the last call
	 * on c, 1 when one may have (always on the first call); NULL where
	 * only a query can tell. */
	int (*may_have_changed)(struct conn *c);
	/* Runs SQL text that may hold several statements and returns no rows. */
	int (*exec)(struct conn *c, const char *sql, const char *doing, char **err);
	/* Starts a transaction that will write. */
	int (*begin)(struct conn *c, char **err);
	/* A statement prepared once; freed by finalize. NULL with *err. */
	struct stmt *(*prepare)(struct conn *c, const char *sql, char **err);
	void (*finalize)(struct stmt *st);
	/* Bindings are copied; text NULL binds SQL NULL. */
	void (*bind_text)(struct stmt *st, int i, const char *v);
	/* The same for text the caller keeps unchanged until the statement
	 * is reset, which an engine may then read in place. */
	void (*bind_text_kept)(struct stmt *st, int i, const char *v);
	void (*bind_int64)(struct stmt *st, int i, long long v);
	void (*bind_blob)(struct stmt *st, int i, const void *data, size_t len);
	/* Runs or advances the statement: 1 with a row, 0 when done, -1. */
	int (*step)(struct stmt *st, const char *doing, char **err);
	/* Ends the statement's run and clears its bindings. */
	void (*reset)(struct stmt *st);
	/* Columns of the current row, from 0; NULL text for SQL NULL. The
	 * pointers stay valid until the next step or reset. */
	const char *(*col_text)(struct stmt *st, int i);
	long long (*col_int64)(struct stmt *st, int i);
	const void *(*col_blob)(struct stmt *st, int i, size_t *len);
	/* Rows changed by the statement's last run. */
	long long (*changes)(struct stmt *st);
	/* A bulk load, for engines that have one faster than statements (NULL
	 * otherwise): copy_begin starts `COPY table (columns) FROM STDIN`
	 * (sql), copy_row sends one row of n texts (NULL for SQL NULL), and
	 * copy_end finishes it. Nothing else runs on the connection between. */
	int (*copy_begin)(struct conn *c, const char *sql, char **err);
	/* Copies the whole database, page by page, to the file at path
	 * (restore 0) or from it (restore 1), as the engine's online backup
	 * does; NULL where the engine has none. */
	int (*backup)(struct conn *c, const char *path, int restore, char **err);
	int (*copy_row)(struct conn *c, const char *const *values, size_t n, char **err);
	int (*copy_end)(struct conn *c, char **err);
};

extern const struct driver driver_sqlite;
extern const struct driver driver_pg;

#endif
