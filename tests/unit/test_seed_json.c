/* test_seed_json.c: reading seed files, and errors that name line and field */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/text.h"
#include "../../io/seed_json.h"

static const char good[] =
	"{\n"
	"  \"slug\": \"apc\", \"acronym\": \"APC\", \"name\": \"Asia-Pacific Consultations\",\n"
	"  \"established\": 1996, \"region\": \"Asia and Oceania\", \"scope\": \"geographic\",\n"
	"  \"source\": {\"document\": \"iom-mrs-38\", \"section\": \"Annex\", \"as_of\": \"2009\"},\n"
	"  \"secretariat\": {\"arrangement\": \"permanent\", \"text\": \"since 2007\"},\n"
	"  \"participants\": [\n"
	"    {\"role\": \"member\", \"countries\": [\"Australia\", \"Fiji\"]},\n"
	"    {\"role\": \"member\", \"country\": \"New Zealand\", \"until\": 2003},\n"
	"    {\"role\": \"observer\", \"organisations\": [\"IOM\"]}\n"
	"  ],\n"
	"  \"themes\": [\"refugees\"], \"goals\": [\"dialogue\"], \"priorities\": []\n"
	"}\n";

static void parses_a_process(void **state)
{
	(void)state;
	struct seed_process sp;
	struct seed_error e;
	assert_int_equal(seed_process_parse(good, strlen(good), &sp, &e), 0);
	assert_string_equal(sp.p.slug, "apc");
	assert_int_equal(sp.p.established, 1996);
	assert_int_equal(sp.nentries, 4);
	assert_string_equal(sp.entries[1].ref.name, "Fiji");
	assert_int_equal(sp.entries[1].ref.line, 7);
	assert_string_equal(sp.entries[2].ref.name, "New Zealand");
	assert_int_equal(sp.entries[2].until, 2003);
	assert_int_equal(sp.entries[2].status, STATUS_FORMER);
	assert_int_equal(sp.entries[3].ref.kind, REF_ORGANISATION);
	assert_int_equal(sp.entries[3].role, ROLE_OBSERVER);
	seed_process_free(&sp);
}

/* Parses good with one substitution and checks the error's line, field
 * and a word of its message. */
static void assert_error(const char *from, const char *to, int line, const char *field,
			 const char *word)
{
	char text[sizeof good + 256];
	const char *at = strstr(good, from);
	assert_non_null(at);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	struct seed_process sp;
	struct seed_error e;
	assert_int_equal(seed_process_parse(text, strlen(text), &sp, &e), -1);
	assert_int_equal(e.line, line);
	assert_string_equal(e.field, field);
	assert_non_null(strstr(e.message, word));
	seed_error_free(&e);
}

static void errors_name_line_and_field(void **state)
{
	(void)state;
	assert_error("\"role\": \"observer\"", "\"role\": \"watcher\"", 9, "participants[2]", "watcher");
	assert_error("\"until\": 2003", "\"until\": \"2003\"", 8, "participants[1].until", "year");
	assert_error("\"until\": 2003", "\"until\": 1990, \"since\": 1996", 8, "participants[1].until", "not after");
	assert_error("\"scope\": \"geographic\"", "\"scope\": \"global\"", 3, "scope", "global");
	assert_error("\"Fiji\"", "\"Fiji\", 7", 7, "participants[0].countries[2]", "string");
	assert_error("\"role\": \"member\", \"country\"", "\"rolle\": \"member\", \"country\"", 8,
		     "participants[1].rolle", "unknown field");
	assert_error("\"slug\": \"apc\"", "\"slug\": \"APC 1\"", 2, "slug", "a-z");
	assert_error("\"themes\": [\"refugees\"]", "\"themes\": [\"refugees\", {\"text\": \"health\"}]", 11,
		     "themes[1].source", "document");
	assert_error("\"themes\": [\"refugees\"]",
		     "\"themes\": [{\"text\": \"health\", \"source\": {\"document\": \"d\", \"section\": \"s\", "
		     "\"as_of\": \"recently\"}}]",
		     11, "themes[0].source", "year");
}

/* A theme, goal or working group another source gives carries that
 * source; the others are the process's own (no source). */
static void texts_and_groups_carry_their_own_source(void **state)
{
	(void)state;
	char text[sizeof good + 512];
	const char *at = strstr(good, "\"themes\": [\"refugees\"]");
	assert_non_null(at);
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good,
		 "\"working_groups\": [{\"name\": \"Labour\", \"source\": {\"document\": \"iom-page\", "
		 "\"section\": \"Working groups\", \"as_of\": \"2024\", \"as_of_stated\": false}}],\n"
		 "  \"themes\": [\"refugees\", {\"text\": \"health\", \"source\": {\"document\": \"iom-page\", "
		 "\"section\": \"Thematic focus\", \"as_of\": \"2024\"}}]",
		 at + strlen("\"themes\": [\"refugees\"]"));
	struct seed_process sp;
	struct seed_error e;
	assert_int_equal(seed_process_parse(text, strlen(text), &sp, &e), 0);
	assert_int_equal(sp.p.themes.texts.n, 2);
	assert_null(sp.p.themes.provs[0].source);
	assert_string_equal(sp.p.themes.texts.items[1], "health");
	assert_string_equal(sp.p.themes.provs[1].source, "iom-page");
	assert_string_equal(sp.p.themes.provs[1].section, "Thematic focus");
	assert_false(sp.p.themes.provs[1].inferred);
	assert_int_equal(sp.ngroups, 1);
	assert_string_equal(sp.groups[0].prov.source, "iom-page");
	assert_true(sp.groups[0].prov.inferred);
	seed_process_free(&sp);
}

static void syntax_errors_carry_jansson_line(void **state)
{
	(void)state;
	const char *bad = "{\n  \"slug\": \"x\",\n  oops\n}\n";
	struct seed_process sp;
	struct seed_error e;
	assert_int_equal(seed_process_parse(bad, strlen(bad), &sp, &e), -1);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.field, "(syntax)");
	seed_error_free(&e);
}

static void iso_codes_keep_iso_and_common_names(void **state)
{
	(void)state;
	const char *iso = "{\"3166-1\": [{\"alpha_2\": \"KR\", \"alpha_3\": \"KOR\", \"numeric\": \"410\","
			  " \"name\": \"Korea, Republic of\", \"common_name\": \"South Korea\"}]}";
	struct country *c;
	size_t n;
	struct seed_error e;
	assert_int_equal(iso_countries_parse(iso, strlen(iso), &c, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].alpha3, "KOR");
	assert_string_equal(c[0].name, "South Korea");
	assert_string_equal(c[0].iso_name, "Korea, Republic of");
	country_free(&c[0]);
	free(c);
}

int main(void)
{
	text_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_process),
		cmocka_unit_test(errors_name_line_and_field),
		cmocka_unit_test(texts_and_groups_carry_their_own_source),
		cmocka_unit_test(syntax_errors_carry_jansson_line),
		cmocka_unit_test(iso_codes_keep_iso_and_common_names),
	};
	return cmocka_run_group_tests_name("seed_json", tests, NULL, NULL);
}
