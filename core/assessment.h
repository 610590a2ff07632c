/* assessment.h: evidence of effects in the report's three phases, and its eleven lessons as indicators */
#ifndef RCPHUB_ASSESSMENT_H
#define RCPHUB_ASSESSMENT_H

#include "account.h"
#include "model.h"
#include "stats.h"

#include <stddef.h>

/* The report's effects (section 3), in its order, each with the phase it
 * treats it under: 1 agenda setting and issue definition, 2 consensus
 * building and position convergence, 3 changes in law, policy and
 * practice. */
#define EFFECT_COUNT 12
struct effect_info {
	const char *key;    /* "building-trust" */
	const char *label;  /* "Building trust" */
	int phase;
};
extern const struct effect_info effects[EFFECT_COUNT];
/* Their keys alone, NULL-terminated: a field's choices. */
extern const char *const effect_keys[EFFECT_COUNT + 1];
/* The effect whose key is key, or NULL. */
const struct effect_info *effect_of(const char *key);

#define PHASE_COUNT 3
/* The phases' names, from 1: phase_names[0] is unused. */
extern const char *const phase_names[PHASE_COUNT + 1];

/* One piece of evidence that a process changed something. */
struct evidence {
	long long id;
	char *process;      /* slug */
	int phase;          /* 1..3 */
	char *effect;       /* an effects[] key */
	char *description;
	char *kind;         /* publication, document, meeting, interview, other */
	char *source;       /* a source's id (sources.json) or its words */
	char *section;      /* where in the source, or NULL */
	char *source_title, *source_url;  /* when source is a registry source's id, else NULL */
	long long document, meeting;  /* records held here, or 0 */
	char *happened;     /* YYYY, YYYY-MM or YYYY-MM-DD, or NULL */
	char *strength;     /* contributed, coincided, claimed */
	char *confidence;   /* low, medium, high */
	enum level level;
	struct strlist states;  /* alpha-3 codes */
	struct strlist state_names;  /* their names, when read */
	char *created_by;
	long long created_at;
};

struct evidence_list {
	struct evidence *items;
	size_t n;
};

void evidence_free(struct evidence *e);
void evidence_list_free(struct evidence_list *l);

/* A set of questions interviews follow (the report's "standard set of
 * questions"), one per line. */
struct interview_protocol {
	long long id;
	char *name, *questions;
};

struct interview_protocol_list {
	struct interview_protocol *items;
	size_t n;
};

/* What an interviewee said, coded against one of the report's effects,
 * and the evidence it grounds (0: none yet). */
struct interview_statement {
	long long id;
	int position;
	char *effect, *text;
	long long evidence;
};

/* One interview about one process: always restricted, for it names who
 * was asked and for which organisation. */
struct interview {
	long long id;
	char *process;
	long long protocol;
	char *protocol_name;
	char *held;          /* YYYY-MM-DD, or NULL */
	char *affiliation;   /* government, international-organisation, ngo, academia, other */
	char *language;      /* ISO 639-1 */
	char *interviewee, *organisation, *notes;  /* each may be NULL */
	char *created_by;
	long long created_at;
	struct interview_statement *statements;
	size_t nstatements;
};

struct interview_list {
	struct interview *items;
	size_t n;
};

void interview_protocol_list_free(struct interview_protocol_list *l);
void interview_free(struct interview *i);
void interview_list_free(struct interview_list *l);

#endif
