/* api_registry.c: /api/v1/processes, /states and /overlap: the public registry */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/policy.h"

#include <stdlib.h>

void api_index(struct req *r)
{
	http_send_json(r, 200, json_pack("{s:s, s:s, s:[s,s,s,s,s,s,s,s]}", "name", "rcphub",
		"api", "/api/v1", "resources", "/api/v1/processes", "/api/v1/processes/{slug}",
		"/api/v1/processes/{slug}/documents", "/api/v1/documents/{id}", "/api/v1/states/{code}",
		"/api/v1/overlap", "/api/v1/session", "/api/v1/users"));
}

void api_processes(struct req *r)
{
	long limit, offset;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	struct process_list all = { 0 };
	char *err = NULL;
	if (!policy_may_read_registry(r->actor.user) || store_process_list(r->reg->store, &all, &err)) {
		http_send_status(r, SVC_ERROR, err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < all.n && json_array_size(items) < (size_t)limit; i++)
		json_array_append_new(items, json_process_summary(&all.items[i]));
	http_send_json(r, 200, json_page(items, (long)all.n, limit, offset));
	process_list_free(&all);
}

void api_process(struct req *r)
{
	struct process p;
	char *err = NULL;
	if (registry_process(r->reg, r->params[0], &p, &err)) {
		http_send_status(r, SVC_NOT_FOUND, err);
		return;
	}
	http_send_json(r, 200, json_process_full(&p));
	process_free(&p);
}

void api_state(struct req *r)
{
	struct country c;
	struct participation_list parts = { 0 };
	char *err = NULL;
	if (registry_country(r->reg, r->params[0], &c, &err)) {
		http_send_status(r, SVC_NOT_FOUND, err);
		return;
	}
	if (registry_state(r->reg, c.alpha3, &parts, &err)) {
		http_send_status(r, SVC_ERROR, err);
	} else {
		json_t *o = json_country(&c);
		json_object_set_new(o, "processes", json_participations(&parts));
		http_send_json(r, 200, o);
	}
	participation_list_free(&parts);
	country_free(&c);
}

static void overlap_pair(struct req *r, const char *a_name, const char *b_name)
{
	struct process a, b;
	char *err = NULL;
	if (registry_process(r->reg, a_name, &a, &err)) {
		http_send_error(r, 404, "not_found", err);
		free(err);
		return;
	}
	if (registry_process(r->reg, b_name, &b, &err)) {
		http_send_error(r, 404, "not_found", err);
		free(err);
		process_free(&a);
		return;
	}
	struct overlap o;
	registry_overlap(&a, &b, &o);
	http_send_json(r, 200, json_overlap(a.slug, b.slug, &o));
	overlap_free(&o);
	process_free(&a);
	process_free(&b);
}

static void overlap_all(struct req *r)
{
	struct process_list all = { 0 };
	char *err = NULL;
	if (registry_all(r->reg, &all, &err)) {
		http_send_status(r, SVC_ERROR, err);
		return;
	}
	struct overlap_matrix m;
	registry_overlap_matrix(&all, &m);
	json_t *slugs = json_array();
	for (size_t i = 0; i < all.n; i++)
		json_array_append_new(slugs, json_string(all.items[i].slug));
	http_send_json(r, 200, json_pack("{s:o, s:o}", "processes", slugs,
					 "pairs", json_overlap_pairs(&all, &m)));
	registry_overlap_matrix_free(&m);
	process_list_free(&all);
}

void api_overlap(struct req *r)
{
	const char *a = http_query(r, "a"), *b = http_query(r, "b");
	if (!a && !b)
		overlap_all(r);
	else if (a && b)
		overlap_pair(r, a, b);
	else
		http_send_error(r, 400, "bad_parameter", a ? "b: name the second process" :
							   "a: name the first process");
}
