/* store.h: the one interface to persistent data; backends implement it */
#ifndef RCPHUB_STORE_H
#define RCPHUB_STORE_H

#include "../core/account.h"
#include "../core/assessment.h"
#include "../core/model.h"
#include "../core/names.h"
#include "../core/glossary.h"
#include "../core/search.h"
#include "../core/matrix.h"
#include "../core/stats.h"

/* An open database. Not shared between threads. */
struct store;

struct source {
	char *id, *title, *series, *author, *publisher, *published, *as_of, *file;
	char *url;  /* where it is read, or NULL */
};

enum store_open_mode {
	STORE_EXISTING,  /* the database must exist; it is migrated if older */
	STORE_CREATE,    /* a new, empty database is made and migrated */
};

/* Every function below that returns int returns 0 on success and -1 on
 * failure, with *err set to a message the caller frees. */

/* Opens the database at location: a file path for SQLite, or a
 * postgresql:// URL for a PostgreSQL server. Returns NULL on failure.
 * A database whose schema is newer than this program's is refused. */
struct store *store_open(const char *location, enum store_open_mode mode, char **err);
void store_close(struct store *s);
/* Makes a new SQLite database file at path without a moment when a
 * half-made one stands there: fill(s, arg, err) runs on a new file beside
 * path, which is renamed over path if fill returns 0 and removed if not.
 * Returns 0, or -1 with *err. */
int store_build_file(const char *path, int (*fill)(struct store *s, void *arg, char **err),
		     void *arg, char **err);
/* Whether location names a database server rather than a file. */
int store_is_server(const char *location);

/* The schema version of the open database and the newest this program knows. */
int store_schema_version(struct store *s, int *version, char **err);
int store_schema_latest(void);

/* One transaction around a group of writes; nothing is kept unless
 * store_commit succeeds. */
int store_begin(struct store *s, char **err);
int store_commit(struct store *s, char **err);
void store_rollback(struct store *s);
/* A point inside the transaction to roll back to without ending it:
 * taken, given up (its writes kept), or rolled back to (and given up). */
int store_savepoint(struct store *s, char **err);
int store_savepoint_release(struct store *s, char **err);
int store_savepoint_rollback(struct store *s, char **err);

/* Writes. Strings are copied; nothing passed in is kept. */
int store_source_put(struct store *s, const struct source *src, char **err);
int store_country_put(struct store *s, const struct country *c, char **err);
int store_organisation_put(struct store *s, const struct organisation *o, char **err);
/* kind: "country", "organisation" or "process". */
int store_name_put(struct store *s, const char *kind, const char *name,
		   const char *id, char **err);
/* Deletes every process, country, organisation, name and source, inside
 * the caller's transaction (users and documents must be gone first). */
int store_registry_clear(struct store *s, char **err);
/* The whole process: texts, leaders, working groups, participations
 * (their kind, code, role, status, span, label, note, provenance). */
int store_process_put(struct store *s, const struct process *p, int position, char **err);
/* Adds a participation (a leadership post) to the process slug as its
 * next fact; *id is its number. */
int store_participation_add(struct store *s, const char *slug, const struct participation *pa, int *id,
			    char **err);
int store_leader_add(struct store *s, const char *slug, const struct leader *l, int *id, char **err);
/* Writes pa (l) over the fact of its id in slug, if it is still at its
 * version, and raises the version: *changed 1; else *changed 0. */
int store_participation_update(struct store *s, const char *slug, const struct participation *pa, int *changed,
			       char **err);
int store_leader_update(struct store *s, const char *slug, const struct leader *l, int *changed, char **err);
/* Removes the fact of that id from the process slug (the seed no longer
 * has it; see seed_apply). */
int store_participation_delete(struct store *s, const char *slug, int id, char **err);
int store_leader_delete(struct store *s, const char *slug, int id, char **err);
/* Replaces the process slug's list of kind k with l (the seed's). */
int store_texts_replace(struct store *s, const char *slug, enum text_kind k, const struct text_list *l, char **err);
/* Replaces the working groups of p->slug, with their chairs, by p's. */
int store_groups_replace(struct store *s, const struct process *p, char **err);
/* *exists: whether a source of that id is stored. */
int store_source_exists(struct store *s, const char *id, int *exists, char **err);
/* The title and address (NULL for none) of source id, the caller's to
 * free; 1 when there is no such source. */
int store_source_title(struct store *s, const char *id, char **title, char **url, char **err);
/* The id of the source text names: a source of that id; else one with
 * that address (url, when not NULL); else one with that title; else a new
 * source titled text, with url and as_of, numbered src-N. *id is the
 * caller's to free. */
int store_source_for(struct store *s, const char *text, const char *url, const char *as_of, char **id,
		     char **err);
/* Appends an edit to the registry's history (e->id and e->source_title
 * are ignored). */
int store_history_put(struct store *s, const struct registry_edit *e, char **err);
/* The edits of the process slug, newest first, into *out (the caller
 * frees it with registry_edit_list_free). */
int store_history_list(struct store *s, const char *slug, struct registry_edit_list *out, char **err);

/* Reads. Results are filled into caller-provided structs that the caller
 * frees with the matching *_free function of core/model.h. */

/* Fills idx with every name of kind and the id it stands for. */
int store_names_load(struct store *s, const char *kind, struct name_index *idx, char **err);
/* Every process in registry order, without participations or texts. */
int store_process_list(struct store *s, struct process_list *out, char **err);
/* One whole process by slug; returns 1 if there is none (*err unset). */
int store_process_get(struct store *s, const char *slug, struct process *out, char **err);
/* Every country and territory by alpha-3 into *out (n of them; free each
 * with country_free, then the array). */
int store_country_list(struct store *s, struct country **out, size_t *n, char **err);
/* Every organisation with its aliases, by slug, into *out (n of them;
 * free each with organisation_free, then the array). */
int store_organisation_list(struct store *s, struct organisation **out, size_t *n, char **err);

/* A number every registry write raises (processes, countries,
 * organisations, names, sources): what was rendered from the registry
 * at one version is current while the version stays; and in *documents
 * (unless NULL) the number every change to a document raises. */
int store_registry_version(struct store *s, long long *version, long long *documents, char **err);
/* 0 when nothing can have been committed to the database since the last
 * call on s, so that the versions above still hold without asking; 1
 * when something may have been (always on the first call, and on engines
 * that cannot tell without a query). */
int store_may_have_changed(struct store *s);

/* Starts a read-only transaction that sees one moment of the database. */
int store_snapshot_begin(struct store *s, char **err);

/* One table of a platform: its rows and a digest of their content that
 * does not depend on their order or the engine they are kept in. */
struct store_table_check {
	char *table;
	long rows;
	char digest[33];
};
struct store_checks {
	struct store_table_check *tables;
	size_t n;
};
/* Copies every row of every table of src (as its catalogue lists them,
 * all but the migrations' bookkeeping) into dst, which must hold no
 * platform yet and be inside the caller's transaction; fills *out with
 * what was read (store_checks_free). */
int store_copy(struct store *src, struct store *dst, struct store_checks *out, char **err);
/* Copies the whole database of s page by page to a new file at path, or
 * replaces it with the one at path (restore), through the engine's online
 * backup; -1 with *err, also for an engine that has none (PostgreSQL). */
int store_backup(struct store *s, const char *path, int restore, char **err);
/* Reads every table of s into *out, as store_copy does its source. */
int store_check(struct store *s, struct store_checks *out, char **err);
void store_checks_free(struct store_checks *c);

/* Counts for summaries: rows in processes, countries, organisations,
 * participations, users or documents. */
int store_count(struct store *s, const char *table, long *out, char **err);

/* Accounts. A user's password_hash is filled by store_user_get only. */
int store_user_put(struct store *s, const struct user *u, char **err);
/* The user with their roles; returns 1 if there is none. */
int store_user_get(struct store *s, const char *login, struct user *out, char **err);
/* Every user with their roles, by login. */
int store_user_list(struct store *s, struct user_list *out, char **err);
/* *changed (if not NULL) is set to the number of rows changed: 0 when
 * there is no such user or grant. */
int store_user_set_disabled(struct store *s, const char *login, int disabled,
			    int *changed, char **err);
int store_user_set_password(struct store *s, const char *login, const char *hash,
			    int must_change, char **err);
/* The TOTP secret (sealed, services/secrets.h; NULL removes the second
 * factor). */
int store_user_set_totp(struct store *s, const char *login, const char *secret, int *changed, char **err);
/* One-time password reset links, by hash: made by by for login, live
 * until expires_at; store_reset_login sets *login (caller frees) for a
 * live unspent one (1: none); store_reset_spend spends it (*spent 0: it
 * was not live). */
int store_reset_put(struct store *s, const char *token_hash, const char *login, const char *by, long long now,
		    long long expires_at, char **err);
int store_reset_login(struct store *s, const char *token_hash, long long now, char **login, char **err);
int store_reset_spend(struct store *s, const char *token_hash, long long now, int *spent, char **err);
/* Replaces login's recovery codes by those hashes (NULL: none). */
int store_recovery_set(struct store *s, const char *login, const struct strlist *hashes, char **err);
/* Spends login's unspent recovery code of that hash: *used 1, or 0 when
 * there is none. */
int store_recovery_use(struct store *s, const char *login, const char *hash, long long now, int *used, char **err);
/* The logins whose TOTP secret is not sealed yet, with those secrets. */
int store_totp_unsealed(struct store *s, struct strlist *logins, struct strlist *secrets, char **err);
/* Replaces login's secret was by sealed (the same secret, sealed). */
int store_totp_reseal(struct store *s, const char *login, const char *was, const char *sealed, char **err);
/* Records that the code of time step was used: *used is 1, or 0 when
 * that step (or a later one) was used already. */
int store_user_use_totp_step(struct store *s, const char *login, long long step, int *used, char **err);
/* Gives login the role in process, replacing any role held there. */
int store_grant_put(struct store *s, const char *login, const char *process,
		    enum grant_role role, char **err);
int store_grant_delete(struct store *s, const char *login, const char *process,
		       int *changed, char **err);

/* Sessions, by the hash of their token. */
int store_session_put(struct store *s, const struct session *se, char **err);
/* The session and its user with roles, read together (session_free,
 * user_free); returns 1 if there is no such session. */
int store_session_user(struct store *s, const char *token_hash, struct session *se,
		       struct user *u, char **err);
int store_session_touch(struct store *s, const char *token_hash, long long now, char **err);
int store_session_delete(struct store *s, const char *token_hash, char **err);
int store_sessions_delete_of(struct store *s, const char *login, char **err);
/* Ends every session of login but the one whose token hashes to keep_hash (NULL: all). */
int store_sessions_delete_others(struct store *s, const char *login, const char *keep_hash, char **err);
/* Deletes sessions last seen before idle_before or made before created_before. */
int store_sessions_expire(struct store *s, long long idle_before, long long created_before, char **err);

/* Personal tokens, by hash, each opening one scope: "api" (a bearer token)
 * or "calendar" (a calendar feed's secret address). store_token_login
 * sets *login (caller frees) and *id for a live token of the scope, not
 * past its end at now, and returns 1 for an unknown, revoked, expired or
 * other-scope one. store_tokens_revoke revokes
 * the login's tokens of scope (NULL: of every scope). */
int store_token_put(struct store *s, const struct token_info *t, const char *token_hash, const char *login,
		    const char *scope, long long *id, char **err);
int store_token_login(struct store *s, const char *token_hash, const char *scope, long long now, char **login,
		      long long *id, char **err);
int store_tokens_revoke(struct store *s, const char *login, const char *scope, int *changed, char **err);
/* Notes that token id was used at now (at most once an hour). */
int store_token_touch(struct store *s, long long id, long long now, char **err);
/* login's API tokens, newest first, live or not (token_list_free). */
int store_tokens_of(struct store *s, const char *login, struct token_list *out, char **err);
/* Revokes login's live API token id: *changed 0 when there is none. */
int store_token_revoke_one(struct store *s, const char *login, long long id, int *changed, char **err);
/* login's sessions, last seen first (session_list_free). */
int store_sessions_list(struct store *s, const char *login, struct session_list *out, char **err);

/* Failed logins under a key ("user:NAME", "addr:IP"): how many since a
 * time, and the oldest of those (0 if none). */
int store_failure_put(struct store *s, const char *key, long long at, char **err);
int store_failure_count(struct store *s, const char *key, long long since,
			long *count, long long *oldest, char **err);
int store_failures_clear(struct store *s, const char *key, char **err);
int store_failures_prune(struct store *s, long long before, char **err);

/* Documents, with their readers; the attachment's bytes are read apart.
 * store_document_put sets d->id. The get functions return 1 if there is
 * no such document (or attachment). */
int store_document_put(struct store *s, struct document *d, char **err);
int store_document_update(struct store *s, const struct document *d, char **err);
/* store_document_attach with a NULL name removes the file. */
int store_document_attach(struct store *s, long long id, const char *name, const char *type,
			  const void *data, size_t len, long long now, char **err);
int store_document_get(struct store *s, long long id, struct document *out, char **err);
/* The get and list functions leave body NULL; this reads it (1: no such
 * document). store_document_update keeps the text when body is NULL. */
int store_document_body(struct store *s, long long id, char **body, char **err);
/* Every document of a process, newest first. */
int store_documents_of(struct store *s, const char *process, struct document_list *out, char **err);
int store_document_delete(struct store *s, long long id, char **err);
/* Keeps the document as it now reads as a version written by by: the
 * next number when changed, else the first (a new document). */
int store_document_version_keep(struct store *s, long long id, const char *by, int changed, char **err);
/* A document's versions, newest first, as documents without text or
 * readers (updated_at is when each was written); and one version's text
 * (1 when there is no such version). */
int store_document_versions(struct store *s, long long id, struct document_list *out, char **err);
int store_document_version_body(struct store *s, long long id, int version, char **body, char **err);
/* The attachment's bytes in *data (caller frees) and their length. */
int store_document_blob(struct store *s, long long id, void **data, size_t *len, char **err);

/* Focal points, by process and party: store_focal_point_put sets f->id;
 * store_focal_point_get returns 1 if there is none. A list is ordered by
 * the party's name, focal point before alternate. */
int store_focal_point_put(struct store *s, struct focal_point *f, char **err);
int store_focal_point_update(struct store *s, const struct focal_point *f, char **err);
int store_focal_point_get(struct store *s, long long id, struct focal_point *out, char **err);
int store_focal_points_of(struct store *s, const char *process, struct focal_point_list *out, char **err);
int store_focal_point_delete(struct store *s, long long id, char **err);

/* Meetings, with their delegates: store_meeting_put sets m->id; the get
 * function returns 1 if there is none; a process's meetings come by start
 * date. store_delegate_exists sets *exists for a name key already at the
 * meeting. */
int store_meeting_put(struct store *s, struct meeting *m, char **err);
int store_meeting_update(struct store *s, const struct meeting *m, char **err);
int store_meeting_get(struct store *s, long long id, struct meeting *out, char **err);
int store_meetings_of(struct store *s, const char *process, struct meeting_list *out, char **err);
int store_meeting_delete(struct store *s, long long id, char **err);
int store_delegate_put(struct store *s, struct delegate *d, long long now, char **err);
int store_delegate_exists(struct store *s, long long meeting, const char *name_key, int *exists, char **err);
/* A meeting's records: an agenda item goes last (a->id set), a paper is
 * attached once however often it is asked, minutes are numbered (m->id). */
int store_agenda_put(struct store *s, long long meeting, struct agenda_item *a, int is_organisation, char **err);
int store_meeting_attach(struct store *s, long long meeting, long long document, char **err);
int store_minutes_put(struct store *s, struct minutes *m, char **err);
int store_minutes_update(struct store *s, const struct minutes *m, char **err);

/* Plans of action, read whole (items, commitments, progress oldest
 * first): the put functions set the new record's id; store_plan_get and
 * store_plan_of_item return 1 for none; a process's plans come by
 * adoption date. An item goes last in its plan. */
int store_plan_put(struct store *s, struct plan *p, char **err);
int store_plan_item_put(struct store *s, long long plan, struct plan_item *it, char **err);
int store_commitment_put(struct store *s, long long item, const char *owner, long long *id, char **err);
int store_progress_put(struct store *s, long long commitment, struct progress *pr, long long now, char **err);
int store_plan_get(struct store *s, long long id, struct plan *out, char **err);
int store_plans_of(struct store *s, const char *process, struct plan_list *out, char **err);
int store_plan_of_item(struct store *s, long long item, long long *plan, char **err);

/* Evidence of effects, with the states it concerns: store_evidence_put
 * sets e->id; store_evidence_get returns 1 for none; a process's evidence
 * (every process's for NULL) comes by phase, then date. */
int store_evidence_put(struct store *s, struct evidence *e, char **err);
int store_evidence_get(struct store *s, long long id, struct evidence *out, char **err);
int store_evidence_of(struct store *s, const char *process, struct evidence_list *out, char **err);
int store_evidence_delete(struct store *s, long long id, char **err);

/* Interviews: the put functions set the new record's id; a statement goes
 * last in its interview; store_interview_get returns 1 for none and reads
 * the statements too, as does a process's list (by number). */
int store_protocol_put(struct store *s, struct interview_protocol *p, const char *by, long long now, char **err);
int store_protocols(struct store *s, struct interview_protocol_list *out, char **err);
int store_interview_put(struct store *s, struct interview *i, char **err);
int store_statement_put(struct store *s, long long interview, struct interview_statement *t, char **err);
int store_interview_get(struct store *s, long long id, struct interview *out, char **err);
int store_interviews_of(struct store *s, const char *process, struct interview_list *out, char **err);

/* Statistics. store_indicator_get returns 1 for none; a process's
 * indicators come by code, with their count of observations. An import
 * is begun (its id set) before its rows and finished with its counts.
 * A cell is (indicator, ref_area, period, dims): store_observation_find
 * returns 1 when it holds nothing; store_observation_add adds a new cell
 * and sets *added to 0 when the cell is taken already; replace and
 * delete keep what the cell held in its history, naming the import that
 * replaced it. Observations come by state, dimensions and period; area
 * NULL for every state. */
int store_indicator_put(struct store *s, struct indicator *ind, char **err);
int store_indicator_get(struct store *s, const char *process, const char *code, struct indicator *out,
			char **err);
int store_indicators_of(struct store *s, const char *process, struct indicator_list *out, char **err);
int store_stat_import_begin(struct store *s, const char *process, const char *file_name, const char *by,
			    long long at, long long *id, char **err);
int store_stat_import_finish(struct store *s, long long id, const char *format, const struct stats_counts *c,
			     char **err);
/* Notes that import met o's cell: *first is 0 when it had met it before. */
int store_import_cell_mark(struct store *s, long long import, long long indicator, const struct observation *o,
			   int *first, char **err);
int store_observation_find(struct store *s, long long indicator, const struct observation *key,
			   struct observation *out, char **err);
int store_observation_add(struct store *s, long long indicator, const struct observation *o, int *added,
			  char **err);
/* Adds n new cells (each with its own indicator id in indicators) in
 * one statement when n is STORE_BATCH; *added is how many were new. */
#define STORE_BATCH 64
int store_observations_add(struct store *s, const long long *indicators, const struct observation *o, size_t n,
			   int *added, char **err);
/* A bulk load of new cells, for engines that have one (store_can_stage):
 * begun, fed cell by cell (with the line each came from), and finished:
 * each cell repeated within the load or already held is told to repeated
 * (and nothing is kept, *kept 0); otherwise all are added (*kept 1).
 * Nothing else may run on the store between begin and finish. */
int store_can_stage(struct store *s);
int store_stage_begin(struct store *s, char **err);
int store_stage_add(struct store *s, long line, long long indicator, const struct observation *o, char **err);
int store_stage_finish(struct store *s, int (*repeated)(void *ctx, long line, const char *code,
							 const struct observation *key), void *ctx, int *kept, char **err);
int store_observation_replace(struct store *s, long long indicator, const struct observation *o,
			      char **err);
int store_observation_delete(struct store *s, long long indicator, const struct observation *key,
			     long long import, char **err);
/* A process's imports that kept something, newest first, at most limit. */
int store_stat_imports_of(struct store *s, const char *process, long limit, struct stat_import_list *out,
			  char **err);
/* Every value the cell of key held, oldest first, the present one last. */
int store_observation_revisions(struct store *s, long long indicator, const struct observation *key,
				struct revision_list *out, char **err);
/* Per state, how many values it gave for indicator and its latest period. */
int store_submissions_of(struct store *s, long long indicator, struct submission_list *out, char **err);
/* Calls fn for each observation of indicator (area NULL: every state)
 * until it returns non-zero, which is returned. */
int store_observations_each(struct store *s, long long indicator, const char *area,
			    int (*fn)(void *ctx, const struct observation *o), void *ctx, char **err);
int store_observations_of(struct store *s, long long indicator, const char *area,
			  struct observation_list *out, char **err);

/* Policy matrices, read whole (questions in order, answers by question,
 * state and day): the put functions set the new record's id;
 * store_matrix_get and store_matrix_named return 1 for none; an answer on
 * a day the state answered already is 1 with *err saying so. */
int store_matrix_put(struct store *s, struct matrix *m, char **err);
int store_matrix_named(struct store *s, const char *process, const char *name, long long *id, char **err);
int store_question_put(struct store *s, long long matrix, struct question *q, char **err);
int store_matrix_answer_put(struct store *s, struct matrix_answer *a, long long now, char **err);
int store_matrix_get(struct store *s, long long id, struct matrix *out, char **err);
int store_matrices_of(struct store *s, const char *process, struct matrix_list *out, char **err);

/* The glossary. Entries are read whole (terms in the order en, fr, es,
 * ru, ar; related and contested terms); each term is kept with its folded
 * form (text_fold_words) and the folded form of term and definition for
 * searching. store_glossary_of reads a process's entries (process), the
 * shared ones (shared_only) or all, by term; store_glossary_named those
 * with a term whose folded form is folded; store_glossary_matching those
 * with a term or definition holding a word that starts with each of words
 * (folded by text_fold_words: letters and digits, single spaces), best
 * first, through the engine's full-text search. */
int store_glossary_entry_put(struct store *s, struct glossary_entry *e, const char *by, long long now, char **err);
int store_glossary_term_put(struct store *s, long long entry, struct term *t, const struct strlist *related,
			    const struct strlist *contested, char **err);
int store_glossary_entry_get(struct store *s, long long id, struct glossary_entry *out, char **err);
int store_glossary_of(struct store *s, const char *process, int shared_only, struct glossary *out, char **err);
int store_glossary_named(struct store *s, const char *folded, struct glossary *out, char **err);
int store_glossary_matching(struct store *s, const char *words, struct glossary *out, char **err);

/* The full-text index over documents, meetings, plans and indicators:
 * each entry the record's process with its title and text folded
 * (text_fold_words). store_search_refresh writes the entry of one record
 * as it now reads, or drops it when the record is gone; every write of
 * such a record calls it in the same transaction. store_search_rebuild
 * writes every entry anew. store_search_matching lists up to limit
 * records holding a word that starts with each of words (folded, single
 * spaces), the title weighing more than the text, best first; it says
 * nothing of who may read them. */
int store_search_refresh(struct store *s, enum search_kind kind, long long ref, char **err);
int store_search_rebuild(struct store *s, char **err);
int store_search_matching(struct store *s, const char *words, long limit, struct search_hit_list *out, char **err);

/* The append-only audit log, newest first, the entries f lets through. */
int store_audit_put(struct store *s, const struct audit_entry *e, char **err);
int store_audit_list(struct store *s, const struct audit_filter *f, long limit, long offset,
		     struct audit_list *out, char **err);
/* The last limit changes to login's sign-in (password, second factor,
 * tokens, sessions, being held back), newest first, appended to *out. */
int store_audit_sign_in_changes(struct store *s, const char *login, long limit, struct audit_list *out, char **err);

#endif
