/* model.c: the registry's plain types: names, spans of years, freeing */
#include "model.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE_COUNT] = {
	"member", "observer", "partner", "participant", "activity-partner",
};
static const char *const status_names[STATUS_COUNT] = {
	"active", "suspended", "former",
};
static const char *const party_kind_names[PARTY_COUNT] = {
	"government", "territory", "organisation",
};

static int parse_name(const char *const *names, int count, const char *s)
{
	for (int i = 0; s && i < count; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *role_name(enum role r) { return role_names[r]; }
int role_parse(const char *s) { return parse_name(role_names, ROLE_COUNT, s); }
const char *status_name(enum status s) { return status_names[s]; }
int status_parse(const char *s) { return parse_name(status_names, STATUS_COUNT, s); }
const char *party_kind_name(enum party_kind k) { return party_kind_names[k]; }
int party_kind_parse(const char *s) { return parse_name(party_kind_names, PARTY_COUNT, s); }

int provenance_year(const struct provenance *p)
{
	int year = 0;
	for (const char *c = p->as_of; c && *c >= '0' && *c <= '9' && year < 1000; c++)
		year = year * 10 + (*c - '0');
	return year >= 1000 ? year : 0;
}

int participation_attested_from(const struct participation *p)
{
	if (p->since)
		return p->since;
	int from = provenance_year(&p->prov);
	if (p->until && (!from || from >= p->until))
		from = p->until - 1;
	return from;
}

int participation_at(const struct participation *p, int year)
{
	int from = participation_attested_from(p);
	return (from == 0 || from <= year) && (p->until == 0 || year < p->until);
}

int participation_unattested(const struct participation *p, int year)
{
	int from = participation_attested_from(p);
	return !p->since && from > year && (p->until == 0 || year < p->until);
}

static int later_year(int latest, const struct provenance *prov)
{
	int y = provenance_year(prov);
	return y > latest ? y : latest;
}

int process_as_of(const struct process *p)
{
	int latest = provenance_year(&p->prov);
	for (size_t i = 0; i < p->parts.n; i++)
		latest = later_year(latest, &p->parts.items[i].prov);
	for (size_t i = 0; i < p->nleaders; i++)
		latest = later_year(latest, &p->leaders[i].prov);
	for (size_t i = 0; i < p->ngroups; i++)
		latest = later_year(latest, &p->groups[i].prov);
	for (enum text_kind k = 0; k < TEXT_KIND_COUNT; k++) {
		const struct text_list *l = process_text_list(p, k);
		for (size_t i = 0; i < l->texts.n; i++)
			latest = later_year(latest, &l->provs[i]);
	}
	return latest;
}

/* Whether s is an acronym ("UK", "USA"): capitals only, no space. */
static int is_acronym(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || *s == '.'))
			return 0;
	return 1;
}

const char *participation_name_in_source(const struct participation *p)
{
	if (!p->source_name || !p->name || is_acronym(p->source_name))
		return NULL;
	const char *written = p->source_name;
	if (strncmp(written, "the ", 4) == 0)
		written += 4;
	char *a = text_fold(written), *b = text_fold(p->name);
	int same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return same ? NULL : p->source_name;
}

/* The first year a source attests l: its stated start; else its
 * source's date (for a post with a stated end only, the year before). */
static int leader_from(const struct leader *l)
{
	int from = l->since ? l->since : provenance_year(&l->prov);
	if (!l->since && l->until && (!from || from >= l->until))
		from = l->until - 1;
	return from;
}

int leader_at(const struct leader *l, int year)
{
	if (!year)
		return !l->until;
	int from = leader_from(l);
	return (!from || from <= year) && (!l->until || year < l->until);
}

int leader_end(const struct process *p, size_t i)
{
	const struct leader *l = &p->leaders[i];
	if (l->until || strcmp(l->position, "chair") != 0)
		return l->until;
	int from = leader_from(l), end = 0;
	for (size_t j = 0; j < p->nleaders; j++) {
		const struct leader *m = &p->leaders[j];
		int next = leader_from(m);
		if (j != i && strcmp(m->position, l->position) == 0 && next > from && (!end || next < end))
			end = next;
	}
	return end;
}

int process_leader_at(const struct process *p, size_t i, int year)
{
	int end = leader_end(p, i);
	if (!year)
		return !end;
	return leader_at(&p->leaders[i], year) && (!end || year < end);
}

int participation_holds(const struct participation *p, int year)
{
	return year ? participation_at(p, year) : participation_current(p);
}

void process_member_governments(const struct process *p, int year, struct strlist *out)
{
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION && participation_holds(pa, year) &&
		    !strlist_contains(out, pa->code))
			strlist_push(out, pa->code);
	}
}

int participation_current(const struct participation *p)
{
	return p->status != STATUS_FORMER && p->until == 0;
}

void strlist_push(struct strlist *l, const char *s)
{
	l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
	l->items[l->n++] = xstrdup(s);
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

void provenance_free(struct provenance *p)
{
	free(p->source);
	free(p->section);
	free(p->url);
	free(p->as_of);
}

struct provenance provenance_copy(const struct provenance *p)
{
	return (struct provenance){ .source = xstrdup_or_null(p->source), .section = xstrdup_or_null(p->section),
				    .url = xstrdup_or_null(p->url), .as_of = xstrdup_or_null(p->as_of),
				    .inferred = p->inferred };
}

struct participation *participation_list_push(struct participation_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	struct participation *p = &l->items[l->n++];
	memset(p, 0, sizeof *p);
	return p;
}

void participation_free(struct participation *p)
{
	free(p->process_slug);
	free(p->process_acronym);
	free(p->code);
	free(p->name);
	free(p->label);
	free(p->note);
	free(p->source_name);
	provenance_free(&p->prov);
}

void participation_list_free(struct participation_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		participation_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void registry_edit_list_free(struct registry_edit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct registry_edit *e = &l->items[i];
		free(e->login);
		free(e->process);
		free(e->action);
		free(e->fact);
		free(e->before);
		free(e->after);
		provenance_free(&e->prov);
		free(e->source_title);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

void leader_free(struct leader *l)
{
	free(l->position);
	free(l->code);
	free(l->name);
	free(l->portfolio);
	provenance_free(&l->prov);
}

void working_group_free(struct working_group *g)
{
	free(g->name);
	strlist_free(&g->chairs);
	strlist_free(&g->co_chairs);
	provenance_free(&g->prov);
}

void text_list_push(struct text_list *l, const char *text, const struct provenance *prov)
{
	l->provs = xrealloc(l->provs, (l->texts.n + 1) * sizeof *l->provs);
	l->provs[l->texts.n] = prov ? provenance_copy(prov) : (struct provenance){ 0 };
	strlist_push(&l->texts, text);
}

void text_list_free(struct text_list *l)
{
	for (size_t i = 0; i < l->texts.n; i++)
		provenance_free(&l->provs[i]);
	free(l->provs);
	strlist_free(&l->texts);
	l->provs = NULL;
}

const char *text_kind_key(enum text_kind k)
{
	static const char *const keys[] = { "themes", "goals", "priorities", "notes" };
	return k < TEXT_KIND_COUNT ? keys[k] : "";
}

const struct text_list *process_text_list(const struct process *p, enum text_kind k)
{
	switch (k) {
	case TEXT_THEMES: return &p->themes;
	case TEXT_GOALS: return &p->goals;
	case TEXT_PRIORITIES: return &p->priorities;
	default: return &p->notes;
	}
}

const struct provenance *fact_provenance(const struct process *p, const struct provenance *own)
{
	return own->source ? own : &p->prov;
}

size_t text_list_later(const struct process *p, const struct text_list *l, int year, int *first)
{
	size_t later = 0;
	*first = 0;
	for (size_t i = 0; i < l->texts.n; i++) {
		const struct provenance *prov = fact_provenance(p, &l->provs[i]);
		if (provenance_attested_at(prov, year))
			continue;
		int from = provenance_year(prov);
		*first = !*first || from < *first ? from : *first;
		later++;
	}
	return later;
}

int provenance_attested_at(const struct provenance *prov, int year)
{
	int from = provenance_year(prov);
	return !year || !from || from <= year;
}

void process_free(struct process *p)
{
	free(p->slug);
	free(p->acronym);
	free(p->name);
	free(p->region);
	free(p->scope);
	free(p->kind);
	free(p->secretariat_arrangement);
	free(p->secretariat_text);
	strlist_free(&p->secretariat_orgs);
	strlist_free(&p->aliases);
	strlist_free(&p->alias_sources);
	text_list_free(&p->themes);
	text_list_free(&p->goals);
	text_list_free(&p->priorities);
	text_list_free(&p->notes);
	for (size_t i = 0; i < p->nleaders; i++)
		leader_free(&p->leaders[i]);
	free(p->leaders);
	for (size_t i = 0; i < p->ngroups; i++)
		working_group_free(&p->groups[i]);
	free(p->groups);
	participation_list_free(&p->parts);
	provenance_free(&p->prov);
	memset(p, 0, sizeof *p);
}

struct process *process_list_push(struct process_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	struct process *p = &l->items[l->n++];
	memset(p, 0, sizeof *p);
	return p;
}

void process_list_free(struct process_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		process_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void country_free(struct country *c)
{
	free(c->name);
	free(c->iso_name);
	free(c->official_name);
	free(c->territory_of);
}

void organisation_free(struct organisation *o)
{
	free(o->slug);
	free(o->acronym);
	free(o->name);
	free(o->kind);
	strlist_free(&o->aliases);
}

void focal_point_free(struct focal_point *f)
{
	char *strings[] = { f->process, f->party, f->party_name, f->name, f->title, f->ministry,
			    f->email, f->phone, f->verified };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(strings[i]);
	strlist_free(&f->languages);
	memset(f, 0, sizeof *f);
}

void focal_point_list_free(struct focal_point_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		focal_point_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

