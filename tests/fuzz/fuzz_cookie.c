/* fuzz_cookie.c: libFuzzer target for Cookie headers */
#include "../../core/xalloc.h"
#include "../../web/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header = xmalloc(size + 1);
	memcpy(header, data, size);
	header[size] = '\0';
	char *v = parse_cookie(header, "rcphub_session");
	if (v && strlen(v) > size)
		abort();
	free(v);
	free(header);
	return 0;
}
