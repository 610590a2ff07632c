/* duplication.h: whether two processes duplicate each other: members, topics, working groups, regional bodies, meeting weeks */
#ifndef RCPHUB_DUPLICATION_H
#define RCPHUB_DUPLICATION_H

#include "account.h"
#include "model.h"

#include <stddef.h>

/* A topic the processes take up, found by the words that name it. */
#define TOPIC_COUNT 12
struct topic_info {
	const char *key, *label;
	const char *words[4];  /* folded word starts; NULL-terminated when fewer */
};
extern const struct topic_info topics[TOPIC_COUNT];

/* One topic both take up, with a text of each that names it (borrowed). */
struct shared_topic {
	const struct topic_info *topic;
	const char *text_a, *text_b;
	int in_groups;  /* both have a working group on it */
};

/* Two meetings, one of each, held within seven days of each other. */
struct meeting_pair {
	const struct meeting *a, *b;
};

/* Whether two processes duplicate each other in year (0: now): the
 * member governments they share and the Jaccard index, the topics both
 * take up (themes, goals, priorities, working groups), the regional
 * bodies both count among their participants or secretariat, the
 * meetings held in the same weeks, and what that makes them, with the
 * reasons: "merger" (a Jaccard index of 0.5 or more, and two topics or
 * more shared),
 * "cooperation" (some members or a regional body, and a topic shared),
 * or "distinct". */
struct duplication {
	size_t shared_members, members_a, members_b;
	double jaccard;
	struct shared_topic *topics;
	size_t ntopics;
	struct strlist bodies;   /* organisation slugs */
	struct meeting_pair *weeks;
	size_t nweeks;
	const char *verdict;
	struct strlist reasons;
};

/* Compares a and b; regional lists the slugs of regional bodies; ma and
 * mb are their meetings as the reader may see them (either may be NULL).
 * Free with duplication_free; pointers borrow from the inputs. */
void duplication_compare(const struct process *a, const struct process *b, int year, const struct strlist *regional,
			 const struct meeting_list *ma, const struct meeting_list *mb, struct duplication *out);
void duplication_free(struct duplication *d);

#endif
