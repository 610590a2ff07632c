/* service.h: what every use case is told (who acts, from where), how it can end, and what went wrong */
#ifndef RCPHUB_SERVICE_H
#define RCPHUB_SERVICE_H

#include "../core/account.h"

struct store;

/* How a use case ended. Every outcome but SVC_OK comes with a struct
 * svc_error saying what went wrong and, where one field is at fault,
 * which. */
enum svc_status {
	SVC_OK = 0,
	SVC_ERROR = -1,     /* the store failed */
	SVC_NOT_FOUND = 1,  /* no such record, or one the actor may not see */
	SVC_FORBIDDEN = 2,  /* the record is visible but the action is not allowed */
	SVC_INVALID = 3,    /* a value is malformed or refers to nothing */
	SVC_CONFLICT = 4,   /* it exists already */
	SVC_THROTTLED = 5,  /* too many failed attempts; try later */
	SVC_DENIED = 6,     /* not signed in, or wrong credentials */
};

/* What went wrong: the field or parameter at fault as a path into what
 * the caller sent ("title", "readers[1]"), or NULL when no one field is;
 * and, in words for whoever sent it, what is wrong. Both are owned by the
 * struct (svc_error_free); zero-initialised means nothing went wrong. A
 * store's message may be written straight into message (&e->message is
 * the char ** the store takes). */
struct svc_error {
	char *field;
	char *message;
};

/* Who is acting: the signed-in user (NULL for anonymous) and the address
 * the request came from (NULL on the command line). Neither is owned. */
struct actor {
	const struct user *user;
	const char *address;
	long long now;  /* Unix seconds */
};

/* Fills e (freeing what it held) with field (copied; NULL for none) and
 * the message fmt makes, and returns st. fmt is the program's own text. */
enum svc_status svc_fail(struct svc_error *e, enum svc_status st, const char *field,
			 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same with a message already made (taken over: freed by e). */
enum svc_status svc_fail_with(struct svc_error *e, enum svc_status st, const char *field, char *message);
/* "field: message", or the message alone; the caller frees it. */
char *svc_error_text(const struct svc_error *e);
/* Whether e is about field itself or one of its items ("readers[1]" is
 * about "readers"). */
int svc_error_is_about(const struct svc_error *e, const char *field);
void svc_error_free(struct svc_error *e);

/* Ends the transaction open on s: commits when st is SVC_OK (a failed
 * commit is SVC_ERROR, in e), and rolls back otherwise. Returns the
 * outcome. Every service that writes ends through it. */
enum svc_status svc_commit(struct store *s, enum svc_status st, struct svc_error *e);

#endif
