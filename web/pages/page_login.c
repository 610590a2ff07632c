/* page_login.c: signing in and out with a form */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where to go after signing in: a path of this site, else the home page. */
static const char *next_page(const char *next)
{
	return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' ? next : "/";
}

static void login_form(struct req *r, int status, const char *login, const char *next, const char *error)
{
	struct buf b = { 0 };
	page_begin(&b, r, "Sign in");
	html_raw(&b, "<h1>Sign in</h1><p>Officials, focal points, secretariats and observers sign in to "
		     "see the papers their role opens.</p>");
	if (error) {
		html_raw(&b, "<p class=\"error\" role=\"alert\" id=\"login-error\">");
		html_txt(&b, error);
		html_raw(&b, "</p>");
	}
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/login\">"
		     "<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(&b, next_page(next));
	html_raw(&b, "\"><div class=\"field\"><label for=\"login\">Login</label>"
		     "<input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"");
	html_attr(&b, login);
	html_raw(&b, error ? "\" aria-invalid=\"true\" aria-describedby=\"login-error\">" : "\">");
	html_raw(&b, "</div><div class=\"field\"><label for=\"password\">Password</label>"
		     "<input id=\"password\" name=\"password\" type=\"password\" "
		     "autocomplete=\"current-password\" required></div>"
		     "<div class=\"field\"><label for=\"otp\">One-time code (if your account uses one)</label>"
		     "<input id=\"otp\" name=\"otp\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
		     "pattern=\"[0-9]{6}\" maxlength=\"6\"></div>"
		     "<button type=\"submit\">Sign in</button></form>");
	page_end(&b, r);
	page_send(r, status, &b);
}

void page_login(struct req *r)
{
	login_form(r, 200, NULL, http_query(r, "next"), NULL);
}

void page_login_post(struct req *r)
{
	const char *login = http_form(r, "login"), *password = http_form(r, "password");
	const char *next = http_form(r, "next");
	if (!login || !*login || !password || !*password) {
		login_form(r, 422, login, next, "Give your login and your password.");
		return;
	}
	struct login l;
	struct svc_error err = { 0 };
	const char *otp = http_form(r, "otp");
	enum svc_status st = accounts_login(r->reg, &r->actor, login, password, otp && *otp ? otp : NULL,
					    r->via_session ? r->session_token : NULL, &l, &err);
	if (st == SVC_THROTTLED) {
		char retry[24];
		snprintf(retry, sizeof retry, "%ld", l.retry_after);
		http_set_header(r, "Retry-After", retry);
	}
	if (st == SVC_ERROR) {
		page_status(r, st, &err);
		return;
	}
	if (st) {
		login_form(r, st == SVC_THROTTLED ? 429 : 401, login, next,
			   st == SVC_THROTTLED ? err.message : svc_error_is_about(&err, "otp") ?
			   "The one-time code from your authenticator app is missing or wrong." :
			   "Wrong login or password.");
		svc_error_free(&err);
		return;
	}
	http_set_session_cookie(r, l.token, SESSION_MAX_SECONDS);
	http_redirect(r, l.user.must_change_password ? "/account" : next_page(next));
	accounts_login_free(&l);
}

void page_logout(struct req *r)
{
	struct svc_error err = { 0 };
	if (r->via_session && accounts_logout(r->reg, &r->actor, r->session_token, &err)) {
		page_status(r, SVC_ERROR, &err);
		return;
	}
	http_set_session_cookie(r, "", 0);
	http_redirect(r, "/");
}
