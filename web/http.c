/* http.c: answering requests: JSON, errors, bytes, ETags, security headers, paging */
#include "http.h"
#include "../services/fields.h"
#include "../io/compress.h"
#include "../services/documents.h"
#include "../services/registry.h"
#include "../core/xalloc.h"

#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void http_set_header(struct req *r, const char *name, const char *value)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(r->ev);
	evhttp_remove_header(h, name);
	evhttp_add_header(h, name, value);
}

const char *http_header(const struct req *r, const char *name)
{
	return evhttp_find_header(evhttp_request_get_input_headers(r->ev), name);
}

/* What every answer's page may load and do, unless the answer says otherwise (r->csp). */
#define DEFAULT_CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
		    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
#define HSTS "max-age=31536000"

/* The headers of every answer that do not depend on the request. */
static const char *const fixed_headers[][2] = {
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "same-origin" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
};

static void security_headers(struct req *r)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(r->ev);
	evhttp_add_header(h, "Content-Security-Policy", r->csp ? r->csp : DEFAULT_CSP);
	for (size_t i = 0; i < sizeof fixed_headers / sizeof fixed_headers[0]; i++)
		evhttp_add_header(h, fixed_headers[i][0], fixed_headers[i][1]);
	if (r->tls)
		evhttp_add_header(h, "Strict-Transport-Security", HSTS);
	/* Answers may depend on who asks; shared caches must not keep them,
	 * and what a signed-in user was shown is kept nowhere (a shared
	 * computer's browser cache included). */
	evhttp_add_header(h, "Cache-Control", r->immutable ? "public, max-age=31536000, immutable"
						  : r->signed_in ? "private, no-store" : "private, no-cache");
	evhttp_add_header(h, "Vary", "Cookie, Authorization, Accept-Encoding");
}

char *http_security_header_lines(int tls)
{
	struct buf b = { 0 };
	buf_appendf(&b, "Content-Security-Policy: %s\r\n", DEFAULT_CSP);
	for (size_t i = 0; i < sizeof fixed_headers / sizeof fixed_headers[0]; i++)
		buf_appendf(&b, "%s: %s\r\n", fixed_headers[i][0], fixed_headers[i][1]);
	if (tls)
		buf_appendf(&b, "Strict-Transport-Security: %s\r\n", HSTS);
	buf_appendf(&b, "Cache-Control: no-store\r\n");
	return buf_release(&b, NULL);
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

static void reply(struct req *r, int status, struct evbuffer *body)
{
	r->status = status;
	security_headers(r);
	evhttp_send_reply(r->ev, status, reason(status), body);
}

void http_etag(const void *data, size_t len, char out[35])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 33, h, sizeof h);
	out[33] = '"';
	out[34] = '\0';
}

/* Whether If-None-Match names etag (or is "*"). */
static int not_modified(struct req *r, const char *etag)
{
	const char *inm = http_header(r, "If-None-Match");
	return inm && (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL);
}

/* The encodings an answer may go in, best first. */
enum encoding { ENC_BROTLI, ENC_GZIP, ENC_IDENTITY };
static const char *const encoding_names[] = { "br", "gzip", NULL };

/* Whether the Accept-Encoding list ae takes coding (not refused with q=0). */
static int takes(const char *ae, const char *coding)
{
	size_t n = strlen(coding);
	for (const char *p = ae; p && *p;) {
		p += strspn(p, " \t,");
		size_t word = strcspn(p, " \t,;");
		const char *end = p + strcspn(p, ",");
		if (word == n && strncasecmp(p, coding, n) == 0) {
			const char *q = strstr(p, "q=");
			return !(q && q < end && strtod(q + 2, NULL) == 0.0);
		}
		p = end;
	}
	return 0;
}

/* How the answer may go: compressed when the client takes Brotli or gzip,
 * the body is text worth compressing, and the visitor is anonymous.
 * Signed-in pages carry a CSRF token next to what the request reflects,
 * which compression would let an attacker guess (BREACH); those go plain. */
static enum encoding encoding_wanted(struct req *r, const char *type, size_t len)
{
	const char *ae = http_header(r, "Accept-Encoding");
	if (!ae || r->signed_in || len < 1024 ||
	    (strncmp(type, "text/", 5) != 0 && strncmp(type, "application/json", 16) != 0 &&
	     strcmp(type, "image/svg+xml") != 0))
		return ENC_IDENTITY;
	return takes(ae, "br") ? ENC_BROTLI : takes(ae, "gzip") ? ENC_GZIP : ENC_IDENTITY;
}

/* Answers at most this large are kept compressed per worker. */
#define COMPRESSED_KEEP_MAX (1024 * 1024)

/* The compressed form of data, whose hash is etag: every anonymous reader
 * of an answer gets the same bytes, so each worker compresses it once, as
 * small as it can, and keeps it under its hash (the cache owns the
 * result). NULL when it is too large to keep or cannot be compressed.
 * Keeping may drop the cache's other entries, so data must not be an
 * entry's body used afterwards unless held. */
static const struct cache_entry *compressed_kept(struct req *r, enum encoding enc, const char *etag,
						 const void *data, size_t len)
{
	char key[48];
	snprintf(key, sizeof key, "%s/%s", encoding_names[enc], etag);
	const struct cache_entry *e = cache_get(r->cache, key, 0);
	char *packed;
	size_t packed_len;
	if (e || len > COMPRESSED_KEEP_MAX ||
	    (enc == ENC_BROTLI ? brotli_compress : gzip_compress)(data, len, COMPRESS_BEST, &packed, &packed_len))
		return e;
	return cache_put(r->cache, key, 0, packed, packed_len);
}

/* Sends a body; a 200 answer to GET or HEAD carries etag (computed when
 * NULL) and becomes 304 when If-None-Match names it. Compressed when
 * encoding_wanted; a 200 answer's compressed form comes from the worker's
 * cache. A body that is a cache entry's (kept, or NULL) and any kept
 * compressed form go to the socket without a copy. */
static void send_body(struct req *r, int status, const char *type, const char *disposition,
		      const void *data, size_t len, const char *etag, const struct cache_entry *kept)
{
	http_set_header(r, "Content-Type", type);
	if (disposition)
		http_set_header(r, "Content-Disposition", disposition);
	enum encoding enc = encoding_wanted(r, type, len);
	int tagged = status == 200 && (r->method == EVHTTP_REQ_GET || r->method == EVHTTP_REQ_HEAD);
	char tag[40];
	struct held *hold = kept ? cache_hold(kept) : NULL;  /* the body outlives any cache_put below */
	const struct cache_entry *packed_kept = NULL;
	if (tagged) {
		if (etag)
			snprintf(tag, sizeof tag, "%s", etag);
		else
			http_etag(data, len, tag);
		if (enc != ENC_IDENTITY && r->cache)
			packed_kept = compressed_kept(r, enc, tag, data, len);
	}
	char *packed = NULL;
	size_t packed_len = 0;
	const void *out = data;
	size_t out_len = len;
	if (packed_kept) {
		cache_let_go(NULL, 0, hold);
		hold = cache_hold(packed_kept);
		out = packed_kept->body;
		out_len = packed_kept->len;
	} else if (enc != ENC_IDENTITY &&
		   (enc == ENC_BROTLI ? brotli_compress : gzip_compress)(data, len, COMPRESS_FAST, &packed,
									 &packed_len) == 0) {
		out = packed;
		out_len = packed_len;
	} else {
		enc = ENC_IDENTITY;
	}
	if (tagged) {
		if (enc != ENC_IDENTITY)  /* each encoding has its own strong tag */
			snprintf(tag + 33, sizeof tag - 33, "-%s\"", encoding_names[enc]);
		http_set_header(r, "ETag", tag);
	}
	struct evbuffer *b = evbuffer_new();
	if (tagged && not_modified(r, tag)) {
		reply(r, 304, NULL);
	} else {
		if (enc != ENC_IDENTITY)
			http_set_header(r, "Content-Encoding", encoding_names[enc]);
		if (hold && out_len && out == hold->data &&
		    evbuffer_add_reference(b, out, out_len, cache_let_go, hold) == 0)
			hold = NULL;  /* the buffer lets go once the bytes are sent */
		else
			evbuffer_add(b, out, out_len);
		reply(r, status, b);
	}
	cache_let_go(NULL, 0, hold);
	evbuffer_free(b);
	free(packed);
}

void http_send_bytes(struct req *r, int status, const char *type, const char *disposition,
		     const void *data, size_t len)
{
	send_body(r, status, type, disposition, data, len, NULL, NULL);
}

/* The files a browser may show rather than save: their type, the bytes
 * they must begin with, and the policy they are shown under. Images are
 * sandboxed; Chrome's PDF viewer does not run in a sandbox, so a PDF is
 * shown only with its type pinned (its bytes can never be read as a page)
 * and nothing else allowed to frame it. */
static const struct {
	const char *type, *magic;
	size_t magic_len;
	const char *csp;
} shown[] = {
	{ "application/pdf", "%PDF-", 5, "frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
	{ "image/png", "\x89PNG\r\n\x1a\n", 8, "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" },
	{ "image/jpeg", "\xff\xd8\xff", 3, "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" },
	{ "image/gif", "GIF8", 4, "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" },
};

/* Sends a file: shown in the browser when its declared type is one of
 * shown[] and its bytes begin as that type's do; otherwise as a download
 * (application/octet-stream), never rendered in the site's origin. Its
 * name goes percent-encoded. */
static void send_download(struct req *r, const char *name, const char *type, const void *data, size_t len)
{
	char *enc = evhttp_uriencode(name, -1, 0);
	size_t i = 0;
	while (i < sizeof shown / sizeof shown[0] &&
	       !(type && strcasecmp(type, shown[i].type) == 0 && len >= shown[i].magic_len &&
		 memcmp(data, shown[i].magic, shown[i].magic_len) == 0))
		i++;
	int inline_ok = i < sizeof shown / sizeof shown[0];
	char *disposition = xasprintf("%s; filename*=UTF-8''%s", inline_ok ? "inline" : "attachment", enc ? enc : "file");
	if (inline_ok)
		r->csp = shown[i].csp;
	send_body(r, 200, inline_ok ? shown[i].type : "application/octet-stream", disposition, data, len, NULL, NULL);
	free(disposition);
	free(enc);
}

void http_send_attachment(struct req *r, long long id,
			  void (*fail)(struct req *r, enum svc_status st, struct svc_error *err))
{
	struct document d;
	void *data = NULL;
	size_t len = 0;
	struct svc_error err = { 0 };
	enum svc_status st = documents_attachment(r->reg, &r->actor, id, &d, &data, &len, &err);
	if (st) {
		fail(r, st, &err);
		return;
	}
	send_download(r, d.attachment_name, d.attachment_type, data, len);
	free(data);
	document_free(&d);
}

void http_send_cached(struct req *r, const struct cache_entry *e)
{
	send_body(r, 200, "application/json", NULL, e->body, e->len, e->etag, e);
}

char *http_json_text(json_t *value, size_t *len)
{
	char *text = json_dumps(value, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(value);
	if (!text)
		abort();
	size_t n = strlen(text);
	text[n] = '\n';  /* in place of the NUL: the text is len bytes, unterminated */
	*len = n + 1;
	return text;
}

void http_set_session_cookie(struct req *r, const char *token, long max_age)
{
	char *cookie = xasprintf("%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s",
				 r->tls ? SESSION_COOKIE_TLS : SESSION_COOKIE, token, max_age, r->tls ? "; Secure" : "");
	http_set_header(r, "Set-Cookie", cookie);
	free(cookie);
}

void http_send_html(struct req *r, int status, struct buf *b)
{
	size_t len;
	char *page = buf_release(b, &len);
	if (r->keep_key && status == 200 && r->cache) {
		http_send_kept_page(r, cache_put(r->cache, r->keep_key, r->keep_version, page, len));
		return;
	}
	send_body(r, status, "text/html; charset=utf-8", NULL, page, len, NULL, NULL);
	free(page);
}

void http_send_kept_page(struct req *r, const struct cache_entry *e)
{
	send_body(r, 200, "text/html; charset=utf-8", NULL, e->body, e->len, e->etag, e);
}

void http_redirect(struct req *r, const char *path)
{
	int local = path[0] == '/' && path[1] != '/' && path[1] != '\\' && !strpbrk(path, "\r\n\t");
	http_set_header(r, "Location", local ? path : "/");
	reply(r, 303, NULL);
}

const char *http_form(const struct req *r, const char *name)
{
	const struct form_field *f = form_get(&r->form, name);
	return f && !f->filename ? f->value : NULL;
}

void http_send_json(struct req *r, int status, json_t *value)
{
	size_t len;
	char *text = http_json_text(value, &len);
	http_send_bytes(r, status, "application/json", NULL, text, len);
	free(text);
}

void http_send_error(struct req *r, int status, const char *code, const char *message)
{
	http_send_json(r, status, json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message));
}

void http_send_status(struct req *r, enum svc_status st, struct svc_error *err)
{
	static const struct {
		enum svc_status st;
		int status;
		const char *code;
	} map[] = {
		{ SVC_NOT_FOUND, 404, "not_found" },   { SVC_FORBIDDEN, 403, "forbidden" },
		{ SVC_INVALID, 422, "invalid" },       { SVC_CONFLICT, 409, "conflict" },
		{ SVC_THROTTLED, 429, "throttled" },   { SVC_DENIED, 401, "unauthorized" },
	};
	char *text = svc_error_text(err);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].st == st) {
			json_t *e = json_pack("{s:s,s:s}", "code", map[i].code, "message", text);
			if (err->field)
				json_object_set_new(e, "field", json_string(err->field));
			http_send_json(r, map[i].status, json_pack("{s:o}", "error", e));
			free(text);
			svc_error_free(err);
			return;
		}
	}
	/* A store failure: the client learns that, the log learns why. */
	fprintf(stderr, "rcphub: %s %s: %s\n", evhttp_request_get_uri(r->ev), r->address, text);
	free(text);
	svc_error_free(err);
	http_send_error(r, 500, "internal", "the server failed to answer; the error is logged");
}

const char *http_query(const struct req *r, const char *name)
{
	const struct form_field *f = form_get(&r->query, name);
	return f ? f->value : NULL;
}

/* Reads a whole number from min to max from the query into *out (left
 * alone when absent). 0, or -1 with *err naming the parameter. */
int http_query_number(const struct req *r, const char *name, long min, long max, long *out, char **err)
{
	const char *v = http_query(r, name);
	if (!v)
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < min || n > max) {
		*err = xasprintf("%s: must be a whole number from %ld to %ld", name, min, max);
		return -1;
	}
	*out = n;
	return 0;
}

int http_page(const struct req *r, long *limit, long *offset, char **err)
{
	*limit = PAGE_DEFAULT;
	*offset = 0;
	return http_query_number(r, "limit", 1, PAGE_MAX, limit, err) ||
	       http_query_number(r, "offset", 0, 1000000000L, offset, err) ? -1 : 0;
}

int http_page_or_respond(struct req *r, long *limit, long *offset)
{
	char *err = NULL;
	if (http_page(r, limit, offset, &err) == 0)
		return 0;
	http_send_error(r, 400, "bad_parameter", err);
	free(err);
	return -1;
}

const char *http_body(struct req *r, size_t *len)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(r->ev);
	*len = evbuffer_get_length(in);
	return *len ? (const char *)evbuffer_pullup(in, -1) : "";
}

json_t *http_json_body_or_respond(struct req *r)
{
	const char *type = http_header(r, "Content-Type");
	if (!type || strncasecmp(type, "application/json", 16) != 0) {
		http_send_error(r, 415, "unsupported_media_type",
				"Content-Type: send the body as application/json");
		return NULL;
	}
	size_t len;
	const char *body = http_body(r, &len);
	char *err = NULL;
	json_t *v = parse_json_object(body, len, &err);
	if (!v) {
		http_send_error(r, 400, "bad_body", err);
		free(err);
	}
	return v;
}

int http_fields_or_respond(struct req *r, const struct field *fields, size_t n, const char *what,
			   struct field_values *v, json_t **body)
{
	fields_init(v, fields, n);
	if (!(*body = http_json_body_or_respond(r)))
		return -1;
	struct svc_error err = { 0 };
	if (http_fields_from_json(*body, v, what, &err) == SVC_OK)
		return 0;
	http_send_bad_body(r, &err);
	return -1;
}

/* Reads one JSON member into the field f of v. */
static enum svc_status field_from_json(const struct field *f, json_t *value, struct field_values *v,
				       const char *what, struct svc_error *err)
{
	if (f->type == FIELD_LIST && json_is_array(value)) {
		size_t i;
		json_t *item;
		fields_give_list(v, f->name);
		json_array_foreach(value, i, item) {
			if (!json_is_string(item))
				return svc_fail(err, SVC_INVALID, f->name, "item %zu must be a string", i);
			fields_set(v, f->name, json_string_value(item), what, err);
		}
		return SVC_OK;
	}
	if (f->type == FIELD_LIST)
		return svc_fail(err, SVC_INVALID, f->name, "must be a list of strings");
	if (json_is_null(value) && (f->flags & FIELD_CLEARABLE))
		return fields_set(v, f->name, "", what, err);
	if (!json_is_string(value))
		return svc_fail(err, SVC_INVALID, f->name, "must be a string");
	return fields_set(v, f->name, json_string_value(value), what, err);
}

enum svc_status http_fields_from_json(json_t *body, struct field_values *v, const char *what,
				      struct svc_error *err)
{
	const char *key;
	json_t *value;
	json_object_foreach(body, key, value) {
		const struct field *f = fields_find(v->fields, v->n, key);
		enum svc_status st = f ? field_from_json(f, value, v, what, err)
				       : svc_fail(err, SVC_INVALID, key, "is not a field of %s", what);
		if (st)
			return st;
	}
	return SVC_OK;
}

/* Adds the comma-separated items of text to list field name. */
static void split_items(struct field_values *v, const char *name, const char *text, const char *what)
{
	struct svc_error ignored = { 0 };
	char *copy = xstrdup(text), *rest = copy, *item;
	fields_give_list(v, name);
	while ((item = strsep(&rest, ",")) != NULL) {
		item += strspn(item, " \t");
		size_t n = strlen(item);
		while (n && (item[n - 1] == ' ' || item[n - 1] == '\t'))
			item[--n] = '\0';
		if (*item)
			fields_set(v, name, item, what, &ignored);
	}
	free(copy);
}

static int skipped(const char *name, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (strcmp(name, *skip) == 0)
			return 1;
	return 0;
}

enum svc_status http_fields_from_form(const struct form *form, struct field_values *v, const char *what,
				      const char *const *skip, struct svc_error *err)
{
	for (size_t k = 0; k < form->n; k++) {
		const struct form_field *ff = &form->items[k];
		if (skipped(ff->name, skip))
			continue;
		const struct field *f = fields_find(v->fields, v->n, ff->name);
		if (!f || ff->filename)
			return svc_fail(err, SVC_INVALID, ff->name, "is not a field of %s", what);
		if (strlen(ff->value) != ff->len)
			return svc_fail(err, SVC_INVALID, ff->name, "must be text, without NUL bytes");
		if (f->type == FIELD_LIST)
			split_items(v, f->name, ff->value, what);
		else
			fields_set(v, f->name, ff->value, what, err);
	}
	return SVC_OK;
}

long long http_record_id(const char *segment)
{
	char *end;
	long long id = strtoll(segment, &end, 10);
	return *end || id <= 0 || !(segment[0] >= '1' && segment[0] <= '9') ? -1 : id;
}

long long http_id_or_respond(struct req *r, const char *what)
{
	long long id = http_record_id(r->params[0]);
	if (id < 0) {
		char *msg = xasprintf("no %s %s", what, r->params[0]);
		http_send_error(r, 404, "not_found", msg);
		free(msg);
	}
	return id;
}

void http_send_bad_body(struct req *r, struct svc_error *err)
{
	char *text = svc_error_text(err);
	http_send_error(r, 400, "bad_body", text);
	free(text);
	svc_error_free(err);
}

int http_year_or_respond(struct req *r, int *year)
{
	struct svc_error err = { 0 };
	if (registry_year(http_query(r, "at"), r->actor.now, "at", year, &err) == SVC_OK)
		return 0;
	char *text = svc_error_text(&err);
	http_send_error(r, 400, "bad_parameter", text);
	free(text);
	svc_error_free(&err);
	return -1;
}

int http_day_or_respond(struct req *r, char out[11])
{
	const char *at = http_query(r, "at");
	if (at && !fields_valid_date(at)) {
		http_send_error(r, 400, "bad_parameter", "at: give a real day as YYYY-MM-DD");
		return -1;
	}
	time_t t = (time_t)r->actor.now;
	struct tm tm;
	if (at)
		snprintf(out, 11, "%s", at);
	else
		strftime(out, 11, "%Y-%m-%d", gmtime_r(&t, &tm));
	return 0;
}

/* The first second (UTC) of day YYYY-MM-DD, or -1. */
static long long day_start(const char *day)
{
	struct tm tm = { 0 };
	if (!fields_valid_date(day) || sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

enum svc_status http_audit_filter(struct req *r, struct audit_filter *f, struct svc_error *err)
{
	static const char *const names[] = { "process", "user", "action", "from", "to" };
	const char *v[5];
	for (size_t i = 0; i < 5; i++) {
		v[i] = http_query(r, names[i]);
		v[i] = v[i] && *v[i] ? v[i] : NULL;
	}
	*f = (struct audit_filter){ .process = v[0], .login = v[1], .action = v[2] };
	if (v[3] && (f->from = day_start(v[3])) < 0)
		return svc_fail(err, SVC_INVALID, "from", "give a day as YYYY-MM-DD");
	if (v[4] && (f->until = day_start(v[4])) < 0)
		return svc_fail(err, SVC_INVALID, "to", "give a day as YYYY-MM-DD");
	if (v[4])
		f->until += 86400;
	return SVC_OK;
}
