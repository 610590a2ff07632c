/* assessment.c: evidence of effects in the report's three phases, and its eleven lessons as indicators */
#include "assessment.h"

#include <stdlib.h>
#include <string.h>

const struct effect_info effects[EFFECT_COUNT] = {
	{ "building-trust", "Building trust", 1 },
	{ "increasing-understanding", "Increasing understanding of migration", 1 },
	{ "ideational-experimentation", "Ideational experimentation", 1 },
	{ "breaking-national-divides", "Breaking down national divides", 2 },
	{ "breaking-departmental-divides", "Breaking down departmental divides", 2 },
	{ "networks", "Creating networks", 2 },
	{ "common-language", "A common language", 2 },
	{ "harmonised-positions", "Harmonising positions", 2 },
	{ "regional-position", "An explicit regional position", 2 },
	{ "capacity-building", "Building capacity", 3 },
	{ "policy-change", "Shaping law and policy", 3 },
	{ "bilateral-cooperation", "Bilateral cooperation", 3 },
};

const char *const effect_keys[EFFECT_COUNT + 1] = {
	"building-trust", "increasing-understanding", "ideational-experimentation", "breaking-national-divides",
	"breaking-departmental-divides", "networks", "common-language", "harmonised-positions",
	"regional-position", "capacity-building", "policy-change", "bilateral-cooperation", NULL,
};

const char *const phase_names[PHASE_COUNT + 1] = {
	"",
	"Agenda setting and issue definition",
	"Consensus building and position convergence",
	"Changes in law, policy and practice",
};

const struct effect_info *effect_of(const char *key)
{
	for (size_t i = 0; key && i < EFFECT_COUNT; i++)
		if (strcmp(effects[i].key, key) == 0)
			return &effects[i];
	return NULL;
}

void evidence_free(struct evidence *e)
{
	free(e->process);
	free(e->effect);
	free(e->description);
	free(e->kind);
	free(e->source);
	free(e->section);
	free(e->source_title);
	free(e->source_url);
	free(e->happened);
	free(e->strength);
	free(e->confidence);
	strlist_free(&e->states);
	strlist_free(&e->state_names);
	free(e->created_by);
	memset(e, 0, sizeof *e);
}

void evidence_list_free(struct evidence_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		evidence_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void interview_protocol_list_free(struct interview_protocol_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].questions);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void interview_free(struct interview *i)
{
	free(i->process);
	free(i->protocol_name);
	free(i->held);
	free(i->affiliation);
	free(i->language);
	free(i->interviewee);
	free(i->organisation);
	free(i->notes);
	free(i->created_by);
	for (size_t k = 0; k < i->nstatements; k++) {
		free(i->statements[k].effect);
		free(i->statements[k].text);
	}
	free(i->statements);
	memset(i, 0, sizeof *i);
}

void interview_list_free(struct interview_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		interview_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}
