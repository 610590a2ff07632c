/* vcard.h: contact cards written as vCard 4.0 (RFC 6350): escaped values, folded lines, CRLF */
#ifndef RCPHUB_VCARD_H
#define RCPHUB_VCARD_H

#include "../core/buf.h"
#include "../core/model.h"

/* Appends f's card to b: FN, ORG (the state or organisation and the
 * ministry), TITLE, ROLE, EMAIL, TEL, LANG in order of preference, the
 * process as CATEGORIES, when it was last verified as NOTE, REV and a UID.
 * process_name is the process's name. */
void vcard_write_focal_point(struct buf *b, const struct focal_point *f, const char *process_name);

#endif
