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
	static const char *const resources[] = {
		"/api/v1/processes", "/api/v1/processes/{slug}", "/api/v1/processes/{slug}/documents",
		"/api/v1/documents/{id}", "/api/v1/documents/{id}/versions", "/api/v1/processes/{slug}/focal-points",
		"/api/v1/focal-points/{id}", "/api/v1/processes/{slug}/meetings", "/api/v1/meetings/{id}",
		"/api/v1/processes/{slug}/plans", "/api/v1/plans/{id}", "/api/v1/processes/{slug}/indicators",
		"/api/v1/processes/{slug}/statistics", "/api/v1/processes/{slug}/matrices", "/api/v1/glossary",
		"/api/v1/processes/{slug}/evidence", "/api/v1/evidence/{id}", "/api/v1/processes/{slug}/lessons",
		"/api/v1/processes/{slug}/assessment", "/api/v1/assessment", "/api/v1/duplication", "/api/v1/interview-protocols",
		"/api/v1/processes/{slug}/interviews", "/api/v1/interviews/{id}",
		"/api/v1/states/{code}", "/api/v1/overlap", "/api/v1/search", "/api/v1/session", "/api/v1/users",
		"/api/v1/audit",
	};
	json_t *list = json_array();
	for (size_t i = 0; i < sizeof resources / sizeof resources[0]; i++)
		json_array_append_new(list, json_string(resources[i]));
	http_send_json(r, 200, json_pack("{s:s, s:s, s:o}", "name", "rcphub", "api", "/api/v1", "resources", list));
}

/* The year ?at= names (0: now), already checked by http_year_or_respond. */
static int at_year(struct req *r)
{
	const char *at = http_query(r, "at");
	return at ? atoi(at) : 0;
}

/* Caches the answer under prefix, the route's parameter and the year:
 * ?at= changes the answer, so it is part of the key. */
static void send_registry_at(struct req *r, const char *prefix, const char *param, render_fn render)
{
	int year;
	if (http_year_or_respond(r, &year))
		return;
	char *key = xasprintf("%s/%s@%d", prefix, param ? param : "", year);
	send_registry(r, key, render);
	free(key);
}

/* A process's summary with its members counted in year (0: now) and the
 * date it answers for. */
static json_t *process_summary_at(const struct process *p, int year)
{
	json_t *s = json_process_summary(p);
	struct participant_filter members = { ROLE_MEMBER, year, 1 };
	json_object_set_new(s, "members", json_integer((json_int_t)registry_count(p, &members)));
	json_object_set_new(s, "as_of", json_integer(year ? year : process_as_of(p)));
	return s;
}

static enum svc_status render_processes(struct req *r, json_t **out, struct svc_error *err)
{
	long limit, offset;
	char *why = NULL;
	if (http_page(r, &limit, &offset, &why))
		return svc_fail_with(err, SVC_INVALID, NULL, why);
	const struct process_list *all = registry_all(r->reg);
	int year = at_year(r);
	const struct process **then = xcalloc(all->n + 1, sizeof *then);
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++)
		if (!year || all->items[i].established <= year)
			then[n++] = &all->items[i];
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < n && json_array_size(items) < (size_t)limit; i++)
		json_array_append_new(items, process_summary_at(then[i], year));
	free(then);
	*out = json_page(items, (long)n, limit, offset);
	json_object_set_new(*out, "at", year ? json_integer(year) : json_null());
	return SVC_OK;
}

void api_processes(struct req *r)
{
	long limit, offset;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	char page[64];
	snprintf(page, sizeof page, "%ld,%ld", limit, offset);
	send_registry_at(r, "processes", page, render_processes);
}

static enum svc_status render_process(struct req *r, json_t **out, struct svc_error *err)
{
	const struct process *p;
	enum svc_status st = registry_process(r->reg, NULL, r->params[0], &p, err);
	if (st)
		return st;
	int year = at_year(r);
	*out = json_process_full(p, year);
	if (year) {
		struct participant_filter every_role = { -1, year, 0 };
		struct participation_list held = { 0 }, unattested = { 0 };
		registry_select(p, &every_role, &held);
		registry_select_unattested(p, &every_role, &unattested);
		json_object_set_new(*out, "participants", json_participations_at(&held, &unattested));
		participation_list_free(&held);
		participation_list_free(&unattested);
	}
	json_object_set_new(*out, "at", year ? json_integer(year) : json_null());
	json_object_set_new(*out, "as_of", json_integer(year ? year : process_as_of(p)));
	return SVC_OK;
}

void api_process(struct req *r)
{
	send_registry_at(r, "process", r->params[0], render_process);
}

static enum svc_status render_state(struct req *r, json_t **out, struct svc_error *err)
{
	const struct country *c;
	struct participation_list parts = { 0 }, unattested = { 0 };
	enum svc_status st = registry_country(r->reg, NULL, r->params[0], &c, err);
	if (st)
		return st;
	int year = at_year(r);
	registry_state(r->reg, c->alpha3, year, &parts, &unattested);
	*out = json_country(c);
	json_object_set_new(*out, "processes", year ? json_participations_at(&parts, &unattested)
						     : json_participations(&parts));
	json_object_set_new(*out, "at", year ? json_integer(year) : json_null());
	participation_list_free(&parts);
	participation_list_free(&unattested);
	return SVC_OK;
}

void api_state(struct req *r)
{
	send_registry_at(r, "state", r->params[0], render_state);
}

static enum svc_status render_pair(struct req *r, json_t **out, struct svc_error *err)
{
	const struct process *a, *b;
	enum svc_status st = registry_process(r->reg, "a", http_query(r, "a"), &a, err);
	if (st || (st = registry_process(r->reg, "b", http_query(r, "b"), &b, err)))
		return st;
	struct overlap o;
	int year = at_year(r);
	registry_overlap(a, b, year, &o);
	*out = json_overlap(a->slug, b->slug, &o);
	json_object_set_new(*out, "at", year ? json_integer(year) : json_null());
	overlap_free(&o);
	return SVC_OK;
}

static enum svc_status render_matrix(struct req *r, json_t **out, struct svc_error *err)
{
	(void)err;
	const struct process_list *all = registry_all(r->reg);
	struct overlap_matrix m;
	int year = at_year(r);
	registry_overlap_matrix(all, year, &m);
	json_t *slugs = json_array();
	for (size_t i = 0; i < all->n; i++)
		json_array_append_new(slugs, json_string(all->items[i].slug));
	*out = json_pack("{s:o, s:o, s:o}", "processes", slugs, "pairs", json_overlap_pairs(all, &m),
			 "at", year ? json_integer(year) : json_null());
	registry_overlap_matrix_free(&m);
	return SVC_OK;
}

void api_overlap(struct req *r)
{
	const char *a = http_query(r, "a"), *b = http_query(r, "b");
	if (!a && !b) {
		send_registry_at(r, "overlap", NULL, render_matrix);
	} else if (a && b) {
		char *pair = xasprintf("%s\n%s", a, b);
		send_registry_at(r, "overlap", pair, render_pair);
		free(pair);
	} else {
		http_send_error(r, 400, "bad_parameter", a ? "b: name the second process" :
							   "a: name the first process");
	}
}
