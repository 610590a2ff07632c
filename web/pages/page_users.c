/* page_users.c: accounts, run by administrators and, for their own process, by secretariats: people by name, their roles, new accounts, one-time links to set a password */
#include "pages.h"
#include "../../core/xalloc.h"
#include "../../services/accounts.h"
#include "../../services/policy.h"

#include <stdlib.h>
#include <string.h>

/* The values of the two forms, as typed, the error to show, and a link
 * just made (shown once). */
struct users_form {
	const char *login, *full_name, *email, *government, *organisation, *process, *role;
	const char *grant_login, *grant_process, *grant_role;
	const char *error, *notice, *link, *link_for;
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

/* A select of the processes the actor may give roles in, and of the
 * roles it may give. */
static void process_select(struct buf *b, struct req *r, const char *id, const char *chosen)
{
	const struct process_list *all = registry_all(r->reg);
	page_field_begin(b, id, "Process", NULL);
	html_raw(b, "<select");
	page_field_attrs(b, id, "process", NULL);
	html_raw(b, "><option value=\"\">none</option>");
	for (size_t i = 0; i < all->n; i++) {
		const struct process *p = &all->items[i];
		if (!policy_may_grant(r->actor.user, p->slug, GRANT_FOCAL_POINT))
			continue;
		html_raw(b, "<option value=\"");
		html_attr(b, p->slug);
		html_raw(b, chosen && strcmp(chosen, p->slug) == 0 ? "\" selected>" : "\">");
		html_txt(b, p->acronym);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
}

static void role_select(struct buf *b, struct req *r, const char *id, const char *chosen)
{
	page_field_begin(b, id, "Role", NULL);
	html_raw(b, "<select");
	page_field_attrs(b, id, "role", NULL);
	html_raw(b, ">");
	for (int role = GRANT_FOCAL_POINT + (r->actor.user && r->actor.user->admin); role >= 0; role--) {
		const char *name = grant_role_name((enum grant_role)role);
		html_raw(b, "<option");
		html_raw(b, chosen && strcmp(chosen, name) == 0 ? " selected>" : ">");
		html_txt(b, name);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div>");
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

/* What a user belongs to, by name. */
static void affiliation(struct buf *b, struct req *r, const struct user *u)
{
	const struct country *c;
	struct svc_error err = { 0 };
	if (u->government && registry_country(r->reg, NULL, u->government, &c, &err) == SVC_OK)
		page_link_state(b, c->alpha3, c->name);
	else if (u->organisation)
		page_link_org_named(b, r, u->organisation);
	else
		html_raw(b, "the platform");
	svc_error_free(&err);
}

static void user_row(struct buf *b, struct req *r, const struct user *u)
{
	char *label;
	html_raw(b, "<tr><th scope=\"row\">");
	html_txt(b, u->full_name ? u->full_name : u->login);
	html_raw(b, "<div class=\"sub\">");
	html_txt(b, u->login);
	if (u->email) {
		html_raw(b, " \xc2\xb7 ");
		html_txt(b, u->email);
	}
	html_raw(b, "</div></th><td>");
	affiliation(b, r, u);
	html_raw(b, u->admin ? " (administrator)" : "");
	html_raw(b, u->disabled ? " <strong>disabled</strong>" : "");
	html_raw(b, "</td><td>");
	for (size_t i = 0; i < u->ngrants; i++) {
		const struct process *p;
		struct svc_error err = { 0 };
		int known = registry_process(r->reg, NULL, u->grants[i].process, &p, &err) == SVC_OK;
		svc_error_free(&err);
		html_raw(b, i ? "<br>" : "");
		html_txt(b, grant_role_name(u->grants[i].role));
		html_raw(b, " in ");
		page_link_process(b, u->grants[i].process, known ? p->acronym : u->grants[i].process);
		if (policy_may_grant(r->actor.user, u->grants[i].process, u->grants[i].role)) {
			label = xasprintf("Revoke %s's role in %s", u->login, u->grants[i].process);
			button(b, r, "revoke", u->login, u->grants[i].process, "Revoke", label);
			free(label);
		}
	}
	html_raw(b, "</td><td>");
	if (policy_may_manage_account(r->actor.user, u) && strcmp(u->login, r->user.login) != 0) {
		label = xasprintf("%s %s", u->disabled ? "Enable" : "Disable", u->login);
		button(b, r, u->disabled ? "enable" : "disable", u->login, NULL, u->disabled ? "Enable" : "Disable",
		       label);
		free(label);
		if (!u->disabled) {
			label = xasprintf("Password link for %s to set a new password", u->login);
			button(b, r, "reset", u->login, NULL, "Password link", label);
			free(label);
		}
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

/* The link just made, to hand over (rcphub sends no mail). */
static void link_made(struct buf *b, const struct users_form *f)
{
	html_raw(b, "<p class=\"notice\" role=\"status\">A one-time link for ");
	html_txt(b, f->link_for);
	html_raw(b, " to set their password, good for 24 hours (shown this once; hand it over yourself): <code>");
	html_txt(b, f->link);
	html_raw(b, "</code></p>");
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
	int admin = r->actor.user && r->actor.user->admin;
	struct buf b = { 0 };
	page_begin(&b, r, "Users");
	html_raw(&b, admin ? "<h1>Users</h1>" : "<h1>Users of the processes you run</h1>");
	if (f->notice)
		message(&b, "notice", "status", f->notice);
	if (f->link)
		link_made(&b, f);
	html_raw(&b, "<table class=\"users\"><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Belongs to</th>"
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
	input(&b, "new-full_name", "full_name", "Full name", "text", f->full_name);
	input(&b, "new-email", "email", "Email", "email", f->email);
	input(&b, "new-government", "government", "Government (ISO code or name)", "text", f->government);
	input(&b, "new-organisation", "organisation", "or organisation", "text", f->organisation);
	process_select(&b, r, "new-process", f->process);
	role_select(&b, r, "new-role", f->role);
	input(&b, "new-password", "password", "One-time password (or leave empty for a link to set one)", "password",
	      NULL);
	html_raw(&b, "<button type=\"submit\">Add</button></form></section><section><h2>Give a role</h2>");
	if (f->error && !f->add_failed)
		message(&b, "error", "alert", f->error);
	html_raw(&b, "<form class=\"stacked\" method=\"post\" action=\"/admin/users\">"
		     "<input type=\"hidden\" name=\"action\" value=\"grant\">");
	page_csrf_field(&b, r);
	input(&b, "grant-login", "login", "Login", "text", f->grant_login);
	process_select(&b, r, "grant-process", f->grant_process);
	role_select(&b, r, "grant-role", f->grant_role);
	html_raw(&b, "<button type=\"submit\">Give the role</button></form></section>");
	page_end(&b, r);
	page_send(r, status, &b);
	user_list_free(&users);
}

/* Refuses those who manage no accounts; 0 when the actor does. */
static int managers_only(struct req *r)
{
	if (policy_may_manage_users(r->actor.user))
		return 0;
	page_error(r, r->signed_in ? 403 : 401, "Not allowed",
		   "Administrators, and the secretariat of a process for its own, manage accounts.");
	return -1;
}

void page_users(struct req *r)
{
	if (managers_only(r))
		return;
	struct users_form f = { .notice = http_query(r, "done") ? "Done." : NULL };
	users_page(r, 200, &f);
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* The address of the reset link token, on this site. */
static char *reset_address(struct req *r, const char *token)
{
	const char *host = http_header(r, "Host");
	return xasprintf("%s://%s/reset/%s", r->tls ? "https" : "http", host ? host : "localhost", token);
}

/* Adds the user the form describes; without a password, with a random
 * one and a link to set their own (*token). */
static enum svc_status add_user(struct req *r, struct users_form *f, char **token, struct svc_error *err)
{
	const char *typed = or_null(http_form(r, "password")), *process = or_null(http_form(r, "process"));
	char *made = typed ? NULL : accounts_random_password();
	struct new_user nu = { .login = http_form(r, "login"), .full_name = or_null(http_form(r, "full_name")),
			       .email = or_null(http_form(r, "email")),
			       .government = or_null(http_form(r, "government")),
			       .organisation = or_null(http_form(r, "organisation")),
			       .process = process, .role = process ? http_form(r, "role") : NULL,
			       .password = typed ? typed : made, .must_change_password = 1 };
	f->login = nu.login;
	f->full_name = nu.full_name;
	f->email = nu.email;
	f->government = nu.government;
	f->organisation = nu.organisation;
	f->process = nu.process;
	f->role = http_form(r, "role");
	enum svc_status st = nu.login ? accounts_add(r->reg, &r->actor, &nu, err)
				      : svc_fail(err, SVC_INVALID, "login", "give a login");
	if (st == SVC_OK && made)
		st = accounts_reset_link(r->reg, &r->actor, nu.login, token, err);
	free(made);
	return st;
}

void page_users_post(struct req *r)
{
	if (managers_only(r))
		return;
	const char *action = http_form(r, "action"), *login = http_form(r, "login");
	int add = action && strcmp(action, "add") == 0;
	struct svc_error err = { 0 };
	enum svc_status st;
	char *token = NULL;
	struct users_form f = { .add_failed = add };
	if (!action || (!add && !login))
		st = svc_fail(&err, SVC_INVALID, NULL, "Fill in every field.");
	else if (strcmp(action, "revoke") == 0)
		st = accounts_revoke(r->reg, &r->actor, login, http_form(r, "process") ? http_form(r, "process") : "",
				     &err);
	else if (strcmp(action, "disable") == 0)
		st = accounts_disable(r->reg, &r->actor, login, &err);
	else if (strcmp(action, "enable") == 0)
		st = accounts_enable(r->reg, &r->actor, login, &err);
	else if (strcmp(action, "reset") == 0)
		st = accounts_reset_link(r->reg, &r->actor, login, &token, &err);
	else if (add)
		st = add_user(r, &f, &token, &err);
	else {
		f.grant_login = login;
		f.grant_process = http_form(r, "process");
		f.grant_role = http_form(r, "role");
		st = f.grant_process && f.grant_role
			     ? accounts_grant(r->reg, &r->actor, login, f.grant_process, f.grant_role, &err)
			     : svc_fail(&err, SVC_INVALID, NULL, "Fill in every field.");
	}
	if (st == SVC_OK && token) {
		char *link = reset_address(r, token);
		struct users_form shown = { .notice = "Done.", .link = link, .link_for = add ? f.login : login };
		users_page(r, 200, &shown);
		free(link);
	} else if (st == SVC_OK) {
		http_redirect(r, "/admin/users?done=1");
	} else if (st == SVC_ERROR || st == SVC_FORBIDDEN || st == SVC_DENIED) {
		page_status(r, st, &err);
	} else {
		char *text = svc_error_text(&err);
		f.error = text;
		users_page(r, st == SVC_CONFLICT ? 409 : 422, &f);
		free(text);
	}
	free(token);
	svc_error_free(&err);
}

/* The page a one-time link opens: a new password, twice. */
static void reset_page(struct req *r, int status, const char *login, const struct svc_error *err)
{
	static const char *const fields[] = { "new_password", "password", NULL };
	struct buf b = { 0 };
	page_begin(&b, r, "Set your password");
	html_raw(&b, "<h1>Set your password</h1><p>For <strong>");
	html_txt(&b, login);
	html_raw(&b, "</strong>: at least 12 characters; several words make a good one. The link works once.</p>");
	page_form_problem(&b, err, NULL, 0, fields);
	html_raw(&b, "<form class=\"stacked\" method=\"post\">");
	const char *names[] = { "new_password", "password" }, *labels[] = { "New password", "New password again" };
	for (int i = 0; i < 2; i++) {
		const char *problem = page_field_error(err, names[i]);
		page_field_begin(&b, names[i], labels[i], problem);
		html_raw(&b, "<input type=\"password\" required autocomplete=\"new-password\"");
		page_field_attrs(&b, names[i], names[i], problem);
		html_raw(&b, "></div>");
	}
	html_raw(&b, "<button type=\"submit\">Set the password</button></form>");
	page_end(&b, r);
	page_send(r, status, &b);
}

void page_reset(struct req *r)
{
	char *login = NULL;
	struct svc_error err = { 0 };
	if (accounts_reset_login(r->reg, r->params[0], r->actor.now, &login, &err) == SVC_OK)
		reset_page(r, 200, login, NULL);
	else
		page_error(r, 404, "Link spent or past its time", "Ask whoever gave you the link for a new one.");
	free(login);
	svc_error_free(&err);
}

void page_reset_post(struct req *r)
{
	const char *next = http_form(r, "new_password"), *again = http_form(r, "password");
	char *login = NULL;
	struct svc_error err = { 0 };
	enum svc_status st = accounts_reset_login(r->reg, r->params[0], r->actor.now, &login, &err);
	if (st == SVC_OK && (!next || !again || strcmp(next, again) != 0))
		st = svc_fail(&err, SVC_INVALID, "password", "the two passwords differ");
	if (st == SVC_OK)
		st = accounts_reset_password(r->reg, &r->actor, r->params[0], next, &err);
	if (st == SVC_OK)
		http_redirect(r, "/login?reset=1");
	else if (st == SVC_INVALID && login)
		reset_page(r, 422, login, &err);
	else
		page_error(r, 404, "Link spent or past its time", "Ask whoever gave you the link for a new one.");
	free(login);
	svc_error_free(&err);
}
