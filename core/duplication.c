/* duplication.c: whether two processes duplicate each other: members, topics, working groups, regional bodies, meeting weeks */
#include "duplication.h"
#include "buf.h"
#include "overlap.h"
#include "text.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct topic_info topics[TOPIC_COUNT] = {
	{ "trafficking", "Trafficking in persons", { "trafficking", NULL } },
	{ "smuggling", "Smuggling of migrants", { "smuggl", NULL } },
	{ "irregular", "Irregular migration", { "irregular", "illegal migra", "undocumented", NULL } },
	{ "asylum", "Asylum and refugees", { "asylum", "refugee", NULL } },
	{ "return", "Return and readmission", { "return", "readmission", "reintegration", NULL } },
	{ "borders", "Borders and visas", { "border", "visa", NULL } },
	{ "labour", "Labour migration", { "labour", "labor", "employment", "worker" } },
	{ "development", "Migration and development", { "development", "remittance", "diaspora", NULL } },
	{ "data", "Data and information", { "data", "statistic", "information", NULL } },
	{ "integration", "Integration", { "integration", NULL } },
	{ "health", "Migration and health", { "health", NULL } },
	{ "rights", "Migrants' rights and protection", { "rights", "welfare", "protection", NULL } },
};

/* Whether folded text holds one of t's words at the start of a word. */
static int names_topic(const char *folded, const struct topic_info *t)
{
	for (size_t i = 0; i < 4 && t->words[i]; i++)
		for (const char *p = strstr(folded, t->words[i]); p; p = strstr(p + 1, t->words[i]))
			if (p == folded || p[-1] == ' ')
				return 1;
	return 0;
}

/* Records text as the first of its list to name each topic it names. */
static void note_topics(const char *text, const char **first)
{
	char *folded = text_fold_words(text);
	for (size_t t = 0; t < TOPIC_COUNT; t++)
		if (!first[t] && names_topic(folded, &topics[t]))
			first[t] = text;
	free(folded);
}

/* For each topic, the first text of p that names it (themes, goals,
 * priorities) into texts, and the first of its working groups into
 * groups; NULL where none does. Each text is folded once. */
static void topics_of(const struct process *p, const char **texts, const char **groups)
{
	const struct text_list *lists[] = { &p->themes, &p->goals, &p->priorities };
	for (size_t t = 0; t < TOPIC_COUNT; t++)
		texts[t] = groups[t] = NULL;
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < lists[k]->texts.n; i++)
			note_topics(lists[k]->texts.items[i], texts);
	for (size_t i = 0; i < p->ngroups; i++)
		note_topics(p->groups[i].name, groups);
}

/* The regional bodies among p's participants and secretariat. */
static void bodies_of(const struct process *p, int year, const struct strlist *regional, struct strlist *out)
{
	for (size_t i = 0; i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (pa->kind == PARTY_ORGANISATION && strlist_contains(regional, pa->code) && participation_holds(pa, year) &&
		    !strlist_contains(out, pa->code))
			strlist_push(out, pa->code);
	}
	for (size_t i = 0; i < p->secretariat_orgs.n; i++)
		if (strlist_contains(regional, p->secretariat_orgs.items[i]) &&
		    !strlist_contains(out, p->secretariat_orgs.items[i]))
			strlist_push(out, p->secretariat_orgs.items[i]);
}

/* Days since the epoch of YYYY-MM-DD. */
static long day_number(const char *day)
{
	struct tm tm = { .tm_year = atoi(day) - 1900, .tm_mon = atoi(day + 5) - 1, .tm_mday = atoi(day + 8) };
	return (long)(timegm(&tm) / 86400);
}

static void same_weeks(const struct meeting_list *ma, const struct meeting_list *mb, struct duplication *out)
{
	for (size_t i = 0; ma && mb && i < ma->n; i++)
		for (size_t k = 0; k < mb->n; k++) {
			long gap = day_number(ma->items[i].start) - day_number(mb->items[k].start);
			if (gap < -7 || gap > 7)
				continue;
			out->weeks = xrealloc(out->weeks, (out->nweeks + 1) * sizeof *out->weeks);
			out->weeks[out->nweeks++] = (struct meeting_pair){ &ma->items[i], &mb->items[k] };
		}
}

static void reason(struct duplication *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(struct duplication *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	strlist_push(&d->reasons, text);
	free(text);
}

/* The verdict and its reasons from what d holds. */
static void judge(const struct process *a, const struct process *b, struct duplication *d)
{
	size_t smaller = d->members_a < d->members_b ? d->members_a : d->members_b;
	int most = d->jaccard >= 0.5;  /* at least half of all their member governments are in both */
	if (d->shared_members)
		reason(d, "%zu member governments in both (Jaccard %.2f); %zu of %s's %zu", d->shared_members, d->jaccard,
		       d->shared_members, d->members_a <= d->members_b ? a->acronym : b->acronym, smaller);
	if (d->ntopics)
		reason(d, "%zu topics in both", d->ntopics);
	size_t groups = 0;
	for (size_t i = 0; i < d->ntopics; i++)
		groups += d->topics[i].in_groups;
	if (groups)
		reason(d, "%zu topics with a working group in each", groups);
	if (d->bodies.n)
		reason(d, "%zu regional bodies take part in both", d->bodies.n);
	if (d->nweeks)
		reason(d, "%zu meetings held within a week of one of the other's", d->nweeks);
	if (most && d->ntopics >= 2)
		d->verdict = "merger";
	else if ((d->shared_members || d->bodies.n) && d->ntopics)
		d->verdict = "cooperation";
	else
		d->verdict = "distinct";
}

void duplication_compare(const struct process *a, const struct process *b, int year, const struct strlist *regional,
			 const struct meeting_list *ma, const struct meeting_list *mb, struct duplication *out)
{
	memset(out, 0, sizeof *out);
	struct strlist ka = { 0 }, kb = { 0 };
	process_member_governments(a, year, &ka);
	process_member_governments(b, year, &kb);
	struct overlap o;
	overlap_compute((const char *const *)ka.items, ka.n, (const char *const *)kb.items, kb.n, &o);
	out->shared_members = o.nshared;
	out->jaccard = o.jaccard;
	out->members_a = ka.n;
	out->members_b = kb.n;
	overlap_free(&o);
	strlist_free(&ka);
	strlist_free(&kb);
	const char *ta[TOPIC_COUNT], *ga[TOPIC_COUNT], *tb[TOPIC_COUNT], *gb[TOPIC_COUNT];
	topics_of(a, ta, ga);
	topics_of(b, tb, gb);
	for (size_t i = 0; i < TOPIC_COUNT; i++) {
		if (!(ta[i] || ga[i]) || !(tb[i] || gb[i]))
			continue;
		out->topics = xrealloc(out->topics, (out->ntopics + 1) * sizeof *out->topics);
		out->topics[out->ntopics++] = (struct shared_topic){ &topics[i], ta[i] ? ta[i] : ga[i], tb[i] ? tb[i] : gb[i],
								     ga[i] && gb[i] };
	}
	struct strlist ba = { 0 }, bb = { 0 };
	bodies_of(a, year, regional, &ba);
	bodies_of(b, year, regional, &bb);
	for (size_t i = 0; i < ba.n; i++)
		if (strlist_contains(&bb, ba.items[i]))
			strlist_push(&out->bodies, ba.items[i]);
	strlist_free(&ba);
	strlist_free(&bb);
	same_weeks(ma, mb, out);
	judge(a, b, out);
}

void duplication_free(struct duplication *d)
{
	free(d->topics);
	strlist_free(&d->bodies);
	free(d->weeks);
	strlist_free(&d->reasons);
	memset(d, 0, sizeof *d);
}
