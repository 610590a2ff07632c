/* store_glossary.c: glossary entries, their terms in each language, related and contested terms, and finding them */
#include "store_int.h"
#include "../core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct query q_entry_put = { {
	"INSERT INTO glossary_entries (id, process, level, subject, note, created_by, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_term_put = { {
	"INSERT INTO glossary_terms (id, entry, lang, term, folded, definition, source, search) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_relation_put = { {
	"INSERT INTO glossary_relations (entry, kind, term) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
} };
static const struct query q_entry_get = { {
	"SELECT id, process, level, subject, note FROM glossary_entries WHERE id = ?",
} };
static const struct query q_terms_of = { {
	"SELECT id, lang, term, definition, source FROM glossary_terms WHERE entry = ? "
	"ORDER BY CASE lang WHEN 'en' THEN 1 WHEN 'fr' THEN 2 WHEN 'es' THEN 3 WHEN 'ru' THEN 4 ELSE 5 END",
} };
static const struct query q_relations_of = { {
	"SELECT kind, term FROM glossary_relations WHERE entry = ? ORDER BY kind, term",
} };
static const struct query q_entries_all = { {
	"SELECT e.id FROM glossary_entries e ORDER BY (SELECT min(t.folded) FROM glossary_terms t WHERE t.entry = e.id), "
	"e.id",
} };
static const struct query q_entries_shared = { {
	"SELECT e.id FROM glossary_entries e WHERE e.process IS NULL "
	"ORDER BY (SELECT min(t.folded) FROM glossary_terms t WHERE t.entry = e.id), e.id",
} };
static const struct query q_entries_of = { {
	"SELECT e.id FROM glossary_entries e WHERE e.process = ? "
	"ORDER BY (SELECT min(t.folded) FROM glossary_terms t WHERE t.entry = e.id), e.id",
} };
static const struct query q_entries_named = { {
	"SELECT DISTINCT t.entry, e.process FROM glossary_terms t JOIN glossary_entries e ON e.id = t.entry "
	"WHERE t.folded = ? ORDER BY t.entry",
} };
/* Entries with a term or definition holding a word starting with each of
 * the words given (folded, separated by single spaces), best first. */
static const struct query q_entries_matching = { {
	"SELECT t.entry FROM (SELECT rowid AS id, rank FROM glossary_search "
	"WHERE glossary_search MATCH '\"' || replace(?, ' ', '\"* \"') || '\"*') s "
	"JOIN glossary_terms t ON t.id = s.id GROUP BY t.entry ORDER BY min(s.rank), t.entry",
	"WITH q AS (SELECT to_tsquery('simple', replace(?, ' ', ':* & ') || ':*') AS q) "
	"SELECT t.entry FROM glossary_terms t, q WHERE to_tsvector('simple', t.search) @@ q.q "
	"GROUP BY t.entry ORDER BY max(ts_rank(to_tsvector('simple', t.search), q.q)) DESC, t.entry",
} };

static int put_term(struct store *s, long long entry, struct term *t, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "glossary_terms", &t->id, err) || !(st = store_stmt(s, &q_term_put, err)))
		return -1;
	char *folded = text_fold_words(t->text), *both = xasprintf("%s %s", t->text, t->definition ? t->definition : "");
	char *search = text_fold_words(both);
	bind_int64(st, 1, t->id);
	bind_int64(st, 2, entry);
	bind_text(st, 3, t->lang);
	bind_text(st, 4, t->text);
	bind_text(st, 5, folded);
	bind_text(st, 6, t->definition ? t->definition : "");
	bind_text(st, 7, t->source);
	bind_text(st, 8, search);
	int rc = run(st, "adding a term", err);
	free(folded);
	free(both);
	free(search);
	return rc;
}

static int put_relations(struct store *s, long long entry, const char *kind, const struct strlist *terms, char **err)
{
	for (size_t i = 0; terms && i < terms->n; i++) {
		struct stmt *st = store_stmt(s, &q_relation_put, err);
		if (!st)
			return -1;
		bind_int64(st, 1, entry);
		bind_text(st, 2, kind);
		bind_text(st, 3, terms->items[i]);
		if (run(st, "relating terms", err))
			return -1;
	}
	return 0;
}

int store_glossary_entry_put(struct store *s, struct glossary_entry *e, const char *by, long long now, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "glossary_entries", &e->id, err) || !(st = store_stmt(s, &q_entry_put, err)))
		return -1;
	bind_int64(st, 1, e->id);
	bind_text(st, 2, e->process);
	bind_text(st, 3, level_name(e->level));
	bind_text(st, 4, e->subject);
	bind_text(st, 5, e->note);
	bind_text(st, 6, by);
	bind_int64(st, 7, now);
	if (run(st, "adding a glossary entry", err))
		return -1;
	for (size_t i = 0; i < e->nterms; i++)
		if (put_term(s, e->id, &e->terms[i], err))
			return -1;
	return put_relations(s, e->id, "related", &e->related, err) ||
	       put_relations(s, e->id, "contested", &e->contested, err) ? -1 : 0;
}

int store_glossary_term_put(struct store *s, long long entry, struct term *t, const struct strlist *related,
			    const struct strlist *contested, char **err)
{
	return put_term(s, entry, t, err) || put_relations(s, entry, "related", related, err) ||
	       put_relations(s, entry, "contested", contested, err) ? -1 : 0;
}

int store_glossary_entry_get(struct store *s, long long id, struct glossary_entry *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_entry_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a glossary entry", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	out->id = col_int64(st, 0);
	out->process = col_text(st, 1);
	out->level = (enum level)level_parse(col_str(st, 2));
	out->subject = col_text(st, 3);
	out->note = col_text(st, 4);
	reset(st);
	if (!(st = store_stmt(s, &q_terms_of, err)))
		goto fail;
	bind_int64(st, 1, id);
	while ((rc = next_row(st, "reading terms", err)) == 1) {
		struct term *t = STORE_PUSH(&out->terms, &out->nterms);
		t->id = col_int64(st, 0);
		snprintf(t->lang, sizeof t->lang, "%s", col_str(st, 1));
		t->text = col_text(st, 2);
		t->definition = col_text(st, 3);
		t->source = col_text(st, 4);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_relations_of, err)))
		goto fail;
	bind_int64(st, 1, id);
	while ((rc = next_row(st, "reading related terms", err)) == 1)
		strlist_push(strcmp(col_str(st, 0), "related") == 0 ? &out->related : &out->contested, col_str(st, 1));
	if (rc == 0)
		return 0;
fail:
	glossary_entry_free(out);
	return -1;
}

/* Reads the entries whose ids st selects (first column) into out. */
static int read_entries(struct store *s, struct stmt *st, struct glossary *out, char **err)
{
	long long *ids = NULL;
	size_t n = 0;
	int rc;
	while ((rc = next_row(st, "listing glossary entries", err)) == 1)
		*STORE_PUSH(&ids, &n) = col_int64(st, 0);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct glossary_entry *e = STORE_PUSH(&out->items, &out->n);
		rc = store_glossary_entry_get(s, ids[i], e, err);
		if (rc)
			out->n--;
		rc = rc < 0 ? -1 : 0;
	}
	free(ids);
	return rc;
}

int store_glossary_of(struct store *s, const char *process, int shared_only, struct glossary *out, char **err)
{
	struct stmt *st = store_stmt(s, process ? &q_entries_of : shared_only ? &q_entries_shared : &q_entries_all, err);
	if (!st)
		return -1;
	if (process)
		bind_text(st, 1, process);
	return read_entries(s, st, out, err);
}

int store_glossary_named(struct store *s, const char *folded, struct glossary *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_entries_named, err);
	if (!st)
		return -1;
	bind_text(st, 1, folded);
	return read_entries(s, st, out, err);
}

int store_glossary_matching(struct store *s, const char *words, struct glossary *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_entries_matching, err);
	if (!st)
		return -1;
	bind_text(st, 1, words);
	return read_entries(s, st, out, err);
}
