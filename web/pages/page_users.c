/* page_users.c: user administration: accounts, their roles per process, new accounts */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/accounts.h"
#include "../../services/policy.h"

#include <stdlib.h>
#include <string.h>

/* The values of the two forms, as typed, and the error to show. */
struct users_form {
	const char *login, *government, *organisation, *password;
	const char *grant_login, *process, *role;
	const char *error, *notice;
	int add_failed;
};

static void input(struct buf *b, const char *id, const char *name, const char *label, const char *type,
		  const char *value)
{
	page_field_begin(b, id, label, NULL);
	html_raw(b, "<input");
	page_field_attrs(b, id, name, NULL);
	html_raw(b, " type=\"");
	html_raw(b, type);
	html_raw(b, "\" value=\"");
	html_attr(b, value);
	html_raw(b, "\"></div>");
}

/* A one-button form posting action for login (and process, if given);
 * text is what the button says, label what a screen reader says. */
static void button(struct buf *b, struct req *r, const char *action, const char *login,
		   const char *process, const char *text, const char *label)
{
	html_raw(b, " <form class=\"inline\" method=\"post\" action=\"/admin/users\">"
		    "<input type=\"hidden\" name=\"action\" value=\"");
	html_raw(b, action);
	html_raw(b, "\"><input type=\"hidden\" name=\"login\" value=\"");
	html_attr(b, login);
	html_raw(b, "\">");
	if (process) {
		html_raw(b, "<input type=\"hidden\" name=\"process\" value=\"");
		html_attr(b, process);
		html_raw(b, "\">");
	}
	page_csrf_field(b, r);
	html_raw(b, "<button type=\"submit\" class=\"small\" aria-label=\"");
	html_attr(b, label);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</button></form>");
}

static void user_row(struct buf *b, struct req *r, const struct user *u)
{
	html_raw(b, "<tr><td>");
	html_txt(b, u->login);
	html_raw(b, "</td><td>");
	html_txt(b, u->government ? u->government : u->organisation);
	html_raw(b, u->admin ? " (admin)" : "");
	html_raw(b, u->disabled ? " <strong>disabled</strong>" : "");
	html_raw(b, "</td><td>");
	for (size_t i = 0; i < u->ngrants; i++) {
		html_raw(b, i ? "<br>" : "");
		html_txt(b, grant_role_name(u->grants[i].role));
		html_raw(b, " in ");
		page_link_process(b, u->grants[i].process, u->grants[i].process);
		char *label = xasprintf("Revoke %s's role in %s", u->login, u->grants[i].process);
		button(b, r, "revoke", u->login, u->grants[i].process, "Revoke", label);
		free(label);
	}
	html_raw(b, "</td><td>");
	if (!u->disabled) {
		char *label = xasprintf("Disable %s", u->login);
		button(b, r, "disable", u->login, NULL, "Disable", label);
		free(label);
	}
	html_raw(b, "</td></tr>");
}

static void message(struct buf *b, const char *cls, const char *role, const char *text)
{
	html_raw(b, "<p class=\"");
	html_raw(b, cls);
	html_raw(b, "\" role=\"");
	html_raw(b, role);
	html_raw(b, "\">");
	html_txt(b, text);
	html_raw(b, "</p>");
}

static void users_page(struct req *r, int status, const struct users_form *f)
{
	struct user_list users = { 0 };
	struct svc_error err = { 0 };
	enum svc_status st = accounts_list(r->reg, &r->actor, &users, &err);
	if (st) {
		page_status(r, st, &err);
		return;
	}
	struct buf b = { 0 };
	page_begin(&b, r, "Users");
	html_raw(&b, "<h1>Users</h1>");
	if (f->notice)
		message(&b, "notice", "status", f->notice);
	html_raw(&b, "<table><thead><tr><th scope=\"col\">Login</th><th scope=\"col\">Belongs to</th>"
		     "<th scope=\"col\">Roles</th><th scope=\"col\">Account</th></tr></thead><tbody>");
	for (size_t i = 0; i < users.n; i++)
		user_row(&b, r, &users.items[i]);
	html_raw(&b, "</tbody></table><section><h2>Add a user</h2>");
	if (f->error && f->add_failed)
		message(&b, "error", "alert", f->error);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/admin/users\">"
		     "<input type=\"hidden\" name=\"action\" value=\"add\">");
	page_csrf_field(&b, r);
	input(&b, "new-login", "login", "Login", "text", f->login);
	input(&b, "new-government", "government", "Government (ISO code or name)", "text", f->government);
	input(&b, "new-organisation", "organisation", "or organisation", "text", f->organisation);
	input(&b, "new-password", "password", "One-time password (12 characters or more)", "password", NULL);
	html_raw(&b, "<button type=\"submit\">Add</button></form></section><section><h2>Give a role</h2>");
	if (f->error && !f->add_failed)
		message(&b, "error", "alert", f->error);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/admin/users\">"
		     "<input type=\"hidden\" name=\"action\" value=\"grant\">");
	page_csrf_field(&b, r);
	input(&b, "grant-login", "login", "Login", "text", f->grant_login);
	input(&b, "grant-process", "process", "Process", "text", f->process);
	input(&b, "grant-role", "role", "Role (secretariat, focal-point, official, observer, civil-society)",
	      "text", f->role);
	html_raw(&b, "<button type=\"submit\">Give the role</button></form></section>");
	page_end(&b, r);
	page_send(r, status, &b);
	user_list_free(&users);
}

void page_users(struct req *r)
{
	if (!policy_may_manage_users(r->actor.user)) {
		page_error(r, r->signed_in ? 403 : 401, "Not allowed", "Only administrators manage users.");
		return;
	}
	struct users_form f = { .notice = http_query(r, "done") ? "Done." : NULL };
	users_page(r, 200, &f);
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

void page_users_post(struct req *r)
{
	if (!policy_may_manage_users(r->actor.user)) {
		page_error(r, r->signed_in ? 403 : 401, "Not allowed", "Only administrators manage users.");
		return;
	}
	const char *action = http_form(r, "action");
	int add = action && strcmp(action, "add") == 0;
	struct svc_error err = { 0 };
	enum svc_status st;
	struct users_form f = { .add_failed = add };
	if (action && strcmp(action, "revoke") == 0) {
		const char *login = http_form(r, "login"), *process = http_form(r, "process");
		st = login && process ? accounts_revoke(r->reg, &r->actor, login, process, &err) : SVC_INVALID;
	} else if (action && strcmp(action, "disable") == 0) {
		const char *login = http_form(r, "login");
		st = login ? accounts_disable(r->reg, &r->actor, login, &err) : SVC_INVALID;
	} else if (add) {
		struct new_user nu = { .login = http_form(r, "login"), .government = or_null(http_form(r, "government")),
				       .organisation = or_null(http_form(r, "organisation")),
				       .password = http_form(r, "password"), .must_change_password = 1 };
		f.login = nu.login;
		f.government = nu.government;
		f.organisation = nu.organisation;
		st = nu.login && nu.password ? accounts_add(r->reg, &r->actor, &nu, &err) : SVC_INVALID;
	} else {
		f.grant_login = http_form(r, "login");
		f.process = http_form(r, "process");
		f.role = http_form(r, "role");
		st = f.grant_login && f.process && f.role
			     ? accounts_grant(r->reg, &r->actor, f.grant_login, f.process, f.role, &err)
			     : SVC_INVALID;
	}
	if (st == SVC_OK) {
		http_redirect(r, "/admin/users?done=1");
	} else if (st == SVC_ERROR) {
		page_status(r, st, &err);
	} else {
		char *text = err.message ? svc_error_text(&err) : NULL;
		f.error = text ? text : "Fill in every field.";
		users_page(r, st == SVC_CONFLICT ? 409 : 422, &f);
		free(text);
		svc_error_free(&err);
	}
}
