/* api_registry.c: /api/v1/processes, /states and /overlap: the public registry */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"
#include "../../services/policy.h"

#include <stdio.h>
#include <stdlib.h>

/* Renders one registry answer into *out, or returns why not with *err. */
typedef enum svc_status (*render_fn)(struct req *r, json_t **out, char **err);

/* Answers from the worker's cache while the registry's version is the
 * one the answer was rendered from (one lookup), else renders and keeps
 * it. key names the answer: the same key, the same bytes. */
static void send_registry(struct req *r, const char *key, render_fn render)
{
	char *err = NULL;
	long long version;
	if (!policy_may_read_registry(r->actor.user)) {
		http_send_status(r, SVC_NOT_FOUND, xstrdup("no such resource"));
		return;
	}
	if (registry_version(r->reg, &version, &err)) {
		http_send_status(r, SVC_ERROR, err);
		return;
	}
	const struct cache_entry *e = cache_get(r->cache, key, version);
	if (!e) {
		json_t *value = NULL;
		enum svc_status st = render(r, &value, &err);
		if (st) {
			http_send_status(r, st, err);
			return;
		}
		size_t len;
		char *text = http_json_text(value, &len);
		e = cache_put(r->cache, key, version, text, len);
	}
	http_send_cached(r, e);
}

void api_index(struct req *r)
{
	http_send_json(r, 200, json_pack("{s:s, s:s, s:[s,s,s,s,s,s,s,s,s]}", "name", "rcphub",
		"api", "/api/v1", "resources", "/api/v1/processes", "/api/v1/processes/{slug}",
		"/api/v1/processes/{slug}/documents", "/api/v1/documents/{id}", "/api/v1/states/{code}",
		"/api/v1/overlap", "/api/v1/session", "/api/v1/users", "/api/v1/audit"));
}

static enum svc_status render_processes(struct req *r, json_t **out, char **err)
{
	long limit, offset;
	if (http_page(r, &limit, &offset, err))
		return SVC_INVALID;
	struct process_list all = { 0 };
	if (registry_processes(r->reg, &all, err))
		return SVC_ERROR;
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < all.n && json_array_size(items) < (size_t)limit; i++)
		json_array_append_new(items, json_process_summary(&all.items[i]));
	*out = json_page(items, (long)all.n, limit, offset);
	process_list_free(&all);
	return SVC_OK;
}

void api_processes(struct req *r)
{
	long limit, offset;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	char key[64];
	snprintf(key, sizeof key, "processes?%ld,%ld", limit, offset);
	send_registry(r, key, render_processes);
}

static enum svc_status render_process(struct req *r, json_t **out, char **err)
{
	struct process p;
	if (registry_process(r->reg, r->params[0], &p, err))
		return SVC_NOT_FOUND;
	*out = json_process_full(&p);
	process_free(&p);
	return SVC_OK;
}

void api_process(struct req *r)
{
	char *key = xasprintf("process/%s", r->params[0]);
	send_registry(r, key, render_process);
	free(key);
}

static enum svc_status render_state(struct req *r, json_t **out, char **err)
{
	struct country c;
	struct participation_list parts = { 0 };
	if (registry_country(r->reg, r->params[0], &c, err))
		return SVC_NOT_FOUND;
	enum svc_status st = SVC_OK;
	if (registry_state(r->reg, c.alpha3, &parts, err)) {
		st = SVC_ERROR;
	} else {
		*out = json_country(&c);
		json_object_set_new(*out, "processes", json_participations(&parts));
	}
	participation_list_free(&parts);
	country_free(&c);
	return st;
}

void api_state(struct req *r)
{
	char *key = xasprintf("state/%s", r->params[0]);
	send_registry(r, key, render_state);
	free(key);
}

static enum svc_status render_pair(struct req *r, json_t **out, char **err)
{
	struct process a, b;
	if (registry_process(r->reg, http_query(r, "a"), &a, err))
		return SVC_NOT_FOUND;
	if (registry_process(r->reg, http_query(r, "b"), &b, err)) {
		process_free(&a);
		return SVC_NOT_FOUND;
	}
	struct overlap o;
	registry_overlap(&a, &b, &o);
	*out = json_overlap(a.slug, b.slug, &o);
	overlap_free(&o);
	process_free(&a);
	process_free(&b);
	return SVC_OK;
}

static enum svc_status render_matrix(struct req *r, json_t **out, char **err)
{
	struct process_list all = { 0 };
	if (registry_all(r->reg, &all, err))
		return SVC_ERROR;
	struct overlap_matrix m;
	registry_overlap_matrix(&all, &m);
	json_t *slugs = json_array();
	for (size_t i = 0; i < all.n; i++)
		json_array_append_new(slugs, json_string(all.items[i].slug));
	*out = json_pack("{s:o, s:o}", "processes", slugs, "pairs", json_overlap_pairs(&all, &m));
	registry_overlap_matrix_free(&m);
	process_list_free(&all);
	return SVC_OK;
}

void api_overlap(struct req *r)
{
	const char *a = http_query(r, "a"), *b = http_query(r, "b");
	if (!a && !b) {
		send_registry(r, "overlap", render_matrix);
	} else if (a && b) {
		char *key = xasprintf("overlap?%s\n%s", a, b);
		send_registry(r, key, render_pair);
		free(key);
	} else {
		http_send_error(r, 400, "bad_parameter", a ? "b: name the second process" :
							   "a: name the first process");
	}
}
