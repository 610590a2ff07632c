/* json_out.h: registry types as JSON values (jansson) for the CLI and API */
#ifndef RCPHUB_JSON_OUT_H
#define RCPHUB_JSON_OUT_H

#include "../core/account.h"
#include "../core/assessment.h"
#include "../core/meeting_figures.h"
#include "../core/plan_report.h"
#include "../core/model.h"
#include "../core/overlap.h"
#include "../core/stats.h"
#include "../core/convergence.h"
#include "../core/matrix.h"
#include "../core/duplication.h"
#include "../core/glossary.h"
#include "../core/lessons.h"
#include "../core/search.h"

#include <jansson.h>

/* Each returns a new reference the caller json_decref()s. */
json_t *json_process_summary(const struct process *p);
/* The summary with leadership, working groups, texts (with their
 * provenance, in "themes_provenance" and the like) and participations
 * (all of p->parts); with a year (not 0), only the posts, groups and texts
 * attested then. */
json_t *json_process_full(const struct process *p, int year);
json_t *json_participation(const struct participation *pa);
json_t *json_participations(const struct participation_list *l);
/* The registry's edits: id, at (ISO 8601), login (null when hidden),
 * action, fact, id of the fact, before, after, source {id, title, section,
 * url, as_of}. */
json_t *json_registry_edits(const struct registry_edit_list *l);
/* held then unattested (either may be NULL), each with "attested" (true
 * for held) and "attested_from", the first year a source attests it. */
json_t *json_participations_at(const struct participation_list *held,
			       const struct participation_list *unattested);
json_t *json_country(const struct country *c);
/* The overlap of processes a and b (slugs): shared and exclusive codes. */
json_t *json_overlap(const char *a, const char *b, const struct overlap *o);

/* Every pair i < j of a matrix over all: a, b, shared, jaccard. */
json_t *json_overlap_pairs(const struct process_list *all, const struct overlap_matrix *m);

/* A document's fields; with_body adds the Markdown and its HTML. */
json_t *json_document(const struct document *d, int with_body);
/* One version of a document: {version, title, kind, date, level, state,
 * file (its name or null), changed_by, changed_at} and, with_body, its
 * body and body_html. */
json_t *json_document_version(const struct document *d, int with_body);
/* {"id", "process", "party": {"code", "name", "kind"}, "position", "name",
 * "title", "ministry", "email", "phone", "languages", "verified",
 * "updated_at"} */
json_t *json_focal_point(const struct focal_point *f);
/* {"id", "process", "title", "type", "series", "working_group", "host":
 * {"code", "name"} or null, "hosted_in_kind", "start", "end", "venue",
 * "chair", "level", "updated_at"} and, read whole (with_delegates),
 * "delegates": [{"id", "party": {...}, "name", "rank", "department"}],
 * "agenda": [{"position", "title", "proposer", "party"}], "documents":
 * [ids], "minutes": [{"id", "corrects", "state", "body", "body_html"}]. */
json_t *json_meeting(const struct meeting *m, int with_delegates);
/* {"meetings": [{"id", "number", "continuity" (null when none), "ranks":
 * {...}, "delegations", "mixed_delegations"}], "years": [{"year",
 * "meetings", "ranks", "members", "members_attending"}], "hosts": [...],
 * "state_hosted", "meetings_total"} */
json_t *json_meeting_figures(const struct meeting_indicators *f);
/* {"id", "process", "meeting", "title", "adopted", "level", "body",
 * "items": [{"id", "position", "text", "due", "output", "commitments":
 * [{"owner", "name", "progress": [{"status", "date", "note", "evidence"}]}]}]} */
json_t *json_plan(const struct plan *p);
/* One piece of evidence: its phase and effect (with their names), source
 * and section, the states it concerns, the strength of its claim. */
json_t *json_evidence(const struct evidence *e);
/* Every piece of l, as json_evidence, in an array. */
json_t *json_evidence_list(const struct evidence_list *l);
/* Whether processes a and b (slugs) duplicate each other: members shared
 * and the Jaccard index, topics (with a text of each), regional bodies,
 * meetings in the same weeks, the verdict and its reasons. */
json_t *json_duplication(const char *a, const char *b, const struct duplication *d);
/* An interview with its statements; a protocol with its questions as a list. */
json_t *json_interview(const struct interview *i);
json_t *json_protocol(const struct interview_protocol *p);
/* The eleven lessons of process (slug) on day: each with its number,
 * key, name, section, value (null without records), unit, state,
 * reading, rule, records and what the records cannot show; and the
 * process's age and stage. */
json_t *json_lessons(const char *process, const char *day, const struct lessons *l);
/* The lessons with the evidence and, for those who may read interviews
 * (interviews not NULL), their counts by affiliation and language and the
 * statements by effect: no names. */
json_t *json_assessment(const char *process, const char *day, const struct lessons *l,
			const struct evidence_list *evidence, const struct interview_list *interviews);
/* The follow-up report of p on day at: {"plan", "at", "items": [{"id",
 * "position", "text", "due", "commitments": [{"owner", "name", "status",
 * "date", "overdue"}], "done_share"}], "owners": [{"owner", "done",
 * "total", "done_share"}], "done_share", "overdue"} */
json_t *json_plan_report(const struct plan *p, const char *at, const struct plan_report *r);
/* A user with roles; never the password hash. */
json_t *json_user(const struct user *u);
json_t *json_audit_entry(const struct audit_entry *e);
/* One's own API tokens (never the tokens themselves) and sessions (no
 * token hash; "current" marks the one asking). */
json_t *json_tokens(const struct token_list *l);
json_t *json_sessions(const struct session_list *l);
/* {"items": [...], "total": n, "limit": l, "offset": o}; steals items. */
json_t *json_page(json_t *items, long total, long limit, long offset);

/* Prints value to stdout, indented, with a final newline; steals value. */
int json_print(json_t *value);

/* An indicator with its dimensions and code lists. */
json_t *json_indicator(const struct indicator *i);
/* One observation of ind: indicator, ref_area, period, dims (an object
 * by dimension name), value (null when missing), status, comment, unit. */
json_t *json_observation(const struct indicator *ind, const struct observation *o);
/* The findings of a comparability check of ind, with its count of
 * reporting states. */
json_t *json_stats_check(const struct indicator *ind, const struct finding_list *l, size_t states);
/* A cell's values over time, oldest first. */
json_t *json_revisions(const struct indicator *ind, const struct revision_list *l);
/* An import as recorded: who, when, which file, what it did. */
json_t *json_stat_import(const struct stat_import *i);
/* What an import did (or would have, dry_run), with its problems. */
json_t *json_stats_import(const struct stats_import_report *rep, int dry_run);
/* A matrix with its questions and every answer given (id, process, name,
 * description, level, questions: code, text, answers, ordered, scores,
 * given: state, name, answer, date, source). */
json_t *json_matrix(const struct matrix *m);
/* Where each member state stood on day: per question, state -> answer. */
json_t *json_matrix_snapshot(const struct matrix *m, const char *day, const char *const *states, size_t n);
/* The convergence of each question of m (conv: one per question): per
 * year members, answered, modal answer, modal_share, spread; and movers. */
json_t *json_convergence(const struct matrix *m, const struct convergence *conv);
/* A glossary entry: id, process (null: shared), level, subject, note,
 * terms (lang, term, definition, source), related, contested. */
json_t *json_glossary_entry(const struct glossary_entry *e);
json_t *json_glossary(const struct glossary *g);
/* Search hits, each with its excerpt: {"text", "marks": [[offset, length]...]
 * in bytes of text, "cut_before", "cut_after"}. */
json_t *json_found_list(const struct found_list *l);
/* An export as JSON, built as a statistics export's sink (ctx is the
 * struct stats_json; both arrays made by the caller). */
struct stats_json {
	json_t *indicators;
	json_t *observations;
};
int json_stats_begin(void *ctx, const struct indicator *inds, size_t n);
int json_stats_row(void *ctx, const struct indicator *ind, const struct observation *o);

#endif
