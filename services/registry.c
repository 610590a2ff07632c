/* registry.c: questions about processes, participants and their overlap */
#include "registry.h"
#include "../core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct registry *registry_open(const char *location, char **err)
{
	struct registry *r = xcalloc(1, sizeof *r);
	r->store = store_open(location, STORE_EXISTING, err);
	long processes = 0;
	if (r->store && store_count(r->store, "processes", &processes, err) == 0 && !processes)
		*err = xstrdup("the database holds no registry yet; create it with 'rcphub init'");
	if (!r->store || !processes ||
	    store_names_load(r->store, "country", &r->countries, err) ||
	    store_names_load(r->store, "organisation", &r->organisations, err) ||
	    store_names_load(r->store, "process", &r->processes, err)) {
		registry_close(r);
		return NULL;
	}
	return r;
}

void registry_close(struct registry *r)
{
	if (!r)
		return;
	store_close(r->store);
	names_free(&r->countries);
	names_free(&r->organisations);
	names_free(&r->processes);
	free(r);
}

/* "no process matches "x"; did you mean: a, b?" */
static char *not_found(struct name_index *idx, const char *what, const char *query)
{
	const char *ids[4];
	size_t n = names_suggest(idx, query, ids, 4);
	if (n == 0)
		return xasprintf("no %s matches \"%s\"", what, query);
	char *list = xstrdup(ids[0]);
	for (size_t i = 1; i < n; i++) {
		char *next = xasprintf("%s, %s", list, ids[i]);
		free(list);
		list = next;
	}
	char *msg = xasprintf("no %s matches \"%s\"; did you mean: %s?", what, query, list);
	free(list);
	return msg;
}

int registry_process(struct registry *r, const char *query, struct process *out, char **err)
{
	const char *slug = names_lookup(&r->processes, query);
	if (!slug) {
		*err = not_found(&r->processes, "process", query);
		return -1;
	}
	int rc = store_process_get(r->store, slug, out, err);
	if (rc == 1)
		*err = xasprintf("process %s is named but missing from the database", slug);
	return rc ? -1 : 0;
}

int registry_country(struct registry *r, const char *query, struct country *out, char **err)
{
	const char *code = names_lookup(&r->countries, query);
	if (!code) {
		*err = not_found(&r->countries, "country or territory", query);
		return -1;
	}
	int rc = store_country_get(r->store, code, out, err);
	if (rc == 1)
		*err = xasprintf("country %s is named but missing from the database", code);
	return rc ? -1 : 0;
}

int registry_organisation(struct registry *r, const char *query, struct organisation *out, char **err)
{
	const char *slug = names_lookup(&r->organisations, query);
	if (!slug) {
		*err = not_found(&r->organisations, "organisation", query);
		return -1;
	}
	int rc = store_organisation_get(r->store, slug, out, err);
	if (rc == 1)
		*err = xasprintf("organisation %s is named but missing from the database", slug);
	return rc ? -1 : 0;
}

static void copy_participation(struct participation *dst, const struct participation *src)
{
	*dst = *src;
	dst->process_slug = xstrdup_or_null(src->process_slug);
	dst->process_acronym = xstrdup_or_null(src->process_acronym);
	dst->code = xstrdup_or_null(src->code);
	dst->name = xstrdup_or_null(src->name);
	dst->label = xstrdup_or_null(src->label);
	dst->note = xstrdup_or_null(src->note);
	dst->prov.source = xstrdup_or_null(src->prov.source);
	dst->prov.section = xstrdup_or_null(src->prov.section);
	dst->prov.as_of = xstrdup_or_null(src->prov.as_of);
}

static int passes(const struct participation *pa, const struct participant_filter *f)
{
	if (f->role >= 0 && (int)pa->role != f->role)
		return 0;
	return f->year ? participation_at(pa, f->year) : participation_current(pa);
}

void registry_select(const struct process *p, const struct participant_filter *f,
		     struct participation_list *out)
{
	if (f->year && f->year < p->established)
		return;
	for (size_t i = 0; i < p->parts.n; i++)
		if (passes(&p->parts.items[i], f))
			copy_participation(participation_list_push(out), &p->parts.items[i]);
}

int registry_state(struct registry *r, const char *code, struct participation_list *out, char **err)
{
	return store_participations_of(r->store, code, out, err);
}

int registry_processes(struct registry *r, struct process_list *out, char **err)
{
	return store_process_list(r->store, out, err);
}

int registry_version(struct registry *r, long long *version, char **err)
{
	return store_registry_version(r->store, version, err);
}

int registry_countries(struct registry *r, struct country **out, size_t *n, char **err)
{
	return store_country_list(r->store, out, n, err);
}

static int is_active_member(const struct participation *pa)
{
	return pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION &&
	       pa->status == STATUS_ACTIVE && participation_current(pa);
}

/* The codes of p's current, active members; the array is new, the
 * strings stay p's. */
static const char **active_members(const struct process *p, size_t *n)
{
	const char **codes = xmalloc((p->parts.n + 1) * sizeof *codes);
	*n = 0;
	for (size_t i = 0; i < p->parts.n; i++)
		if (is_active_member(&p->parts.items[i]))
			codes[(*n)++] = p->parts.items[i].code;
	return codes;
}

void registry_overlap(const struct process *a, const struct process *b, struct overlap *out)
{
	size_t na, nb;
	const char **ca = active_members(a, &na), **cb = active_members(b, &nb);
	overlap_compute(ca, na, cb, nb, out);
	free(ca);
	free(cb);
}

int registry_all(struct registry *r, struct process_list *out, char **err)
{
	struct process_list list = { 0 };
	if (store_process_list(r->store, &list, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < list.n && !rc; i++) {
		int got = store_process_get(r->store, list.items[i].slug, process_list_push(out), err);
		if (got == 1)
			*err = xasprintf("process %s vanished while reading", list.items[i].slug);
		rc = got ? -1 : 0;
	}
	process_list_free(&list);
	if (rc)
		process_list_free(out);
	return rc;
}

static int count_cmp(const void *a, const void *b)
{
	const struct state_count *x = a, *y = b;
	if (x->processes != y->processes)
		return x->processes > y->processes ? -1 : 1;
	return strcmp(x->name, y->name);
}

size_t registry_most_shared(const struct process_list *all, struct state_count *out, size_t max)
{
	size_t cap = 0, n = 0;
	for (size_t i = 0; i < all->n; i++)
		cap += all->items[i].parts.n;
	struct state_count *counts = xcalloc(cap + 1, sizeof *counts);
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		for (size_t j = 0; j < p->parts.n; j++) {
			const struct participation *pa = &p->parts.items[j];
			if (!is_active_member(pa))
				continue;
			size_t k = 0;
			while (k < n && strcmp(counts[k].code, pa->code) != 0)
				k++;
			if (k == n)
				counts[n++] = (struct state_count){ pa->code, pa->name, 0 };
			counts[k].processes++;
		}
	}
	qsort(counts, n, sizeof *counts, count_cmp);
	size_t kept = n < max ? n : max;
	memcpy(out, counts, kept * sizeof *out);
	free(counts);
	return kept;
}

void registry_overlap_matrix(const struct process_list *all, struct overlap_matrix *m)
{
	size_t n = all->n;
	m->n = n;
	m->jaccard = xcalloc(n * n + 1, sizeof *m->jaccard);
	m->shared = xcalloc(n * n + 1, sizeof *m->shared);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			struct overlap o;
			registry_overlap(&all->items[i], &all->items[j], &o);
			m->jaccard[i * n + j] = o.jaccard;
			m->shared[i * n + j] = o.nshared;
			overlap_free(&o);
		}
}

void registry_overlap_matrix_free(struct overlap_matrix *m)
{
	free(m->jaccard);
	free(m->shared);
	m->jaccard = NULL;
	m->shared = NULL;
	m->n = 0;
}
