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

#endif
