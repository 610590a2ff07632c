/* registry.h: questions about processes, participants and their overlap */
#ifndef RCPHUB_REGISTRY_H
#define RCPHUB_REGISTRY_H

#include "../core/model.h"
#include "../core/names.h"
#include "../core/overlap.h"
#include "../store/store.h"

/* An open registry: the store and the names everything is known by. */
struct registry {
	struct store *store;
	struct name_index countries, organisations, processes;
};

/* Every function returning int returns 0, or -1 with *err (caller frees)
 * saying what was not found or what failed. */

/* Opens the database at location; NULL on failure. */
struct registry *registry_open(const char *location, char **err);
void registry_close(struct registry *r);

/* The process that query names (slug, acronym, full name or alias; case,
 * accents and punctuation do not matter). Fills *out (process_free). A
 * query matching nothing fails with the closest names as suggestions. */
int registry_process(struct registry *r, const char *query, struct process *out, char **err);

/* The country or territory query names (ISO code, name or alias). */
int registry_country(struct registry *r, const char *query, struct country *out, char **err);

/* The organisation query names (slug, acronym, name or alias). */
int registry_organisation(struct registry *r, const char *query, struct organisation *out, char **err);

/* Which participations to keep: role (-1 for every role) and year (0 for
 * the present: not former, no end; else held in that year). */
struct participant_filter {
	int role;
	int year;
};

/* Copies into out the participations of p that pass filter. */
void registry_select(const struct process *p, const struct participant_filter *f,
		     struct participation_list *out);

/* Every participation of a party (an alpha-3 code or an organisation's
 * slug), in every process. */
int registry_state(struct registry *r, const char *code, struct participation_list *out, char **err);

/* Every process in registry order, without participations or texts. */
int registry_processes(struct registry *r, struct process_list *out, char **err);
/* Every country and territory (see store_country_list for freeing). */
int registry_countries(struct registry *r, struct country **out, size_t *n, char **err);
/* The registry's version: what was rendered from it stays current while
 * this number does (store_registry_version). */
int registry_version(struct registry *r, long long *version, char **err);

/* Two processes' current, active member governments compared. The codes
 * in out point into a and b's participations, which must outlive it. */
void registry_overlap(const struct process *a, const struct process *b, struct overlap *out);

/* Fills m for all (as registry_overlap compares two); free with
 * registry_overlap_matrix_free. */
void registry_overlap_matrix(const struct process_list *all, struct overlap_matrix *m);
void registry_overlap_matrix_free(struct overlap_matrix *m);

/* All processes with their participations, in registry order. */
int registry_all(struct registry *r, struct process_list *out, char **err);

struct state_count {
	const char *code;  /* points into the process list it was made from */
	const char *name;
	size_t processes;
};

/* The governments and territories that are current members of the most
 * processes: fills up to max entries of out, most first, and returns how
 * many. */
size_t registry_most_shared(const struct process_list *all, struct state_count *out, size_t max);

#endif
