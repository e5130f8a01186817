-- Users, sessions and failed log-ins (RULES R4.7). A user's scope is a materialised org path:
-- "/370800/" the city, "/370800/370811/" one county, "/370800/370811/<school code>/" one school.
CREATE TABLE auth_user (
    id {{pk}},
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    scope_path TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    locked_until TEXT,
    password_changed_at TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_auth_user_username UNIQUE (username),
    CONSTRAINT ck_auth_user_role CHECK (role IN ('city_admin', 'district_admin', 'school_admin', 'teacher',
                                                 'guardian', 'provider', 'inspector')),
    CONSTRAINT ck_auth_user_scope CHECK (scope_path LIKE '/%/')
);

-- The session cookie holds a random token; only its hash is stored, so a copy of this table opens
-- no session.
CREATE TABLE auth_session (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES auth_user (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    client_address TEXT NOT NULL
);
CREATE INDEX ix_auth_session_user ON auth_session (user_id);

CREATE TABLE auth_login_failure (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES auth_user (id),
    failed_at TEXT NOT NULL
);
CREATE INDEX ix_auth_login_failure_user ON auth_login_failure (user_id, failed_at);
