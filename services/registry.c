/* registry.c: questions about processes, participants and their overlap, answered from a snapshot */
#include "service_int.h"
#include "../core/buf.h"
#include "../core/names.h"
#include "../core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The registry at one version, read whole. */
struct snapshot {
	long long version;
	struct process_list all;
	struct country *countries;  /* by alpha-3 */
	size_t ncountries;
	struct organisation *orgs;  /* by slug */
	size_t norgs;
	struct name_index names[3];  /* by enum registry_kind */
};

struct registry {
	struct store *store;
	struct snapshot snap;
	long long documents_version;  /* as the last refresh read it */
	int unsure;  /* the last refresh failed: the next one asks the database whatever the store says */
};

static const char *const kind_names[] = { "process", "country", "organisation" };

struct store *registry_store(struct registry *r)
{
	return r->store;
}

static void snapshot_free(struct snapshot *s)
{
	process_list_free(&s->all);
	for (size_t i = 0; i < s->ncountries; i++)
		country_free(&s->countries[i]);
	free(s->countries);
	for (size_t i = 0; i < s->norgs; i++)
		organisation_free(&s->orgs[i]);
	free(s->orgs);
	for (int k = 0; k < 3; k++)
		names_free(&s->names[k]);
	memset(s, 0, sizeof *s);
}

/* Reads every process whole, in registry order. */
static int read_processes(struct store *st, struct process_list *out, char **err)
{
	struct process_list list = { 0 };
	int rc = store_process_list(st, &list, err) ? -1 : 0;
	for (size_t i = 0; i < list.n && !rc; i++) {
		int got = store_process_get(st, list.items[i].slug, process_list_push(out), err);
		if (got == 1)
			*err = xasprintf("process %s vanished while reading", list.items[i].slug);
		rc = got ? -1 : 0;
	}
	process_list_free(&list);
	return rc;
}

static int country_order(const void *a, const void *b)
{
	return strcmp(((const struct country *)a)->alpha3, ((const struct country *)b)->alpha3);
}

static int organisation_order(const void *a, const void *b)
{
	return strcmp(((const struct organisation *)a)->slug, ((const struct organisation *)b)->slug);
}

/* Reads the snapshot at the store's present version into *s, inside one
 * read transaction so that its parts agree. */
static int snapshot_read(struct store *st, struct snapshot *s, char **err)
{
	memset(s, 0, sizeof *s);
	if (store_snapshot_begin(st, err))
		return -1;
	int rc = store_registry_version(st, &s->version, NULL, err) ||
		 read_processes(st, &s->all, err) ||
		 store_country_list(st, &s->countries, &s->ncountries, err) ||
		 store_organisation_list(st, &s->orgs, &s->norgs, err);
	for (int k = 0; k < 3 && !rc; k++)
		rc = store_names_load(st, kind_names[k], &s->names[k], err);
	store_rollback(st);
	/* Sorted here, byte by byte, whatever collation the engine orders by. */
	if (!rc && s->ncountries)
		qsort(s->countries, s->ncountries, sizeof *s->countries, country_order);
	if (!rc && s->norgs)
		qsort(s->orgs, s->norgs, sizeof *s->orgs, organisation_order);
	if (rc)
		snapshot_free(s);
	return rc ? -1 : 0;
}

struct registry *registry_open(const char *location, struct svc_error *err)
{
	struct registry *r = xcalloc(1, sizeof *r);
	r->store = store_open(location, STORE_EXISTING, &err->message);
	if (!r->store || snapshot_read(r->store, &r->snap, &err->message)) {
		registry_close(r);
		return NULL;
	}
	if (!r->snap.all.n) {
		svc_fail(err, SVC_NOT_FOUND, NULL,
			 "the database holds no registry yet; create it with 'rcphub init'");
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
	snapshot_free(&r->snap);
	free(r);
}

enum svc_status registry_refresh(struct registry *r, struct svc_error *err)
{
	long long version;
	if (!r->unsure && !store_may_have_changed(r->store))
		return SVC_OK;
	r->unsure = 1;
	if (store_registry_version(r->store, &version, &r->documents_version, &err->message))
		return SVC_ERROR;
	if (version != r->snap.version) {
		struct snapshot fresh;
		if (snapshot_read(r->store, &fresh, &err->message))
			return SVC_ERROR;
		snapshot_free(&r->snap);
		r->snap = fresh;
	}
	r->unsure = 0;
	return SVC_OK;
}

long long registry_version(struct registry *r)
{
	return r->snap.version;
}

long long registry_documents_version(struct registry *r)
{
	return r->documents_version;
}

const struct process_list *registry_all(struct registry *r)
{
	return &r->snap.all;
}

const struct country *registry_countries(struct registry *r, size_t *n)
{
	*n = r->snap.ncountries;
	return r->snap.countries;
}

const struct organisation *registry_organisations(struct registry *r, size_t *n)
{
	*n = r->snap.norgs;
	return r->snap.orgs;
}

const char *registry_id(struct registry *r, enum registry_kind kind, const char *query)
{
	return names_lookup(&r->snap.names[kind], query);
}

size_t registry_suggest(struct registry *r, enum registry_kind kind, const char *query,
			const char **ids, size_t max)
{
	return names_suggest(&r->snap.names[kind], query, ids, max);
}

size_t registry_search(struct registry *r, enum registry_kind kind, const char *query,
		       const char **ids, size_t max)
{
	return names_search(&r->snap.names[kind], query, ids, max);
}

/* SVC_NOT_FOUND: "no process matches "x"; did you mean: a, b?" */
static enum svc_status not_found(struct registry *r, enum registry_kind kind, const char *what,
				 const char *field, const char *query, struct svc_error *err)
{
	const char *ids[4];
	size_t n = registry_suggest(r, kind, query, ids, 4);
	struct buf b = { 0 };
	buf_appendf(&b, "no %s matches \"%s\"", what, query);
	for (size_t i = 0; i < n; i++)
		buf_appendf(&b, "%s%s", i ? ", " : "; did you mean: ", ids[i]);
	if (n)
		buf_appendf(&b, "?");
	return svc_fail_with(err, SVC_NOT_FOUND, field, buf_release(&b, NULL));
}

enum svc_status registry_process(struct registry *r, const char *field, const char *query,
				 const struct process **out, struct svc_error *err)
{
	const char *slug = registry_id(r, REGISTRY_PROCESS, query);
	for (size_t i = 0; slug && i < r->snap.all.n; i++) {
		if (strcmp(r->snap.all.items[i].slug, slug) == 0) {
			*out = &r->snap.all.items[i];
			return SVC_OK;
		}
	}
	return not_found(r, REGISTRY_PROCESS, "process", field, query, err);
}

static int by_alpha3(const void *key, const void *item)
{
	return strcmp(key, ((const struct country *)item)->alpha3);
}

enum svc_status registry_country(struct registry *r, const char *field, const char *query,
				 const struct country **out, struct svc_error *err)
{
	const char *code = registry_id(r, REGISTRY_COUNTRY, query);
	const struct country *c = code ? bsearch(code, r->snap.countries, r->snap.ncountries,
						 sizeof *r->snap.countries, by_alpha3) : NULL;
	if (!c)
		return not_found(r, REGISTRY_COUNTRY, "country or territory", field, query, err);
	*out = c;
	return SVC_OK;
}

static int by_slug(const void *key, const void *item)
{
	return strcmp(key, ((const struct organisation *)item)->slug);
}

enum svc_status registry_organisation(struct registry *r, const char *field, const char *query,
				      const struct organisation **out, struct svc_error *err)
{
	const char *slug = registry_id(r, REGISTRY_ORGANISATION, query);
	const struct organisation *o = slug ? bsearch(slug, r->snap.orgs, r->snap.norgs,
						      sizeof *r->snap.orgs, by_slug) : NULL;
	if (!o)
		return not_found(r, REGISTRY_ORGANISATION, "organisation", field, query, err);
	*out = o;
	return SVC_OK;
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
	dst->source_name = xstrdup_or_null(src->source_name);
	dst->prov = provenance_copy(&src->prov);
}

static int passes(const struct participation *pa, const struct participant_filter *f)
{
	if ((f->role >= 0 && (int)pa->role != f->role) || (f->active && pa->status == STATUS_SUSPENDED))
		return 0;
	return participation_holds(pa, f->year);
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

void registry_select_unattested(const struct process *p, const struct participant_filter *f,
				struct participation_list *out)
{
	if (!f->year || f->year < p->established)
		return;
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if ((f->role < 0 || (int)pa->role == f->role) && participation_unattested(pa, f->year))
			copy_participation(participation_list_push(out), pa);
	}
}

size_t registry_count(const struct process *p, const struct participant_filter *f)
{
	size_t n = 0;
	if (f->year && f->year < p->established)
		return 0;
	for (size_t i = 0; i < p->parts.n; i++)
		n += passes(&p->parts.items[i], f);
	return n;
}

void registry_state(struct registry *r, const char *code, int year, struct participation_list *out,
		    struct participation_list *unattested)
{
	for (size_t i = 0; i < r->snap.all.n; i++) {
		const struct process *p = &r->snap.all.items[i];
		if (year && year < p->established)
			continue;
		for (size_t j = 0; j < p->parts.n; j++) {
			const struct participation *pa = &p->parts.items[j];
			if (strcmp(pa->code, code) != 0)
				continue;
			if (!year || participation_at(pa, year))
				copy_participation(participation_list_push(out), pa);
			else if (unattested && participation_unattested(pa, year))
				copy_participation(participation_list_push(unattested), pa);
		}
	}
}

enum svc_status registry_year(const char *text, long long now, const char *field, int *year,
			      struct svc_error *err)
{
	*year = 0;
	if (!text)
		return SVC_OK;
	char *end;
	long y = strtol(text, &end, 10);
	if (*end || end - text != 4 || y < 1900)
		return svc_fail(err, SVC_INVALID, field, "give a year as YYYY, not \"%s\"", text);
	time_t t = (time_t)now;
	struct tm tm;
	int this_year = gmtime_r(&t, &tm) ? tm.tm_year + 1900 : 0;
	if (this_year && y > this_year)
		return svc_fail_with(err, SVC_INVALID, field,
				     xasprintf("%ld is after this year (%d): the registry holds what "
					       "sources attest, not what will be", y, this_year));
	*year = (int)y;
	return SVC_OK;
}

/* Whether pa makes its party a member government (or territory) of its
 * process in year (0: now), suspended members aside. */
static int is_active_member(const struct participation *pa, int year)
{
	return pa->role == ROLE_MEMBER && pa->kind != PARTY_ORGANISATION &&
	       pa->status != STATUS_SUSPENDED && participation_holds(pa, year);
}

/* The codes of p's current, active members; the array is new, the
 * strings stay p's. */
static const char **active_members(const struct process *p, int year, size_t *n)
{
	const char **codes = xmalloc((p->parts.n + 1) * sizeof *codes);
	*n = 0;
	for (size_t i = 0; i < p->parts.n && !(year && year < p->established); i++)
		if (is_active_member(&p->parts.items[i], year))
			codes[(*n)++] = p->parts.items[i].code;
	return codes;
}

void registry_overlap(const struct process *a, const struct process *b, int year, struct overlap *out)
{
	size_t na, nb;
	const char **ca = active_members(a, year, &na), **cb = active_members(b, year, &nb);
	overlap_compute(ca, na, cb, nb, out);
	free(ca);
	free(cb);
}

static int count_cmp(const void *a, const void *b)
{
	const struct state_count *x = a, *y = b;
	if (x->processes != y->processes)
		return x->processes > y->processes ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Adds one to code's tally in counts (n of them, room for all). */
static void tally(struct state_count *counts, size_t *n, const struct participation *pa)
{
	size_t k = 0;
	while (k < *n && strcmp(counts[k].code, pa->code) != 0)
		k++;
	if (k == *n)
		counts[(*n)++] = (struct state_count){ pa->code, pa->name, 0 };
	counts[k].processes++;
}

/* Sorts counts (n of them, freed here) most first and copies up to max into out. */
static size_t keep_most(struct state_count *counts, size_t n, struct state_count *out, size_t max)
{
	if (n)
		qsort(counts, n, sizeof *counts, count_cmp);
	size_t kept = n < max ? n : max;
	if (kept)
		memcpy(out, counts, kept * sizeof *out);
	free(counts);
	return kept;
}

static size_t participations_in(const struct process_list *all)
{
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++)
		n += all->items[i].parts.n;
	return n;
}

static int is_member_of(const struct process *p, const char *code, int year)
{
	for (size_t j = 0; j < p->parts.n; j++)
		if (is_active_member(&p->parts.items[j], year) && strcmp(p->parts.items[j].code, code) == 0)
			return 1;
	return 0;
}

size_t registry_neighbours(const struct process_list *all, const char *code, int year,
			   struct state_count *out, size_t max)
{
	struct state_count *counts = xcalloc(participations_in(all) + 1, sizeof *counts);
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		if (!is_member_of(p, code, year))
			continue;
		for (size_t j = 0; j < p->parts.n; j++)
			if (is_active_member(&p->parts.items[j], year) && strcmp(p->parts.items[j].code, code) != 0)
				tally(counts, &n, &p->parts.items[j]);
	}
	return keep_most(counts, n, out, max);
}

size_t registry_most_shared(const struct process_list *all, int year, struct state_count *out, size_t max)
{
	struct state_count *counts = xcalloc(participations_in(all) + 1, sizeof *counts);
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++)
		for (size_t j = 0; j < all->items[i].parts.n; j++)
			if (is_active_member(&all->items[i].parts.items[j], year))
				tally(counts, &n, &all->items[i].parts.items[j]);
	return keep_most(counts, n, out, max);
}

void registry_overlap_matrix(const struct process_list *all, int year, struct overlap_matrix *m)
{
	size_t n = all->n;
	m->n = n;
	m->jaccard = xcalloc(n * n + 1, sizeof *m->jaccard);
	m->shared = xcalloc(n * n + 1, sizeof *m->shared);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			struct overlap o;
			registry_overlap(&all->items[i], &all->items[j], year, &o);
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

int registry_tally_countries(const struct process_list *all, const char *process, int year,
			     const struct country *countries, size_t n, int *out)
{
	int max = 0;
	memset(out, 0, n * sizeof *out);
	for (size_t k = 0; k < all->n; k++) {
		const struct process *p = &all->items[k];
		if (process && strcmp(p->slug, process) != 0)
			continue;
		for (size_t j = 0; j < p->parts.n; j++) {
			const struct participation *pa = &p->parts.items[j];
			const struct country *c = pa->kind == PARTY_ORGANISATION ? NULL
				: bsearch(pa->code, countries, n, sizeof *countries, by_alpha3);
			if (!c || !participation_holds(pa, year))
				continue;
			int *v = &out[c - countries];
			if (process)
				*v = 1 + (int)pa->role;
			else if (is_active_member(pa, year))
				++*v;
			max = *v > max ? *v : max;
		}
	}
	return max;
}
