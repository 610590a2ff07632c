/* xalloc.h: allocation that aborts the program when memory runs out */
#ifndef RCPHUB_XALLOC_H
#define RCPHUB_XALLOC_H

#include <stddef.h>

/* Each returns memory the caller frees with free(); none returns NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* xstrdup for a possibly NULL string: NULL stays NULL. */
char *xstrdup_or_null(const char *s);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
