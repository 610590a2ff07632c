/* fuzz_json_body.c: libFuzzer target for JSON request bodies and the Markdown they carry */
#include "../../io/markdown.h"
#include "../../web/parse.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	json_t *v = parse_json_object((const char *)data, size, &err);
	if (!v) {
		free(err);
		return 0;
	}
	const char *body = json_string_value(json_object_get(v, "body"));
	if (body)
		free(markdown_to_html(body));
	json_decref(v);
	return 0;
}
