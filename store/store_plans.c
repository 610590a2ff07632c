/* store_plans.c: plans of action, their items, commitments and the progress reported on them */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const struct query q_plan_put = { {
	"INSERT INTO plans (id, process, meeting, title, adopted, level, body, created_by, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_plan_get = { {
	"SELECT id, process, coalesce(meeting, 0), title, adopted, level, body, created_by, created_at, updated_at "
	"FROM plans WHERE id = ?",
} };
static const struct query q_plans_of = { {
	"SELECT id FROM plans WHERE process = ? ORDER BY adopted, id",
} };
static const struct query q_item_put = { {
	"INSERT INTO plan_items (id, plan, position, text, due, output) "
	"VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM plan_items WHERE plan = ?), ?, ?, ?)",
} };
static const struct query q_items_of = { {
	"SELECT id, position, text, due, output FROM plan_items WHERE plan = ? ORDER BY position",
} };
static const struct query q_commitment_put = { {
	"INSERT INTO commitments (id, item, owner) VALUES (?, ?, ?)",
} };
static const struct query q_commitments_of = { {
	"SELECT c.id, c.item, c.owner, coalesce(k.name, c.owner) FROM commitments c "
	"JOIN plan_items i ON i.id = c.item LEFT JOIN countries k ON k.alpha3 = c.owner "
	"WHERE i.plan = ? ORDER BY c.item, c.owner",
} };
static const struct query q_progress_put = { {
	"INSERT INTO progress (id, commitment, status, reported, note, evidence, created_by, created_at, "
	"evidence_link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_progress_of = { {
	"SELECT p.id, p.commitment, p.status, p.reported, p.note, coalesce(p.evidence, 0), p.created_by, "
	"p.evidence_link "
	"FROM progress p JOIN commitments c ON c.id = p.commitment JOIN plan_items i ON i.id = c.item "
	"WHERE i.plan = ? ORDER BY p.commitment, p.reported, p.id",
} };
static const struct query q_plan_of_item = { {
	"SELECT plan FROM plan_items WHERE id = ?",
} };

int store_plan_put(struct store *s, struct plan *p, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "plans", &p->id, err) || !(st = store_stmt(s, &q_plan_put, err)))
		return -1;
	bind_int64(st, 1, p->id);
	bind_text(st, 2, p->process);
	if (p->meeting)
		bind_int64(st, 3, p->meeting);
	else
		bind_text(st, 3, NULL);
	bind_text(st, 4, p->title);
	bind_text(st, 5, p->adopted);
	bind_text(st, 6, level_name(p->level));
	bind_text(st, 7, p->body ? p->body : "");
	bind_text(st, 8, p->created_by);
	bind_int64(st, 9, p->created_at);
	bind_int64(st, 10, p->updated_at);
	return run(st, "adding a plan", err) || store_search_refresh(s, SEARCH_PLAN, p->id, err) ? -1 : 0;
}

int store_plan_item_put(struct store *s, long long plan, struct plan_item *it, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "plan_items", &it->id, err) || !(st = store_stmt(s, &q_item_put, err)))
		return -1;
	bind_int64(st, 1, it->id);
	bind_int64(st, 2, plan);
	bind_int64(st, 3, plan);
	bind_text(st, 4, it->text);
	bind_text(st, 5, it->due);
	bind_text(st, 6, it->output);
	return run(st, "adding a plan's item", err) || store_search_refresh(s, SEARCH_PLAN, plan, err) ? -1 : 0;
}

int store_commitment_put(struct store *s, long long item, const char *owner, long long *id, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "commitments", id, err) || !(st = store_stmt(s, &q_commitment_put, err)))
		return -1;
	bind_int64(st, 1, *id);
	bind_int64(st, 2, item);
	bind_text(st, 3, owner);
	return run(st, "recording a commitment", err);
}

int store_progress_put(struct store *s, long long commitment, struct progress *pr, long long now, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "progress", &pr->id, err) || !(st = store_stmt(s, &q_progress_put, err)))
		return -1;
	bind_int64(st, 1, pr->id);
	bind_int64(st, 2, commitment);
	bind_text(st, 3, pr->status);
	bind_text(st, 4, pr->reported);
	bind_text(st, 5, pr->note);
	if (pr->evidence)
		bind_int64(st, 6, pr->evidence);
	else
		bind_text(st, 6, NULL);
	bind_text(st, 7, pr->created_by);
	bind_int64(st, 8, now);
	bind_text(st, 9, pr->evidence_link);
	return run(st, "recording progress", err);
}

static struct plan_item *item_of(struct plan *p, long long id)
{
	for (size_t i = 0; i < p->nitems; i++)
		if (p->items[i].id == id)
			return &p->items[i];
	return NULL;
}

static struct commitment *commitment_of(struct plan *p, long long id)
{
	for (size_t i = 0; i < p->nitems; i++)
		for (size_t k = 0; k < p->items[i].ncommitments; k++)
			if (p->items[i].commitments[k].id == id)
				return &p->items[i].commitments[k];
	return NULL;
}

/* Reads the items, commitments and progress of out. */
static int read_items(struct store *s, struct plan *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_items_of, err);
	int rc;
	if (!st)
		return -1;
	bind_int64(st, 1, out->id);
	while ((rc = next_row(st, "reading a plan's items", err)) == 1) {
		struct plan_item *it = STORE_PUSH(&out->items, &out->nitems);
		it->id = col_int64(st, 0);
		it->position = (int)col_int64(st, 1);
		it->text = col_text(st, 2);
		it->due = col_text(st, 3);
		it->output = col_text(st, 4);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_commitments_of, err)))
		return -1;
	bind_int64(st, 1, out->id);
	while ((rc = next_row(st, "reading commitments", err)) == 1) {
		struct plan_item *it = item_of(out, col_int64(st, 1));
		if (!it)
			continue;
		struct commitment *c = STORE_PUSH(&it->commitments, &it->ncommitments);
		c->id = col_int64(st, 0);
		c->owner = col_text(st, 2);
		c->owner_name = col_text(st, 3);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_progress_of, err)))
		return -1;
	bind_int64(st, 1, out->id);
	while ((rc = next_row(st, "reading progress", err)) == 1) {
		struct commitment *c = commitment_of(out, col_int64(st, 1));
		if (!c)
			continue;
		struct progress *pr = STORE_PUSH(&c->progress, &c->nprogress);
		pr->id = col_int64(st, 0);
		pr->status = col_text(st, 2);
		pr->reported = col_text(st, 3);
		pr->note = col_text(st, 4);
		pr->evidence = col_int64(st, 5);
		pr->created_by = col_text(st, 6);
		pr->evidence_link = col_text(st, 7);
	}
	return rc;
}

int store_plan_get(struct store *s, long long id, struct plan *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_plan_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a plan", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	out->id = col_int64(st, 0);
	out->process = col_text(st, 1);
	out->meeting = col_int64(st, 2);
	out->title = col_text(st, 3);
	out->adopted = col_text(st, 4);
	out->level = (enum level)level_parse(col_str(st, 5));
	out->body = col_text(st, 6);
	out->created_by = col_text(st, 7);
	out->created_at = col_int64(st, 8);
	out->updated_at = col_int64(st, 9);
	reset(st);
	if (read_items(s, out, err) == 0)
		return 0;
	plan_free(out);
	return -1;
}

int store_plans_of(struct store *s, const char *process, struct plan_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_plans_of, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	long long *ids = NULL;
	size_t n = 0;
	int rc;
	while ((rc = next_row(st, "listing plans", err)) == 1)
		*STORE_PUSH(&ids, &n) = col_int64(st, 0);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct plan *p = STORE_PUSH(&out->items, &out->n);
		rc = store_plan_get(s, ids[i], p, err);
		if (rc)
			out->n--;
		rc = rc < 0 ? -1 : 0;
	}
	free(ids);
	return rc;
}

int store_plan_of_item(struct store *s, long long item, long long *plan, char **err)
{
	struct stmt *st = store_stmt(s, &q_plan_of_item, err);
	if (!st)
		return -1;
	bind_int64(st, 1, item);
	int rc = next_row(st, "finding an item's plan", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*plan = col_int64(st, 0);
	reset(st);
	return 0;
}
