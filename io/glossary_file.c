/* glossary_file.c: glossaries read from and written to TBX (ISO 30042, through expat) and CSV */
#include "glossary_file.h"
#include "../core/buf.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <csv.h>
#include <ctype.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELD (64 * 1024)

/* The language of an xml:lang or lang value ("en-GB" -> "en"), into out;
 * 0, or -1 when it is none of the glossary's. */
static int language_of(const char *value, char out[3])
{
	if (!value || strlen(value) < 2 || (value[2] && value[2] != '-' && value[2] != '_'))
		return -1;
	out[0] = (char)tolower((unsigned char)value[0]);
	out[1] = (char)tolower((unsigned char)value[1]);
	out[2] = '\0';
	return glossary_language(out) ? 0 : -1;
}

static struct term *term_for(struct glossary_entry *e, const char *lang)
{
	for (size_t i = 0; i < e->nterms; i++)
		if (strcmp(e->terms[i].lang, lang) == 0)
			return &e->terms[i];
	e->terms = xrealloc(e->terms, (e->nterms + 1) * sizeof *e->terms);
	struct term *t = &e->terms[e->nterms++];
	memset(t, 0, sizeof *t);
	memcpy(t->lang, lang, 3);
	return t;
}

static void add_once(struct strlist *l, const char *s)
{
	if (*s && !strlist_contains(l, s))
		strlist_push(l, s);
}

/* Checks that every term of e has its text, and gives terms without a
 * definition the entry's own (def). */
static char *finish_entry(struct glossary_entry *e, const char *def, const char *source)
{
	if (!e->nterms)
		return xasprintf("line %ld: an entry without a term", e->line);
	for (size_t i = 0; i < e->nterms; i++) {
		struct term *t = &e->terms[i];
		if (!t->text || !*t->text)
			return xasprintf("line %ld: the %s part of an entry has no term", e->line, t->lang);
		if (!t->definition)
			t->definition = xstrdup(def ? def : "");
		if (!t->source && source)
			t->source = xstrdup(source);
	}
	return NULL;
}

/* ---- TBX ---- */

struct tbx {
	XML_Parser p;
	struct glossary *g;
	struct glossary_entry *entry;
	char lang[3];
	int in_lang;
	char *entry_definition, *entry_source;
	struct buf text;
	int collecting;   /* inside an element whose text is wanted */
	const char *what; /* which: "term", "definition", "subject", "source", "note", "related" */
	char *err;
};

static const char *attr(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

static void tbx_fail(struct tbx *t, char *message)
{
	if (!t->err)
		t->err = message;
	else
		free(message);
	XML_StopParser(t->p, XML_FALSE);
}

static int named(const char *el, const char *a, const char *b)
{
	return strcmp(el, a) == 0 || (b && strcmp(el, b) == 0);
}

static void XMLCALL tbx_start(void *data, const XML_Char *el, const XML_Char **atts)
{
	struct tbx *t = data;
	long line = (long)XML_GetCurrentLineNumber(t->p);
	if (named(el, "conceptEntry", "termEntry")) {
		if (t->entry)
			return tbx_fail(t, xasprintf("line %ld: an entry inside an entry", line));
		t->g->items = xrealloc(t->g->items, (t->g->n + 1) * sizeof *t->g->items);
		t->entry = &t->g->items[t->g->n++];
		memset(t->entry, 0, sizeof *t->entry);
		t->entry->line = line;
		return;
	}
	if (!t->entry)
		return;
	if (named(el, "langSec", "langSet")) {
		const char *lang = attr(atts, "xml:lang");
		if (language_of(lang, t->lang))
			return tbx_fail(t, xasprintf("line %ld: language \"%s\" is none of en, fr, es, ru, ar", line,
						     lang ? lang : ""));
		t->in_lang = 1;
		return;
	}
	const char *type = attr(atts, "type");
	t->what = NULL;
	if (strcmp(el, "term") == 0 && t->in_lang)
		t->what = "term";
	else if (strcmp(el, "descrip") == 0 && type && strcmp(type, "definition") == 0)
		t->what = "definition";
	else if (strcmp(el, "descrip") == 0 && type && strcmp(type, "subjectField") == 0)
		t->what = "subject";
	else if ((strcmp(el, "admin") == 0 || strcmp(el, "descrip") == 0) && type && strcmp(type, "source") == 0)
		t->what = "source";
	else if (strcmp(el, "note") == 0)
		t->what = "note";
	else if (strcmp(el, "ref") == 0 && type && strcmp(type, "crossReference") == 0)
		t->what = "related";
	else if (strcmp(el, "descrip") == 0 && type && strcmp(type, "relatedConcept") == 0)
		t->what = "related";
	if (t->what) {
		t->collecting = 1;
		t->text.len = 0;
	}
}

static void XMLCALL tbx_text(void *data, const XML_Char *s, int len)
{
	struct tbx *t = data;
	if (!t->collecting)
		return;
	if (t->text.len + (size_t)len > MAX_FIELD)
		return tbx_fail(t, xasprintf("line %ld: a text longer than 64 KiB", (long)XML_GetCurrentLineNumber(t->p)));
	buf_append(&t->text, s, (size_t)len);
}

/* The collected text, trimmed, as a new string. */
static char *collected(struct tbx *t)
{
	buf_append(&t->text, "", 1);
	char *s = t->text.data;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xasprintf("%.*s", (int)n, s);
}

static void tbx_keep(struct tbx *t)
{
	struct glossary_entry *e = t->entry;
	char *value = collected(t);
	const char *w = t->what;
	if (strcmp(w, "term") == 0) {
		struct term *term = term_for(e, t->lang);
		if (!term->text)
			term->text = value, value = NULL;
		else
			add_once(&e->related, value);  /* a synonym */
	} else if (strcmp(w, "definition") == 0 && t->in_lang) {
		free(term_for(e, t->lang)->definition);
		term_for(e, t->lang)->definition = value, value = NULL;
	} else if (strcmp(w, "definition") == 0) {
		free(t->entry_definition);
		t->entry_definition = value, value = NULL;
	} else if (strcmp(w, "source") == 0 && t->in_lang) {
		free(term_for(e, t->lang)->source);
		term_for(e, t->lang)->source = value, value = NULL;
	} else if (strcmp(w, "source") == 0) {
		free(t->entry_source);
		t->entry_source = value, value = NULL;
	} else if (strcmp(w, "subject") == 0) {
		free(e->subject);
		e->subject = value, value = NULL;
	} else if (strcmp(w, "related") == 0) {
		add_once(&e->related, value);
	} else if (strncmp(value, "contested: ", 11) == 0) {
		add_once(&e->contested, value + 11);
	} else if (!e->note) {
		e->note = value, value = NULL;
	}
	free(value);
}

static void XMLCALL tbx_end(void *data, const XML_Char *el)
{
	struct tbx *t = data;
	if (t->collecting) {
		t->collecting = 0;
		if (t->entry && t->what && *t->what)
			tbx_keep(t);
		t->what = NULL;
	}
	if (named(el, "langSec", "langSet"))
		t->in_lang = 0;
	if (named(el, "conceptEntry", "termEntry") && t->entry) {
		char *why = finish_entry(t->entry, t->entry_definition, t->entry_source);
		free(t->entry_definition);
		free(t->entry_source);
		t->entry_definition = t->entry_source = NULL;
		t->entry = NULL;
		if (why)
			tbx_fail(t, why);
	}
}

/* Refuses a document type declaration: no entities, no outside files. */
static void XMLCALL tbx_doctype(void *data, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
				int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	struct tbx *t = data;
	tbx_fail(t, xasprintf("line %ld: a document type declaration (DOCTYPE) is not accepted",
			      (long)XML_GetCurrentLineNumber(t->p)));
}

static int read_tbx(const char *data, size_t len, struct glossary *out, char **err)
{
	struct tbx t = { .g = out };
	t.p = XML_ParserCreate("UTF-8");
	if (!t.p) {
		*err = xstrdup("out of memory");
		return -1;
	}
	XML_SetUserData(t.p, &t);
	XML_SetElementHandler(t.p, tbx_start, tbx_end);
	XML_SetCharacterDataHandler(t.p, tbx_text);
	XML_SetStartDoctypeDeclHandler(t.p, tbx_doctype);
	if (XML_Parse(t.p, data, (int)len, XML_TRUE) == XML_STATUS_ERROR && !t.err)
		t.err = xasprintf("line %ld, column %ld: %s", (long)XML_GetCurrentLineNumber(t.p),
				  (long)XML_GetCurrentColumnNumber(t.p) + 1, XML_ErrorString(XML_GetErrorCode(t.p)));
	if (!t.err && !out->n)
		t.err = xstrdup("line 1: no entries (conceptEntry or termEntry)");
	XML_ParserFree(t.p);
	free(t.entry_definition);
	free(t.entry_source);
	buf_free(&t.text);
	if (t.err) {
		*err = t.err;
		glossary_free(out);
		return -1;
	}
	return 0;
}

/* ---- CSV ---- */

enum csv_column { COL_ENTRY, COL_LANG, COL_TERM, COL_DEFINITION, COL_SOURCE, COL_SUBJECT, COL_RELATED,
		  COL_CONTESTED, COL_NOTE, COL_COUNT };
static const char *const csv_columns[COL_COUNT] = { "entry", "lang", "term", "definition", "source", "subject",
						    "related", "contested", "note" };

struct csv_reader {
	struct glossary *g;
	struct strlist keys;   /* the entry key of each entry, in order */
	int column[COL_COUNT]; /* each column's place, -1 for none */
	size_t ncolumns;
	char **fields;
	size_t nfields;
	long line, row_line;
	int header_done;
	char *err;
};

static void csv_field(void *s, size_t len, void *data)
{
	struct csv_reader *r = data;
	r->fields = xrealloc(r->fields, (r->nfields + 1) * sizeof *r->fields);
	r->fields[r->nfields++] = xasprintf("%.*s", (int)len, s ? (const char *)s : "");
}

static void csv_fail(struct csv_reader *r, char *message)
{
	if (!r->err)
		r->err = message;
	else
		free(message);
}

static void csv_header(struct csv_reader *r)
{
	for (size_t k = 0; k < COL_COUNT; k++)
		r->column[k] = -1;
	for (size_t i = 0; i < r->nfields; i++) {
		const char *name = r->fields[i];
		if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
			name += 3;
		for (size_t k = 0; k < COL_COUNT; k++)
			if (strcasecmp(name, csv_columns[k]) == 0)
				r->column[k] = (int)i;
	}
	r->ncolumns = r->nfields;
	for (size_t k = 0; k < COL_DEFINITION + 1; k++)
		if (r->column[k] < 0)
			return csv_fail(r, xasprintf("line 1: no %s column (the columns are entry, lang, term, "
						     "definition and optionally source, subject, related, contested, note)",
						     csv_columns[k]));
	r->header_done = 1;
}

static const char *cell(const struct csv_reader *r, enum csv_column c)
{
	return r->column[c] >= 0 ? r->fields[r->column[c]] : "";
}

static void split_terms(struct strlist *l, const char *s)
{
	while (*s) {
		size_t len = strcspn(s, ";");
		char *item = xasprintf("%.*s", (int)len, s);
		char *trimmed = item;
		while (isspace((unsigned char)*trimmed))
			trimmed++;
		for (size_t n = strlen(trimmed); n && isspace((unsigned char)trimmed[n - 1]); n--)
			trimmed[n - 1] = '\0';
		add_once(l, trimmed);
		free(item);
		s += len + (s[len] == ';');
	}
}

static void csv_data_row(struct csv_reader *r)
{
	long line = r->row_line;
	if (r->nfields != r->ncolumns)
		return csv_fail(r, xasprintf("line %ld: %zu fields where the header has %zu", line, r->nfields,
					     r->ncolumns));
	for (size_t i = 0; i < r->nfields; i++)
		if (!text_is_utf8(r->fields[i]) || strlen(r->fields[i]) > MAX_FIELD)
			return csv_fail(r, xasprintf("line %ld, column %zu: not UTF-8 text of at most 64 KiB", line, i + 1));
	char lang[3];
	const char *key = cell(r, COL_ENTRY), *term = cell(r, COL_TERM);
	if (language_of(cell(r, COL_LANG), lang) || strlen(cell(r, COL_LANG)) != 2)
		return csv_fail(r, xasprintf("line %ld, column lang: \"%s\" is none of en, fr, es, ru, ar", line,
					     cell(r, COL_LANG)));
	if (!*term)
		return csv_fail(r, xasprintf("line %ld, column term: empty", line));
	if (!*key)
		return csv_fail(r, xasprintf("line %ld, column entry: empty (give the same key to the rows of one entry)",
					     line));
	struct glossary_entry *e = NULL;
	for (size_t i = 0; i < r->keys.n && !e; i++)
		if (strcmp(r->keys.items[i], key) == 0)
			e = &r->g->items[i];
	if (!e) {
		r->g->items = xrealloc(r->g->items, (r->g->n + 1) * sizeof *r->g->items);
		e = &r->g->items[r->g->n++];
		memset(e, 0, sizeof *e);
		e->line = line;
		strlist_push(&r->keys, key);
	}
	struct term *t = term_for(e, lang);
	if (t->text)
		return csv_fail(r, xasprintf("line %ld: entry %s has a %s term already", line, key, lang));
	t->text = xstrdup(term);
	t->definition = xstrdup(cell(r, COL_DEFINITION));
	t->source = *cell(r, COL_SOURCE) ? xstrdup(cell(r, COL_SOURCE)) : NULL;
	if (!e->subject && *cell(r, COL_SUBJECT))
		e->subject = xstrdup(cell(r, COL_SUBJECT));
	if (!e->note && *cell(r, COL_NOTE))
		e->note = xstrdup(cell(r, COL_NOTE));
	split_terms(&e->related, cell(r, COL_RELATED));
	split_terms(&e->contested, cell(r, COL_CONTESTED));
}

static void csv_row(int c, void *data)
{
	(void)c;
	struct csv_reader *r = data;
	if (!r->err) {
		if (!r->header_done)
			csv_header(r);
		else
			csv_data_row(r);
	}
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
	r->row_line = r->line + 1;
}

static int read_csv(const char *data, size_t len, struct glossary *out, char **err)
{
	struct csv_parser p;
	struct csv_reader r = { .g = out, .row_line = 1 };
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
		*err = xstrdup("cannot start the CSV reader");
		return -1;
	}
	for (size_t at = 0; at < len && !r.err;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (data + at)) + 1 : len - at;
		r.line++;
		if (csv_parse(&p, data + at, n, csv_field, csv_row, &r) != n && !r.err)
			csv_fail(&r, xasprintf("line %ld: a quote inside a field that is not quoted, or text after a "
					       "closing quote", r.line));
		at += n;
	}
	if (!r.err && csv_fini(&p, csv_field, csv_row, &r) && !r.err)
		csv_fail(&r, xasprintf("line %ld: a quoted field is not closed", r.line));
	for (size_t i = 0; i < r.nfields; i++)
		free(r.fields[i]);
	free(r.fields);
	csv_free(&p);
	strlist_free(&r.keys);
	if (!r.err && !r.header_done)
		r.err = xstrdup("line 1: the file is empty: no header");
	if (!r.err && !out->n)
		r.err = xstrdup("line 2: no entries");
	for (size_t i = 0; !r.err && i < out->n; i++)
		r.err = finish_entry(&out->items[i], NULL, NULL);
	if (r.err) {
		*err = r.err;
		glossary_free(out);
		return -1;
	}
	return 0;
}

int glossary_read(const char *data, size_t len, struct glossary *out, const char **format, char **err)
{
	memset(out, 0, sizeof *out);
	size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	int tbx = i < len && data[i] == '<';
	*format = tbx ? "tbx" : "csv";
	if (memchr(data, '\0', len)) {
		*err = xstrdup("line 1: the file holds NUL bytes; give text");
		return -1;
	}
	return tbx ? read_tbx(data, len, out, err) : read_csv(data, len, out, err);
}

/* ---- writing ---- */

static void xml_text(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
}

static void xml_element(FILE *out, const char *open, const char *text, const char *close)
{
	fputs(open, out);
	xml_text(out, text);
	fputs(close, out);
}

int glossary_write_tbx(FILE *out, const struct glossary *g)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" "
	      "xmlns=\"urn:iso:std:iso:30042:ed-2\">\n<tbxHeader><fileDesc><sourceDesc><p>rcphub glossary</p>"
	      "</sourceDesc></fileDesc></tbxHeader>\n<text><body>\n", out);
	for (size_t i = 0; i < g->n; i++) {
		const struct glossary_entry *e = &g->items[i];
		fprintf(out, "<conceptEntry id=\"c%lld\">\n", e->id);
		if (e->subject)
			xml_element(out, "<descrip type=\"subjectField\">", e->subject, "</descrip>\n");
		for (size_t k = 0; k < e->related.n; k++)
			xml_element(out, "<ref type=\"crossReference\">", e->related.items[k], "</ref>\n");
		for (size_t k = 0; k < e->contested.n; k++)
			xml_element(out, "<note>contested: ", e->contested.items[k], "</note>\n");
		if (e->note)
			xml_element(out, "<note>", e->note, "</note>\n");
		for (size_t k = 0; k < e->nterms; k++) {
			const struct term *t = &e->terms[k];
			fprintf(out, "<langSec xml:lang=\"%s\">", t->lang);
			if (t->definition && *t->definition)
				xml_element(out, "<descrip type=\"definition\">", t->definition, "</descrip>");
			xml_element(out, "<termSec><term>", t->text, "</term>");
			if (t->source)
				xml_element(out, "<admin type=\"source\">", t->source, "</admin>");
			fputs("</termSec></langSec>\n", out);
		}
		fputs("</conceptEntry>\n", out);
	}
	fputs("</body></text>\n</tbx>\n", out);
	return ferror(out) ? -1 : 0;
}

static int csv_cell(FILE *out, const char *s, int first)
{
	if (!first && fputc(',', out) == EOF)
		return -1;
	return csv_fwrite(out, s ? s : "", s ? strlen(s) : 0);
}

static char *joined(const struct strlist *l)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < l->n; i++)
		buf_appendf(&b, "%s%s", i ? "; " : "", l->items[i]);
	return b.data ? buf_release(&b, NULL) : xstrdup("");
}

int glossary_write_csv(FILE *out, const struct glossary *g)
{
	int rc = 0;
	for (size_t k = 0; k < COL_COUNT && !rc; k++)
		rc = csv_cell(out, csv_columns[k], k == 0);
	rc = rc || fputs("\r\n", out) == EOF;
	for (size_t i = 0; i < g->n && !rc; i++) {
		const struct glossary_entry *e = &g->items[i];
		char key[24], *related = joined(&e->related), *contested = joined(&e->contested);
		snprintf(key, sizeof key, "%lld", e->id);
		for (size_t k = 0; k < e->nterms && !rc; k++) {
			const struct term *t = &e->terms[k];
			rc = csv_cell(out, key, 1) || csv_cell(out, t->lang, 0) || csv_cell(out, t->text, 0) ||
			     csv_cell(out, t->definition, 0) || csv_cell(out, t->source, 0) ||
			     csv_cell(out, e->subject, 0) || csv_cell(out, related, 0) || csv_cell(out, contested, 0) ||
			     csv_cell(out, e->note, 0) || fputs("\r\n", out) == EOF;
		}
		free(related);
		free(contested);
	}
	return rc || ferror(out) ? -1 : 0;
}
