/* test_store.c: the SQLite store: migrations, write and read back, refusals */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/xalloc.h"
#include "../../store/store.h"

static char dir[] = "/tmp/rcphub-test-store-XXXXXX";

static char *db_path(const char *name)
{
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
	char *path = db_path("nothing-here.db"), *err = NULL;
	assert_null(store_open(path, STORE_EXISTING, &err));
	assert_non_null(strstr(err, "rcphub init"));
	free(err);
	free(path);
}

static void not_a_database_is_refused(void **state)
{
	(void)state;
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
	p.prov = (struct provenance){ "src", "Annex", "2009" };
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
	char *theme = "refugees";
	p.themes = (struct strlist){ &theme, 1 };
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_source_put(s, &src, &err), 0);
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
	assert_int_equal(got.themes.n, 1);
	assert_string_equal(got.themes.items[0], "refugees");
	process_free(&got);
	assert_int_equal(store_process_get(s, "nope", &got, &err), 1);
	store_close(s);
	free(path);
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
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fresh_store_is_at_latest_schema),
		cmocka_unit_test(missing_database_is_a_clear_error),
		cmocka_unit_test(not_a_database_is_refused),
		cmocka_unit_test(round_trip_of_a_process),
		cmocka_unit_test(failed_transaction_keeps_nothing),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, cleanup);
}
