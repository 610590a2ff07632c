/* accounts.c: users, roles per process, passwords (Argon2id), sessions, API tokens, throttling */
#include "accounts.h"
#include "audit.h"
#include "policy.h"
#include "secrets.h"
#include "service_int.h"
#include "../core/text.h"
#include "../core/xalloc.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* OWASP's recommendation for Argon2id: 19 MiB of memory, 2 passes, 1 lane. */
#define PWHASH_OPSLIMIT 2
#define PWHASH_MEMLIMIT (19456 * 1024)
#define TOKEN_BYTES 32
#define TOTP_SECRET_BYTES 20
#define TOTP_STEP 30
#define TOTP_WINDOW 1  /* one step either side, for clocks a little apart */

/* A hash of a password nobody has, checked when the login is unknown so
 * that an unknown login takes as long to refuse as a wrong password. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
	"$argon2id$v=19$m=19456,t=2,p=1$KlKIYdkITDBEBrTKCbyruA$4V95Cx3/eMw62oiF+XJVwIwVpRHljUpRdNH6/umXE1Y";

int accounts_init(void)
{
	return sodium_init() < 0 || oath_init() != OATH_OK ? -1 : 0;
}

/* A new random token as 64 hex digits (caller frees). */
static char *random_token(void)
{
	unsigned char bytes[TOKEN_BYTES];
	char *hex = xmalloc(TOKEN_BYTES * 2 + 1);
	randombytes_buf(bytes, sizeof bytes);
	sodium_bin2hex(hex, TOKEN_BYTES * 2 + 1, bytes, sizeof bytes);
	return hex;
}

/* The hash under which a token is stored: BLAKE2b-256 in hex (caller frees). */
static char *token_hash(const char *token)
{
	unsigned char h[crypto_generichash_BYTES];
	char *hex = xmalloc(sizeof h * 2 + 1);
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
	return hex;
}

char *accounts_random_password(void)
{
	static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char *pw = xmalloc(21);
	for (int i = 0; i < 20; i++)
		pw[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	pw[20] = '\0';
	return pw;
}

/* Lists of common passwords and dictionary words that Debian ships
 * (john-data, cracklib-runtime), read once, lowercased and sorted. A
 * missing list is left out. */
#ifndef RCPHUB_COMMON_PASSWORDS
#define RCPHUB_COMMON_PASSWORDS "/usr/share/john/password.lst:/usr/share/dict/cracklib-small"
#endif

static struct strlist common;

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lowercase(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void load_common(void)
{
	char *paths = xstrdup(RCPHUB_COMMON_PASSWORDS), *rest = paths, *path;
	while ((path = strsep(&rest, ":"))) {
		FILE *f = fopen(path, "r");
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while (f && (n = getline(&line, &cap, f)) > 0) {
			line[strcspn(line, "\r\n")] = '\0';
			if ((size_t)strlen(line) < PASSWORD_MIN_LENGTH || line[0] == '#')
				continue;  /* shorter ones are refused anyway */
			lowercase(line);
			strlist_push(&common, line);
		}
		free(line);
		if (f)
			fclose(f);
	}
	free(paths);
	if (common.n)
		qsort(common.items, common.n, sizeof *common.items, by_text);
}

/* Why password is too weak to keep, or NULL. */
static const char *weakness(const char *password)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	size_t len = strlen(password);
	if (len < PASSWORD_MIN_LENGTH || len > PASSWORD_MAX_LENGTH)
		return "length";
	if (strspn(password, (char[]){ password[0], '\0' }) == len)
		return "repeats one character";
	pthread_once(&once, load_common);
	char *lower = xstrdup(password);
	lowercase(lower);
	int found = common.n && bsearch(&lower, common.items, common.n, sizeof *common.items, by_text) != NULL;
	free(lower);
	return found ? "is a common password or a single dictionary word" : NULL;
}

enum svc_status accounts_hash_password(const char *field, const char *password, char **hash,
				      struct svc_error *err)
{
	size_t len = strlen(password);
	const char *weak = weakness(password);
	if (weak && strcmp(weak, "length") == 0)
		return svc_fail(err, SVC_INVALID, field, "must be %d to %d characters long",
				PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH);
	if (weak)
		return svc_fail(err, SVC_INVALID, field, "%s: choose a longer phrase of several words", weak);
	*hash = xmalloc(crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str_alg(*hash, password, len, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		free(*hash);
		return svc_fail(err, SVC_ERROR, field, "out of memory while hashing");
	}
	return SVC_OK;
}

static int password_matches(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash ? hash : dummy_hash, password, strlen(password)) == 0 &&
	       hash != NULL;
}

/* Logins are 2 to 64 of a-z, 0-9 and ". _ @ -", starting with a letter or digit. */
static int valid_login(const char *login)
{
	size_t len = strlen(login);
	if (len < 2 || len > 64 || !strchr("abcdefghijklmnopqrstuvwxyz0123456789", login[0]))
		return 0;
	return strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._@-") == len;
}

static enum svc_status forbidden_unless_admin(const struct actor *a, struct svc_error *err)
{
	if (policy_may_manage_users(a->user))
		return SVC_OK;
	return svc_fail(err, a->user ? SVC_FORBIDDEN : SVC_DENIED, NULL, "only administrators manage accounts");
}

/* Resolves the party of a new user into u (government or organisation). */
static enum svc_status resolve_party(struct registry *r, const struct new_user *nu,
				     struct user *u, struct svc_error *err)
{
	if (nu->government && nu->organisation)
		return svc_fail(err, SVC_INVALID, "organisation",
				"a user belongs to a government or an organisation, not both");
	if (!nu->government && !nu->organisation && !nu->admin)
		return svc_fail(err, SVC_INVALID, "government",
				"a user needs a government (--government) or an organisation (--org)");
	if (nu->government) {
		const struct country *c;
		if (registry_country(r, "government", nu->government, &c, err))
			return SVC_INVALID;
		u->government = xstrdup(c->alpha3);
	}
	if (nu->organisation) {
		const struct organisation *o;
		if (registry_organisation(r, "organisation", nu->organisation, &o, err))
			return SVC_INVALID;
		u->organisation = xstrdup(o->slug);
	}
	return SVC_OK;
}

static enum svc_status check_role_fits(const struct user *u, const struct process *p, enum grant_role role,
				       struct svc_error *err);

/* Whether the actor may add nu: an administrator anyone; a secretariat a
 * non-administrator with a role it may give in its process, given at once. */
static enum svc_status may_add(struct registry *r, const struct actor *a, const struct new_user *nu,
			       const struct process **p, int *role, struct svc_error *err)
{
	*p = NULL;
	*role = -1;
	if (nu->process || nu->role) {
		if (!nu->process || !nu->role)
			return svc_fail(err, SVC_INVALID, nu->process ? "role" : "process", "give a process and a role together");
		if ((*role = grant_role_parse(nu->role)) < 0)
			return svc_fail(err, SVC_INVALID, "role", "\"%s\" is not a role; use focal-point, official, observer "
					"or civil-society (or secretariat)", nu->role);
		if (registry_process(r, "process", nu->process, p, err))
			return SVC_INVALID;
	}
	if (a->user && a->user->admin)
		return SVC_OK;
	if (!policy_may_manage_users(a->user))
		return forbidden_unless_admin(a, err);
	if (nu->admin || !*p)
		return svc_fail(err, SVC_FORBIDDEN, "process", "a secretariat adds users to its own process, with a role");
	if (!policy_may_grant(a->user, (*p)->slug, (enum grant_role)*role))
		return svc_fail(err, SVC_FORBIDDEN, "role", "the secretariat of a process gives its roles below its own "
				"(focal-point, official, observer, civil-society), in that process");
	return SVC_OK;
}

/* Checks the optional name and email of a new user. */
static enum svc_status check_contact(const struct new_user *nu, struct svc_error *err)
{
	if (nu->full_name && (strlen(nu->full_name) > 200 || !text_is_utf8(nu->full_name)))
		return svc_fail(err, SVC_INVALID, "full_name", "a name of up to 200 characters");
	if (nu->email && (strlen(nu->email) > 254 || !strchr(nu->email, '@') || strpbrk(nu->email, " \t\r\n<>\"") ||
			  !text_is_utf8(nu->email)))
		return svc_fail(err, SVC_INVALID, "email", "an address such as name@ministry.gov");
	return SVC_OK;
}

enum svc_status accounts_add(struct registry *r, const struct actor *a,
			     const struct new_user *nu, struct svc_error *err)
{
	const struct process *p;
	int role;
	enum svc_status st = may_add(r, a, nu, &p, &role, err);
	if (!st)
		st = check_contact(nu, err);
	if (st)
		return st;
	if (!valid_login(nu->login))
		return svc_fail(err, SVC_INVALID, "login", "\"%s\" cannot be a login; use 2 to 64 of a-z, 0-9, "
				"'.', '_', '@' and '-', starting with a letter or digit", nu->login);
	struct user u = { .login = xstrdup(nu->login), .admin = nu->admin,
			  .must_change_password = nu->must_change_password, .created_at = a->now,
			  .full_name = nu->full_name && *nu->full_name ? xstrdup(nu->full_name) : NULL,
			  .email = nu->email && *nu->email ? xstrdup(nu->email) : NULL };
	struct store *s = registry_store(r);
	if ((st = resolve_party(r, nu, &u, err)) ||
	    (st = accounts_hash_password("password", nu->password, &u.password_hash, err)) ||
	    (st = svc_begin(s, err))) {
		user_free(&u);
		return st;
	}
	struct user existing;
	int found = store_user_get(s, u.login, &existing, &err->message);
	if (found == 0) {
		user_free(&existing);
		st = svc_fail(err, SVC_CONFLICT, "login", "user %s exists already", u.login);
	} else if (found < 0 || store_user_put(s, &u, &err->message) ||
		   audit_record(s, a, "user.add", p ? p->slug : NULL, u.login,
				u.admin ? "admin" : u.government ? u.government : u.organisation, err)) {
		st = SVC_ERROR;
	} else if (p && (st = check_role_fits(&u, p, (enum grant_role)role, err)) == SVC_OK &&
		   (store_grant_put(s, u.login, p->slug, (enum grant_role)role, &err->message) ||
		    audit_record(s, a, "user.grant", p->slug, u.login, grant_role_name((enum grant_role)role), err))) {
		st = SVC_ERROR;
	}
	user_free(&u);
	return svc_commit(s, st, err);
}

/* Whether party takes part in p now in one of the roles (bit per enum role). */
static int takes_part(const struct process *p, const char *party, unsigned roles)
{
	for (size_t i = 0; party && i < p->parts.n; i++) {
		const struct participation *pa = &p->parts.items[i];
		if (strcmp(pa->code, party) == 0 && participation_current(pa) &&
		    (roles & (1u << pa->role)))
			return 1;
	}
	return 0;
}

/* Checks that the user may hold role in p; SVC_OK or SVC_INVALID. */
static enum svc_status check_role_fits(const struct user *u, const struct process *p,
				       enum grant_role role, struct svc_error *err)
{
	const char *party = u->government ? u->government : u->organisation;
	if ((role == GRANT_OFFICIAL || role == GRANT_FOCAL_POINT) &&
	    !takes_part(p, u->government, 1u << ROLE_MEMBER))
		return svc_fail(err, SVC_INVALID, "role", "%s: %s is not a member government of %s",
				grant_role_name(role), u->government ? u->government : u->login, p->acronym);
	if (role == GRANT_OBSERVER && !takes_part(p, party, ~0u))
		return svc_fail(err, SVC_INVALID, "role", "observer: %s does not take part in %s",
				party ? party : u->login, p->acronym);
	return SVC_OK;
}

/* Reads the user named login inside a transaction; SVC_NOT_FOUND says so. */
static enum svc_status load_user(struct store *s, const char *login, struct user *u, struct svc_error *err)
{
	int rc = store_user_get(s, login, u, &err->message);
	if (rc == 1)
		return svc_fail(err, SVC_NOT_FOUND, NULL, "no user %s", login);
	return rc == 0 ? SVC_OK : SVC_ERROR;
}

enum svc_status accounts_grant(struct registry *r, const struct actor *a, const char *login,
			       const char *process, const char *role_name, struct svc_error *err)
{
	enum svc_status st = SVC_OK;
	int role = grant_role_parse(role_name);
	if (role < 0)
		return svc_fail(err, SVC_INVALID, "role", "\"%s\" is not a role; use secretariat, focal-point, official, "
				"observer or civil-society", role_name);
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_INVALID;
	if (!policy_may_grant(a->user, p->slug, (enum grant_role)role))
		return a->user && policy_may_manage_users(a->user)
			       ? svc_fail(err, SVC_FORBIDDEN, "role", "the secretariat of a process gives its roles below "
					  "its own, in that process")
			       : forbidden_unless_admin(a, err);
	struct user u;
	struct store *s = registry_store(r);
	if ((st = svc_begin(s, err)))
		return st;
	if ((st = load_user(s, login, &u, err)) == SVC_OK) {
		if ((st = check_role_fits(&u, p, (enum grant_role)role, err)) == SVC_OK &&
		    (store_grant_put(s, login, p->slug, (enum grant_role)role, &err->message) ||
		     audit_record(s, a, "user.grant", p->slug, login, role_name, err)))
			st = SVC_ERROR;
		user_free(&u);
	}
	return svc_commit(s, st, err);
}

enum svc_status accounts_revoke(struct registry *r, const struct actor *a, const char *login,
				const char *process, struct svc_error *err)
{
	enum svc_status st = policy_may_manage_users(a->user) ? SVC_OK : forbidden_unless_admin(a, err);
	if (st)
		return st;
	const struct process *p;
	if (registry_process(r, "process", process, &p, err))
		return SVC_INVALID;
	struct store *s = registry_store(r);
	if ((st = svc_begin(s, err)))
		return st;
	struct user u;
	int changed = 0, held = -1;
	if ((st = load_user(s, login, &u, err)) == SVC_OK) {
		for (size_t i = 0; i < u.ngrants; i++)
			if (strcmp(u.grants[i].process, p->slug) == 0)
				held = (int)u.grants[i].role;
		user_free(&u);
	}
	if (st)
		;
	else if (held < 0)
		st = svc_fail(err, SVC_NOT_FOUND, NULL, "%s holds no role in %s", login, p->slug);
	else if (!policy_may_grant(a->user, p->slug, (enum grant_role)held))
		st = svc_fail(err, SVC_FORBIDDEN, NULL, "only an administrator takes a secretariat's role away");
	else if (store_grant_delete(s, login, p->slug, &changed, &err->message) ||
		 audit_record(s, a, "user.revoke", p->slug, login, NULL, err))
		st = SVC_ERROR;
	return svc_commit(s, st, err);
}

/* SVC_INVALID when disabling login would leave the platform without an
 * administrator who can sign in, or lock out the actor itself. */
static enum svc_status keeps_an_admin(struct store *s, const struct actor *a, const char *login,
				      struct svc_error *err)
{
	if (a->user && strcmp(a->user->login, login) == 0)
		return svc_fail(err, SVC_INVALID, NULL, "you cannot disable your own account; ask another "
				"administrator");
	struct user_list l = { 0 };
	if (store_user_list(s, &l, &err->message))
		return SVC_ERROR;
	size_t others = 0;
	int target_admin = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct user *u = &l.items[i];
		if (strcmp(u->login, login) == 0)
			target_admin = u->admin && !u->disabled;
		else
			others += u->admin && !u->disabled;
	}
	user_list_free(&l);
	if (target_admin && !others)
		return svc_fail(err, SVC_INVALID, NULL, "%s is the last administrator who can sign in; make another "
				"first", login);
	return SVC_OK;
}

/* Disables (disabled 1: ending its sessions and tokens, and never the
 * actor's own account or the last administrator's) or enables login. */
/* Loads login into *u when the actor may manage that account
 * (policy_may_manage_account); inside the caller's transaction. */
static enum svc_status manageable(struct store *s, const struct actor *a, const char *login, struct user *u,
				  struct svc_error *err)
{
	enum svc_status st = policy_may_manage_users(a->user) ? load_user(s, login, u, err) : forbidden_unless_admin(a, err);
	if (st)
		return st;
	if (policy_may_manage_account(a->user, u))
		return SVC_OK;
	user_free(u);
	return svc_fail(err, SVC_FORBIDDEN, NULL, "%s has roles beyond the processes you run: an administrator "
			"manages that account", login);
}

static enum svc_status set_disabled(struct registry *r, const struct actor *a, const char *login, int disabled,
				    struct svc_error *err)
{
	struct store *s = registry_store(r);
	struct user target;
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	if ((st = manageable(s, a, login, &target, err)))
		return svc_commit(s, st, err);
	user_free(&target);
	int changed = 0;
	if (disabled && (st = keeps_an_admin(s, a, login, err)))
		;
	else if (store_user_set_disabled(s, login, disabled, &changed, &err->message))
		st = SVC_ERROR;
	else if (!changed)
		st = svc_fail(err, SVC_NOT_FOUND, NULL, "no user %s", login);
	else if ((disabled && (store_sessions_delete_of(s, login, &err->message) ||
			       store_tokens_revoke(s, login, NULL, NULL, &err->message))) ||
		 audit_record(s, a, disabled ? "user.disable" : "user.enable", NULL, login, NULL, err))
		st = SVC_ERROR;
	return svc_commit(s, st, err);
}

enum svc_status accounts_disable(struct registry *r, const struct actor *a, const char *login,
				 struct svc_error *err)
{
	return set_disabled(r, a, login, 1, err);
}

enum svc_status accounts_enable(struct registry *r, const struct actor *a, const char *login,
				struct svc_error *err)
{
	return set_disabled(r, a, login, 0, err);
}

enum svc_status accounts_set_password(struct registry *r, const struct actor *a, const char *login,
				      const char *password, struct svc_error *err)
{
	enum svc_status st = SVC_OK;
	struct store *s = registry_store(r);
	char *hash = NULL;
	struct user u;
	if ((st = accounts_hash_password("password", password, &hash, err)) || (st = svc_begin(s, err))) {
		free(hash);
		return st;
	}
	if ((st = manageable(s, a, login, &u, err)) == SVC_OK) {
		if (store_user_set_password(s, login, hash, 1, &err->message) ||
		    store_sessions_delete_of(s, login, &err->message) ||
		    store_tokens_revoke(s, login, NULL, NULL, &err->message) ||
		    audit_record(s, a, "user.password", NULL, login, "set by an administrator; to be changed", err))
			st = SVC_ERROR;
		user_free(&u);
	}
	free(hash);
	return svc_commit(s, st, err);
}

enum svc_status accounts_issue_token(struct registry *r, const struct actor *a, const char *login, const char *name,
				     int days, char **token, long long *id, struct svc_error *err)
{
	int self = a->user && a->user->login && strcmp(a->user->login, login) == 0;
	enum svc_status st = self ? SVC_OK : forbidden_unless_admin(a, err);
	struct store *s = registry_store(r);
	*token = NULL;
	*id = 0;
	if (st)
		return st;
	if (days < 0 || days > 365)
		return svc_fail(err, SVC_INVALID, "days", "a token lasts 1 to 365 days");
	if (name && (!*name || strlen(name) > 100 || !text_is_utf8(name)))
		return svc_fail(err, SVC_INVALID, "name", "name the token in 1 to 100 characters (what uses it)");
	if ((st = svc_begin(s, err)))
		return st;
	struct user u;
	if ((st = load_user(s, login, &u, err)) == SVC_OK) {
		if (u.disabled) {
			st = svc_fail(err, SVC_INVALID, NULL, "user %s is disabled", login);
		} else {
			*token = random_token();
			char *hash = token_hash(*token);
			struct token_info t = { .name = (char *)(name ? name : "command line"), .created_at = a->now,
						.expires_at = a->now + (long long)(days ? days : TOKEN_DAYS) * 86400 };
			if (store_token_put(s, &t, hash, login, "api", id, &err->message) ||
			    audit_record(s, a, "token.issue", NULL, login, t.name, err))
				st = SVC_ERROR;
			free(hash);
		}
		user_free(&u);
	}
	if ((st = svc_commit(s, st, err)) != SVC_OK) {
		free(*token);
		*token = NULL;
	}
	return st;
}

/* The signed-in user's login, or SVC_DENIED in err. */
static enum svc_status signed_in(const struct actor *a, const char **login, struct svc_error *err)
{
	*login = a->user ? a->user->login : NULL;
	return *login ? SVC_OK : svc_fail(err, SVC_DENIED, NULL, "sign in first");
}

enum svc_status accounts_tokens(struct registry *r, const struct actor *a, struct token_list *out,
				struct svc_error *err)
{
	const char *login;
	enum svc_status st = signed_in(a, &login, err);
	if (st)
		return st;
	return store_tokens_of(registry_store(r), login, out, &err->message) ? SVC_ERROR : SVC_OK;
}

enum svc_status accounts_revoke_token(struct registry *r, const struct actor *a, long long id, struct svc_error *err)
{
	const char *login;
	struct store *s = registry_store(r);
	enum svc_status st = signed_in(a, &login, err);
	if (st || (st = svc_begin(s, err)))
		return st;
	int changed = 0;
	char object[32];
	snprintf(object, sizeof object, "token:%lld", id);
	if (store_token_revoke_one(s, login, id, &changed, &err->message))
		st = SVC_ERROR;
	else if (!changed)
		st = svc_fail(err, SVC_NOT_FOUND, NULL, "you have no live token %lld", id);
	else if (audit_record(s, a, "token.revoke", NULL, object, NULL, err))
		st = SVC_ERROR;
	return svc_commit(s, st, err);
}

enum svc_status accounts_sessions(struct registry *r, const struct actor *a, const char *current,
				  struct session_list *out, struct svc_error *err)
{
	const char *login;
	enum svc_status st = signed_in(a, &login, err);
	if (st)
		return st;
	if (store_sessions_list(registry_store(r), login, out, &err->message))
		return SVC_ERROR;
	char *mine = current ? token_hash(current) : NULL;
	for (size_t i = 0; i < out->n; i++) {
		int is_current = mine && strcmp(out->items[i].token_hash, mine) == 0;
		free(out->items[i].token_hash);
		out->items[i].token_hash = is_current ? xstrdup("current") : NULL;
	}
	free(mine);
	return SVC_OK;
}

enum svc_status accounts_sign_in_changes(struct registry *r, const struct actor *a, struct audit_list *out,
					 struct svc_error *err)
{
	const char *login;
	enum svc_status st = signed_in(a, &login, err);
	if (st)
		return st;
	return store_audit_sign_in_changes(registry_store(r), login, SIGN_IN_CHANGES_SHOWN, out, &err->message) ? SVC_ERROR : SVC_OK;
}

enum svc_status accounts_end_sessions(struct registry *r, const struct actor *a, struct svc_error *err)
{
	const char *login;
	struct store *s = registry_store(r);
	enum svc_status st = signed_in(a, &login, err);
	if (st || (st = svc_begin(s, err)))
		return st;
	if (store_sessions_delete_of(s, login, &err->message) ||
	    audit_record(s, a, "session.end_all", NULL, login, "signed out everywhere", err))
		st = SVC_ERROR;
	return svc_commit(s, st, err);
}

enum svc_status accounts_user(struct registry *r, const struct actor *a, const char *login,
			      struct user *out, struct svc_error *err)
{
	enum svc_status st = forbidden_unless_admin(a, err);
	if (st == SVC_OK && (st = load_user(registry_store(r), login, out, err)) == SVC_OK) {
		free(out->password_hash);
		out->password_hash = NULL;
	}
	return st;
}

char *accounts_display_name(struct registry *r, const char *login)
{
	struct user u;
	char *err = NULL;
	char *name = NULL;
	if (store_user_get(registry_store(r), login, &u, &err) == 0) {
		name = u.full_name && *u.full_name ? xstrdup(u.full_name) : NULL;
		user_free(&u);
	}
	free(err);
	return name ? name : xstrdup(login);
}

enum svc_status accounts_list(struct registry *r, const struct actor *a, struct user_list *out,
			      struct svc_error *err)
{
	enum svc_status st = policy_may_manage_users(a->user) ? SVC_OK : forbidden_unless_admin(a, err);
	if (st)
		return st;
	if (store_user_list(registry_store(r), out, &err->message))
		return SVC_ERROR;
	size_t kept = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (policy_may_see_account(a->user, &out->items[i]))
			out->items[kept++] = out->items[i];
		else
			user_free(&out->items[i]);
	}
	out->n = kept;
	return SVC_OK;
}

enum svc_status accounts_reset_link(struct registry *r, const struct actor *a, const char *login, char **token,
				    struct svc_error *err)
{
	struct store *s = registry_store(r);
	struct user u;
	*token = NULL;
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	if ((st = manageable(s, a, login, &u, err)) == SVC_OK) {
		char *t = random_token(), *hash = token_hash(t);
		if (u.disabled)
			st = svc_fail(err, SVC_INVALID, NULL, "%s is disabled: enable the account first", login);
		else if (store_reset_put(s, hash, login, a->user->login, a->now, a->now + RESET_HOURS * 3600LL,
					 &err->message) ||
			 audit_record(s, a, "user.reset_link", NULL, login, "a one-time link to set the password", err))
			st = SVC_ERROR;
		free(hash);
		if (!st)
			*token = t;
		else
			free(t);
		user_free(&u);
	}
	if ((st = svc_commit(s, st, err))) {
		free(*token);
		*token = NULL;
	}
	return st;
}

enum svc_status accounts_reset_login(struct registry *r, const char *token, long long now, char **login,
				     struct svc_error *err)
{
	char *hash = token_hash(token);
	int rc = store_reset_login(registry_store(r), hash, now, login, &err->message);
	free(hash);
	if (rc == 1)
		return svc_fail(err, SVC_NOT_FOUND, NULL, "this link is spent, or past its time: ask for a new one");
	return rc ? SVC_ERROR : SVC_OK;
}

enum svc_status accounts_reset_password(struct registry *r, const struct actor *a, const char *token,
					const char *password, struct svc_error *err)
{
	struct store *s = registry_store(r);
	char *login = NULL, *hash = NULL, *link = token_hash(token);
	int spent = 0;
	enum svc_status st = accounts_reset_login(r, token, a->now, &login, err);
	if (!st)
		st = accounts_hash_password("password", password, &hash, err);
	if (!st && !(st = svc_begin(s, err))) {
		struct user as_user = { .login = login };
		struct actor who = { .user = &as_user, .address = a->address, .now = a->now };
		if (store_reset_spend(s, link, a->now, &spent, &err->message))
			st = SVC_ERROR;
		else if (!spent)
			st = svc_fail(err, SVC_NOT_FOUND, NULL, "this link was just spent: ask for a new one");
		else if (store_user_set_password(s, login, hash, 0, &err->message) ||
			 store_sessions_delete_of(s, login, &err->message) ||
			 store_tokens_revoke(s, login, "api", NULL, &err->message) ||
			 audit_record(s, &who, "user.password", NULL, login, "set through a one-time link", err))
			st = SVC_ERROR;
		st = svc_commit(s, st, err);
	}
	free(login);
	free(hash);
	free(link);
	return st;
}

static int totp_ok(struct store *s, const struct user *u, const char *otp, long long now, struct svc_error *err);

/* A new TOTP secret in base32 (*len characters; the caller wipes and
 * frees it), or NULL. */
static char *new_totp_secret(size_t *len)
{
	unsigned char raw[TOTP_SECRET_BYTES];
	char *secret = NULL;
	randombytes_buf(raw, sizeof raw);
	int rc = oath_base32_encode((const char *)raw, sizeof raw, &secret, len);
	sodium_memzero(raw, sizeof raw);
	return rc == OATH_OK ? secret : NULL;
}

/* The otpauth:// address of login's secret for an authenticator app. */
static char *totp_uri(const char *login, const char *secret)
{
	return xasprintf("otpauth://totp/rcphub:%s?secret=%s&issuer=rcphub&algorithm=SHA1&digits=6&period=%d", login,
			 secret, TOTP_STEP);
}

int accounts_needs_second_factor(const struct user *u)
{
	return policy_must_use_second_factor(u);
}

enum svc_status accounts_totp_begin(struct registry *r, const struct actor *a, char **uri, char **pending,
				    struct svc_error *err)
{
	(void)r;
	*uri = *pending = NULL;
	if (!a->user)
		return svc_fail(err, SVC_DENIED, NULL, "sign in first");
	if (a->user->has_totp)
		return svc_fail(err, SVC_CONFLICT, NULL, "you sign in with a second factor already");
	size_t len = 0;
	char *secret = new_totp_secret(&len);
	if (!secret)
		return svc_fail(err, SVC_ERROR, NULL, "cannot encode a secret");
	*pending = secrets_seal(secret, a->user->login, &err->message);
	if (*pending)
		*uri = totp_uri(a->user->login, secret);
	sodium_memzero(secret, len);
	free(secret);
	return *pending ? SVC_OK : SVC_ERROR;
}

enum svc_status accounts_totp_pending_uri(const struct actor *a, const char *pending, char **uri,
					  struct svc_error *err)
{
	*uri = NULL;
	if (!a->user || !pending || !secrets_is_sealed(pending))
		return svc_fail(err, SVC_INVALID, NULL, "start the set-up again from your account page");
	char *secret = secrets_open(pending, a->user->login, &err->message);
	if (!secret)
		return SVC_ERROR;
	*uri = totp_uri(a->user->login, secret);
	sodium_memzero(secret, strlen(secret));
	free(secret);
	return SVC_OK;
}

#define RECOVERY_CODES 10

/* A recovery code as its holder types it: 16 characters of RFC 4648's
 * base32 alphabet (80 bits) in groups of four; the caller frees it. */
static char *new_recovery_code(void)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	char *code = xmalloc(20);
	for (int i = 0, j = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			code[j++] = '-';
		code[j++] = alphabet[randombytes_uniform(32)];
		code[j] = '\0';
	}
	return code;
}

/* The stored form of a recovery code as typed: upper case, without
 * spaces or dashes, hashed (caller frees). */
static char *recovery_hash(const char *typed)
{
	char bare[64];
	size_t n = 0;
	for (; *typed && n + 1 < sizeof bare; typed++)
		if (*typed != '-' && *typed != ' ')
			bare[n++] = (char)toupper((unsigned char)*typed);
	bare[n] = '\0';
	return token_hash(bare);
}

/* Gives login a new set of recovery codes (replacing any earlier), into
 * codes for the caller to show once. */
static int renew_recovery_codes(struct store *s, const char *login, struct strlist *codes, char **err)
{
	struct strlist hashes = { 0 };
	for (int i = 0; i < RECOVERY_CODES; i++) {
		char *code = new_recovery_code(), *hash = recovery_hash(code);
		strlist_push(codes, code);
		strlist_push(&hashes, hash);
		free(code);
		free(hash);
	}
	int rc = store_recovery_set(s, login, &hashes, err);
	strlist_free(&hashes);
	return rc;
}

/* Whether typed is one of u's unspent recovery codes; spends it. -1 on a
 * store error. */
static int recovery_ok(struct store *s, const struct user *u, const char *typed, long long now, char **err)
{
	if (!typed || strlen(typed) < 16 || strlen(typed) > 40)
		return 0;
	char *hash = recovery_hash(typed);
	int used = 0, rc = store_recovery_use(s, u->login, hash, now, &used, err);
	free(hash);
	return rc ? -1 : used;
}

enum svc_status accounts_totp_confirm(struct registry *r, const struct actor *a, const char *pending,
				      const char *otp, struct strlist *codes, struct svc_error *err)
{
	struct store *s = registry_store(r);
	if (!a->user)
		return svc_fail(err, SVC_DENIED, NULL, "sign in first");
	if (a->user->has_totp)
		return svc_fail(err, SVC_CONFLICT, NULL, "you sign in with a second factor already");
	if (!pending || !secrets_is_sealed(pending))
		return svc_fail(err, SVC_INVALID, NULL, "start the set-up again from your account page");
	/* The code is checked against the pending secret as if it were the
	 * user's own: the same check a sign-in makes. */
	struct user probe = { .login = a->user->login, .totp_secret = (char *)pending };
	int changed = 0;
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	if (store_user_set_totp(s, a->user->login, pending, &changed, &err->message))
		st = SVC_ERROR;
	int ok = st ? 0 : totp_ok(s, &probe, otp, a->now, err);
	if (!st && ok < 0)
		st = SVC_ERROR;
	else if (!st && !ok)
		st = svc_fail(err, SVC_INVALID, "otp", "that is not the code your app shows now: check the app's clock, "
			      "or scan the code again");
	else if (!st && (renew_recovery_codes(s, a->user->login, codes, &err->message) ||
			 audit_record(s, a, "user.totp.on", NULL, a->user->login, "set up on the account page", err)))
		st = SVC_ERROR;
	if ((st = svc_commit(s, st, err)))
		strlist_free(codes);
	return st;
}

enum svc_status accounts_totp(struct registry *r, const struct actor *a, const char *login, int enable,
			      char **uri, struct strlist *codes, struct svc_error *err)
{
	enum svc_status st = forbidden_unless_admin(a, err);
	struct store *s = registry_store(r);
	if (st)
		return st;
	char *secret = NULL;
	size_t len = 0;
	*uri = NULL;
	if (enable && !(secret = new_totp_secret(&len)))
		return svc_fail(err, SVC_ERROR, NULL, "cannot encode a secret");
	int changed = 0;
	char *sealed = NULL;
	if (secret && !(sealed = secrets_seal(secret, login, &err->message))) {
		sodium_memzero(secret, len);
		free(secret);
		return SVC_ERROR;
	}
	if ((st = svc_begin(s, err))) {
		free(secret);
		free(sealed);
		return st;
	}
	if (store_user_set_totp(s, login, sealed, &changed, &err->message))
		st = SVC_ERROR;
	else if (!changed)
		st = svc_fail(err, SVC_NOT_FOUND, NULL, "no user %s", login);
	else if ((enable ? renew_recovery_codes(s, login, codes, &err->message)
			 : store_recovery_set(s, login, NULL, &err->message)) ||
		 audit_record(s, a, enable ? "user.totp.on" : "user.totp.off", NULL, login, NULL, err)) {
		st = SVC_ERROR;
	}
	if ((st = svc_commit(s, st, err)) == SVC_OK && enable)
		*uri = totp_uri(login, secret);
	else if (st)
		strlist_free(codes);
	if (secret)
		sodium_memzero(secret, len);
	free(secret);
	free(sealed);
	return st;
}

enum svc_status accounts_seal_secrets(struct registry *r, int *sealed, struct svc_error *err)
{
	struct store *s = registry_store(r);
	struct strlist logins = { 0 }, secrets = { 0 };
	*sealed = 0;
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	if (store_totp_unsealed(s, &logins, &secrets, &err->message))
		st = SVC_ERROR;
	for (size_t i = 0; !st && i < logins.n; i++) {
		char *box = secrets_seal(secrets.items[i], logins.items[i], &err->message);
		if (!box || store_totp_reseal(s, logins.items[i], secrets.items[i], box, &err->message))
			st = SVC_ERROR;
		free(box);
		sodium_memzero(secrets.items[i], strlen(secrets.items[i]));
	}
	st = svc_commit(s, st, err);
	if (!st)
		*sealed = (int)logins.n;
	strlist_free(&logins);
	strlist_free(&secrets);
	return st;
}

/* Whether otp is the user's current one-time code, not used before; the
 * step it belongs to is recorded. -1 on a store error. */
static int totp_ok(struct store *s, const struct user *u, const char *otp, long long now, struct svc_error *err)
{
	char *key = NULL, *secret;
	size_t len = 0;
	int pos = 0, used = 0;
	if (!otp || strlen(otp) != 6 || strspn(otp, "0123456789") != 6)
		return 0;
	if (!(secret = secrets_open(u->totp_secret, u->login, &err->message)))
		return -1;
	int decoded = oath_base32_decode(secret, strlen(secret), &key, &len) == OATH_OK;
	sodium_memzero(secret, strlen(secret));
	free(secret);
	if (!decoded)
		return 0;
	int rc = oath_totp_validate2(key, len, (time_t)now, TOTP_STEP, 0, TOTP_WINDOW, &pos, otp);
	sodium_memzero(key, len);
	free(key);
	if (rc < 0)
		return 0;
	if (store_user_use_totp_step(s, u->login, now / TOTP_STEP + pos, &used, &err->message))
		return -1;
	return used;
}

static enum svc_status check_throttle(struct store *s, const char *key, long limit, long long now,
				      struct login *out, struct svc_error *err);

/* Records a wrong current password given to change it: throttled and audited. */
static int record_password_failure(struct store *s, const struct actor *a, const char *key, struct svc_error *err)
{
	int rc = store_begin(s, &err->message) || store_failure_put(s, key, a->now, &err->message) ||
		 audit_record(s, a, "user.password.fail", NULL, a->user->login, NULL, err) ||
		 store_commit(s, &err->message);
	if (rc)
		store_rollback(s);
	return rc ? -1 : 0;
}

enum svc_status accounts_change_password(struct registry *r, const struct actor *a, const char *session,
					 const char *current, const char *next, struct svc_error *err)
{
	if (!a->user || !a->user->login)
		return svc_fail(err, SVC_DENIED, NULL, "sign in to change your password");
	struct store *s = registry_store(r);
	struct user u;
	struct login throttled = { 0 };
	char *key = xasprintf("password:%s", a->user->login), *hash = NULL, *keep = session ? token_hash(session) : NULL;
	enum svc_status st = check_throttle(s, key, THROTTLE_PER_ACCOUNT, a->now, &throttled, err);
	if (st == SVC_OK && (st = load_user(s, a->user->login, &u, err)) == SVC_OK) {
		int changed;
		if (!password_matches(u.password_hash, current)) {
			st = record_password_failure(s, a, key, err) ? SVC_ERROR
			     : svc_fail(err, SVC_INVALID, "current_password", "does not match");
		} else if (strcmp(current, next) == 0) {
			st = svc_fail(err, SVC_INVALID, "new_password", "must differ from the current one");
		} else if ((st = accounts_hash_password("new_password", next, &hash, err)) == SVC_OK &&
			   (st = svc_begin(s, err)) == SVC_OK) {
			if (store_user_set_password(s, u.login, hash, 0, &err->message) ||
			    store_sessions_delete_others(s, u.login, keep, &err->message) ||
			    store_tokens_revoke(s, u.login, "api", &changed, &err->message) ||
			    store_failures_clear(s, key, &err->message) ||
			    audit_record(s, a, "user.password", NULL, u.login, "other sessions ended, API tokens revoked", err))
				st = SVC_ERROR;
			st = svc_commit(s, st, err);
		}
		user_free(&u);
	}
	free(hash);
	free(keep);
	free(key);
	return st;
}

/* SVC_THROTTLED with out->retry_after if key failed too often lately. */
static enum svc_status check_throttle(struct store *s, const char *key, long limit,
				      long long now, struct login *out, struct svc_error *err)
{
	long count;
	long long oldest;
	if (store_failure_count(s, key, now - THROTTLE_WINDOW_SECONDS, &count, &oldest, &err->message))
		return SVC_ERROR;
	if (count < limit)
		return SVC_OK;
	out->retry_after = (long)(oldest + THROTTLE_WINDOW_SECONDS - now);
	if (out->retry_after < 1)
		out->retry_after = 1;
	return svc_fail(err, SVC_THROTTLED, NULL, "too many failed logins; try again in %ld seconds",
			out->retry_after);
}

static int record_failure(struct store *s, const struct actor *a, const char *user_key,
			  const char *addr_key, const char *login, struct svc_error *err)
{
	char *login_key = xasprintf("login:%s", login);
	int rc = store_begin(s, &err->message) || store_failure_put(s, user_key, a->now, &err->message) ||
		 store_failure_put(s, addr_key, a->now, &err->message) ||
		 store_failure_put(s, login_key, a->now, &err->message) ||
		 /* an hour: the longest window any key counts in (audit_record_list_read) */
		 store_failures_prune(s, a->now - 3600, &err->message) ||
		 audit_record(s, a, "login.fail", NULL, login, NULL, err) || store_commit(s, &err->message);
	if (rc)
		store_rollback(s);
	free(login_key);
	return rc ? -1 : 0;
}

/* Audits a throttled attempt, once a minute per login and address: the
 * attempts in between are refused without an entry each. */
static int record_throttled(struct store *s, const struct actor *a, const char *user_key, const char *login,
			    struct svc_error *err)
{
	char *key = xasprintf("throttled:%s", user_key);
	long count = 0;
	long long oldest;
	int rc = store_failure_count(s, key, a->now - 60, &count, &oldest, &err->message);
	if (rc == 0 && count == 0) {
		rc = store_begin(s, &err->message) || store_failure_put(s, key, a->now, &err->message) ||
		     audit_record(s, a, "login.throttled", NULL, login, "attempts refused for a while; "
				  "those of the next minute are not logged one by one", err) ||
		     store_commit(s, &err->message);
		if (rc)
			store_rollback(s);
	}
	free(key);
	return rc ? -1 : 0;
}

static int start_session(struct store *s, const struct actor *a, struct login *out,
			 const char *user_key, const char *previous, struct svc_error *err)
{
	char *previous_hash = previous ? token_hash(previous) : NULL;
	out->token = random_token();
	out->session = (struct session){
		.token_hash = token_hash(out->token), .login = xstrdup(out->user.login),
		.csrf = random_token(), .created_at = a->now, .seen_at = a->now,
		.address = xstrdup_or_null(a->address),
	};
	struct actor as_user = *a;
	as_user.user = &out->user;
	int rc = store_begin(s, &err->message) || store_failures_clear(s, user_key, &err->message) ||
		 store_sessions_expire(s, a->now - SESSION_IDLE_SECONDS, a->now - SESSION_MAX_SECONDS, &err->message) ||
		 (previous_hash && store_session_delete(s, previous_hash, &err->message)) ||
		 store_session_put(s, &out->session, &err->message) ||
		 audit_record(s, &as_user, "login", NULL, out->user.login, NULL, err) || store_commit(s, &err->message);
	if (rc)
		store_rollback(s);
	free(previous_hash);
	return rc ? -1 : 0;
}

enum svc_status accounts_login(struct registry *r, const struct actor *a, const char *login,
			       const char *password, const char *otp, const char *previous,
			       struct login *out, struct svc_error *err)
{
	struct store *s = registry_store(r);
	memset(out, 0, sizeof *out);
	/* What cannot be a login is recorded as one name, so that junk sent
	 * as logins neither fills the tables nor gets its own allowance. */
	if (!valid_login(login))
		login = "(malformed)";
	/* failures count per login from one address, so that guesses from
	 * elsewhere never lock the owner out; per address; and per login
	 * from everywhere, much higher */
	char *user_key = xasprintf("user:%s@%s", login, a->address ? a->address : "-");
	char *addr_key = xasprintf("addr:%s", a->address ? a->address : "-");
	char *login_key = xasprintf("login:%s", login);
	enum svc_status st = check_throttle(s, user_key, THROTTLE_PER_ACCOUNT, a->now, out, err);
	if (st == SVC_OK)
		st = check_throttle(s, addr_key, THROTTLE_PER_ADDRESS, a->now, out, err);
	if (st == SVC_OK)
		st = check_throttle(s, login_key, THROTTLE_PER_LOGIN, a->now, out, err);
	struct svc_error ignored = { 0 };
	if (st == SVC_THROTTLED)
		record_throttled(s, a, user_key, login, &ignored);
	svc_error_free(&ignored);
	if (st == SVC_OK) {
		int rc = store_user_get(s, login, &out->user, &err->message);
		if (rc < 0) {
			st = SVC_ERROR;
		} else if (strlen(password) > PASSWORD_MAX_LENGTH ||
			   !password_matches(rc == 0 ? out->user.password_hash : NULL, password) ||
			   out->user.disabled) {
			st = record_failure(s, a, user_key, addr_key, login, err) ? SVC_ERROR : SVC_DENIED;
			if (st == SVC_DENIED)
				svc_fail(err, SVC_DENIED, NULL, "wrong login or password");
		} else if (out->user.totp_secret && (rc = totp_ok(s, &out->user, otp, a->now, err)) != 1 &&
			   (rc < 0 || (rc = recovery_ok(s, &out->user, otp, a->now, &err->message)) != 1)) {
			st = rc < 0 || record_failure(s, a, user_key, addr_key, login, err) ? SVC_ERROR : SVC_DENIED;
			if (st == SVC_DENIED)
				svc_fail(err, SVC_DENIED, "otp", "the one-time code from your authenticator is missing or wrong");
		} else if (start_session(s, a, out, user_key, previous, err)) {
			st = SVC_ERROR;
		}
	}
	free(user_key);
	free(addr_key);
	free(login_key);
	if (st != SVC_OK) {
		long retry = out->retry_after;
		accounts_login_free(out);
		out->retry_after = retry;
	}
	return st;
}

void accounts_login_free(struct login *l)
{
	user_free(&l->user);
	session_free(&l->session);
	free(l->token);
	memset(l, 0, sizeof *l);
}

enum svc_status accounts_logout(struct registry *r, const struct actor *a, const char *token,
				struct svc_error *err)
{
	struct store *s = registry_store(r);
	char *hash = token_hash(token);
	int rc = store_begin(s, &err->message) || store_session_delete(s, hash, &err->message) ||
		 audit_record(s, a, "logout", NULL, a->user ? a->user->login : NULL, NULL, err) ||
		 store_commit(s, &err->message);
	if (rc)
		store_rollback(s);
	free(hash);
	return rc ? SVC_ERROR : SVC_OK;
}

/* Fills *user for login if the account is enabled: 0, 1 if not, -1. */
static int enabled_user(struct store *s, const char *login, struct user *user, struct svc_error *err)
{
	int rc = store_user_get(s, login, user, &err->message);
	if (rc == 0 && user->disabled) {
		user_free(user);
		return 1;
	}
	if (rc == 0) {
		free(user->password_hash);
		user->password_hash = NULL;
	}
	return rc;
}

enum svc_status accounts_session_user(struct registry *r, const char *token, long long now,
				     struct user *user, struct session *session, struct svc_error *err)
{
	struct store *s = registry_store(r);
	char *hash = token_hash(token);
	int rc = store_session_user(s, hash, session, user, &err->message);
	free(hash);
	if (rc)
		return rc < 0 ? SVC_ERROR : SVC_NOT_FOUND;
	if (session->seen_at < now - SESSION_IDLE_SECONDS ||
	    session->created_at < now - SESSION_MAX_SECONDS) {
		rc = store_session_delete(s, session->token_hash, &err->message) ? -1 : 1;
	} else if (user->disabled) {
		rc = 1;
	} else if (now - session->seen_at >= 60) {
		/* Recording every request would make each read a write. */
		rc = store_session_touch(s, session->token_hash, now, &err->message);
	}
	if (rc) {
		user_free(user);
		session_free(session);
	}
	return rc < 0 ? SVC_ERROR : rc ? SVC_NOT_FOUND : SVC_OK;
}

enum svc_status accounts_token_user(struct registry *r, const char *token, long long now, struct user *user,
				   struct svc_error *err)
{
	struct store *s = registry_store(r);
	char *hash = token_hash(token);
	char *login = NULL;
	long long id = 0;
	int rc = store_token_login(s, hash, "api", now, &login, &id, &err->message);
	free(hash);
	if (rc == 0)
		rc = store_token_touch(s, id, now, &err->message) ? -1 : enabled_user(s, login, user, err);
	free(login);
	return rc < 0 ? SVC_ERROR : rc ? SVC_NOT_FOUND : SVC_OK;
}

enum svc_status accounts_issue_feed(struct registry *r, const struct actor *a, char **token, struct svc_error *err)
{
	struct store *s = registry_store(r);
	*token = NULL;
	if (!a->user || !a->user->login)
		return svc_fail(err, SVC_DENIED, NULL, "sign in to have a calendar feed");
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	char *t = random_token(), *hash = token_hash(t);
	struct token_info feed = { .name = "calendar feed", .created_at = a->now };
	long long id;
	if (store_tokens_revoke(s, a->user->login, "calendar", NULL, &err->message) ||
	    store_token_put(s, &feed, hash, a->user->login, "calendar", &id, &err->message) ||
	    audit_record(s, a, "calendar.issue", NULL, a->user->login, NULL, err))
		st = SVC_ERROR;
	free(hash);
	if ((st = svc_commit(s, st, err)) == SVC_OK)
		*token = t;
	else
		free(t);
	return st;
}

enum svc_status accounts_revoke_feed(struct registry *r, const struct actor *a, struct svc_error *err)
{
	struct store *s = registry_store(r);
	if (!a->user || !a->user->login)
		return svc_fail(err, SVC_DENIED, NULL, "sign in to stop your calendar feed");
	enum svc_status st = svc_begin(s, err);
	if (st)
		return st;
	if (store_tokens_revoke(s, a->user->login, "calendar", NULL, &err->message) ||
	    audit_record(s, a, "calendar.revoke", NULL, a->user->login, NULL, err))
		st = SVC_ERROR;
	return svc_commit(s, st, err);
}

enum svc_status accounts_feed_user(struct registry *r, const char *token, struct user *user, struct svc_error *err)
{
	struct store *s = registry_store(r);
	char *hash = token_hash(token), *login = NULL;
	long long id;
	int rc = store_token_login(s, hash, "calendar", (long long)time(NULL), &login, &id, &err->message);
	free(hash);
	if (rc == 0)
		rc = enabled_user(s, login, user, err);
	free(login);
	if (rc == 1)
		return svc_fail(err, SVC_NOT_FOUND, NULL, "no calendar at this address; it may have been replaced");
	return rc < 0 ? SVC_ERROR : SVC_OK;
}
