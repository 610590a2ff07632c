/* fuzz_multipart.c: libFuzzer target for multipart/form-data uploads; the
 * first line of the input is the Content-Type header, the rest the body */
#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../web/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = (text_init(), 1);
	const uint8_t *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size;
	char *type = xmalloc(tlen + 1);
	memcpy(type, data, tlen);
	type[tlen] = '\0';
	const char *body = nl ? (const char *)nl + 1 : "";
	size_t blen = nl ? size - tlen - 1 : 0;
	struct form f;
	char *err = NULL;
	if (parse_multipart(type, body, blen, &f, &err) == 0) {
		for (size_t i = 0; i < f.n; i++)
			if (f.items[i].value[f.items[i].len] != '\0' || f.items[i].len > blen)
				abort();
		form_free(&f);
	} else {
		free(err);
	}
	free(type);
	return 0;
}
