/* store_focal_points.c: national focal points and alternates, per process and state or organisation */
#include "store_int.h"
#include "../core/buf.h"

#include <stdlib.h>
#include <string.h>

/* The columns of a focal point, in the order read_focal_point reads them. */
#define FOCAL_COLUMNS \
	"f.id, f.process, coalesce(f.country, f.organisation), coalesce(c.name, o.name), " \
	"CASE WHEN f.organisation IS NULL THEN 0 ELSE 1 END, f.alternate, f.full_name, f.title, f.ministry, f.email, f.phone, " \
	"f.languages, f.verified, f.created_at, f.updated_at "
#define FOCAL_FROM \
	"FROM focal_points f LEFT JOIN countries c ON c.alpha3 = f.country " \
	"LEFT JOIN organisations o ON o.slug = f.organisation "
#define FOCAL_ORDER "ORDER BY coalesce(c.name, o.name), f.alternate, f.full_name, f.id"

static const struct query q_focal_put = { {
	"INSERT INTO focal_points (id, process, country, organisation, alternate, full_name, title, ministry, "
	"email, phone, languages, verified, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_focal_update = { {
	"UPDATE focal_points SET country = ?, organisation = ?, alternate = ?, full_name = ?, title = ?, "
	"ministry = ?, email = ?, phone = ?, languages = ?, verified = ?, updated_at = ? WHERE id = ?",
} };
static const struct query q_focal_get = { {
	"SELECT " FOCAL_COLUMNS FOCAL_FROM "WHERE f.id = ?",
} };
static const struct query q_focal_of_process = { {
	"SELECT " FOCAL_COLUMNS FOCAL_FROM "WHERE f.process = ? " FOCAL_ORDER,
} };
static const struct query q_focal_delete = { {
	"DELETE FROM focal_points WHERE id = ?",
} };

/* "en,fr" from a list of codes (caller frees). */
static char *joined(const struct strlist *l)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		buf_appendf(&b, "%s%s", i ? "," : "", l->items[i]);
	return buf_release(&b, NULL);
}

static void split(const char *text, struct strlist *out)
{
	char *copy = xstrdup(text ? text : ""), *rest = copy, *item;
	while ((item = strsep(&rest, ",")))
		if (*item)
			strlist_push(out, item);
	free(copy);
}

static void read_focal_point(struct stmt *st, struct focal_point *f)
{
	memset(f, 0, sizeof *f);
	f->id = col_int64(st, 0);
	f->process = col_text(st, 1);
	f->party = col_text(st, 2);
	f->party_name = col_text(st, 3);
	f->is_organisation = (int)col_int64(st, 4);
	f->alternate = (int)col_int64(st, 5);
	f->name = col_text(st, 6);
	f->title = col_text(st, 7);
	f->ministry = col_text(st, 8);
	f->email = col_text(st, 9);
	f->phone = col_text(st, 10);
	split(col_str(st, 11), &f->languages);
	f->verified = col_text(st, 12);
	f->created_at = col_int64(st, 13);
	f->updated_at = col_int64(st, 14);
}

/* Binds party (country or organisation), alternate, name, title,
 * ministry, email, phone, languages and verified from position first. */
static void bind_focal_fields(struct stmt *st, int first, const struct focal_point *f, const char *languages)
{
	bind_text(st, first, f->is_organisation ? NULL : f->party);
	bind_text(st, first + 1, f->is_organisation ? f->party : NULL);
	bind_int64(st, first + 2, f->alternate);
	bind_text(st, first + 3, f->name);
	bind_text(st, first + 4, f->title);
	bind_text(st, first + 5, f->ministry);
	bind_text(st, first + 6, f->email);
	bind_text(st, first + 7, f->phone);
	bind_text(st, first + 8, languages);
	bind_text(st, first + 9, f->verified);
}

int store_focal_point_put(struct store *s, struct focal_point *f, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "focal_points", &f->id, err) || !(st = store_stmt(s, &q_focal_put, err)))
		return -1;
	char *languages = joined(&f->languages);
	bind_int64(st, 1, f->id);
	bind_text(st, 2, f->process);
	bind_focal_fields(st, 3, f, languages);
	bind_int64(st, 13, f->created_at);
	bind_int64(st, 14, f->updated_at);
	int rc = run(st, "adding a focal point", err);
	free(languages);
	return rc;
}

int store_focal_point_update(struct store *s, const struct focal_point *f, char **err)
{
	struct stmt *st = store_stmt(s, &q_focal_update, err);
	if (!st)
		return -1;
	char *languages = joined(&f->languages);
	bind_focal_fields(st, 1, f, languages);
	bind_int64(st, 11, f->updated_at);
	bind_int64(st, 12, f->id);
	int rc = run(st, "changing a focal point", err);
	free(languages);
	return rc;
}

int store_focal_point_get(struct store *s, long long id, struct focal_point *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_focal_get, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	int rc = next_row(st, "reading a focal point", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_focal_point(st, out);
	reset(st);
	return 0;
}

int store_focal_points_of(struct store *s, const char *process, struct focal_point_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_focal_of_process, err);
	if (!st)
		return -1;
	bind_text(st, 1, process);
	int rc;
	while ((rc = next_row(st, "listing focal points", err)) == 1)
		read_focal_point(st, STORE_PUSH(&out->items, &out->n));
	return rc;
}

int store_focal_point_delete(struct store *s, long long id, char **err)
{
	struct stmt *st = store_stmt(s, &q_focal_delete, err);
	if (!st)
		return -1;
	bind_int64(st, 1, id);
	return run(st, "deleting a focal point", err);
}
