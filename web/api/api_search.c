/* api_search.c: /api/v1/search: processes, states and organisations by name, then every text the caller may read */
#include "api.h"
#include "../../io/json_out.h"
#include "../../services/site_search.h"

#define NAME_HITS 20

/* The ids of kind whose names hold q, as a JSON array. */
static json_t *named(struct req *r, enum registry_kind kind, const char *q)
{
	const char *ids[NAME_HITS];
	size_t n = registry_search(r->reg, kind, q, ids, NAME_HITS);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(ids[i]));
	return a;
}

void api_search(struct req *r)
{
	const char *q = http_query(r, "q");
	if (!q || !*q) {
		http_send_error(r, 400, "bad_parameter", "q: give the words to search for");
		return;
	}
	struct found_list found = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = site_search(r->reg, &r->actor, q, &found, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	json_t *names = json_pack("{s:o, s:o, s:o}", "processes", named(r, REGISTRY_PROCESS, q), "states",
				  named(r, REGISTRY_COUNTRY, q), "organisations", named(r, REGISTRY_ORGANISATION, q));
	http_send_json(r, 200, json_pack("{s:s, s:o, s:o, s:I}", "query", q, "names", names, "items",
					 json_found_list(&found), "total", (json_int_t)found.n));
	found_list_free(&found);
}
