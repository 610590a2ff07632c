/* api_registry.c: /api/v1/processes, /states and /overlap: the public registry */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/json_out.h"

#include <stdio.h>
#include <stdlib.h>

/* Renders one registry answer into *out, or returns why not in err. */
typedef enum svc_status (*render_fn)(struct req *r, json_t **out, struct svc_error *err);

/* Answers from the worker's cache while the registry's version is the
 * one the answer was rendered from (one lookup), else renders and keeps
 * it. key names the answer: the same key, the same bytes. */
static void send_registry(struct req *r, const char *key, render_fn render)
{
	struct svc_error err = { 0 };
	long long version = registry_version(r->reg);
	const struct cache_entry *e = cache_get(r->cache, key, version);
	if (!e) {
		json_t *value = NULL;
		enum svc_status st = render(r, &value, &err);
		if (st) {
			http_send_status(r, st, &err);
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
	http_send_json(r, 200, json_pack("{s:s, s:s, s:[s,s,s,s,s,s,s,s,s,s,s,s,s]}", "name", "rcphub",
		"api", "/api/v1", "resources", "/api/v1/processes", "/api/v1/processes/{slug}",
		"/api/v1/processes/{slug}/documents", "/api/v1/documents/{id}",
		"/api/v1/processes/{slug}/focal-points", "/api/v1/focal-points/{id}",
		"/api/v1/processes/{slug}/meetings", "/api/v1/meetings/{id}", "/api/v1/states/{code}",
		"/api/v1/overlap", "/api/v1/session", "/api/v1/users", "/api/v1/audit"));
}

static enum svc_status render_processes(struct req *r, json_t **out, struct svc_error *err)
{
	long limit, offset;
	char *why = NULL;
	if (http_page(r, &limit, &offset, &why))
		return svc_fail_with(err, SVC_INVALID, NULL, why);
	const struct process_list *all = registry_all(r->reg);
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < all->n && json_array_size(items) < (size_t)limit; i++)
		json_array_append_new(items, json_process_summary(&all->items[i]));
	*out = json_page(items, (long)all->n, limit, offset);
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

static enum svc_status render_process(struct req *r, json_t **out, struct svc_error *err)
{
	const struct process *p;
	enum svc_status st = registry_process(r->reg, NULL, r->params[0], &p, err);
	if (st == SVC_OK)
		*out = json_process_full(p);
	return st;
}

void api_process(struct req *r)
{
	char *key = xasprintf("process/%s", r->params[0]);
	send_registry(r, key, render_process);
	free(key);
}

static enum svc_status render_state(struct req *r, json_t **out, struct svc_error *err)
{
	const struct country *c;
	struct participation_list parts = { 0 };
	enum svc_status st = registry_country(r->reg, NULL, r->params[0], &c, err);
	if (st)
		return st;
	registry_state(r->reg, c->alpha3, &parts);
	*out = json_country(c);
	json_object_set_new(*out, "processes", json_participations(&parts));
	participation_list_free(&parts);
	return SVC_OK;
}

void api_state(struct req *r)
{
	char *key = xasprintf("state/%s", r->params[0]);
	send_registry(r, key, render_state);
	free(key);
}

static enum svc_status render_pair(struct req *r, json_t **out, struct svc_error *err)
{
	const struct process *a, *b;
	enum svc_status st = registry_process(r->reg, "a", http_query(r, "a"), &a, err);
	if (st || (st = registry_process(r->reg, "b", http_query(r, "b"), &b, err)))
		return st;
	struct overlap o;
	registry_overlap(a, b, &o);
	*out = json_overlap(a->slug, b->slug, &o);
	overlap_free(&o);
	return SVC_OK;
}

static enum svc_status render_matrix(struct req *r, json_t **out, struct svc_error *err)
{
	(void)err;
	const struct process_list *all = registry_all(r->reg);
	struct overlap_matrix m;
	registry_overlap_matrix(all, &m);
	json_t *slugs = json_array();
	for (size_t i = 0; i < all->n; i++)
		json_array_append_new(slugs, json_string(all->items[i].slug));
	*out = json_pack("{s:o, s:o}", "processes", slugs, "pairs", json_overlap_pairs(all, &m));
	registry_overlap_matrix_free(&m);
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
