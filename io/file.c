/* file.c: reading a whole file or stream into memory */
#include "file.h"
#include "../core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *file_read(const char *path, size_t max, size_t *len, char **err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		*err = xasprintf("%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0, got;
	char *buf = xmalloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max)
			break;
		if (n == cap)
			buf = xrealloc(buf, (cap *= 2) + 1);
	}
	int failed = ferror(f);
	if (!is_stdin)
		fclose(f);
	if (failed || n > max) {
		*err = failed ? xasprintf("%s: read error", path)
			      : xasprintf("%s: larger than %zu bytes", path, max);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
