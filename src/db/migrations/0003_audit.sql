-- 操作日志 The operation log: every write and every reveal of personal data. Each row's hash covers
-- its fields and the previous row's hash, so an edited or deleted row breaks the chain
-- (`kehou admin verify-audit`). Rows hold ids and route templates, never bodies: no password or
-- identity number can reach this table.
CREATE TABLE audit_log (
    id {{pk}},
    at TEXT NOT NULL,
    actor_user_id BIGINT,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    scope_path TEXT NOT NULL,
    action TEXT NOT NULL,
    title TEXT NOT NULL,
    object TEXT NOT NULL,
    outcome INTEGER NOT NULL,
    request_id TEXT NOT NULL,
    client_address TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    row_hash TEXT NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_scope ON audit_log (scope_path, at);
