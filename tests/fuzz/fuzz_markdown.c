/* fuzz_markdown.c: libFuzzer target for a paper's Markdown (cmark-gfm with its extensions): no crash, and no raw HTML or javascript: link in what it writes */
#include "../../io/markdown.h"
#include "../../core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *html = markdown_to_html(text);
	if (strstr(html, "<script") || strstr(html, "href=\"javascript:") || strstr(html, "<iframe"))
		abort();
	free(html);
	free(text);
	return 0;
}
