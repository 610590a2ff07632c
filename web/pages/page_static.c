/* page_static.c: the site's own style sheet, from the static folder; nothing from elsewhere */
#include "pages.h"
#include "../../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RCPHUB_STATIC_DIR
#define RCPHUB_STATIC_DIR "web/static"
#endif

/* The files there are, and their types: nothing else is served. */
static const struct {
	const char *name, *type;
} files[] = {
	{ "site.css", "text/css; charset=utf-8" },
};

void page_static(struct req *r)
{
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (strcmp(files[i].name, r->params[0]) != 0)
			continue;
		const char *dir = getenv("RCPHUB_STATIC");
		char *path = xasprintf("%s/%s", dir && *dir ? dir : RCPHUB_STATIC_DIR, files[i].name);
		FILE *f = fopen(path, "rb");
		free(path);
		struct buf b = { 0 };
		char chunk[4096];
		size_t n;
		while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_append(&b, chunk, n);
		if (f && !ferror(f)) {
			http_send_bytes(r, 200, files[i].type, NULL, b.data ? b.data : "", b.len);
		} else {
			http_send_status(r, SVC_ERROR, xasprintf("cannot read static file %s", files[i].name));
		}
		if (f)
			fclose(f);
		buf_free(&b);
		return;
	}
	page_error(r, 404, "Not found", "There is no such file.");
}
