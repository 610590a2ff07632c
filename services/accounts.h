/* accounts.h: users, roles per process, passwords, sessions, API tokens, login throttling */
#ifndef RCPHUB_ACCOUNTS_H
#define RCPHUB_ACCOUNTS_H

#include "registry.h"
#include "service.h"

#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_MAX_SECONDS (12 * 60 * 60)
#define THROTTLE_WINDOW_SECONDS (15 * 60)
#define THROTTLE_PER_ACCOUNT 5
#define THROTTLE_PER_ADDRESS 20
/* Failures for one login from every address together: slows guessing
 * spread over many addresses without letting one address lock the owner out. */
#define THROTTLE_PER_LOGIN 50
#define PASSWORD_MIN_LENGTH 12
#define PASSWORD_MAX_LENGTH 1024

/* Starts libsodium; -1 if it cannot be used. Call once before any other
 * function here. */
int accounts_init(void);

/* A new account. government and organisation are looked up by name or
 * code (at most one of them; neither for a platform admin). */
struct new_user {
	const char *login;
	const char *government;
	const char *organisation;
	int admin;
	const char *password;
	int must_change_password;
	const char *full_name;  /* or NULL */
	const char *email;      /* or NULL */
	const char *process;    /* with role: the role to give at once (a secretariat must) */
	const char *role;
};

/* Each returns SVC_OK, or another status with err filled. All changes
 * are one transaction with their audit entry. */
enum svc_status accounts_add(struct registry *r, const struct actor *a,
			     const struct new_user *nu, struct svc_error *err);
/* Gives the user a role (see grant_role_name) in the process named
 * (administrators; a secretariat in its process, roles below its own). A
 * focal point or official must belong to a member government of it; an
 * observer to a government or organisation taking part in it. */
enum svc_status accounts_grant(struct registry *r, const struct actor *a, const char *login,
			       const char *process, const char *role, struct svc_error *err);
enum svc_status accounts_revoke(struct registry *r, const struct actor *a, const char *login,
				const char *process, struct svc_error *err);
/* A one-time link to set login's password (rcphub sends no mail: the
 * maker hands it over), live for RESET_HOURS: *token (caller frees) is
 * shown once and kept only as a hash. An administrator, or the secretariat
 * of every process the user has a role in. */
#define RESET_HOURS 24
enum svc_status accounts_reset_link(struct registry *r, const struct actor *a, const char *login, char **token,
				    struct svc_error *err);
/* The login a live reset link's token is for (SVC_NOT_FOUND: none, spent
 * or past its time); *login the caller's to free. */
enum svc_status accounts_reset_login(struct registry *r, const char *token, long long now, char **login,
				     struct svc_error *err);
/* Sets the password through a live reset link, spending it; ends the
 * user's sessions and revokes their tokens. */
enum svc_status accounts_reset_password(struct registry *r, const struct actor *a, const char *token,
					const char *password, struct svc_error *err);
/* Disables the account, ends its sessions and revokes its tokens; no
 * one disables their own account, nor the last administrator who can
 * sign in (SVC_INVALID). */
enum svc_status accounts_disable(struct registry *r, const struct actor *a, const char *login,
				 struct svc_error *err);
/* Enables a disabled account again (its tokens stay revoked). */
enum svc_status accounts_enable(struct registry *r, const struct actor *a, const char *login,
				struct svc_error *err);
/* Sets login's password (checked as every password is) as one to change
 * at the next sign-in, ends its sessions and revokes its tokens. */
enum svc_status accounts_set_password(struct registry *r, const struct actor *a, const char *login,
				      const char *password, struct svc_error *err);
/* Issues a personal API token to login, named name (NULL: "command
 * line"), ending after days (1 to 365; 0: TOKEN_DAYS): an administrator for
 * anyone, a user for themselves. *token (caller frees) is shown once and
 * only its hash is kept; *id is its number. */
#define TOKEN_DAYS 90
enum svc_status accounts_issue_token(struct registry *r, const struct actor *a, const char *login, const char *name,
				     int days, char **token, long long *id, struct svc_error *err);
/* The actor's own API tokens, newest first, live or not (token_list_free). */
enum svc_status accounts_tokens(struct registry *r, const struct actor *a, struct token_list *out,
				struct svc_error *err);
/* Revokes the actor's own token id (SVC_NOT_FOUND: none live of that number). */
enum svc_status accounts_revoke_token(struct registry *r, const struct actor *a, long long id, struct svc_error *err);
/* The actor's sessions, last seen first (session_list_free); the token
 * hashes are left out, but the one of current (a session cookie's token,
 * or NULL) is kept as "current" so that the caller can mark it. */
enum svc_status accounts_sessions(struct registry *r, const struct actor *a, const char *current,
				  struct session_list *out, struct svc_error *err);
/* How many changes to one's sign-in the account page and the API show. */
#define SIGN_IN_CHANGES_SHOWN 10
/* The last SIGN_IN_CHANGES_SHOWN changes to the actor's own sign-in,
 * whoever made them (audit entries, newest first; audit_list_free): a
 * notice of what changed, for a platform that sends no mail. */
enum svc_status accounts_sign_in_changes(struct registry *r, const struct actor *a, struct audit_list *out,
					 struct svc_error *err);
/* Signs the actor out everywhere: ends every session of theirs. */
enum svc_status accounts_end_sessions(struct registry *r, const struct actor *a, struct svc_error *err);
/* One user with roles, for administrators; fills *out (user_free). */
enum svc_status accounts_user(struct registry *r, const struct actor *a, const char *login,
			      struct user *out, struct svc_error *err);
enum svc_status accounts_list(struct registry *r, const struct actor *a, struct user_list *out,
			      struct svc_error *err);
/* How the person of login is named beside a record they wrote, to anyone
 * who may read the record: their full name when they gave one, else the
 * login (also for "cli:USER" and for accounts no longer there). The caller
 * frees it. */
char *accounts_display_name(struct registry *r, const char *login);
/* Changes the actor's own password, knowing the current one, and ends
 * the user's other sessions (all but the session whose token is session;
 * NULL: all) and revokes their API tokens. Wrong current passwords are
 * audited and throttled as failed logins are (SVC_THROTTLED). */
enum svc_status accounts_change_password(struct registry *r, const struct actor *a, const char *session,
					 const char *current, const char *next, struct svc_error *err);

/* A successful login: the user, the session and the token for its cookie. */
struct login {
	struct user user;
	struct session session;
	char *token;
	long retry_after;  /* seconds, set when SVC_THROTTLED */
};

/* Checks the password (Argon2id) and, for a user with a second factor,
 * the one-time code otp (TOTP; each code once), unless the account or the
 * address has failed too often lately (SVC_THROTTLED with retry_after).
 * On success starts a new session, ending the one whose token is
 * previous (the browser's, or NULL), and fills *out (accounts_login_free).
 * Wrong login and wrong password get the same answer, SVC_DENIED. */
enum svc_status accounts_login(struct registry *r, const struct actor *a, const char *login,
			       const char *password, const char *otp, const char *previous,
			       struct login *out, struct svc_error *err);
/* Seals the second-factor secrets stored before secrets were sealed
 * (services/secrets.h), in one transaction; *sealed says how many. */
enum svc_status accounts_seal_secrets(struct registry *r, int *sealed, struct svc_error *err);
/* Turns the user's second factor on (a new secret; *uri, caller frees,
 * is the otpauth:// address for an authenticator app; codes gets ten new
 * recovery codes) or off (the recovery codes go too): an administrator's
 * act. */
enum svc_status accounts_totp(struct registry *r, const struct actor *a, const char *login, int enable,
			      char **uri, struct strlist *codes, struct svc_error *err);
/* The signed-in user's own enrolment, first step: a new secret, not yet
 * in force, as *uri (for the app) and *pending (the secret sealed for
 * this user, to come back with the code); both the caller's to free.
 * SVC_CONFLICT when the user has a second factor already. */
enum svc_status accounts_totp_begin(struct registry *r, const struct actor *a, char **uri, char **pending,
				    struct svc_error *err);
/* Second step: when otp is the current code of pending's secret, it
 * becomes the user's second factor (audited), with ten new one-time
 * recovery codes into codes (strlist_free), to show the user once: each
 * signs in once in place of the app's code. A wrong code is SVC_INVALID
 * on "otp". */
enum svc_status accounts_totp_confirm(struct registry *r, const struct actor *a, const char *pending,
				      const char *otp, struct strlist *codes, struct svc_error *err);
/* The otpauth:// address of pending's secret again (after a wrong code,
 * for the page to show anew); the caller frees it. */
enum svc_status accounts_totp_pending_uri(const struct actor *a, const char *pending, char **uri,
					  struct svc_error *err);
/* Whether user u holds a role that signs in with a second factor where
 * the platform requires one (administrators and secretariats). */
int accounts_needs_second_factor(const struct user *u);
void accounts_login_free(struct login *l);
/* Ends the session whose cookie carries token. */
enum svc_status accounts_logout(struct registry *r, const struct actor *a, const char *token,
				struct svc_error *err);

/* The user behind a session cookie's token, if the session is live
 * (within the idle and absolute timeouts) and the user enabled: fills
 * *user and *session (both freed by the caller). SVC_NOT_FOUND for no
 * such session; SVC_ERROR when the store fails. */
enum svc_status accounts_session_user(struct registry *r, const char *token, long long now,
				     struct user *user, struct session *session, struct svc_error *err);
/* The same for an API token (Authorization: Bearer), live and not past
 * its end at now; its use is noted (at most once an hour). */
enum svc_status accounts_token_user(struct registry *r, const char *token, long long now, struct user *user,
				   struct svc_error *err);

/* The actor's calendar feed: a new secret address (*token, caller frees;
 * shown once, kept only as a hash) that replaces any earlier one; or none
 * (revoke). accounts_feed_user fills *user (user_free) for a live feed's
 * token; SVC_NOT_FOUND for any other. */
enum svc_status accounts_issue_feed(struct registry *r, const struct actor *a, char **token, struct svc_error *err);
enum svc_status accounts_revoke_feed(struct registry *r, const struct actor *a, struct svc_error *err);
enum svc_status accounts_feed_user(struct registry *r, const char *token, struct user *user, struct svc_error *err);

/* Hashes a password for storage into *hash (caller frees); a password too
 * short or long is SVC_INVALID, reported against field. */
enum svc_status accounts_hash_password(const char *field, const char *password, char **hash,
				      struct svc_error *err);
/* A random password of 20 characters for a first login (caller frees). */
char *accounts_random_password(void);

#endif
