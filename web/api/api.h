/* api.h: the JSON API's handlers under /api/v1, one file per resource */
#ifndef RCPHUB_API_H
#define RCPHUB_API_H

#include "../http.h"

/* api_registry.c */
void api_index(struct req *r);
void api_processes(struct req *r);
void api_process(struct req *r);
void api_state(struct req *r);
void api_overlap(struct req *r);

/* api_search.c */
void api_search(struct req *r);

/* api_documents.c */
void api_documents(struct req *r);
void api_document_add(struct req *r);
void api_document(struct req *r);
void api_document_update(struct req *r);
void api_document_delete(struct req *r);
void api_document_file(struct req *r);
void api_document_file_put(struct req *r);
void api_document_file_delete(struct req *r);
void api_document_versions(struct req *r);
void api_document_version(struct req *r);

/* api_focal_points.c */
void api_focal_points(struct req *r);
void api_focal_point_add(struct req *r);
/* api_facts.c */
void api_participant_add(struct req *r);
void api_participant_end(struct req *r);
void api_participant_correct(struct req *r);
void api_leader_add(struct req *r);
void api_leader_end(struct req *r);
void api_leader_correct(struct req *r);
void api_registry_history(struct req *r);
void api_focal_point(struct req *r);
void api_focal_point_update(struct req *r);
void api_focal_point_delete(struct req *r);

/* api_meetings.c */
void api_meetings(struct req *r);
void api_meeting_add(struct req *r);
void api_meeting_indicators(struct req *r);
void api_meeting_calendar(struct req *r);
void api_meeting(struct req *r);
void api_meeting_update(struct req *r);
void api_meeting_delete(struct req *r);
void api_meeting_delegates(struct req *r);
void api_meeting_agenda(struct req *r);
void api_meeting_documents(struct req *r);
void api_meeting_minutes(struct req *r);
void api_meeting_minutes_state(struct req *r);
void api_meeting_corrigenda(struct req *r);

/* api_interviews.c */
void api_interview_protocols(struct req *r);
void api_process_interviews(struct req *r);
void api_interview(struct req *r);
void api_interview_statements(struct req *r);
/* api_evidence.c */
void api_process_evidence(struct req *r);
void api_evidence_all(struct req *r);
void api_evidence(struct req *r);
void api_evidence_delete(struct req *r);
void api_lessons(struct req *r);
void api_assessment(struct req *r);
void api_assessments(struct req *r);
void api_duplication(struct req *r);
/* api_plans.c */
void api_plans(struct req *r);
void api_plans_overdue(struct req *r);
void api_plan(struct req *r);
void api_plan_items(struct req *r);
void api_plan_report(struct req *r);
void api_plan_progress(struct req *r);

/* api_statistics.c */
void api_indicators(struct req *r);
void api_indicator(struct req *r);
void api_indicator_history(struct req *r);
void api_statistics(struct req *r);
void api_statistics_import(struct req *r);
void api_statistics_check(struct req *r);
void api_statistics_imports(struct req *r);
void api_sdmx_data(struct req *r);

/* api_matrices.c */
void api_matrices(struct req *r);
void api_matrix(struct req *r);
void api_matrix_questions(struct req *r);
void api_matrix_answers(struct req *r);
void api_matrix_snapshot(struct req *r);
void api_matrix_convergence(struct req *r);

/* api_glossary.c */
void api_glossary(struct req *r);
void api_glossary_term(struct req *r);
void api_glossary_import(struct req *r);
void api_glossary_export(struct req *r);

/* api_accounts.c */
void api_session(struct req *r);
void api_login(struct req *r);
void api_logout(struct req *r);
void api_password(struct req *r);
/* One's own API tokens: list, make (from a session only), revoke; one's
 * sessions: list, and end them all (sign out everywhere). */
void api_tokens(struct req *r);
void api_token_create(struct req *r);
void api_token_revoke(struct req *r);
void api_sessions(struct req *r);
void api_sign_in_changes(struct req *r);
void api_calendar_feed(struct req *r);
void api_users(struct req *r);
void api_audit(struct req *r);

#endif
