/* lessons.c: the report's eleven lessons (section 4) as indicators computed from a process's own records */
#include "lessons.h"
#include "buf.h"
#include "meeting_figures.h"
#include "plan_report.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *lesson_state_name(enum lesson_state s)
{
	static const char *const names[] = { "no records", "not visible to you", "not expected yet", "weak", "partial",
					     "strong" };
	return s <= LESSON_STRONG ? names[s] : "?";
}

/* The lessons as the report names them, with the rule each follows here
 * and what the records cannot show. */
static const struct {
	const char *key, *name, *section, *unit, *rule, *cannot_show, *summary;
} specs[LESSON_COUNT] = {
	{ "networks", "Knit your networks", "4 Knit your networks", "share",
	  "value: the share of member governments naming a focal point. Strong: at least 80% of members named and at "
	  "least half of the focal points verified in the last 12 months; partial: at least half named; weak: fewer.",
	  "Whether officials call each other between meetings, and whether the secretariat keeps in touch; nor "
	  "who was a focal point on an earlier day: they are counted as recorded now.",
	  "Networking needs contact after meetings: contact lists kept current, and focal points designated by ministries as the first port of call and the link with the secretariat." },
	{ "numbers", "Manage your numbers", "4 Manage your numbers", "members",
	  "value: the number of member governments. Strong: under 20; partial: 20 or more with a steering group or "
	  "working groups to keep a smaller circle; weak: 20 or more without either.",
	  "Whether members take part in equal measure, or hold 'pro forma' membership.",
	  "A smaller process (under about 20 countries) communicates more easily; a larger one can keep the benefits through steering and working groups." },
	{ "data", "Gather data", "4 Gather data", "share",
	  "value: the share of (member government, indicator) pairs with at least one value. Strong: at least 75%; "
	  "partial: at least 40%; weak: less. Timeliness: the share of those whose latest period is in the last two "
	  "years. A founding process (under 3 years) without indicators is not expected to have them yet.",
	  "Data exchanged outside the platform, and sensitive information shared in closed meetings; values are "
	  "counted as submitted by now, whatever the day asked.",
	  "A process can collate comparable data from all its states, secure where it is sensitive; all should make it standard practice." },
	{ "lead", "Take the lead", "4 Take the lead", "count",
	  "value: how many of the three leadership modes the registry records: a chair (or co-chairs), a "
	  "secretariat, a steering group. Strong: a secretariat with a chair or steering group; partial: one of "
	  "secretariat or steering group; weak: a chair alone (the report's risk: a rotating chair with no "
	  "secretariat). Continuity: the chairs recorded in the last five years.",
	  "How well meetings are chaired, and whether the secretariat keeps the process's memory.",
	  "Chairs set the agenda and run meetings, secretariats support them and keep the institutional memory, steering groups carry the work between meetings; with no secretariat and a chair that rotates automatically, interest wanes." },
	{ "people", "Send the right people", "4 Send the right people", "share",
	  "value: the share of meetings with delegates whose delegates span both the technical or mid-level ranks and "
	  "the senior or political ranks. Strong: at least half, and at least 30% of delegates returning from the "
	  "series' previous meeting where that can be told; partial: some; weak: none (one level only).",
	  "Whether delegates know how migration works on the ground, and the authority they carry at home.",
	  "Neither politicians alone nor technical officials alone: a mix of technical, mid-level and senior officials with political back-up, and continuity among them." },
	{ "structure", "Create a two-level structure", "4 Create a two-level structure", "count",
	  "value: the number of meeting types held. Technical level: technical workshops, thematic seminars, working "
	  "groups; political level: senior officials' and ministerial meetings. Strong: both levels; partial: one "
	  "level with several types; weak: one type only.",
	  "Whether the structure fits what the process wants to achieve.",
	  "Technical workshops and working groups for learning and capacity, ministerial and senior meetings for strategy and common positions: a mix of both." },
	{ "confidentiality", "Respect confidentiality", "4 Respect confidentiality", "count",
	  "value: the number of the process's documents recording rules of engagement (titles with 'rules of "
	  "engagement', 'rules of procedure', 'terms of reference' or 'modalities'). Strong: at least one, with "
	  "most meetings recorded as closed (not public); partial: either; weak: neither.",
	  "Whether confidentiality is respected in practice, and whether participants speak freely.",
	  "Participants speak freely when discussions are confidential; a few rules of engagement for members and observers help." },
	{ "ownership", "Own your process", "4 Own your process", "share",
	  "value: the share of meetings hosted by a member state. Strong: at least 75%, with at least half of the "
	  "recorded agenda items proposed by states; partial: at least 40%; weak: less.",
	  "Who pays: funding and in-kind contributions are not recorded here.",
	  "Only processes led by their states have a future; states show ownership by paying, hosting, setting the agenda and following up." },
	{ "issues", "Choose the issues carefully", "4 Choose the issues carefully", "count",
	  "value: the number of themes the registry records. Strong: six or fewer, or working groups to carry "
	  "more; partial: more than six without working groups.",
	  "Whether the issues are manageable ones on which states agree that something must be done.",
	  "Manageable issues on which states agree something must be done, above all at first; and the capacity to move on as priorities change." },
	{ "formality", "Find a middle way between informality and formality", "4 Find a middle way", "share",
	  "value: the share of plan commitments done by the day. Strong: at least 60%; partial: at least 30%; weak: "
	  "less. A founding process (under 3 years) without plans is not expected to have them yet.",
	  "Political buy-in, and whether the plans are the right ones.",
	  "Informal, yet with ways to turn words into action: plans of action, and focal points following them up; commitments made should be kept." },
	{ "vitality", "Flowers on graves: vitality", "4 Flowers on graves: letting RCPs die", "months",
	  "value: the months since the last meeting held. Strong: 12 or fewer; partial: up to 24; weak: more. "
	  "Attendance: the share of member governments attending, in the last two years with meetings.",
	  "Whether states still find the process worth funding.",
	  "When a process no longer serves its states, or goes nowhere for a reasonable time, closing it is no failure." },
};

struct lesson_stage lesson_stage_of(const struct process *p, const char *day)
{
	int year = atoi(day);
	struct lesson_stage s = { .age = -1, .stage = "unknown" };
	if (p->established <= 0 || p->established > year)
		return s;
	s.age = year - p->established;
	s.stage = s.age < 3 ? "founding" : s.age < 10 ? "developing" : "established";
	return s;
}

static void reading(struct lesson *l, struct buf *b)
{
	free(l->reading);
	l->reading = buf_release(b, NULL);
}

static void set_value(struct lesson *l, double value, enum lesson_state state)
{
	l->has_value = 1;
	l->value = value;
	l->state = state;
}

static void add_record(struct lesson *l, const char *kind, long long id)
{
	char ref[48];
	snprintf(ref, sizeof ref, "%s:%lld", kind, id);
	strlist_push(&l->records, ref);
}

static int held_by(const struct meeting *m, const char *day)
{
	return strcmp(m->start, day) <= 0;
}

/* Whether the leadership post of p at i, of position, holds in year. */
static int post_held(const struct process *p, size_t i, const char *position, int year)
{
	return strcmp(p->leaders[i].position, position) == 0 && process_leader_at(p, i, year);
}

static void lesson_networks(const struct lesson_inputs *in, const struct strlist *members, struct lesson *l)
{
	struct buf b = { 0 };
	if (!in->focal_points) {
		l->state = in->hidden_focal_points ? LESSON_HIDDEN : LESSON_NO_RECORDS;
		return;
	}
	if (!in->focal_points->n || !members->n) {
		buf_appendf(&b, "%s", members->n ? "no focal points recorded" : "no member governments recorded");
		reading(l, &b);
		return;
	}
	char since[11], year[16];
	memcpy(since, in->day, sizeof since);
	snprintf(year, sizeof year, "%04d", atoi(in->day) - 1);
	memcpy(since, year, 4);  /* the same day a year before; days are 1900 to 2999 */
	size_t named = 0, fresh = 0;
	for (size_t k = 0; k < members->n; k++)
		for (size_t i = 0; i < in->focal_points->n; i++)
			if (strcmp(in->focal_points->items[i].party, members->items[k]) == 0) {
				named++;
				break;
			}
	for (size_t i = 0; i < in->focal_points->n; i++) {
		const struct focal_point *f = &in->focal_points->items[i];
		fresh += f->verified && strcmp(f->verified, since) >= 0 && strcmp(f->verified, in->day) <= 0;
		add_record(l, "focal-point", f->id);
	}
	double share = (double)named / (double)members->n;
	int fresh_enough = 2 * fresh >= in->focal_points->n;
	set_value(l, share, share >= 0.8 && fresh_enough ? LESSON_STRONG : share >= 0.5 ? LESSON_PARTIAL : LESSON_WEAK);
	buf_appendf(&b, "%zu of %zu member governments name a focal point; %zu of %zu focal points verified since %s",
		    named, members->n, fresh, in->focal_points->n, since);
	reading(l, &b);
}

static void lesson_numbers(const struct lesson_inputs *in, const struct strlist *members, struct lesson *l)
{
	const struct process *p = in->p;
	if (!members->n)
		return;
	size_t steering = 0;
	for (size_t i = 0; i < p->nleaders; i++)
		steering += post_held(p, i, "steering-group", in->year);
	int smaller_circle = steering > 0 || p->ngroups > 0;
	size_t n = members->n;
	set_value(l, (double)n, n < 20 ? LESSON_STRONG : smaller_circle ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu member governments; %zu working group%s; %s", n, p->ngroups, p->ngroups == 1 ? "" : "s",
		    steering ? "a steering group" : "no steering group recorded");
	reading(l, &b);
	strlist_push(&l->records, "registry:participants");
	if (smaller_circle)
		strlist_push(&l->records, steering ? "registry:leaders" : "registry:working-groups");
}

/* Whether a submission's latest period falls in the two years to year. */
static int recent(const struct submission *s, int year)
{
	return atoi(s->latest) >= year - 1;
}

static void lesson_data(const struct lesson_inputs *in, const struct strlist *members, const struct lesson_stage *st,
			struct lesson *l)
{
	if (!in->indicators || !in->indicators->n || !members->n) {
		l->state = st->age >= 0 && st->age < 3 ? LESSON_NOT_YET : LESSON_NO_RECORDS;
		return;
	}
	size_t given = 0, timely = 0, cells = in->indicators->n * members->n;
	int year = atoi(in->day);
	for (size_t i = 0; i < in->indicators->n; i++) {
		add_record(l, "indicator", in->indicators->items[i].id);
		for (size_t k = 0; k < members->n; k++)
			for (size_t j = 0; in->submissions && j < in->submissions->n; j++) {
				const struct submission *s = &in->submissions->items[j];
				if (s->indicator == in->indicators->items[i].id && strcmp(s->ref_area, members->items[k]) == 0 &&
				    s->values > 0) {
					given++;
					timely += recent(s, year);
					break;
				}
			}
	}
	double share = (double)given / (double)cells;
	set_value(l, share, share >= 0.75 ? LESSON_STRONG : share >= 0.4 ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu of %zu member-indicator pairs have values (%zu indicators, %zu members); %zu of them "
		    "reach %d or later", given, cells, in->indicators->n, members->n, timely, year - 1);
	reading(l, &b);
}

static void lesson_lead(const struct lesson_inputs *in, struct lesson *l)
{
	const struct process *p = in->p;
	const char *arr = p->secretariat_arrangement;
	int known_secretariat = arr && strcmp(arr, "unknown") != 0;
	int secretariat = known_secretariat && strcmp(arr, "none") != 0;
	size_t chairs = 0, steering = 0, recent_chairs = 0;
	int year = in->year ? in->year : atoi(in->day);
	for (size_t i = 0; i < p->nleaders; i++) {
		const char *pos = p->leaders[i].position;
		int chair = strcmp(pos, "chair") == 0 || strcmp(pos, "co-chair") == 0;
		chairs += chair && process_leader_at(p, i, in->year);
		steering += post_held(p, i, "steering-group", in->year);
		int end = leader_end(p, i), from = p->leaders[i].since;
		recent_chairs += chair && (!end || end > year - 5) && (!from || from <= year);
	}
	if (!known_secretariat && !p->nleaders)
		return;
	int modes = (chairs > 0) + secretariat + (steering > 0);
	set_value(l, modes, secretariat && (chairs || steering) ? LESSON_STRONG
				: secretariat || steering ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%s; secretariat: %s; %s; %zu chair%s in the last five years", chairs ? "a chair" : "no chair recorded",
		    known_secretariat ? arr : "not known", steering ? "a steering group" : "no steering group",
		    recent_chairs, recent_chairs == 1 ? "" : "s");
	reading(l, &b);
	strlist_push(&l->records, "registry:leaders");
	strlist_push(&l->records, "registry:secretariat");
}

static int rank_high(const char *rank)
{
	return strcmp(rank, "senior") == 0 || strcmp(rank, "political") == 0;
}

static void lesson_people(const struct lesson_inputs *in, struct lesson *l)
{
	size_t with_delegates = 0, balanced = 0, delegates = 0;
	for (size_t i = 0; i < in->meetings->n; i++) {
		const struct meeting *m = &in->meetings->items[i];
		if (!held_by(m, in->day) || !m->delegates.n)
			continue;
		int low = 0, high = 0;
		for (size_t k = 0; k < m->delegates.n; k++) {
			const char *rank = m->delegates.items[k].rank ? m->delegates.items[k].rank : "";
			high |= rank_high(rank);
			low |= !rank_high(rank) && *rank;
		}
		with_delegates++;
		balanced += low && high;
		delegates += m->delegates.n;
		add_record(l, "meeting", m->id);
	}
	if (!with_delegates)
		return;
	struct meeting_list held = { in->meetings->items, 0 };
	while (held.n < in->meetings->n && held_by(&in->meetings->items[held.n], in->day))
		held.n++;
	struct meeting_indicators f;
	meeting_figures(in->p, &held, &f);
	double continuity = 0;
	size_t measured = 0;
	for (size_t i = 0; i < f.n; i++)
		if (f.meetings[i].has_continuity) {
			continuity += f.meetings[i].continuity;
			measured++;
		}
	meeting_figures_free(&f);
	double share = (double)balanced / (double)with_delegates;
	int returning = !measured || continuity / (double)measured >= 0.3;
	set_value(l, share, share >= 0.5 && returning ? LESSON_STRONG : share > 0 ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu of %zu meetings with delegates mixed both levels (%zu delegates)", balanced, with_delegates,
		    delegates);
	if (measured)
		buf_appendf(&b, "; %.0f%% of delegates returned from the series' previous meeting, on average",
			    100.0 * continuity / (double)measured);
	reading(l, &b);
}

static int technical_type(const char *type)
{
	return strcmp(type, "technical-workshop") == 0 || strcmp(type, "thematic-seminar") == 0 ||
	       strcmp(type, "working-group") == 0;
}

static int political_type(const char *type)
{
	return strcmp(type, "senior-officials") == 0 || strcmp(type, "ministerial") == 0;
}

static void lesson_structure(const struct lesson_inputs *in, struct lesson *l)
{
	struct strlist types = { 0 };
	size_t held = 0, technical = 0, political = 0;
	for (size_t i = 0; i < in->meetings->n; i++) {
		const struct meeting *m = &in->meetings->items[i];
		if (!held_by(m, in->day))
			continue;
		held++;
		technical += technical_type(m->type);
		political += political_type(m->type);
		if (!strlist_contains(&types, m->type))
			strlist_push(&types, m->type);
		add_record(l, "meeting", m->id);
	}
	if (held) {
		set_value(l, (double)types.n, technical && political ? LESSON_STRONG
					      : types.n > 1 ? LESSON_PARTIAL : LESSON_WEAK);
		struct buf b = { 0 };
		buf_appendf(&b, "%zu meetings: %zu at technical level, %zu at political level, %zu other; %zu type%s",
			    held, technical, political, held - technical - political, types.n, types.n == 1 ? "" : "s");
		reading(l, &b);
	}
	strlist_free(&types);
}

/* Whether a document's title says it holds rules of engagement. */
static int rules_title(const char *title)
{
	static const char *const words[] = { "rules of engagement", "rules of procedure", "terms of reference",
					     "modalities", NULL };
	char *folded = text_fold(title);
	int found = 0;
	for (size_t i = 0; words[i] && !found; i++)
		found = strstr(folded, words[i]) != NULL;
	free(folded);
	return found;
}

static void lesson_confidentiality(const struct lesson_inputs *in, struct lesson *l)
{
	size_t rules = 0, held = 0, closed = 0;
	for (size_t i = 0; in->documents && i < in->documents->n; i++)
		if (rules_title(in->documents->items[i].title)) {
			rules++;
			add_record(l, "document", in->documents->items[i].id);
		}
	for (size_t i = 0; i < in->meetings->n; i++) {
		const struct meeting *m = &in->meetings->items[i];
		if (held_by(m, in->day)) {
			held++;
			closed += m->level != LEVEL_PUBLIC;
		}
	}
	if (!held && !(in->documents && in->documents->n))
		return;
	int mostly_closed = held && 2 * closed > held;
	set_value(l, (double)rules, rules && mostly_closed ? LESSON_STRONG
				    : rules || mostly_closed ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu document%s of rules of engagement; %zu of %zu meetings recorded as closed", rules,
		    rules == 1 ? "" : "s", closed, held);
	reading(l, &b);
}

static void lesson_ownership(const struct lesson_inputs *in, const struct strlist *members, struct lesson *l)
{
	size_t held = 0, hosted = 0, items = 0, by_states = 0;
	for (size_t i = 0; i < in->meetings->n; i++) {
		const struct meeting *m = &in->meetings->items[i];
		if (!held_by(m, in->day))
			continue;
		held++;
		hosted += m->host && strlist_contains(members, m->host);
		for (size_t k = 0; k < m->nagenda; k++) {
			items++;
			by_states += m->agenda[k].proposer_kind && strcmp(m->agenda[k].proposer_kind, "state") == 0;
		}
		add_record(l, "meeting", m->id);
	}
	if (!held)
		return;
	double share = (double)hosted / (double)held;
	int states_lead = !items || 2 * by_states >= items;
	set_value(l, share, share >= 0.75 && states_lead ? LESSON_STRONG : share >= 0.4 ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu of %zu meetings hosted by a member state", hosted, held);
	if (items)
		buf_appendf(&b, "; %zu of %zu agenda items proposed by states", by_states, items);
	else
		buf_appendf(&b, "; no agenda items recorded");
	reading(l, &b);
}

static void lesson_issues(const struct lesson_inputs *in, struct lesson *l)
{
	const struct process *p = in->p;
	size_t themes = 0;
	for (size_t i = 0; i < p->themes.texts.n; i++)
		themes += provenance_attested_at(fact_provenance(p, &p->themes.provs[i]), in->year);
	if (!themes)
		return;
	set_value(l, (double)themes, themes <= 6 || p->ngroups ? LESSON_STRONG : LESSON_PARTIAL);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu theme%s; %zu working group%s", themes, themes == 1 ? "" : "s", p->ngroups,
		    p->ngroups == 1 ? "" : "s");
	reading(l, &b);
	strlist_push(&l->records, "registry:themes");
	if (p->ngroups)
		strlist_push(&l->records, "registry:working-groups");
}

static void lesson_formality(const struct lesson_inputs *in, const struct lesson_stage *st, struct lesson *l)
{
	size_t plans = 0, done = 0, total = 0, overdue = 0;
	for (size_t i = 0; i < in->plans->n; i++) {
		const struct plan *p = &in->plans->items[i];
		if (strcmp(p->adopted, in->day) > 0)
			continue;
		struct plan_report rep;
		plan_report(p, in->day, &rep);
		done += rep.done;
		total += rep.total;
		for (size_t k = 0; k < rep.n; k++)
			overdue += rep.rows[k].overdue;
		plan_report_free(&rep);
		plans++;
		add_record(l, "plan", p->id);
	}
	if (!total) {
		l->state = !plans && st->age >= 0 && st->age < 3 ? LESSON_NOT_YET : LESSON_NO_RECORDS;
		if (plans) {
			struct buf b = { 0 };
			buf_appendf(&b, "%zu plan%s without commitments", plans, plans == 1 ? "" : "s");
			reading(l, &b);
		}
		return;
	}
	double share = (double)done / (double)total;
	set_value(l, share, share >= 0.6 ? LESSON_STRONG : share >= 0.3 ? LESSON_PARTIAL : LESSON_WEAK);
	struct buf b = { 0 };
	buf_appendf(&b, "%zu of %zu commitments done in %zu plan%s; %zu overdue", done, total, plans,
		    plans == 1 ? "" : "s", overdue);
	reading(l, &b);
}

/* Whole months from day a to day b (YYYY-MM-DD, a not after b). */
static int months_between(const char *a, const char *b)
{
	int months = (atoi(b) - atoi(a)) * 12 + atoi(b + 5) - atoi(a + 5);
	return months - (atoi(b + 8) < atoi(a + 8));
}

static void lesson_vitality(const struct lesson_inputs *in, const struct strlist *members, struct lesson *l)
{
	const struct meeting *last = NULL;
	for (size_t i = 0; i < in->meetings->n; i++)
		if (held_by(&in->meetings->items[i], in->day))
			last = &in->meetings->items[i];
	if (!last)
		return;
	int months = months_between(last->start, in->day);
	set_value(l, months, months <= 12 ? LESSON_STRONG : months <= 24 ? LESSON_PARTIAL : LESSON_WEAK);
	add_record(l, "meeting", last->id);
	struct buf b = { 0 };
	buf_appendf(&b, "last meeting %s (%d month%s before %s)", last->start, months, months == 1 ? "" : "s", in->day);
	struct strlist years[2] = { { 0 }, { 0 } };
	int year_of[2] = { 0, 0 };
	for (size_t i = in->meetings->n; i-- > 0;) {
		const struct meeting *m = &in->meetings->items[i];
		int y = atoi(m->start);
		if (!held_by(m, in->day))
			continue;
		int slot = !year_of[0] || y == year_of[0] ? 0 : !year_of[1] || y == year_of[1] ? 1 : -1;
		if (slot < 0)
			break;
		year_of[slot] = y;
		for (size_t k = 0; k < m->delegates.n; k++)
			if (strlist_contains(members, m->delegates.items[k].party) &&
			    !strlist_contains(&years[slot], m->delegates.items[k].party))
				strlist_push(&years[slot], m->delegates.items[k].party);
	}
	for (int s = 1; s >= 0 && members->n; s--)
		if (year_of[s] && years[s].n)
			buf_appendf(&b, "; %d: %zu of %zu members attended", year_of[s], years[s].n, members->n);
	strlist_free(&years[0]);
	strlist_free(&years[1]);
	reading(l, &b);
}

void lessons_compute(const struct lesson_inputs *in, struct lessons *out)
{
	memset(out, 0, sizeof *out);
	out->stage = lesson_stage_of(in->p, in->day);
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		struct lesson *l = &out->items[i];
		l->number = (int)i + 1;
		l->key = specs[i].key;
		l->name = specs[i].name;
		l->section = specs[i].section;
		l->rule = specs[i].rule;
		l->cannot_show = specs[i].cannot_show;
		l->summary = specs[i].summary;
		l->unit = specs[i].unit;
		l->state = LESSON_NO_RECORDS;
	}
	struct strlist members = { 0 };
	process_member_governments(in->p, in->year, &members);
	struct lesson *l = out->items;
	lesson_networks(in, &members, &l[0]);
	lesson_numbers(in, &members, &l[1]);
	lesson_data(in, &members, &out->stage, &l[2]);
	lesson_lead(in, &l[3]);
	lesson_people(in, &l[4]);
	lesson_structure(in, &l[5]);
	lesson_confidentiality(in, &l[6]);
	lesson_ownership(in, &members, &l[7]);
	lesson_issues(in, &l[8]);
	lesson_formality(in, &out->stage, &l[9]);
	lesson_vitality(in, &members, &l[10]);
	strlist_free(&members);
}

void lessons_free(struct lessons *l)
{
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		free(l->items[i].reading);
		strlist_free(&l->items[i].records);
	}
	memset(l, 0, sizeof *l);
}
