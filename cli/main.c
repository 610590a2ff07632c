/* main.c: the rcphub command line: parses arguments, calls services, prints */
#include "cli.h"
#include "../core/text.h"
#include "../core/xalloc.h"
#include "../io/csv_out.h"
#include "../services/exports.h"
#include "../io/json_out.h"
#include "../services/registry.h"
#include "../services/copy.h"
#include "../services/seed.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef RCPHUB_DATA_DIR
#define RCPHUB_DATA_DIR "data"
#endif
#define ISO_3166_JSON "/usr/share/iso-codes/json/iso_3166-1.json"
#define DEFAULT_DB "var/rcphub.db"

static int usage(FILE *to);

int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "rcphub %s: ", cmd);
	fprintf(stderr, fmt, arg);
	const struct command *c = find_command(cmd);
	fprintf(stderr, "\nusage: rcphub %s\n", c ? c->usage : cmd);
	return EXIT_USAGE;
}

long long cli_number(const char *cmd, const char *noun, const char *arg)
{
	long long id = text_number(arg);
	if (id > 0)
		return id;
	char *message = xasprintf("give a %s's number, not \"%s\"", noun, arg ? arg : "");
	usage_error(cmd, "%s", message);
	free(message);
	return -1;
}

int fail(char *err)
{
	fprintf(stderr, "rcphub: %s\n", err);
	free(err);
	return EXIT_NOT_FOUND;
}

/* Parses the common "--json" style flags of a command. Returns 0, or a
 * usage exit status after reporting. Positional arguments are gathered
 * into pos (at most maxpos). */
struct flags {
	int json, csv, matrix, force;
	const char *role, *at;
	const char *pos[2];
	int npos;
};

static int parse_flags(const char *cmd, int argc, char **argv, struct flags *f, int maxpos)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' }, { "csv", no_argument, NULL, 'c' },
		{ "matrix", no_argument, NULL, 'm' }, { "force", no_argument, NULL, 'f' },
		{ "role", required_argument, NULL, 'r' }, { "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	memset(f, 0, sizeof *f);
	optind = 1;
	opterr = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': f->json = 1; break;
		case 'c': f->csv = 1; break;
		case 'm': f->matrix = 1; break;
		case 'f': f->force = 1; break;
		case 'r': f->role = optarg; break;
		case 'a': f->at = optarg; break;
		default:
			return usage_error(cmd, "unknown or incomplete option %s", argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++) {
		if (f->npos == maxpos)
			return usage_error(cmd, "unexpected argument \"%s\"", argv[i]);
		f->pos[f->npos++] = argv[i];
	}
	return 0;
}

/* Flags a command does not take are usage errors. */
static int only(const char *cmd, const struct flags *f, const char *allowed)
{
	const struct {
		int set;
		const char *name;
	} all[] = { { f->json, "--json" }, { f->csv, "--csv" }, { f->matrix, "--matrix" },
		    { f->force, "--force" }, { f->role != NULL, "--role" }, { f->at != NULL, "--at" } };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i].set && !strstr(allowed, all[i].name))
			return usage_error(cmd, "%s does not apply here", all[i].name);
	return 0;
}

int fail_svc(struct svc_error *err)
{
	char *text = svc_error_text(err);
	svc_error_free(err);
	return fail(text);
}

struct registry *open_registry(const struct options *o)
{
	struct svc_error err = { 0 };
	struct registry *r = registry_open(o->db, &err);
	if (!r)
		fail_svc(&err);
	return r;
}

static void print_span(int since, int until)
{
	if (since && until == since + 1)
		printf("in %d", since);
	else if (since && until)
		printf("%d-%d", since, until);
	else if (since)
		printf("since %d", since);
	else if (until)
		printf("until %d", until);
	else
		printf("-");
}

/* Reads --at YEAR into *year (0 when absent); a usage error for text
 * that is no year, the service's answer for a year to come. */
static int year_option(const char *cmd, const char *s, int *year)
{
	char *end;
	long y = s ? strtol(s, &end, 10) : 0;
	*year = 0;
	if (!s)
		return 0;
	if (*s == '\0' || *end != '\0' || y < 1900 || y > 9999)
		return usage_error(cmd, "--at \"%s\" is not a year", s);
	struct svc_error err = { 0 };
	return registry_year(s, (long long)time(NULL), "at", year, &err) ? fail_svc(&err) : 0;
}

/* Prints what no source attests in year: "not attested in 1992 (first
 * attested 2009): Armenia, ..." grouped by first year. */
static void print_unattested(const struct participation_list *l, int year, int with_process)
{
	for (size_t i = 0; i < l->n; i++) {
		int from = participation_attested_from(&l->items[i]);
		int first = 1;
		for (size_t j = 0; j < i; j++)
			first &= participation_attested_from(&l->items[j]) != from;
		if (!first)
			continue;
		printf("not attested in %d (first attested %d):", year, from);
		const char *sep = " ";
		for (size_t j = i; j < l->n; j++) {
			const struct participation *pa = &l->items[j];
			if (participation_attested_from(pa) != from)
				continue;
			printf("%s%s", sep, with_process ? pa->process_acronym : pa->name);
			if (with_process || pa->role != ROLE_MEMBER)
				printf(" (%s)", role_name(pa->role));
			sep = ", ";
		}
		printf("\n");
	}
}

/* ---- init ---- */

struct seed_paths cli_seed_paths(const char *dir)
{
	const char *data = dir ? dir : getenv("RCPHUB_DATA");
	const char *iso = getenv("RCPHUB_ISO_CODES");
	return (struct seed_paths){ data && *data ? data : RCPHUB_DATA_DIR, iso && *iso ? iso : ISO_3166_JSON };
}

static int cmd_init(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("init", argc, argv, &f, 0);
	if (rc || (rc = only("init", &f, "--force")))
		return rc;
	struct seed_paths paths = cli_seed_paths(NULL);
	char *err = NULL;
	if (seed_init(&paths, o->db, f.force, &err))
		return fail(err);
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	const struct process_list *all = registry_all(r);
	size_t parts = 0;
	for (size_t i = 0; i < all->n; i++)
		parts += all->items[i].parts.n;
	printf("created %s: %zu processes, %zu participations\n", o->db, all->n, parts);
	registry_close(r);
	return 0;
}

/* ---- processes ---- */

static int cmd_processes(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("processes", argc, argv, &f, 0);
	if (rc || (rc = only("processes", &f, "--json --at")))
		return rc;
	int year;
	if ((rc = year_option("processes", f.at, &year)))
		return rc;
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	const struct process_list *all = registry_all(r);
	json_t *arr = f.json ? json_array() : NULL;
	if (!f.json)
		printf("%-20s %-18s %4s %7s %5s  %s\n", "SLUG", "ACRONYM", "EST", "MEMBERS", "AS OF", "NAME");
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		if (year && year < p->established)
			continue;
		struct participant_filter members_then = { ROLE_MEMBER, year, 1 };
		size_t members = registry_count(p, &members_then);
		int as_of = year ? year : process_as_of(p);
		if (f.json) {
			json_t *s = json_process_summary(p);
			json_object_set_new(s, "members", json_integer((json_int_t)members));
			json_object_set_new(s, "as_of", json_integer(as_of));
			json_array_append_new(arr, s);
		} else {
			printf("%-20s %-18s %4d %7zu %5d  %s\n", p->slug, p->acronym, p->established,
			       members, as_of, p->name);
		}
	}
	if (f.json)
		json_print(arr);
	else if (year)
		printf("as of %d: members attested in %d; undated facts count from their source's date\n",
		       year, year);
	registry_close(r);
	return 0;
}

/* ---- show ---- */

/* The texts of l attested by year (0: all), numbered as in their source,
 * each naming its own source where that is not the process's; then how
 * many more are attested only later. */
static void print_list(const char *title, const struct process *p, const struct text_list *l, int year)
{
	if (!l->texts.n)
		return;
	printf("\n%s:\n", title);
	int first;
	size_t later = text_list_later(p, l, year, &first);
	for (size_t i = 0; i < l->texts.n; i++) {
		const struct provenance *prov = fact_provenance(p, &l->provs[i]);
		if (!provenance_attested_at(prov, year))
			continue;
		printf("  %zu. %s", i + 1, l->texts.items[i]);
		if (l->provs[i].source)
			printf(" (%s, as of %s)", prov->source, prov->as_of);
		printf("\n");
	}
	if (later)
		printf("  not attested in %d (first attested %d): %zu more\n", year, first, later);
}

/* The leadership (with a year, the posts attested then) and working groups. */
static void print_leadership(const struct process *p, int year)
{
	if (p->nleaders)
		printf("\nLeadership:\n");
	for (size_t i = 0; i < p->nleaders; i++) {
		const struct leader *l = &p->leaders[i];
		if (year && !process_leader_at(p, i, year))
			continue;
		printf("  %-21s %s", l->position, l->name);
		if (l->portfolio)
			printf(" (%s)", l->portfolio);
		if (l->since || l->until) {
			printf(", ");
			print_span(l->since, l->until);
		}
		if (!l->until && leader_end(p, i))
			printf("; succeeded in %d", leader_end(p, i));
		printf("\n");
	}
	if (p->ngroups)
		printf("\nWorking groups:\n");
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct working_group *g = &p->groups[i];
		if (!provenance_attested_at(fact_provenance(p, &g->prov), year))
			continue;
		printf("  %s", g->name);
		for (size_t j = 0; j < g->chairs.n; j++)
			printf("%s%s", j ? ", " : "; chair: ", g->chairs.items[j]);
		for (size_t j = 0; j < g->co_chairs.n; j++)
			printf("%s%s", j ? ", " : "; co-chair: ", g->co_chairs.items[j]);
		if (g->prov.source)
			printf(" (%s, as of %s)", g->prov.source, g->prov.as_of);
		printf("\n");
	}
}

/* The party's name as shown today, with its source's where that differs:
 * "Türkiye (Turkey in the source)". The caller frees it. */
static char *party_name(const struct participation *pa)
{
	const char *written = participation_name_in_source(pa);
	return written ? xasprintf("%s (%s in the source)", pa->name, written) : xstrdup(pa->name);
}

/* p's participations by role: every one, or with a year those attested then. */
static void print_participants_by_role(const struct process *p, int year)
{
	for (int role = 0; role < ROLE_COUNT; role++) {
		size_t n = 0;
		for (size_t i = 0; i < p->parts.n; i++)
			n += (int)p->parts.items[i].role == role && (!year || participation_at(&p->parts.items[i], year));
		if (!n)
			continue;
		printf("\n%ss (%zu):\n", role_name((enum role)role), n);
		for (size_t i = 0; i < p->parts.n; i++) {
			const struct participation *pa = &p->parts.items[i];
			if ((int)pa->role != role || (year && !participation_at(pa, year)))
				continue;
			char *name = party_name(pa);
			printf("  %-28s %-9s ", name, status_name(pa->status));
			free(name);
			print_span(pa->since, pa->until);
			if (pa->label)
				printf("  [%s]", pa->label);
			printf("\n");
		}
	}
}

static int cmd_show(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("show", argc, argv, &f, 1);
	if (rc || (rc = only("show", &f, "--json --at")))
		return rc;
	if (f.npos != 1)
		return usage_error("show", "%s", "name a process");
	int year;
	if ((rc = year_option("show", f.at, &year)))
		return rc;
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	const struct process *p;
	struct svc_error err = { 0 };
	if (registry_process(r, NULL, f.pos[0], &p, &err)) {
		registry_close(r);
		return fail_svc(&err);
	}
	struct participant_filter every_role = { -1, year, 0 };
	struct participation_list held = { 0 }, unattested = { 0 };
	registry_select(p, &every_role, &held);
	registry_select_unattested(p, &every_role, &unattested);
	if (f.json) {
		json_t *j = json_process_full(p, year);
		if (year)
			json_object_set_new(j, "participants", json_participations_at(&held, &unattested));
		json_object_set_new(j, "at", year ? json_integer(year) : json_null());
		json_object_set_new(j, "as_of", json_integer(year ? year : process_as_of(p)));
		json_print(j);
	} else {
		printf("%s (%s)\n%s\n", p->acronym, p->slug, p->name);
		if (year && year < p->established)
			printf("not yet established in %d\n", year);
		printf("Established: %d\nRegion: %s (%s)\n", p->established, p->region, p->scope);
		printf("Secretariat: %s: %s\n", p->secretariat_arrangement, p->secretariat_text);
		for (size_t i = 0; i < p->aliases.n; i++) {
			const char *source = i < p->alias_sources.n ? p->alias_sources.items[i] : "";
			printf("%s%s", i ? ", " : "Also known as: ", p->aliases.items[i]);
			if (*source)
				printf(" (%s)", source);
		}
		if (p->aliases.n)
			printf("\n");
		print_leadership(p, year);
		print_participants_by_role(p, year);
		if (year && unattested.n) {
			printf("\n");
			print_unattested(&unattested, year, 0);
		}
		print_list("Themes", p, &p->themes, year);
		print_list("Goals", p, &p->goals, year);
		print_list("Priorities", p, &p->priorities, year);
		print_list("Notes", p, &p->notes, year);
		printf("\nSource: %s, %s (facts as of %s)\n", p->prov.source, p->prov.section, p->prov.as_of);
		printf("as of %d%s\n", year ? year : process_as_of(p), year ? "" : " (the latest source)");
	}
	participation_list_free(&held);
	participation_list_free(&unattested);
	registry_close(r);
	return 0;
}

/* ---- members ---- */

static int parse_role_filter(const char *s, int *role)
{
	if (!s) {
		*role = ROLE_MEMBER;
		return 0;
	}
	if (strcmp(s, "all") == 0) {
		*role = -1;
		return 0;
	}
	*role = role_parse(s);
	return *role < 0 ? -1 : 0;
}


static void print_participations(const struct participation_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct participation *pa = &l->items[i];
		char *name = party_name(pa);
		printf("%-14s %-30s %-16s %-9s ", pa->code, name, role_name(pa->role),
		       status_name(pa->status));
		print_span(pa->since, pa->until);
		printf("  %s, %s\n", pa->prov.source, pa->prov.as_of);
		free(name);
	}
}

static int cmd_members(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("members", argc, argv, &f, 1);
	if (rc || (rc = only("members", &f, "--json --csv --role --at")))
		return rc;
	struct participant_filter filter = { 0 };
	if (f.npos != 1)
		return usage_error("members", "%s", "name a process");
	if (parse_role_filter(f.role, &filter.role))
		return usage_error("members", "--role \"%s\" is not one of member, observer, partner, "
				   "participant, activity-partner, all", f.role);
	if ((rc = year_option("members", f.at, &filter.year)))
		return rc;
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	const struct process *p;
	struct svc_error err = { 0 };
	if (registry_process(r, NULL, f.pos[0], &p, &err)) {
		registry_close(r);
		return fail_svc(&err);
	}
	if (f.csv) {  /* every participant of any role, with its source, as the page's download */
		struct sheet sh;
		exports_participants(r, p->slug, filter.year, &sh, &err);
		rc = csv_write_sheet(stdout, &sh) ? EXIT_NOT_FOUND : 0;
		sheet_free(&sh);
		registry_close(r);
		return rc;
	}
	struct participation_list l = { 0 }, unattested = { 0 };
	registry_select(p, &filter, &l);
	registry_select_unattested(p, &filter, &unattested);
	if (f.json) {
		json_print(json_participations_at(&l, &unattested));
	} else {
		if (filter.year && filter.year < p->established)
			fprintf(stderr, "rcphub: note: %s was established in %d\n", p->acronym, p->established);
		print_participations(&l);
		print_unattested(&unattested, filter.year, 0);
		printf("as of %d%s\n", filter.year ? filter.year : process_as_of(p),
		       filter.year ? "" : " (the latest source)");
	}
	participation_list_free(&l);
	participation_list_free(&unattested);
	registry_close(r);
	return 0;
}

/* ---- state ---- */

static int cmd_state(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("state", argc, argv, &f, 1);
	if (rc || (rc = only("state", &f, "--json --at")))
		return rc;
	if (f.npos != 1)
		return usage_error("state", "%s", "name a country or territory");
	int year;
	if ((rc = year_option("state", f.at, &year)))
		return rc;
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	const struct country *c;
	struct participation_list l = { 0 }, unattested = { 0 };
	struct svc_error err = { 0 };
	if (registry_country(r, NULL, f.pos[0], &c, &err)) {
		registry_close(r);
		return fail_svc(&err);
	}
	registry_state(r, c->alpha3, year, &l, &unattested);
	if (f.json) {
		json_t *out = json_country(c);
		json_object_set_new(out, "processes", year ? json_participations_at(&l, &unattested)
							   : json_participations(&l));
		json_object_set_new(out, "at", year ? json_integer(year) : json_null());
		json_print(out);
	} else {
		printf("%s (%s)", c->name, c->alpha3);
		if (c->territory_of)
			printf(", territory of %s", c->territory_of);
		printf("\n");
		if (!l.n)
			printf("takes part in no process in the registry\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct participation *pa = &l.items[i];
			printf("  %-20s %-16s %-9s ", pa->process_acronym, role_name(pa->role),
			       status_name(pa->status));
			print_span(pa->since, pa->until);
			printf("\n");
		}
		if (year) {
			print_unattested(&unattested, year, 1);
			printf("as of %d\n", year);
		}
	}
	participation_list_free(&l);
	participation_list_free(&unattested);
	registry_close(r);
	return 0;
}

/* ---- overlap ---- */

static const char *name_of(const struct process *a, const struct process *b, const char *code)
{
	const struct process *ps[] = { a, b };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < ps[k]->parts.n; i++)
			if (strcmp(ps[k]->parts.items[i].code, code) == 0)
				return ps[k]->parts.items[i].name;
	return code;
}

static void print_codes(const char *title, const char **codes, size_t n,
			const struct process *a, const struct process *b)
{
	printf("%s (%zu):", title, n);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : " ", name_of(a, b, codes[i]));
	printf("\n");
}

static int overlap_pair(struct registry *r, const struct flags *f, int year)
{
	const struct process *a, *b;
	struct svc_error err = { 0 };
	if (registry_process(r, NULL, f->pos[0], &a, &err) || registry_process(r, NULL, f->pos[1], &b, &err))
		return fail_svc(&err);
	struct overlap o;
	registry_overlap(a, b, year, &o);
	if (f->json) {
		json_t *j = json_overlap(a->slug, b->slug, &o);
		json_object_set_new(j, "at", year ? json_integer(year) : json_null());
		json_print(j);
	} else {
		if (year)
			printf("%s and %s (member governments attested in %d)\n", a->acronym, b->acronym, year);
		else
			printf("%s and %s (current member governments)\n", a->acronym, b->acronym);
		print_codes("shared", o.shared, o.nshared, a, b);
		print_codes(a->acronym, o.only_a, o.nonly_a, a, b);
		print_codes(b->acronym, o.only_b, o.nonly_b, a, b);
		printf("Jaccard index: %.3f\n", o.jaccard);
	}
	overlap_free(&o);
	return 0;
}

static int overlap_table(struct registry *r, const struct flags *f, int year)
{
	const struct process_list *all = registry_all(r);
	size_t n = all->n;
	struct overlap_matrix mx;
	registry_overlap_matrix(all, year, &mx);
	const double *m = mx.jaccard;
	int rc = 0;
	if (f->json) {
		json_print(json_overlap_pairs(all, &mx));
	} else if (f->csv) {
		rc = csv_write_matrix(stdout, all, m) ? EXIT_NOT_FOUND : 0;
	} else {
		printf("%-20s", "");
		for (size_t j = 0; j < n; j++)
			printf(" %5.5s", all->items[j].slug);
		printf("\n");
		for (size_t i = 0; i < n; i++) {
			printf("%-20s", all->items[i].slug);
			for (size_t j = 0; j < n; j++)
				printf(" %5.2f", m[i * n + j]);
			printf("\n");
		}
	}
	registry_overlap_matrix_free(&mx);
	return rc;
}

static int cmd_overlap(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("overlap", argc, argv, &f, 2);
	if (rc || (rc = only("overlap", &f, "--json --csv --matrix --at")))
		return rc;
	int year;
	if ((rc = year_option("overlap", f.at, &year)))
		return rc;
	if (f.matrix && f.npos)
		return usage_error("overlap", "%s", "--matrix takes no process names");
	if (!f.matrix && f.npos != 2)
		return usage_error("overlap", "%s", "name two processes, or use --matrix");
	if (f.csv && !f.matrix)
		return usage_error("overlap", "%s", "--csv goes with --matrix");
	if (f.csv && f.json)
		return usage_error("overlap", "%s", "choose --json or --csv");
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	rc = f.matrix ? overlap_table(r, &f, year) : overlap_pair(r, &f, year);
	registry_close(r);
	return rc;
}

/* ---- summary ---- */

static int cmd_summary(const struct options *o, int argc, char **argv)
{
	struct flags f;
	int rc = parse_flags("summary", argc, argv, &f, 0);
	if (rc || (rc = only("summary", &f, "")))
		return rc;
	struct registry *r = open_registry(o);
	if (!r)
		return EXIT_NOT_FOUND;
	const struct process_list *all = registry_all(r);
	size_t parts = 0;
	for (size_t i = 0; i < all->n; i++)
		parts += all->items[i].parts.n;
	struct state_count *every = xcalloc(parts + 1, sizeof *every);
	size_t nstates = registry_most_shared(all, 0, every, parts);
	size_t ntop = nstates < 10 ? nstates : 10;
	printf("rcphub registry %s\n", o->db);
	printf("  %zu processes, %zu member governments and territories, %zu participations\n",
	       all->n, nstates, parts);
	printf("  states in the most processes (as current members):\n");
	for (size_t i = 0; i < ntop; i++)
		printf("    %-4s %-28s %zu\n", every[i].code, every[i].name, every[i].processes);
	free(every);
	registry_close(r);
	return 0;
}

/* ---- copy-store ---- */

static int cmd_copy_store(const struct options *o, int argc, char **argv)
{
	(void)o;
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	int ch;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'f')
			from = optarg;
		else if (ch == 't')
			to = optarg;
		else
			return usage_error("copy-store", "unknown or incomplete option %s", argv[optind - 1]);
	}
	if (!from || !to || optind < argc)
		return usage_error("copy-store", "%s", "give --from and --to, and nothing else");
	struct copy_report copied;
	struct svc_error err = { 0 };
	if (copy_platform(from, to, &copied, &err))
		return fail_svc(&err);
	for (size_t i = 0; i < copied.n; i++)
		printf("  %-26s %8ld rows  %s\n", copied.tables[i].table, copied.tables[i].rows,
		       copied.tables[i].digest);
	printf("copied and verified: every table holds the same rows as the source\n");
	copy_report_free(&copied);
	return 0;
}

/* rcphub backup FILE and rcphub restore FILE. */
static int backup_or_restore(const struct options *o, int argc, char **argv, int restore)
{
	const char *cmd = restore ? "restore" : "backup";
	if (argc != 2 || argv[1][0] == '-')
		return usage_error(cmd, "%s", restore ? "restore FILE: name the backup to restore"
						      : "backup FILE: name a new file for the backup");
	struct copy_report report;
	struct svc_error err = { 0 };
	enum svc_status st = restore ? restore_platform(argv[1], o->db, &report, &err)
				     : backup_platform(o->db, argv[1], &report, &err);
	if (st)
		return fail_svc(&err);
	long rows = 0;
	for (size_t i = 0; i < report.n; i++)
		rows += report.tables[i].rows;
	printf(restore ? "restored %s from %s: %zu tables, %ld rows, each compared with the backup\n"
		       : "backed %s up into %s: %zu tables, %ld rows, each compared with the platform\n",
	       restore ? o->db : o->db, argv[1], report.n, rows);
	copy_report_free(&report);
	return 0;
}

static int cmd_backup(const struct options *o, int argc, char **argv)
{
	return backup_or_restore(o, argc, argv, 0);
}

static int cmd_restore(const struct options *o, int argc, char **argv)
{
	return backup_or_restore(o, argc, argv, 1);
}

static const struct command commands[] = {
	{ "init", "init [--force]", "create the database from the seed data", cmd_init },
	{ "processes", "processes [--at YEAR] [--json]", "list the processes", cmd_processes },
	{ "show", "show PROCESS [--at YEAR] [--json]", "one process: facts, leadership, participants", cmd_show },
	{ "members", "members PROCESS [--role member|observer|partner|participant|activity-partner|all] [--at YEAR] [--json|--csv]",
	  "who takes part in a process, now or in a past year", cmd_members },
	{ "state", "state COUNTRY [--at YEAR] [--json]", "every process a state takes part in", cmd_state },
	{ "overlap", "overlap A B [--at YEAR] [--json] | overlap --matrix [--at YEAR] [--json|--csv]",
	  "shared and exclusive members of processes, Jaccard index", cmd_overlap },
	{ "fact", "fact add PROCESS --party P --role ROLE [--status S] [--since Y] [--until Y] [--label L] [--note N]\n"
		  "             --source ID-OR-TITLE --section S [--url U] --as-of DATE [--as-of-stated yes|no]\n"
		  "             rcphub fact end PROCESS ID --until Y --source ... | fact correct PROCESS ID [...as add]",
	  "edit who takes part: a participation added, ended (the world changed) or corrected (it was wrong)", cmd_fact },
	{ "post", "post add PROCESS --post chair|co-chair|steering-group|thematic-coordinator --party P [--portfolio T]\n"
		  "             [--since Y] [--until Y] --source ... | post end PROCESS ID --until Y --source ...\n"
		  "             rcphub post correct PROCESS ID [...as add]",
	  "edit a process's leadership: chairs, co-chairs, steering groups, coordinators", cmd_post },
	{ "registry", "registry diff [DIR] | registry apply [DIR]",
	  "what the seed data (DIR, else data/) would change in this registry; apply it, accounts and documents untouched",
	  cmd_registry },
	{ "history", "history PROCESS [--json]", "who changed what in a process's registry, when, from which source", cmd_history },
	{ "summary", "summary", "counts and the states in the most processes", cmd_summary },
	{ "serve", "serve [--listen HOST:PORT] [--threads N] [--tls-cert FILE --tls-key FILE] "
		   "[--max-connections N] [--max-connections-per-address N] [--request-timeout SECONDS] "
		   "[--second-factor required|optional] [--trust-proxy ADDRESS]",
	  "run the web server and JSON API until SIGINT or SIGTERM", cmd_serve },
	{ "user", "user add USER (--government CODE | --org NAME) [--admin] [--name NAME] [--email ADDRESS] "
		  "--password-stdin\n"
		  "             rcphub user grant USER PROCESS ROLE | user revoke USER PROCESS\n"
		  "             rcphub user disable USER | user enable USER | user password USER --password-stdin\n"
		  "             rcphub user token USER [--name NAME] [--days 1..365] | user totp USER [--off]\n"
		  "             rcphub user list [--json]",
	  "manage accounts and their roles per process", cmd_user },
	{ "doc", "doc add PROCESS --title T --level LEVEL [--kind K] [--date YYYY-MM-DD] [--state S]\n"
		 "             [--body-file F] [--file F] [--reader USER]... [--json]\n"
		 "             rcphub doc list PROCESS [--json] | doc show ID [--json] | doc versions ID [--json]\n"
		 "             rcphub doc update ID [--title T] [--level L] [...as add] [--json]\n"
		 "             rcphub doc delete ID",
	  "add, list, show, change and delete the documents of a process", cmd_doc },
	{ "focal", "focal add PROCESS STATE --name NAME --email EMAIL [--title T] [--position focal-point|alternate]\n"
		   "             [--ministry foreign-affairs|interior|justice|labour|immigration|other] [--phone P]\n"
		   "             [--languages en,fr] [--verified YYYY-MM-DD] [--json]\n"
		   "             rcphub focal list [PROCESS] [--state STATE] [--stale MONTHS] [--json|--csv|--vcard]\n"
		   "             rcphub focal show ID [--json] | focal update ID [...as add] | focal delete ID",
	  "national focal points: the directory, contact cards and freshness", cmd_focal },
	{ "meeting", "meeting add PROCESS --title T --type TYPE --start YYYY-MM-DD [--end YYYY-MM-DD]\n"
		     "             [--series NAME] [--working-group NAME] [--host COUNTRY] [--hosted-in-kind yes|no]\n"
		     "             [--venue V] [--chair C] [--level LEVEL] [--invitations-sent YYYY-MM-DD] [--json]\n"
		     "             rcphub meeting list PROCESS [--year Y] [--json] | meeting show ID [--json]\n"
		     "             rcphub meeting update ID [...as add] | meeting delete ID\n"
		     "             rcphub meeting indicators PROCESS [--year Y] [--json] | meeting calendar PROCESS\n"
		     "             rcphub meeting agenda ID --title T --proposer state|secretariat|partner [--party P]\n"
		     "             rcphub meeting attach ID DOCUMENT | meeting minutes ID (--body-file F | --state S)\n"
		     "             rcphub meeting corrigendum ID --body-file F",
	  "meetings at both levels, their continuity and level mix, and an iCalendar feed", cmd_meeting },
	{ "delegate", "delegate add MEETING PARTY --name NAME --rank technical|mid-level|senior|political\n"
		      "             [--department foreign-affairs|interior|justice|labour|immigration|other] [--json]",
	  "record who a state or organisation sent to a meeting", cmd_delegate },
	{ "plan", "plan add PROCESS --title T [--meeting ID] [--adopted YYYY-MM-DD] [--level LEVEL] [--json]\n"
		  "             rcphub plan item add PLAN --text T --owner STATE|all-members|secretariat... [--due YYYY-MM-DD]\n"
		  "             rcphub plan progress ITEM STATE --status not-started|in-progress|done|dropped\n"
		  "                    [--date YYYY-MM-DD] [--note T] [--evidence DOC]\n"
		  "             rcphub plan report PLAN [--at YYYY-MM-DD] [--json|--csv] | plan overdue PROCESS [--at D] [--json]\n"
		  "             rcphub plan show PLAN",
	  "plans of action: commitments per state, progress, the follow-up report", cmd_plan },
	{ "evidence", "evidence add PROCESS --phase 1|2|3 --effect EFFECT --description TEXT --source TEXT\n"
		      "                    [--section S] [--state COUNTRY]... [--date YYYY[-MM[-DD]]]\n"
		      "                    [--strength contributed|coincided|claimed] [--confidence low|medium|high]\n"
		      "                    [--kind publication|document|meeting|interview|other] [--document ID]\n"
		      "                    [--meeting ID] [--level LEVEL] [--json]\n"
		      "             rcphub evidence list [PROCESS] [--phase N] [--json] | evidence show ID [--json]\n"
		      "             rcphub evidence delete ID | evidence load [FILE]",
	  "evidence of what a process changed, in the report's three phases, with its source", cmd_evidence },
	{ "interview", "interview protocol add --name N --questions-file F | interview protocol list\n"
		       "             rcphub interview add PROCESS --protocol ID --affiliation government|international-organisation|\n"
		       "                    ngo|academia|other --language en|fr|es|de|pt|ru|ar [--held YYYY-MM-DD]\n"
		       "                    [--interviewee NAME] [--organisation ORG] [--notes T] [--json]\n"
		       "             rcphub interview statement ID --effect EFFECT --text T [--evidence ID] [--json]\n"
		       "             rcphub interview list PROCESS [--json] | interview show ID [--json]",
	  "interviews about a process (always restricted) and the statements coded from them", cmd_interview },
	{ "lessons", "lessons [PROCESS] [--at YYYY|YYYY-MM-DD] [--json]",
	  "the report's eleven lessons computed from a process's records (every process's without one)", cmd_lessons },
	{ "assess", "assess PROCESS [--at YYYY|YYYY-MM-DD] [--json|--html]",
	  "a process's assessment: evidence phase by phase, the lessons, what the records cannot show", cmd_assess },
	{ "duplication", "duplication [PROCESS PROCESS] [--at YYYY] [--json]",
	  "whether two processes duplicate each other (every candidate pair without them), with the reasons",
	  cmd_duplication },
	{ "indicator", "indicator add PROCESS CODE --name NAME --unit UNIT [--periodicity A|S|Q|M]\n"
		       "                    [--dimension NAME[=CODE+CODE...]]... [--unit_mult N] [--definition T]\n"
		       "                    [--level LEVEL] [--json]\n"
		       "             rcphub indicator list PROCESS [--json] | indicator show PROCESS CODE",
	  "the indicators a process collects from its member states", cmd_indicator },
	{ "stats", "stats import PROCESS FILE [--dry-run] [--json] [--indicator CODE] [--map COLUMN=ROLE]...\n"
		   "             rcphub stats export PROCESS [--indicator CODE] [--state COUNTRY] [--from PERIOD]\n"
		   "                    [--to PERIOD] [--format sdmx-csv|csv|json] [--labels]\n"
		   "             rcphub stats check PROCESS [--indicator CODE] [--json]\n"
		   "             rcphub stats history PROCESS INDICATOR STATE PERIOD [--dims CODE.CODE] [--json]",
	  "statistics exchange: SDMX-CSV imports and exports, comparability checks", cmd_stats },
	{ "matrix", "matrix add PROCESS NAME [--description T] [--level LEVEL] [--json] | matrix list PROCESS [--json]\n"
		    "             rcphub matrix question add MATRIX CODE --text T --answers A,B,C [--ordered] [--scores 0,1,2] [--json]\n"
		    "             rcphub matrix answer MATRIX CODE COUNTRY ANSWER --date YYYY-MM-DD [--source S]\n"
		    "             rcphub matrix show MATRIX [--at YYYY-MM-DD] [--json] | matrix convergence MATRIX [--json]",
	  "policy matrices: members' dated answers, snapshots, convergence over time", cmd_matrix },
	{ "term", "term add TERM --lang en|fr|es|ru|ar --definition TEXT [--process PROCESS] [--source TEXT]\n"
		  "                    [--same-as TERM] [--related TERM]... [--contested TERM]... [--level LEVEL] [--json]\n"
		  "             rcphub term list [--process PROCESS|shared] [--lang LANG] [--json]\n"
		  "             rcphub term show TERM [--json] | term search WORDS [--json]",
	  "the common language: terms and definitions in five languages, per process and shared", cmd_term },
	{ "glossary", "glossary import FILE [--process PROCESS] [--level LEVEL]   (TBX or CSV)\n"
		      "             rcphub glossary export [--process PROCESS|shared] [--format csv|tbx]",
	  "load and save glossaries as TBX (ISO 30042) or CSV", cmd_glossary },
	{ "audit", "audit [--process PROCESS] [--limit N] [--csv | --json]",
	  "show the audit log, newest first", cmd_audit },
	{ "copy-store", "copy-store --from DATABASE --to DATABASE",
	  "copy a whole platform between SQLite and PostgreSQL, then compare contents", cmd_copy_store },
	{ "backup", "backup FILE", "back the platform up into a new SQLite file, then compare contents", cmd_backup },
	{ "restore", "restore FILE", "put a backup in place of the platform, then compare contents", cmd_restore },
};

const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int usage(FILE *to)
{
	fprintf(to, "usage: rcphub [--db DATABASE] COMMAND [ARGS]\n\n"
		    "The platform of Regional Consultative Processes on migration.\n"
		    "The database is --db, else $RCPHUB_DB, else %s: a SQLite file\n"
		    "or a postgresql://USER@HOST:PORT/DATABASE URL.\n\ncommands:\n", DEFAULT_DB);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(to, "  %-10s %s\n             rcphub %s\n", commands[i].name,
			commands[i].help, commands[i].usage);
	return to == stdout ? 0 : EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct options o = { getenv("RCPHUB_DB") };
	if (!o.db || !*o.db)
		o.db = DEFAULT_DB;
	text_init();
	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout);
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			o.db = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			o.db = argv[i] + 5;
			i++;
		} else {
			fprintf(stderr, "rcphub: unknown option %s\n", argv[i]);
			return usage(stderr);
		}
	}
	if (i == argc)
		return usage(stderr);
	const struct command *c = find_command(argv[i]);
	if (!c) {
		fprintf(stderr, "rcphub: unknown command \"%s\"\n", argv[i]);
		return usage(stderr);
	}
	if (!*o.db) {
		fprintf(stderr, "rcphub: --db needs a file name\n");
		return EXIT_USAGE;
	}
	return c->run(&o, argc - i, argv + i);
}
