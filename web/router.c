/* router.c: the route table, path decoding, authentication and CSRF checks */
#include "router.h"
#include "../services/audit.h"
#include "http.h"
#include "api/api.h"
#include "pages/pages.h"
#include "../core/text.h"
#include "../core/xalloc.h"
#include "../services/accounts.h"

#include <event2/keyvalq_struct.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum route_flags {
	ROUTE_ACCOUNT_SETUP = 1,  /* open to a user who must first change their password or set up a second factor */
	ROUTE_HTML = 2,                    /* a page: errors are pages, posts are forms */
	/* A page whose answer to an anonymous GET depends only on its address,
	 * the day, and the registry's and documents' versions: kept whole. */
	ROUTE_KEPT = 4,
};
#define PAGE (ROUTE_HTML)
#define PAGE_KEPT (ROUTE_HTML | ROUTE_KEPT)
#define PAGE_OPEN (ROUTE_HTML | ROUTE_ACCOUNT_SETUP)

struct route {
	enum evhttp_cmd_type method;
	const char *pattern;  /* "{}" stands for one segment, passed as a param */
	void (*handler)(struct req *);
	unsigned flags;
};

static const struct route routes[] = {
	{ EVHTTP_REQ_GET, "/", page_home, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/processes/{}", page_process, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/processes/{}/documents/new", page_document_new, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/documents", page_document_create, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/history", page_registry_history, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/registry/edit", page_registry_edit, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/registry/correct", page_fact_correct_form, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/participants", page_participant_create, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/leaders", page_leader_create, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/facts/end", page_fact_end, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/facts/correct", page_fact_correct, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/focal-points", page_focal_points, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/focal-points", page_focal_point_create, PAGE },
	{ EVHTTP_REQ_GET, "/focal-points/{}/edit", page_focal_point_edit, PAGE },
	{ EVHTTP_REQ_POST, "/focal-points/{}/edit", page_focal_point_save, PAGE },
	{ EVHTTP_REQ_POST, "/focal-points/{}/delete", page_focal_point_delete, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/meetings", page_meetings, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/meetings", page_meeting_create, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/meetings/checklist", page_meeting_checklist, PAGE },
	{ EVHTTP_REQ_GET, "/meetings/{}", page_meeting, PAGE },
	{ EVHTTP_REQ_POST, "/meetings/{}/delegates", page_meeting_delegate, PAGE },
	{ EVHTTP_REQ_POST, "/meetings/{}/agenda", page_meeting_agenda, PAGE },
	{ EVHTTP_REQ_POST, "/meetings/{}/documents", page_meeting_attach, PAGE },
	{ EVHTTP_REQ_POST, "/meetings/{}/minutes", page_meeting_minutes, PAGE },
	{ EVHTTP_REQ_POST, "/meetings/{}/edit", page_meeting_save, PAGE },
	{ EVHTTP_REQ_POST, "/meetings/{}/delete", page_meeting_delete, PAGE },
	{ EVHTTP_REQ_GET, "/meetings/{}/calendar.ics", page_meeting_calendar, PAGE },
	{ EVHTTP_REQ_GET, "/calendar/{}", page_calendar_feed, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/account/calendar", page_account_calendar, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/account/second-factor", page_account_second_factor, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/account/tokens", page_account_token, PAGE },
	{ EVHTTP_REQ_POST, "/account/tokens/{}/revoke", page_account_token_revoke, PAGE },
	{ EVHTTP_REQ_POST, "/account/sessions", page_account_sessions_end, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/processes/{}/assessment", page_assessment, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/evidence", page_evidence_create, PAGE },
	{ EVHTTP_REQ_GET, "/assessment", page_assessments, PAGE },
	{ EVHTTP_REQ_GET, "/assessment/duplication", page_duplication, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/plans", page_plans, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/owe", page_plans_owed, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/owe.txt", page_plans_digest, PAGE },
	{ EVHTTP_REQ_GET, "/plans/{}", page_plan, PAGE },
	{ EVHTTP_REQ_GET, "/glossary", page_glossary, PAGE },
	{ EVHTTP_REQ_POST, "/glossary", page_glossary_add, PAGE },
	{ EVHTTP_REQ_GET, "/glossary/{}", page_glossary_term, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/matrices", page_matrices, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/matrices", page_matrix_create, PAGE },
	{ EVHTTP_REQ_GET, "/matrices/{}", page_matrix, PAGE },
	{ EVHTTP_REQ_POST, "/matrices/{}/questions", page_matrix_question, PAGE },
	{ EVHTTP_REQ_POST, "/matrices/{}/answers", page_matrix_answer, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/statistics", page_statistics, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/statistics", page_statistics_upload, PAGE },
	{ EVHTTP_REQ_POST, "/processes/{}/indicators", page_indicator_create, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/statistics/{}", page_indicator, PAGE },
	{ EVHTTP_REQ_POST, "/plans/{}/items", page_plan_item_create, PAGE },
	{ EVHTTP_REQ_POST, "/plan-items/{}/progress", page_plan_progress, PAGE },
	{ EVHTTP_REQ_GET, "/states/{}", page_state, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/organisations/{}", page_organisation, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/compare", page_compare, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/overlap", page_overlap, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/map", page_map, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/map/shapes.svg", page_map_shapes, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/search", page_search, PAGE },
	{ EVHTTP_REQ_GET, "/login", page_login, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/reset/{}", page_reset, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/reset/{}", page_reset_post, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/login", page_login_post, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/logout", page_logout, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/account", page_account, PAGE_OPEN },
	{ EVHTTP_REQ_POST, "/account", page_account_post, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/documents/{}", page_document, PAGE },
	{ EVHTTP_REQ_GET, "/documents/{}/file", page_document_file, PAGE },
	{ EVHTTP_REQ_GET, "/documents/{}/versions", page_document_versions, PAGE },
	{ EVHTTP_REQ_GET, "/documents/{}/versions/{}", page_document_version, PAGE },
	{ EVHTTP_REQ_GET, "/documents/{}/edit", page_document_edit, PAGE },
	{ EVHTTP_REQ_POST, "/documents/{}/edit", page_document_save, PAGE },
	{ EVHTTP_REQ_GET, "/documents/{}/delete", page_document_delete_confirm, PAGE },
	{ EVHTTP_REQ_POST, "/documents/{}/delete", page_document_delete, PAGE },
	{ EVHTTP_REQ_GET, "/admin/users", page_users, PAGE },
	{ EVHTTP_REQ_POST, "/admin/users", page_users_post, PAGE },
	{ EVHTTP_REQ_GET, "/audit", page_audit, PAGE },
	{ EVHTTP_REQ_GET, "/static/{}", page_static, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/robots.txt", page_robots, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/favicon.ico", page_favicon, PAGE_OPEN },
	{ EVHTTP_REQ_GET, "/processes/{}/participants.csv", page_export_participants, PAGE },
	{ EVHTTP_REQ_GET, "/processes/{}/participants.xlsx", page_export_participants, PAGE },
	{ EVHTTP_REQ_GET, "/states/{}/processes.csv", page_export_state, PAGE },
	{ EVHTTP_REQ_GET, "/states/{}/processes.xlsx", page_export_state, PAGE },
	{ EVHTTP_REQ_GET, "/overlap.csv", page_export_overlap, PAGE },
	{ EVHTTP_REQ_GET, "/overlap.xlsx", page_export_overlap, PAGE },
	{ EVHTTP_REQ_GET, "/compare.csv", page_export_compare, PAGE },
	{ EVHTTP_REQ_GET, "/compare.xlsx", page_export_compare, PAGE },
	{ EVHTTP_REQ_GET, "/documents.csv", page_export_documents, PAGE },
	{ EVHTTP_REQ_GET, "/documents.xlsx", page_export_documents, PAGE },
	{ EVHTTP_REQ_GET, "/processes", page_processes, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/states", page_states, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/organisations", page_organisations, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/documents", page_documents, PAGE_KEPT },
	{ EVHTTP_REQ_GET, "/api/v1", api_index, ROUTE_ACCOUNT_SETUP },
	{ EVHTTP_REQ_GET, "/api/v1/processes", api_processes, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}", api_process, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/documents", api_documents, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/documents", api_document_add, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/documents/{}", api_document, 0 },
	{ EVHTTP_REQ_PATCH, "/api/v1/documents/{}", api_document_update, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/documents/{}", api_document_delete, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/documents/{}/file", api_document_file, 0 },
	{ EVHTTP_REQ_PUT, "/api/v1/documents/{}/file", api_document_file_put, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/documents/{}/file", api_document_file_delete, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/documents/{}/versions", api_document_versions, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/documents/{}/versions/{}", api_document_version, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/participants", api_participant_add, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/participants/{}/end", api_participant_end, 0 },
	{ EVHTTP_REQ_PATCH, "/api/v1/processes/{}/participants/{}", api_participant_correct, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/leaders", api_leader_add, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/leaders/{}/end", api_leader_end, 0 },
	{ EVHTTP_REQ_PATCH, "/api/v1/processes/{}/leaders/{}", api_leader_correct, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/history", api_registry_history, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/focal-points", api_focal_points, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/focal-points", api_focal_point_add, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/focal-points/{}", api_focal_point, 0 },
	{ EVHTTP_REQ_PATCH, "/api/v1/focal-points/{}", api_focal_point_update, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/focal-points/{}", api_focal_point_delete, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/meetings", api_meetings, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/meetings", api_meeting_add, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/meetings/indicators", api_meeting_indicators, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/calendar.ics", api_meeting_calendar, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/meetings/{}", api_meeting, 0 },
	{ EVHTTP_REQ_PATCH, "/api/v1/meetings/{}", api_meeting_update, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/meetings/{}", api_meeting_delete, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/meetings/{}/delegates", api_meeting_delegates, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/meetings/{}/delegates", api_meeting_delegates, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/meetings/{}/agenda", api_meeting_agenda, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/meetings/{}/documents", api_meeting_documents, 0 },
	{ EVHTTP_REQ_PUT, "/api/v1/meetings/{}/minutes", api_meeting_minutes, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/meetings/{}/minutes/state", api_meeting_minutes_state, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/meetings/{}/corrigenda", api_meeting_corrigenda, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/evidence", api_process_evidence, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/evidence", api_process_evidence, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/evidence", api_evidence_all, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/evidence/{}", api_evidence, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/evidence/{}", api_evidence_delete, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/lessons", api_lessons, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/interview-protocols", api_interview_protocols, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/interview-protocols", api_interview_protocols, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/interviews", api_process_interviews, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/interviews", api_process_interviews, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/interviews/{}", api_interview, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/interviews/{}/statements", api_interview_statements, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/assessment", api_assessment, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/assessment", api_assessments, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/duplication", api_duplication, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/plans", api_plans, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/plans", api_plans, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/plans/overdue", api_plans_overdue, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/plans/{}", api_plan, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/plans/{}/items", api_plan_items, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/plans/{}/report", api_plan_report, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/plan-items/{}/progress", api_plan_progress, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/indicators", api_indicators, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/indicators", api_indicators, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/indicators/{}", api_indicator, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/indicators/{}/history", api_indicator_history, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/statistics", api_statistics, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/statistics", api_statistics_import, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/statistics/check", api_statistics_check, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/statistics/imports", api_statistics_imports, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/processes/{}/matrices", api_matrices, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/processes/{}/matrices", api_matrices, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/matrices/{}", api_matrix, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/matrices/{}/questions", api_matrix_questions, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/matrices/{}/answers", api_matrix_answers, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/matrices/{}/snapshot", api_matrix_snapshot, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/matrices/{}/convergence", api_matrix_convergence, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/glossary", api_glossary, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/glossary", api_glossary, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/glossary/export", api_glossary_export, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/glossary/import", api_glossary_import, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/glossary/terms/{}", api_glossary_term, 0 },
	{ EVHTTP_REQ_GET, "/sdmx/data/{}", api_sdmx_data, 0 },
	{ EVHTTP_REQ_GET, "/sdmx/data/{}/{}", api_sdmx_data, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/states/{}", api_state, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/overlap", api_overlap, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/search", api_search, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/session", api_session, ROUTE_ACCOUNT_SETUP },
	{ EVHTTP_REQ_POST, "/api/v1/session", api_login, ROUTE_ACCOUNT_SETUP },
	{ EVHTTP_REQ_DELETE, "/api/v1/session", api_logout, ROUTE_ACCOUNT_SETUP },
	{ EVHTTP_REQ_POST, "/api/v1/session/password", api_password, ROUTE_ACCOUNT_SETUP },
	{ EVHTTP_REQ_POST, "/api/v1/session/calendar", api_calendar_feed, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/session/tokens", api_tokens, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/session/tokens", api_token_create, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/session/tokens/{}", api_token_revoke, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/session/sessions", api_sessions, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/session/sessions", api_sessions, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/session/changes", api_sign_in_changes, 0 },
	{ EVHTTP_REQ_DELETE, "/api/v1/session/calendar", api_calendar_feed, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/users", api_users, 0 },
	{ EVHTTP_REQ_POST, "/api/v1/users", api_users, 0 },
	{ EVHTTP_REQ_GET, "/api/v1/audit", api_audit, 0 },
};
#define NROUTES (sizeof routes / sizeof routes[0])

static const char *method_name(enum evhttp_cmd_type m)
{
	switch (m) {
	case EVHTTP_REQ_GET: return "GET";
	case EVHTTP_REQ_POST: return "POST";
	case EVHTTP_REQ_PUT: return "PUT";
	case EVHTTP_REQ_PATCH: return "PATCH";
	case EVHTTP_REQ_DELETE: return "DELETE";
	case EVHTTP_REQ_OPTIONS: return "OPTIONS";
	case EVHTTP_REQ_TRACE: return "TRACE";
	case EVHTTP_REQ_CONNECT: return "CONNECT";
	default: return "HEAD";
	}
}

/* Whether pattern matches the segments; fills r->params if so. */
static int match(const char *pattern, char **segs, size_t n, struct req *r)
{
	size_t i = 0, np = 0;
	const char *p = pattern + 1;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (i == n)
			return 0;
		if (len == 2 && p[0] == '{' && p[1] == '}') {
			if (np == REQ_MAX_PARAMS)
				return 0;
			r->params[np++] = segs[i];
		} else if (strlen(segs[i]) != len || strncmp(segs[i], p, len) != 0) {
			return 0;
		}
		i++;
		p = slash ? slash + 1 : p + len;
	}
	if (i != n)
		return 0;
	r->nparams = np;
	return 1;
}

/* The route for the request, or NULL after answering 404 or 405. */
static const struct route *route_or_respond(struct req *r, char **segs, size_t n)
{
	enum evhttp_cmd_type m = r->method == EVHTTP_REQ_HEAD ? EVHTTP_REQ_GET : r->method;
	char allow[64] = "";
	for (size_t i = 0; i < NROUTES; i++) {
		if (!match(routes[i].pattern, segs, n, r))
			continue;
		if (routes[i].method == m)
			return &routes[i];
		size_t used = strlen(allow);
		snprintf(allow + used, sizeof allow - used, "%s%s", used ? ", " : "",
			 method_name(routes[i].method));
	}
	int page = strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/api") != 0;
	if (*allow) {
		http_set_header(r, "Allow", allow);
		char *msg = xasprintf("%s is not allowed here; use %s", method_name(r->method), allow);
		if (page)
			page_error(r, 405, "Not allowed", msg);
		else
			http_send_error(r, 405, "method_not_allowed", msg);
		free(msg);
	} else if (page) {
		page_error(r, 404, "Not found", "There is no page at this address.");
	} else {
		http_send_error(r, 404, "not_found", "no such resource; the API starts at /api/v1");
	}
	return NULL;
}

/* Where the request comes from: the peer, or, when the peer is the
 * trusted reverse proxy, the client it names (and whether it spoke TLS). */
static void peer_address(struct req *r, const struct site *site)
{
	struct evhttp_connection *c = evhttp_request_get_connection(r->ev);
	char *host = NULL;
	ev_uint16_t port = 0;
	if (c)
		evhttp_connection_get_peer(c, &host, &port);
	snprintf(r->address, sizeof r->address, "%s", host ? host : "-");
	if (!site->trusted_proxy || !host || strcmp(host, site->trusted_proxy) != 0)
		return;
	const char *xff = http_header(r, "X-Forwarded-For"), *proto = http_header(r, "X-Forwarded-Proto");
	char client[64];
	if (xff && parse_forwarded_for(xff, client, sizeof client))
		snprintf(r->address, sizeof r->address, "%s", client);
	if (proto && strcmp(proto, "https") == 0)
		r->tls = 1;
}

/* Resolves "Authorization: Bearer" or the session cookie. 0, or -1
 * after answering (a bad token is refused, not taken as anonymous). */
static int authenticate_or_respond(struct req *r)
{
	struct svc_error err = { 0 };
	enum svc_status rc;
	const char *auth = http_header(r, "Authorization");
	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7) != 0 ||
		    (rc = accounts_token_user(r->reg, auth + 7, r->actor.now, &r->user, &err)) == SVC_NOT_FOUND) {
			svc_error_free(&err);
			http_set_header(r, "WWW-Authenticate", "Bearer");
			http_send_error(r, 401, "unauthorized", "Authorization: the token is unknown, "
					"revoked or malformed (send 'Bearer TOKEN')");
			return -1;
		}
		if (rc)
			goto failed;
		r->signed_in = r->via_token = 1;
		return 0;
	}
	const char *cookies = http_header(r, "Cookie");
	char *token = cookies ? parse_cookie(cookies, r->tls ? SESSION_COOKIE_TLS : SESSION_COOKIE) : NULL;
	if (!token || !*token) {
		free(token);
		return 0;
	}
	rc = accounts_session_user(r->reg, token, r->actor.now, &r->user, &r->session, &err);
	if (rc == SVC_NOT_FOUND) {
		free(token);
		svc_error_free(&err);
		return 0;  /* expired or unknown: the visitor is anonymous */
	}
	if (rc) {
		free(token);
		goto failed;
	}
	r->session_token = token;
	r->signed_in = r->via_session = 1;
	return 0;
failed:
	http_send_status(r, SVC_ERROR, &err);
	return -1;
}

static int changes_state(enum evhttp_cmd_type m)
{
	return m == EVHTTP_REQ_POST || m == EVHTTP_REQ_PUT || m == EVHTTP_REQ_PATCH ||
	       m == EVHTTP_REQ_DELETE;
}

/* A state-changing request made with a session cookie must repeat the
 * session's CSRF token in X-CSRF-Token. 0, or -1 after answering 403. */
static int csrf_or_respond(struct req *r, const struct route *route)
{
	if (!r->via_session || !changes_state(r->method))
		return 0;
	const char *sent = http_header(r, "X-CSRF-Token");
	if (!sent || !*sent)
		sent = http_form(r, "csrf_token");
	size_t len = strlen(r->session.csrf);
	if (sent && strlen(sent) == len && sodium_memcmp(sent, r->session.csrf, len) == 0)
		return 0;
	if (route->flags & ROUTE_HTML)
		page_error(r, 403, "Form expired", "This form is out of date or did not come from this "
			   "site. Go back, reload the page and send it again.");
	else
		http_send_error(r, 403, "csrf", "X-CSRF-Token: missing or wrong; "
				"read csrf_token from GET /api/v1/session");
	return -1;
}

/* Whether the browser says the request comes from another site: its
 * Sec-Fetch-Site, or else an Origin whose host is not the Host asked for. */
static int cross_site(struct req *r)
{
	const char *fetch = http_header(r, "Sec-Fetch-Site"), *origin = http_header(r, "Origin");
	if (fetch)
		return strcmp(fetch, "cross-site") == 0;
	if (!origin || strcmp(origin, "null") == 0)
		return origin != NULL;
	const char *host = http_header(r, "Host"), *at = strstr(origin, "://");
	return !host || !at || strcmp(at + 3, host) != 0;
}

/* A state-changing request from another site's page is refused before it
 * is read, whatever credentials it carries or lacks: a form posted to
 * /login from elsewhere would sign the victim's browser into the
 * attacker's account. API clients with a token send no Origin. 0, or -1
 * after answering 403. */
static int same_site_or_respond(struct req *r, const struct route *route)
{
	if (!changes_state(r->method) || !cross_site(r))
		return 0;
	if (route->flags & ROUTE_HTML)
		page_error(r, 403, "Form from another site", "This form was sent from a page of another site. "
			   "Open this site yourself and send it from there.");
	else
		http_send_error(r, 403, "cross_site", "Origin: requests that change something must come from this site");
	return -1;
}

/* Brings the worker's registry snapshot up to date. 0, or -1 after
 * answering 500. */
static int registry_or_respond(struct req *r)
{
	struct svc_error err = { 0 };
	if (registry_refresh(r->reg, &err) == SVC_OK)
		return 0;
	http_send_status(r, SVC_ERROR, &err);
	return -1;
}

/* Reads the body of a form posted to a page into r->form. 0, or -1
 * after answering 400. */
static int form_or_respond(struct req *r, const struct route *route)
{
	if (!(route->flags & ROUTE_HTML) || r->method != EVHTTP_REQ_POST)
		return 0;
	const char *type = http_header(r, "Content-Type");
	size_t len;
	const char *body = http_body(r, &len);
	char *err = NULL;
	int rc = -1;
	if (type && strncasecmp(type, "multipart/form-data", 19) == 0)
		rc = parse_multipart(type, body, len, &r->form, &err);
	else if (type && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0)
		rc = parse_urlencoded(body, len, "form", &r->form, &err);
	else
		err = xstrdup("send the form as a browser does (application/x-www-form-urlencoded "
			      "or multipart/form-data)");
	if (rc) {
		page_error(r, 400, "The form could not be read", err);
		free(err);
	}
	return rc;
}

/* For an anonymous GET of a kept page: answers it from the worker's cache
 * (1), or marks it to be kept once rendered (0). Every other request: 0. */
static int kept_or_marked(struct req *r, const struct route *route)
{
	if (!(route->flags & ROUTE_KEPT) || r->signed_in || !r->cache ||
	    (r->method != EVHTTP_REQ_GET && r->method != EVHTTP_REQ_HEAD))
		return 0;
	/* the day too: pages cite the day they were retrieved and weigh years against it */
	r->keep_key = xasprintf("page/%lld/%s", r->actor.now / 86400, evhttp_request_get_uri(r->ev));
	r->keep_version = registry_version(r->reg) * 1000000007LL + registry_documents_version(r->reg);
	const struct cache_entry *e = cache_get(r->cache, r->keep_key, r->keep_version);
	if (!e)
		return 0;
	http_send_kept_page(r, e);
	return 1;
}

static void req_free(struct req *r)
{
	free(r->keep_key);
	form_free(&r->query);
	form_free(&r->form);
	if (r->signed_in)
		user_free(&r->user);
	if (r->via_session)
		session_free(&r->session);
	free(r->session_token);
}

/* A refused request (403; 429 but on the login routes, whose throttling
 * the accounts service records itself) goes into the audit log. */
static void audit_if_refused(struct req *r)
{
	if (r->status != 403 && r->status != 429)
		return;
	if (r->status == 429 && (strcmp(r->path, "/api/v1/session") == 0 || strcmp(r->path, "/login") == 0))
		return;
	r->actor.user = r->signed_in ? &r->user : NULL;
	struct svc_error err = { 0 };
	if (audit_refusal(r->reg, &r->actor, r->status, method_name(r->method), r->path, &err))
		fprintf(stderr, "rcphub: cannot record a refused request: %s\n", err.message ? err.message : "?");
	svc_error_free(&err);
}

void router_handle(struct evhttp_request *ev, const struct site *site)
{
	struct req r = { .ev = ev, .reg = site->reg, .cache = site->cache, .tls = site->tls };
	r.method = evhttp_request_get_command(ev);
	r.actor.now = (long long)time(NULL);
	peer_address(&r, site);
	r.actor.address = r.address;
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(ev);
	const char *path = uri ? evhttp_uri_get_path(uri) : NULL;
	const char *query = uri ? evhttp_uri_get_query(uri) : NULL;
	char **segs = NULL, *err = NULL;
	size_t nsegs = 0;
	const struct route *route = NULL;
	if (!path || !*path)
		path = "/";
	r.path = path;
	if (parse_path(path, &segs, &nsegs, &err) ||
	    (query && parse_urlencoded(query, strlen(query), "query", &r.query, &err))) {
		http_send_error(&r, 400, "bad_request", err);
		free(err);
	} else if ((route = route_or_respond(&r, segs, nsegs)) && same_site_or_respond(&r, route) == 0 &&
		   registry_or_respond(&r) == 0 &&
		   authenticate_or_respond(&r) == 0 &&
		   form_or_respond(&r, route) == 0 && csrf_or_respond(&r, route) == 0) {
		r.actor.user = r.signed_in ? &r.user : NULL;
		if (r.signed_in && r.user.must_change_password &&
		    !(route->flags & ROUTE_ACCOUNT_SETUP)) {
			if (route->flags & ROUTE_HTML)
				http_redirect(&r, "/account");
			else
				http_send_error(&r, 403, "password_change_required",
						"change your password first: POST /api/v1/session/password");
		} else if (site->second_factor && r.via_session && !r.user.has_totp &&
			   accounts_needs_second_factor(&r.user) && !(route->flags & ROUTE_ACCOUNT_SETUP)) {
			if (route->flags & ROUTE_HTML)
				http_redirect(&r, "/account?second_factor=required");
			else
				http_send_error(&r, 403, "second_factor_required",
						"administrators and secretariats sign in with a second factor here: "
						"set one up on your account page (/account)");
		} else if (!kept_or_marked(&r, route)) {
			route->handler(&r);
		}
	}
	audit_if_refused(&r);
	for (size_t i = 0; i < nsegs; i++)
		free(segs[i]);
	free(segs);
	req_free(&r);
}
