/* service_int.h: what the services share among themselves and show no front end */
#ifndef RCPHUB_SERVICE_INT_H
#define RCPHUB_SERVICE_INT_H

#include "registry.h"
#include "../store/store.h"

/* The registry's connection to the store; owned by the registry. */
struct store *registry_store(struct registry *r);

/* Begins a transaction on s; SVC_ERROR in e if it cannot. */
enum svc_status svc_begin(struct store *s, struct svc_error *e);

#endif
