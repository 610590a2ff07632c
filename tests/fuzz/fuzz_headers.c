/* fuzz_headers.c: libFuzzer target for the request headers rcphub reads itself: Cookie and X-Forwarded-For */
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
	char ip[64];
	const char *client = parse_forwarded_for(header, ip, sizeof ip);
	if (client && (client != ip || strlen(ip) >= sizeof ip))
		abort();
	free(header);
	return 0;
}
