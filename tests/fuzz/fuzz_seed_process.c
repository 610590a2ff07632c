/* fuzz_seed_process.c: libFuzzer target for the seed (processes, aliases, organisations, evidence) and iso-codes file parsers */
#include "../../core/text.h"
#include "../../io/seed_json.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = text_init() + 1;
	const char *text = (const char *)data;
	struct seed_error e;
	struct seed_process sp;
	if (seed_process_parse(text, size, &sp, &e) == 0)
		seed_process_free(&sp);
	else
		seed_error_free(&e);
	struct seed_aliases a;
	if (seed_aliases_parse(text, size, &a, &e) == 0)
		seed_aliases_free(&a);
	else
		seed_error_free(&e);
	struct organisation *orgs;
	size_t n;
	if (seed_organisations_parse(text, size, &orgs, &n, &e) == 0) {
		for (size_t i = 0; i < n; i++)
			organisation_free(&orgs[i]);
		free(orgs);
	} else {
		seed_error_free(&e);
	}
	struct seed_evidence *evidence;
	if (seed_evidence_parse(text, size, &evidence, &n, &e) == 0) {
		for (size_t i = 0; i < n; i++)
			seed_evidence_free(&evidence[i]);
		free(evidence);
	} else {
		seed_error_free(&e);
	}
	struct country *countries;
	if (iso_countries_parse(text, size, &countries, &n, &e) == 0) {
		for (size_t i = 0; i < n; i++)
			country_free(&countries[i]);
		free(countries);
	} else {
		seed_error_free(&e);
	}
	return 0;
}
