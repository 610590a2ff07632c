/* page_account.c: the signed-in user's account: roles, a new password, a second factor, a calendar feed */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../io/qr_svg.h"
#include "../../services/accounts.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A password field with its error, if the error names it. */
static void password_field(struct buf *b, const char *name, const char *label, const char *autocomplete,
			   const struct svc_error *error)
{
	const char *mine = page_field_error(error, name);
	page_field_begin(b, name, label, mine);
	html_raw(b, "<input type=\"password\" required");
	page_field_attrs(b, name, name, mine);
	html_raw(b, " autocomplete=\"");
	html_raw(b, autocomplete);
	html_raw(b, "\"></div>");
}

static const char *const password_fields[] = { "current_password", "new_password", "password", NULL };

/* The personal calendar feed: its address when just made (feed), and
 * the buttons that make a new one or stop it. */
static void calendar_section(struct buf *b, struct req *r, const char *feed)
{
	html_raw(b, "<section><h2>Your calendar</h2><p>A secret address a calendar application can read: "
		    "the meetings of every process you may see. Keep it to yourself; a new address stops the "
		    "old one.</p>");
	if (feed) {
		html_raw(b, "<p class=\"notice\" role=\"status\">Your new address (shown this once): <code>");
		html_txt(b, feed);
		html_raw(b, "</code></p>");
	}
	html_raw(b, "<form method=\"post\" action=\"/account/calendar\" class=\"inline\">");
	page_csrf_field(b, r);
	html_raw(b, "<button type=\"submit\" name=\"action\" value=\"new\">Make a new address</button> "
		    "<button type=\"submit\" name=\"action\" value=\"stop\">Stop the feed</button></form></section>");
}

/* The second factor: on, or a button that starts setting one up. */
static void second_factor_section(struct buf *b, struct req *r)
{
	html_raw(b, "<section id=\"second-factor\"><h2>Second factor</h2>");
	if (r->user.has_totp) {
		html_raw(b, "<p>On: signing in asks for the six-digit code your authenticator app shows.</p></section>");
		return;
	}
	if (accounts_needs_second_factor(&r->user))
		html_raw(b, "<p class=\"notice\" role=\"status\">Administrators and secretariats sign in with a "
			    "second factor: set one up before going on.</p>");
	html_raw(b, "<p>A code from an authenticator app on your phone (any app that reads a QR code for "
		    "one-time passwords), asked for at every sign-in besides your password.</p>"
		    "<form method=\"post\" action=\"/account/second-factor\" class=\"inline\">");
	page_csrf_field(b, r);
	html_raw(b, "<button type=\"submit\" name=\"action\" value=\"start\">Set up a second factor</button>"
		    "</form></section>");
}

static void when(struct buf *b, long long t, const char *none)
{
	if (!t) {
		html_txt(b, none);
		return;
	}
	char text[32];
	time_t tt = (time_t)t;
	struct tm tm;
	strftime(text, sizeof text, "%Y-%m-%d %H:%M", gmtime_r(&tt, &tm));
	html_txt(b, text);
}

/* Personal API tokens: each with its name, dates and a revoke button; a
 * form that makes one; the one just made (made), shown this once. */
static void tokens_section(struct buf *b, struct req *r, const char *made)
{
	struct token_list l = { 0 };
	struct svc_error err = { 0 };
	accounts_tokens(r->reg, &r->actor, &l, &err);
	svc_error_free(&err);
	html_raw(b, "<section id=\"tokens\"><h2>API tokens</h2><p>A token lets a program use the JSON API as you "
		    "(<code>Authorization: Bearer TOKEN</code>). Name each for what uses it; each ends on its day, "
		    "and you can revoke it at any time.</p>");
	if (made) {
		html_raw(b, "<p class=\"notice\" role=\"status\">Your new token (shown this once): <code>");
		html_txt(b, made);
		html_raw(b, "</code></p>");
	}
	if (l.n) {
		html_raw(b, "<table class=\"tokens\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Made"
			    "</th><th scope=\"col\">Ends</th><th scope=\"col\">Last used</th><th scope=\"col\">"
			    "</th></tr></thead><tbody>");
		for (size_t i = 0; i < l.n; i++) {
			const struct token_info *t = &l.items[i];
			int live = !t->revoked && (!t->expires_at || t->expires_at > r->actor.now);
			html_raw(b, "<tr><td>");
			html_txt(b, t->name);
			html_raw(b, "</td><td>");
			when(b, t->created_at, "");
			html_raw(b, "</td><td>");
			when(b, t->expires_at, "never");
			html_raw(b, "</td><td>");
			when(b, t->last_used_at, "never");
			html_raw(b, "</td><td>");
			if (live) {
				html_raw(b, "<form method=\"post\" class=\"inline\" action=\"/account/tokens/");
				html_int(b, t->id);
				html_raw(b, "/revoke\">");
				page_csrf_field(b, r);
				html_raw(b, "<button type=\"submit\">Revoke</button></form>");
			} else {
				html_raw(b, t->revoked ? "revoked" : "ended");
			}
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
	}
	html_raw(b, "<form class=\"inline-form\" method=\"post\" action=\"/account/tokens\">");
	page_csrf_field(b, r);
	html_raw(b, "<label for=\"token-name\">Name</label><input id=\"token-name\" name=\"name\" required "
		    "maxlength=\"100\"><label for=\"token-days\">Lasts</label><select id=\"token-days\" name=\"days\">"
		    "<option value=\"30\">30 days</option><option value=\"90\" selected>90 days</option>"
		    "<option value=\"365\">a year</option></select><button type=\"submit\">Make a token</button>"
		    "</form></section>");
	token_list_free(&l);
}

/* Where one is signed in, and the button that ends every session. */
static void sessions_section(struct buf *b, struct req *r)
{
	struct session_list l = { 0 };
	struct svc_error err = { 0 };
	accounts_sessions(r->reg, &r->actor, r->via_session ? r->session_token : NULL, &l, &err);
	svc_error_free(&err);
	html_raw(b, "<section id=\"sessions\"><h2>Where you are signed in</h2><table class=\"sessions\"><thead><tr>"
		    "<th scope=\"col\">Since</th><th scope=\"col\">Last seen</th><th scope=\"col\">From</th>"
		    "</tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++) {
		html_raw(b, "<tr><td>");
		when(b, l.items[i].created_at, "");
		html_raw(b, "</td><td>");
		when(b, l.items[i].seen_at, "");
		html_raw(b, "</td><td>");
		html_txt(b, l.items[i].address ? l.items[i].address : "");
		html_raw(b, l.items[i].token_hash ? " (this browser)</td></tr>" : "</td></tr>");
	}
	html_raw(b, "</tbody></table><form method=\"post\" action=\"/account/sessions\" class=\"inline\">");
	page_csrf_field(b, r);
	html_raw(b, "<button type=\"submit\">Sign out everywhere</button></form></section>");
	session_list_free(&l);
}

/* What changed in one's own sign-in, and who changed it: in place of
 * the mail rcphub does not send. */
static void sign_in_changes_section(struct buf *b, struct req *r)
{
	struct audit_list l = { 0 };
	struct svc_error err = { 0 };
	accounts_sign_in_changes(r->reg, &r->actor, &l, &err);
	svc_error_free(&err);
	html_raw(b, "<section id=\"sign-in-changes\"><h2>Changes to your sign-in</h2>");
	if (!l.n)
		html_raw(b, "<p>None yet.</p>");
	else
		html_raw(b, "<p>The last ten, newest first. If you did not make one of them, change your password and "
			    "sign out everywhere.</p><table class=\"sessions\"><thead><tr><th scope=\"col\">When</th>"
			    "<th scope=\"col\">What</th><th scope=\"col\">From</th></tr></thead><tbody>");
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_entry *e = &l.items[i];
		html_raw(b, "<tr><td>");
		when(b, e->at, "");
		html_raw(b, "</td><td>");
		if (!e->login)
			html_raw(b, "Someone not signed in");
		else if (strcmp(e->login, r->user.login) == 0)
			html_raw(b, "You");
		else
			html_txt(b, e->login);
		html_raw(b, " ");
		html_txt(b, page_audit_action_words(e->action));
		html_raw(b, "</td><td>");
		html_txt(b, e->address ? e->address : "");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, l.n ? "</tbody></table></section>" : "</section>");
	audit_list_free(&l);
}

static void account_page(struct req *r, int status, const struct svc_error *error, const char *notice,
			 const char *feed, const char *made_token)
{
	struct buf b = { 0 };
	page_begin(&b, r, "Your account");
	html_raw(&b, "<h1>Your account</h1>");
	if (notice) {
		html_raw(&b, "<p class=\"notice\" role=\"status\">");
		html_txt(&b, notice);
		html_raw(&b, "</p>");
	}
	if (r->user.must_change_password)
		html_raw(&b, "<p class=\"notice\" role=\"status\">You signed in with a one-time password. "
			     "Choose your own before going on.</p>");
	html_raw(&b, "<dl class=\"facts\"><dt>Login</dt><dd>");
	html_txt(&b, r->user.login);
	html_raw(&b, "</dd><dt>Belongs to</dt><dd>");
	if (r->user.government)
		page_link_state(&b, r->user.government, r->user.government);
	else if (r->user.organisation)
		page_link_org(&b, r->user.organisation, r->user.organisation);
	else
		html_raw(&b, "the platform");
	html_raw(&b, r->user.admin ? " (administrator)</dd><dt>Roles</dt><dd>" : "</dd><dt>Roles</dt><dd>");
	for (size_t i = 0; i < r->user.ngrants; i++) {
		html_raw(&b, i ? "; " : "");
		html_txt(&b, grant_role_name(r->user.grants[i].role));
		html_raw(&b, " in ");
		page_link_process(&b, r->user.grants[i].process, r->user.grants[i].process);
	}
	html_raw(&b, r->user.ngrants ? "</dd></dl>" : "none</dd></dl>");
	html_raw(&b, "<section><h2>Change your password</h2>");
	page_form_problem(&b, error, NULL, 0, password_fields);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/account\">");
	page_csrf_field(&b, r);
	password_field(&b, "current_password", "Current password", "current-password", error);
	password_field(&b, "new_password", "New password (at least 12 characters; several words make a good one)", "new-password", error);
	password_field(&b, "password", "New password again", "new-password", error);
	html_raw(&b, "<button type=\"submit\">Change password</button></form></section>");
	second_factor_section(&b, r);
	tokens_section(&b, r, made_token);
	sessions_section(&b, r);
	sign_in_changes_section(&b, r);
	calendar_section(&b, r, feed);
	page_end(&b, r);
	page_send(r, status, &b);
}

void page_account(struct req *r)
{
	if (!r->signed_in) {
		http_redirect(r, "/login?next=/account");
		return;
	}
	const char *changed = http_query(r, "changed"), *revoked = http_query(r, "revoked");
	account_page(r, 200, NULL, changed ? "Your password is changed." : revoked ? "The token is revoked." : NULL,
		     NULL, NULL);
}

void page_account_post(struct req *r)
{
	if (!r->signed_in) {
		http_redirect(r, "/login?next=/account");
		return;
	}
	const char *current = http_form(r, "current_password"), *next = http_form(r, "new_password");
	const char *again = http_form(r, "password");
	struct svc_error err = { 0 };
	enum svc_status st;
	if (!current || !next || !again)
		st = svc_fail(&err, SVC_INVALID, NULL, "Fill in all three fields.");
	else if (strcmp(next, again) != 0)
		st = svc_fail(&err, SVC_INVALID, "password", "the two new passwords differ");
	else
		st = accounts_change_password(r->reg, &r->actor, r->via_session ? r->session_token : NULL, current,
					      next, &err);
	if (st == SVC_OK)
		http_redirect(r, "/account?changed=1");
	else if (st == SVC_ERROR)
		page_status(r, st, &err);
	else
		account_page(r, 422, &err, NULL, NULL, NULL);
	svc_error_free(&err);
}

void page_account_calendar(struct req *r)
{
	if (!r->signed_in) {
		http_redirect(r, "/login?next=/account");
		return;
	}
	const char *action = http_form(r, "action");
	struct svc_error err = { 0 };
	char *token = NULL;
	enum svc_status st = action && strcmp(action, "stop") == 0 ? accounts_revoke_feed(r->reg, &r->actor, &err)
								    : accounts_issue_feed(r->reg, &r->actor, &token, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	char *feed = token ? xasprintf("%s://%s/calendar/%s.ics", r->tls ? "https" : "http",
				      http_header(r, "Host") ? http_header(r, "Host") : "localhost", token) : NULL;
	account_page(r, 200, NULL, token ? NULL : "Your calendar feed is stopped.", feed, NULL);
	free(feed);
	free(token);
}

/* The set-up page: the secret as a QR code and as text, and the form
 * that confirms it with the app's current code (pending: the secret
 * sealed for this user, sent back with the code). */
static void enrolment_page(struct req *r, int status, const char *uri, const char *pending,
			   const struct svc_error *err)
{
	static const char *const fields[] = { "csrf_token", "action", "pending", "otp", NULL };
	struct buf b = { 0 };
	page_begin(&b, r, "Set up a second factor");
	html_raw(&b, "<h1>Set up a second factor</h1><ol class=\"steps\"><li>In your authenticator app, add an "
		     "account by scanning this code:</li></ol>");
	char *svg = qr_svg(uri, "QR code of your new second factor, for an authenticator app");
	if (svg)
		html_raw(&b, svg);
	free(svg);
	const char *secret = strstr(uri, "secret=");
	size_t len = secret ? strcspn(secret + 7, "&") : 0;
	html_raw(&b, "<p>Or type this key into the app: <code class=\"secret\">");
	for (size_t i = 0; secret && i < len; i++) {
		char c[2] = { secret[7 + i], 0 };
		html_raw(&b, i && i % 4 == 0 ? " " : "");
		html_txt(&b, c);
	}
	html_raw(&b, "</code> (time-based, 6 digits, every 30 seconds).</p>");
	page_form_problem(&b, err, NULL, 0, fields);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/account/second-factor\">");
	page_csrf_field(&b, r);
	html_raw(&b, "<input type=\"hidden\" name=\"action\" value=\"confirm\"><input type=\"hidden\" "
		     "name=\"pending\" value=\"");
	html_attr(&b, pending);
	html_raw(&b, "\">");
	const char *problem = page_field_error(err, "otp");
	page_field_begin(&b, "otp", "The code the app shows now", problem);
	html_raw(&b, "<input type=\"text\" required inputmode=\"numeric\" autocomplete=\"one-time-code\" "
		     "pattern=\"[0-9]{6}\" maxlength=\"6\"");
	page_field_attrs(&b, "otp", "otp", problem);
	html_raw(&b, "></div><button type=\"submit\">Turn it on</button></form>");
	page_end(&b, r);
	page_send(r, status, &b);
}

/* The second factor is on: the recovery codes, shown this once. */
static void recovery_page(struct req *r, const struct strlist *codes)
{
	struct buf b = { 0 };
	page_begin(&b, r, "Your second factor is on");
	html_raw(&b, "<h1>Your second factor is on</h1><p class=\"notice\" role=\"status\">From now on signing in "
		     "asks for the code your app shows.</p><h2>Recovery codes</h2><p>If you lose the phone with your "
		     "app, each of these codes signs you in once in place of the app's code. Keep them somewhere safe "
		     "(printed, or in a password manager): they are not shown again.</p><ul class=\"recovery-codes\">");
	for (size_t i = 0; i < codes->n; i++) {
		html_raw(&b, "<li><code>");
		html_txt(&b, codes->items[i]);
		html_raw(&b, "</code></li>");
	}
	html_raw(&b, "</ul><p><a class=\"button\" href=\"/account\">Back to your account</a></p>");
	page_end(&b, r);
	page_send(r, 200, &b);
}

void page_account_second_factor(struct req *r)
{
	if (!r->signed_in) {
		http_redirect(r, "/login?next=/account");
		return;
	}
	const char *action = http_form(r, "action"), *pending = http_form(r, "pending");
	struct svc_error err = { 0 }, again = { 0 };
	char *uri = NULL, *made = NULL;
	enum svc_status st;
	if (action && strcmp(action, "confirm") == 0) {
		struct strlist codes = { 0 };
		st = accounts_totp_confirm(r->reg, &r->actor, pending, http_form(r, "otp"), &codes, &err);
		if (st == SVC_OK)
			recovery_page(r, &codes);
		else if (st == SVC_INVALID && svc_error_is_about(&err, "otp") &&
			 accounts_totp_pending_uri(&r->actor, pending, &uri, &again) == SVC_OK)
			enrolment_page(r, 422, uri, pending, &err);
		else
			page_status(r, st, &err);
		strlist_free(&codes);
	} else if ((st = accounts_totp_begin(r->reg, &r->actor, &uri, &made, &err)) == SVC_OK) {
		enrolment_page(r, 200, uri, made, NULL);
	} else {
		page_status(r, st, &err);
	}
	free(uri);
	free(made);
	svc_error_free(&err);
	svc_error_free(&again);
}

void page_account_token(struct req *r)
{
	if (!r->via_session) {
		struct svc_error no = { 0 };
		page_status(r, svc_fail(&no, r->signed_in ? SVC_FORBIDDEN : SVC_DENIED, NULL,
					"tokens are made from a signed-in session"), &no);
		svc_error_free(&no);
		return;
	}
	const char *days = http_form(r, "days");
	struct svc_error err = { 0 };
	char *token = NULL;
	long long id;
	enum svc_status st = accounts_issue_token(r->reg, &r->actor, r->user.login, http_form(r, "name"),
						  days ? atoi(days) : 0, &token, &id, &err);
	if (st == SVC_OK)
		account_page(r, 200, NULL, NULL, NULL, token);
	else if (st == SVC_INVALID)
		account_page(r, 422, &err, NULL, NULL, NULL);
	else
		page_status(r, st, &err);
	free(token);
	svc_error_free(&err);
}

void page_account_token_revoke(struct req *r)
{
	long long id = http_record_id(r->params[0]);
	struct svc_error err = { 0 };
	enum svc_status st = !r->signed_in ? svc_fail(&err, SVC_DENIED, NULL, "sign in first")
			     : id < 0    ? svc_fail(&err, SVC_NOT_FOUND, NULL, "no such token")
					 : accounts_revoke_token(r->reg, &r->actor, id, &err);
	if (st == SVC_OK)
		http_redirect(r, "/account?revoked=1#tokens");
	else
		page_status(r, st, &err);
	svc_error_free(&err);
}

void page_account_sessions_end(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status st = accounts_end_sessions(r->reg, &r->actor, &err);
	if (st == SVC_OK) {
		http_set_session_cookie(r, "", 0);
		http_redirect(r, "/login");
	} else {
		page_status(r, st, &err);
	}
	svc_error_free(&err);
}
