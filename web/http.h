/* http.h: one request's state, the signed-in user, and the ways to answer it */
#ifndef RCPHUB_HTTP_H
#define RCPHUB_HTTP_H

#include "cache.h"
#include "parse.h"
#include "../io/html.h"
#include "../services/registry.h"
#include "../services/fields.h"
#include "../services/service.h"

#include <event2/http.h>
#include <jansson.h>

/* The session cookie's name: under HTTPS with the __Host- prefix, which
 * browsers take only from a secure origin, for the whole host (Path=/, no
 * Domain), so that no other site or plain-HTTP answer can plant one. */
#define SESSION_COOKIE "rcphub_session"
#define SESSION_COOKIE_TLS "__Host-rcphub_session"
#define REQ_MAX_PARAMS 4
#define PAGE_DEFAULT 100
#define PAGE_MAX 500

/* Everything a handler knows of its request. Lives for one request on
 * the worker thread that received it; nothing in it is shared. */
struct req {
	struct evhttp_request *ev;
	struct registry *reg;  /* the worker's own connection and name indexes */
	struct cache *cache;   /* the worker's rendered registry answers */
	int tls;
	enum evhttp_cmd_type method;
	const char *path;                /* without the query; owned by ev */
	char *params[REQ_MAX_PARAMS];    /* decoded {} segments of the route */
	size_t nparams;
	struct form query;
	struct form form;                /* the body of an HTML form, when one was posted */
	struct user user;                /* valid when signed_in */
	int signed_in;
	struct session session;          /* valid when via_session */
	int via_session, via_token;
	char *session_token;             /* the cookie's token, when via_session */
	char address[64];
	struct actor actor;              /* user (or NULL), address, now */
	int status;                      /* the status answered, once answered */
	char *keep_key;                  /* a page to keep whole when it answers 200 (router_handle) */
	int immutable;                   /* the answer never changes at this address: browsers keep it */
	const char *csp;                 /* a Content-Security-Policy of its own (a file shown), or NULL */
	long long keep_version;
};

/* Answers. Each sends the response; the handler returns after it. */

/* Sends the file attached to document id if the actor may read it;
 * otherwise fail answers (http_send_status for the API, page_status for
 * pages). */
void http_send_attachment(struct req *r, long long id,
			  void (*fail)(struct req *r, enum svc_status st, struct svc_error *err));
/* Sends a cached JSON answer with its ETag (304 when it matches). */
void http_send_cached(struct req *r, const struct cache_entry *e);
/* The compact JSON text of value (stolen) with a final newline and no
 * NUL: *len bytes the caller frees. */
char *http_json_text(json_t *value, size_t *len);
/* The strong ETag of a body: a quoted BLAKE2b-128 in hex. */
void http_etag(const void *data, size_t len, char out[35]);

/* Sends the page in b (emptied) as HTML; a 200 answer the router marked
 * with keep_key is kept whole in the worker's cache. */
void http_send_html(struct req *r, int status, struct buf *b);
/* Sends a page kept whole (text/html) from the worker's cache. */
void http_send_kept_page(struct req *r, const struct cache_entry *e);
/* Answers 303 See Other to a path of this site (after a form's POST). */
void http_redirect(struct req *r, const char *path);
/* The audit log's filters from the query: process, user, action, from and
 * to (days, YYYY-MM-DD, both included). A day that is no day is
 * SVC_INVALID on its parameter. The strings belong to r. */
enum svc_status http_audit_filter(struct req *r, struct audit_filter *f, struct svc_error *err);
/* The posted form field's value, or NULL. */
const char *http_form(const struct req *r, const char *name);

/* Sends value (stolen) as JSON. A GET gets an ETag, and 304 Not Modified
 * when If-None-Match names it. */
void http_send_json(struct req *r, int status, json_t *value);
/* Sends {"error": {"code": code, "message": message}}. */
void http_send_error(struct req *r, int status, const char *code, const char *message);
/* Sends the error a service reported: {"error": {"code", "message",
 * "field"}}, field only when one is at fault; a store failure is logged
 * and answered 500. Frees what err holds. */
void http_send_status(struct req *r, enum svc_status st, struct svc_error *err);
/* Sends bytes as they are, with a media type and, if not NULL, a
 * Content-Disposition. */
void http_send_bytes(struct req *r, int status, const char *type, const char *disposition,
		     const void *data, size_t len);

/* The day ?at= gives (a real day) or today, into out: 0, or -1 after
 * answering 400. */
/* Reads ?at=YEAR into *year (0 when absent); answers 400 itself for
 * text that is no year or a year to come and returns -1. */
int http_year_or_respond(struct req *r, int *year);
int http_day_or_respond(struct req *r, char out[11]);
/* The query parameter's value, or NULL. */
const char *http_query(const struct req *r, const char *name);
/* The record number a path segment gives (1, 2, ... without sign or
 * leading zero), or -1. */
long long http_record_id(const char *segment);
/* The record number in the path's first {} segment, or -1 after
 * answering 404 "no WHAT N". */
long long http_id_or_respond(struct req *r, const char *what);
/* Answers 400 bad_body with what err says (a body that could not be read
 * as a resource's fields); frees what err holds. */
void http_send_bad_body(struct req *r, struct svc_error *err);

/* The query parameter name as a whole number from min to max into *out
 * (left as it is when the parameter is absent): 0, or -1 with *err
 * (caller frees) naming it. */
int http_query_number(const struct req *r, const char *name, long min, long max, long *out, char **err);
/* Reads ?limit= and ?offset= (limit 1..PAGE_MAX, default PAGE_DEFAULT):
 * 0, or -1 with *err (caller frees) naming the parameter. */
int http_page(const struct req *r, long *limit, long *offset, char **err);
/* The same, answering 400 on failure. */
int http_page_or_respond(struct req *r, long *limit, long *offset);
/* The request body: its bytes (owned by the request) and length. */
const char *http_body(struct req *r, size_t *len);
/* Reads a JSON object's members into v, the values of a resource's
 * declared fields (what names the resource, for errors): strings, null
 * for a clearable field, arrays of strings for a list. SVC_INVALID in
 * err naming the member at fault. */
enum svc_status http_fields_from_json(json_t *body, struct field_values *v, const char *what,
				      struct svc_error *err);
/* The same from a posted form (r->form, or a multipart body's form):
 * every field but those named in skip (NULL-terminated: "file",
 * "csrf_token"); a list's values are split at commas. */
enum svc_status http_fields_from_form(const struct form *form, struct field_values *v, const char *what,
				      const char *const *skip, struct svc_error *err);

/* The body as a JSON object (caller json_decref()s), or NULL after
 * answering 415 or 400. */
json_t *http_json_body_or_respond(struct req *r);
/* Reads the JSON body into v (initialised here on fields; what names the
 * resource in messages): 0, or -1 after answering. *body, when set, is the
 * caller's to json_decref; v is the caller's to fields_free either way. */
int http_fields_or_respond(struct req *r, const struct field *fields, size_t n, const char *what,
			   struct field_values *v, json_t **body);
/* A request header's value, or NULL. */
const char *http_header(const struct req *r, const char *name);
/* The security headers of every answer, with no-store, as header lines
 * ("Name: value\r\n" each) for an answer that libevent writes itself;
 * caller frees. */
char *http_security_header_lines(int tls);

/* Sets the session cookie (HttpOnly, SameSite=Strict, Secure under TLS);
 * max_age 0 with token "" removes it. */
void http_set_session_cookie(struct req *r, const char *token, long max_age);

/* Sets a response header. */
void http_set_header(struct req *r, const char *name, const char *value);

#endif
