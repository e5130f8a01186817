-- 作业管理 Homework-load management (issue 7; RULES R1.1–R1.4): the county's limits and phrase list, a
-- school's approval switch, the subject groups (备课组长 and each subject's daily budget), the homework a
-- class gets for a day with its layered variants, and the families' reports of the time it took.
-- Rows carry the school's org path ("/370800/370811/3737000123/"), so one LIKE prefix scopes them.

-- 区县作业时长设置 A county's limits, never above the national ones (R1.2, checked by the service), and the
-- R1.3 phrase list its content checker uses. No row: the national limits and the default list.
CREATE TABLE hw_county_setting (
    org_path TEXT PRIMARY KEY,
    primary_limit INTEGER NOT NULL,
    junior_limit INTEGER NOT NULL,
    rest_day_primary_limit INTEGER,
    rest_day_junior_limit INTEGER,
    -- one phrase per line; NULL: the default list of rules.cpp
    parent_task_phrases TEXT,
    updated_by BIGINT NOT NULL REFERENCES auth_user (id),
    updated_at TEXT NOT NULL,
    CONSTRAINT ck_hw_county_limits CHECK (primary_limit >= 0 AND junior_limit >= 0
        AND (rest_day_primary_limit IS NULL OR rest_day_primary_limit >= 0)
        AND (rest_day_junior_limit IS NULL OR rest_day_junior_limit >= 0))
);

-- Whether a school runs the subject-group approval workflow (issue 7 point 3). No row: it does not.
CREATE TABLE hw_school_setting (
    school_id BIGINT PRIMARY KEY REFERENCES org_school (id),
    approval_required BOOLEAN NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES auth_user (id),
    updated_at TEXT NOT NULL
);

-- 备课组 A grade's subject group: its leader (备课组长), who approves the subject's homework, and the daily
-- budget of written minutes the leader sets for the subject (NULL: only the class-day limit applies).
CREATE TABLE hw_subject_group (
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    grade INTEGER NOT NULL,
    subject TEXT NOT NULL,
    org_path TEXT NOT NULL,
    leader_teacher_id BIGINT REFERENCES org_teacher (id),
    daily_budget INTEGER,
    updated_by BIGINT NOT NULL REFERENCES auth_user (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (school_id, grade, subject),
    CONSTRAINT ck_hw_group_grade CHECK (grade BETWEEN 1 AND 9),
    CONSTRAINT ck_hw_group_budget CHECK (daily_budget IS NULL OR daily_budget >= 0)
);
CREATE INDEX ix_hw_group_leader ON hw_subject_group (leader_teacher_id);

-- 作业 One subject's homework for a class and a day. `counted_minutes` is what it adds to the class-day's
-- written total: the largest of its own and its variants' minutes for written homework, 0 for other types.
-- An over-limit publish exists only with the 教务处's override reason (R1.2), who gave it and when.
CREATE TABLE hw_assignment (
    id {{pk}},
    class_id BIGINT NOT NULL REFERENCES org_class (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    grade INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    day_kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    hw_type TEXT NOT NULL,
    content TEXT NOT NULL,
    estimated_minutes INTEGER NOT NULL,
    counted_minutes INTEGER NOT NULL,
    status TEXT NOT NULL,
    teacher_id BIGINT REFERENCES org_teacher (id),
    created_by BIGINT NOT NULL REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    decided_by BIGINT REFERENCES auth_user (id),
    decided_at TEXT,
    reject_reason TEXT,
    override_reason TEXT,
    override_by BIGINT REFERENCES auth_user (id),
    updated_at TEXT NOT NULL,
    CONSTRAINT ck_hw_day_kind CHECK (day_kind IN ('school_day', 'rest_day')),
    CONSTRAINT ck_hw_type CHECK (hw_type IN ('written', 'reading', 'oral', 'practical', 'inquiry')),
    CONSTRAINT ck_hw_status CHECK (status IN ('pending_approval', 'published', 'rejected', 'withdrawn')),
    CONSTRAINT ck_hw_minutes CHECK (estimated_minutes > 0 AND counted_minutes >= 0),
    -- R1.1: grades 1–2 never hold written homework to do at home, override or not.
    CONSTRAINT ck_hw_r1_1 CHECK (grade > 2 OR hw_type <> 'written')
);
CREATE INDEX ix_hw_assignment_class_day ON hw_assignment (class_id, due_date);
CREATE INDEX ix_hw_assignment_path_day ON hw_assignment (org_path, due_date);

-- 分层作业 A layered variant (基础 / 提高 / 拓展) of one homework, for the students named in hw_variant_student.
CREATE TABLE hw_variant (
    id {{pk}},
    assignment_id BIGINT NOT NULL REFERENCES hw_assignment (id),
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    content TEXT NOT NULL,
    estimated_minutes INTEGER NOT NULL,
    CONSTRAINT uq_hw_variant UNIQUE (assignment_id, position),
    CONSTRAINT ck_hw_variant_minutes CHECK (estimated_minutes > 0)
);

-- Which student does which variant; a student of the class not named here does the homework itself.
CREATE TABLE hw_variant_student (
    assignment_id BIGINT NOT NULL REFERENCES hw_assignment (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    variant_id BIGINT NOT NULL REFERENCES hw_variant (id),
    PRIMARY KEY (assignment_id, student_id)
);

-- 家长反馈 A family's report of one day: the minutes the child actually spent on homework and whether it was
-- finished by the R1.4 bedtime. One per child and day; a later report replaces it.
CREATE TABLE hw_family_report (
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    report_date TEXT NOT NULL,
    class_id BIGINT NOT NULL REFERENCES org_class (id),
    org_path TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    finished_by_bedtime BOOLEAN NOT NULL,
    note TEXT,
    guardian_id BIGINT NOT NULL REFERENCES org_guardian (id),
    reported_at TEXT NOT NULL,
    PRIMARY KEY (student_id, report_date),
    CONSTRAINT ck_hw_report_minutes CHECK (minutes BETWEEN 0 AND 600)
);
CREATE INDEX ix_hw_report_class_day ON hw_family_report (class_id, report_date);
CREATE INDEX ix_hw_report_path_day ON hw_family_report (org_path, report_date);
