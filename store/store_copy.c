/* store_copy.c: a whole platform copied between stores, table by table as the catalogue lists them, checked by content */
#include "store_int.h"
#include "../core/buf.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The platform's tables: all but the migrations' own bookkeeping and the
 * full-text indexes (virtual tables and theirs), which triggers fill. */
static const struct query q_tables = { {
	"SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' "
	"AND m.name <> 'schema_migrations' AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' "
	"AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND (m.name = v.name OR m.name LIKE v.name || '\\_%' ESCAPE '\\')) "
	"ORDER BY m.name",
	"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
	"AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
} };

/* A table's columns in order: name, type, and whether it is in the primary key. */
static const struct query q_columns = { {
	"SELECT name, lower(type), pk FROM pragma_table_info(?) ORDER BY cid",
	"SELECT c.column_name, c.data_type, (SELECT count(*) FROM information_schema.key_column_usage k "
	"JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name "
	"AND t.table_schema = k.table_schema AND t.constraint_type = 'PRIMARY KEY' "
	"WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name "
	"AND k.column_name = c.column_name) "
	"FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = ? "
	"ORDER BY c.ordinal_position",
} };

/* The tables a table's foreign keys point to, with the referring column. */
static const struct query q_references = { {
	"SELECT DISTINCT \"table\", \"from\" FROM pragma_foreign_key_list(?)",
	"SELECT DISTINCT f.relname, a.attname FROM pg_constraint co "
	"JOIN pg_class f ON f.oid = co.confrelid "
	"JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = ANY (co.conkey) "
	"WHERE co.contype = 'f' AND co.conrelid = to_regclass(?::text)",
} };

struct column {
	char *name;
	int blob, key;
};

struct table {
	char *name;
	struct column *cols;
	size_t ncols;
	struct strlist refs;        /* other tables it refers to */
	struct strlist self_refs;   /* its columns that refer to its own rows */
	int placed;
};

struct catalogue {
	struct table *tables;
	size_t n;
};

static void catalogue_free(struct catalogue *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct table *t = &c->tables[i];
		for (size_t j = 0; j < t->ncols; j++)
			free(t->cols[j].name);
		free(t->cols);
		free(t->name);
		strlist_free(&t->refs);
		strlist_free(&t->self_refs);
	}
	free(c->tables);
	memset(c, 0, sizeof *c);
}

static int read_columns(struct store *s, struct table *t, char **err)
{
	struct stmt *st = store_stmt(s, &q_columns, err);
	if (!st)
		return -1;
	bind_text(st, 1, t->name);
	int rc;
	while ((rc = next_row(st, "reading the catalogue's columns", err)) == 1) {
		struct column *c = STORE_PUSH(&t->cols, &t->ncols);
		const char *type = col_str(st, 1);
		c->name = col_text(st, 0);
		c->blob = type && (strcmp(type, "blob") == 0 || strcmp(type, "bytea") == 0);
		c->key = col_int64(st, 2) > 0;
	}
	return rc;
}

static int read_references(struct store *s, struct table *t, char **err)
{
	struct stmt *st = store_stmt(s, &q_references, err);
	if (!st)
		return -1;
	bind_text(st, 1, t->name);
	int rc;
	while ((rc = next_row(st, "reading the catalogue's foreign keys", err)) == 1) {
		const char *to = col_str(st, 0);
		if (strcmp(to, t->name) == 0)
			strlist_push(&t->self_refs, col_str(st, 1));
		else if (!strlist_contains(&t->refs, to))
			strlist_push(&t->refs, to);
	}
	return rc;
}

static int placed(const struct catalogue *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->tables[i].name, name) == 0)
			return c->tables[i].placed;
	return 1;  /* outside the platform: nothing to wait for */
}

/* Orders c's tables so that every table comes after those it refers to. */
static int order_by_references(struct catalogue *c, char **err)
{
	struct table *ordered = xcalloc(c->n + 1, sizeof *ordered);
	size_t done = 0;
	while (done < c->n) {
		size_t before = done;
		for (size_t i = 0; i < c->n; i++) {
			struct table *t = &c->tables[i];
			size_t j = 0;
			while (!t->placed && j < t->refs.n && placed(c, t->refs.items[j]))
				j++;
			if (!t->placed && j == t->refs.n) {
				t->placed = 1;
				ordered[done++] = *t;
			}
		}
		if (done == before) {
			*err = xstrdup("copying: the tables' foreign keys go round in a circle");
			free(ordered);
			return -1;
		}
	}
	free(c->tables);
	c->tables = ordered;
	return 0;
}

/* Reads the platform's tables, columns and foreign keys from s's
 * catalogue into *c (catalogue_free), in an order that keeps foreign
 * keys whole. */
static int read_catalogue(struct store *s, struct catalogue *c, char **err)
{
	memset(c, 0, sizeof *c);
	struct stmt *st = store_stmt(s, &q_tables, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "reading the catalogue", err)) == 1)
		STORE_PUSH(&c->tables, &c->n)->name = col_text(st, 0);
	for (size_t i = 0; rc == 0 && i < c->n; i++)
		if (read_columns(s, &c->tables[i], err) || read_references(s, &c->tables[i], err))
			rc = -1;
	if (rc == 0)
		rc = order_by_references(c, err);
	if (rc)
		catalogue_free(c);
	return rc;
}

/* "SELECT cols FROM t ORDER BY ...": rows that refer to their own table
 * after those that do not, then by primary key (or every column). */
static char *select_sql(const struct table *t)
{
	struct buf b = { 0 };
	buf_appendf(&b, "SELECT ");
	for (size_t i = 0; i < t->ncols; i++)
		buf_appendf(&b, "%s%s", i ? ", " : "", t->cols[i].name);
	buf_appendf(&b, " FROM %s ORDER BY ", t->name);
	const char *sep = "";
	for (size_t i = 0; i < t->self_refs.n; i++, sep = ", ")
		buf_appendf(&b, "%s%s IS NOT NULL", sep, t->self_refs.items[i]);
	int any_key = 0;
	for (size_t i = 0; i < t->ncols; i++)
		any_key |= t->cols[i].key;
	for (size_t i = 0; i < t->ncols; i++, sep = ", ")
		if (t->cols[i].key || !any_key)
			buf_appendf(&b, "%s%s", sep, t->cols[i].name);
	return buf_release(&b, NULL);
}

/* "INSERT INTO t (cols) VALUES (?, ...)". */
static char *insert_sql(const struct table *t)
{
	struct buf b = { 0 };
	buf_appendf(&b, "INSERT INTO %s (", t->name);
	for (size_t i = 0; i < t->ncols; i++)
		buf_appendf(&b, "%s%s", i ? ", " : "", t->cols[i].name);
	buf_appendf(&b, ") VALUES (");
	for (size_t i = 0; i < t->ncols; i++)
		buf_appendf(&b, i ? ", ?" : "?");
	buf_appendf(&b, ")");
	return buf_release(&b, NULL);
}

/* Adds one row to a digest that does not depend on the order of rows:
 * the row's BLAKE2b-128, added word by word. Each value is tagged, so
 * that NULL, "" and bytes differ. */
static void digest_row(struct stmt *st, const struct table *t, uint64_t sum[2])
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 16);
	for (size_t i = 0; i < t->ncols; i++) {
		size_t len = 0;
		const void *v = t->cols[i].blob ? drv_of(st)->col_blob(st, (int)i, &len)
						: (const void *)col_str(st, (int)i);
		if (v && !t->cols[i].blob)
			len = strlen(v);
		unsigned char tag[9] = { v ? 1 : 0 };
		for (int k = 0; k < 8; k++)
			tag[1 + k] = (unsigned char)((uint64_t)len >> (8 * k));
		crypto_generichash_update(&h, tag, sizeof tag);
		if (v && len)
			crypto_generichash_update(&h, v, len);
	}
	unsigned char out[16];
	crypto_generichash_final(&h, out, sizeof out);
	for (int w = 0; w < 2; w++) {
		uint64_t word = 0;
		for (int k = 0; k < 8; k++)
			word |= (uint64_t)out[8 * w + k] << (8 * k);
		sum[w] += word;
	}
}

static void digest_hex(const uint64_t sum[2], char out[33])
{
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)sum[0], (unsigned long long)sum[1]);
}

/* Reads every row of t from s; with into, inserts each there too. Fills
 * the row count and digest. */
static int read_table(struct store *s, const struct table *t, struct store *into,
		      struct store_table_check *out, char **err)
{
	char *select = select_sql(t), *insert = into ? insert_sql(t) : NULL;
	char *doing = xasprintf(into ? "copying %s" : "reading %s", t->name);
	struct stmt *from = s->drv->prepare(s->conn, select, err);
	struct stmt *to = from && into ? into->drv->prepare(into->conn, insert, err) : NULL;
	int rc = from && (to || !into) ? 0 : -1;
	uint64_t sum[2] = { 0, 0 };
	long rows = 0;
	while (rc == 0 && (rc = next_row(from, doing, err)) == 1) {
		rows++;
		digest_row(from, t, sum);
		for (size_t i = 0; to && i < t->ncols; i++) {
			size_t len;
			const void *bytes = t->cols[i].blob ? drv_of(from)->col_blob(from, (int)i, &len) : NULL;
			if (bytes)
				bind_blob(to, (int)i + 1, bytes, len);
			else
				bind_text(to, (int)i + 1, col_str(from, (int)i));
		}
		rc = to ? run(to, doing, err) : 0;
	}
	if (rc == 0 && into && into->drv->after_copy)
		rc = into->drv->after_copy(into->conn, t->name, err);
	if (from)
		s->drv->finalize(from);
	if (to)
		into->drv->finalize(to);
	out->rows = rows;
	digest_hex(sum, out->digest);
	free(doing);
	free(select);
	free(insert);
	return rc < 0 ? -1 : 0;
}

/* Empties dst's platform tables, last referred to first: a new store
 * holds the rows its migrations made (the registry's version, the id
 * counters), which the copy brings anew. */
static int clear_tables(struct store *dst, const struct catalogue *c, char **err)
{
	for (size_t i = c->n; i-- > 0;) {
		char *sql = xasprintf("DELETE FROM %s", c->tables[i].name);  /* a name from the catalogue */
		int rc = store_exec(dst, sql, "emptying the copy", err);
		free(sql);
		if (rc)
			return -1;
	}
	return 0;
}

static void checks_from(const struct catalogue *c, struct store_checks *out)
{
	out->n = c->n;
	out->tables = xcalloc(c->n + 1, sizeof *out->tables);
	for (size_t i = 0; i < c->n; i++)
		out->tables[i].table = xstrdup(c->tables[i].name);
}

int store_copy(struct store *src, struct store *dst, struct store_checks *out, char **err)
{
	struct catalogue c;
	memset(out, 0, sizeof *out);
	if (read_catalogue(src, &c, err))
		return -1;
	checks_from(&c, out);
	int rc = clear_tables(dst, &c, err);
	for (size_t i = 0; rc == 0 && i < c.n; i++)
		rc = read_table(src, &c.tables[i], dst, &out->tables[i], err);
	catalogue_free(&c);
	return rc;
}

int store_check(struct store *s, struct store_checks *out, char **err)
{
	struct catalogue c;
	memset(out, 0, sizeof *out);
	if (read_catalogue(s, &c, err))
		return -1;
	checks_from(&c, out);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < c.n; i++)
		rc = read_table(s, &c.tables[i], NULL, &out->tables[i], err);
	catalogue_free(&c);
	return rc;
}

void store_checks_free(struct store_checks *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->tables[i].table);
	free(c->tables);
	memset(c, 0, sizeof *c);
}
