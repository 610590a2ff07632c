/* fuzz_glossary.c: libFuzzer target for glossary files (TBX through expat, CSV) and their writers */
#include "../../core/text.h"
#include "../../io/glossary_file.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct glossary g;
	const char *format;
	char *err = NULL;
	if (glossary_read((const char *)data, size, &g, &format, &err)) {
		free(err);
		return 0;
	}
	/* what was read is written out again, and its terms folded */
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		glossary_write_tbx(sink, &g);
		glossary_write_csv(sink, &g);
		fclose(sink);
	}
	for (size_t i = 0; i < g.n; i++)
		for (size_t k = 0; k < g.items[i].nterms; k++)
			free(text_fold_words(g.items[i].terms[k].text));
	glossary_free(&g);
	return 0;
}
