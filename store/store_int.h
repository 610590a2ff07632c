/* store_int.h: what the store's topic files share: the open store, statements, binders, row readers */
#ifndef RCPHUB_STORE_INT_H
#define RCPHUB_STORE_INT_H

#include "store.h"
#include "driver.h"
#include "../core/xalloc.h"

#include <stddef.h>

/* A statement of one topic file, written once with '?' placeholders:
 * text[DIALECT_SQLITE] for every engine, and text[DIALECT_POSTGRESQL]
 * only where PostgreSQL needs other words (NULL: the same text). Each is
 * a static const of the file that runs it; the store prepares it on
 * first use per connection, keyed by its address. */
struct query {
	const char *text[DIALECT_COUNT];
};

/* Prepared statements of one connection, by the address of their query. */
struct stmt_slot {
	const struct query *q;
	struct stmt *st;
};

struct store {
	const struct driver *drv;
	struct conn *conn;
	char *location;
	struct stmt_slot *slots;  /* open addressing; cap a power of two */
	size_t cap, used;
};

/* The prepared statement for q, reset and with bindings cleared; NULL
 * with *err. It belongs to s and stays valid until store_close. */
struct stmt *store_stmt(struct store *s, const struct query *q, char **err);
/* Runs SQL text (several statements, no rows) on s's connection. */
int store_exec(struct store *s, const char *sql, const char *doing, char **err);
/* A list kept in one text column: its items joined by sep ("" for none;
 * caller frees), and the items of such a text (empty ones left out)
 * added to out. */
char *store_join(const struct strlist *l, const char *sep);
void store_split(struct strlist *out, const char *text, char sep);
/* Raises the registry's version; every registry write calls it. */
int store_bump_registry(struct store *s, char **err);
/* Raises the documents' version; every document write calls it. */
int store_bump_documents(struct store *s, char **err);
/* The next id for a new record of table, from id_sequences: ids only
 * grow, so an id the audit log names is never given to another record. */
int store_next_id(struct store *s, const char *table, long long *id, char **err);

static inline const struct driver *drv_of(struct stmt *st)
{
	return ((struct stmt_head *)st)->drv;
}

static inline void bind_text(struct stmt *st, int i, const char *v)
{
	drv_of(st)->bind_text(st, i, v);
}

/* Text that stays unchanged until st is reset (not copied where the engine can help it). */
static inline void bind_text_kept(struct stmt *st, int i, const char *v)
{
	drv_of(st)->bind_text_kept(st, i, v);
}

static inline void bind_int64(struct stmt *st, int i, long long v)
{
	drv_of(st)->bind_int64(st, i, v);
}

static inline void bind_blob(struct stmt *st, int i, const void *data, size_t len)
{
	drv_of(st)->bind_blob(st, i, data, len);
}

/* Binds a year, or NULL for 0 (an open end). */
static inline void bind_year(struct stmt *st, int i, int year)
{
	if (year)
		bind_int64(st, i, year);
	else
		bind_text(st, i, NULL);
}

/* A text column of the current row; valid until the next step or reset. */
static inline const char *col_str(struct stmt *st, int i)
{
	return drv_of(st)->col_text(st, i);
}

static inline long long col_int64(struct stmt *st, int i)
{
	return drv_of(st)->col_int64(st, i);
}

/* A copy of a text column (caller frees), NULL for NULL. */
static inline char *col_text(struct stmt *st, int i)
{
	return xstrdup_or_null(col_str(st, i));
}

static inline void reset(struct stmt *st)
{
	drv_of(st)->reset(st);
}

/* Steps st to its next row: 1 for a row, 0 when done (and reset), -1 on error. */
static inline int next_row(struct stmt *st, const char *doing, char **err)
{
	int rc = drv_of(st)->step(st, doing, err);
	if (rc <= 0)
		reset(st);
	return rc;
}

/* Runs a statement that returns no rows. */
static inline int run(struct stmt *st, const char *doing, char **err)
{
	int rc = drv_of(st)->step(st, doing, err);
	reset(st);
	return rc < 0 ? -1 : 0;
}

/* Runs st and sets *changed (if not NULL) to how many rows it changed. */
static inline int run_changes(struct stmt *st, const char *doing, int *changed, char **err)
{
	if (drv_of(st)->step(st, doing, err) < 0) {
		reset(st);
		return -1;
	}
	if (changed)
		*changed = (int)drv_of(st)->changes(st);
	reset(st);
	return 0;
}

/* Reads the single number st selects into *out; no row is an error. */
static inline int read_number(struct stmt *st, const char *doing, long long *out, char **err)
{
	int rc = next_row(st, doing, err);
	if (rc == 0)
		*err = xasprintf("%s: no row", doing);
	if (rc <= 0)
		return -1;
	*out = col_int64(st, 0);
	reset(st);
	return 0;
}

/* Grows a caller's array by one zeroed item: *items reallocated, *n raised. */
#define STORE_PUSH(items, n) \
	(*(items) = xrealloc(*(items), (*(n) + 1) * sizeof **(items)), \
	 memset(&(*(items))[*(n)], 0, sizeof **(items)), &(*(items))[(*(n))++])

#endif
