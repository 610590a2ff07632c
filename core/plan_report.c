/* plan_report.c: where a plan's commitments stand on a day: the follow-up report */
#include "plan_report.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The latest report of c on or before day at, or NULL. */
static const struct progress *latest_at(const struct commitment *c, const char *at)
{
	const struct progress *latest = NULL;
	for (size_t i = 0; i < c->nprogress; i++)
		if (strcmp(c->progress[i].reported, at) <= 0)
			latest = &c->progress[i];
	return latest;
}

/* The tally of c's owner in out, added when first met. */
static struct owner_standing *owner_tally(struct plan_report *out, const struct commitment *c)
{
	for (size_t i = 0; i < out->nowners; i++)
		if (strcmp(out->owners[i].first->owner, c->owner) == 0)
			return &out->owners[i];
	struct owner_standing *o = &out->owners[out->nowners++];
	o->first = c;
	return o;
}

void plan_report(const struct plan *p, const char *at, struct plan_report *out)
{
	memset(out, 0, sizeof *out);
	size_t n = 0;
	for (size_t i = 0; i < p->nitems; i++)
		n += p->items[i].ncommitments;
	out->rows = xcalloc(n + 1, sizeof *out->rows);
	out->owners = xcalloc(n + 1, sizeof *out->owners);
	for (size_t i = 0; i < p->nitems; i++) {
		const struct plan_item *it = &p->items[i];
		for (size_t k = 0; k < it->ncommitments; k++) {
			struct standing *row = &out->rows[out->n++];
			row->item = it;
			row->commitment = &it->commitments[k];
			row->latest = latest_at(&it->commitments[k], at);
			row->status = row->latest ? row->latest->status : "not-started";
			int closed = strcmp(row->status, "done") == 0 || strcmp(row->status, "dropped") == 0;
			row->overdue = it->due && strcmp(it->due, at) < 0 && !closed;
			int done = strcmp(row->status, "done") == 0;
			struct owner_standing *owner = owner_tally(out, row->commitment);
			owner->done += done;
			owner->total++;
			owner->overdue += row->overdue;
			out->done += done;
			out->total++;
		}
	}
}

void plan_report_free(struct plan_report *r)
{
	free(r->rows);
	free(r->owners);
	memset(r, 0, sizeof *r);
}
