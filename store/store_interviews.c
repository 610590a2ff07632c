/* store_interviews.c: interview protocols, interviews and the statements coded from them */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const struct query q_protocol_put = { {
	"INSERT INTO interview_protocols (id, name, questions, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
} };
static const struct query q_protocols = { {
	"SELECT id, name, questions FROM interview_protocols ORDER BY id",
} };
static const struct query q_interview_put = { {
	"INSERT INTO interviews (id, process, protocol, held, affiliation, language, interviewee, organisation, notes, "
	"created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
#define INTERVIEW_COLUMNS \
	"i.id, i.process, i.protocol, p.name, i.held, i.affiliation, i.language, i.interviewee, i.organisation, " \
	"i.notes, i.created_by, i.created_at FROM interviews i JOIN interview_protocols p ON p.id = i.protocol "
static const struct query q_interview_get = { {
	"SELECT " INTERVIEW_COLUMNS "WHERE i.id = ?",
} };
static const struct query q_interviews_of = { {
	"SELECT " INTERVIEW_COLUMNS "WHERE i.process = ? ORDER BY i.id",
} };
static const struct query q_statement_put = { {
	"INSERT INTO interview_statements (id, interview, position, effect, text, evidence) "
	"VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM interview_statements WHERE interview = ?), ?, ?, ?)",
} };
static const struct query q_statements_of = { {
	"SELECT id, position, effect, text, coalesce(evidence, 0) FROM interview_statements WHERE interview = ? "
	"ORDER BY position",
} };

int store_protocol_put(struct store *s, struct interview_protocol *p, const char *by, long long now, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "interview_protocols", &p->id, err) || !(st = store_stmt(s, &q_protocol_put, err)))
		return -1;
	bind_int64(st, 1, p->id);
	bind_text(st, 2, p->name);
	bind_text(st, 3, p->questions);
	bind_text(st, 4, by);
	bind_int64(st, 5, now);
	return run(st, "adding an interview protocol", err);
}

int store_protocols(struct store *s, struct interview_protocol_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_protocols, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing interview protocols", err)) == 1) {
		struct interview_protocol *p = STORE_PUSH(&out->items, &out->n);
		p->id = col_int64(st, 0);
		p->name = col_text(st, 1);
		p->questions = col_text(st, 2);
	}
	return rc;
}

int store_interview_put(struct store *s, struct interview *i, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "interviews", &i->id, err) || !(st = store_stmt(s, &q_interview_put, err)))
		return -1;
	const char *texts[] = { i->held, i->affiliation, i->language, i->interviewee, i->organisation, i->notes,
				i->created_by };
	bind_int64(st, 1, i->id);
	bind_text(st, 2, i->process);
	bind_int64(st, 3, i->protocol);
	for (int k = 0; k < 7; k++)
		bind_text(st, 4 + k, texts[k]);
	bind_int64(st, 11, i->created_at);
	return run(st, "adding an interview", err);
}

int store_statement_put(struct store *s, long long interview, struct interview_statement *t, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "interview_statements", &t->id, err) || !(st = store_stmt(s, &q_statement_put, err)))
		return -1;
	bind_int64(st, 1, t->id);
	bind_int64(st, 2, interview);
	bind_int64(st, 3, interview);
	bind_text(st, 4, t->effect);
	bind_text(st, 5, t->text);
	if (t->evidence)
		bind_int64(st, 6, t->evidence);
	else
		bind_text(st, 6, NULL);
	return run(st, "recording a statement", err);
}

static void read_interview(struct stmt *st, struct interview *i)
{
	memset(i, 0, sizeof *i);
	i->id = col_int64(st, 0);
	i->process = col_text(st, 1);
	i->protocol = col_int64(st, 2);
	i->protocol_name = col_text(st, 3);
	i->held = col_text(st, 4);
	i->affiliation = col_text(st, 5);
	i->language = col_text(st, 6);
	i->interviewee = col_text(st, 7);
	i->organisation = col_text(st, 8);
	i->notes = col_text(st, 9);
	i->created_by = col_text(st, 10);
	i->created_at = col_int64(st, 11);
}

static int read_statements(struct store *s, struct interview *i, char **err)
{
	struct stmt *st = store_stmt(s, &q_statements_of, err);
	if (!st)
		return -1;
	bind_int64(st, 1, i->id);
	int rc;
	while ((rc = next_row(st, "reading statements", err)) == 1) {
		struct interview_statement *t = STORE_PUSH(&i->statements, &i->nstatements);
		t->id = col_int64(st, 0);
		t->position = (int)col_int64(st, 1);
		t->effect = col_text(st, 2);
		t->text = col_text(st, 3);
		t->evidence = col_int64(st, 4);
	}
	return rc;
}

int store_interview_get(struct store *s, long long id, struct interview *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_interview_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading an interview", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_interview(st, out);
	reset(st);
	if (read_statements(s, out, err) == 0)
		return 0;
	interview_free(out);
	return -1;
}

int store_interviews_of(struct store *s, const char *process, struct interview_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_interviews_of, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	int rc;
	while ((rc = next_row(st, "listing interviews", err)) == 1)
		read_interview(st, STORE_PUSH(&out->items, &out->n));
	for (size_t i = 0; rc == 0 && i < out->n; i++)
		rc = read_statements(s, &out->items[i], err);
	return rc;
}
