/* page_static.c: the site's own style sheet, from the static folder; nothing from elsewhere */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../io/file.h"

#include <stdlib.h>
#include <string.h>

#define STATIC_MAX (1024 * 1024)

#ifndef RCPHUB_STATIC_DIR
#define RCPHUB_STATIC_DIR "web/static"
#endif

/* The files there are, and their types: nothing else is served. */
static const struct {
	const char *name, *type;
} files[] = {
	{ "site.css", "text/css; charset=utf-8" },
	{ "favicon.svg", "image/svg+xml" },
	{ "robots.txt", "text/plain; charset=utf-8" },
};

/* Sends the static file name, or answers 404. */
static void send_static(struct req *r, const char *name)
{
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (strcmp(files[i].name, name) != 0)
			continue;
		const char *dir = getenv("RCPHUB_STATIC");
		char *path = xasprintf("%s/%s", dir && *dir ? dir : RCPHUB_STATIC_DIR, files[i].name);
		size_t len;
		char *err = NULL, *data = file_read(path, STATIC_MAX, &len, &err);
		free(path);
		if (data)
			http_send_bytes(r, 200, files[i].type, NULL, data, len);
		else {
			struct svc_error why = { 0 };
			http_send_status(r, svc_fail_with(&why, SVC_ERROR, NULL, err), &why);
		}
		free(data);
		return;
	}
	page_error(r, 404, "Not found", "There is no such file.");
}

void page_static(struct req *r)
{
	send_static(r, r->params[0]);
}

void page_robots(struct req *r)
{
	send_static(r, "robots.txt");
}

void page_favicon(struct req *r)
{
	send_static(r, "favicon.svg");
}
