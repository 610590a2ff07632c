/* fuzz_fields.c: libFuzzer target for a resource's declared fields read from what clients send:
 * a JSON body or an urlencoded form, then checked against a field table (documents', focal points',
 * meetings' or delegates', chosen by the first byte) */
#include "../../core/text.h"
#include "../../services/documents.h"
#include "../../services/focal_points.h"
#include "../../services/meetings.h"
#include "../../web/http.h"
#include "../../web/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every error names a field of the table (or the member at fault) and says why. */
static void check_error(enum svc_status st, struct svc_error *err)
{
	if (st != SVC_OK && (st != SVC_INVALID || !err->message || !err->field))
		abort();
	svc_error_free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = (text_init(), 1);
	if (size == 0)
		return 0;
	static const struct {
		const struct field *fields;
		const size_t *n;
	} tables[] = {
		{ documents_fields, &documents_nfields }, { focal_points_fields, &focal_points_nfields },
		{ meetings_fields, &meetings_nfields }, { delegates_fields, &delegates_nfields },
	};
	struct field_values v;
	struct svc_error err = { 0 };
	fields_init(&v, tables[(data[0] >> 2) & 3].fields, *tables[(data[0] >> 2) & 3].n);
	const char *text = (const char *)data + 1;
	char *why = NULL;
	if (data[0] & 1) {
		json_t *body = parse_json_object(text, size - 1, &why);
		if (body) {
			enum svc_status st = http_fields_from_json(body, &v, "a document", &err);
			check_error(st, &err);
			if (st == SVC_OK)
				check_error(fields_check(&v, data[0] & 2, &err), &err);
			json_decref(body);
		}
	} else {
		struct form form;
		static const char *const skip[] = { "csrf_token", NULL };
		if (parse_urlencoded(text, size - 1, "form", &form, &why) == 0) {
			enum svc_status st = http_fields_from_form(&form, &v, "a document", skip, &err);
			check_error(st, &err);
			if (st == SVC_OK)
				check_error(fields_check(&v, data[0] & 2, &err), &err);
			form_free(&form);
		}
	}
	free(why);
	fields_free(&v);
	return 0;
}
