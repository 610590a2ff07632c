/* test_store.c: the store on SQLite, and on PostgreSQL when $RCPHUB_TEST_DB names a server:
 * migrations, write and read back, refusals, transactions, lost connections */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../store/store_int.h"

static char dir[] = "/tmp/rcphub-test-store-XXXXXX";

/* A PostgreSQL URL to test on, or NULL for SQLite files only. */
static const char *server;

/* Runs SQL on the test server with psql; 0 on success. */
static int psql(const char *sql)
{
	char *cmd = xasprintf("psql -q '%s' -c \"%s\" >/dev/null 2>&1", server, sql);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

/* Where a fresh, empty database called name is: a file, or the test
 * server emptied. The caller frees it. */
static char *db_path(const char *name)
{
	if (server) {
		assert_int_equal(psql("DROP SCHEMA public CASCADE; CREATE SCHEMA public"), 0);
		return xstrdup(server);
	}
	return xasprintf("%s/%s", dir, name);
}

static void fresh_store_is_at_latest_schema(void **state)
{
	(void)state;
	char *path = db_path("schema.db"), *err = NULL;
	struct store *s = store_open(path, STORE_CREATE, &err);
	assert_non_null(s);
	int v = -1;
	assert_int_equal(store_schema_version(s, &v, &err), 0);
	assert_int_equal(v, store_schema_latest());
	store_close(s);
	/* opening again applies nothing and keeps the version */
	s = store_open(path, STORE_EXISTING, &err);
	assert_non_null(s);
	assert_int_equal(store_schema_version(s, &v, &err), 0);
	assert_int_equal(v, store_schema_latest());
	store_close(s);
	free(path);
}

static void missing_database_is_a_clear_error(void **state)
{
	(void)state;
	if (server)
		skip();  /* a server's database is made by its administrator */
	char *path = db_path("nothing-here.db"), *err = NULL;
	assert_null(store_open(path, STORE_EXISTING, &err));
	assert_non_null(strstr(err, "rcphub init"));
	free(err);
	free(path);
}

static void not_a_database_is_refused(void **state)
{
	(void)state;
	if (server)
		skip();
	char *path = db_path("text.db"), *err = NULL;
	FILE *f = fopen(path, "w");
	fputs("this is not a database, just text long enough to look like a header\n", f);
	fclose(f);
	assert_null(store_open(path, STORE_EXISTING, &err));
	assert_non_null(strstr(err, "not an rcphub database"));
	free(err);
	free(path);
}

static struct process sample_process(void)
{
	struct process p = { 0 };
	p.slug = "apc";
	p.acronym = "APC";
	p.name = "Asia-Pacific Consultations";
	p.established = 1996;
	p.region = "Asia and Oceania";
	p.scope = "geographic";
	p.secretariat_arrangement = "permanent";
	p.secretariat_text = "A permanent Secretariat";
	p.prov = (struct provenance){ .source = "src", .section = "Annex", .as_of = "2009" };
	return p;
}

static void round_trip_of_a_process(void **state)
{
	(void)state;
	char *path = db_path("round.db"), *err = NULL;
	struct store *s = store_open(path, STORE_CREATE, &err);
	assert_non_null(s);
	struct source src = { .id = "src", .title = "A report" };
	struct country nz = { "NZ", "NZL", "554", "New Zealand", "New Zealand", NULL, NULL };
	struct process p = sample_process();
	struct participation pa = { .kind = PARTY_GOVERNMENT, .code = "NZL", .role = ROLE_MEMBER,
				    .status = STATUS_FORMER, .until = 2003, .note = "until 2003",
				    .prov = p.prov };
	p.parts = (struct participation_list){ &pa, 1, 1 };
	char *themes[] = { "refugees", "labour mobility" };
	struct provenance theme_provs[] = {
		{ 0 },
		{ .source = "later", .section = "Thematic focus", .as_of = "2024", .inferred = 1 },
	};
	p.themes = (struct text_list){ { themes, 2 }, theme_provs };
	struct source later = { .id = "later", .title = "A later page", .url = "https://example.org/later" };
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_source_put(s, &src, &err), 0);
	assert_int_equal(store_source_put(s, &later, &err), 0);
	assert_int_equal(store_country_put(s, &nz, &err), 0);
	assert_int_equal(store_process_put(s, &p, 1, &err), 0);
	assert_int_equal(store_commit(s, &err), 0);

	struct process got;
	assert_int_equal(store_process_get(s, "apc", &got, &err), 0);
	assert_string_equal(got.name, "Asia-Pacific Consultations");
	assert_int_equal(got.parts.n, 1);
	assert_string_equal(got.parts.items[0].name, "New Zealand");
	assert_int_equal(got.parts.items[0].until, 2003);
	assert_int_equal(got.parts.items[0].since, 0);
	assert_int_equal(got.parts.items[0].status, STATUS_FORMER);
	assert_int_equal(got.themes.texts.n, 2);
	assert_string_equal(got.themes.texts.items[0], "refugees");
	assert_null(got.themes.provs[0].source);
	assert_string_equal(fact_provenance(&got, &got.themes.provs[0])->source, "src");
	assert_string_equal(got.themes.texts.items[1], "labour mobility");
	assert_string_equal(got.themes.provs[1].source, "later");
	assert_string_equal(got.themes.provs[1].section, "Thematic focus");
	assert_string_equal(got.themes.provs[1].as_of, "2024");
	assert_string_equal(got.themes.provs[1].url, "https://example.org/later");
	assert_true(got.themes.provs[1].inferred);
	assert_true(provenance_attested_at(&got.themes.provs[1], 2024));
	assert_false(provenance_attested_at(&got.themes.provs[1], 2009));
	process_free(&got);
	assert_int_equal(store_process_get(s, "nope", &got, &err), 1);
	store_close(s);
	free(path);
}

/* Runs SQL on a SQLite file with the sqlite3 shell; 0 on success. */
static int sqlite(const char *path, const char *sql)
{
	char *cmd = xasprintf("sqlite3 '%s' \"%s\" >/dev/null 2>&1", path, sql);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

static void copy_takes_columns_from_the_catalogue(void **state)
{
	(void)state;
	if (server)
		skip();  /* the CLI suite copies to and from the server */
	char *a = db_path("copy-a.db"), *b = db_path("copy-b.db"), *err = NULL;
	for (int i = 0; i < 2; i++) {
		struct store *s = store_open(i ? b : a, STORE_CREATE, &err);
		assert_non_null(s);
		store_close(s);
		/* as a later migration would, on both sides */
		assert_int_equal(sqlite(i ? b : a, "ALTER TABLE sources ADD COLUMN licence TEXT"), 0);
	}
	assert_int_equal(sqlite(a, "INSERT INTO sources (id, title, as_of, licence) "
				   "VALUES ('s1', 'A report', '2010', 'CC BY')"), 0);
	struct store *src = store_open(a, STORE_EXISTING, &err), *dst = store_open(b, STORE_EXISTING, &err);
	struct store_checks copied, back;
	assert_int_equal(store_begin(dst, &err), 0);
	assert_int_equal(store_copy(src, dst, &copied, &err), 0);
	assert_int_equal(store_commit(dst, &err), 0);
	assert_int_equal(store_check(dst, &back, &err), 0);
	assert_int_equal(copied.n, back.n);
	for (size_t i = 0; i < copied.n; i++) {
		assert_string_equal(copied.tables[i].table, back.tables[i].table);
		assert_int_equal(copied.tables[i].rows, back.tables[i].rows);
		assert_string_equal(copied.tables[i].digest, back.tables[i].digest);
	}
	store_checks_free(&copied);
	store_checks_free(&back);
	store_close(src);
	store_close(dst);
	char *cmd = xasprintf("test \"$(sqlite3 '%s' \"SELECT licence FROM sources\")\" = 'CC BY'", b);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(a);
	free(b);
}

static void failed_transaction_keeps_nothing(void **state)
{
	(void)state;
	char *path = db_path("rollback.db"), *err = NULL;
	struct store *s = store_open(path, STORE_CREATE, &err);
	struct source src = { .id = "src", .title = "A report" };
	struct process p = sample_process();
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_source_put(s, &src, &err), 0);
	assert_int_equal(store_process_put(s, &p, 1, &err), 0);
	/* the same slug again violates the primary key */
	assert_int_equal(store_process_put(s, &p, 2, &err), -1);
	assert_non_null(strstr(err, "saving a process"));
	free(err);
	store_rollback(s);
	long n = -1;
	assert_int_equal(store_count(s, "processes", &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(s);
	free(path);
}

/* Commits another connection makes are told apart from none: by this
 * process's other connections and other processes (which announce them),
 * by a writer that does not (the sqlite3 shell: its log grows), and, on
 * an engine that cannot tell, by answering "may have" every time. */
static void commits_elsewhere_are_noticed(void **state)
{
	(void)state;
	char *path = db_path("watched.db"), *err = NULL;
	struct store *reader = store_open(path, STORE_CREATE, &err);
	struct store *writer = store_open(path, STORE_EXISTING, &err);
	assert_non_null(reader);
	assert_non_null(writer);
	assert_int_equal(store_may_have_changed(reader), 1);
	long n = 0;
	assert_int_equal(store_count(reader, "processes", &n, &err), 0);
	assert_int_equal(store_may_have_changed(reader), server ? 1 : 0);

	struct source src = { .id = "src", .title = "A report" };
	assert_int_equal(store_begin(writer, &err), 0);
	assert_int_equal(store_source_put(writer, &src, &err), 0);
	assert_int_equal(store_commit(writer, &err), 0);
	assert_int_equal(store_may_have_changed(reader), 1);
	assert_int_equal(store_may_have_changed(reader), server ? 1 : 0);

	pid_t kid = fork();
	if (kid == 0) {
		struct store *other = store_open(path, STORE_EXISTING, &err);
		struct source more = { .id = "more", .title = "Another report" };
		_exit(!other || store_begin(other, &err) || store_source_put(other, &more, &err) ||
		      store_commit(other, &err));
	}
	int status = -1;
	waitpid(kid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(store_may_have_changed(reader), 1);

	if (!server) {
		assert_int_equal(store_may_have_changed(reader), 0);
		char *cmd = xasprintf("sqlite3 '%s' \"UPDATE sources SET title = 'Retitled' WHERE id = 'src'\"", path);
		assert_int_equal(system(cmd), 0);
		free(cmd);
		assert_int_equal(store_may_have_changed(reader), 1);
		/* and the watch is trusted for a second at most */
		assert_int_equal(store_may_have_changed(reader), 0);
		sleep(1);
		assert_int_equal(store_may_have_changed(reader), 1);
	}
	store_close(writer);
	store_close(reader);
	free(path);
}

/* Ends every other session on the test server, as a restart would. */
static void drop_connections(void)
{
	assert_int_equal(psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
			      "WHERE pid <> pg_backend_pid() AND datname = current_database()"), 0);
}

static void lost_connection_is_retried_once(void **state)
{
	(void)state;
	if (!server)
		skip();
	char *path = db_path("lost"), *err = NULL;
	struct store *s = store_open(path, STORE_CREATE, &err);
	assert_non_null(s);
	long n = -1;
	drop_connections();
	/* outside a transaction the store reconnects and answers */
	assert_int_equal(store_count(s, "processes", &n, &err), 0);
	assert_int_equal(n, 0);
	/* inside one it fails, and nothing of the transaction is kept */
	struct source src = { .id = "src", .title = "A report" };
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_source_put(s, &src, &err), 0);
	drop_connections();
	struct process p = sample_process();
	assert_int_equal(store_process_put(s, &p, 1, &err), -1);
	assert_non_null(strstr(err, "PostgreSQL at 127.0.0.1:"));
	free(err);
	err = NULL;
	store_rollback(s);
	assert_int_equal(store_count(s, "processes", &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(s);
	free(path);
}

static void servers_starting_together_migrate_once(void **state)
{
	(void)state;
	if (!server)
		skip();
	char *path = db_path("together");
	pid_t kids[4];
	for (int i = 0; i < 4; i++) {
		if ((kids[i] = fork()) == 0) {
			char *err = NULL;
			struct store *s = store_open(path, STORE_CREATE, &err);
			_exit(s ? 0 : 1);
		}
	}
	for (int i = 0; i < 4; i++) {
		int status = -1;
		waitpid(kids[i], &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	char *err = NULL;
	struct store *s = store_open(path, STORE_EXISTING, &err);
	int v = -1;
	assert_int_equal(store_schema_version(s, &v, &err), 0);
	assert_int_equal(v, store_schema_latest());
	store_close(s);
	free(path);
}

/* The records of hits whose kind and ref are those given, in order. */
static void assert_found(struct store *s, const char *words, long long ref)
{
	char *err = NULL;
	struct search_hit_list hits = { 0 };
	assert_int_equal(store_search_matching(s, words, 10, &hits, &err), 0);
	assert_int_equal(hits.n, ref ? 1 : 0);
	if (ref) {
		assert_int_equal(hits.items[0].kind, SEARCH_DOCUMENT);
		assert_int_equal(hits.items[0].ref, ref);
		assert_string_equal(hits.items[0].process, "apc");
	}
	search_hit_list_free(&hits);
}

static void search_index_is_rebuilt_from_the_records(void **state)
{
	(void)state;
	char *path = db_path("upgrade.db"), *err = NULL;
	struct store *s = store_open(path, STORE_CREATE, &err);
	assert_non_null(s);
	struct source src = { .id = "src", .title = "A report" };
	struct process p = sample_process();
	struct document d = { .process = "apc", .title = "Annual report", .kind = DOC_REPORT, .level = LEVEL_PUBLIC,
			      .body = "Labour mobility in T\xc3\xbcrkiye", .created_by = "admin" };
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_source_put(s, &src, &err), 0);
	assert_int_equal(store_process_put(s, &p, 1, &err), 0);
	assert_int_equal(store_document_put(s, &d, &err), 0);
	assert_int_equal(store_commit(s, &err), 0);
	assert_found(s, "turkiye labour", d.id);
	/* an index lost (as a database from before it was made has none): the
	 * store writes it anew from the records, as it does when it migrates
	 * such a database */
	assert_int_equal(store_exec(s, "DELETE FROM search_entries", "forgetting the index", &err), 0);
	assert_found(s, "turkiye labour", 0);
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_search_rebuild(s, &err), 0);
	assert_int_equal(store_commit(s, &err), 0);
	store_close(s);
	s = store_open(path, STORE_EXISTING, &err);
	assert_non_null(s);
	assert_found(s, "turkiye labour", d.id);
	assert_found(s, "annual", d.id);
	assert_found(s, "mobility annual nowhere", 0);
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_document_delete(s, d.id, &err), 0);
	assert_int_equal(store_commit(s, &err), 0);
	assert_found(s, "annual", 0);
	store_close(s);
	free(path);
}

static int cleanup(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf %s", dir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

int main(void)
{
	if (!mkdtemp(dir) || text_init())
		return 1;
	server = getenv("RCPHUB_TEST_DB");
	if (server && !*server)
		server = NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fresh_store_is_at_latest_schema),
		cmocka_unit_test(missing_database_is_a_clear_error),
		cmocka_unit_test(not_a_database_is_refused),
		cmocka_unit_test(round_trip_of_a_process),
		cmocka_unit_test(copy_takes_columns_from_the_catalogue),
		cmocka_unit_test(failed_transaction_keeps_nothing),
		cmocka_unit_test(commits_elsewhere_are_noticed),
		cmocka_unit_test(lost_connection_is_retried_once),
		cmocka_unit_test(servers_starting_together_migrate_once),
		cmocka_unit_test(search_index_is_rebuilt_from_the_records),
	};
	return cmocka_run_group_tests_name(server ? "store (PostgreSQL)" : "store (SQLite)", tests, NULL,
					   cleanup);
}
