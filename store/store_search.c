/* store_search.c: the full-text index over documents, meetings, plans, indicators and evidence, on either engine */
#include "store_int.h"
#include "../core/search.h"
#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

/* Each kind's record as the index takes it: its process, its title and
 * its text, one row for the id bound. */
static const struct query q_document_text = { {
	"SELECT d.process, d.title, c.body FROM documents d JOIN document_contents c ON c.document = d.id "
	"WHERE d.id = ?",
} };
static const struct query q_meeting_text = { {
	"SELECT m.process, m.title, coalesce(m.venue, '') || ' ' || coalesce(m.series, '') || ' ' || "
	"coalesce(m.working_group, '') || ' ' || coalesce(m.chair, '') || ' ' || "
	"coalesce((SELECT group_concat(a.title, ' ') FROM agenda_items a WHERE a.meeting = m.id), '') "
	"FROM meetings m WHERE m.id = ?",
	"SELECT m.process, m.title, coalesce(m.venue, '') || ' ' || coalesce(m.series, '') || ' ' || "
	"coalesce(m.working_group, '') || ' ' || coalesce(m.chair, '') || ' ' || "
	"coalesce((SELECT string_agg(a.title, ' ') FROM agenda_items a WHERE a.meeting = m.id), '') "
	"FROM meetings m WHERE m.id = ?",
} };
static const struct query q_plan_text = { {
	"SELECT p.process, p.title, p.body || ' ' || coalesce((SELECT group_concat(i.text || ' ' || "
	"coalesce(i.output, ''), ' ') FROM plan_items i WHERE i.plan = p.id), '') FROM plans p WHERE p.id = ?",
	"SELECT p.process, p.title, p.body || ' ' || coalesce((SELECT string_agg(i.text || ' ' || "
	"coalesce(i.output, ''), ' ') FROM plan_items i WHERE i.plan = p.id), '') FROM plans p WHERE p.id = ?",
} };
static const struct query q_indicator_text = { {
	"SELECT process, code || ' ' || name, definition || ' ' || notes FROM indicators WHERE id = ?",
} };

static const struct query q_evidence_text = { {
	"SELECT process, effect, description || ' ' || coalesce(section, '') || ' ' || source FROM evidence WHERE id = ?",
} };

static const struct query q_document_ids = { { "SELECT id FROM documents ORDER BY id" } };
static const struct query q_meeting_ids = { { "SELECT id FROM meetings ORDER BY id" } };
static const struct query q_plan_ids = { { "SELECT id FROM plans ORDER BY id" } };
static const struct query q_indicator_ids = { { "SELECT id FROM indicators ORDER BY id" } };
static const struct query q_evidence_ids = { { "SELECT id FROM evidence ORDER BY id" } };

static const struct {
	const struct query *text, *ids;
} kinds[SEARCH_KIND_COUNT] = {
	[SEARCH_DOCUMENT] = { &q_document_text, &q_document_ids },
	[SEARCH_MEETING] = { &q_meeting_text, &q_meeting_ids },
	[SEARCH_PLAN] = { &q_plan_text, &q_plan_ids },
	[SEARCH_INDICATOR] = { &q_indicator_text, &q_indicator_ids },
	[SEARCH_EVIDENCE] = { &q_evidence_text, &q_evidence_ids },
};

static const struct query q_entry_put = { {
	"INSERT INTO search_entries (id, kind, ref, process, title, body) VALUES (?, ?, ?, ?, ?, ?) "
	"ON CONFLICT (kind, ref) DO UPDATE SET process = excluded.process, title = excluded.title, "
	"body = excluded.body",
} };
static const struct query q_entry_drop = { {
	"DELETE FROM search_entries WHERE kind = ? AND ref = ?",
} };
static const struct query q_entries_clear = { { "DELETE FROM search_entries" } };

/* Records with a word starting with each of the words given (folded,
 * single spaces), the title weighing more than the text, best first. */
static const struct query q_matching = { {
	"SELECT e.kind, e.ref, e.process FROM (SELECT rowid AS id, bm25(search_index, 4.0, 1.0) AS rank "
	"FROM search_index WHERE search_index MATCH '\"' || replace(?, ' ', '\"* \"') || '\"*') s "
	"JOIN search_entries e ON e.id = s.id ORDER BY s.rank, e.id LIMIT ?",
	"WITH q AS (SELECT to_tsquery('simple', replace(?, ' ', ':* & ') || ':*') AS q), "
	"v AS (SELECT e.*, setweight(to_tsvector('simple', e.title), 'A') || "
	"setweight(to_tsvector('simple', e.body), 'B') AS doc FROM search_entries e) "
	"SELECT v.kind, v.ref, v.process FROM v, q WHERE v.doc @@ q.q "
	"ORDER BY ts_rank(v.doc, q.q) DESC, v.id LIMIT ?",
} };

/* Writes the entry of (kind, ref) from what st read: process, title, text. */
static int put_entry(struct store *s, enum search_kind kind, long long ref, struct stmt *row, char **err)
{
	char *process = col_text(row, 0);
	char *title = text_fold_words(col_str(row, 1) ? col_str(row, 1) : "");
	char *body = text_fold_words(col_str(row, 2) ? col_str(row, 2) : "");
	reset(row);
	long long id;
	struct stmt *st = NULL;
	int rc = store_next_id(s, "search_entries", &id, err) || !(st = store_stmt(s, &q_entry_put, err));
	if (!rc) {
		bind_int64(st, 1, id);
		bind_text(st, 2, search_kind_names[kind]);
		bind_int64(st, 3, ref);
		bind_text(st, 4, process);
		bind_text(st, 5, title);
		bind_text(st, 6, body);
		rc = run(st, "indexing a record for search", err);
	}
	free(process);
	free(title);
	free(body);
	return rc ? -1 : 0;
}

int store_search_refresh(struct store *s, enum search_kind kind, long long ref, char **err)
{
	struct stmt *st = store_stmt(s, kinds[kind].text, err);
	if (!st)
		return -1;
	bind_int64(st, 1, ref);
	int rc = next_row(st, "reading a record to index it", err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return put_entry(s, kind, ref, st, err);
	if (!(st = store_stmt(s, &q_entry_drop, err)))
		return -1;
	bind_text(st, 1, search_kind_names[kind]);
	bind_int64(st, 2, ref);
	return run(st, "dropping a record from the search index", err);
}

/* The ids the query q lists, in *ids (caller frees). */
static int read_ids(struct store *s, const struct query *q, long long **ids, size_t *n, char **err)
{
	struct stmt *st = store_stmt(s, q, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing records to index", err)) == 1) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = col_int64(st, 0);
	}
	return rc;
}

int store_search_rebuild(struct store *s, char **err)
{
	struct stmt *st = store_stmt(s, &q_entries_clear, err);
	if (!st || run(st, "clearing the search index", err))
		return -1;
	for (int k = 0; k < SEARCH_KIND_COUNT; k++) {
		long long *ids = NULL;
		size_t n = 0;
		int rc = read_ids(s, kinds[k].ids, &ids, &n, err);
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = store_search_refresh(s, (enum search_kind)k, ids[i], err);
		free(ids);
		if (rc)
			return -1;
	}
	return 0;
}

int store_search_matching(struct store *s, const char *words, long limit, struct search_hit_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_matching, err);
	if (!st)
		return -1;
	bind_text(st, 1, words);
	bind_int64(st, 2, limit);
	int rc;
	while ((rc = next_row(st, "searching", err)) == 1) {
		enum search_kind kind = search_kind_of(col_str(st, 0));
		if (kind == SEARCH_KIND_COUNT)
			continue;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = (struct search_hit){ .kind = kind, .ref = col_int64(st, 1),
							    .process = col_text(st, 2) };
	}
	return rc;
}
