/* csv_out.c: registry tables written as CSV (RFC 4180 quoting by libcsv) */
#include "csv_out.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int field(FILE *out, const char *s, int first)
{
	if (!first && fputc(',', out) == EOF)
		return -1;
	return csv_fwrite(out, s, strlen(s));
}

int csv_write_matrix(FILE *out, const struct process_list *processes, const double *m)
{
	size_t n = processes->n;
	int rc = field(out, "process", 1);
	for (size_t j = 0; j < n && !rc; j++)
		rc = field(out, processes->items[j].slug, 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = field(out, processes->items[i].slug, 1);
		for (size_t j = 0; j < n && !rc; j++)
			rc = fprintf(out, ",%.4f", m[i * n + j]) < 0 ? -1 : 0;
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}

/* A cell that cannot start a spreadsheet formula. */
static int safe_field(FILE *out, const char *s, int first)
{
	if (s && strchr("=+-@\t\r", s[0]) && s[0]) {
		char *quoted = NULL;
		size_t len = strlen(s);
		quoted = malloc(len + 2);
		if (!quoted)
			return -1;
		quoted[0] = '\'';
		memcpy(quoted + 1, s, len + 1);
		int rc = field(out, quoted, first);
		free(quoted);
		return rc;
	}
	return field(out, s ? s : "", first);
}

int csv_write_audit(FILE *out, const struct audit_list *l)
{
	static const char *const head[] = { "id", "at", "user", "address", "action",
					    "process", "object", "detail" };
	int rc = 0;
	for (size_t i = 0; i < 8 && !rc; i++)
		rc = field(out, head[i], i == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t i = 0; i < l->n && !rc; i++) {
		const struct audit_entry *e = &l->items[i];
		char at[32];
		time_t t = (time_t)e->at;
		struct tm tm;
		strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		rc = fprintf(out, "%lld", e->id) < 0 || field(out, at, 0) ||
		     safe_field(out, e->login, 0) || safe_field(out, e->address, 0) ||
		     safe_field(out, e->action, 0) || safe_field(out, e->process, 0) ||
		     safe_field(out, e->object, 0) || safe_field(out, e->detail, 0) ||
		     fputs("\r\n", out) == EOF ? -1 : 0;
	}
	return rc || ferror(out) ? -1 : 0;
}

int csv_write_focal_points(FILE *out, const struct focal_point_list *l)
{
	static const char *const head[] = { "process", "party", "party_name", "position", "name", "title", "ministry",
					    "email", "phone", "languages", "verified" };
	int rc = 0;
	for (size_t i = 0; i < sizeof head / sizeof head[0] && !rc; i++)
		rc = field(out, head[i], i == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t k = 0; k < l->n && !rc; k++) {
		const struct focal_point *f = &l->items[k];
		char languages[256] = "";
		for (size_t i = 0; i < f->languages.n; i++) {
			size_t used = strlen(languages);
			snprintf(languages + used, sizeof languages - used, "%s%s", i ? " " : "", f->languages.items[i]);
		}
		const char *cells[] = { f->process, f->party, f->party_name, f->alternate ? "alternate" : "focal-point", f->name,
					f->title, f->ministry, f->email, f->phone, languages, f->verified };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0] && !rc; i++)
			rc = safe_field(out, cells[i], i == 0);
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}

int csv_write_plan_report(FILE *out, const struct plan_report *r)
{
	static const char *const head[] = { "item", "text", "due", "owner", "name", "status", "reported", "overdue" };
	int rc = 0;
	for (size_t i = 0; i < sizeof head / sizeof head[0] && !rc; i++)
		rc = field(out, head[i], i == 0);
	if (!rc && fputs("\r\n", out) == EOF)
		rc = -1;
	for (size_t k = 0; k < r->n && !rc; k++) {
		const struct standing *s = &r->rows[k];
		char position[16];
		snprintf(position, sizeof position, "%d", s->item->position);
		const char *cells[] = { position, s->item->text, s->item->due, s->commitment->owner,
					s->commitment->owner_name, s->status, s->latest ? s->latest->reported : NULL,
					s->overdue ? "yes" : "no" };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0] && !rc; i++)
			rc = safe_field(out, cells[i], i == 0);
		if (!rc && fputs("\r\n", out) == EOF)
			rc = -1;
	}
	return rc || ferror(out) ? -1 : 0;
}
