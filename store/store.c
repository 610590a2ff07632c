/* store.c: the store's queries and their assembly into model types, on any driver */
#include "store.h"
#include "driver.h"
#include "migrations.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>

/* Statements prepared once per connection, on first use. */
enum stmt_id {
	Q_SOURCE_PUT,
	Q_COUNTRY_PUT,
	Q_ORG_PUT,
	Q_NAME_PUT,
	Q_PROCESS_PUT,
	Q_TEXT_PUT,
	Q_SECORG_PUT,
	Q_LEADER_PUT,
	Q_GROUP_PUT,
	Q_GROUP_CHAIR_PUT,
	Q_PART_PUT,
	Q_NAMES_LOAD,
	Q_PROCESS_LIST,
	Q_PROCESS_GET,
	Q_TEXTS_GET,
	Q_SECORGS_GET,
	Q_LEADERS_GET,
	Q_GROUPS_GET,
	Q_GROUP_CHAIRS_GET,
	Q_PARTS_OF_PROCESS,
	Q_PARTS_OF_PARTY,
	Q_COUNTRY_GET,
	Q_COUNTRY_LIST,
	Q_ORG_GET,
	Q_ORG_ALIASES,
	Q_COUNT_PROCESSES,
	Q_COUNT_COUNTRIES,
	Q_COUNT_ORGANISATIONS,
	Q_COUNT_PARTICIPATIONS,
	Q_COUNT_USERS,
	Q_COUNT_DOCUMENTS,
	Q_SCHEMA_VERSION,
	Q_MIGRATION_PUT,
	Q_USER_PUT,
	Q_USER_GET,
	Q_USER_LIST,
	Q_USER_DISABLE,
	Q_USER_PASSWORD,
	Q_USER_TOTP,
	Q_USER_TOTP_STEP,
	Q_GRANTS_OF,
	Q_GRANTS_ALL,
	Q_GRANT_PUT,
	Q_GRANT_DELETE,
	Q_SESSION_PUT,
	Q_SESSION_USER,
	Q_SESSION_TOUCH,
	Q_SESSION_DELETE,
	Q_SESSIONS_OF_DELETE,
	Q_SESSIONS_EXPIRE,
	Q_TOKEN_PUT,
	Q_TOKEN_LOGIN,
	Q_TOKENS_REVOKE,
	Q_FAILURE_PUT,
	Q_FAILURE_COUNT,
	Q_FAILURES_CLEAR,
	Q_FAILURES_PRUNE,
	Q_DOC_PUT,
	Q_DOC_UPDATE,
	Q_DOC_ATTACH,
	Q_DOC_GET,
	Q_DOCS_OF,
	Q_DOC_DELETE,
	Q_DOC_BLOB,
	Q_READERS_OF_DOC,
	Q_READERS_OF_PROCESS,
	Q_READER_PUT,
	Q_READERS_DELETE,
	Q_AUDIT_PUT,
	Q_AUDIT_LIST,
	Q_AUDIT_LIST_PROCESS,
	Q_REGISTRY_VERSION,
	Q_REGISTRY_BUMP,
	Q_COUNT
};

/* The participation columns every participation query selects, in order. */
#define PART_COLUMNS \
	"p.process, pr.acronym, p.party_kind, coalesce(p.country, p.organisation), " \
	"coalesce(c.name, o.name), p.role, p.status, p.since, p.until, p.label, " \
	"p.note, p.source, p.section, p.as_of "
#define PART_FROM \
	"FROM participations p JOIN processes pr ON pr.slug = p.process " \
	"LEFT JOIN countries c ON c.alpha3 = p.country " \
	"LEFT JOIN organisations o ON o.slug = p.organisation "

/* The columns of a user, a document and an audit entry, in order. */
#define USER_COLUMNS \
	"login, government, organisation, admin, disabled, must_change_password, created_at, " \
	"password_hash, totp_secret, totp_last_step "
#define DOC_COLUMNS \
	"id, process, title, kind, issued, level, state, body, attachment_name, attachment_type, " \
	"length(attachment), created_by, created_at, updated_at "
#define AUDIT_COLUMNS "id, at, login, address, action, process, object, detail "

static const char *const stmt_sql[Q_COUNT] = {
	[Q_SOURCE_PUT] = "INSERT INTO sources (id, title, series, author, publisher, published, as_of, file) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_COUNTRY_PUT] = "INSERT INTO countries (alpha3, alpha2, numeric_code, name, iso_name, official_name, territory_of) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[Q_ORG_PUT] = "INSERT INTO organisations (slug, acronym, name, kind) VALUES (?, ?, ?, ?)",
	[Q_NAME_PUT] = "INSERT INTO names (kind, name, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
	[Q_PROCESS_PUT] = "INSERT INTO processes (slug, position, acronym, name, established, region, scope, "
			  "secretariat_arrangement, secretariat_text, secretariat_since, source, section, as_of) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_TEXT_PUT] = "INSERT INTO process_texts (process, list, position, text) VALUES (?, ?, ?, ?)",
	[Q_SECORG_PUT] = "INSERT INTO secretariat_organisations (process, position, organisation) VALUES (?, ?, ?)",
	[Q_LEADER_PUT] = "INSERT INTO leaders (process, position, post, country, organisation, portfolio, since, until) "
			 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_GROUP_PUT] = "INSERT INTO working_groups (process, position, name) VALUES (?, ?, ?)",
	[Q_GROUP_CHAIR_PUT] = "INSERT INTO working_group_chairs (process, grp, position, role, country) "
			      "VALUES (?, ?, ?, ?, ?)",
	[Q_PART_PUT] = "INSERT INTO participations (process, position, party_kind, country, organisation, role, "
		       "status, since, until, label, note, source, section, as_of) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_NAMES_LOAD] = "SELECT name, id FROM names WHERE kind = ? ORDER BY name, id",
	[Q_PROCESS_LIST] = "SELECT slug, acronym, name, established, region, scope, secretariat_arrangement, "
			   "secretariat_text, secretariat_since, source, section, as_of FROM processes ORDER BY position",
	[Q_PROCESS_GET] = "SELECT slug, acronym, name, established, region, scope, secretariat_arrangement, "
			  "secretariat_text, secretariat_since, source, section, as_of FROM processes WHERE slug = ?",
	[Q_TEXTS_GET] = "SELECT list, text FROM process_texts WHERE process = ? ORDER BY list, position",
	[Q_SECORGS_GET] = "SELECT organisation FROM secretariat_organisations WHERE process = ? ORDER BY position",
	[Q_LEADERS_GET] = "SELECT l.post, CASE WHEN l.country IS NULL THEN 'organisation' "
			  "WHEN c.territory_of IS NULL THEN 'government' ELSE 'territory' END, "
			  "coalesce(l.country, l.organisation), coalesce(c.name, o.name), l.portfolio, l.since, l.until "
			  "FROM leaders l LEFT JOIN countries c ON c.alpha3 = l.country "
			  "LEFT JOIN organisations o ON o.slug = l.organisation WHERE l.process = ? ORDER BY l.position",
	[Q_GROUPS_GET] = "SELECT position, name FROM working_groups WHERE process = ? ORDER BY position",
	[Q_GROUP_CHAIRS_GET] = "SELECT grp, role, country FROM working_group_chairs WHERE process = ? "
			       "ORDER BY grp, position",
	[Q_PARTS_OF_PROCESS] = "SELECT " PART_COLUMNS PART_FROM "WHERE p.process = ? ORDER BY p.position",
	[Q_PARTS_OF_PARTY] = "SELECT " PART_COLUMNS PART_FROM
			     "WHERE coalesce(p.country, p.organisation) = ? ORDER BY pr.position, p.position",
	[Q_COUNTRY_GET] = "SELECT alpha3, alpha2, numeric_code, name, iso_name, official_name, territory_of "
			  "FROM countries WHERE alpha3 = ?",
	[Q_COUNTRY_LIST] = "SELECT alpha3, alpha2, numeric_code, name, iso_name, official_name, territory_of "
			   "FROM countries ORDER BY alpha3",
	[Q_ORG_GET] = "SELECT slug, acronym, name, kind FROM organisations WHERE slug = ?",
	[Q_ORG_ALIASES] = "SELECT name FROM names WHERE kind = 'organisation' AND id = ? ORDER BY name",
	[Q_COUNT_PROCESSES] = "SELECT count(*) FROM processes",
	[Q_COUNT_COUNTRIES] = "SELECT count(*) FROM countries",
	[Q_COUNT_ORGANISATIONS] = "SELECT count(*) FROM organisations",
	[Q_COUNT_PARTICIPATIONS] = "SELECT count(*) FROM participations",
	[Q_COUNT_USERS] = "SELECT count(*) FROM users",
	[Q_COUNT_DOCUMENTS] = "SELECT count(*) FROM documents",
	[Q_SCHEMA_VERSION] = "SELECT coalesce(max(version), 0) FROM schema_migrations",
	[Q_MIGRATION_PUT] = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
	[Q_USER_PUT] = "INSERT INTO users (login, government, organisation, admin, password_hash, "
		       "must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[Q_USER_GET] = "SELECT " USER_COLUMNS "FROM users WHERE login = ?",
	[Q_USER_LIST] = "SELECT " USER_COLUMNS "FROM users ORDER BY login",
	[Q_USER_DISABLE] = "UPDATE users SET disabled = ? WHERE login = ?",
	[Q_USER_PASSWORD] = "UPDATE users SET password_hash = ?, must_change_password = ? WHERE login = ?",
	[Q_USER_TOTP] = "UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE login = ?",
	[Q_USER_TOTP_STEP] = "UPDATE users SET totp_last_step = ? WHERE login = ? AND totp_last_step < ?",
	[Q_GRANTS_OF] = "SELECT g.process, g.role FROM grants g JOIN processes p ON p.slug = g.process "
			"WHERE g.login = ? ORDER BY p.position",
	[Q_GRANTS_ALL] = "SELECT g.login, g.process, g.role FROM grants g JOIN processes p ON p.slug = g.process "
			 "ORDER BY g.login, p.position",
	[Q_GRANT_PUT] = "INSERT INTO grants (login, process, role) VALUES (?, ?, ?) "
			"ON CONFLICT (login, process) DO UPDATE SET role = excluded.role",
	[Q_GRANT_DELETE] = "DELETE FROM grants WHERE login = ? AND process = ?",
	[Q_SESSION_PUT] = "INSERT INTO sessions (token_hash, login, csrf, created_at, seen_at, address) "
			  "VALUES (?, ?, ?, ?, ?, ?)",
	[Q_SESSION_USER] = "SELECT s.login, s.csrf, s.created_at, s.seen_at, u.government, u.organisation, "
			   "u.admin, u.disabled, u.must_change_password, u.created_at, "
			   "(SELECT group_concat(g.process || ' ' || g.role, ' ') FROM grants g WHERE g.login = u.login) "
			   "FROM sessions s JOIN users u ON u.login = s.login WHERE s.token_hash = ?",
	[Q_SESSION_TOUCH] = "UPDATE sessions SET seen_at = ? WHERE token_hash = ?",
	[Q_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?",
	[Q_SESSIONS_OF_DELETE] = "DELETE FROM sessions WHERE login = ?",
	[Q_SESSIONS_EXPIRE] = "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
	[Q_TOKEN_PUT] = "INSERT INTO api_tokens (token_hash, login, created_at) VALUES (?, ?, ?)",
	[Q_TOKEN_LOGIN] = "SELECT login FROM api_tokens WHERE token_hash = ? AND revoked = 0",
	[Q_TOKENS_REVOKE] = "UPDATE api_tokens SET revoked = 1 WHERE login = ?",
	[Q_FAILURE_PUT] = "INSERT INTO login_failures (key, at) VALUES (?, ?)",
	[Q_FAILURE_COUNT] = "SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE key = ? AND at >= ?",
	[Q_FAILURES_CLEAR] = "DELETE FROM login_failures WHERE key = ?",
	[Q_FAILURES_PRUNE] = "DELETE FROM login_failures WHERE at < ?",
	[Q_DOC_PUT] = "INSERT INTO documents (process, title, kind, issued, level, state, body, "
		      "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[Q_DOC_UPDATE] = "UPDATE documents SET title = ?, kind = ?, issued = ?, level = ?, state = ?, "
			 "body = ?, updated_at = ? WHERE id = ?",
	[Q_DOC_ATTACH] = "UPDATE documents SET attachment_name = ?, attachment_type = ?, attachment = ?, "
			 "updated_at = ? WHERE id = ?",
	[Q_DOC_GET] = "SELECT " DOC_COLUMNS "FROM documents WHERE id = ?",
	[Q_DOCS_OF] = "SELECT " DOC_COLUMNS "FROM documents WHERE process = ? "
		      "ORDER BY coalesce(issued, '') DESC, id DESC",
	[Q_DOC_DELETE] = "DELETE FROM documents WHERE id = ?",
	[Q_DOC_BLOB] = "SELECT attachment FROM documents WHERE id = ? AND attachment IS NOT NULL",
	[Q_READERS_OF_DOC] = "SELECT document, login FROM document_readers WHERE document = ? ORDER BY login",
	[Q_READERS_OF_PROCESS] = "SELECT r.document, r.login FROM document_readers r "
				 "JOIN documents d ON d.id = r.document WHERE d.process = ? "
				 "ORDER BY r.document, r.login",
	[Q_READER_PUT] = "INSERT INTO document_readers (document, login) VALUES (?, ?)",
	[Q_READERS_DELETE] = "DELETE FROM document_readers WHERE document = ?",
	[Q_AUDIT_PUT] = "INSERT INTO audit_log (at, login, address, action, process, object, detail) "
			"VALUES (?, ?, ?, ?, ?, ?, ?)",
	[Q_AUDIT_LIST] = "SELECT " AUDIT_COLUMNS "FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?",
	[Q_AUDIT_LIST_PROCESS] = "SELECT " AUDIT_COLUMNS "FROM audit_log WHERE process = ? "
				 "ORDER BY id DESC LIMIT ? OFFSET ?",
	[Q_REGISTRY_VERSION] = "SELECT version FROM registry_version WHERE id = 1",
	[Q_REGISTRY_BUMP] = "UPDATE registry_version SET version = version + 1 WHERE id = 1",
};


/* Where PostgreSQL needs other words than SQLite (NULL: the same text). */
static const char *const stmt_sql_postgresql[Q_COUNT] = {
	[Q_SESSION_USER] = "SELECT s.login, s.csrf, s.created_at, s.seen_at, u.government, u.organisation, "
			   "u.admin, u.disabled, u.must_change_password, u.created_at, "
			   "(SELECT string_agg(g.process || ' ' || g.role, ' ') FROM grants g WHERE g.login = u.login) "
			   "FROM sessions s JOIN users u ON u.login = s.login WHERE s.token_hash = ?",
};

struct store {
	const struct driver *drv;
	struct conn *conn;
	char *location;
	struct stmt *stmt[Q_COUNT];
};

static const struct driver *drv_of(struct stmt *st)
{
	return ((struct stmt_head *)st)->drv;
}

/* The prepared statement, reset and with bindings cleared; NULL on error. */
static struct stmt *stmt(struct store *s, enum stmt_id id, char **err)
{
	if (!s->stmt[id]) {
		const char *sql = s->drv == &driver_pg && stmt_sql_postgresql[id] ? stmt_sql_postgresql[id]
										: stmt_sql[id];
		s->stmt[id] = s->drv->prepare(s->conn, sql, err);
		if (!s->stmt[id])
			return NULL;
	}
	s->drv->reset(s->stmt[id]);
	return s->stmt[id];
}

static void bind_text(struct stmt *st, int i, const char *v)
{
	drv_of(st)->bind_text(st, i, v);
}

static void bind_int64(struct stmt *st, int i, long long v)
{
	drv_of(st)->bind_int64(st, i, v);
}

static void bind_blob(struct stmt *st, int i, const void *data, size_t len)
{
	drv_of(st)->bind_blob(st, i, data, len);
}

/* Binds a year, or NULL for 0 (an open end). */
static void bind_year(struct stmt *st, int i, int year)
{
	if (year)
		bind_int64(st, i, year);
	else
		bind_text(st, i, NULL);
}

static const char *col_str(struct stmt *st, int i)
{
	return drv_of(st)->col_text(st, i);
}

static long long col_int64(struct stmt *st, int i)
{
	return drv_of(st)->col_int64(st, i);
}

/* A copy of a text column (caller frees), NULL for NULL. */
static char *col_text(struct stmt *st, int i)
{
	return xstrdup_or_null(col_str(st, i));
}

static void reset(struct stmt *st)
{
	drv_of(st)->reset(st);
}

/* Steps st to its next row: 1 for a row, 0 when done (and reset), -1 on error. */
static int next_row(struct stmt *st, const char *doing, char **err)
{
	int rc = drv_of(st)->step(st, doing, err);
	if (rc <= 0)
		reset(st);
	return rc;
}

/* Runs a statement that returns no rows. */
static int run(struct stmt *st, const char *doing, char **err)
{
	int rc = drv_of(st)->step(st, doing, err);
	reset(st);
	return rc < 0 ? -1 : 0;
}

static int exec(struct store *s, const char *sql, const char *doing, char **err)
{
	return s->drv->exec(s->conn, sql, doing, err);
}

/* Raises the registry's version; called by every registry write. */
static int bump_registry(struct store *s, char **err)
{
	struct stmt *st = stmt(s, Q_REGISTRY_BUMP, err);
	return st ? run(st, "marking the registry changed", err) : -1;
}

/* Reads the single number st selects into *out. */
static int read_number(struct stmt *st, const char *doing, long long *out, char **err)
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

int store_registry_version(struct store *s, long long *version, char **err)
{
	struct stmt *st = stmt(s, Q_REGISTRY_VERSION, err);
	return st ? read_number(st, "reading the registry version", version, err) : -1;
}

int store_schema_latest(void)
{
	return store_migration_count;
}

int store_schema_version(struct store *s, int *version, char **err)
{
	struct stmt *st = stmt(s, Q_SCHEMA_VERSION, err);
	long long v;
	if (!st || read_number(st, "reading the schema version", &v, err))
		return -1;
	*version = (int)v;
	return 0;
}

/* Applies each migration newer than the database, one transaction each. */
static int migrate_now(struct store *s, char **err)
{
	if (exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
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
		int rc = exec(s, s->drv == &driver_pg ? m->sql_postgresql : m->sql_sqlite, doing, err);
		free(doing);
		struct stmt *st = rc ? NULL : stmt(s, Q_MIGRATION_PUT, err);
		if (st) {
			bind_int64(st, 1, m->version);
			bind_text(st, 2, m->name);
			bind_int64(st, 3, (long long)time(NULL));
			rc = run(st, "recording a migration", err);
		} else {
			rc = -1;
		}
		if (rc == 0)
			rc = exec(s, "COMMIT", "committing a migration", err);
		if (rc) {
			store_rollback(s);
			return -1;
		}
	}
	return 0;
}

/* Migrates; servers starting together on one PostgreSQL database take
 * turns (a session advisory lock), and who comes second finds it done. */
static int migrate(struct store *s, char **err)
{
	if (s->drv != &driver_pg)
		return migrate_now(s, err);
	if (exec(s, "SELECT pg_advisory_lock(7270431)", "waiting to migrate", err))
		return -1;
	int rc = migrate_now(s, err);
	char *ignored = NULL;
	if (exec(s, "SELECT pg_advisory_unlock(7270431)", "migrating", &ignored))
		free(ignored);
	return rc;
}

int store_registry_clear(struct store *s, char **err)
{
	static const char *const tables[] = {
		"participations", "working_group_chairs", "working_groups", "leaders",
		"secretariat_organisations", "process_texts", "processes", "names", "organisations",
		"countries", "sources",
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *sql = xasprintf("DELETE FROM %s", tables[i]);  /* names from the list above */
		int rc = exec(s, sql, "clearing the registry", err);
		free(sql);
		if (rc)
			return -1;
	}
	return bump_registry(s, err);
}

/* Every table of a platform in an order that keeps foreign keys whole,
 * its columns, the order rows are read in, and which column (if any)
 * holds bytes. */
static const struct table_copy {
	const char *table, *columns, *order;
	int blob;
} copy_tables[] = {
	{ "sources", "id, title, series, author, publisher, published, as_of, file", "id", -1 },
	{ "countries", "alpha3, alpha2, numeric_code, name, iso_name, official_name, territory_of",
	  "territory_of IS NOT NULL, alpha3", -1 },
	{ "organisations", "slug, acronym, name, kind", "slug", -1 },
	{ "names", "kind, name, id", "kind, name, id", -1 },
	{ "processes", "slug, position, acronym, name, established, region, scope, secretariat_arrangement, "
		       "secretariat_text, secretariat_since, source, section, as_of", "position", -1 },
	{ "process_texts", "process, list, position, text", "process, list, position", -1 },
	{ "secretariat_organisations", "process, position, organisation", "process, position", -1 },
	{ "leaders", "process, position, post, country, organisation, portfolio, since, until",
	  "process, position", -1 },
	{ "working_groups", "process, position, name", "process, position", -1 },
	{ "working_group_chairs", "process, grp, position, role, country", "process, grp, position", -1 },
	{ "participations", "process, position, party_kind, country, organisation, role, status, since, "
			    "until, label, note, source, section, as_of", "process, position", -1 },
	{ "users", "login, government, organisation, admin, disabled, password_hash, must_change_password, "
		   "created_at", "login", -1 },
	{ "grants", "login, process, role", "login, process", -1 },
	{ "sessions", "token_hash, login, csrf, created_at, seen_at, address", "token_hash", -1 },
	{ "api_tokens", "token_hash, login, created_at, revoked", "token_hash", -1 },
	{ "login_failures", "key, at", "key, at", -1 },
	{ "documents", "id, process, title, kind, issued, level, state, body, attachment_name, "
		       "attachment_type, attachment, created_by, created_at, updated_at", "id", 10 },
	{ "document_readers", "document, login", "document, login", -1 },
	{ "audit_log", "id, at, login, address, action, process, object, detail", "id", -1 },
};
#define NCOPY (sizeof copy_tables / sizeof copy_tables[0])

size_t store_table_count(void)
{
	return NCOPY;
}

const char *store_table_name(size_t i)
{
	return i < NCOPY ? copy_tables[i].table : NULL;
}

int store_table_rows(struct store *s, size_t i, long *rows, char **err)
{
	char *sql = xasprintf("SELECT count(*) FROM %s", copy_tables[i].table);
	struct stmt *st = s->drv->prepare(s->conn, sql, err);
	free(sql);
	long long n = 0;
	int rc = st ? read_number(st, "counting rows", &n, err) : -1;
	if (st)
		s->drv->finalize(st);
	*rows = (long)n;
	return rc;
}

/* The statement that inserts a row of t: "INSERT INTO t (cols) VALUES (?, ...)". */
static char *insert_sql(const struct table_copy *t, int *ncols)
{
	*ncols = 1;
	for (const char *p = t->columns; *p; p++)
		*ncols += *p == ',';
	size_t len = strlen(t->table) + strlen(t->columns) + 3 * (size_t)*ncols + 40;
	char *sql = xmalloc(len), *o = sql;
	o += sprintf(o, "INSERT INTO %s (%s) VALUES (", t->table, t->columns);
	for (int i = 0; i < *ncols; i++)
		o += sprintf(o, i ? ", ?" : "?");
	strcpy(o, ")");
	return sql;
}

/* Copies the rows of one table from src to dst. */
static int copy_table(struct store *src, struct store *dst, const struct table_copy *t, char **err)
{
	int ncols;
	char *select = xasprintf("SELECT %s FROM %s ORDER BY %s", t->columns, t->table, t->order);
	char *insert = insert_sql(t, &ncols);
	struct stmt *from = src->drv->prepare(src->conn, select, err);
	struct stmt *to = from ? dst->drv->prepare(dst->conn, insert, err) : NULL;
	char *doing = xasprintf("copying %s", t->table);
	int rc = from && to ? 0 : -1;
	while (rc == 0 && (rc = next_row(from, doing, err)) == 1) {
		for (int i = 0; i < ncols; i++) {
			const char *text = col_str(from, i);
			if (i == t->blob && text) {
				size_t len;
				const void *bytes = drv_of(from)->col_blob(from, i, &len);
				bind_blob(to, i + 1, bytes, len);
			} else {
				bind_text(to, i + 1, text);
			}
		}
		rc = run(to, doing, err);
	}
	if (from)
		src->drv->finalize(from);
	if (to)
		dst->drv->finalize(to);
	free(doing);
	free(select);
	free(insert);
	return rc < 0 ? -1 : 0;
}

int store_copy(struct store *src, struct store *dst, char **err)
{
	for (size_t i = 0; i < NCOPY; i++)
		if (copy_table(src, dst, &copy_tables[i], err))
			return -1;
	/* Numbers given by the database go on after the copied ones. */
	if (dst->drv == &driver_pg &&
	    (exec(dst, "SELECT setval(pg_get_serial_sequence('documents', 'id'), "
		       "coalesce(max(id), 0) + 1, false) FROM documents", "copying documents", err) ||
	     exec(dst, "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), "
		       "coalesce(max(id), 0) + 1, false) FROM audit_log", "copying the audit log", err)))
		return -1;
	return bump_registry(dst, err);
}

int store_snapshot_begin(struct store *s, char **err)
{
	return exec(s, s->drv == &driver_pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
		    "starting to read a snapshot", err);
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
	for (int i = 0; i < Q_COUNT; i++)
		if (s->stmt[i])
			s->drv->finalize(s->stmt[i]);
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
	return exec(s, "COMMIT", "committing", err);
}

void store_rollback(struct store *s)
{
	char *err = NULL;
	if (exec(s, "ROLLBACK", "rolling back", &err))
		free(err);
}

int store_source_put(struct store *s, const struct source *src, char **err)
{
	if (bump_registry(s, err))
		return -1;
	struct stmt *st = stmt(s, Q_SOURCE_PUT, err);
	if (!st)
		return -1;
	const char *v[] = { src->id, src->title, src->series, src->author,
			    src->publisher, src->published, src->as_of, src->file };
	for (int i = 0; i < 8; i++)
		bind_text(st, i + 1, v[i]);
	return run(st, "saving a source", err);
}

int store_country_put(struct store *s, const struct country *c, char **err)
{
	if (bump_registry(s, err))
		return -1;
	struct stmt *st = stmt(s, Q_COUNTRY_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, c->alpha3);
	bind_text(st, 2, c->alpha2);
	bind_text(st, 3, c->numeric);
	bind_text(st, 4, c->name);
	bind_text(st, 5, c->iso_name);
	bind_text(st, 6, c->official_name);
	bind_text(st, 7, c->territory_of);
	return run(st, "saving a country", err);
}

int store_organisation_put(struct store *s, const struct organisation *o, char **err)
{
	if (bump_registry(s, err))
		return -1;
	struct stmt *st = stmt(s, Q_ORG_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, o->slug);
	bind_text(st, 2, o->acronym);
	bind_text(st, 3, o->name);
	bind_text(st, 4, o->kind);
	return run(st, "saving an organisation", err);
}

int store_name_put(struct store *s, const char *kind, const char *name,
		   const char *id, char **err)
{
	if (bump_registry(s, err))
		return -1;
	struct stmt *st = stmt(s, Q_NAME_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, kind);
	bind_text(st, 2, name);
	bind_text(st, 3, id);
	return run(st, "saving a name", err);
}

static int put_texts(struct store *s, const char *slug, const char *list,
		     const struct strlist *l, char **err)
{
	for (size_t i = 0; i < l->n; i++) {
		struct stmt *st = stmt(s, Q_TEXT_PUT, err);
		if (!st)
			return -1;
		bind_text(st, 1, slug);
		bind_text(st, 2, list);
		bind_int64(st, 3, (long long)i);
		bind_text(st, 4, l->items[i]);
		if (run(st, "saving a process's texts", err))
			return -1;
	}
	return 0;
}

static int put_leaders(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->nleaders; i++) {
		const struct leader *l = &p->leaders[i];
		struct stmt *st = stmt(s, Q_LEADER_PUT, err);
		if (!st)
			return -1;
		int is_org = l->kind == PARTY_ORGANISATION;
		bind_text(st, 1, p->slug);
		bind_int64(st, 2, (long long)i);
		bind_text(st, 3, l->position);
		bind_text(st, 4, is_org ? NULL : l->code);
		bind_text(st, 5, is_org ? l->code : NULL);
		bind_text(st, 6, l->portfolio);
		bind_year(st, 7, l->since);
		bind_year(st, 8, l->until);
		if (run(st, "saving a process's leadership", err))
			return -1;
	}
	return 0;
}

static int put_group_chairs(struct store *s, const char *slug, size_t grp,
			    const char *role, const struct strlist *codes,
			    int *position, char **err)
{
	for (size_t j = 0; j < codes->n; j++) {
		struct stmt *st = stmt(s, Q_GROUP_CHAIR_PUT, err);
		if (!st)
			return -1;
		bind_text(st, 1, slug);
		bind_int64(st, 2, (long long)grp);
		bind_int64(st, 3, (*position)++);
		bind_text(st, 4, role);
		bind_text(st, 5, codes->items[j]);
		if (run(st, "saving a working group's chairs", err))
			return -1;
	}
	return 0;
}

static int put_groups(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct working_group *g = &p->groups[i];
		struct stmt *st = stmt(s, Q_GROUP_PUT, err);
		if (!st)
			return -1;
		bind_text(st, 1, p->slug);
		bind_int64(st, 2, (long long)i);
		bind_text(st, 3, g->name);
		if (run(st, "saving a working group", err))
			return -1;
		int position = 0;
		if (put_group_chairs(s, p->slug, i, "chair", &g->chairs, &position, err) ||
		    put_group_chairs(s, p->slug, i, "co-chair", &g->co_chairs, &position, err))
			return -1;
	}
	return 0;
}

static int put_participations(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		struct stmt *st = stmt(s, Q_PART_PUT, err);
		if (!st)
			return -1;
		int is_org = pa->kind == PARTY_ORGANISATION;
		bind_text(st, 1, p->slug);
		bind_int64(st, 2, (long long)i);
		bind_text(st, 3, party_kind_name(pa->kind));
		bind_text(st, 4, is_org ? NULL : pa->code);
		bind_text(st, 5, is_org ? pa->code : NULL);
		bind_text(st, 6, role_name(pa->role));
		bind_text(st, 7, status_name(pa->status));
		bind_year(st, 8, pa->since);
		bind_year(st, 9, pa->until);
		bind_text(st, 10, pa->label);
		bind_text(st, 11, pa->note);
		bind_text(st, 12, pa->prov.source);
		bind_text(st, 13, pa->prov.section);
		bind_text(st, 14, pa->prov.as_of);
		if (run(st, "saving a participation", err))
			return -1;
	}
	return 0;
}

static int put_secretariat(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->secretariat_orgs.n; i++) {
		struct stmt *st = stmt(s, Q_SECORG_PUT, err);
		if (!st)
			return -1;
		bind_text(st, 1, p->slug);
		bind_int64(st, 2, (long long)i);
		bind_text(st, 3, p->secretariat_orgs.items[i]);
		if (run(st, "saving a secretariat", err))
			return -1;
	}
	return 0;
}

int store_process_put(struct store *s, const struct process *p, int position, char **err)
{
	if (bump_registry(s, err))
		return -1;
	struct stmt *st = stmt(s, Q_PROCESS_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	bind_int64(st, 2, position);
	bind_text(st, 3, p->acronym);
	bind_text(st, 4, p->name);
	bind_int64(st, 5, p->established);
	bind_text(st, 6, p->region);
	bind_text(st, 7, p->scope);
	bind_text(st, 8, p->secretariat_arrangement);
	bind_text(st, 9, p->secretariat_text);
	bind_year(st, 10, p->secretariat_since);
	bind_text(st, 11, p->prov.source);
	bind_text(st, 12, p->prov.section);
	bind_text(st, 13, p->prov.as_of);
	if (run(st, "saving a process", err))
		return -1;
	return put_texts(s, p->slug, "alias", &p->aliases, err) ||
	       put_texts(s, p->slug, "theme", &p->themes, err) ||
	       put_texts(s, p->slug, "goal", &p->goals, err) ||
	       put_texts(s, p->slug, "priority", &p->priorities, err) ||
	       put_texts(s, p->slug, "note", &p->notes, err) ||
	       put_secretariat(s, p, err) || put_leaders(s, p, err) ||
	       put_groups(s, p, err) || put_participations(s, p, err)
		       ? -1 : 0;
}


int store_names_load(struct store *s, const char *kind, struct name_index *idx, char **err)
{
	struct stmt *st = stmt(s, Q_NAMES_LOAD, err);
	if (!st)
		return -1;
	bind_text(st, 1, kind);
	int rc;
	while ((rc = next_row(st, "reading names", err)) == 1)
		names_add(idx, col_str(st, 0),
			  col_str(st, 1), NULL);
	return rc;
}

/* Fills the process row columns selected by Q_PROCESS_LIST/GET. */
static void read_process_row(struct stmt *st, struct process *p)
{
	p->slug = col_text(st, 0);
	p->acronym = col_text(st, 1);
	p->name = col_text(st, 2);
	p->established = (int)col_int64(st, 3);
	p->region = col_text(st, 4);
	p->scope = col_text(st, 5);
	p->secretariat_arrangement = col_text(st, 6);
	p->secretariat_text = col_text(st, 7);
	p->secretariat_since = (int)col_int64(st, 8);
	p->prov.source = col_text(st, 9);
	p->prov.section = col_text(st, 10);
	p->prov.as_of = col_text(st, 11);
}

int store_process_list(struct store *s, struct process_list *out, char **err)
{
	struct stmt *st = stmt(s, Q_PROCESS_LIST, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing processes", err)) == 1)
		read_process_row(st, process_list_push(out));
	return rc;
}

static void read_participation(struct stmt *st, struct participation *p)
{
	p->process_slug = col_text(st, 0);
	p->process_acronym = col_text(st, 1);
	p->kind = (enum party_kind)party_kind_parse(col_str(st, 2));
	p->code = col_text(st, 3);
	p->name = col_text(st, 4);
	p->role = (enum role)role_parse(col_str(st, 5));
	p->status = (enum status)status_parse(col_str(st, 6));
	p->since = (int)col_int64(st, 7);
	p->until = (int)col_int64(st, 8);
	p->label = col_text(st, 9);
	p->note = col_text(st, 10);
	p->prov.source = col_text(st, 11);
	p->prov.section = col_text(st, 12);
	p->prov.as_of = col_text(st, 13);
}

static int read_participations(struct stmt *st,
			       struct participation_list *out, char **err)
{
	int rc;
	while ((rc = next_row(st, "reading participations", err)) == 1)
		read_participation(st, participation_list_push(out));
	return rc;
}

static struct strlist *text_list(struct process *p, const char *list)
{
	if (strcmp(list, "alias") == 0)
		return &p->aliases;
	if (strcmp(list, "theme") == 0)
		return &p->themes;
	if (strcmp(list, "goal") == 0)
		return &p->goals;
	if (strcmp(list, "priority") == 0)
		return &p->priorities;
	return &p->notes;
}

static int get_texts(struct store *s, struct process *p, char **err)
{
	struct stmt *st = stmt(s, Q_TEXTS_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	int rc;
	while ((rc = next_row(st, "reading a process's texts", err)) == 1)
		strlist_push(text_list(p, col_str(st, 0)),
			     col_str(st, 1));
	if (rc)
		return rc;
	st = stmt(s, Q_SECORGS_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	while ((rc = next_row(st, "reading a secretariat", err)) == 1)
		strlist_push(&p->secretariat_orgs, col_str(st, 0));
	return rc;
}

static int get_leaders(struct store *s, struct process *p, char **err)
{
	struct stmt *st = stmt(s, Q_LEADERS_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	int rc;
	while ((rc = next_row(st, "reading leadership", err)) == 1) {
		p->leaders = xrealloc(p->leaders, (p->nleaders + 1) * sizeof *p->leaders);
		struct leader *l = &p->leaders[p->nleaders++];
		l->position = col_text(st, 0);
		l->kind = (enum party_kind)party_kind_parse(col_str(st, 1));
		l->code = col_text(st, 2);
		l->name = col_text(st, 3);
		l->portfolio = col_text(st, 4);
		l->since = (int)col_int64(st, 5);
		l->until = (int)col_int64(st, 6);
	}
	return rc;
}

static int get_groups(struct store *s, struct process *p, char **err)
{
	struct stmt *st = stmt(s, Q_GROUPS_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	int rc;
	while ((rc = next_row(st, "reading working groups", err)) == 1) {
		p->groups = xrealloc(p->groups, (p->ngroups + 1) * sizeof *p->groups);
		struct working_group *g = &p->groups[p->ngroups++];
		memset(g, 0, sizeof *g);
		g->name = col_text(st, 1);
	}
	if (rc)
		return rc;
	st = stmt(s, Q_GROUP_CHAIRS_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	while ((rc = next_row(st, "reading working group chairs", err)) == 1) {
		size_t grp = (size_t)(int)col_int64(st, 0);
		if (grp >= p->ngroups)
			continue;
		const char *role = col_str(st, 1);
		struct working_group *g = &p->groups[grp];
		strlist_push(strcmp(role, "chair") == 0 ? &g->chairs : &g->co_chairs,
			     col_str(st, 2));
	}
	return rc;
}

int store_process_get(struct store *s, const char *slug, struct process *out, char **err)
{
	struct stmt *st = stmt(s, Q_PROCESS_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	int rc = next_row(st, "reading a process", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	read_process_row(st, out);
	reset(st);
	st = stmt(s, Q_PARTS_OF_PROCESS, err);
	if (!st)
		goto fail;
	bind_text(st, 1, slug);
	if (read_participations(st, &out->parts, err) || get_texts(s, out, err) ||
	    get_leaders(s, out, err) || get_groups(s, out, err))
		goto fail;
	return 0;
fail:
	process_free(out);
	return -1;
}

static void read_country(struct stmt *st, struct country *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->alpha3, sizeof out->alpha3, "%s", col_str(st, 0));
	snprintf(out->alpha2, sizeof out->alpha2, "%s", col_str(st, 1));
	snprintf(out->numeric, sizeof out->numeric, "%s", col_str(st, 2));
	out->name = col_text(st, 3);
	out->iso_name = col_text(st, 4);
	out->official_name = col_text(st, 5);
	out->territory_of = col_text(st, 6);
}

int store_country_get(struct store *s, const char *alpha3, struct country *out, char **err)
{
	struct stmt *st = stmt(s, Q_COUNTRY_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, alpha3);
	int rc = next_row(st, "reading a country", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_country(st, out);
	reset(st);
	return 0;
}

int store_country_list(struct store *s, struct country **out, size_t *n, char **err)
{
	struct stmt *st = stmt(s, Q_COUNTRY_LIST, err);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing countries", err)) == 1) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		read_country(st, &(*out)[(*n)++]);
	}
	return rc;
}

int store_organisation_get(struct store *s, const char *slug, struct organisation *out, char **err)
{
	struct stmt *st = stmt(s, Q_ORG_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	int rc = next_row(st, "reading an organisation", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	out->slug = col_text(st, 0);
	out->acronym = col_text(st, 1);
	out->name = col_text(st, 2);
	out->kind = col_text(st, 3);
	reset(st);
	st = stmt(s, Q_ORG_ALIASES, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	while ((rc = next_row(st, "reading an organisation's names", err)) == 1) {
		const char *name = col_str(st, 0);
		if (strcmp(name, out->name) != 0 && strcmp(name, out->acronym) != 0 &&
		    strcmp(name, out->slug) != 0)
			strlist_push(&out->aliases, name);
	}
	return rc;
}

int store_participations_of(struct store *s, const char *code,
			    struct participation_list *out, char **err)
{
	struct stmt *st = stmt(s, Q_PARTS_OF_PARTY, err);
	if (!st)
		return -1;
	bind_text(st, 1, code);
	return read_participations(st, out, err);
}

int store_count(struct store *s, const char *table, long *out, char **err)
{
	static const struct {
		const char *table;
		enum stmt_id id;
	} counts[] = {
		{ "processes", Q_COUNT_PROCESSES },
		{ "countries", Q_COUNT_COUNTRIES },
		{ "organisations", Q_COUNT_ORGANISATIONS },
		{ "participations", Q_COUNT_PARTICIPATIONS },
		{ "users", Q_COUNT_USERS },
		{ "documents", Q_COUNT_DOCUMENTS },
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		if (strcmp(counts[i].table, table) != 0)
			continue;
		struct stmt *st = stmt(s, counts[i].id, err);
		if (!st)
			return -1;
		int rc = next_row(st, "counting", err);
		if (rc <= 0) {
			if (rc == 0)
				*err = xasprintf("counting %s: no result", table);
			return -1;
		}
		*out = (long)col_int64(st, 0);
		reset(st);
		return 0;
	}
	*err = xasprintf("counting: unknown table %s", table);
	return -1;
}

/* Accounts, sessions and tokens. */


static void read_user_row(struct stmt *st, struct user *u, int with_hash)
{
	memset(u, 0, sizeof *u);
	u->login = col_text(st, 0);
	u->government = col_text(st, 1);
	u->organisation = col_text(st, 2);
	u->admin = (int)col_int64(st, 3);
	u->disabled = (int)col_int64(st, 4);
	u->must_change_password = (int)col_int64(st, 5);
	u->created_at = col_int64(st, 6);
	if (with_hash) {
		u->password_hash = col_text(st, 7);
		u->totp_secret = col_text(st, 8);
		u->totp_last_step = col_int64(st, 9);
	}
	u->has_totp = col_str(st, 8) != NULL;
}

static void push_grant(struct user *u, const char *process, const char *role)
{
	u->grants = xrealloc(u->grants, (u->ngrants + 1) * sizeof *u->grants);
	u->grants[u->ngrants].process = xstrdup(process);
	u->grants[u->ngrants].role = (enum grant_role)grant_role_parse(role);
	u->ngrants++;
}

int store_user_put(struct store *s, const struct user *u, char **err)
{
	struct stmt *st = stmt(s, Q_USER_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, u->login);
	bind_text(st, 2, u->government);
	bind_text(st, 3, u->organisation);
	bind_int64(st, 4, u->admin);
	bind_text(st, 5, u->password_hash);
	bind_int64(st, 6, u->must_change_password);
	bind_int64(st, 7, u->created_at);
	return run(st, "adding a user", err);
}

int store_user_get(struct store *s, const char *login, struct user *out, char **err)
{
	struct stmt *st = stmt(s, Q_USER_GET, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	int rc = next_row(st, "reading a user", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_user_row(st, out, 1);
	reset(st);
	st = stmt(s, Q_GRANTS_OF, err);
	if (!st)
		goto fail;
	bind_text(st, 1, login);
	while ((rc = next_row(st, "reading a user's roles", err)) == 1)
		push_grant(out, col_str(st, 0),
			   col_str(st, 1));
	if (rc == 0)
		return 0;
fail:
	user_free(out);
	return -1;
}

static struct user *find_user(struct user_list *l, const char *login)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].login, login) == 0)
			return &l->items[i];
	return NULL;
}

int store_user_list(struct store *s, struct user_list *out, char **err)
{
	struct stmt *st = stmt(s, Q_USER_LIST, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing users", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_user_row(st, &out->items[out->n++], 0);
	}
	if (rc < 0 || !(st = stmt(s, Q_GRANTS_ALL, err)))
		return -1;
	while ((rc = next_row(st, "listing roles", err)) == 1) {
		struct user *u = find_user(out, col_str(st, 0));
		if (u)
			push_grant(u, col_str(st, 1),
				   col_str(st, 2));
	}
	return rc;
}

/* Runs st and sets *changed (if not NULL) to how many rows it changed. */
static int run_changes(struct stmt *st, const char *doing,
		       int *changed, char **err)
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

int store_user_set_disabled(struct store *s, const char *login, int disabled,
			    int *changed, char **err)
{
	struct stmt *st = stmt(s, Q_USER_DISABLE, err);
	if (!st)
		return -1;
	bind_int64(st, 1, disabled);
	bind_text(st, 2, login);
	return run_changes(st, "disabling a user", changed, err);
}

int store_user_set_password(struct store *s, const char *login, const char *hash,
			    int must_change, char **err)
{
	struct stmt *st = stmt(s, Q_USER_PASSWORD, err);
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	bind_int64(st, 2, must_change);
	bind_text(st, 3, login);
	return run(st, "changing a password", err);
}

int store_user_set_totp(struct store *s, const char *login, const char *secret, int *changed, char **err)
{
	struct stmt *st = stmt(s, Q_USER_TOTP, err);
	if (!st)
		return -1;
	bind_text(st, 1, secret);
	bind_text(st, 2, login);
	return run_changes(st, "setting a second factor", changed, err);
}

int store_user_use_totp_step(struct store *s, const char *login, long long step, int *used, char **err)
{
	struct stmt *st = stmt(s, Q_USER_TOTP_STEP, err);
	if (!st)
		return -1;
	bind_int64(st, 1, step);
	bind_text(st, 2, login);
	bind_int64(st, 3, step);
	return run_changes(st, "using a one-time code", used, err);
}

int store_grant_put(struct store *s, const char *login, const char *process,
		    enum grant_role role, char **err)
{
	struct stmt *st = stmt(s, Q_GRANT_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_text(st, 2, process);
	bind_text(st, 3, grant_role_name(role));
	return run(st, "granting a role", err);
}

int store_grant_delete(struct store *s, const char *login, const char *process,
		       int *changed, char **err)
{
	struct stmt *st = stmt(s, Q_GRANT_DELETE, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_text(st, 2, process);
	return run_changes(st, "revoking a role", changed, err);
}

int store_session_put(struct store *s, const struct session *se, char **err)
{
	struct stmt *st = stmt(s, Q_SESSION_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, se->token_hash);
	bind_text(st, 2, se->login);
	bind_text(st, 3, se->csrf);
	bind_int64(st, 4, se->created_at);
	bind_int64(st, 5, se->seen_at);
	bind_text(st, 6, se->address);
	return run(st, "starting a session", err);
}

/* Adds the grants of "process role process role ..." to u. */
static void read_grant_pairs(struct user *u, const char *pairs)
{
	char *copy = xstrdup(pairs ? pairs : ""), *rest = copy, *process, *role;
	while ((process = strsep(&rest, " ")) && (role = strsep(&rest, " ")))
		push_grant(u, process, role);
	free(copy);
}

int store_session_user(struct store *s, const char *token_hash, struct session *se,
		       struct user *u, char **err)
{
	struct stmt *st = stmt(s, Q_SESSION_USER, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	int rc = next_row(st, "reading a session", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(se, 0, sizeof *se);
	memset(u, 0, sizeof *u);
	se->token_hash = xstrdup(token_hash);
	se->login = col_text(st, 0);
	se->csrf = col_text(st, 1);
	se->created_at = col_int64(st, 2);
	se->seen_at = col_int64(st, 3);
	u->login = col_text(st, 0);
	u->government = col_text(st, 4);
	u->organisation = col_text(st, 5);
	u->admin = (int)col_int64(st, 6);
	u->disabled = (int)col_int64(st, 7);
	u->must_change_password = (int)col_int64(st, 8);
	u->created_at = col_int64(st, 9);
	read_grant_pairs(u, col_str(st, 10));
	reset(st);
	return 0;
}

int store_session_touch(struct store *s, const char *token_hash, long long now, char **err)
{
	struct stmt *st = stmt(s, Q_SESSION_TOUCH, err);
	if (!st)
		return -1;
	bind_int64(st, 1, now);
	bind_text(st, 2, token_hash);
	return run(st, "keeping a session", err);
}

int store_session_delete(struct store *s, const char *token_hash, char **err)
{
	struct stmt *st = stmt(s, Q_SESSION_DELETE, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	return run(st, "ending a session", err);
}

int store_sessions_delete_of(struct store *s, const char *login, char **err)
{
	struct stmt *st = stmt(s, Q_SESSIONS_OF_DELETE, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	return run(st, "ending a user's sessions", err);
}

int store_sessions_expire(struct store *s, long long idle_before, long long created_before, char **err)
{
	struct stmt *st = stmt(s, Q_SESSIONS_EXPIRE, err);
	if (!st)
		return -1;
	bind_int64(st, 1, idle_before);
	bind_int64(st, 2, created_before);
	return run(st, "expiring sessions", err);
}

int store_token_put(struct store *s, const char *token_hash, const char *login,
		    long long now, char **err)
{
	struct stmt *st = stmt(s, Q_TOKEN_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	bind_text(st, 2, login);
	bind_int64(st, 3, now);
	return run(st, "issuing a token", err);
}

int store_token_login(struct store *s, const char *token_hash, char **login, char **err)
{
	struct stmt *st = stmt(s, Q_TOKEN_LOGIN, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	int rc = next_row(st, "reading a token", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*login = col_text(st, 0);
	reset(st);
	return 0;
}

int store_tokens_revoke(struct store *s, const char *login, int *changed, char **err)
{
	struct stmt *st = stmt(s, Q_TOKENS_REVOKE, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	return run_changes(st, "revoking tokens", changed, err);
}

int store_failure_put(struct store *s, const char *key, long long at, char **err)
{
	struct stmt *st = stmt(s, Q_FAILURE_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	bind_int64(st, 2, at);
	return run(st, "recording a failed login", err);
}

int store_failure_count(struct store *s, const char *key, long long since,
			long *count, long long *oldest, char **err)
{
	struct stmt *st = stmt(s, Q_FAILURE_COUNT, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	bind_int64(st, 2, since);
	if (next_row(st, "counting failed logins", err) != 1)
		return -1;
	*count = (long)col_int64(st, 0);
	*oldest = col_int64(st, 1);
	reset(st);
	return 0;
}

int store_failures_clear(struct store *s, const char *key, char **err)
{
	struct stmt *st = stmt(s, Q_FAILURES_CLEAR, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	return run(st, "clearing failed logins", err);
}

int store_failures_prune(struct store *s, long long before, char **err)
{
	struct stmt *st = stmt(s, Q_FAILURES_PRUNE, err);
	if (!st)
		return -1;
	bind_int64(st, 1, before);
	return run(st, "forgetting old failed logins", err);
}

/* Documents. */

static void read_document_row(struct stmt *st, struct document *d)
{
	memset(d, 0, sizeof *d);
	d->id = col_int64(st, 0);
	d->process = col_text(st, 1);
	d->title = col_text(st, 2);
	d->kind = (enum doc_kind)doc_kind_parse(col_str(st, 3));
	d->issued = col_text(st, 4);
	d->level = (enum level)level_parse(col_str(st, 5));
	d->state = col_text(st, 6);
	d->body = col_text(st, 7);
	d->attachment_name = col_text(st, 8);
	d->attachment_type = col_text(st, 9);
	d->attachment_size = col_int64(st, 10);
	d->created_by = col_text(st, 11);
	d->created_at = col_int64(st, 12);
	d->updated_at = col_int64(st, 13);
}

static int put_readers(struct store *s, const struct document *d, char **err)
{
	struct stmt *st = stmt(s, Q_READERS_DELETE, err);
	if (!st)
		return -1;
	bind_int64(st, 1, d->id);
	if (run(st, "replacing a document's readers", err))
		return -1;
	for (size_t i = 0; i < d->readers.n; i++) {
		if (!(st = stmt(s, Q_READER_PUT, err)))
			return -1;
		bind_int64(st, 1, d->id);
		bind_text(st, 2, d->readers.items[i]);
		if (run(st, "naming a document's reader", err))
			return -1;
	}
	return 0;
}

/* Binds title, kind, issued, level, state and body from position first. */
static void bind_document_fields(struct stmt *st, int first, const struct document *d)
{
	bind_text(st, first, d->title);
	bind_text(st, first + 1, doc_kind_name(d->kind));
	bind_text(st, first + 2, d->issued);
	bind_text(st, first + 3, level_name(d->level));
	bind_text(st, first + 4, d->state);
	bind_text(st, first + 5, d->body ? d->body : "");
}

int store_document_put(struct store *s, struct document *d, char **err)
{
	struct stmt *st = stmt(s, Q_DOC_PUT, err);
	if (!st)
		return -1;
	bind_text(st, 1, d->process);
	bind_document_fields(st, 2, d);
	bind_text(st, 8, d->created_by);
	bind_int64(st, 9, d->created_at);
	bind_int64(st, 10, d->updated_at);
	if (next_row(st, "adding a document", err) != 1)
		return -1;
	d->id = col_int64(st, 0);
	if (run(st, "adding a document", err))
		return -1;
	return put_readers(s, d, err);
}

int store_document_update(struct store *s, const struct document *d, char **err)
{
	struct stmt *st = stmt(s, Q_DOC_UPDATE, err);
	if (!st)
		return -1;
	bind_document_fields(st, 1, d);
	bind_int64(st, 7, d->updated_at);
	bind_int64(st, 8, d->id);
	if (run(st, "changing a document", err))
		return -1;
	return put_readers(s, d, err);
}

int store_document_attach(struct store *s, long long id, const char *name, const char *type,
			  const void *data, size_t len, long long now, char **err)
{
	struct stmt *st = stmt(s, Q_DOC_ATTACH, err);
	if (!st)
		return -1;
	bind_text(st, 1, name);
	bind_text(st, 2, type);
	bind_blob(st, 3, data, len);
	bind_int64(st, 4, now);
	bind_int64(st, 5, id);
	return run(st, "attaching a file", err);
}

/* Adds the readers st selects (document id, login) to the documents of l. */
static int read_readers(struct stmt *st, struct document *docs, size_t n, char **err)
{
	int rc;
	while ((rc = next_row(st, "reading a document's readers", err)) == 1) {
		long long id = col_int64(st, 0);
		for (size_t i = 0; i < n; i++)
			if (docs[i].id == id)
				strlist_push(&docs[i].readers, col_str(st, 1));
	}
	return rc;
}

int store_document_get(struct store *s, long long id, struct document *out, char **err)
{
	struct stmt *st = stmt(s, Q_DOC_GET, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a document", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_document_row(st, out);
	reset(st);
	if (!(st = stmt(s, Q_READERS_OF_DOC, err)))
		goto fail;
	bind_int64(st, 1, id);
	if (read_readers(st, out, 1, err) == 0)
		return 0;
fail:
	document_free(out);
	return -1;
}

int store_documents_of(struct store *s, const char *process, struct document_list *out, char **err)
{
	struct stmt *st = stmt(s, Q_DOCS_OF, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	int rc;
	while ((rc = next_row(st, "listing documents", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_document_row(st, &out->items[out->n++]);
	}
	if (rc < 0 || !(st = stmt(s, Q_READERS_OF_PROCESS, err)))
		return -1;
	bind_text(st, 1, process);
	return read_readers(st, out->items, out->n, err);
}

int store_document_delete(struct store *s, long long id, char **err)
{
	struct stmt *st = stmt(s, Q_DOC_DELETE, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	return run(st, "deleting a document", err);
}

int store_document_blob(struct store *s, long long id, void **data, size_t *len, char **err)
{
	struct stmt *st = stmt(s, Q_DOC_BLOB, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading an attachment", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	const void *bytes = drv_of(st)->col_blob(st, 0, len);
	*data = xmalloc(*len ? *len : 1);
	if (*len)
		memcpy(*data, bytes, *len);
	reset(st);
	return 0;
}

/* The audit log. */

int store_audit_put(struct store *s, const struct audit_entry *e, char **err)
{
	struct stmt *st = stmt(s, Q_AUDIT_PUT, err);
	if (!st)
		return -1;
	bind_int64(st, 1, e->at);
	bind_text(st, 2, e->login);
	bind_text(st, 3, e->address);
	bind_text(st, 4, e->action);
	bind_text(st, 5, e->process);
	bind_text(st, 6, e->object);
	bind_text(st, 7, e->detail);
	return run(st, "writing the audit log", err);
}

int store_audit_list(struct store *s, const char *process, long limit, long offset,
		     struct audit_list *out, char **err)
{
	struct stmt *st = stmt(s, process ? Q_AUDIT_LIST_PROCESS : Q_AUDIT_LIST, err);
	if (!st)
		return -1;
	int i = 1;
	if (process)
		bind_text(st, i++, process);
	bind_int64(st, i++, limit);
	bind_int64(st, i, offset);
	int rc;
	while ((rc = next_row(st, "reading the audit log", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		struct audit_entry *e = &out->items[out->n++];
		e->id = col_int64(st, 0);
		e->at = col_int64(st, 1);
		e->login = col_text(st, 2);
		e->address = col_text(st, 3);
		e->action = col_text(st, 4);
		e->process = col_text(st, 5);
		e->object = col_text(st, 6);
		e->detail = col_text(st, 7);
	}
	return rc;
}
