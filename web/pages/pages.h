/* pages.h: the HTML pages, one file each, and the frame they share */
#ifndef RCPHUB_PAGES_H
#define RCPHUB_PAGES_H

#include "../http.h"

/* layout.c: the frame. page_begin writes everything up to <main>'s
 * content, page_end the rest, and page_send answers with it. */
void page_begin(struct buf *b, struct req *r, const char *title);
void page_end(struct buf *b, struct req *r);
void page_send(struct req *r, int status, struct buf *b);
/* A whole page saying what went wrong, with links to close matches. */
void page_error(struct req *r, int status, const char *title, const char *message);
/* A 404 page for a name that matches nothing in idx, with links (prefix
 * + id) to the closest names. */
void page_not_found(struct req *r, const char *what, const char *query, enum registry_kind kind,
		    const char *prefix);
/* The record number in the path's first {} segment, or -1 after a 404
 * page saying there is no such what. */
long long page_id_or_404(struct req *r, const char *what);
/* The process the path's first {} segment names, or NULL after a 404 page
 * with the closest names. */
const struct process *page_process_or_404(struct req *r);
/* Maps a service's status to an error page; frees what err holds. */
void page_status(struct req *r, enum svc_status st, struct svc_error *err);
/* A hidden csrf_token field for a form of a signed-in user. */
void page_csrf_field(struct buf *b, struct req *r);
/* Small pieces: a link to a state, process or organisation page. */
void page_link_state(struct buf *b, const char *code, const char *name);
/* The display name of a country's code (any name the registry knows),
 * or the code itself; owned by the registry's snapshot. */
const char *page_country_name(struct req *r, const char *code);
/* The person of login as accounts_display_name names them, escaped. */
void page_person(struct buf *b, struct req *r, const char *login);
void page_link_process(struct buf *b, const char *slug, const char *text);
/* The acronym of the process slug, or slug itself; owned by the snapshot. */
const char *page_process_acronym(struct req *r, const char *slug);
void page_link_org(struct buf *b, const char *slug, const char *name);
/* A link to an organisation by its acronym (or name), read from the store. */
void page_link_org_named(struct buf *b, struct req *r, const char *slug);
/* A form field: page_field_begin opens <div class="field"> with the
 * label for id and, if error is not NULL, the error (id "ID-error");
 * page_field_attrs writes the control's id, name and link to that error.
 * id and name are literals of the page; the caller closes the control
 * and the </div>. */
void page_field_begin(struct buf *b, const char *id, const char *label, const char *error);
void page_field_attrs(struct buf *b, const char *id, const char *name, const char *error);
/* What err says of field (or of one of its items), or NULL when it is
 * about another field or none. The result points into err. */
const char *page_field_error(const struct svc_error *err, const char *field);
/* The line above a form that went wrong: "Please correct the field
 * marked below" when err is about one of fields (or of others, a
 * NULL-terminated list of the form's other controls), else its message.
 * Nothing when err holds nothing. */
void page_form_problem(struct buf *b, const struct svc_error *err, const struct field *fields, size_t n,
		       const char *const *others);
/* One labelled control per declared field of v, showing v's values:
 * text inputs, dates, selects for choices, a textarea for long text, a
 * comma-separated input for lists; err's field is marked. Each control's
 * id is prefix (NULL for none; for a page with several forms) and its
 * name; its name is the field's. */
void page_form_fields(struct buf *b, const struct field_values *v, const struct svc_error *err, const char *prefix);
/* A whole form of v's fields posted to action: the problem line (others:
 * the form's other controls, NULL-terminated), the CSRF field, the fields
 * (ids prefixed by prefix) and a button saying button. */
void page_fields_form(struct buf *b, struct req *r, const char *action, const char *button,
		      const struct field_values *v, const struct svc_error *err, const char *prefix,
		      const char *const *others);
/* The year ?at= names into *year (0 when absent); answers 400 itself for
 * text that is no year or a year to come and returns -1. */
int page_year_or_respond(struct req *r, int *year);
/* The ?at= control of a form: label, and an input showing year (empty
 * for 0: now). */
void page_year_input(struct buf *b, const char *label, int year);
/* The day ?at= names, or today, into out (an unreal day counts as today). */
void page_day(struct req *r, char out[11]);
/* "since 2003", "2004-2005", "" */
void page_span(struct buf *b, int since, int until);

/* page_map.c: the world map for any colouring. page_map_loaded loads the
 * shapes once (0 when they are not installed); page_map_ready the same,
 * answering 503 then;
 * page_map_figure draws each country (registry order) filled with
 * colours[i] (NULL: none) and titled "Name: words[i]", with legend (HTML
 * made by the caller) below; page_map_ramp runs light to dark blue. */
int page_map_loaded(void);
/* GET /map/shapes.svg: the outlines every map uses, kept by browsers for
 * good when asked at the address maps give (with its hash). */
void page_map_shapes(struct req *r);
int page_map_ready(struct req *r);
void page_map_figure(struct buf *b, struct req *r, const char *title, const char *const *colours,
		     const char *const *words, const struct buf *legend);
extern const char *const page_map_ramp[7];

void page_home(struct req *r);             /* page_home.c */
void page_process(struct req *r);          /* page_process.c */
void page_state(struct req *r);            /* page_state.c */
void page_organisation(struct req *r);     /* page_organisation.c */
void page_compare(struct req *r);          /* page_compare.c */
void page_overlap(struct req *r);          /* page_overlap.c */
void page_map(struct req *r);              /* page_map.c */
void page_search(struct req *r);           /* page_search.c */
void page_login(struct req *r);            /* page_login.c */
void page_login_post(struct req *r);
void page_logout(struct req *r);
void page_account(struct req *r);          /* page_account.c */
void page_account_post(struct req *r);
/* Setting up one's second factor: "start" shows a new secret as a QR
 * code; "confirm" turns it on with the app's current code. */
void page_account_second_factor(struct req *r);
/* One's API tokens made and revoked, and one's sessions ended, from the
 * account page. */
void page_account_token(struct req *r);
void page_account_token_revoke(struct req *r);
void page_account_sessions_end(struct req *r);
void page_account_calendar(struct req *r);
void page_document(struct req *r);         /* page_document.c */
void page_document_versions(struct req *r);
void page_document_version(struct req *r);
void page_document_file(struct req *r);
void page_document_new(struct req *r);
void page_document_create(struct req *r);
void page_document_edit(struct req *r);
void page_document_save(struct req *r);
/* Asks before deleting a paper (GET); the POST deletes it. */
void page_document_delete_confirm(struct req *r);
void page_document_delete(struct req *r);
void page_focal_points(struct req *r);     /* page_focal_points.c */
void page_focal_point_create(struct req *r);
void page_focal_point_edit(struct req *r);
void page_focal_point_save(struct req *r);
void page_focal_point_delete(struct req *r);
void page_meetings(struct req *r);         /* page_meetings.c */
void page_meeting_create(struct req *r);
void page_meeting(struct req *r);
void page_meeting_delegate(struct req *r);
void page_meeting_agenda(struct req *r);
void page_meeting_attach(struct req *r);
void page_meeting_minutes(struct req *r);
void page_meeting_calendar(struct req *r);
void page_meeting_checklist(struct req *r);
void page_meeting_save(struct req *r);
void page_meeting_delete(struct req *r);
void page_calendar_feed(struct req *r);
void page_assessment(struct req *r);       /* page_assessment.c */
void page_assessments(struct req *r);
void page_evidence_create(struct req *r);
void page_duplication(struct req *r);
struct assessment;
/* The assessment as a standalone HTML document, for printing from the
 * command line (rcphub assess --html). */
void page_assessment_document(struct buf *b, const struct assessment *as);
void page_plans(struct req *r);            /* page_plans.c */
void page_plan(struct req *r);
void page_plan_item_create(struct req *r);
void page_plans_owed(struct req *r);
void page_plans_digest(struct req *r);
void page_plan_progress(struct req *r);
void page_statistics(struct req *r);       /* page_statistics.c */
void page_statistics_upload(struct req *r);
void page_indicator_create(struct req *r);
void page_indicator(struct req *r);
void page_matrices(struct req *r);         /* page_matrices.c */
void page_matrix_create(struct req *r);
void page_matrix(struct req *r);
void page_matrix_question(struct req *r);
void page_matrix_answer(struct req *r);
void page_glossary(struct req *r);         /* page_glossary.c */
void page_glossary_add(struct req *r);
void page_glossary_term(struct req *r);
/* A one-time link's page to set one's password, and its post. */
void page_reset(struct req *r);
void page_reset_post(struct req *r);
void page_users(struct req *r);            /* page_users.c */
void page_users_post(struct req *r);
void page_audit(struct req *r);            /* page_audit.c */
/* What an audit entry's action did, in words ("set a password"); an
 * unknown action as it is stored. */
const char *page_audit_action_words(const char *action);
void page_static(struct req *r);           /* page_static.c */
void page_robots(struct req *r);
void page_favicon(struct req *r);
void page_processes(struct req *r);        /* page_index.c */
void page_states(struct req *r);
void page_organisations(struct req *r);
void page_documents(struct req *r);

/* page_facts.c */
void page_registry_history(struct req *r);
void page_registry_edit(struct req *r);
void page_participant_create(struct req *r);
void page_leader_create(struct req *r);
void page_fact_end(struct req *r);
/* The correction form of one fact (?fact=KIND:ID:VERSION) and its post. */
void page_fact_correct_form(struct req *r);
void page_fact_correct(struct req *r);

/* page_exports.c: GET .../NAME.csv and .../NAME.xlsx: the tables of the
 * process (participants), state, overlap, compare and documents pages. */
void page_export_participants(struct req *r);
void page_export_state(struct req *r);
void page_export_overlap(struct req *r);
void page_export_compare(struct req *r);
void page_export_documents(struct req *r);
/* "rcphub, TITLE, retrieved YYYY-MM-DD, URL": how to cite what the
 * request shows (caller frees). */
char *page_citation(struct req *r, const char *title);
/* "WHAT: CSV · Excel" links to PATH.csv and PATH.xlsx with the page's own
 * query (the year, the processes compared), then how to cite the page
 * (of the title given). */
void page_downloads(struct buf *b, struct req *r, const char *what, const char *path, const char *title);

#endif
