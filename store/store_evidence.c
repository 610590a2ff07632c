/* store_evidence.c: evidence of a process's effects, with the states it concerns */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const struct query q_evidence_put = { {
	"INSERT INTO evidence (id, process, phase, effect, description, kind, source, section, document, meeting, "
	"happened, strength, confidence, level, created_by, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_evidence_state_put = { {
	"INSERT INTO evidence_states (evidence, position, state) VALUES (?, ?, ?)",
} };
#define EVIDENCE_COLUMNS \
	"e.id, e.process, e.phase, e.effect, e.description, e.kind, e.source, e.section, coalesce(e.document, 0), " \
	"coalesce(e.meeting, 0), e.happened, e.strength, e.confidence, e.level, e.created_by, e.created_at, " \
	"s.title, s.url FROM evidence e LEFT JOIN sources s ON s.id = e.source "
static const struct query q_evidence_get = { {
	"SELECT " EVIDENCE_COLUMNS "WHERE e.id = ?",
} };
static const struct query q_evidence_of = { {
	"SELECT " EVIDENCE_COLUMNS "WHERE e.process = ? ORDER BY e.phase, coalesce(e.happened, ''), e.id",
} };
static const struct query q_evidence_all = { {
	"SELECT " EVIDENCE_COLUMNS "ORDER BY e.process, e.phase, coalesce(e.happened, ''), e.id",
} };
static const struct query q_evidence_states = { {
	"SELECT s.state, c.name FROM evidence_states s JOIN countries c ON c.alpha3 = s.state "
	"WHERE s.evidence = ? ORDER BY s.position",
} };
static const struct query q_evidence_delete = { {
	"DELETE FROM evidence WHERE id = ?",
} };

static void bind_ref(struct stmt *st, int i, long long id)
{
	if (id)
		bind_int64(st, i, id);
	else
		bind_text(st, i, NULL);
}

int store_evidence_put(struct store *s, struct evidence *e, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "evidence", &e->id, err) || !(st = store_stmt(s, &q_evidence_put, err)))
		return -1;
	bind_int64(st, 1, e->id);
	bind_text(st, 2, e->process);
	bind_int64(st, 3, e->phase);
	bind_text(st, 4, e->effect);
	bind_text(st, 5, e->description);
	bind_text(st, 6, e->kind);
	bind_text(st, 7, e->source);
	bind_text(st, 8, e->section);
	bind_ref(st, 9, e->document);
	bind_ref(st, 10, e->meeting);
	bind_text(st, 11, e->happened);
	bind_text(st, 12, e->strength);
	bind_text(st, 13, e->confidence);
	bind_text(st, 14, level_name(e->level));
	bind_text(st, 15, e->created_by);
	bind_int64(st, 16, e->created_at);
	if (run(st, "adding evidence", err))
		return -1;
	for (size_t i = 0; i < e->states.n; i++) {
		if (!(st = store_stmt(s, &q_evidence_state_put, err)))
			return -1;
		bind_int64(st, 1, e->id);
		bind_int64(st, 2, (long long)i + 1);
		bind_text(st, 3, e->states.items[i]);
		if (run(st, "naming the states of evidence", err))
			return -1;
	}
	return store_search_refresh(s, SEARCH_EVIDENCE, e->id, err);
}

static void read_row(struct stmt *st, struct evidence *e)
{
	memset(e, 0, sizeof *e);
	e->id = col_int64(st, 0);
	e->process = col_text(st, 1);
	e->phase = (int)col_int64(st, 2);
	e->effect = col_text(st, 3);
	e->description = col_text(st, 4);
	e->kind = col_text(st, 5);
	e->source = col_text(st, 6);
	e->section = col_text(st, 7);
	e->document = col_int64(st, 8);
	e->meeting = col_int64(st, 9);
	e->happened = col_text(st, 10);
	e->strength = col_text(st, 11);
	e->confidence = col_text(st, 12);
	e->level = (enum level)level_parse(col_str(st, 13));
	e->created_by = col_text(st, 14);
	e->created_at = col_int64(st, 15);
	e->source_title = col_text(st, 16);
	e->source_url = col_text(st, 17);
}

static int read_states(struct store *s, struct evidence *e, char **err)
{
	struct stmt *st = store_stmt(s, &q_evidence_states, err);
	if (!st)
		return -1;
	bind_int64(st, 1, e->id);
	int rc;
	while ((rc = next_row(st, "reading the states of evidence", err)) == 1) {
		strlist_push(&e->states, col_str(st, 0));
		strlist_push(&e->state_names, col_str(st, 1));
	}
	return rc;
}

/* Reads every row of st (bound) into out, then each one's states. */
static int read_list(struct store *s, struct stmt *st, struct evidence_list *out, char **err)
{
	int rc;
	while ((rc = next_row(st, "listing evidence", err)) == 1)
		read_row(st, STORE_PUSH(&out->items, &out->n));
	for (size_t i = 0; rc == 0 && i < out->n; i++)
		rc = read_states(s, &out->items[i], err);
	return rc;
}

int store_evidence_get(struct store *s, long long id, struct evidence *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_evidence_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading evidence", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_row(st, out);
	reset(st);
	if (read_states(s, out, err) == 0)
		return 0;
	evidence_free(out);
	return -1;
}

int store_evidence_of(struct store *s, const char *process, struct evidence_list *out, char **err)
{
	struct stmt *st = store_stmt(s, process ? &q_evidence_of : &q_evidence_all, err);
	if (!st)
		return -1;
	if (process)
		bind_text(st, 1, process);
	return read_list(s, st, out, err);
}

int store_evidence_delete(struct store *s, long long id, char **err)
{
	struct stmt *st = store_stmt(s, &q_evidence_delete, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	return run(st, "removing evidence", err) || store_search_refresh(s, SEARCH_EVIDENCE, id, err) ? -1 : 0;
}
