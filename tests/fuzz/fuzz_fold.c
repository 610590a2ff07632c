/* fuzz_fold.c: libFuzzer target for name folding, lookup and suggestions */
#include "../../core/names.h"
#include "../../core/text.h"
#include "../../core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct name_index idx;
	if (!idx.n) {
		text_init();
		names_add(&idx, "Korea, Republic of", "KOR", NULL);
		names_add(&idx, "Söderköping Process", "cbcp", NULL);
		names_add(&idx, "Puebla Process", "rcm", NULL);
	}
	if (size > 512)
		return 0;
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	free(text_fold(s));
	names_lookup(&idx, s);
	const char *ids[3];
	names_suggest(&idx, s, ids, 3);
	free(s);
	return 0;
}
