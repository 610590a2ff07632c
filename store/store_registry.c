/* store_registry.c: processes, participants, countries, organisations, names and sources */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The participation columns every participation query selects, in order. */
#define PART_COLUMNS \
	"p.process, pr.acronym, p.party_kind, coalesce(p.country, p.organisation), " \
	"coalesce(c.name, o.name), p.role, p.status, p.since, p.until, p.label, " \
	"p.note, p.source, p.section, p.as_of, p.source_name, p.as_of_stated, s.url, p.position, p.version, p.edited "
#define PART_FROM \
	"FROM participations p JOIN processes pr ON pr.slug = p.process " \
	"JOIN sources s ON s.id = p.source " \
	"LEFT JOIN countries c ON c.alpha3 = p.country " \
	"LEFT JOIN organisations o ON o.slug = p.organisation "

static const struct query q_source_put = { {
	"INSERT INTO sources (id, title, series, author, publisher, published, as_of, file, url) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_country_put = { {
	"INSERT INTO countries (alpha3, alpha2, numeric_code, name, iso_name, official_name, territory_of) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_org_put = { {
	"INSERT INTO organisations (slug, acronym, name, kind) VALUES (?, ?, ?, ?)",
} };
static const struct query q_name_put = { {
	"INSERT INTO names (kind, name, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
} };
static const struct query q_text_put = { {
	"INSERT INTO process_texts (process, list, position, text, source, section, as_of, as_of_stated) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_leader_put = { {
	"INSERT INTO leaders (process, position, post, country, organisation, portfolio, since, until, "
	"source, section, as_of, as_of_stated, edited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_leader_update = { {
	"UPDATE leaders SET post = ?, country = ?, organisation = ?, portfolio = ?, since = ?, until = ?, "
	"source = ?, section = ?, as_of = ?, as_of_stated = ?, edited = ?, version = version + 1 "
	"WHERE process = ? AND position = ? AND version = ?",
} };
static const struct query q_part_update = { {
	"UPDATE participations SET party_kind = ?, country = ?, organisation = ?, role = ?, status = ?, "
	"since = ?, until = ?, label = ?, note = ?, source = ?, section = ?, as_of = ?, source_name = ?, "
	"as_of_stated = ?, edited = ?, version = version + 1 WHERE process = ? AND position = ? AND version = ?",
} };
static const struct query q_part_delete = { {
	"DELETE FROM participations WHERE process = ? AND position = ?",
} };
static const struct query q_texts_delete = { {
	"DELETE FROM process_texts WHERE process = ? AND list = ?",
} };
static const struct query q_group_chairs_delete = { {
	"DELETE FROM working_group_chairs WHERE process = ?",
} };
static const struct query q_groups_delete = { {
	"DELETE FROM working_groups WHERE process = ?",
} };
static const struct query q_leader_delete = { {
	"DELETE FROM leaders WHERE process = ? AND position = ?",
} };
static const struct query q_next_part = { {
	"SELECT coalesce(max(position), -1) + 1 FROM participations WHERE process = ?",
} };
static const struct query q_next_leader = { {
	"SELECT coalesce(max(position), -1) + 1 FROM leaders WHERE process = ?",
} };
static const struct query q_source_by_url = { {
	"SELECT id FROM sources WHERE url = ? ORDER BY id LIMIT 1",
} };
static const struct query q_source_by_title = { {
	"SELECT id FROM sources WHERE title = ? ORDER BY id LIMIT 1",
} };
static const struct query q_source_exists = { {
	"SELECT count(*) FROM sources WHERE id = ?",
} };
static const struct query q_source_title = { {
	"SELECT title, url FROM sources WHERE id = ?",
} };
static const struct query q_history_put = { {
	"INSERT INTO registry_history (at, login, process, action, fact, position, before, after, "
	"source, section, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_history_list = { {
	"SELECT h.id, h.at, h.login, h.process, h.action, h.fact, h.position, h.before, h.after, "
	"h.source, h.section, h.as_of, s.title, s.url FROM registry_history h "
	"JOIN sources s ON s.id = h.source WHERE h.process = ? ORDER BY h.id DESC",
} };
static const struct query q_group_chair_put = { {
	"INSERT INTO working_group_chairs (process, grp, position, role, country) "
	"VALUES (?, ?, ?, ?, ?)",
} };
static const struct query q_group_put = { {
	"INSERT INTO working_groups (process, position, name, source, section, as_of, as_of_stated) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_part_put = { {
	"INSERT INTO participations (process, position, party_kind, country, organisation, role, "
	"status, since, until, label, note, source, section, as_of, source_name, as_of_stated, edited) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_secorg_put = { {
	"INSERT INTO secretariat_organisations (process, position, organisation) VALUES (?, ?, ?)",
} };
static const struct query q_process_put = { {
	"INSERT INTO processes (slug, position, acronym, name, established, region, scope, "
	"secretariat_arrangement, secretariat_text, secretariat_since, source, section, as_of, kind, "
	"as_of_stated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_names_load = { {
	"SELECT name, id FROM names WHERE kind = ? ORDER BY name, id",
} };
static const struct query q_process_list = { {
	"SELECT pr.slug, pr.acronym, pr.name, pr.established, pr.region, pr.scope, pr.secretariat_arrangement, "
	"pr.secretariat_text, pr.secretariat_since, pr.source, pr.section, pr.as_of, pr.kind, s.url, pr.as_of_stated "
	"FROM processes pr JOIN sources s ON s.id = pr.source ORDER BY pr.position",
} };
static const struct query q_texts_get = { {
	"SELECT t.list, t.text, t.source, t.section, t.as_of, t.as_of_stated, s.url "
	"FROM process_texts t LEFT JOIN sources s ON s.id = t.source "
	"WHERE t.process = ? ORDER BY t.list, t.position",
} };
static const struct query q_secorgs_get = { {
	"SELECT organisation FROM secretariat_organisations WHERE process = ? ORDER BY position",
} };
static const struct query q_leaders_get = { {
	"SELECT l.post, CASE WHEN l.country IS NULL THEN 'organisation' "
	"WHEN c.territory_of IS NULL THEN 'government' ELSE 'territory' END, "
	"coalesce(l.country, l.organisation), coalesce(c.name, o.name), l.portfolio, l.since, l.until, "
	"l.source, l.section, l.as_of, l.as_of_stated, s.url, l.position, l.version, l.edited "
	"FROM leaders l LEFT JOIN countries c ON c.alpha3 = l.country "
	"LEFT JOIN organisations o ON o.slug = l.organisation LEFT JOIN sources s ON s.id = l.source "
	"WHERE l.process = ? ORDER BY l.position",
} };
static const struct query q_groups_get = { {
	"SELECT g.position, g.name, g.source, g.section, g.as_of, g.as_of_stated, s.url "
	"FROM working_groups g LEFT JOIN sources s ON s.id = g.source "
	"WHERE g.process = ? ORDER BY g.position",
} };
static const struct query q_group_chairs_get = { {
	"SELECT grp, role, country FROM working_group_chairs WHERE process = ? "
	"ORDER BY grp, position",
} };
static const struct query q_process_get = { {
	"SELECT pr.slug, pr.acronym, pr.name, pr.established, pr.region, pr.scope, pr.secretariat_arrangement, "
	"pr.secretariat_text, pr.secretariat_since, pr.source, pr.section, pr.as_of, pr.kind, s.url, pr.as_of_stated "
	"FROM processes pr JOIN sources s ON s.id = pr.source WHERE pr.slug = ?",
} };
static const struct query q_parts_of_process = { {
	"SELECT " PART_COLUMNS PART_FROM "WHERE p.process = ? ORDER BY p.position",
} };
static const struct query q_country_list = { {
	"SELECT alpha3, alpha2, numeric_code, name, iso_name, official_name, territory_of "
	"FROM countries ORDER BY alpha3",
} };
static const struct query q_org_list = { {
	"SELECT slug, acronym, name, kind FROM organisations ORDER BY slug",
} };
static const struct query q_org_aliases = { {
	"SELECT id, name FROM names WHERE kind = 'organisation' ORDER BY id, name",
} };

int store_registry_clear(struct store *s, char **err)
{
	/* the seeded evidence goes with the registry, its index entries first */
	if (store_exec(s, "DELETE FROM search_entries WHERE kind = 'evidence'", "clearing the registry", err))
		return -1;
	static const char *const tables[] = {
		"evidence_states", "evidence", "registry_history", "participations", "working_group_chairs", "working_groups", "leaders",
		"secretariat_organisations", "process_texts", "processes", "names", "organisations",
		"countries", "sources",
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char *sql = xasprintf("DELETE FROM %s", tables[i]);  /* names from the list above */
		int rc = store_exec(s, sql, "clearing the registry", err);
		free(sql);
		if (rc)
			return -1;
	}
	return store_bump_registry(s, err);
}
int store_source_put(struct store *s, const struct source *src, char **err)
{
	if (store_bump_registry(s, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_source_put, err);
	if (!st)
		return -1;
	const char *v[] = { src->id, src->title, src->series, src->author,
			    src->publisher, src->published, src->as_of, src->file, src->url };
	for (int i = 0; i < 9; i++)
		bind_text(st, i + 1, v[i]);
	return run(st, "saving a source", err);
}

int store_country_put(struct store *s, const struct country *c, char **err)
{
	if (store_bump_registry(s, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_country_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, c->alpha3);
	bind_text(st, 2, c->alpha2);
	bind_text(st, 3, c->numeric);
	bind_text(st, 4, c->name);
	bind_text(st, 5, c->iso_name);
	bind_text(st, 6, c->official_name);
	bind_text(st, 7, c->territory_of);
	return run(st, "saving a country", err);
}

int store_organisation_put(struct store *s, const struct organisation *o, char **err)
{
	if (store_bump_registry(s, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_org_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, o->slug);
	bind_text(st, 2, o->acronym);
	bind_text(st, 3, o->name);
	bind_text(st, 4, o->kind);
	return run(st, "saving an organisation", err);
}

int store_name_put(struct store *s, const char *kind, const char *name,
		   const char *id, char **err)
{
	if (store_bump_registry(s, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_name_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, kind);
	bind_text(st, 2, name);
	bind_text(st, 3, id);
	return run(st, "saving a name", err);
}

/* Saves list's texts l; sources (NULL, or one per text, "" for the
 * process's own) names where each comes from. */
/* Binds prov's source, section, as-of date and whether it is stated,
 * from parameter first on (4 of them); no source binds NULLs. */
static void bind_provenance(struct stmt *st, int first, const struct provenance *prov)
{
	bind_text(st, first, prov->source);
	bind_text(st, first + 1, prov->source ? prov->section : NULL);
	bind_text(st, first + 2, prov->source ? prov->as_of : NULL);
	bind_int64(st, first + 3, !prov->inferred);
}

/* Reads the source, section, as_of, as_of_stated and url columns from
 * column first on into prov (all NULL: the process's own). */
static void read_provenance(struct stmt *st, int first, struct provenance *prov)
{
	prov->source = col_text(st, first);
	prov->section = col_text(st, first + 1);
	prov->as_of = col_text(st, first + 2);
	prov->inferred = !col_int64(st, first + 3);
	prov->url = col_text(st, first + 4);
}

static int put_text(struct store *s, const char *slug, const char *list, size_t i, const char *text,
		    const struct provenance *prov, char **err)
{
	struct stmt *st = store_stmt(s, &q_text_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	bind_text(st, 2, list);
	bind_int64(st, 3, (long long)i);
	bind_text(st, 4, text);
	bind_provenance(st, 5, prov);
	return run(st, "saving a process's texts", err);
}

static int put_aliases(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->aliases.n; i++) {
		const char *source = i < p->alias_sources.n ? p->alias_sources.items[i] : "";
		struct provenance prov = { .source = *source ? (char *)source : NULL };
		if (put_text(s, p->slug, "alias", i, p->aliases.items[i], &prov, err))
			return -1;
	}
	return 0;
}

static int put_texts(struct store *s, const char *slug, const char *list, const struct text_list *l, char **err)
{
	for (size_t i = 0; i < l->texts.n; i++)
		if (put_text(s, slug, list, i, l->texts.items[i], &l->provs[i], err))
			return -1;
	return 0;
}

/* Binds l's columns, as q_leader_put and q_leader_update name them after
 * the process and position, from parameter first on (11 of them). */
static void bind_leader(struct stmt *st, int first, const struct leader *l)
{
	int is_org = l->kind == PARTY_ORGANISATION;
	bind_text(st, first, l->position);
	bind_text(st, first + 1, is_org ? NULL : l->code);
	bind_text(st, first + 2, is_org ? l->code : NULL);
	bind_text(st, first + 3, l->portfolio);
	bind_year(st, first + 4, l->since);
	bind_year(st, first + 5, l->until);
	bind_text(st, first + 6, l->prov.source);
	bind_text(st, first + 7, l->prov.section);
	bind_text(st, first + 8, l->prov.as_of);
	bind_int64(st, first + 9, !l->prov.inferred);
	bind_int64(st, first + 10, l->edited != 0);
}

static int put_leader(struct store *s, const char *slug, int position, const struct leader *l, char **err)
{
	struct stmt *st = store_stmt(s, &q_leader_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	bind_int64(st, 2, position);
	bind_leader(st, 3, l);
	return run(st, "saving a leadership post", err);
}

static int put_leaders(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->nleaders; i++)
		if (put_leader(s, p->slug, (int)i, &p->leaders[i], err))
			return -1;
	return 0;
}

static int put_group_chairs(struct store *s, const char *slug, size_t grp,
			    const char *role, const struct strlist *codes,
			    int *position, char **err)
{
	for (size_t j = 0; j < codes->n; j++) {
		struct stmt *st = store_stmt(s, &q_group_chair_put, err);
		if (!st)
			return -1;
		bind_text(st, 1, slug);
		bind_int64(st, 2, (long long)grp);
		bind_int64(st, 3, (*position)++);
		bind_text(st, 4, role);
		bind_text(st, 5, codes->items[j]);
		if (run(st, "saving a working group's chairs", err))
			return -1;
	}
	return 0;
}

static int put_groups(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct working_group *g = &p->groups[i];
		struct stmt *st = store_stmt(s, &q_group_put, err);
		if (!st)
			return -1;
		bind_text(st, 1, p->slug);
		bind_int64(st, 2, (long long)i);
		bind_text(st, 3, g->name);
		bind_provenance(st, 4, &g->prov);
		if (run(st, "saving a working group", err))
			return -1;
		int position = 0;
		if (put_group_chairs(s, p->slug, i, "chair", &g->chairs, &position, err) ||
		    put_group_chairs(s, p->slug, i, "co-chair", &g->co_chairs, &position, err))
			return -1;
	}
	return 0;
}

/* Binds pa's columns, as q_part_put and q_part_update name them after
 * the process and position, from parameter first on (15 of them). */
static void bind_participation(struct stmt *st, int first, const struct participation *pa)
{
	int is_org = pa->kind == PARTY_ORGANISATION;
	bind_text(st, first, party_kind_name(pa->kind));
	bind_text(st, first + 1, is_org ? NULL : pa->code);
	bind_text(st, first + 2, is_org ? pa->code : NULL);
	bind_text(st, first + 3, role_name(pa->role));
	bind_text(st, first + 4, status_name(pa->status));
	bind_year(st, first + 5, pa->since);
	bind_year(st, first + 6, pa->until);
	bind_text(st, first + 7, pa->label);
	bind_text(st, first + 8, pa->note);
	bind_text(st, first + 9, pa->prov.source);
	bind_text(st, first + 10, pa->prov.section);
	bind_text(st, first + 11, pa->prov.as_of);
	bind_text(st, first + 12, pa->source_name);
	bind_int64(st, first + 13, !pa->prov.inferred);
	bind_int64(st, first + 14, pa->edited != 0);
}

static int put_participation(struct store *s, const char *slug, int position, const struct participation *pa,
			     char **err)
{
	struct stmt *st = store_stmt(s, &q_part_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	bind_int64(st, 2, position);
	bind_participation(st, 3, pa);
	return run(st, "saving a participation", err);
}

static int put_participations(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->parts.n; i++)
		if (put_participation(s, p->slug, (int)i, &p->parts.items[i], err))
			return -1;
	return 0;
}

/* The next free position of q (a max+1 query) in slug's process. */
static int next_position(struct store *s, const struct query *q, const char *slug, int *out, char **err)
{
	struct stmt *st = store_stmt(s, q, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	int rc = next_row(st, "numbering a fact", err);
	if (rc == 1)
		*out = (int)col_int64(st, 0);
	reset(st);
	return rc == 1 ? 0 : -1;
}

int store_participation_add(struct store *s, const char *slug, const struct participation *pa, int *id,
			    char **err)
{
	return store_bump_registry(s, err) || next_position(s, &q_next_part, slug, id, err) ||
	       put_participation(s, slug, *id, pa, err) ? -1 : 0;
}

int store_leader_add(struct store *s, const char *slug, const struct leader *l, int *id, char **err)
{
	return store_bump_registry(s, err) || next_position(s, &q_next_leader, slug, id, err) ||
	       put_leader(s, slug, *id, l, err) ? -1 : 0;
}

/* Runs an update whose last three parameters, from first, are slug, id
 * and version; *changed is 1 when a row was at that version, else 0. */
static int run_versioned(struct stmt *st, int first, const char *slug, int id, int version,
			 int *changed, char **err)
{
	bind_text(st, first, slug);
	bind_int64(st, first + 1, id);
	bind_int64(st, first + 2, version);
	return run_changes(st, "changing a fact", changed, err);
}

int store_participation_update(struct store *s, const char *slug, const struct participation *pa, int *changed,
			       char **err)
{
	struct stmt *st;
	if (store_bump_registry(s, err) || !(st = store_stmt(s, &q_part_update, err)))
		return -1;
	bind_participation(st, 1, pa);
	return run_versioned(st, 16, slug, pa->id, pa->version, changed, err);
}

int store_leader_update(struct store *s, const char *slug, const struct leader *l, int *changed, char **err)
{
	struct stmt *st;
	if (store_bump_registry(s, err) || !(st = store_stmt(s, &q_leader_update, err)))
		return -1;
	bind_leader(st, 1, l);
	return run_versioned(st, 12, slug, l->id, l->version, changed, err);
}

static int put_secretariat(struct store *s, const struct process *p, char **err)
{
	for (size_t i = 0; i < p->secretariat_orgs.n; i++) {
		struct stmt *st = store_stmt(s, &q_secorg_put, err);
		if (!st)
			return -1;
		bind_text(st, 1, p->slug);
		bind_int64(st, 2, (long long)i);
		bind_text(st, 3, p->secretariat_orgs.items[i]);
		if (run(st, "saving a secretariat", err))
			return -1;
	}
	return 0;
}

int store_process_put(struct store *s, const struct process *p, int position, char **err)
{
	if (store_bump_registry(s, err))
		return -1;
	struct stmt *st = store_stmt(s, &q_process_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	bind_int64(st, 2, position);
	bind_text(st, 3, p->acronym);
	bind_text(st, 4, p->name);
	bind_int64(st, 5, p->established);
	bind_text(st, 6, p->region);
	bind_text(st, 7, p->scope);
	bind_text(st, 8, p->secretariat_arrangement);
	bind_text(st, 9, p->secretariat_text);
	bind_year(st, 10, p->secretariat_since);
	bind_text(st, 11, p->prov.source);
	bind_text(st, 12, p->prov.section);
	bind_text(st, 13, p->prov.as_of);
	bind_text(st, 14, p->kind ? p->kind : "rcp");
	bind_int64(st, 15, !p->prov.inferred);
	if (run(st, "saving a process", err))
		return -1;
	return put_aliases(s, p, err) ||
	       put_texts(s, p->slug, "theme", &p->themes, err) ||
	       put_texts(s, p->slug, "goal", &p->goals, err) ||
	       put_texts(s, p->slug, "priority", &p->priorities, err) ||
	       put_texts(s, p->slug, "note", &p->notes, err) ||
	       put_secretariat(s, p, err) || put_leaders(s, p, err) ||
	       put_groups(s, p, err) || put_participations(s, p, err)
		       ? -1 : 0;
}

int store_names_load(struct store *s, const char *kind, struct name_index *idx, char **err)
{
	struct stmt *st = store_stmt(s, &q_names_load, err);
	if (!st)
		return -1;
	bind_text(st, 1, kind);
	int rc;
	while ((rc = next_row(st, "reading names", err)) == 1)
		names_add(idx, col_str(st, 0),
			  col_str(st, 1), NULL);
	return rc;
}

/* Fills the process row columns selected by Q_PROCESS_LIST/GET. */
static void read_process_row(struct stmt *st, struct process *p)
{
	p->slug = col_text(st, 0);
	p->acronym = col_text(st, 1);
	p->name = col_text(st, 2);
	p->established = (int)col_int64(st, 3);
	p->region = col_text(st, 4);
	p->scope = col_text(st, 5);
	p->secretariat_arrangement = col_text(st, 6);
	p->secretariat_text = col_text(st, 7);
	p->secretariat_since = (int)col_int64(st, 8);
	p->prov.source = col_text(st, 9);
	p->prov.section = col_text(st, 10);
	p->prov.as_of = col_text(st, 11);
	p->kind = col_text(st, 12);
	p->prov.url = col_text(st, 13);
	p->prov.inferred = !col_int64(st, 14);
}

int store_process_list(struct store *s, struct process_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_process_list, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing processes", err)) == 1)
		read_process_row(st, process_list_push(out));
	return rc;
}

static void read_participation(struct stmt *st, struct participation *p)
{
	p->process_slug = col_text(st, 0);
	p->process_acronym = col_text(st, 1);
	p->kind = (enum party_kind)party_kind_parse(col_str(st, 2));
	p->code = col_text(st, 3);
	p->name = col_text(st, 4);
	p->role = (enum role)role_parse(col_str(st, 5));
	p->status = (enum status)status_parse(col_str(st, 6));
	p->since = (int)col_int64(st, 7);
	p->until = (int)col_int64(st, 8);
	p->label = col_text(st, 9);
	p->note = col_text(st, 10);
	p->prov.source = col_text(st, 11);
	p->prov.section = col_text(st, 12);
	p->prov.as_of = col_text(st, 13);
	p->source_name = col_text(st, 14);
	p->prov.inferred = !col_int64(st, 15);
	p->prov.url = col_text(st, 16);
	p->id = (int)col_int64(st, 17);
	p->version = (int)col_int64(st, 18);
	p->edited = (int)col_int64(st, 19);
}

static int read_participations(struct stmt *st,
			       struct participation_list *out, char **err)
{
	int rc;
	while ((rc = next_row(st, "reading participations", err)) == 1)
		read_participation(st, participation_list_push(out));
	return rc;
}

static struct text_list *text_list(struct process *p, const char *list)
{
	if (strcmp(list, "theme") == 0)
		return &p->themes;
	if (strcmp(list, "goal") == 0)
		return &p->goals;
	if (strcmp(list, "priority") == 0)
		return &p->priorities;
	return &p->notes;
}

static int get_texts(struct store *s, struct process *p, char **err)
{
	struct stmt *st = store_stmt(s, &q_texts_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	int rc;
	while ((rc = next_row(st, "reading a process's texts", err)) == 1) {
		if (strcmp(col_str(st, 0), "alias") == 0) {
			strlist_push(&p->aliases, col_str(st, 1));
			const char *source = col_str(st, 2);
			strlist_push(&p->alias_sources, source ? source : "");
			continue;
		}
		struct provenance prov = { 0 };
		read_provenance(st, 2, &prov);
		text_list_push(text_list(p, col_str(st, 0)), col_str(st, 1), &prov);
		provenance_free(&prov);
	}
	if (rc)
		return rc;
	st = store_stmt(s, &q_secorgs_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	while ((rc = next_row(st, "reading a secretariat", err)) == 1)
		strlist_push(&p->secretariat_orgs, col_str(st, 0));
	return rc;
}

static int get_leaders(struct store *s, struct process *p, char **err)
{
	struct stmt *st = store_stmt(s, &q_leaders_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	int rc;
	while ((rc = next_row(st, "reading leadership", err)) == 1) {
		p->leaders = xrealloc(p->leaders, (p->nleaders + 1) * sizeof *p->leaders);
		struct leader *l = &p->leaders[p->nleaders++];
		l->position = col_text(st, 0);
		l->kind = (enum party_kind)party_kind_parse(col_str(st, 1));
		l->code = col_text(st, 2);
		l->name = col_text(st, 3);
		l->portfolio = col_text(st, 4);
		l->since = (int)col_int64(st, 5);
		l->until = (int)col_int64(st, 6);
		read_provenance(st, 7, &l->prov);
		l->id = (int)col_int64(st, 12);
		l->version = (int)col_int64(st, 13);
		l->edited = (int)col_int64(st, 14);
	}
	return rc;
}

static int get_groups(struct store *s, struct process *p, char **err)
{
	struct stmt *st = store_stmt(s, &q_groups_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	int rc;
	while ((rc = next_row(st, "reading working groups", err)) == 1) {
		p->groups = xrealloc(p->groups, (p->ngroups + 1) * sizeof *p->groups);
		struct working_group *g = &p->groups[p->ngroups++];
		memset(g, 0, sizeof *g);
		g->name = col_text(st, 1);
		read_provenance(st, 2, &g->prov);
	}
	if (rc)
		return rc;
	st = store_stmt(s, &q_group_chairs_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, p->slug);
	while ((rc = next_row(st, "reading working group chairs", err)) == 1) {
		size_t grp = (size_t)(int)col_int64(st, 0);
		if (grp >= p->ngroups)
			continue;
		const char *role = col_str(st, 1);
		struct working_group *g = &p->groups[grp];
		strlist_push(strcmp(role, "chair") == 0 ? &g->chairs : &g->co_chairs,
			     col_str(st, 2));
	}
	return rc;
}

int store_process_get(struct store *s, const char *slug, struct process *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_process_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	int rc = next_row(st, "reading a process", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(out, 0, sizeof *out);
	read_process_row(st, out);
	reset(st);
	st = store_stmt(s, &q_parts_of_process, err);
	if (!st)
		goto fail;
	bind_text(st, 1, slug);
	if (read_participations(st, &out->parts, err) || get_texts(s, out, err) ||
	    get_leaders(s, out, err) || get_groups(s, out, err))
		goto fail;
	return 0;
fail:
	process_free(out);
	return -1;
}

static void read_country(struct stmt *st, struct country *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->alpha3, sizeof out->alpha3, "%s", col_str(st, 0));
	snprintf(out->alpha2, sizeof out->alpha2, "%s", col_str(st, 1));
	snprintf(out->numeric, sizeof out->numeric, "%s", col_str(st, 2));
	out->name = col_text(st, 3);
	out->iso_name = col_text(st, 4);
	out->official_name = col_text(st, 5);
	out->territory_of = col_text(st, 6);
}

int store_country_list(struct store *s, struct country **out, size_t *n, char **err)
{
	struct stmt *st = store_stmt(s, &q_country_list, err);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing countries", err)) == 1) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		read_country(st, &(*out)[(*n)++]);
	}
	return rc;
}

/* The organisation of orgs (n of them, by slug) with that slug, or NULL. */
static struct organisation *org_of(struct organisation *orgs, size_t n, const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(orgs[i].slug, slug) == 0)
			return &orgs[i];
	return NULL;
}

int store_organisation_list(struct store *s, struct organisation **out, size_t *n, char **err)
{
	struct stmt *st = store_stmt(s, &q_org_list, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing organisations", err)) == 1) {
		struct organisation *o = STORE_PUSH(out, n);
		o->slug = col_text(st, 0);
		o->acronym = col_text(st, 1);
		o->name = col_text(st, 2);
		o->kind = col_text(st, 3);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_org_aliases, err)))
		return -1;
	while ((rc = next_row(st, "reading organisations' names", err)) == 1) {
		struct organisation *o = org_of(*out, *n, col_str(st, 0));
		const char *name = col_str(st, 1);
		if (o && strcmp(name, o->name) != 0 && strcmp(name, o->acronym) != 0 && strcmp(name, o->slug) != 0)
			strlist_push(&o->aliases, name);
	}
	return rc;
}


int store_source_for(struct store *s, const char *text, const char *url, const char *as_of, char **id,
		     char **err)
{
	*id = NULL;
	struct stmt *st;
	int exists, rc;
	if (store_source_exists(s, text, &exists, err))
		return -1;
	if (exists) {
		*id = xstrdup(text);
		return 0;
	}
	const struct query *by[] = { &q_source_by_url, &q_source_by_title };
	const char *key[] = { url, text };
	for (int k = 0; k < 2; k++) {
		if (!key[k])
			continue;
		if (!(st = store_stmt(s, by[k], err)))
			return -1;
		bind_text(st, 1, key[k]);
		if ((rc = next_row(st, "finding a source", err)) == 1)
			*id = col_text(st, 0);
		reset(st);
		if (rc)
			return rc < 0 ? -1 : 0;
	}
	long long n;
	if (store_next_id(s, "sources", &n, err))
		return -1;
	char *made = xasprintf("src-%lld", n);
	struct source src = { .id = made, .title = (char *)text, .url = (char *)url, .as_of = (char *)as_of };
	if (store_source_put(s, &src, err)) {
		free(made);
		return -1;
	}
	*id = made;
	return 0;
}

int store_history_put(struct store *s, const struct registry_edit *e, char **err)
{
	struct stmt *st = store_stmt(s, &q_history_put, err);
	if (!st)
		return -1;
	bind_int64(st, 1, e->at);
	bind_text(st, 2, e->login);
	bind_text(st, 3, e->process);
	bind_text(st, 4, e->action);
	bind_text(st, 5, e->fact);
	bind_int64(st, 6, e->position);
	bind_text(st, 7, e->before);
	bind_text(st, 8, e->after);
	bind_text(st, 9, e->prov.source);
	bind_text(st, 10, e->prov.section);
	bind_text(st, 11, e->prov.as_of);
	return run(st, "recording an edit", err);
}

int store_history_list(struct store *s, const char *slug, struct registry_edit_list *out, char **err)
{
	memset(out, 0, sizeof *out);
	struct stmt *st = store_stmt(s, &q_history_list, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	int rc;
	while ((rc = next_row(st, "reading the registry's history", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		struct registry_edit *e = &out->items[out->n++];
		memset(e, 0, sizeof *e);
		e->id = col_int64(st, 0);
		e->at = col_int64(st, 1);
		e->login = col_text(st, 2);
		e->process = col_text(st, 3);
		e->action = col_text(st, 4);
		e->fact = col_text(st, 5);
		e->position = (int)col_int64(st, 6);
		e->before = col_text(st, 7);
		e->after = col_text(st, 8);
		e->prov.source = col_text(st, 9);
		e->prov.section = col_text(st, 10);
		e->prov.as_of = col_text(st, 11);
		e->source_title = col_text(st, 12);
		e->prov.url = col_text(st, 13);
	}
	if (rc < 0)
		registry_edit_list_free(out);
	return rc;
}

/* Deletes the fact of q (a delete by process and position). */
static int delete_fact(struct store *s, const struct query *q, const char *slug, int id, char **err)
{
	struct stmt *st;
	if (store_bump_registry(s, err) || !(st = store_stmt(s, q, err)))
		return -1;
	bind_text(st, 1, slug);
	bind_int64(st, 2, id);
	return run(st, "removing a fact", err);
}

int store_participation_delete(struct store *s, const char *slug, int id, char **err)
{
	return delete_fact(s, &q_part_delete, slug, id, err);
}

int store_leader_delete(struct store *s, const char *slug, int id, char **err)
{
	return delete_fact(s, &q_leader_delete, slug, id, err);
}

/* Runs q, a delete bound to the process slug and, when list is not NULL,
 * a list's name. */
static int delete_of_process(struct store *s, const struct query *q, const char *slug, const char *list, char **err)
{
	struct stmt *st = store_stmt(s, q, err);
	if (!st)
		return -1;
	bind_text(st, 1, slug);
	if (list)
		bind_text(st, 2, list);
	return run(st, "removing a process's list", err);
}

int store_texts_replace(struct store *s, const char *slug, enum text_kind k, const struct text_list *l, char **err)
{
	static const char *const lists[] = { "theme", "goal", "priority", "note" };
	const char *list = lists[k < TEXT_KIND_COUNT ? k : TEXT_NOTES];
	return store_bump_registry(s, err) || delete_of_process(s, &q_texts_delete, slug, list, err) ||
	       put_texts(s, slug, list, l, err);
}

int store_groups_replace(struct store *s, const struct process *p, char **err)
{
	return store_bump_registry(s, err) || delete_of_process(s, &q_group_chairs_delete, p->slug, NULL, err) ||
	       delete_of_process(s, &q_groups_delete, p->slug, NULL, err) || put_groups(s, p, err);
}

int store_source_exists(struct store *s, const char *id, int *exists, char **err)
{
	struct stmt *st = store_stmt(s, &q_source_exists, err);
	if (!st)
		return -1;
	bind_text(st, 1, id);
	int rc = next_row(st, "finding a source", err);
	*exists = rc == 1 && col_int64(st, 0) > 0;
	reset(st);
	return rc < 0 ? -1 : 0;
}

int store_source_title(struct store *s, const char *id, char **title, char **url, char **err)
{
	struct stmt *st = store_stmt(s, &q_source_title, err);
	if (!st)
		return -1;
	bind_text(st, 1, id);
	int rc = next_row(st, "finding a source", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*title = col_text(st, 0);
	*url = col_text(st, 1);
	reset(st);
	return 0;
}
