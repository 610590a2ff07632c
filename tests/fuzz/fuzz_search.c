/* fuzz_search.c: libFuzzer target for a search's words and the excerpt cut around them */
#include "../../core/search.h"
#include "../../core/text.h"
#include "../../core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is the query, a NUL, then the text searched; marks must lie
 * inside the excerpt and the excerpt inside the text's length. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = text_init() == 0;
	if (size > 4096)
		return 0;
	char *s = xmalloc(size + 2);
	memcpy(s, data, size);
	s[size] = s[size + 1] = '\0';
	const char *query = s, *text = s + strlen(s) + 1;
	if (text > s + size)
		text = s + size;
	struct search_words w;
	if (search_words_parse(query, &w) == 0) {
		search_text_holds(text, &w);
		for (size_t width = 8; width <= 512; width *= 8) {
			struct snippet sn;
			search_snippet(text, &w, width, &sn);
			size_t len = strlen(sn.text);
			if (len > strlen(text))
				abort();
			for (size_t i = 0; i < sn.nmarks; i++)
				if (sn.marks[i].at + sn.marks[i].len > len)
					abort();
			snippet_free(&sn);
		}
		search_words_free(&w);
	}
	free(s);
	return 0;
}
