/* model.h: the registry's plain types: processes, participants, roles over time */
#ifndef RCPHUB_MODEL_H
#define RCPHUB_MODEL_H

#include <stddef.h>

enum role {
	ROLE_MEMBER,
	ROLE_OBSERVER,
	ROLE_PARTNER,
	ROLE_PARTICIPANT,       /* "participant status" */
	ROLE_ACTIVITY_PARTNER,  /* "partner for specific activities" */
	ROLE_COUNT
};

enum status { STATUS_ACTIVE, STATUS_SUSPENDED, STATUS_FORMER, STATUS_COUNT };

enum party_kind { PARTY_GOVERNMENT, PARTY_TERRITORY, PARTY_ORGANISATION, PARTY_COUNT };

/* Where a fact comes from: a source document, its section or page, its
 * address (NULL when it has none), the date the fact describes ("2009",
 * "2024-05"), and whether the source states that date or it is inferred
 * (from the source's publication, or the latest events it reports). */
struct provenance {
	char *source;
	char *section;
	char *url;
	char *as_of;
	int inferred;
};

struct strlist {
	char **items;
	size_t n;
};

struct country {
	char alpha2[3];
	char alpha3[4];
	char numeric[4];
	char *name;           /* display name */
	char *iso_name;       /* the ISO 3166-1 short name */
	char *official_name;  /* may be NULL */
	char *territory_of;   /* alpha-3 of the sovereign state, or NULL */
};

struct organisation {
	char *slug;
	char *acronym;  /* may be empty */
	char *name;
	char *kind;
	struct strlist aliases;
};

/* One party's role in one process over a span of years. A year Y is in
 * the span when since <= Y < until; 0 leaves that end open (since 0:
 * from the start as far as the sources tell). */
struct participation {
	char *process_slug;
	char *process_acronym;
	enum party_kind kind;
	char *code;  /* ISO 3166-1 alpha-3, or the organisation's slug */
	char *name;
	enum role role;
	enum status status;
	int since;
	int until;
	char *label;  /* the group the source lists it in, or NULL */
	char *note;   /* the source's qualifier, or NULL */
	char *source_name;  /* the name as the source writes it, or NULL */
	struct provenance prov;
	int id;       /* its number within its process */
	int version;  /* raised by every edit */
	int edited;   /* 1: a person edited it here; 0: as its seed gives it */
};

struct participation_list {
	struct participation *items;
	size_t n, cap;
};

/* A leadership post: chair, co-chair, steering group, thematic coordinator. */
struct leader {
	char *position;
	enum party_kind kind;
	char *code;
	char *name;
	char *portfolio;  /* may be NULL */
	int since, until;
	struct provenance prov;
	int id;       /* its number within its process */
	int version;  /* raised by every edit */
	int edited;   /* 1: a person edited it here; 0: as its seed gives it */
};

struct working_group {
	char *name;
	struct strlist chairs;     /* alpha-3 codes */
	struct strlist co_chairs;  /* alpha-3 codes */
	struct provenance prov;    /* no source: the process's own */
};

/* Texts of one kind (themes, goals, priorities, notes) in order, each
 * with its own provenance; one with no source is the process's own. */
struct text_list {
	struct strlist texts;
	struct provenance *provs;  /* texts.n of them */
};

struct process {
	char *slug;
	char *acronym;
	char *name;
	int established;
	char *region;
	char *scope;  /* "geographic" or "thematic" */
	char *kind;   /* "rcp" (regional consultative process), "irf" (inter-regional forum), "global" */
	char *secretariat_arrangement;
	char *secretariat_text;
	int secretariat_since;
	struct strlist secretariat_orgs;  /* organisation slugs */
	struct strlist aliases;
	struct strlist alias_sources;  /* per alias, its source's id; "" for the process's own */
	struct text_list themes, goals, priorities, notes;
	struct leader *leaders;
	size_t nleaders;
	struct working_group *groups;
	size_t ngroups;
	struct participation_list parts;
	struct provenance prov;
};

/* One edit of one fact of the registry: who made it, when, what the fact
 * read before and after (NULL for none), and the source given for it. */
struct registry_edit {
	long long id, at;
	char *login;
	char *process;   /* slug */
	char *action;    /* add, end, correct, apply */
	char *fact;      /* participation, post; or a list: themes, goals, priorities, notes, working_groups */
	int position;    /* the fact's number within its process; -1 for a whole list */
	char *before, *after;
	struct provenance prov;
	char *source_title;
};

struct registry_edit_list {
	struct registry_edit *items;
	size_t n;
};

void registry_edit_list_free(struct registry_edit_list *l);

struct process_list {
	struct process *items;
	size_t n, cap;
};

/* Names and parsers for the enums; the parsers return -1 for unknown text. */
const char *role_name(enum role r);
int role_parse(const char *s);
const char *status_name(enum status s);
int status_parse(const char *s);
const char *party_kind_name(enum party_kind k);
int party_kind_parse(const char *s);

/* The year of p's as-of date ("2009", "2024-05-01"), or 0 for none. */
int provenance_year(const struct provenance *p);
/* The first year a source attests p: its stated start; else, for an
 * undated fact, its source's as-of year (for one with a stated end, the
 * year before that end when earlier); 0 when nothing dates it. Time is
 * never invented: before this year the sources say nothing of p. */
int participation_attested_from(const struct participation *p);
/* Whether p is attested as holding its role in year:
 * attested_from <= year < until. */
int participation_at(const struct participation *p, int year);
/* Whether p may have held its role in year but no source says so: an
 * undated fact first attested after year, and not ended by then. */
int participation_unattested(const struct participation *p, int year);
/* Whether p holds its role now: not former and without an end. */
int participation_current(const struct participation *p);
/* The name p's source writes for its party when it is another name than
 * the one shown today ("Turkey" for Türkiye; not "UK" or "the
 * Philippines"), else NULL. Points into p. */
const char *participation_name_in_source(const struct participation *p);
/* Whether leadership post l is attested in year (0: held now, no end):
 * its stated start, else its source's date, up to its end. */
int leader_at(const struct leader *l, int year);
/* The year leadership post i of p stops holding: its stated end; else,
 * for a chair (one holder at a time), the first year a source attests a
 * later chair; 0 while nothing ends it. */
int leader_end(const struct process *p, size_t i);
/* leader_at, also ending a chair where a later chair begins. */
int process_leader_at(const struct process *p, size_t i, int year);
/* participation_at for a year, participation_current for 0 (now). */
int participation_holds(const struct participation *p, int year);
/* Appends to out the member governments of p in year (0: now), once each
 * (alpha-3 codes, copied). */
void process_member_governments(const struct process *p, int year, struct strlist *out);

/* A national focal point, or an alternate, of one state (or organisation)
 * in one process, with the details a secretariat reaches them by. */
struct focal_point {
	long long id;
	char *process;      /* slug */
	char *party;        /* alpha-3 of the state, or the organisation's slug */
	char *party_name;   /* the state's or organisation's name */
	int is_organisation;
	int alternate;
	char *name, *title, *ministry, *email, *phone;
	struct strlist languages;  /* ISO 639-1 codes */
	char *verified;     /* YYYY-MM-DD, or NULL: never */
	long long created_at, updated_at;
};

struct focal_point_list {
	struct focal_point *items;
	size_t n;
};

void focal_point_free(struct focal_point *f);
void focal_point_list_free(struct focal_point_list *l);

/* Appends a copy of s (copied) to the list. */
void strlist_push(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);
/* Whether the list holds s. */
int strlist_contains(const struct strlist *l, const char *s);

/* Appends an empty participation and returns it (owned by the list;
 * valid until the next push). */
struct participation *participation_list_push(struct participation_list *l);
void participation_list_free(struct participation_list *l);
void participation_free(struct participation *p);

struct process *process_list_push(struct process_list *l);
void process_list_free(struct process_list *l);
void process_free(struct process *p);
/* The latest as-of year of p's sources: how recent "now" is for it. */
int process_as_of(const struct process *p);
void country_free(struct country *c);
void organisation_free(struct organisation *o);
void provenance_free(struct provenance *p);
/* A copy of p whose strings are new (provenance_free). */
struct provenance provenance_copy(const struct provenance *p);
void leader_free(struct leader *l);
void working_group_free(struct working_group *g);

/* Appends a copy of text to l with a copy of prov (NULL: the process's
 * own source). */
void text_list_push(struct text_list *l, const char *text, const struct provenance *prov);
void text_list_free(struct text_list *l);

/* A process's lists of text, in the order they are shown. */
enum text_kind { TEXT_THEMES, TEXT_GOALS, TEXT_PRIORITIES, TEXT_NOTES, TEXT_KIND_COUNT };
/* "themes", "goals", "priorities", "notes": the key in seed files and JSON. */
const char *text_kind_key(enum text_kind k);
/* p's list of kind k, borrowed from p. */
const struct text_list *process_text_list(const struct process *p, enum text_kind k);
/* The provenance of a fact that may name its own source (own) or take
 * its process's (p); borrowed from either. */
const struct provenance *fact_provenance(const struct process *p, const struct provenance *own);
/* How many texts of l (of process p) a source attests only after year
 * (0: none), and in *first the earliest year one of them is attested. */
size_t text_list_later(const struct process *p, const struct text_list *l, int year, int *first);
/* Whether a fact with provenance prov is attested by year (0: today):
 * its source's as-of year is not after it. */
int provenance_attested_at(const struct provenance *prov, int year);

#endif
