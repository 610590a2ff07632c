/* store_audit.c: the append-only audit log */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The columns of an audit entry, in order. */
#define AUDIT_COLUMNS "id, at, login, address, action, process, object, detail "

static const struct query q_audit_put = { {
	"INSERT INTO audit_log (at, login, address, action, process, object, detail) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_audit_list = { {
	"SELECT " AUDIT_COLUMNS "FROM audit_log WHERE (CAST(? AS TEXT) IS NULL OR process = ?) "
	"AND (CAST(? AS TEXT) IS NULL OR login = ?) "
	"AND (CAST(? AS TEXT) IS NULL OR action = ? OR action LIKE ?) "
	"AND at >= ? AND at < ? ORDER BY id DESC LIMIT ? OFFSET ?",
} };

/* Changes to one account's sign-in: its password, second factor, API
 * tokens and sessions, whoever made them, and sign-ins held back (a
 * revoked token's entry names the token; its holder revoked it). */
static const struct query q_audit_sign_in = { {
	"SELECT " AUDIT_COLUMNS "FROM audit_log WHERE (object = ? AND action IN ('user.password', "
	"'user.reset_link', 'user.password.fail', 'user.totp.on', 'user.totp.off', 'user.disable', 'user.enable', "
	"'token.issue', 'session.end_all', 'login.throttled')) OR (login = ? AND action = 'token.revoke') "
	"ORDER BY id DESC LIMIT ?",
} };

int store_audit_put(struct store *s, const struct audit_entry *e, char **err)
{
	struct stmt *st = store_stmt(s, &q_audit_put, err);
	if (!st)
		return -1;
	bind_int64(st, 1, e->at);
	bind_text(st, 2, e->login);
	bind_text(st, 3, e->address);
	bind_text(st, 4, e->action);
	bind_text(st, 5, e->process);
	bind_text(st, 6, e->object);
	bind_text(st, 7, e->detail);
	return run(st, "writing the audit log", err);
}

/* Appends the rows st yields to out. */
static int read_entries(struct stmt *st, struct audit_list *out, char **err)
{
	int rc;
	while ((rc = next_row(st, "reading the audit log", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		struct audit_entry *e = &out->items[out->n++];
		e->id = col_int64(st, 0);
		e->at = col_int64(st, 1);
		e->login = col_text(st, 2);
		e->address = col_text(st, 3);
		e->action = col_text(st, 4);
		e->process = col_text(st, 5);
		e->object = col_text(st, 6);
		e->detail = col_text(st, 7);
	}
	return rc;
}

int store_audit_sign_in_changes(struct store *s, const char *login, long limit, struct audit_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_audit_sign_in, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_text(st, 2, login);
	bind_int64(st, 3, limit);
	return read_entries(st, out, err);
}

int store_audit_list(struct store *s, const struct audit_filter *f, long limit, long offset,
		     struct audit_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_audit_list, err);
	if (!st)
		return -1;
	char *family = f->action ? xasprintf("%s.%%", f->action) : NULL;
	bind_text(st, 1, f->process);
	bind_text(st, 2, f->process);
	bind_text(st, 3, f->login);
	bind_text(st, 4, f->login);
	bind_text(st, 5, f->action);
	bind_text(st, 6, f->action);
	bind_text(st, 7, family);
	bind_int64(st, 8, f->from);
	bind_int64(st, 9, f->until ? f->until : 1LL << 62);
	bind_int64(st, 10, limit);
	bind_int64(st, 11, offset);
	free(family);
	return read_entries(st, out, err);
}
