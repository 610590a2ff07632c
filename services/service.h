/* service.h: what every use case is told (who acts, from where) and how it can end */
#ifndef RCPHUB_SERVICE_H
#define RCPHUB_SERVICE_H

#include "../core/account.h"

/* How a use case ended. Every outcome but SVC_OK comes with a message
 * (caller frees) that names the field or parameter at fault. */
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

/* Who is acting: the signed-in user (NULL for anonymous) and the address
 * the request came from (NULL on the command line). Neither is owned. */
struct actor {
	const struct user *user;
	const char *address;
	long long now;  /* Unix seconds */
};

#endif
