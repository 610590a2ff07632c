/* seed.h: building a registry database from the seed data under data/ */
#ifndef RCPHUB_SEED_H
#define RCPHUB_SEED_H

struct seed_paths {
	const char *data_dir;   /* holds sources.json, organisations.json, ... */
	const char *iso_codes;  /* iso-codes' iso_3166-1.json */
};

/* Creates the database at db_path from the seed data, all or nothing: it
 * is built in a temporary file beside db_path and renamed into place.
 * An existing database is replaced only with force. Returns 0, or -1 with
 * *err (caller frees) naming the file, line and field at fault. */
int seed_init(const struct seed_paths *paths, const char *db_path, int force, char **err);

#endif
