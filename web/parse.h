/* parse.h: what clients send: paths, query strings, form bodies, multipart uploads, cookies, JSON bodies */
#ifndef RCPHUB_PARSE_H
#define RCPHUB_PARSE_H

#include <jansson.h>
#include <stddef.h>

#define FORM_MAX_FIELDS 64

/* One field of a query string or form. value is NUL-terminated and len
 * long (a file's bytes may hold NULs); filename and type are set for a
 * file of a multipart upload and NULL otherwise. */
struct form_field {
	char *name;
	char *value;
	size_t len;
	char *filename;
	char *type;
};

struct form {
	struct form_field *items;
	size_t n;
};

/* Every parser below returns 0, or -1 with *err (caller frees) saying
 * what is wrong and where; on failure *out holds nothing to free. */

/* name=value&... as in a URL's query or an application/x-www-form-
 * urlencoded body (percent escapes and '+' decoded). Text must be UTF-8
 * without NULs or control characters other than tab and newlines. where
 * names the part in messages ("query", "body"). */
int parse_urlencoded(const char *data, size_t len, const char *where, struct form *out, char **err);

/* A multipart/form-data body; content_type is the request's header,
 * which carries the boundary. */
int parse_multipart(const char *content_type, const char *data, size_t len,
		    struct form *out, char **err);

/* A request's path split into its percent-decoded segments, a trailing
 * '/' ignored (caller frees each and the array); refused when it does not
 * start with '/', is over 2,048 bytes, or has a segment that is empty,
 * not plain UTF-8 text, or climbs ("..", "."). */
int parse_path(const char *path, char ***segs, size_t *n, char **err);

/* The first field called name, or NULL. */
const struct form_field *form_get(const struct form *f, const char *name);
void form_free(struct form *f);

/* The value of cookie name in a Cookie header (caller frees), or NULL. */
char *parse_cookie(const char *header, const char *name);

/* The last address of an X-Forwarded-For list (the one the nearest proxy
 * added), copied to out (size bytes), if it is an IPv4 or IPv6 address;
 * else NULL. */
const char *parse_forwarded_for(const char *header, char *out, size_t size);

/* A JSON body that must be one object; a new reference on success. */
json_t *parse_json_object(const char *data, size_t len, char **err);

#endif
