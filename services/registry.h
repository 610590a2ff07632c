/* registry.h: questions about processes, participants and their overlap, answered from a snapshot */
#ifndef RCPHUB_REGISTRY_H
#define RCPHUB_REGISTRY_H

#include "service.h"
#include "../core/model.h"
#include "../core/overlap.h"

/* An open registry: a connection to the store and a snapshot of the
 * registry (processes with their participants, countries, the names
 * everything is known by) at one version. Not shared between threads. */
struct registry;

/* Opens the database at location and reads the snapshot; NULL with *err. */
struct registry *registry_open(const char *location, struct svc_error *err);
void registry_close(struct registry *r);
/* Reads the snapshot anew if the registry changed since it was read (by
 * this or any server sharing the database): one query when it did not,
 * and none while the store can tell that nothing was committed.
 * Pointers into the old snapshot are invalid afterwards. */
enum svc_status registry_refresh(struct registry *r, struct svc_error *err);

/* The kinds of things the registry names. */
enum registry_kind {
	REGISTRY_PROCESS,
	REGISTRY_COUNTRY,
	REGISTRY_ORGANISATION,
};

/* Lookups by any name (slug, code, acronym, full name or alias; case,
 * accents and punctuation do not matter). A name that matches nothing is
 * SVC_NOT_FOUND with the closest names as suggestions, reported against
 * field (the parameter the name came in; NULL for none). The pointers
 * returned point into the snapshot: valid until the next refresh. */
enum svc_status registry_process(struct registry *r, const char *field, const char *query,
				 const struct process **out, struct svc_error *err);
enum svc_status registry_country(struct registry *r, const char *field, const char *query,
				 const struct country **out, struct svc_error *err);
enum svc_status registry_organisation(struct registry *r, const char *field, const char *query,
				      const struct organisation **out, struct svc_error *err);
/* The slug or code query names, or NULL; owned by the snapshot. */
const char *registry_id(struct registry *r, enum registry_kind kind, const char *query);
/* Up to max ids of kind whose names come closest to query (for "did you
 * mean"), or that contain it (for search); owned by the snapshot. */
size_t registry_suggest(struct registry *r, enum registry_kind kind, const char *query,
			const char **ids, size_t max);
size_t registry_search(struct registry *r, enum registry_kind kind, const char *query,
		       const char **ids, size_t max);

/* Which participations to keep: role (-1 for every role) and year (0 for
 * the present: not former, no end; else held in that year). */
struct participant_filter {
	int role;
	int year;
	int active;  /* 1: suspended participations left out */
};

/* Copies into out the participations of p that pass filter. */
void registry_select(const struct process *p, const struct participant_filter *f,
		     struct participation_list *out);
/* Copies into out the participations of p (of f's role) that may have
 * held in f->year but that no source attests then (none when year is 0
 * or before p was established). */
void registry_select_unattested(const struct process *p, const struct participant_filter *f,
				struct participation_list *out);
/* How many of p's participations pass f. */
size_t registry_count(const struct process *p, const struct participant_filter *f);

/* Every participation of a party (an alpha-3 code or an organisation's
 * slug), in every process, in registry order: copies in *out. With a
 * year (0: every one, past and present), those attested then; those no
 * source attests then go to *unattested when it is not NULL. */
void registry_state(struct registry *r, const char *code, int year, struct participation_list *out,
		    struct participation_list *unattested);
/* Reads text as a year into *year (0 for NULL text: now): SVC_INVALID
 * against field for text that is not YYYY from 1900, or for a year after
 * the present one (now, in seconds since the epoch): sources attest the
 * past. */
enum svc_status registry_year(const char *text, long long now, const char *field, int *year,
			      struct svc_error *err);

/* All processes with their participations, in registry order. */
const struct process_list *registry_all(struct registry *r);
/* Every organisation the registry knows, by slug; *n of them. */
const struct organisation *registry_organisations(struct registry *r, size_t *n);
/* Every country and territory, by alpha-3; *n of them. */
const struct country *registry_countries(struct registry *r, size_t *n);
/* The registry's version: what was rendered from it stays current while
 * this number does. */
long long registry_version(struct registry *r);
/* The documents' version as the last registry_refresh read it: pages
 * that list documents stay current while it and the registry's do. */
long long registry_documents_version(struct registry *r);

/* Two processes' active member governments in year (0: now) compared.
 * The codes in out point into a and b's participations, which must
 * outlive it. */
void registry_overlap(const struct process *a, const struct process *b, int year, struct overlap *out);

/* Fills m for all (as registry_overlap compares two); free with
 * registry_overlap_matrix_free. */
void registry_overlap_matrix(const struct process_list *all, int year, struct overlap_matrix *m);
void registry_overlap_matrix_free(struct overlap_matrix *m);

struct state_count {
	const char *code;  /* points into the process list it was made from */
	const char *name;
	size_t processes;
};

/* The governments and territories that are members of the most
 * processes in year (0: now): fills up to max entries of out, most
 * first, and returns how many. */
size_t registry_most_shared(const struct process_list *all, int year, struct state_count *out, size_t max);
/* The states that share the most processes (as members in year; 0: now)
 * with code, most first: up to max entries of out; returns how many. */
size_t registry_neighbours(const struct process_list *all, const char *code, int year,
			   struct state_count *out, size_t max);

/* Per country of countries (n of them, by alpha-3, as registry_countries
 * gives them): with process (a slug), 1 + the role it holds there in
 * year (0: now), or 0; with process NULL, how many processes it is an
 * active member of then. Fills out[0..n) and returns the largest value. */
int registry_tally_countries(const struct process_list *all, const char *process, int year,
			     const struct country *countries, size_t n, int *out);

#endif
