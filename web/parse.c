/* parse.c: what clients send: query strings, form bodies, multipart uploads, cookies, JSON bodies */
#include "parse.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <arpa/inet.h>
#include <event2/http.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_BYTES 2048

static int fail(char **err, char *msg)
{
	*err = msg;
	return -1;
}

static struct form_field *push_field(struct form *f)
{
	f->items = xrealloc(f->items, (f->n + 1) * sizeof *f->items);
	struct form_field *ff = &f->items[f->n++];
	memset(ff, 0, sizeof *ff);
	return ff;
}

/* Text a user typed: UTF-8 without NULs or control characters but tab,
 * CR and LF. */
static int acceptable_text(const char *s, size_t len)
{
	if (strlen(s) != len || !text_is_utf8(s))
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Percent-decodes s ('+' as space) into a new string checked as text. */
static char *decode_text(const char *s, size_t *len)
{
	char *out = evhttp_uridecode(s, 1, len);
	if (!out)
		abort();
	if (!acceptable_text(out, *len)) {
		free(out);
		return NULL;
	}
	return out;
}

static int urlencoded_pair(char *pair, const char *where, size_t index, struct form *out, char **err)
{
	char *eq = strchr(pair, '=');
	if (eq)
		*eq = '\0';
	size_t nlen, vlen = 0;
	char *name = decode_text(pair, &nlen);
	if (!name || nlen == 0) {
		free(name);
		return fail(err, xasprintf("%s: parameter %zu has no valid name", where, index + 1));
	}
	char *value = decode_text(eq ? eq + 1 : "", &vlen);
	if (!value) {
		char *msg = xasprintf("%s: parameter %s is not UTF-8 text", where, name);
		free(name);
		return fail(err, msg);
	}
	struct form_field *ff = push_field(out);
	ff->name = name;
	ff->value = value;
	ff->len = vlen;
	return 0;
}

int parse_urlencoded(const char *data, size_t len, const char *where, struct form *out, char **err)
{
	memset(out, 0, sizeof *out);
	if (memchr(data, '\0', len))
		return fail(err, xasprintf("%s: contains a NUL byte", where));
	char *copy = xmalloc(len + 1), *rest = copy, *pair;
	memcpy(copy, data, len);
	copy[len] = '\0';
	int rc = 0;
	while (rc == 0 && (pair = strsep(&rest, "&")) != NULL) {
		if (!*pair)
			continue;
		if (out->n == FORM_MAX_FIELDS)
			rc = fail(err, xasprintf("%s: more than %d parameters", where, FORM_MAX_FIELDS));
		else
			rc = urlencoded_pair(pair, where, out->n, out, err);
	}
	free(copy);
	if (rc)
		form_free(out);
	return rc;
}

/* The value of parameter name (name="..." or name=token) in a header
 * value like 'form-data; name="a"; filename="b"' (caller frees), or NULL. */
static char *header_param(const char *value, size_t vlen, const char *name)
{
	size_t nlen = strlen(name);
	const char *end = value + vlen;
	for (const char *p = value; p < end; p++) {
		if (*p != ';')
			continue;
		const char *q = p + 1;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(end - q) <= nlen || strncasecmp(q, name, nlen) != 0 || q[nlen] != '=')
			continue;
		q += nlen + 1;
		const char *stop;
		if (q < end && *q == '"') {
			q++;
			stop = memchr(q, '"', (size_t)(end - q));
			if (!stop)
				return NULL;
		} else {
			for (stop = q; stop < end && *stop != ';' && *stop != ' '; stop++)
				;
		}
		char *out = xmalloc((size_t)(stop - q) + 1);
		memcpy(out, q, (size_t)(stop - q));
		out[stop - q] = '\0';
		return out;
	}
	return NULL;
}

/* Reads a part's headers (between head and head_end) into ff. */
static int part_headers(const char *head, const char *head_end, size_t index,
			struct form_field *ff, char **err)
{
	const char *line = head;
	while (line < head_end) {
		const char *eol = memchr(line, '\n', (size_t)(head_end - line));
		size_t llen = (size_t)((eol ? eol : head_end) - line);
		if (llen && line[llen - 1] == '\r')
			llen--;
		const char *colon = memchr(line, ':', llen);
		if (colon) {
			size_t klen = (size_t)(colon - line);
			const char *v = colon + 1;
			size_t vlen = llen - klen - 1;
			while (vlen && (*v == ' ' || *v == '\t'))
				v++, vlen--;
			if (klen == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
				if (vlen < 9 || strncasecmp(v, "form-data", 9) != 0)
					return fail(err, xasprintf("body: part %zu is not form-data", index + 1));
				free(ff->name);
				free(ff->filename);
				ff->name = header_param(v, vlen, "name");
				ff->filename = header_param(v, vlen, "filename");
			} else if (klen == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
				free(ff->type);
				ff->type = xmalloc(vlen + 1);
				memcpy(ff->type, v, vlen);
				ff->type[vlen] = '\0';
			}
		}
		line = eol ? eol + 1 : head_end;
	}
	if (!ff->name || !*ff->name || !text_is_utf8(ff->name))
		return fail(err, xasprintf("body: part %zu has no field name", index + 1));
	if (ff->filename && !acceptable_text(ff->filename, strlen(ff->filename)))
		return fail(err, xasprintf("body: field %s: the file name is not UTF-8 text", ff->name));
	if (ff->filename && !ff->type)
		ff->type = xstrdup("application/octet-stream");
	return 0;
}

static int multipart_part(const char *start, const char *end, size_t index,
			  struct form *out, char **err)
{
	const char *head_end = memmem(start, (size_t)(end - start), "\r\n\r\n", 4);
	if (!head_end)
		return fail(err, xasprintf("body: part %zu has no end of headers", index + 1));
	struct form_field *ff = push_field(out);
	if (part_headers(start, head_end, index, ff, err))
		return -1;
	const char *content = head_end + 4;
	ff->len = (size_t)(end - content);
	ff->value = xmalloc(ff->len + 1);
	memcpy(ff->value, content, ff->len);
	ff->value[ff->len] = '\0';
	if (!ff->filename && !acceptable_text(ff->value, ff->len))
		return fail(err, xasprintf("body: field %s is not UTF-8 text", ff->name));
	return 0;
}

int parse_multipart(const char *content_type, const char *data, size_t len,
		    struct form *out, char **err)
{
	memset(out, 0, sizeof *out);
	char *boundary = content_type ? header_param(content_type, strlen(content_type), "boundary") : NULL;
	size_t blen = boundary ? strlen(boundary) : 0;
	if (blen == 0 || blen > 70) {
		free(boundary);
		return fail(err, xstrdup("Content-Type: multipart/form-data needs a boundary of 1 to 70 characters"));
	}
	char *delim = xasprintf("\r\n--%s", boundary);
	size_t dlen = blen + 4;
	free(boundary);
	int rc = 0;
	/* The body starts with the delimiter less its CRLF. */
	const char *p = data, *end = data + len;
	if (len < dlen - 2 || memcmp(p, delim + 2, dlen - 2) != 0)
		rc = fail(err, xstrdup("body: does not start with the multipart boundary"));
	else
		p += dlen - 2;
	while (rc == 0) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;  /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			rc = fail(err, xstrdup("body: a multipart boundary is not followed by a line end"));
			break;
		}
		p += 2;
		const char *next = memmem(p, (size_t)(end - p), delim, dlen);
		if (!next)
			rc = fail(err, xstrdup("body: the multipart body is cut short (no closing boundary)"));
		else if (out->n == FORM_MAX_FIELDS)
			rc = fail(err, xasprintf("body: more than %d parts", FORM_MAX_FIELDS));
		else
			rc = multipart_part(p, next, out->n, out, err);
		p = next ? next + dlen : end;
	}
	free(delim);
	if (rc)
		form_free(out);
	return rc;
}

int parse_path(const char *path, char ***segs, size_t *n, char **err)
{
	*segs = NULL;
	*n = 0;
	if (path[0] != '/' || strlen(path) > PATH_MAX_BYTES) {
		*err = xasprintf("path: must start with / and be at most %d bytes", PATH_MAX_BYTES);
		return -1;
	}
	const char *p = path + 1;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		char *raw = xmalloc(len + 1);
		memcpy(raw, p, len);
		raw[len] = '\0';
		size_t dlen = 0;
		char *seg = evhttp_uridecode(raw, 0, &dlen);
		free(raw);
		if (!seg || dlen != strlen(seg) || !text_is_utf8(seg) || strchr(seg, '/') ||
		    strcmp(seg, "..") == 0 || strcmp(seg, ".") == 0 || (dlen == 0 && slash)) {
			free(seg);
			*err = xasprintf("path: segment %zu is not a plain name", *n + 1);
			for (size_t i = 0; i < *n; i++)
				free((*segs)[i]);
			free(*segs);
			*segs = NULL;
			*n = 0;
			return -1;
		}
		if (dlen) {
			*segs = xrealloc(*segs, (*n + 1) * sizeof **segs);
			(*segs)[(*n)++] = seg;
		} else {
			free(seg);
		}
		p = slash ? slash + 1 : p + len;
	}
	return 0;
}

const struct form_field *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strcmp(f->items[i].name, name) == 0)
			return &f->items[i];
	return NULL;
}

void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].name);
		free(f->items[i].value);
		free(f->items[i].filename);
		free(f->items[i].type);
	}
	free(f->items);
	memset(f, 0, sizeof *f);
}

char *parse_cookie(const char *header, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;
	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t vlen = len - nlen - 1;
			const char *v = p + nlen + 1;
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			char *out = xmalloc(vlen + 1);
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return out;
		}
		p = end;
	}
	return NULL;
}

const char *parse_forwarded_for(const char *header, char *out, size_t size)
{
	const char *last = strrchr(header, ',');
	last = last ? last + 1 : header;
	while (*last == ' ' || *last == '\t')
		last++;
	size_t len = strcspn(last, " \t");
	unsigned char ip[16];
	if (len == 0 || len >= size)
		return NULL;
	memcpy(out, last, len);
	out[len] = '\0';
	return inet_pton(AF_INET, out, ip) == 1 || inet_pton(AF_INET6, out, ip) == 1 ? out : NULL;
}

json_t *parse_json_object(const char *data, size_t len, char **err)
{
	json_error_t je;
	json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		*err = xasprintf("body: line %d, column %d: %s", je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		*err = xstrdup("body: must be a JSON object");
		return NULL;
	}
	return v;
}
