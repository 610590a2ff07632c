/* service.c: how use cases end: their errors and the end of their transactions */
#include "service_int.h"
#include "../core/xalloc.h"
#include "../store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum svc_status svc_fail_with(struct svc_error *e, enum svc_status st, const char *field, char *message)
{
	svc_error_free(e);
	e->field = xstrdup_or_null(field);
	e->message = message;
	return st;
}

enum svc_status svc_fail(struct svc_error *e, enum svc_status st, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = NULL;
	if (vasprintf(&message, fmt, ap) < 0)
		abort();
	va_end(ap);
	return svc_fail_with(e, st, field, message);
}

char *svc_error_text(const struct svc_error *e)
{
	const char *message = e->message ? e->message : "failed";
	return e->field ? xasprintf("%s: %s", e->field, message) : xstrdup(message);
}

int svc_error_is_about(const struct svc_error *e, const char *field)
{
	size_t n = strlen(field);
	return e->field && strncmp(e->field, field, n) == 0 && (e->field[n] == '\0' || e->field[n] == '[');
}

void svc_error_free(struct svc_error *e)
{
	free(e->field);
	free(e->message);
	e->field = e->message = NULL;
}

enum svc_status svc_commit(struct store *s, enum svc_status st, struct svc_error *e)
{
	if (st == SVC_OK) {
		char *why = NULL;
		if (store_commit(s, &why) == 0)
			return SVC_OK;
		svc_fail_with(e, SVC_ERROR, NULL, why);
	}
	store_rollback(s);
	return st == SVC_OK ? SVC_ERROR : st;
}

enum svc_status svc_begin(struct store *s, struct svc_error *e)
{
	char *why = NULL;
	return store_begin(s, &why) ? svc_fail_with(e, SVC_ERROR, NULL, why) : SVC_OK;
}
