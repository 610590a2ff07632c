/* fuzz_path.c: libFuzzer target for request paths split into segments */
#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../web/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless every segment is a plain name: not empty, UTF-8, without
 * '/' and not "." or "..". */
static void check_segments(char **segs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = segs[i];
		if (!*s || !text_is_utf8(s) || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, ".."))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = xmalloc(size + 1);
	memcpy(path, data, size);
	path[size] = '\0';
	char **segs, *err = NULL;
	size_t n;
	if (parse_path(path, &segs, &n, &err) == 0) {
		check_segments(segs, n);
		for (size_t i = 0; i < n; i++)
			free(segs[i]);
		free(segs);
	} else if (!err || segs || n) {
		abort();
	}
	free(err);
	free(path);
	return 0;
}
