/* seed_diff.c: what the seed data under data/ would change in a live registry, and applying it in one transaction with its history, accounts and documents untouched */
#include "seed.h"
#include "audit.h"
#include "facts.h"
#include "service_int.h"
#include "../core/buf.h"
#include "../core/xalloc.h"
#include "../io/seed_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum change_kind { CHANGE_ADD_PROCESS, CHANGE_ADD, CHANGE_CORRECT, CHANGE_REMOVE, CHANGE_LIST };

/* The lists a CHANGE_LIST replaces whole: a kind of text, or this. */
#define LIST_WORKING_GROUPS TEXT_KIND_COUNT

/* One difference between the seed (new) and the live registry (old). The
 * pointers point into the two snapshots. */
struct change {
	enum change_kind kind;
	enum fact_kind fact;
	const struct process *seed_process, *live_process;
	const struct participation *new_pa, *old_pa;
	const struct leader *new_l, *old_l;
	int list;  /* for CHANGE_LIST: an enum text_kind or LIST_WORKING_GROUPS */
};

struct seed_diff {
	char *dir;                   /* the temporary directory of the seed's database */
	struct registry *seed;       /* the registry the seed data builds */
	struct change *items;
	size_t n;
};

static void push(struct seed_diff *d, struct change c)
{
	d->items = xrealloc(d->items, (d->n + 1) * sizeof *d->items);
	d->items[d->n++] = c;
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int same_provenance(const struct provenance *a, const struct provenance *b)
{
	return same_text(a->source, b->source) && same_text(a->section, b->section) &&
	       same_text(a->as_of, b->as_of) && a->inferred == b->inferred;
}

/* Whether two facts are the same fact (party, role, label, source), told
 * apart from whether they say the same about it. */
static int same_participation(const struct participation *a, const struct participation *b)
{
	return strcmp(a->code, b->code) == 0 && a->role == b->role && same_text(a->label, b->label) &&
	       same_text(a->prov.source, b->prov.source);
}

static int equal_participation(const struct participation *a, const struct participation *b)
{
	return a->status == b->status && a->since == b->since && a->until == b->until && a->kind == b->kind &&
	       same_text(a->note, b->note) && same_text(a->source_name, b->source_name) &&
	       same_provenance(&a->prov, &b->prov);
}

static int same_post(const struct leader *a, const struct leader *b)
{
	return strcmp(a->code, b->code) == 0 && strcmp(a->position, b->position) == 0 && a->since == b->since &&
	       same_text(a->prov.source, b->prov.source);
}

static int equal_post(const struct leader *a, const struct leader *b)
{
	return a->until == b->until && same_text(a->portfolio, b->portfolio) && same_provenance(&a->prov, &b->prov);
}

/* Whether the seed has a source of that id: facts from other sources were
 * made by editors and are none of the seed's business. */
static int seed_source(const struct process_list *seed, const char *source)
{
	for (size_t i = 0; i < seed->n; i++) {
		const struct process *p = &seed->items[i];
		if (same_text(p->prov.source, source))
			return 1;
		for (size_t j = 0; j < p->parts.n; j++)
			if (same_text(p->parts.items[j].prov.source, source))
				return 1;
	}
	return 0;
}

static void diff_participations(struct seed_diff *d, const struct process_list *seed, const struct process *sp,
				const struct process *lp)
{
	char *matched = xcalloc(lp->parts.n + 1, 1);
	for (size_t i = 0; i < sp->parts.n; i++) {
		const struct participation *n = &sp->parts.items[i];
		size_t k = 0;
		while (k < lp->parts.n && (matched[k] || !same_participation(n, &lp->parts.items[k])))
			k++;
		struct change c = { .fact = FACT_PARTICIPATION, .seed_process = sp, .live_process = lp, .new_pa = n };
		if (k == lp->parts.n) {
			c.kind = CHANGE_ADD;
			push(d, c);
			continue;
		}
		matched[k] = 1;
		c.old_pa = &lp->parts.items[k];
		c.kind = CHANGE_CORRECT;
		if (!c.old_pa->edited && !equal_participation(n, c.old_pa))
			push(d, c);
	}
	for (size_t k = 0; k < lp->parts.n; k++)
		if (!matched[k] && !lp->parts.items[k].edited && seed_source(seed, lp->parts.items[k].prov.source))
			push(d, (struct change){ .kind = CHANGE_REMOVE, .fact = FACT_PARTICIPATION, .seed_process = sp,
						 .live_process = lp, .old_pa = &lp->parts.items[k] });
	free(matched);
}

static void diff_posts(struct seed_diff *d, const struct process_list *seed, const struct process *sp,
		       const struct process *lp)
{
	char *matched = xcalloc(lp->nleaders + 1, 1);
	for (size_t i = 0; i < sp->nleaders; i++) {
		const struct leader *n = &sp->leaders[i];
		size_t k = 0;
		while (k < lp->nleaders && (matched[k] || !same_post(n, &lp->leaders[k])))
			k++;
		struct change c = { .fact = FACT_POST, .seed_process = sp, .live_process = lp, .new_l = n };
		if (k == lp->nleaders) {
			c.kind = CHANGE_ADD;
			push(d, c);
			continue;
		}
		matched[k] = 1;
		c.old_l = &lp->leaders[k];
		c.kind = CHANGE_CORRECT;
		if (!c.old_l->edited && !equal_post(n, c.old_l))
			push(d, c);
	}
	for (size_t k = 0; k < lp->nleaders; k++)
		if (!matched[k] && !lp->leaders[k].edited && seed_source(seed, lp->leaders[k].prov.source))
			push(d, (struct change){ .kind = CHANGE_REMOVE, .fact = FACT_POST, .seed_process = sp,
						 .live_process = lp, .old_l = &lp->leaders[k] });
	free(matched);
}

static int same_texts(const struct text_list *a, const struct text_list *b)
{
	if (a->texts.n != b->texts.n)
		return 0;
	for (size_t i = 0; i < a->texts.n; i++)
		if (strcmp(a->texts.items[i], b->texts.items[i]) || !same_provenance(&a->provs[i], &b->provs[i]))
			return 0;
	return 1;
}

static int same_codes(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->items[i], b->items[i]))
			return 0;
	return 1;
}

static int same_groups(const struct process *a, const struct process *b)
{
	if (a->ngroups != b->ngroups)
		return 0;
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct working_group *x = &a->groups[i], *y = &b->groups[i];
		if (strcmp(x->name, y->name) || !same_codes(&x->chairs, &y->chairs) ||
		    !same_codes(&x->co_chairs, &y->co_chairs) || !same_provenance(&x->prov, &y->prov))
			return 0;
	}
	return 1;
}

/* Themes, goals, priorities, notes and working groups: no one edits them
 * here, so a list the seed gives otherwise is replaced whole. */
static void diff_lists(struct seed_diff *d, const struct process *sp, const struct process *lp)
{
	for (enum text_kind k = 0; k < TEXT_KIND_COUNT; k++)
		if (!same_texts(process_text_list(sp, k), process_text_list(lp, k)))
			push(d, (struct change){ .kind = CHANGE_LIST, .seed_process = sp, .live_process = lp,
						 .list = (int)k });
	if (!same_groups(sp, lp))
		push(d, (struct change){ .kind = CHANGE_LIST, .seed_process = sp, .live_process = lp,
					 .list = LIST_WORKING_GROUPS });
}

/* A list of p as one line: its texts, or its working groups' names,
 * joined by "; " (the caller frees it). */
static char *describe_list(const struct process *p, int list)
{
	struct buf b = { 0 };
	if (list == LIST_WORKING_GROUPS) {
		for (size_t i = 0; i < p->ngroups; i++)
			buf_appendf(&b, "%s%s", i ? "; " : "", p->groups[i].name);
	} else {
		const struct text_list *l = process_text_list(p, (enum text_kind)list);
		for (size_t i = 0; i < l->texts.n; i++)
			buf_appendf(&b, "%s%s", i ? "; " : "", l->texts.items[i]);
	}
	return buf_release(&b, NULL);
}

static const char *list_name(int list)
{
	return list == LIST_WORKING_GROUPS ? "working_groups" : text_kind_key((enum text_kind)list);
}

/* Builds the seed's database in a temporary directory and opens it. */
static int build_seed(const struct seed_paths *paths, struct seed_diff *d, char **err)
{
	char tmpl[] = "/tmp/rcphub-seed-XXXXXX";
	if (!mkdtemp(tmpl)) {
		*err = xasprintf("cannot make a temporary directory for the seed's registry");
		return -1;
	}
	d->dir = xstrdup(tmpl);
	char *db = xasprintf("%s/seed.db", d->dir);
	struct svc_error e = { 0 };
	int rc = seed_init(paths, db, 0, err);
	if (!rc && !(d->seed = registry_open(db, &e))) {
		*err = e.message ? e.message : xstrdup("cannot read the seed's registry");
		e.message = NULL;
		svc_error_free(&e);
		rc = -1;
	}
	free(db);
	return rc;
}

struct seed_diff *seed_diff(const struct seed_paths *paths, struct registry *live, char **err)
{
	struct seed_diff *d = xcalloc(1, sizeof *d);
	struct svc_error e = { 0 };
	if (build_seed(paths, d, err) || registry_refresh(live, &e)) {
		if (e.message) {
			*err = e.message;
			e.message = NULL;
		}
		svc_error_free(&e);
		seed_diff_free(d);
		return NULL;
	}
	const struct process_list *seed = registry_all(d->seed), *now = registry_all(live);
	for (size_t i = 0; i < seed->n; i++) {
		const struct process *sp = &seed->items[i], *lp = NULL;
		for (size_t j = 0; j < now->n && !lp; j++)
			lp = strcmp(now->items[j].slug, sp->slug) == 0 ? &now->items[j] : NULL;
		if (!lp) {
			push(d, (struct change){ .kind = CHANGE_ADD_PROCESS, .seed_process = sp });
			continue;
		}
		diff_participations(d, seed, sp, lp);
		diff_posts(d, seed, sp, lp);
		diff_lists(d, sp, lp);
	}
	return d;
}

void seed_diff_free(struct seed_diff *d)
{
	if (!d)
		return;
	registry_close(d->seed);
	if (d->dir) {
		char *db = xasprintf("%s/seed.db", d->dir);
		unlink(db);
		free(db);
		rmdir(d->dir);
	}
	free(d->dir);
	free(d->items);
	free(d);
}

size_t seed_diff_count(const struct seed_diff *d)
{
	return d->n;
}

/* What change i says, one line ("bali-process: added participation: ...")
 * with, for a correction, what it was; the caller frees it. */
char *seed_diff_describe(const struct seed_diff *d, size_t i)
{
	const struct change *c = &d->items[i];
	static const char *const verbs[] = { "added process", "added", "corrected", "removed", "replaced" };
	struct buf b = { 0 };
	buf_appendf(&b, "%s: %s", c->seed_process->slug, verbs[c->kind]);
	if (c->kind == CHANGE_ADD_PROCESS) {
		buf_appendf(&b, " %s (%s), %zu participations, %zu posts", c->seed_process->acronym,
			    c->seed_process->kind ? c->seed_process->kind : "rcp", c->seed_process->parts.n,
			    c->seed_process->nleaders);
		return buf_release(&b, NULL);
	}
	char *now = NULL, *was = NULL;
	if (c->kind == CHANGE_LIST) {
		now = describe_list(c->seed_process, c->list);
		was = describe_list(c->live_process, c->list);
		buf_appendf(&b, " %s", list_name(c->list));
	} else if (c->fact == FACT_POST) {
		now = c->new_l ? facts_describe_post(c->new_l) : NULL;
		was = c->old_l ? facts_describe_post(c->old_l) : NULL;
		buf_appendf(&b, " post");
		if (c->old_l)
			buf_appendf(&b, " %d", c->old_l->id);
	} else {
		now = c->new_pa ? facts_describe_participation(c->new_pa) : NULL;
		was = c->old_pa ? facts_describe_participation(c->old_pa) : NULL;
		buf_appendf(&b, " participation");
		if (c->old_pa)
			buf_appendf(&b, " %d", c->old_pa->id);
	}
	buf_appendf(&b, ": %s", now ? now : was);
	if (now && was)
		buf_appendf(&b, "\n    was: %s", was);
	free(now);
	free(was);
	return buf_release(&b, NULL);
}

/* Saves the seed's organisations the live registry lacks, with their
 * slug and name as names (countries come whole from iso-codes). */
static int put_missing_orgs(struct store *s, struct registry *seed, struct registry *live, char **err)
{
	size_t nseed, nlive;
	const struct organisation *so = registry_organisations(seed, &nseed), *lo = registry_organisations(live, &nlive);
	for (size_t i = 0; i < nseed; i++) {
		int found = 0;
		for (size_t j = 0; j < nlive && !found; j++)
			found = strcmp(so[i].slug, lo[j].slug) == 0;
		if (!found && (store_organisation_put(s, &so[i], err) ||
			       store_name_put(s, "organisation", so[i].slug, so[i].slug, err) ||
			       store_name_put(s, "organisation", so[i].name, so[i].slug, err)))
			return -1;
	}
	return 0;
}

/* The provenance of the first item of the seed's list that the live list
 * lacks (the source of what the seed adds), else the seed process's. */
static const struct provenance *new_item_provenance(const struct process *sp, const struct process *lp, int list)
{
	if (list == LIST_WORKING_GROUPS) {
		for (size_t i = 0; i < sp->ngroups; i++) {
			size_t k = 0;
			while (k < lp->ngroups && (strcmp(sp->groups[i].name, lp->groups[k].name) ||
						   !same_provenance(&sp->groups[i].prov, &lp->groups[k].prov)))
				k++;
			if (k == lp->ngroups)
				return fact_provenance(sp, &sp->groups[i].prov);
		}
		return &sp->prov;
	}
	const struct text_list *n = process_text_list(sp, (enum text_kind)list);
	const struct text_list *o = process_text_list(lp, (enum text_kind)list);
	for (size_t i = 0; i < n->texts.n; i++) {
		size_t k = 0;
		while (k < o->texts.n && (strcmp(n->texts.items[i], o->texts.items[k]) ||
					  !same_provenance(&n->provs[i], &o->provs[k])))
			k++;
		if (k == o->texts.n)
			return fact_provenance(sp, &n->provs[i]);
	}
	return &sp->prov;
}

/* Replaces one list of a live process by the seed's, with its history. */
static int apply_list(struct store *s, const struct actor *a, const struct change *c, char **err)
{
	const struct process *sp = c->seed_process;
	int rc = c->list == LIST_WORKING_GROUPS
			 ? store_groups_replace(s, sp, err)
			 : store_texts_replace(s, sp->slug, (enum text_kind)c->list,
					       process_text_list(sp, (enum text_kind)c->list), err);
	const struct provenance *prov = new_item_provenance(sp, c->live_process, c->list);
	struct registry_edit e = { .at = a->now, .login = a->user ? a->user->login : "registry apply",
				   .process = sp->slug, .action = "apply", .fact = (char *)list_name(c->list),
				   .position = -1,
				   .before = describe_list(c->live_process, c->list),
				   .after = describe_list(sp, c->list), .prov = *prov };
	if (!rc)
		rc = store_history_put(s, &e, err);
	free(e.before);
	free(e.after);
	return rc;
}

/* Writes one change; action names it in the history. */
static int apply_one(struct store *s, const struct actor *a, const struct change *c, char **err)
{
	struct registry_edit e = { .at = a->now, .login = a->user ? a->user->login : "registry apply",
				   .action = "apply", .fact = c->fact == FACT_POST ? "post" : "participation" };
	const char *slug = c->seed_process->slug;
	e.process = (char *)slug;
	int id = 0, changed = 1, rc = 0;
	if (c->fact == FACT_PARTICIPATION) {
		const struct participation *n = c->new_pa, *o = c->old_pa;
		if (c->kind == CHANGE_ADD)
			rc = store_participation_add(s, slug, n, &id, err);
		else if (c->kind == CHANGE_CORRECT) {
			struct participation w = *n;
			w.id = o->id;
			w.version = o->version;
			id = o->id;
			rc = store_participation_update(s, slug, &w, &changed, err);
		} else {
			id = o->id;
			rc = store_participation_delete(s, slug, id, err);
		}
		e.before = o ? facts_describe_participation(o) : NULL;
		e.after = n ? facts_describe_participation(n) : NULL;
		e.prov = n ? n->prov : o->prov;
	} else {
		const struct leader *n = c->new_l, *o = c->old_l;
		if (c->kind == CHANGE_ADD)
			rc = store_leader_add(s, slug, n, &id, err);
		else if (c->kind == CHANGE_CORRECT) {
			struct leader w = *n;
			w.id = o->id;
			w.version = o->version;
			id = o->id;
			rc = store_leader_update(s, slug, &w, &changed, err);
		} else {
			id = o->id;
			rc = store_leader_delete(s, slug, id, err);
		}
		e.before = o ? facts_describe_post(o) : NULL;
		e.after = n ? facts_describe_post(n) : NULL;
		e.prov = n ? n->prov : o->prov;
	}
	e.position = id;
	if (!rc && !changed) {
		*err = xasprintf("%s: a fact changed while the seed was applied; run it again", slug);
		rc = -1;
	}
	if (!rc)
		rc = store_history_put(s, &e, err);
	free(e.before);
	free(e.after);
	return rc;
}

static int add_process(struct store *s, struct registry *live, const struct process *p, char **err)
{
	const char *names[] = { p->slug, p->acronym, p->name };
	if (store_process_put(s, p, (int)registry_all(live)->n + 1, err))
		return -1;
	for (size_t i = 0; i < 3; i++)
		if (store_name_put(s, "process", names[i], p->slug, err))
			return -1;
	for (size_t i = 0; i < p->aliases.n; i++)
		if (store_name_put(s, "process", p->aliases.items[i], p->slug, err))
			return -1;
	return 0;
}

/* The seed's sources the live registry lacks, saved. */
static int put_missing_sources(struct store *s, const struct seed_paths *paths, char **err)
{
	struct source *src;
	size_t n;
	if (seed_read_sources(paths, &src, &n, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		int exists = 0;
		if (!rc)
			rc = store_source_exists(s, src[i].id, &exists, err) || (!exists && store_source_put(s, &src[i], err));
		source_free(&src[i]);
	}
	free(src);
	return rc;
}

int seed_apply(const struct seed_paths *paths, struct seed_diff *d, struct registry *live,
	       const struct actor *a, struct svc_error *err)
{
	struct store *s = registry_store(live);
	enum svc_status st = svc_begin(s, err);
	if (st)
		return (int)st;
	int rc = put_missing_sources(s, paths, &err->message) ||
		 put_missing_orgs(s, d->seed, live, &err->message);
	for (size_t i = 0; i < d->n && !rc; i++)
		rc = d->items[i].kind == CHANGE_ADD_PROCESS ? add_process(s, live, d->items[i].seed_process, &err->message)
		     : d->items[i].kind == CHANGE_LIST      ? apply_list(s, a, &d->items[i], &err->message)
							    : apply_one(s, a, &d->items[i], &err->message);
	if (!rc && d->n) {
		char *detail = xasprintf("%zu changes from %s", d->n, paths->data_dir);
		rc = audit_record(s, a, "registry.apply", NULL, NULL, detail, err);
		free(detail);
	}
	return (int)svc_commit(s, rc ? SVC_ERROR : SVC_OK, err);
}
