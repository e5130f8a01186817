-- 暑期托管 Summer custody (issue 9 points 6–9; RULES R1.17, R2.1–R2.2): a county's plan for one summer — its
-- periods and host sites with the schools each serves, places per site and period, content and activities, each
-- site's written safety plan and staff — the families' needs survey, one sign-up row per child and period with the
-- priority groups claimed and the allocation's outcome, and daily attendance with meals noted.
-- org_path columns scope every read with one bound LIKE: a plan's is its county's, a site's its host school's, a
-- survey answer's and a sign-up's the child's school's.

-- 托管方案 status: draft → survey (the needs survey is open) → signup (sign-up open; the lottery's seed is
-- committed) → allocated (the draw is made, the seed revealed) → closed. priority_tiers is JSON: an array of
-- arrays of group names, tiers[0] first.
CREATE TABLE cu_plan (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    priority_tiers TEXT NOT NULL,
    seed_commitment TEXT,
    seed TEXT,
    seed_revealed BOOLEAN NOT NULL DEFAULT FALSE,
    allocated_at TEXT,
    allocated_by BIGINT REFERENCES auth_user (id),
    created_by BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT uq_cu_plan UNIQUE (unit_code, year),
    CONSTRAINT ck_cu_plan_status CHECK (status IN ('draft', 'survey', 'signup', 'allocated', 'closed'))
);
CREATE INDEX ix_cu_plan_path ON cu_plan (org_path);

-- 托管期 Dates inclusive (ISO); service_fee_fen NULL = free (公益).
CREATE TABLE cu_period (
    id {{pk}},
    plan_id BIGINT NOT NULL REFERENCES cu_plan (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    service_fee_fen BIGINT,
    CONSTRAINT uq_cu_period UNIQUE (plan_id, position),
    CONSTRAINT ck_cu_period_dates CHECK (start_date <= end_date),
    CONSTRAINT ck_cu_period_fee CHECK (service_fee_fen IS NULL OR service_fee_fen > 0)
);

-- 托管点 A host school's site; content and activities as JSON (["reading", …], [{"type", "title"}, …]).
CREATE TABLE cu_site (
    id {{pk}},
    plan_id BIGINT NOT NULL REFERENCES cu_plan (id),
    position INTEGER NOT NULL,
    host_school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL,
    activities TEXT NOT NULL,
    CONSTRAINT uq_cu_site_host UNIQUE (plan_id, host_school_id)
);
CREATE INDEX ix_cu_site_plan ON cu_site (plan_id);
CREATE INDEX ix_cu_site_path ON cu_site (org_path);

-- The schools whose children a site takes, the host among them.
CREATE TABLE cu_site_school (
    site_id BIGINT NOT NULL REFERENCES cu_site (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    PRIMARY KEY (site_id, school_id)
);

-- Places per site and period; a period without a row is one the site is closed in.
CREATE TABLE cu_capacity (
    site_id BIGINT NOT NULL REFERENCES cu_site (id),
    period_id BIGINT NOT NULL REFERENCES cu_period (id),
    places INTEGER NOT NULL,
    PRIMARY KEY (site_id, period_id),
    CONSTRAINT ck_cu_capacity CHECK (places >= 0)
);

-- 安全预案 R1.17: who answers for the site's safety, and whom to call.
CREATE TABLE cu_safety_plan (
    site_id BIGINT PRIMARY KEY REFERENCES cu_site (id),
    responsible_person TEXT NOT NULL,
    responsible_phone TEXT NOT NULL,
    updated_by BIGINT REFERENCES auth_user (id),
    updated_at TEXT NOT NULL
);

CREATE TABLE cu_safety_contact (
    site_id BIGINT NOT NULL REFERENCES cu_site (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    PRIMARY KEY (site_id, position)
);

-- 参与教师 Teachers on a site's staff (voluntary, R1.17), each of a school the site serves.
CREATE TABLE cu_staff (
    site_id BIGINT NOT NULL REFERENCES cu_site (id),
    teacher_id BIGINT NOT NULL REFERENCES org_teacher (id),
    PRIMARY KEY (site_id, teacher_id)
);
CREATE INDEX ix_cu_staff_teacher ON cu_staff (teacher_id);

-- 需求调查 One answer per child and plan (the last one counts); period_ids space-separated.
CREATE TABLE cu_survey (
    plan_id BIGINT NOT NULL REFERENCES cu_plan (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    org_path TEXT NOT NULL,
    wants BOOLEAN NOT NULL,
    period_ids TEXT NOT NULL,
    answered_by BIGINT REFERENCES auth_user (id),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, student_id)
);
CREATE INDEX ix_cu_survey_path ON cu_survey (org_path);

-- 报名 One child at one site in one period. groups: the priority groups claimed, space-separated. status:
-- pending (before the draw) → placed | waitlisted → cancelled. tier and draw (the shared lottery's, as shown) are set
-- by the draw; position is the order among the placed, or the place in the waitlist (1 first).
CREATE TABLE cu_signup (
    id {{pk}},
    plan_id BIGINT NOT NULL REFERENCES cu_plan (id),
    site_id BIGINT NOT NULL REFERENCES cu_site (id),
    period_id BIGINT NOT NULL REFERENCES cu_period (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    org_path TEXT NOT NULL,
    groups_claimed TEXT NOT NULL,
    status TEXT NOT NULL,
    tier INTEGER,
    draw TEXT,
    position INTEGER,
    created_by BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT ck_cu_signup_status CHECK (status IN ('pending', 'placed', 'waitlisted', 'cancelled'))
);
-- One live sign-up per child and period, county-wide (a cancelled one may be followed by a new one).
CREATE UNIQUE INDEX uq_cu_signup_child_period ON cu_signup (period_id, student_id) WHERE status <> 'cancelled';
CREATE INDEX ix_cu_signup_site ON cu_signup (site_id, period_id, status);
CREATE INDEX ix_cu_signup_plan ON cu_signup (plan_id, student_id);
CREATE INDEX ix_cu_signup_path ON cu_signup (org_path);

-- 考勤 A placed child's day at a site: present, and whether a meal was served (配餐). org_path is the site's.
CREATE TABLE cu_attendance (
    site_id BIGINT NOT NULL REFERENCES cu_site (id),
    service_date TEXT NOT NULL,
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    period_id BIGINT NOT NULL REFERENCES cu_period (id),
    org_path TEXT NOT NULL,
    present BOOLEAN NOT NULL,
    meal BOOLEAN NOT NULL,
    marked_by BIGINT REFERENCES auth_user (id),
    marked_at TEXT NOT NULL,
    PRIMARY KEY (site_id, service_date, student_id)
);
CREATE INDEX ix_cu_attendance_path ON cu_attendance (org_path);
CREATE INDEX ix_cu_attendance_period ON cu_attendance (period_id);
