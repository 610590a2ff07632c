/* seed.h: building a registry database from the seed data under data/ */
#ifndef RCPHUB_SEED_H
#define RCPHUB_SEED_H

#include <stddef.h>

struct seed_paths {
	const char *data_dir;   /* holds sources.json, organisations.json, ... */
	const char *iso_codes;  /* iso-codes' iso_3166-1.json */
};

/* Creates the database at db_path from the seed data, all or nothing: it
 * is built in a temporary file beside db_path and renamed into place.
 * An existing database is replaced only with force. Returns 0, or -1 with
 * *err (caller frees) naming the file, line and field at fault. */
int seed_init(const struct seed_paths *paths, const char *db_path, int force, char **err);

struct source;
/* The seed's sources.json read into *out (n of them; the caller frees each
 * with source_free, then the array); -1 with *err. */
int seed_read_sources(const struct seed_paths *paths, struct source **out, size_t *n, char **err);

/* seed_diff.c: what the seed data would change in a live registry. The
 * seed is built into a temporary database and compared with the live
 * one, process by process: processes it adds; participations and
 * leadership posts it adds, corrects (the same party, role and source,
 * saying something else) or removes (from one of the seed's own sources,
 * no longer there). Facts from other sources (made by editors), and facts
 * edited here by a person since they were seeded, are the editors'
 * and left alone; so are processes the seed does not have, accounts,
 * documents and everything else. */
struct seed_diff;
struct registry;
struct actor;
struct svc_error;
/* NULL with *err when the seed cannot be read; free with seed_diff_free. */
struct seed_diff *seed_diff(const struct seed_paths *paths, struct registry *live, char **err);
void seed_diff_free(struct seed_diff *d);
size_t seed_diff_count(const struct seed_diff *d);
/* Change i in words, one line (two for a correction: "was: ..."); the
 * caller frees it. */
char *seed_diff_describe(const struct seed_diff *d, size_t i);
/* Applies every change of d to live in one transaction, each in the
 * registry's history as an "apply" edit; returns an svc_status. */
int seed_apply(const struct seed_paths *paths, struct seed_diff *d, struct registry *live,
	       const struct actor *a, struct svc_error *err);

#endif
