-- 0028_audit_indexes.sql: the audit log read by who acted and by what was
-- acted on (the audit page's filter, an account's changes to its sign-in),
-- newest first, without reading the whole log.
CREATE INDEX audit_log_login ON audit_log (login, id);
CREATE INDEX audit_log_object ON audit_log (object, id);
