/* seed.c: building a registry database from the seed data under data/ */
#include "seed.h"
#include "../io/file.h"
#include "../core/names.h"
#include "../core/xalloc.h"
#include "../io/seed_json.h"
#include "../store/store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SEED_FILE (8 * 1024 * 1024)

/* Everything known while seeding; names resolve through the indexes. */
struct seeding {
	struct store *store;
	const char *data_dir;
	struct country *countries;
	size_t ncountries;
	struct name_index country_names, org_names, process_names;
	struct seed_named_group *groups;
	size_t ngroups;
	char *file;  /* the file being read, for messages */
	struct strlist source_ids;  /* the ids sources.json gives */
};

static char *seed_message(const char *file, const struct seed_error *e)
{
	if (e->line)
		return xasprintf("%s:%d: %s: %s", file, e->line, e->field, e->message);
	return xasprintf("%s: %s: %s", file, e->field, e->message);
}

static char *ref_message(const char *file, const struct seed_ref *r, const char *fmt, const char *arg)
{
	char *what = xasprintf(fmt, arg);
	char *msg = r->line ? xasprintf("%s:%d: %s: %s", file, r->line, r->field, what)
			    : xasprintf("%s: %s: %s", file, r->field, what);
	free(what);
	return msg;
}

/* Reads data_dir/name, which becomes the file messages name; NULL on error. */
static char *open_seed(struct seeding *sd, const char *name, size_t *len, char **err)
{
	free(sd->file);
	sd->file = xasprintf("%s/%s", sd->data_dir, name);
	return file_read(sd->file, MAX_SEED_FILE, len, err);
}

/* Ends a parse of the current file: frees text; turns a parse error into
 * *err. Returns rc. */
static int parsed(struct seeding *sd, char *text, int rc, struct seed_error *e, char **err)
{
	free(text);
	if (rc) {
		*err = seed_message(sd->file, e);
		seed_error_free(e);
	}
	return rc;
}

static int load_sources(struct seeding *sd, char **err)
{
	struct source *src;
	size_t n;
	size_t len;
	struct seed_error e;
	char *text = open_seed(sd, "sources.json", &len, err);
	if (!text || parsed(sd, text, seed_sources_parse(text, len, &src, &n, &e), &e, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = store_source_put(sd->store, &src[i], err);
		strlist_push(&sd->source_ids, src[i].id);
		source_free(&src[i]);
	}
	free(src);
	return rc;
}

/* Adds name for id to idx; a name that already stands for another id is
 * an error naming both. */
static int add_name(struct seeding *sd, struct name_index *idx, const char *kind,
		    const char *name, const char *id, int line, char **err)
{
	const char *other;
	if (names_add(idx, name, id, &other)) {
		*err = line ? xasprintf("%s:%d: the %s name \"%s\" is used for both %s and %s",
					sd->file, line, kind, name, other, id)
			    : xasprintf("%s: the %s name \"%s\" is used for both %s and %s",
					sd->file, kind, name, other, id);
		return -1;
	}
	return store_name_put(sd->store, kind, name, id, err);
}

static struct country *country_by_code(struct seeding *sd, const char *code)
{
	for (size_t i = 0; i < sd->ncountries; i++)
		if (strcmp(sd->countries[i].alpha3, code) == 0 || strcmp(sd->countries[i].alpha2, code) == 0)
			return &sd->countries[i];
	return NULL;
}

static int load_iso(struct seeding *sd, const char *iso_path, char **err)
{
	size_t len;
	free(sd->file);
	sd->file = xstrdup(iso_path);
	char *text = file_read(iso_path, MAX_SEED_FILE, &len, err);
	if (!text)
		return -1;
	struct seed_error e;
	return parsed(sd, text, iso_countries_parse(text, len, &sd->countries, &sd->ncountries, &e), &e, err);
}

/* Applies the alias file: display names and territories. */
static int apply_aliases(struct seeding *sd, const struct seed_aliases *a, char **err)
{
	for (size_t i = 0; i < a->naliases; i++) {
		struct country *c = country_by_code(sd, a->aliases[i].code);
		if (!c) {
			*err = xasprintf("%s:%d: aliases[%zu].code: \"%s\" is not an ISO 3166-1 code",
					 sd->file, a->aliases[i].line, i, a->aliases[i].code);
			return -1;
		}
		if (a->aliases[i].display) {
			free(c->name);
			c->name = xstrdup(a->aliases[i].name);
		}
	}
	for (size_t i = 0; i < a->nterritories; i++) {
		struct country *t = country_by_code(sd, a->territories[i].name);
		struct country *of = country_by_code(sd, a->territories[i].code);
		if (!t || !of) {
			*err = xasprintf("%s:%d: territories[%zu]: \"%s\" is not an ISO 3166-1 code",
					 sd->file, a->territories[i].line, i,
					 t ? a->territories[i].code : a->territories[i].name);
			return -1;
		}
		free(t->territory_of);
		t->territory_of = xstrdup(of->alpha3);
	}
	return 0;
}

/* Saves the countries, sovereign states before the territories that
 * refer to them, with every name each is known by. */
static int put_countries(struct seeding *sd, const struct seed_aliases *a, char **err)
{
	for (size_t k = 0; k < 2 * sd->ncountries; k++) {
		const struct country *c = &sd->countries[k % sd->ncountries];
		if ((k < sd->ncountries) != !c->territory_of)
			continue;
		const char *names[] = { c->alpha3, c->alpha2, c->name, c->iso_name, c->official_name };
		if (store_country_put(sd->store, c, err))
			return -1;
		for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
			if (names[j] && add_name(sd, &sd->country_names, "country", names[j], c->alpha3, 0, err))
				return -1;
	}
	for (size_t i = 0; i < a->naliases; i++) {
		const struct country *c = country_by_code(sd, a->aliases[i].code);
		if (add_name(sd, &sd->country_names, "country", a->aliases[i].name, c->alpha3,
			     a->aliases[i].line, err))
			return -1;
	}
	return 0;
}

static int load_countries(struct seeding *sd, const char *iso_path, char **err)
{
	struct seed_aliases a;
	size_t len;
	struct seed_error e;
	if (load_iso(sd, iso_path, err))
		return -1;
	char *text = open_seed(sd, "country-aliases.json", &len, err);
	if (!text || parsed(sd, text, seed_aliases_parse(text, len, &a, &e), &e, err))
		return -1;
	int rc = apply_aliases(sd, &a, err) || put_countries(sd, &a, err) ? -1 : 0;
	seed_aliases_free(&a);
	return rc;
}

static int load_organisations(struct seeding *sd, char **err)
{
	struct organisation *orgs;
	size_t n;
	size_t len;
	struct seed_error e;
	char *text = open_seed(sd, "organisations.json", &len, err);
	if (!text || parsed(sd, text, seed_organisations_parse(text, len, &orgs, &n, &e), &e, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct organisation *o = &orgs[i];
		rc = store_organisation_put(sd->store, o, err) ||
		     add_name(sd, &sd->org_names, "organisation", o->slug, o->slug, 0, err) ||
		     add_name(sd, &sd->org_names, "organisation", o->name, o->slug, 0, err) ||
		     (*o->acronym && add_name(sd, &sd->org_names, "organisation", o->acronym, o->slug, 0, err));
		for (size_t j = 0; j < o->aliases.n && !rc; j++)
			rc = add_name(sd, &sd->org_names, "organisation", o->aliases.items[j], o->slug, 0, err);
	}
	for (size_t i = 0; i < n; i++)
		organisation_free(&orgs[i]);
	free(orgs);
	return rc ? -1 : 0;
}

/* Resolves a country or organisation name into its code; fails with the
 * file, line and field, and the closest known names. */
static int resolve(struct seeding *sd, const struct seed_ref *r, const char **code, char **err)
{
	struct name_index *idx = r->kind == REF_COUNTRY ? &sd->country_names : &sd->org_names;
	const char *what = r->kind == REF_COUNTRY ? "country" : "organisation";
	*code = names_lookup(idx, r->name);
	if (*code)
		return 0;
	const char *ids[3];
	size_t n = names_suggest(idx, r->name, ids, 3);
	char *hint = n ? xasprintf("; did you mean %s%s%s%s%s?", ids[0], n > 1 ? ", " : "",
				   n > 1 ? ids[1] : "", n > 2 ? ", " : "", n > 2 ? ids[2] : "")
		       : xstrdup("");
	char *fmt = xasprintf("unknown %s \"%%s\"%s", what, hint);
	*err = ref_message(sd->file, r, fmt, r->name);
	free(fmt);
	free(hint);
	return -1;
}

static int load_groups(struct seeding *sd, char **err)
{
	size_t len;
	struct seed_error e;
	char *text = open_seed(sd, "groups.json", &len, err);
	if (!text || parsed(sd, text, seed_groups_parse(text, len, &sd->groups, &sd->ngroups, &e), &e, err))
		return -1;
	for (size_t i = 0; i < sd->ngroups; i++)
		for (size_t j = 0; j < sd->groups[i].nmembers; j++) {
			const char *code;
			if (resolve(sd, &sd->groups[i].members[j], &code, err))
				return -1;
		}
	return 0;
}

static const struct seed_named_group *group_by_id(struct seeding *sd, const char *id)
{
	for (size_t i = 0; i < sd->ngroups; i++)
		if (strcmp(sd->groups[i].id, id) == 0)
			return &sd->groups[i];
	return NULL;
}

/* Appends one resolved participation for the party named by r. */
static int add_participation(struct seeding *sd, struct process *p, const struct seed_entry *e,
			     const struct seed_ref *r, char **err)
{
	const char *code;
	if (resolve(sd, r, &code, err))
		return -1;
	struct participation *pa = participation_list_push(&p->parts);
	if (r->kind == REF_COUNTRY) {
		const struct country *c = country_by_code(sd, code);
		pa->kind = c->territory_of ? PARTY_TERRITORY : PARTY_GOVERNMENT;
		pa->name = xstrdup(c->name);
	} else {
		pa->kind = PARTY_ORGANISATION;
		pa->name = xstrdup(r->name);
	}
	pa->source_name = xstrdup(r->name);
	pa->code = xstrdup(code);
	pa->role = e->role;
	pa->status = e->status;
	pa->since = e->since;
	pa->until = e->until;
	pa->label = xstrdup_or_null(e->label);
	pa->note = xstrdup_or_null(e->note);
	const struct provenance *prov = e->prov.source ? &e->prov : &p->prov;
	pa->prov.source = xstrdup(prov->source);
	pa->prov.section = xstrdup(prov->section);
	pa->prov.as_of = xstrdup(prov->as_of);
	pa->prov.inferred = prov->inferred;
	return 0;
}

static int resolve_entries(struct seeding *sd, struct seed_process *sp, char **err)
{
	for (size_t i = 0; i < sp->nentries; i++) {
		const struct seed_entry *e = &sp->entries[i];
		if (e->ref.kind != REF_GROUP) {
			if (add_participation(sd, &sp->p, e, &e->ref, err))
				return -1;
			continue;
		}
		const struct seed_named_group *g = group_by_id(sd, e->ref.name);
		if (!g) {
			*err = ref_message(sd->file, &e->ref, "unknown group \"%s\" (see groups.json)", e->ref.name);
			return -1;
		}
		for (size_t j = 0; j < g->nmembers; j++)
			if (add_participation(sd, &sp->p, e, &g->members[j], err))
				return -1;
	}
	return 0;
}

static int resolve_leaders(struct seeding *sd, struct seed_process *sp, char **err)
{
	struct process *p = &sp->p;
	p->leaders = xcalloc(sp->nleaders + 1, sizeof *p->leaders);
	for (size_t i = 0; i < sp->nleaders; i++) {
		const struct seed_leader *sl = &sp->leaders[i];
		const char *code;
		if (sl->ref.kind == REF_GROUP) {
			*err = ref_message(sd->file, &sl->ref, "a leadership post is held by a country or an organisation, not the group \"%s\"", sl->ref.name);
			return -1;
		}
		if (resolve(sd, &sl->ref, &code, err))
			return -1;
		struct leader *l = &p->leaders[p->nleaders++];
		l->position = xstrdup(sl->position);
		l->kind = sl->ref.kind == REF_COUNTRY ? PARTY_GOVERNMENT : PARTY_ORGANISATION;
		l->code = xstrdup(code);
		l->name = xstrdup(sl->ref.name);
		l->portfolio = xstrdup_or_null(sl->portfolio);
		l->since = sl->since;
		l->until = sl->until;
		l->prov = provenance_copy(sl->prov.source ? &sl->prov : &p->prov);
	}
	return 0;
}

static int resolve_codes(struct seeding *sd, const struct seed_ref *refs, size_t n,
			 struct strlist *out, char **err)
{
	for (size_t i = 0; i < n; i++) {
		const char *code;
		if (resolve(sd, &refs[i], &code, err))
			return -1;
		strlist_push(out, code);
	}
	return 0;
}

static int resolve_groups(struct seeding *sd, struct seed_process *sp, char **err)
{
	struct process *p = &sp->p;
	p->groups = xcalloc(sp->ngroups + 1, sizeof *p->groups);
	for (size_t i = 0; i < sp->ngroups; i++) {
		struct working_group *g = &p->groups[p->ngroups++];
		g->name = xstrdup(sp->groups[i].name);
		g->prov = provenance_copy(&sp->groups[i].prov);
		if (resolve_codes(sd, sp->groups[i].chairs, sp->groups[i].nchairs, &g->chairs, err) ||
		    resolve_codes(sd, sp->groups[i].co_chairs, sp->groups[i].nco_chairs, &g->co_chairs, err))
			return -1;
	}
	return 0;
}

static int put_process_names(struct seeding *sd, const struct process *p, char **err)
{
	if (add_name(sd, &sd->process_names, "process", p->slug, p->slug, 0, err) ||
	    add_name(sd, &sd->process_names, "process", p->acronym, p->slug, 0, err) ||
	    add_name(sd, &sd->process_names, "process", p->name, p->slug, 0, err))
		return -1;
	for (size_t i = 0; i < p->aliases.n; i++)
		if (add_name(sd, &sd->process_names, "process", p->aliases.items[i], p->slug, 0, err))
			return -1;
	return 0;
}

/* Whether every source sp names is in sources.json; else *err names the
 * field. */
static int check_sources(struct seeding *sd, const struct seed_process *sp, char **err)
{
	const char *bad = NULL, *field = NULL;
	if (!strlist_contains(&sd->source_ids, sp->p.prov.source))
		bad = sp->p.prov.source, field = "source.document";
	for (size_t i = 0; !bad && i < sp->nentries; i++)
		if (sp->entries[i].prov.source && !strlist_contains(&sd->source_ids, sp->entries[i].prov.source))
			bad = sp->entries[i].prov.source, field = "participants[].source.document";
	for (size_t i = 0; !bad && i < sp->nleaders; i++)
		if (sp->leaders[i].prov.source && !strlist_contains(&sd->source_ids, sp->leaders[i].prov.source))
			bad = sp->leaders[i].prov.source, field = "leadership[].source.document";
	for (size_t i = 0; !bad && i < sp->p.alias_sources.n; i++)
		if (*sp->p.alias_sources.items[i] && !strlist_contains(&sd->source_ids, sp->p.alias_sources.items[i]))
			bad = sp->p.alias_sources.items[i], field = "aliases[].source";
	for (size_t i = 0; !bad && i < sp->ngroups; i++)
		if (sp->groups[i].prov.source && !strlist_contains(&sd->source_ids, sp->groups[i].prov.source))
			bad = sp->groups[i].prov.source, field = "working_groups[].source.document";
	for (enum text_kind k = 0; !bad && k < TEXT_KIND_COUNT; k++) {
		const struct text_list *l = process_text_list(&sp->p, k);
		for (size_t i = 0; i < l->texts.n; i++)
			if (l->provs[i].source && !strlist_contains(&sd->source_ids, l->provs[i].source)) {
				*err = xasprintf("%s: %s[%zu].source.document: unknown source \"%s\" (sources.json lists "
						 "the sources)", sd->file, text_kind_key(k), i, l->provs[i].source);
				return -1;
			}
	}
	if (bad)
		*err = xasprintf("%s: %s: unknown source \"%s\" (sources.json lists the sources)", sd->file, field, bad);
	return bad ? -1 : 0;
}

static int load_process(struct seeding *sd, const char *name, int position, char **err)
{
	struct seed_process sp;
	char *rel = xasprintf("processes/%s", name);
	size_t len;
	struct seed_error e;
	char *text = open_seed(sd, rel, &len, err);
	free(rel);
	if (!text || parsed(sd, text, seed_process_parse(text, len, &sp, &e), &e, err))
		return -1;
	int rc;
	rc = check_sources(sd, &sp, err) || resolve_entries(sd, &sp, err) || resolve_leaders(sd, &sp, err) ||
	     resolve_groups(sd, &sp, err) ||
	     resolve_codes(sd, sp.secretariat, sp.nsecretariat, &sp.p.secretariat_orgs, err) ||
	     put_process_names(sd, &sp.p, err) ||
	     store_process_put(sd->store, &sp.p, position, err);
	seed_process_free(&sp);
	return rc ? -1 : 0;
}

/* Resolves the names of one piece of the seed's evidence into e. */
static int resolve_evidence(struct seeding *sd, const struct seed_evidence *se, struct evidence *e, char **err)
{
	const char *slug = names_lookup(&sd->process_names, se->process.name);
	if (!slug) {
		*err = ref_message(sd->file, &se->process, "unknown process \"%s\"", se->process.name);
		return -1;
	}
	e->process = xstrdup(slug);
	for (size_t i = 0; i < se->nstates; i++) {
		const char *code;
		if (resolve(sd, &se->states[i], &code, err))
			return -1;
		strlist_push(&e->states, code);
	}
	return 0;
}

/* The report's own evidence, assessment/evidence.json (optional): public,
 * each from its source and section. */
static int load_evidence(struct seeding *sd, char **err)
{
	char *path = xasprintf("%s/assessment/evidence.json", sd->data_dir);
	int present = access(path, F_OK) == 0;
	free(path);
	if (!present)
		return 0;
	size_t len, n;
	struct seed_error e;
	struct seed_evidence *items;
	char *text = open_seed(sd, "assessment/evidence.json", &len, err);
	if (!text || parsed(sd, text, seed_evidence_parse(text, len, &items, &n, &e), &e, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct seed_evidence *se = &items[i];
		struct evidence ev = { .phase = se->phase, .effect = xstrdup(se->effect),
				       .description = xstrdup(se->description), .source = xstrdup(se->source),
				       .section = xstrdup_or_null(se->section), .happened = xstrdup_or_null(se->date),
				       .strength = xstrdup(se->strength ? se->strength : "coincided"),
				       .confidence = xstrdup(se->confidence ? se->confidence : "medium"),
				       .kind = xstrdup(strlist_contains(&sd->source_ids, se->source) ? "publication"
											      : "other"),
				       .level = LEVEL_PUBLIC, .created_by = xstrdup("seed") };
		rc = resolve_evidence(sd, se, &ev, err) || store_evidence_put(sd->store, &ev, err);
		evidence_free(&ev);
	}
	for (size_t i = 0; i < n; i++)
		seed_evidence_free(&items[i]);
	free(items);
	return rc ? -1 : 0;
}

static int is_json_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

static int load_processes(struct seeding *sd, char **err)
{
	char *dir = xasprintf("%s/processes", sd->data_dir);
	struct dirent **list;
	int n = scandir(dir, &list, is_json_file, alphasort);
	if (n < 0) {
		*err = xasprintf("%s: cannot list: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	int rc = 0;
	if (n == 0) {
		*err = xasprintf("%s: no process files (*.json)", dir);
		rc = -1;
	}
	for (int i = 0; i < n; i++) {
		if (!rc)
			rc = load_process(sd, list[i]->d_name, i + 1, err);
		free(list[i]);
	}
	free(list);
	free(dir);
	return rc;
}

static void seeding_free(struct seeding *sd)
{
	for (size_t i = 0; i < sd->ncountries; i++)
		country_free(&sd->countries[i]);
	free(sd->countries);
	names_free(&sd->country_names);
	names_free(&sd->org_names);
	names_free(&sd->process_names);
	for (size_t i = 0; i < sd->ngroups; i++)
		seed_named_group_free(&sd->groups[i]);
	free(sd->groups);
	free(sd->file);
	strlist_free(&sd->source_ids);
}

/* Loads the seed in one transaction; with clear, the registry there was
 * is deleted first, in the same transaction. */
static int fill(struct seeding *sd, const struct seed_paths *paths, int clear, char **err)
{
	if (store_begin(sd->store, err))
		return -1;
	if ((clear && store_registry_clear(sd->store, err)) || load_sources(sd, err) || load_countries(sd, paths->iso_codes, err) ||
	    load_organisations(sd, err) || load_groups(sd, err) || load_processes(sd, err) || load_evidence(sd, err) ||
	    store_commit(sd->store, err)) {
		store_rollback(sd->store);
		return -1;
	}
	return 0;
}


/* Refuses to rebuild a database that holds what people entered: users
 * and documents are not in the seed and would be lost. A database that
 * cannot be opened holds nothing to keep. */
static int check_nothing_to_lose(const char *db_path, char **err)
{
	char *why = NULL;
	struct store *old = store_open(db_path, STORE_EXISTING, &why);
	free(why);
	if (!old)
		return 0;
	long users = 0, docs = 0, edits = 0;
	int rc = 0;
	if (store_count(old, "users", &users, err) || store_count(old, "documents", &docs, err) ||
	    store_count(old, "registry_history", &edits, err))
		rc = -1;
	else if (users || docs || edits) {
		*err = xasprintf("%s holds %ld users, %ld documents and %ld registry edits that a rebuild "
				 "from the seed would delete; use 'rcphub registry apply' to bring the seed's "
				 "changes in, or back it up and remove it first", db_path, users, docs, edits);
		rc = -1;
	}
	store_close(old);
	return rc;
}

struct fill_args {
	struct seeding *sd;
	const struct seed_paths *paths;
};

/* Fills the new file store_build_file made. */
static int fill_new(struct store *s, void *arg, char **err)
{
	struct fill_args *a = arg;
	a->sd->store = s;
	int rc = fill(a->sd, a->paths, 0, err);
	a->sd->store = NULL;
	return rc;
}

/* On a database server the registry is replaced inside one transaction:
 * a failure keeps the old one whole. */
static int seed_server(const struct seed_paths *paths, const char *location, int force, char **err)
{
	struct seeding sd = { .data_dir = paths->data_dir };
	long processes = 0;
	int rc = -1;
	if (!(sd.store = store_open(location, STORE_EXISTING, err)) ||
	    store_count(sd.store, "processes", &processes, err))
		goto out;
	if (processes && !force) {
		*err = xstrdup("the database already holds a registry; use 'init --force' to rebuild it "
			       "from the seed data");
		goto out;
	}
	if ((!processes || check_nothing_to_lose(location, err) == 0))
		rc = fill(&sd, paths, processes > 0, err);
out:
	store_close(sd.store);
	seeding_free(&sd);
	return rc;
}

int seed_init(const struct seed_paths *paths, const char *db_path, int force, char **err)
{
	if (store_is_server(db_path))
		return seed_server(paths, db_path, force, err);
	struct stat st;
	if (!force && stat(db_path, &st) == 0) {
		*err = xasprintf("%s exists; use 'init --force' to rebuild it from the seed data", db_path);
		return -1;
	}
	if (force && stat(db_path, &st) == 0 && check_nothing_to_lose(db_path, err))
		return -1;
	struct seeding sd = { .data_dir = paths->data_dir };
	struct fill_args args = { &sd, paths };
	int rc = store_build_file(db_path, fill_new, &args, err);
	seeding_free(&sd);
	return rc;
}

int seed_read_sources(const struct seed_paths *paths, struct source **out, size_t *n, char **err)
{
	struct seeding sd = { .data_dir = paths->data_dir };
	size_t len;
	struct seed_error e;
	char *text = open_seed(&sd, "sources.json", &len, err);
	int rc = !text || parsed(&sd, text, seed_sources_parse(text, len, out, n, &e), &e, err) ? -1 : 0;
	seeding_free(&sd);
	return rc;
}
