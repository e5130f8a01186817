-- 第三方机构进校园 The providers' life cycle (issue 9; RULES R2.3–R2.5, R6.5): one record per application of a
-- provider (credit code) to a county bureau with its services, instructors and status history; the county's
-- spot checks (巡课), the schools' ratings, the stored semester evaluations and the county's close of a semester,
-- the county's settings, the exit notices to schools and families, and the link of a provider log-in to its credit
-- code. The after-school white list (as_provider, 0009) mirrors the newest admitted record; pv_record.provider_id
-- points at that row once admitted.

-- 准入档案 One application and what became of it. rejected and exited are final; applying again makes a new row,
-- and at most one row per county and credit code is live (applied, admitted or suspended).
CREATE TABLE pv_record (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    free_public_benefit BOOLEAN NOT NULL DEFAULT FALSE,
    declares_no_marketing BOOLEAN NOT NULL DEFAULT FALSE,
    contact_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    status TEXT NOT NULL,
    exit_reason TEXT,
    applied_at TEXT NOT NULL,
    decided_at TEXT,
    exited_at TEXT,
    provider_id BIGINT REFERENCES as_provider (id),
    applied_by BIGINT REFERENCES auth_user (id),
    CONSTRAINT ck_pv_record_category CHECK (category IN ('sport', 'art', 'stem', 'labour', 'traditional_culture',
                                                         'reading', 'mental_health')),
    CONSTRAINT ck_pv_record_status CHECK (status IN ('applied', 'admitted', 'rejected', 'suspended', 'exited')),
    CONSTRAINT ck_pv_record_exit CHECK (exit_reason IS NULL OR exit_reason IN ('evaluation', 'recruiting_in_school',
                                                                               'voluntary', 'licence_revoked'))
);
CREATE INDEX ix_pv_record_path ON pv_record (org_path, status);
CREATE INDEX ix_pv_record_code ON pv_record (credit_code);
CREATE UNIQUE INDEX uq_pv_record_live ON pv_record (unit_code, credit_code)
    WHERE status IN ('applied', 'admitted', 'suspended');

-- 服务项目 The services applied for, with the admission fee and the provider's own outside price (R2.4a, b), both
-- per pupil per class hour in fen.
CREATE TABLE pv_service (
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    fee_fen BIGINT NOT NULL,
    outside_price_fen BIGINT NOT NULL,
    PRIMARY KEY (record_id, seq),
    CONSTRAINT ck_pv_service_fee CHECK (fee_fen >= 0 AND outside_price_fen >= 0)
);

-- 授课人员 The instructors with their qualification review (R2.4c). Only the background check's date is kept,
-- never the certificate itself.
CREATE TABLE pv_instructor (
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    qualification TEXT NOT NULL,
    qualification_name TEXT NOT NULL,
    qualification_number TEXT NOT NULL,
    background_check_date TEXT,
    PRIMARY KEY (record_id, seq),
    CONSTRAINT ck_pv_instructor_kind CHECK (qualification IN ('teacher_certificate', 'coach_certificate', 'other'))
);

-- A record's status history, one row per move, never updated.
CREATE TABLE pv_event (
    id {{pk}},
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    event TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL,
    exit_reason TEXT,
    by_user BIGINT REFERENCES auth_user (id),
    at TEXT NOT NULL,
    CONSTRAINT ck_pv_event_event CHECK (event IN ('apply', 'admit', 'reject', 'suspend', 'reinstate', 'exit'))
);
CREATE INDEX ix_pv_event_record ON pv_event (record_id, id);

-- 巡课 A spot check of a provider's session at a school: score, no-show, recruiting found, an optional linked
-- complaint. org_path is the school's; semester is derived from the date, for the evaluation.
CREATE TABLE pv_spot_check (
    id {{pk}},
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    on_date TEXT NOT NULL,
    semester TEXT NOT NULL,
    score INTEGER NOT NULL,
    instructor_no_show BOOLEAN NOT NULL,
    recruiting_found BOOLEAN NOT NULL,
    note TEXT NOT NULL,
    complaint_id BIGINT REFERENCES inst_complaint (id),
    by_user BIGINT REFERENCES auth_user (id),
    at TEXT NOT NULL,
    CONSTRAINT ck_pv_spot_check_score CHECK (score BETWEEN 0 AND 100)
);
CREATE INDEX ix_pv_spot_check_record ON pv_spot_check (record_id, semester);
CREATE INDEX ix_pv_spot_check_path ON pv_spot_check (org_path);

-- 学校评价 One rating of a provider per school and semester (replaced on a second rating).
CREATE TABLE pv_school_rating (
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    semester TEXT NOT NULL,
    org_path TEXT NOT NULL,
    stars INTEGER NOT NULL,
    comment TEXT NOT NULL,
    by_user BIGINT REFERENCES auth_user (id),
    at TEXT NOT NULL,
    PRIMARY KEY (record_id, school_id, semester),
    CONSTRAINT ck_pv_school_rating_stars CHECK (stars BETWEEN 1 AND 5)
);
CREATE INDEX ix_pv_school_rating_path ON pv_school_rating (org_path);

-- 效果评价 The stored evaluation of a record for a semester, written when the county closes it. Parts and score
-- in tenths of a point; NULL where a part had no data or weighs nothing.
CREATE TABLE pv_evaluation (
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    semester TEXT NOT NULL,
    org_path TEXT NOT NULL,
    guardians INTEGER,
    schools INTEGER,
    spot_checks INTEGER,
    attendance INTEGER,
    guardian_ratings INTEGER NOT NULL,
    school_ratings INTEGER NOT NULL,
    spot_check_count INTEGER NOT NULL,
    no_shows INTEGER NOT NULL,
    recruiting_found BOOLEAN NOT NULL,
    score INTEGER,
    outcome TEXT NOT NULL,
    previous_outcome TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (record_id, semester),
    CONSTRAINT ck_pv_evaluation_outcome CHECK (outcome IN ('pass', 'warning', 'exit', 'not_rated'))
);
CREATE INDEX ix_pv_evaluation_path ON pv_evaluation (org_path, semester);

-- A county's close of a semester's evaluation: once per county and semester.
CREATE TABLE pv_semester_close (
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    semester TEXT NOT NULL,
    org_path TEXT NOT NULL,
    closed_by BIGINT REFERENCES auth_user (id),
    closed_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, semester)
);

-- A county's admission and evaluation settings (providers/model.hpp AdmissionPolicy, EvaluationPolicy); a county
-- without a row has the defaults.
CREATE TABLE pv_settings (
    unit_code TEXT PRIMARY KEY REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    max_fee_percent_of_outside INTEGER NOT NULL,
    background_check_validity_months INTEGER NOT NULL,
    reapply_after_evaluation_exit_months INTEGER NOT NULL,
    weight_guardians INTEGER NOT NULL,
    weight_schools INTEGER NOT NULL,
    weight_spot_checks INTEGER NOT NULL,
    weight_attendance INTEGER NOT NULL,
    threshold INTEGER NOT NULL,
    no_show_deduction INTEGER NOT NULL,
    updated_by BIGINT REFERENCES auth_user (id),
    updated_at TEXT NOT NULL,
    CONSTRAINT ck_pv_settings_weights CHECK (weight_guardians + weight_schools + weight_spot_checks
                                             + weight_attendance = 100)
);

-- 退出通知 What an exit tells a school, or a family about its child. org_path is the school's.
CREATE TABLE pv_notice (
    id {{pk}},
    record_id BIGINT NOT NULL REFERENCES pv_record (id),
    audience TEXT NOT NULL,
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    student_id BIGINT REFERENCES org_student (id),
    org_path TEXT NOT NULL,
    kind TEXT NOT NULL,
    text_zh TEXT NOT NULL,
    text_en TEXT NOT NULL,
    effective_semester TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT ck_pv_notice_audience CHECK (audience IN ('school', 'family')),
    CONSTRAINT ck_pv_notice_kind CHECK (kind IN ('exit'))
);
CREATE INDEX ix_pv_notice_path ON pv_notice (org_path, audience);
CREATE INDEX ix_pv_notice_student ON pv_notice (student_id);
CREATE INDEX ix_pv_notice_record ON pv_notice (record_id);

-- A provider log-in's credit code: one per user, set by the county.
CREATE TABLE pv_account (
    user_id BIGINT PRIMARY KEY REFERENCES auth_user (id),
    credit_code TEXT NOT NULL,
    linked_by BIGINT REFERENCES auth_user (id),
    linked_at TEXT NOT NULL
);
CREATE INDEX ix_pv_account_code ON pv_account (credit_code);
