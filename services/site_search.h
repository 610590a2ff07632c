/* site_search.h: full-text search over everything a visitor may read, ranked, with excerpts */
#ifndef RCPHUB_SITE_SEARCH_H
#define RCPHUB_SITE_SEARCH_H

#include "registry.h"
#include "service.h"
#include "../core/search.h"

#define SITE_SEARCH_PER_KIND 20

/* The hits for query the actor may read, up to SITE_SEARCH_PER_KIND of
 * each kind, best first within each, into *out (caller frees with
 * found_list_free). Every record is checked by the access policy before
 * anything of it is read for the excerpt; a hidden record is left out
 * and not counted. SVC_INVALID when the query holds no word. */
enum svc_status site_search(struct registry *r, const struct actor *a, const char *query, struct found_list *out,
			    struct svc_error *err);

#endif
