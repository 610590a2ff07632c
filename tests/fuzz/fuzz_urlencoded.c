/* fuzz_urlencoded.c: libFuzzer target for query strings and form bodies */
#include "../../core/text.h"
#include "../../web/parse.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = (text_init(), 1);
	struct form f;
	char *err = NULL;
	if (parse_urlencoded((const char *)data, size, "query", &f, &err) == 0) {
		for (size_t i = 0; i < f.n; i++)
			if (form_get(&f, f.items[i].name) == NULL)
				abort();
		form_free(&f);
	} else {
		free(err);
	}
	return 0;
}
