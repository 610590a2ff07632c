/* vcard.c: contact cards written as vCard 4.0 (RFC 6350): escaped values, folded lines, CRLF */
#include "vcard.h"
#include "../core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE_OCTETS 75  /* RFC 6350 3.2: lines longer than this are folded */

/* Appends a text value with the characters RFC 6350 3.4 gives meaning to
 * escaped: backslash, comma, semicolon, newline. */
static void escaped(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ',' || *s == ';') {
			buf_append(b, "\\", 1);
			buf_append(b, s, 1);
		} else if (*s == '\n') {
			buf_append(b, "\\n", 2);
		} else if (*s != '\r') {
			buf_append(b, s, 1);
		}
	}
}

/* Appends line (without its end) folded into pieces of at most 75 octets,
 * each continuation starting with a space, never inside a UTF-8
 * character; then CRLF. */
static void folded(struct buf *out, const char *line, size_t len)
{
	size_t at = 0, room = LINE_OCTETS;
	while (len - at > room) {
		size_t cut = at + room;
		while (cut > at && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		buf_append(out, line + at, cut - at);
		buf_append(out, "\r\n ", 3);
		at = cut;
		room = LINE_OCTETS - 1;
	}
	buf_append(out, line + at, len - at);
	buf_append(out, "\r\n", 2);
}

/* One content line: name (with parameters, the program's own text) and a
 * value given as components, each escaped, joined by ';'. */
static void property(struct buf *out, const char *name, const char *const *components, size_t n)
{
	struct buf line = { 0 };
	buf_append(&line, name, strlen(name));
	buf_append(&line, ":", 1);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_append(&line, ";", 1);
		escaped(&line, components[i]);
	}
	folded(out, line.data, line.len);
	buf_free(&line);
}

static void text_property(struct buf *out, const char *name, const char *value)
{
	if (value && *value)
		property(out, name, &value, 1);
}

void vcard_write_focal_point(struct buf *b, const struct focal_point *f, const char *process_name)
{
	static const struct {
		const char *slug, *words;
	} ministries[] = {
		{ "foreign-affairs", "Ministry of Foreign Affairs" }, { "interior", "Ministry of the Interior" },
		{ "justice", "Ministry of Justice" }, { "labour", "Ministry of Labour" },
		{ "immigration", "Immigration" }, { "other", "" },
	};
	const char *ministry = "";
	for (size_t i = 0; i < sizeof ministries / sizeof ministries[0]; i++)
		if (f->ministry && strcmp(f->ministry, ministries[i].slug) == 0)
			ministry = ministries[i].words;
	buf_append(b, "BEGIN:VCARD\r\nVERSION:4.0\r\n", 26);
	text_property(b, "FN", f->name);
	const char *org[] = { f->party_name, ministry };
	property(b, "ORG", org, *ministry ? 2 : 1);
	text_property(b, "TITLE", f->title);
	char *role = xasprintf("%s, %s", f->alternate ? "Alternate focal point" : "National focal point",
			       process_name);
	text_property(b, "ROLE", role);
	free(role);
	text_property(b, "EMAIL;TYPE=work", f->email);
	text_property(b, "TEL;VALUE=text;TYPE=work", f->phone);
	for (size_t i = 0; i < f->languages.n; i++) {
		char name[32];
		snprintf(name, sizeof name, "LANG;PREF=%zu", i + 1);
		text_property(b, name, f->languages.items[i]);
	}
	text_property(b, "CATEGORIES", process_name);
	char *note = f->verified ? xasprintf("last verified %s", f->verified) : xstrdup("never verified");
	text_property(b, "NOTE", note);
	free(note);
	char rev[24], uid[64];
	time_t t = (time_t)f->updated_at;
	struct tm tm;
	strftime(rev, sizeof rev, "%Y%m%dT%H%M%SZ", gmtime_r(&t, &tm));
	text_property(b, "REV", rev);
	snprintf(uid, sizeof uid, "rcphub-focal-point-%lld", f->id);
	text_property(b, "UID;VALUE=text", uid);
	buf_append(b, "END:VCARD\r\n", 11);
}
