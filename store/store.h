/* store.h: the one interface to persistent data; backends implement it */
#ifndef RCPHUB_STORE_H
#define RCPHUB_STORE_H

#include "../core/model.h"
#include "../core/names.h"

/* An open database. Not shared between threads. */
struct store;

struct source {
	char *id, *title, *series, *author, *publisher, *published, *as_of, *file;
};

enum store_open_mode {
	STORE_EXISTING,  /* the database must exist; it is migrated if older */
	STORE_CREATE,    /* a new, empty database is made and migrated */
};

/* Every function below that returns int returns 0 on success and -1 on
 * failure, with *err set to a message the caller frees. */

/* Opens the database at location (a file path). Returns NULL on failure.
 * A database whose schema is newer than this program's is refused. */
struct store *store_open(const char *location, enum store_open_mode mode, char **err);
void store_close(struct store *s);

/* The schema version of the open database and the newest this program knows. */
int store_schema_version(struct store *s, int *version, char **err);
int store_schema_latest(void);

/* One transaction around a group of writes; nothing is kept unless
 * store_commit succeeds. */
int store_begin(struct store *s, char **err);
int store_commit(struct store *s, char **err);
void store_rollback(struct store *s);

/* Writes. Strings are copied; nothing passed in is kept. */
int store_source_put(struct store *s, const struct source *src, char **err);
int store_country_put(struct store *s, const struct country *c, char **err);
int store_organisation_put(struct store *s, const struct organisation *o, char **err);
/* kind: "country", "organisation" or "process". */
int store_name_put(struct store *s, const char *kind, const char *name,
		   const char *id, char **err);
/* The whole process: texts, leaders, working groups, participations
 * (their kind, code, role, status, span, label, note, provenance). */
int store_process_put(struct store *s, const struct process *p, int position, char **err);

/* Reads. Results are filled into caller-provided structs that the caller
 * frees with the matching *_free function of core/model.h. */

/* Fills idx with every name of kind and the id it stands for. */
int store_names_load(struct store *s, const char *kind, struct name_index *idx, char **err);
/* Every process in registry order, without participations or texts. */
int store_process_list(struct store *s, struct process_list *out, char **err);
/* One whole process by slug; returns 1 if there is none (*err unset). */
int store_process_get(struct store *s, const char *slug, struct process *out, char **err);
/* One country by alpha-3; returns 1 if there is none. */
int store_country_get(struct store *s, const char *alpha3, struct country *out, char **err);
/* One organisation by slug; returns 1 if there is none. */
int store_organisation_get(struct store *s, const char *slug, struct organisation *out, char **err);
/* Every participation of one party (alpha-3 or organisation slug) in any
 * process, in registry order, with process slug and acronym filled. */
int store_participations_of(struct store *s, const char *code,
			    struct participation_list *out, char **err);
/* Every participation of governments and territories in any process with
 * the given role, in registry order. */
int store_participations_by_role(struct store *s, enum role role,
				 struct participation_list *out, char **err);

/* Counts for summaries: rows in a table of the registry. */
int store_count(struct store *s, const char *table, long *out, char **err);

#endif
