/* file.h: reading a whole file or stream into memory */
#ifndef RCPHUB_FILE_H
#define RCPHUB_FILE_H

#include <stddef.h>

/* The whole of path ("-" for standard input) in a new buffer, NUL-
 * terminated (caller frees); *len is its length without the NUL. More
 * than max bytes, or a file that cannot be read, is NULL with *err
 * (caller frees) naming the file. */
char *file_read(const char *path, size_t max, size_t *len, char **err);

#endif
