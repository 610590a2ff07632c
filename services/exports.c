/* exports.c: the tables people paste into reports, built under the same rules as the pages that show them */
#include "exports.h"
#include "documents.h"
#include "../core/period.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "as of 2009", or "now" with the latest source's year. */
static char *when(const struct process *p, int year)
{
	return year ? xasprintf("as of %d", year) : xasprintf("now (latest source %d)", process_as_of(p));
}

/* The source columns of one fact. */
static void source_cells(struct sheet *s, const struct provenance *prov)
{
	sheet_text(s, prov->source);
	sheet_text(s, prov->section);
	sheet_text(s, prov->url);
	sheet_text(s, prov->as_of);
	sheet_text(s, prov->inferred ? "inferred" : "stated");
}

#define SOURCE_COLUMNS "source", "section", "source_url", "as_of", "as_of_is"

enum svc_status exports_participants(struct registry *r, const char *process, int year, struct sheet *out,
				     struct svc_error *err)
{
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_NOT_FOUND;
	static const char *const columns[] = { "party", "code", "kind", "role", "status", "since", "until", "listed_as",
					       "note", "name_in_source", SOURCE_COLUMNS, NULL };
	char *at = when(p, year), *title = xasprintf("%s: participants %s", p->name, at);
	sheet_init(out, "Participants", title, columns);
	free(title);
	free(at);
	struct participant_filter f = { .role = -1, .year = year };
	struct participation_list l = { 0 };
	registry_select(p, &f, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct participation *pa = &l.items[i];
		sheet_text(out, pa->name);
		sheet_text(out, pa->code);
		sheet_text(out, party_kind_name(pa->kind));
		sheet_text(out, role_name(pa->role));
		sheet_text(out, status_name(pa->status));
		sheet_year(out, pa->since);
		sheet_year(out, pa->until);
		sheet_text(out, pa->label);
		sheet_text(out, pa->note);
		sheet_text(out, pa->source_name);
		source_cells(out, fact_provenance(p, &pa->prov));
	}
	participation_list_free(&l);
	return SVC_OK;
}

enum svc_status exports_state(struct registry *r, const char *party, int year, struct sheet *out,
			      struct svc_error *err)
{
	const struct country *c;
	const struct organisation *o;
	const char *code, *name;
	if (registry_country(r, "state", party, &c, err) == SVC_OK) {
		code = c->alpha3;
		name = c->name;
	} else if (svc_error_free(err), registry_organisation(r, "state", party, &o, err) == SVC_OK) {
		code = o->slug;
		name = o->name;
	} else {
		return SVC_NOT_FOUND;
	}
	static const char *const columns[] = { "process", "process_name", "role", "status", "since", "until", "note",
					       SOURCE_COLUMNS, NULL };
	char *title = year ? xasprintf("%s: processes as of %d", name, year) : xasprintf("%s: processes now", name);
	sheet_init(out, "Processes", title, columns);
	free(title);
	struct participation_list l = { 0 };
	registry_state(r, code, year, &l, NULL);
	for (size_t i = 0; i < l.n; i++) {
		const struct participation *pa = &l.items[i];
		const struct process *p = NULL;
		registry_process(r, NULL, pa->process_slug, &p, err);
		svc_error_free(err);
		sheet_text(out, pa->process_acronym);
		sheet_text(out, p ? p->name : pa->process_slug);
		sheet_text(out, role_name(pa->role));
		sheet_text(out, status_name(pa->status));
		sheet_year(out, pa->since);
		sheet_year(out, pa->until);
		sheet_text(out, pa->note);
		source_cells(out, p ? fact_provenance(p, &pa->prov) : &pa->prov);
	}
	participation_list_free(&l);
	return SVC_OK;
}

void exports_overlap(struct registry *r, int year, struct sheet *out)
{
	const struct process_list *all = registry_all(r);
	static const char *const columns[] = { "process_a", "process_b", "members_a", "members_b", "shared",
					       "jaccard", NULL };
	char *title = year ? xasprintf("Shared member governments of every pair of processes, as of %d", year)
			   : xstrdup("Shared member governments of every pair of processes, now");
	sheet_init(out, "Overlap", title, columns);
	free(title);
	struct overlap_matrix m;
	registry_overlap_matrix(all, year, &m);
	for (size_t i = 0; i < all->n; i++)
		for (size_t j = i + 1; j < all->n; j++) {
			sheet_text(out, all->items[i].acronym);
			sheet_text(out, all->items[j].acronym);
			sheet_number(out, (double)m.shared[i * all->n + i]);
			sheet_number(out, (double)m.shared[j * all->n + j]);
			sheet_number(out, (double)m.shared[i * all->n + j]);
			sheet_number(out, m.jaccard[i * all->n + j]);
		}
	registry_overlap_matrix_free(&m);
}

/* One row per code of codes: the state, and whether a and b count it. */
static void compare_rows(struct registry *r, struct sheet *out, const char *const *codes, size_t n, const char *in_a,
			 const char *in_b)
{
	for (size_t i = 0; i < n; i++) {
		const struct country *c;
		struct svc_error err = { 0 };
		int known = registry_country(r, NULL, codes[i], &c, &err) == SVC_OK;
		svc_error_free(&err);
		sheet_text(out, known ? c->name : codes[i]);
		sheet_text(out, codes[i]);
		sheet_text(out, in_a);
		sheet_text(out, in_b);
	}
}

enum svc_status exports_compare(struct registry *r, const char *a, const char *b, int year, struct sheet *out,
				struct svc_error *err)
{
	const struct process *pa, *pb;
	if (registry_process(r, "a", a, &pa, err) || registry_process(r, "b", b, &pb, err))
		return SVC_NOT_FOUND;
	const char *columns[] = { "state", "code", pa->acronym, pb->acronym, NULL };
	struct overlap o;
	registry_overlap(pa, pb, year, &o);
	char *at = year ? xasprintf("as of %d", year) : xstrdup("now");
	char *title = xasprintf("Member governments of %s and %s, %s: %zu shared, Jaccard index %.3f", pa->name,
				pb->name, at, o.nshared, o.jaccard);
	free(at);
	sheet_init(out, "Comparison", title, columns);
	free(title);
	compare_rows(r, out, o.shared, o.nshared, "member", "member");
	compare_rows(r, out, o.only_a, o.nonly_a, "member", NULL);
	compare_rows(r, out, o.only_b, o.nonly_b, NULL, "member");
	overlap_free(&o);
	return SVC_OK;
}

enum svc_status exports_documents(struct registry *r, const struct actor *a, struct sheet *out,
				  struct svc_error *err)
{
	struct document_list docs = { 0 };
	enum svc_status st = documents_list_all(r, a, &docs, err);
	if (st) {
		document_list_free(&docs);
		return st;
	}
	static const char *const columns[] = { "id", "date", "title", "process", "kind", "who_may_see_it", "state",
					       "attachment", "changed", NULL };
	sheet_init(out, "Documents", "Documents, newest first", columns);
	for (size_t i = 0; i < docs.n; i++) {
		const struct document *d = &docs.items[i];
		char changed[11];
		period_day_of(d->updated_at, changed);
		sheet_number(out, (double)d->id);
		sheet_text(out, d->issued);
		sheet_text(out, d->title);
		sheet_text(out, d->process);
		sheet_text(out, doc_kind_name(d->kind));
		sheet_text(out, level_name(d->level));
		sheet_text(out, d->state);
		sheet_text(out, d->attachment_name);
		sheet_text(out, changed);
	}
	document_list_free(&docs);
	return SVC_OK;
}
