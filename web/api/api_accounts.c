/* api_accounts.c: /api/v1/session (sign in and out), /api/v1/users and /api/v1/audit */
#include "api.h"
#include "../../core/xalloc.h"
#include "../../io/csv_out.h"
#include "../../io/json_out.h"
#include "../../services/accounts.h"
#include "../../services/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The string member name of a JSON body, or NULL after answering 400. */
static const char *required_string(struct req *r, json_t *body, const char *name)
{
	json_t *v = json_object_get(body, name);
	if (json_is_string(v))
		return json_string_value(v);
	char *msg = xasprintf("%s: is required and must be a string", name);
	http_send_error(r, 400, "bad_body", msg);
	free(msg);
	return NULL;
}

/* An optional string member: 0 with *out set (or left NULL), or -1
 * after answering 400. */
static int optional_string(struct req *r, json_t *body, const char *name, const char **out)
{
	json_t *v = json_object_get(body, name);
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	char *msg = xasprintf("%s: must be a string", name);
	http_send_error(r, 400, "bad_body", msg);
	free(msg);
	return -1;
}

static json_t *session_json(const struct user *u, const char *csrf, const char *via)
{
	return json_pack("{s:o, s:o, s:o}", "user", u ? json_user(u) : json_null(),
			 "csrf_token", csrf ? json_string(csrf) : json_null(),
			 "via", via ? json_string(via) : json_null());
}

void api_session(struct req *r)
{
	http_send_json(r, 200, session_json(r->signed_in ? &r->user : NULL,
					    r->via_session ? r->session.csrf : NULL,
					    r->via_session ? "session" : r->via_token ? "token" : NULL));
}

void api_login(struct req *r)
{
	json_t *body = http_json_body_or_respond(r);
	const char *login, *password;
	if (!body || !(login = required_string(r, body, "login")) ||
	    !(password = required_string(r, body, "password"))) {
		json_decref(body);
		return;
	}
	const char *otp = NULL;
	if (optional_string(r, body, "otp", &otp)) {
		json_decref(body);
		return;
	}
	struct login l;
	struct svc_error err = { 0 };
	/* A new session at every login; the one the browser had is ended. */
	enum svc_status st = accounts_login(r->reg, &r->actor, login, password, otp,
					    r->via_session ? r->session_token : NULL, &l, &err);
	json_decref(body);
	if (st == SVC_THROTTLED) {
		char retry[24];
		snprintf(retry, sizeof retry, "%ld", l.retry_after);
		http_set_header(r, "Retry-After", retry);
	}
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_set_session_cookie(r, l.token, SESSION_MAX_SECONDS);
	http_send_json(r, 201, session_json(&l.user, l.session.csrf, "session"));
	accounts_login_free(&l);
}

void api_logout(struct req *r)
{
	if (!r->via_session) {
		http_send_error(r, 401, "unauthorized", "there is no session to end");
		return;
	}
	struct svc_error err = { 0 };
	enum svc_status st = accounts_logout(r->reg, &r->actor, r->session_token, &err);
	if (st) {
		http_send_status(r, st, &err);
		return;
	}
	http_set_session_cookie(r, "", 0);
	http_send_bytes(r, 204, "application/json", NULL, "", 0);
}

void api_password(struct req *r)
{
	json_t *body = http_json_body_or_respond(r);
	const char *current, *next;
	if (!body || !(current = required_string(r, body, "current_password")) ||
	    !(next = required_string(r, body, "new_password"))) {
		json_decref(body);
		return;
	}
	struct svc_error err = { 0 };
	enum svc_status st = accounts_change_password(r->reg, &r->actor, r->via_session ? r->session_token : NULL,
						      current, next, &err);
	json_decref(body);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
}

void api_calendar_feed(struct req *r)
{
	struct svc_error err = { 0 };
	char *token = NULL;
	enum svc_status st = r->method == EVHTTP_REQ_DELETE ? accounts_revoke_feed(r->reg, &r->actor, &err)
							    : accounts_issue_feed(r->reg, &r->actor, &token, &err);
	if (st) {
		http_send_status(r, st, &err);
	} else if (token) {
		char *url = xasprintf("/calendar/%s.ics", token);
		http_send_json(r, 201, json_pack("{s:s}", "url", url));
		free(url);
	} else {
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
	}
	free(token);
}

static void users_list(struct req *r)
{
	long limit, offset;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	struct user_list users = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = accounts_list(r->reg, &r->actor, &users, &err);
	if (st) {
		http_send_status(r, st, &err);
		user_list_free(&users);
		return;
	}
	json_t *items = json_array();
	for (size_t i = (size_t)offset; i < users.n && json_array_size(items) < (size_t)limit; i++)
		json_array_append_new(items, json_user(&users.items[i]));
	http_send_json(r, 200, json_page(items, (long)users.n, limit, offset));
	user_list_free(&users);
}

static void users_add(struct req *r)
{
	json_t *body = http_json_body_or_respond(r);
	struct new_user nu = { .must_change_password = 1 };
	if (!body || !(nu.login = required_string(r, body, "login")) ||
	    !(nu.password = required_string(r, body, "password")) ||
	    optional_string(r, body, "government", &nu.government) ||
	    optional_string(r, body, "organisation", &nu.organisation)) {
		json_decref(body);
		return;
	}
	nu.admin = json_is_true(json_object_get(body, "admin"));
	struct svc_error err = { 0 };
	enum svc_status st = accounts_add(r->reg, &r->actor, &nu, &err);
	if (st) {
		http_send_status(r, st, &err);
	} else {
		struct user u;
		if ((st = accounts_user(r->reg, &r->actor, nu.login, &u, &err)) == SVC_OK) {
			http_send_json(r, 201, json_user(&u));
			user_free(&u);
		} else {
			http_send_status(r, st, &err);
		}
	}
	json_decref(body);
}

void api_users(struct req *r)
{
	if (r->method == EVHTTP_REQ_POST)
		users_add(r);
	else
		users_list(r);
}

static void audit_csv(struct req *r, const struct audit_list *l)
{
	char *data = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&data, &len);
	if (!mem || csv_write_audit(mem, l) || fclose(mem)) {
		free(data);
		struct svc_error err = { 0 };
		http_send_status(r, svc_fail(&err, SVC_ERROR, NULL, "writing the audit log as CSV failed"), &err);
		return;
	}
	http_send_bytes(r, 200, "text/csv; charset=utf-8", "attachment; filename=\"audit.csv\"", data, len);
	free(data);
}

void api_audit(struct req *r)
{
	long limit, offset;
	if (http_page_or_respond(r, &limit, &offset))
		return;
	const char *format = http_query(r, "format");
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
		http_send_error(r, 400, "bad_parameter", "format: use json or csv");
		return;
	}
	struct audit_list l = { 0 };
	struct svc_error err = { 0 };
	struct audit_filter filter;
	enum svc_status st = http_audit_filter(r, &filter, &err);
	if (st == SVC_OK)
		st = audit_list(r->reg, &r->actor, &filter, limit, offset, &l, &err);
	if (st) {
		http_send_status(r, st, &err);
	} else if (format && strcmp(format, "csv") == 0) {
		audit_csv(r, &l);
	} else {
		json_t *items = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(items, json_audit_entry(&l.items[i]));
		http_send_json(r, 200, json_pack("{s:o, s:I, s:I}", "items", items,
						 "limit", (json_int_t)limit, "offset", (json_int_t)offset));
	}
	audit_list_free(&l);
}

void api_tokens(struct req *r)
{
	struct token_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = accounts_tokens(r->reg, &r->actor, &l, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_json(r, 200, json_tokens(&l));
	token_list_free(&l);
	svc_error_free(&err);
}

void api_token_create(struct req *r)
{
	if (!r->via_session) {
		http_send_error(r, 403, "forbidden", "tokens are made from a signed-in session (the account page), "
				"not with another token");
		return;
	}
	json_t *body = http_json_body_or_respond(r);
	const char *name = NULL;
	if (!body || optional_string(r, body, "name", &name)) {
		json_decref(body);
		return;
	}
	json_t *days = json_object_get(body, "days");
	if (days && !json_is_integer(days)) {
		json_decref(body);
		http_send_error(r, 400, "bad_body", "days: must be a whole number, 1 to 365");
		return;
	}
	struct svc_error err = { 0 };
	char *token = NULL;
	long long id = 0;
	enum svc_status st = accounts_issue_token(r->reg, &r->actor, r->user.login, name ? name : "API",
						  days ? (int)json_integer_value(days) : 0, &token, &id, &err);
	if (st == SVC_OK)
		http_send_json(r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", name ? name : "API",
						 "token", token));
	else
		http_send_status(r, st, &err);
	json_decref(body);
	free(token);
	svc_error_free(&err);
}

void api_token_revoke(struct req *r)
{
	long long id = http_record_id(r->params[0]);
	struct svc_error err = { 0 };
	enum svc_status st = id < 0 ? svc_fail(&err, SVC_NOT_FOUND, NULL, "no such token")
				    : accounts_revoke_token(r->reg, &r->actor, id, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_bytes(r, 204, "application/json", NULL, "", 0);
	svc_error_free(&err);
}

void api_sign_in_changes(struct req *r)
{
	struct audit_list l = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = accounts_sign_in_changes(r->reg, &r->actor, &l, &err);
	if (st) {
		http_send_status(r, st, &err);
	} else {
		json_t *items = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(items, json_audit_entry(&l.items[i]));
		http_send_json(r, 200, json_pack("{s:o}", "items", items));
	}
	audit_list_free(&l);
	svc_error_free(&err);
}

void api_sessions(struct req *r)
{
	struct svc_error err = { 0 };
	if (r->method == EVHTTP_REQ_DELETE) {
		enum svc_status st = accounts_end_sessions(r->reg, &r->actor, &err);
		if (st) {
			http_send_status(r, st, &err);
		} else {
			if (r->via_session)
				http_set_session_cookie(r, "", 0);
			http_send_bytes(r, 204, "application/json", NULL, "", 0);
		}
		svc_error_free(&err);
		return;
	}
	struct session_list l = { 0 };
	enum svc_status st = accounts_sessions(r->reg, &r->actor, r->via_session ? r->session_token : NULL, &l, &err);
	if (st)
		http_send_status(r, st, &err);
	else
		http_send_json(r, 200, json_sessions(&l));
	session_list_free(&l);
	svc_error_free(&err);
}
