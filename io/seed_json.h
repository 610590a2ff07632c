/* seed_json.h: reading the seed data files under data/ into registry types */
#ifndef RCPHUB_SEED_JSON_H
#define RCPHUB_SEED_JSON_H

#include "../core/assessment.h"
#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>

/* What went wrong and where: line (1-based; 0 if unknown), the field as a
 * JSON path ("participants[2].countries[5]"), and a message. */
struct seed_error {
	int line;
	char *field;
	char *message;
};
void seed_error_free(struct seed_error *e);

enum seed_ref_kind { REF_COUNTRY, REF_ORGANISATION, REF_GROUP, REF_PROCESS };

/* A name as written in a seed file, before it is resolved. */
struct seed_ref {
	enum seed_ref_kind kind;
	char *name;
	char *field;  /* JSON path of the name */
	int line;
};

/* One participant entry as written, with its qualifiers. */
struct seed_entry {
	struct seed_ref ref;
	enum role role;
	enum status status;
	int since, until;
	char *label, *note;
	struct provenance prov;  /* its own source, or all NULL: the process's */
};

struct seed_leader {
	struct seed_ref ref;
	char *position;
	char *portfolio;
	int since, until;
	struct provenance prov;  /* its own source, or all NULL: the process's */
};

struct seed_group {
	char *name;
	struct seed_ref *chairs;
	size_t nchairs;
	struct seed_ref *co_chairs;
	size_t nco_chairs;
	struct provenance prov;  /* no source: the process's own */
};

/* A process file: the process's own fields in p (leaders, groups,
 * participations and secretariat organisations left empty), and the
 * named parties still to resolve. */
struct seed_process {
	struct process p;
	struct seed_ref *secretariat;
	size_t nsecretariat;
	struct seed_entry *entries;
	size_t nentries;
	struct seed_leader *leaders;
	size_t nleaders;
	struct seed_group *groups;
	size_t ngroups;
};

struct seed_alias {
	char *name, *code;
	int display;
	int line;
};

struct seed_aliases {
	struct seed_alias *aliases;
	size_t naliases;
	struct seed_alias *territories;  /* name: the territory's code; code: its state */
	size_t nterritories;
};

struct seed_named_group {
	char *id, *name;
	struct seed_ref *members;
	size_t nmembers;
};

/* Each parser reads a whole file's text (len bytes, need not end in NUL).
 * On success it fills *out (freed with the matching _free) and returns 0;
 * on failure it returns -1, fills *err and leaves *out empty. */
int seed_process_parse(const char *text, size_t len, struct seed_process *out,
		       struct seed_error *err);
void seed_process_free(struct seed_process *sp);

int seed_aliases_parse(const char *text, size_t len, struct seed_aliases *out,
		       struct seed_error *err);
void seed_aliases_free(struct seed_aliases *a);

int seed_organisations_parse(const char *text, size_t len, struct organisation **out,
			     size_t *n, struct seed_error *err);
int seed_sources_parse(const char *text, size_t len, struct source **out, size_t *n,
		       struct seed_error *err);
void source_free(struct source *s);

int seed_groups_parse(const char *text, size_t len, struct seed_named_group **out,
		      size_t *n, struct seed_error *err);
void seed_named_group_free(struct seed_named_group *g);

/* One piece of evidence as written in data/assessment/evidence.json,
 * before its names are resolved: phase, effect, strength and confidence
 * are checked here; source is the entry's own or the file's. */
struct seed_evidence {
	struct seed_ref process;
	int phase;
	char *effect, *description, *source, *section, *date, *strength, *confidence;
	struct seed_ref *states;
	size_t nstates;
};

int seed_evidence_parse(const char *text, size_t len, struct seed_evidence **out, size_t *n,
			struct seed_error *err);
void seed_evidence_free(struct seed_evidence *e);

/* Reads ISO 3166-1 from Debian's iso-codes JSON text into an array of
 * countries (caller frees each with country_free, then the array). */
int iso_countries_parse(const char *text, size_t len, struct country **out,
			size_t *n, struct seed_error *err);

#endif
