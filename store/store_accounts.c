/* store_accounts.c: users, roles per process, sessions, API tokens and failed logins */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The columns of a user, in order. */
#define USER_COLUMNS \
	"login, government, organisation, admin, disabled, must_change_password, created_at, " \
	"password_hash, totp_secret, totp_last_step, full_name, email "

static const struct query q_user_put = { {
	"INSERT INTO users (login, government, organisation, admin, password_hash, "
	"must_change_password, created_at, full_name, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_user_get = { {
	"SELECT " USER_COLUMNS "FROM users WHERE login = ?",
} };
static const struct query q_grants_of = { {
	"SELECT g.process, g.role FROM grants g JOIN processes p ON p.slug = g.process "
	"WHERE g.login = ? ORDER BY p.position",
} };
static const struct query q_user_list = { {
	"SELECT " USER_COLUMNS "FROM users ORDER BY login",
} };
static const struct query q_grants_all = { {
	"SELECT g.login, g.process, g.role FROM grants g JOIN processes p ON p.slug = g.process "
	"ORDER BY g.login, p.position",
} };
static const struct query q_user_disable = { {
	"UPDATE users SET disabled = ? WHERE login = ?",
} };
static const struct query q_user_password = { {
	"UPDATE users SET password_hash = ?, must_change_password = ? WHERE login = ?",
} };
static const struct query q_user_totp = { {
	"UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE login = ?",
} };
static const struct query q_totp_unsealed = { {
	"SELECT login, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%' "
	"ORDER BY login",
} };
static const struct query q_totp_reseal = { {
	"UPDATE users SET totp_secret = ? WHERE login = ? AND totp_secret = ?",
} };
static const struct query q_recovery_clear = { {
	"DELETE FROM recovery_codes WHERE login = ?",
} };
static const struct query q_recovery_put = { {
	"INSERT INTO recovery_codes (login, code_hash) VALUES (?, ?)",
} };
static const struct query q_recovery_use = { {
	"UPDATE recovery_codes SET used_at = ? WHERE login = ? AND code_hash = ? AND used_at IS NULL",
} };
static const struct query q_reset_put = { {
	"INSERT INTO password_resets (token_hash, login, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
} };
static const struct query q_reset_login = { {
	"SELECT login FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
} };
static const struct query q_reset_spend = { {
	"UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
} };
static const struct query q_user_totp_step = { {
	"UPDATE users SET totp_last_step = ? WHERE login = ? AND totp_last_step < ?",
} };
static const struct query q_grant_put = { {
	"INSERT INTO grants (login, process, role) VALUES (?, ?, ?) "
	"ON CONFLICT (login, process) DO UPDATE SET role = excluded.role",
} };
static const struct query q_grant_delete = { {
	"DELETE FROM grants WHERE login = ? AND process = ?",
} };
static const struct query q_session_put = { {
	"INSERT INTO sessions (token_hash, login, csrf, created_at, seen_at, address) "
	"VALUES (?, ?, ?, ?, ?, ?)",
} };
static const struct query q_session_user = { {
	"SELECT s.login, s.csrf, s.created_at, s.seen_at, u.government, u.organisation, "
	"u.admin, u.disabled, u.must_change_password, u.created_at, "
	"(SELECT group_concat(g.process || ' ' || g.role, ' ') FROM grants g WHERE g.login = u.login), "
	"u.totp_secret IS NOT NULL "
	"FROM sessions s JOIN users u ON u.login = s.login WHERE s.token_hash = ?",
	"SELECT s.login, s.csrf, s.created_at, s.seen_at, u.government, u.organisation, "
	"u.admin, u.disabled, u.must_change_password, u.created_at, "
	"(SELECT string_agg(g.process || ' ' || g.role, ' ') FROM grants g WHERE g.login = u.login), "
	"CASE WHEN u.totp_secret IS NOT NULL THEN 1 ELSE 0 END "
	"FROM sessions s JOIN users u ON u.login = s.login WHERE s.token_hash = ?",
} };
static const struct query q_session_touch = { {
	"UPDATE sessions SET seen_at = ? WHERE token_hash = ?",
} };
static const struct query q_session_delete = { {
	"DELETE FROM sessions WHERE token_hash = ?",
} };
static const struct query q_sessions_of_delete = { {
	"DELETE FROM sessions WHERE login = ?",
} };
static const struct query q_sessions_other_delete = { {
	"DELETE FROM sessions WHERE login = ? AND token_hash <> ?",
} };
static const struct query q_sessions_expire = { {
	"DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
} };
static const struct query q_token_put = { {
	"INSERT INTO api_tokens (token_hash, login, created_at, scope, id, name, expires_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
} };
static const struct query q_token_login = { {
	"SELECT login, id FROM api_tokens WHERE token_hash = ? AND revoked = 0 AND scope = ? "
	"AND (expires_at IS NULL OR expires_at > ?)",
} };
static const struct query q_token_touch = { {
	"UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
} };
static const struct query q_tokens_of = { {
	"SELECT id, name, created_at, expires_at, last_used_at, revoked FROM api_tokens "
	"WHERE login = ? AND scope = 'api' ORDER BY id DESC",
} };
static const struct query q_token_revoke_one = { {
	"UPDATE api_tokens SET revoked = 1 WHERE login = ? AND id = ? AND scope = 'api' AND revoked = 0",
} };
static const struct query q_sessions_list = { {
	"SELECT token_hash, created_at, seen_at, address FROM sessions WHERE login = ? ORDER BY seen_at DESC",
} };
static const struct query q_tokens_revoke = { {
	"UPDATE api_tokens SET revoked = 1 WHERE login = ?",
} };
static const struct query q_tokens_revoke_scope = { {
	"UPDATE api_tokens SET revoked = 1 WHERE login = ? AND scope = ?",
} };
static const struct query q_failure_put = { {
	"INSERT INTO login_failures (key, at) VALUES (?, ?)",
} };
static const struct query q_failure_count = { {
	"SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE key = ? AND at >= ?",
} };
static const struct query q_failures_clear = { {
	"DELETE FROM login_failures WHERE key = ?",
} };
static const struct query q_failures_prune = { {
	"DELETE FROM login_failures WHERE at < ?",
} };


static void read_user_row(struct stmt *st, struct user *u, int with_hash)
{
	memset(u, 0, sizeof *u);
	u->login = col_text(st, 0);
	u->government = col_text(st, 1);
	u->organisation = col_text(st, 2);
	u->admin = (int)col_int64(st, 3);
	u->disabled = (int)col_int64(st, 4);
	u->must_change_password = (int)col_int64(st, 5);
	u->created_at = col_int64(st, 6);
	if (with_hash) {
		u->password_hash = col_text(st, 7);
		u->totp_secret = col_text(st, 8);
		u->totp_last_step = col_int64(st, 9);
	}
	u->has_totp = col_str(st, 8) != NULL;
	u->full_name = col_text(st, 10);
	u->email = col_text(st, 11);
}

static void push_grant(struct user *u, const char *process, const char *role)
{
	u->grants = xrealloc(u->grants, (u->ngrants + 1) * sizeof *u->grants);
	u->grants[u->ngrants].process = xstrdup(process);
	u->grants[u->ngrants].role = (enum grant_role)grant_role_parse(role);
	u->ngrants++;
}

int store_user_put(struct store *s, const struct user *u, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, u->login);
	bind_text(st, 2, u->government);
	bind_text(st, 3, u->organisation);
	bind_int64(st, 4, u->admin);
	bind_text(st, 5, u->password_hash);
	bind_int64(st, 6, u->must_change_password);
	bind_int64(st, 7, u->created_at);
	bind_text(st, 8, u->full_name);
	bind_text(st, 9, u->email);
	return run(st, "adding a user", err);
}

int store_user_get(struct store *s, const char *login, struct user *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_get, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	int rc = next_row(st, "reading a user", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	read_user_row(st, out, 1);
	reset(st);
	st = store_stmt(s, &q_grants_of, err);
	if (!st)
		goto fail;
	bind_text(st, 1, login);
	while ((rc = next_row(st, "reading a user's roles", err)) == 1)
		push_grant(out, col_str(st, 0),
			   col_str(st, 1));
	if (rc == 0)
		return 0;
fail:
	user_free(out);
	return -1;
}

static struct user *find_user(struct user_list *l, const char *login)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].login, login) == 0)
			return &l->items[i];
	return NULL;
}

int store_user_list(struct store *s, struct user_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_list, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "listing users", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_user_row(st, &out->items[out->n++], 0);
	}
	if (rc < 0 || !(st = store_stmt(s, &q_grants_all, err)))
		return -1;
	while ((rc = next_row(st, "listing roles", err)) == 1) {
		struct user *u = find_user(out, col_str(st, 0));
		if (u)
			push_grant(u, col_str(st, 1),
				   col_str(st, 2));
	}
	return rc;
}

int store_user_set_disabled(struct store *s, const char *login, int disabled,
			    int *changed, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_disable, err);
	if (!st)
		return -1;
	bind_int64(st, 1, disabled);
	bind_text(st, 2, login);
	return run_changes(st, "disabling a user", changed, err);
}

int store_user_set_password(struct store *s, const char *login, const char *hash,
			    int must_change, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_password, err);
	if (!st)
		return -1;
	bind_text(st, 1, hash);
	bind_int64(st, 2, must_change);
	bind_text(st, 3, login);
	return run(st, "changing a password", err);
}

int store_user_set_totp(struct store *s, const char *login, const char *secret, int *changed, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_totp, err);
	if (!st)
		return -1;
	bind_text(st, 1, secret);
	bind_text(st, 2, login);
	return run_changes(st, "setting a second factor", changed, err);
}

int store_totp_unsealed(struct store *s, struct strlist *logins, struct strlist *secrets, char **err)
{
	struct stmt *st = store_stmt(s, &q_totp_unsealed, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = next_row(st, "reading second factors", err)) == 1) {
		strlist_push(logins, col_str(st, 0));
		strlist_push(secrets, col_str(st, 1));
	}
	return rc;
}

int store_totp_reseal(struct store *s, const char *login, const char *was, const char *sealed, char **err)
{
	struct stmt *st = store_stmt(s, &q_totp_reseal, err);
	if (!st)
		return -1;
	bind_text(st, 1, sealed);
	bind_text(st, 2, login);
	bind_text(st, 3, was);
	return run(st, "sealing a second factor", err);
}

int store_reset_put(struct store *s, const char *token_hash, const char *login, const char *by, long long now,
		    long long expires_at, char **err)
{
	struct stmt *st = store_stmt(s, &q_reset_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	bind_text(st, 2, login);
	bind_text(st, 3, by);
	bind_int64(st, 4, now);
	bind_int64(st, 5, expires_at);
	return run(st, "making a reset link", err);
}

int store_reset_login(struct store *s, const char *token_hash, long long now, char **login, char **err)
{
	struct stmt *st = store_stmt(s, &q_reset_login, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	bind_int64(st, 2, now);
	int rc = next_row(st, "reading a reset link", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*login = col_text(st, 0);
	reset(st);
	return 0;
}

int store_reset_spend(struct store *s, const char *token_hash, long long now, int *spent, char **err)
{
	struct stmt *st = store_stmt(s, &q_reset_spend, err);
	if (!st)
		return -1;
	bind_int64(st, 1, now);
	bind_text(st, 2, token_hash);
	bind_int64(st, 3, now);
	return run_changes(st, "spending a reset link", spent, err);
}

int store_recovery_set(struct store *s, const char *login, const struct strlist *hashes, char **err)
{
	struct stmt *st = store_stmt(s, &q_recovery_clear, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	if (run(st, "clearing recovery codes", err))
		return -1;
	for (size_t i = 0; hashes && i < hashes->n; i++) {
		if (!(st = store_stmt(s, &q_recovery_put, err)))
			return -1;
		bind_text(st, 1, login);
		bind_text(st, 2, hashes->items[i]);
		if (run(st, "keeping a recovery code", err))
			return -1;
	}
	return 0;
}

int store_recovery_use(struct store *s, const char *login, const char *hash, long long now, int *used, char **err)
{
	struct stmt *st = store_stmt(s, &q_recovery_use, err);
	if (!st)
		return -1;
	bind_int64(st, 1, now);
	bind_text(st, 2, login);
	bind_text(st, 3, hash);
	return run_changes(st, "spending a recovery code", used, err);
}

int store_user_use_totp_step(struct store *s, const char *login, long long step, int *used, char **err)
{
	struct stmt *st = store_stmt(s, &q_user_totp_step, err);
	if (!st)
		return -1;
	bind_int64(st, 1, step);
	bind_text(st, 2, login);
	bind_int64(st, 3, step);
	return run_changes(st, "using a one-time code", used, err);
}

int store_grant_put(struct store *s, const char *login, const char *process,
		    enum grant_role role, char **err)
{
	struct stmt *st = store_stmt(s, &q_grant_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_text(st, 2, process);
	bind_text(st, 3, grant_role_name(role));
	return run(st, "granting a role", err);
}

int store_grant_delete(struct store *s, const char *login, const char *process,
		       int *changed, char **err)
{
	struct stmt *st = store_stmt(s, &q_grant_delete, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_text(st, 2, process);
	return run_changes(st, "revoking a role", changed, err);
}

int store_session_put(struct store *s, const struct session *se, char **err)
{
	struct stmt *st = store_stmt(s, &q_session_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, se->token_hash);
	bind_text(st, 2, se->login);
	bind_text(st, 3, se->csrf);
	bind_int64(st, 4, se->created_at);
	bind_int64(st, 5, se->seen_at);
	bind_text(st, 6, se->address);
	return run(st, "starting a session", err);
}

/* Adds the grants of "process role process role ..." to u. */
static void read_grant_pairs(struct user *u, const char *pairs)
{
	char *copy = xstrdup(pairs ? pairs : ""), *rest = copy, *process, *role;
	while ((process = strsep(&rest, " ")) && (role = strsep(&rest, " ")))
		push_grant(u, process, role);
	free(copy);
}

int store_session_user(struct store *s, const char *token_hash, struct session *se,
		       struct user *u, char **err)
{
	struct stmt *st = store_stmt(s, &q_session_user, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	int rc = next_row(st, "reading a session", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	memset(se, 0, sizeof *se);
	memset(u, 0, sizeof *u);
	se->token_hash = xstrdup(token_hash);
	se->login = col_text(st, 0);
	se->csrf = col_text(st, 1);
	se->created_at = col_int64(st, 2);
	se->seen_at = col_int64(st, 3);
	u->login = col_text(st, 0);
	u->government = col_text(st, 4);
	u->organisation = col_text(st, 5);
	u->admin = (int)col_int64(st, 6);
	u->disabled = (int)col_int64(st, 7);
	u->must_change_password = (int)col_int64(st, 8);
	u->created_at = col_int64(st, 9);
	read_grant_pairs(u, col_str(st, 10));
	u->has_totp = (int)col_int64(st, 11);
	reset(st);
	return 0;
}

int store_session_touch(struct store *s, const char *token_hash, long long now, char **err)
{
	struct stmt *st = store_stmt(s, &q_session_touch, err);
	if (!st)
		return -1;
	bind_int64(st, 1, now);
	bind_text(st, 2, token_hash);
	return run(st, "keeping a session", err);
}

int store_session_delete(struct store *s, const char *token_hash, char **err)
{
	struct stmt *st = store_stmt(s, &q_session_delete, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	return run(st, "ending a session", err);
}

int store_sessions_delete_of(struct store *s, const char *login, char **err)
{
	struct stmt *st = store_stmt(s, &q_sessions_of_delete, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	return run(st, "ending a user's sessions", err);
}

int store_sessions_delete_others(struct store *s, const char *login, const char *keep_hash, char **err)
{
	struct stmt *st = store_stmt(s, &q_sessions_other_delete, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_text(st, 2, keep_hash ? keep_hash : "");
	return run(st, "ending a user's other sessions", err);
}

int store_sessions_expire(struct store *s, long long idle_before, long long created_before, char **err)
{
	struct stmt *st = store_stmt(s, &q_sessions_expire, err);
	if (!st)
		return -1;
	bind_int64(st, 1, idle_before);
	bind_int64(st, 2, created_before);
	return run(st, "expiring sessions", err);
}

int store_token_put(struct store *s, const struct token_info *t, const char *token_hash, const char *login,
		    const char *scope, long long *id, char **err)
{
	struct stmt *st;
	if (store_next_id(s, "api_tokens", id, err) || !(st = store_stmt(s, &q_token_put, err)))
		return -1;
	bind_text(st, 1, token_hash);
	bind_text(st, 2, login);
	bind_int64(st, 3, t->created_at);
	bind_text(st, 4, scope);
	bind_int64(st, 5, *id);
	bind_text(st, 6, t->name);
	if (t->expires_at)
		bind_int64(st, 7, t->expires_at);
	else
		bind_text(st, 7, NULL);
	return run(st, "issuing a token", err);
}

int store_token_login(struct store *s, const char *token_hash, const char *scope, long long now, char **login,
		      long long *id, char **err)
{
	struct stmt *st = store_stmt(s, &q_token_login, err);
	if (!st)
		return -1;
	bind_text(st, 1, token_hash);
	bind_text(st, 2, scope);
	bind_int64(st, 3, now);
	int rc = next_row(st, "reading a token", err);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	*login = col_text(st, 0);
	*id = col_int64(st, 1);
	reset(st);
	return 0;
}

int store_token_touch(struct store *s, long long id, long long now, char **err)
{
	struct stmt *st = store_stmt(s, &q_token_touch, err);
	if (!st)
		return -1;
	bind_int64(st, 1, now);
	bind_int64(st, 2, id);
	bind_int64(st, 3, now - 3600);
	return run(st, "noting a token's use", err);
}

int store_tokens_of(struct store *s, const char *login, struct token_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_tokens_of, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	int rc;
	while ((rc = next_row(st, "listing tokens", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = (struct token_info){
			.id = col_int64(st, 0), .name = col_text(st, 1), .created_at = col_int64(st, 2),
			.expires_at = col_int64(st, 3), .last_used_at = col_int64(st, 4), .revoked = (int)col_int64(st, 5),
		};
	}
	return rc;
}

int store_token_revoke_one(struct store *s, const char *login, long long id, int *changed, char **err)
{
	struct stmt *st = store_stmt(s, &q_token_revoke_one, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	bind_int64(st, 2, id);
	return run_changes(st, "revoking a token", changed, err);
}

int store_sessions_list(struct store *s, const char *login, struct session_list *out, char **err)
{
	struct stmt *st = store_stmt(s, &q_sessions_list, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	int rc;
	while ((rc = next_row(st, "listing sessions", err)) == 1) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n++] = (struct session){ .token_hash = col_text(st, 0), .login = xstrdup(login),
							  .created_at = col_int64(st, 1), .seen_at = col_int64(st, 2),
							  .address = col_text(st, 3) };
	}
	return rc;
}

int store_tokens_revoke(struct store *s, const char *login, const char *scope, int *changed, char **err)
{
	struct stmt *st = store_stmt(s, scope ? &q_tokens_revoke_scope : &q_tokens_revoke, err);
	if (!st)
		return -1;
	bind_text(st, 1, login);
	if (scope)
		bind_text(st, 2, scope);
	return run_changes(st, "revoking tokens", changed, err);
}

int store_failure_put(struct store *s, const char *key, long long at, char **err)
{
	struct stmt *st = store_stmt(s, &q_failure_put, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	bind_int64(st, 2, at);
	return run(st, "recording a failed login", err);
}

int store_failure_count(struct store *s, const char *key, long long since,
			long *count, long long *oldest, char **err)
{
	struct stmt *st = store_stmt(s, &q_failure_count, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	bind_int64(st, 2, since);
	if (next_row(st, "counting failed logins", err) != 1)
		return -1;
	*count = (long)col_int64(st, 0);
	*oldest = col_int64(st, 1);
	reset(st);
	return 0;
}

int store_failures_clear(struct store *s, const char *key, char **err)
{
	struct stmt *st = store_stmt(s, &q_failures_clear, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	return run(st, "clearing failed logins", err);
}

int store_failures_prune(struct store *s, long long before, char **err)
{
	struct stmt *st = store_stmt(s, &q_failures_prune, err);
	if (!st)
		return -1;
	bind_int64(st, 1, before);
	return run(st, "forgetting old failed logins", err);
}

