/* store_meetings.c: meetings of a process and the delegates sent to them */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The columns of a meeting, in the order read_meeting reads them. */
#define MEETING_COLUMNS \
	"m.id, m.process, m.title, m.type, m.series, m.working_group, m.host, c.name, m.in_kind, " \
	"m.start_date, m.end_date, m.venue, m.chair, m.level, m.created_by, m.created_at, m.updated_at, " \
	"m.invitations_sent "
#define MEETING_FROM "FROM meetings m LEFT JOIN countries c ON c.alpha3 = m.host "
#define DELEGATE_COLUMNS \
	"d.id, d.meeting, coalesce(d.country, d.organisation), coalesce(c.name, o.name), " \
	"CASE WHEN d.organisation IS NULL THEN 0 ELSE 1 END, d.full_name, d.name_key, d.rank, d.department "
#define DELEGATE_FROM \
	"FROM delegates d LEFT JOIN countries c ON c.alpha3 = d.country " \
	"LEFT JOIN organisations o ON o.slug = d.organisation "

static const struct query q_meeting_put = { {
	"INSERT INTO meetings (id, process, title, type, series, working_group, host, in_kind, start_date, "
	"end_date, venue, chair, level, invitations_sent, created_by, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_meeting_update = { {
	"UPDATE meetings SET title = ?, type = ?, series = ?, working_group = ?, host = ?, in_kind = ?, "
	"start_date = ?, end_date = ?, venue = ?, chair = ?, level = ?, invitations_sent = ?, updated_at = ? "
	"WHERE id = ?",
} };
static const struct query q_meeting_get = { {
	"SELECT " MEETING_COLUMNS MEETING_FROM "WHERE m.id = ?",
} };
static const struct query q_meetings_of = { {
	"SELECT " MEETING_COLUMNS MEETING_FROM "WHERE m.process = ? ORDER BY m.start_date, m.id",
} };
static const struct query q_meeting_delete = { {
	"DELETE FROM meetings WHERE id = ?",
} };
static const struct query q_delegate_put = { {
	"INSERT INTO delegates (id, meeting, country, organisation, full_name, name_key, rank, department, "
	"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_delegates_of_meeting = { {
	"SELECT " DELEGATE_COLUMNS DELEGATE_FROM "WHERE d.meeting = ? ORDER BY coalesce(c.name, o.name), d.id",
} };
static const struct query q_delegates_of_process = { {
	"SELECT " DELEGATE_COLUMNS DELEGATE_FROM "JOIN meetings m ON m.id = d.meeting WHERE m.process = ? "
	"ORDER BY d.meeting, coalesce(c.name, o.name), d.id",
} };
static const struct query q_delegate_find = { {
	"SELECT id FROM delegates WHERE meeting = ? AND name_key = ?",
} };

static const struct query q_agenda_of = { {
	"SELECT a.id, a.position, a.title, a.proposer_kind, coalesce(a.country, a.organisation), "
	"coalesce(c.name, o.name) FROM agenda_items a LEFT JOIN countries c ON c.alpha3 = a.country "
	"LEFT JOIN organisations o ON o.slug = a.organisation WHERE a.meeting = ? ORDER BY a.position",
} };
static const struct query q_agenda_put = { {
	"INSERT INTO agenda_items (id, meeting, position, title, proposer_kind, country, organisation) "
	"VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting = ?), ?, ?, ?, ?)",
} };
static const struct query q_documents_of = { {
	"SELECT document FROM meeting_documents WHERE meeting = ? ORDER BY document",
} };
static const struct query q_document_attach = { {
	"INSERT INTO meeting_documents (meeting, document) VALUES (?, ?) ON CONFLICT DO NOTHING",
} };
static const struct query q_minutes_of = { {
	"SELECT id, meeting, coalesce(corrects, 0), state, body, created_by, created_at, updated_at "
	"FROM minutes WHERE meeting = ? ORDER BY id",
} };
static const struct query q_minutes_put = { {
	"INSERT INTO minutes (id, meeting, corrects, state, body, created_by, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_minutes_update = { {
	"UPDATE minutes SET state = ?, body = ?, updated_at = ? WHERE id = ?",
} };

static void read_meeting(struct stmt *st, struct meeting *m)
{
	memset(m, 0, sizeof *m);
	m->id = col_int64(st, 0);
	m->process = col_text(st, 1);
	m->title = col_text(st, 2);
	m->type = col_text(st, 3);
	m->series = col_text(st, 4);
	m->working_group = col_text(st, 5);
	m->host = col_text(st, 6);
	m->host_name = col_text(st, 7);
	m->in_kind = (int)col_int64(st, 8);
	m->start = col_text(st, 9);
	m->end = col_text(st, 10);
	m->venue = col_text(st, 11);
	m->chair = col_text(st, 12);
	m->level = (enum level)level_parse(col_str(st, 13));
	m->created_by = col_text(st, 14);
	m->created_at = col_int64(st, 15);
	m->updated_at = col_int64(st, 16);
	m->invitations_sent = col_text(st, 17);
}

static void read_delegate(struct stmt *st, struct delegate *d)
{
	memset(d, 0, sizeof *d);
	d->id = col_int64(st, 0);
	d->meeting = col_int64(st, 1);
	d->party = col_text(st, 2);
	d->party_name = col_text(st, 3);
	d->is_organisation = (int)col_int64(st, 4);
	d->name = col_text(st, 5);
	d->name_key = col_text(st, 6);
	d->rank = col_text(st, 7);
	d->department = col_text(st, 8);
}

/* Binds title, type, series, working group, host, in kind, start, end,
 * venue, chair, level and invitations sent from position first. */
static void bind_meeting_fields(struct stmt *st, int first, const struct meeting *m)
{
	const char *texts[] = { m->title, m->type, m->series, m->working_group, m->host };
	for (int i = 0; i < 5; i++)
		bind_text(st, first + i, texts[i]);
	bind_int64(st, first + 5, m->in_kind);
	bind_text(st, first + 6, m->start);
	bind_text(st, first + 7, m->end);
	bind_text(st, first + 8, m->venue);
	bind_text(st, first + 9, m->chair);
	bind_text(st, first + 10, level_name(m->level));
	bind_text(st, first + 11, m->invitations_sent);
}

int store_meeting_put(struct store *s, struct meeting *m, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "meetings", &m->id, err) || !(st = store_stmt(s, &q_meeting_put, err)))
		return -1;
	bind_int64(st, 1, m->id);
	bind_text(st, 2, m->process);
	bind_meeting_fields(st, 3, m);
	bind_text(st, 15, m->created_by);
	bind_int64(st, 16, m->created_at);
	bind_int64(st, 17, m->updated_at);
	return run(st, "adding a meeting", err) || store_search_refresh(s, SEARCH_MEETING, m->id, err) ? -1 : 0;
}

int store_meeting_update(struct store *s, const struct meeting *m, char **err)
{
	struct stmt *st = store_stmt(s, &q_meeting_update, err);
	if (!st)
		return -1;
	bind_meeting_fields(st, 1, m);
	bind_int64(st, 13, m->updated_at);
	bind_int64(st, 14, m->id);
	return run(st, "changing a meeting", err) || store_search_refresh(s, SEARCH_MEETING, m->id, err) ? -1 : 0;
}

static int read_delegates(struct stmt *st, struct delegate_list *out, char **err)
{
	int rc;
	while ((rc = next_row(st, "reading delegates", err)) == 1)
		read_delegate(st, STORE_PUSH(&out->items, &out->n));
	return rc;
}

/* Reads the agenda, attached papers and minutes of out (read whole). */
static int read_records(struct store *s, struct meeting *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_agenda_of, err);
	int rc;
	if (!st)
		return -1;
	bind_int64(st, 1, out->id);
	while ((rc = next_row(st, "reading an agenda", err)) == 1) {
		struct agenda_item *a = STORE_PUSH(&out->agenda, &out->nagenda);
		a->id = col_int64(st, 0);
		a->position = (int)col_int64(st, 1);
		a->title = col_text(st, 2);
		a->proposer_kind = col_text(st, 3);
		a->party = col_text(st, 4);
		a->party_name = col_text(st, 5);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_documents_of, err)))
		return -1;
	bind_int64(st, 1, out->id);
	while ((rc = next_row(st, "reading a meeting's papers", err)) == 1)
		*STORE_PUSH(&out->documents, &out->ndocuments) = col_int64(st, 0);
	if (rc < 0 || !(st = store_stmt(s, &q_minutes_of, err)))
		return -1;
	bind_int64(st, 1, out->id);
	while ((rc = next_row(st, "reading minutes", err)) == 1) {
		struct minutes *m = STORE_PUSH(&out->minutes, &out->nminutes);
		m->id = col_int64(st, 0);
		m->meeting = col_int64(st, 1);
		m->corrects = col_int64(st, 2);
		m->state = col_text(st, 3);
		m->body = col_text(st, 4);
		m->created_by = col_text(st, 5);
		m->created_at = col_int64(st, 6);
		m->updated_at = col_int64(st, 7);
	}
	return rc;
}

int store_meeting_get(struct store *s, long long id, struct meeting *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_meeting_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a meeting", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_meeting(st, out);
	reset(st);
	if (!(st = store_stmt(s, &q_delegates_of_meeting, err)))
		goto fail;
	bind_int64(st, 1, id);
	if (read_delegates(st, &out->delegates, err) == 0 && read_records(s, out, err) == 0)
		return 0;
fail:
	meeting_free(out);
	return -1;
}

/* The meeting of l with that id, or NULL. */
static struct meeting *meeting_of(struct meeting_list *l, long long id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return &l->items[i];
	return NULL;
}

int store_meetings_of(struct store *s, const char *process, struct meeting_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_meetings_of, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	int rc;
	while ((rc = next_row(st, "listing meetings", err)) == 1)
		read_meeting(st, STORE_PUSH(&out->items, &out->n));
	if (rc < 0 || !(st = store_stmt(s, &q_delegates_of_process, err)))
		return -1;
	bind_text(st, 1, process);
	while ((rc = next_row(st, "reading delegates", err)) == 1) {
		struct meeting *m = meeting_of(out, col_int64(st, 1));
		if (m)
			read_delegate(st, STORE_PUSH(&m->delegates.items, &m->delegates.n));
	}
	return rc;
}

int store_meeting_delete(struct store *s, long long id, char **err)
{
	struct stmt *st = store_stmt(s, &q_meeting_delete, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	return run(st, "deleting a meeting", err) || store_search_refresh(s, SEARCH_MEETING, id, err) ? -1 : 0;
}

int store_delegate_put(struct store *s, struct delegate *d, long long now, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "delegates", &d->id, err) || !(st = store_stmt(s, &q_delegate_put, err)))
		return -1;
	bind_int64(st, 1, d->id);
	bind_int64(st, 2, d->meeting);
	bind_text(st, 3, d->is_organisation ? NULL : d->party);
	bind_text(st, 4, d->is_organisation ? d->party : NULL);
	bind_text(st, 5, d->name);
	bind_text(st, 6, d->name_key);
	bind_text(st, 7, d->rank);
	bind_text(st, 8, d->department);
	bind_int64(st, 9, now);
	return run(st, "adding a delegate", err);
}

int store_delegate_exists(struct store *s, long long meeting, const char *name_key, int *exists, char **err)
{
	struct stmt *st = store_stmt(s, &q_delegate_find, err);
	if (!st)
		return -1;
	bind_int64(st, 1, meeting);
	bind_text(st, 2, name_key);
	int rc = next_row(st, "looking for a delegate", err);
	if (rc < 0)
		return -1;
	*exists = rc == 1;
	if (rc == 1)
		reset(st);
	return 0;
}

int store_agenda_put(struct store *s, long long meeting, struct agenda_item *a, int is_organisation, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "agenda_items", &a->id, err) || !(st = store_stmt(s, &q_agenda_put, err)))
		return -1;
	bind_int64(st, 1, a->id);
	bind_int64(st, 2, meeting);
	bind_int64(st, 3, meeting);
	bind_text(st, 4, a->title);
	bind_text(st, 5, a->proposer_kind);
	bind_text(st, 6, a->party && !is_organisation ? a->party : NULL);
	bind_text(st, 7, a->party && is_organisation ? a->party : NULL);
	return run(st, "adding an agenda item", err) || store_search_refresh(s, SEARCH_MEETING, meeting, err) ? -1 : 0;
}

int store_meeting_attach(struct store *s, long long meeting, long long document, char **err)
{
	struct stmt *st = store_stmt(s, &q_document_attach, err);
	if (!st)
		return -1;
	bind_int64(st, 1, meeting);
	bind_int64(st, 2, document);
	return run(st, "attaching a paper to a meeting", err);
}

int store_minutes_put(struct store *s, struct minutes *m, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "minutes", &m->id, err) || !(st = store_stmt(s, &q_minutes_put, err)))
		return -1;
	bind_int64(st, 1, m->id);
	bind_int64(st, 2, m->meeting);
	if (m->corrects)
		bind_int64(st, 3, m->corrects);
	else
		bind_text(st, 3, NULL);
	bind_text(st, 4, m->state);
	bind_text(st, 5, m->body);
	bind_text(st, 6, m->created_by);
	bind_int64(st, 7, m->created_at);
	bind_int64(st, 8, m->updated_at);
	return run(st, "adding minutes", err);
}

int store_minutes_update(struct store *s, const struct minutes *m, char **err)
{
	struct stmt *st = store_stmt(s, &q_minutes_update, err);
	if (!st)
		return -1;
	bind_text(st, 1, m->state);
	bind_text(st, 2, m->body);
	bind_int64(st, 3, m->updated_at);
	bind_int64(st, 4, m->id);
	return run(st, "changing minutes", err);
}
