/* test_registry.c: facts of the report's annex, asked of a freshly seeded registry */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../services/registry.h"
#include "../../services/seed.h"

static char dir[] = "/tmp/rcphub-test-registry-XXXXXX";
static struct registry *reg;

static int seed(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	char *path = xasprintf("%s/rcphub.db", dir), *err = NULL;
	struct svc_error why = { 0 };
	struct seed_paths paths = { RCPHUB_DATA_DIR, "/usr/share/iso-codes/json/iso_3166-1.json" };
	if (seed_init(&paths, path, 0, &err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (!(reg = registry_open(path, &why))) {
		fprintf(stderr, "%s\n", why.message);
		return -1;
	}
	free(path);
	return 0;
}

static int unseed(void **state)
{
	(void)state;
	registry_close(reg);
	char *cmd = xasprintf("rm -rf %s", dir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

/* The participations of process selected by role and year. */
static void members(const char *process, int role, int year, struct participation_list *out)
{
	const struct process *p;
	struct svc_error err = { 0 };
	assert_int_equal(registry_process(reg, NULL, process, &p, &err), SVC_OK);
	struct participant_filter f = { role, year, 0 };
	memset(out, 0, sizeof *out);
	registry_select(p, &f, out);
	assert_int_equal(registry_count(p, &f), out->n);
}

static const struct participation *find(const struct participation_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0)
			return &l->items[i];
	return NULL;
}

static void apc_had_new_zealand_in_2002_but_not_now(void **state)
{
	(void)state;
	struct participation_list l;
	members("APC", ROLE_MEMBER, 2002, &l);
	assert_non_null(find(&l, "NZL"));
	/* the annex lists Hong Kong undated: attested from 2009, not in 2002 */
	assert_null(find(&l, "HKG"));
	participation_list_free(&l);
	const struct process *apc;
	struct svc_error err = { 0 };
	assert_int_equal(registry_process(reg, NULL, "apc", &apc, &err), SVC_OK);
	memset(&l, 0, sizeof l);
	registry_select_unattested(apc, &(struct participant_filter){ ROLE_MEMBER, 2002, 0 }, &l);
	assert_int_equal(l.n, 34);
	assert_int_equal(find(&l, "HKG")->kind, PARTY_TERRITORY);
	participation_list_free(&l);
	members("APC", ROLE_MEMBER, 2009, &l);
	assert_non_null(find(&l, "HKG"));
	assert_null(find(&l, "NZL"));
	participation_list_free(&l);
	members("apc", ROLE_MEMBER, 0, &l);
	assert_null(find(&l, "NZL"));
	assert_int_equal(l.n, 34);
	participation_list_free(&l);
}

static void eritrea_is_suspended_in_igad_rcp(void **state)
{
	(void)state;
	struct participation_list l;
	members("IGAD-RCP", ROLE_MEMBER, 0, &l);
	assert_int_equal(l.n, 7);
	assert_int_equal(find(&l, "ERI")->status, STATUS_SUSPENDED);
	assert_int_equal(find(&l, "KEN")->status, STATUS_ACTIVE);
	participation_list_free(&l);
}

static void afghanistan_observed_colombo_in_2004_and_joined_in_2005(void **state)
{
	(void)state;
	struct participation_list l;
	members("colombo process", -1, 2004, &l);
	assert_int_equal(find(&l, "AFG")->role, ROLE_OBSERVER);
	assert_int_equal(l.n, 11);  /* ten founders and one observer */
	participation_list_free(&l);
	members("colombo process", ROLE_MEMBER, 2005, &l);
	assert_non_null(find(&l, "AFG"));
	assert_int_equal(l.n, 11);
	participation_list_free(&l);
	members("colombo process", ROLE_MEMBER, 2003, &l);
	assert_null(find(&l, "AFG"));
	participation_list_free(&l);
}

static void mtm_counts_the_eu_of_2010(void **state)
{
	(void)state;
	struct participation_list l;
	members("MTM", ROLE_MEMBER, 0, &l);
	assert_int_equal(l.n, 7 + 27 + 3);
	size_t eu = 0;
	for (size_t i = 0; i < l.n; i++)
		eu += l.items[i].label && strcmp(l.items[i].label, "27 EU Member States") == 0;
	assert_int_equal(eu, 27);
	assert_non_null(find(&l, "HRV") == NULL ? find(&l, "BGR") : NULL);  /* Bulgaria in, Croatia not yet */
	participation_list_free(&l);
	members("MTM", ROLE_ACTIVITY_PARTNER, 0, &l);
	assert_int_equal(l.n, 7);
	assert_non_null(find(&l, "CPV"));
	participation_list_free(&l);
}

static void abu_dhabi_dialogue_is_colombo_plus_nine(void **state)
{
	(void)state;
	struct participation_list add, colombo;
	/* as the 2009 annex has it: Cambodia joined the Colombo Process later */
	members("Abu Dhabi Dialogue", ROLE_MEMBER, 2009, &add);
	members("Colombo Process", ROLE_MEMBER, 2009, &colombo);
	assert_int_equal(add.n, 20);
	for (size_t i = 0; i < colombo.n; i++)
		assert_non_null(find(&add, colombo.items[i].code));
	assert_non_null(find(&add, "ARE"));
	participation_list_free(&add);
	participation_list_free(&colombo);
}

static void bali_process_leadership(void **state)
{
	(void)state;
	const struct process *p;
	struct svc_error err = { 0 };
	assert_int_equal(registry_process(reg, NULL, "bali", &p, &err), SVC_OK);
	size_t cochairs = 0, steering = 0;
	const char *legal = NULL;
	for (size_t i = 0; i < p->nleaders; i++) {
		cochairs += strcmp(p->leaders[i].position, "co-chair") == 0;
		steering += strcmp(p->leaders[i].position, "steering-group") == 0;
		if (p->leaders[i].portfolio && strstr(p->leaders[i].portfolio, "Legal Frameworks"))
			legal = p->leaders[i].code;
	}
	assert_int_equal(cochairs, 2);
	assert_int_equal(steering, 6);
	assert_string_equal(legal, "NZL");
}

static void budapest_working_groups_have_chairs(void **state)
{
	(void)state;
	const struct process *p;
	struct svc_error err = { 0 };
	assert_int_equal(registry_process(reg, NULL, "Budapest Process", &p, &err), SVC_OK);
	assert_int_equal(p->ngroups, 7);
	assert_string_equal(p->groups[4].chairs.items[0], "POL");
	assert_string_equal(p->groups[4].co_chairs.items[0], "GBR");
}

static void lookup_by_any_name(void **state)
{
	(void)state;
	const char *queries[][2] = {
		{ "puebla process", "rcm" }, { "soderkoping", "cbcp" }, { "CBCP", "cbcp" },
		{ "Söderköping Process", "cbcp" }, { "5+5", "5plus5" }, { "igad rcp", "igad-rcp" },
	};
	const struct process *p;
	struct svc_error err = { 0 };
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		assert_int_equal(registry_process(reg, NULL, queries[i][0], &p, &err), SVC_OK);
		assert_string_equal(p->slug, queries[i][1]);
	}
	assert_int_equal(registry_process(reg, "process", "Pueblo", &p, &err), SVC_NOT_FOUND);
	assert_string_equal(err.field, "process");
	assert_non_null(strstr(err.message, "rcm"));
	svc_error_free(&err);
}

static void report_names_resolve_to_iso_codes(void **state)
{
	(void)state;
	const char *names[][2] = {
		{ "Viet Nam", "VNM" }, { "Laos PDR", "LAO" }, { "Swaziland", "SWZ" },
		{ "Macedonia (FYR)", "MKD" }, { "Surinam", "SUR" }, { "DPR of Korea", "PRK" },
		{ "Hong Kong SAR", "HKG" }, { "Cote d'Ivoire", "CIV" }, { "the Philippines", "PHL" },
		{ "nz", "NZL" }, { "NZL", "NZL" }, { "Republic of Korea", "KOR" },
	};
	const struct country *c;
	struct svc_error err = { 0 };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(registry_country(reg, NULL, names[i][0], &c, &err), SVC_OK);
		assert_string_equal(c->alpha3, names[i][1]);
	}
	assert_int_equal(registry_country(reg, NULL, "Swaziand", &c, &err), SVC_NOT_FOUND);
	assert_non_null(strstr(err.message, "SWZ"));
	svc_error_free(&err);
}

static void bali_process_and_apc_share_members(void **state)
{
	(void)state;
	const struct process *a, *b;
	struct svc_error err = { 0 };
	assert_int_equal(registry_process(reg, NULL, "bali-process", &a, &err), SVC_OK);
	assert_int_equal(registry_process(reg, NULL, "apc", &b, &err), SVC_OK);
	struct overlap o;
	registry_overlap(a, b, 0, &o);
	assert_int_equal(o.nshared, 33);
	assert_int_equal(o.nonly_a, 10);  /* NZ left APC; Iran, Iraq, ... never in it */
	assert_int_equal(o.nonly_b, 1);   /* Micronesia */
	assert_float_equal(o.jaccard, 33.0 / 44.0, 1e-9);
	overlap_free(&o);
}

static void most_shared_states(void **state)
{
	(void)state;
	const struct process_list *all = registry_all(reg);
	assert_int_equal(all->n, 23);
	struct state_count top[3];
	assert_int_equal(registry_most_shared(all, 0, top, 3), 3);
	assert_true(top[0].processes >= top[1].processes);
	assert_int_equal(top[0].processes, 7);  /* France, now in the Rabat, Prague and Khartoum Processes too */
	assert_int_equal(registry_most_shared(all, 2009, top, 3), 3);
	assert_int_equal(top[0].processes, 4);  /* the annex's picture */
}

static void viet_nam_shares_all_four_processes_with_thailand(void **state)
{
	(void)state;
	struct state_count near[60];
	size_t n = registry_neighbours(registry_all(reg), "VNM", 0, near, 60);
	assert_true(n > 20);
	size_t thailand = 0;
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(near[i].code, "VNM");
		assert_true(i == 0 || near[i - 1].processes >= near[i].processes);
		if (strcmp(near[i].code, "THA") == 0)
			thailand = near[i].processes;
	}
	assert_int_equal(near[0].processes, 4);  /* APC, Bali, Colombo, Abu Dhabi */
	assert_int_equal(thailand, 4);
}

static void map_tallies_roles_and_memberships(void **state)
{
	(void)state;
	size_t n;
	const struct country *c = registry_countries(reg, &n);
	int *tally = calloc(n, sizeof *tally);
	registry_tally_countries(registry_all(reg), "apc", 0, c, n, tally);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(c[i].alpha3, "AUS") == 0)
			assert_int_equal(tally[i], 1 + ROLE_MEMBER);
		if (strcmp(c[i].alpha3, "NZL") == 0)
			assert_int_equal(tally[i], 0);  /* left in 2003 */
	}
	assert_int_equal(registry_tally_countries(registry_all(reg), NULL, 0, c, n, tally), 7);
	assert_int_equal(registry_tally_countries(registry_all(reg), NULL, 2009, c, n, tally), 4);
	assert_int_equal(registry_tally_countries(registry_all(reg), NULL, 1992, c, n, tally), 0);
	free(tally);
}

int main(void)
{
	text_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apc_had_new_zealand_in_2002_but_not_now),
		cmocka_unit_test(eritrea_is_suspended_in_igad_rcp),
		cmocka_unit_test(afghanistan_observed_colombo_in_2004_and_joined_in_2005),
		cmocka_unit_test(mtm_counts_the_eu_of_2010),
		cmocka_unit_test(abu_dhabi_dialogue_is_colombo_plus_nine),
		cmocka_unit_test(bali_process_leadership),
		cmocka_unit_test(budapest_working_groups_have_chairs),
		cmocka_unit_test(lookup_by_any_name),
		cmocka_unit_test(report_names_resolve_to_iso_codes),
		cmocka_unit_test(bali_process_and_apc_share_members),
		cmocka_unit_test(most_shared_states),
		cmocka_unit_test(viet_nam_shares_all_four_processes_with_thailand),
		cmocka_unit_test(map_tallies_roles_and_memberships),
	};
	return cmocka_run_group_tests_name("registry", tests, seed, unseed);
}
