/* glossary_file.h: glossaries read from and written to TBX (ISO 30042, through expat) and CSV */
#ifndef RCPHUB_GLOSSARY_FILE_H
#define RCPHUB_GLOSSARY_FILE_H

#include "../core/glossary.h"

#include <stddef.h>
#include <stdio.h>

/* Reads len bytes of a glossary: TBX (TBX-Basic of 2019, conceptEntry /
 * langSec / termSec, or of 2008, termEntry / langSet / tig) when its first
 * byte that is not a space or a byte order mark is '<', else CSV with the
 * columns entry, lang, term, definition and optionally source, subject,
 * related, contested and note (one row per term; rows with the same entry
 * make one entry; related and contested terms separated by ';'). Sets
 * *format to "tbx" or "csv". 0 with out filled (each entry with the line
 * it began on), or -1 with *err (caller frees) naming the line and what
 * is wrong; nothing is kept then. */
int glossary_read(const char *data, size_t len, struct glossary *out, const char **format, char **err);

/* Writes g as TBX-Basic (2019) or as CSV in the columns above. 0 or -1. */
int glossary_write_tbx(FILE *out, const struct glossary *g);
int glossary_write_csv(FILE *out, const struct glossary *g);

#endif
