-- 选课 Selection windows, seats, wishes and the published allocation, and the in-app notices that tell a
-- guardian what happened (a waitlist promotion, a result, an absence).

-- A window is one school's (school_id set) or every school of a county at once (school_id NULL).
-- Lottery windows publish the seed's SHA-256 when created (commit) and the seed after close (reveal);
-- the allocation's inputs are kept as run (capacities, grades, tiers, wishes) so it can be re-run later.
CREATE TABLE as_window (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    school_id BIGINT REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    semester TEXT NOT NULL,
    title TEXT NOT NULL,
    mode TEXT NOT NULL,
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    max_wishes INTEGER NOT NULL,
    course_limit INTEGER NOT NULL,
    priority_order TEXT NOT NULL,
    seed_commitment TEXT,
    seed TEXT,
    allocated_at TEXT,
    allocation_inputs TEXT,
    result_digest TEXT,
    created_by BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    CONSTRAINT ck_as_window_mode CHECK (mode IN ('first_come', 'lottery')),
    CONSTRAINT ck_as_window_limits CHECK (max_wishes BETWEEN 1 AND 10 AND course_limit BETWEEN 1 AND 5),
    CONSTRAINT ck_as_window_times CHECK (opens_at < closes_at)
);
CREATE INDEX ix_as_window_path ON as_window (org_path, semester);

-- 席位 A child's seat (or place on a waitlist) in a section. One live row per child and section; a
-- retried request with the same idempotency key finds its first answer instead of a second seat.
CREATE TABLE as_seat (
    id {{pk}},
    window_id BIGINT REFERENCES as_window (id),
    section_id BIGINT NOT NULL REFERENCES as_section (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    org_path TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    queue_no BIGINT NOT NULL,
    idempotency_key TEXT,
    requested_by BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    joined_on TEXT,
    left_on TEXT,
    CONSTRAINT ck_as_seat_status CHECK (status IN ('confirmed', 'waitlisted', 'dropped', 'left')),
    CONSTRAINT ck_as_seat_source CHECK (source IN ('first_come', 'lottery', 'waitlist', 'mid_term'))
);
CREATE UNIQUE INDEX uq_as_seat_live ON as_seat (section_id, student_id) WHERE status IN ('confirmed', 'waitlisted');
CREATE UNIQUE INDEX uq_as_seat_key ON as_seat (requested_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_as_seat_student ON as_seat (student_id, status);
CREATE INDEX ix_as_seat_section ON as_seat (section_id, status, queue_no);

-- 志愿 A child's ranked wishes in a lottery window; replaced whole on each submission until close.
CREATE TABLE as_wish (
    window_id BIGINT NOT NULL REFERENCES as_window (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    wish_rank INTEGER NOT NULL,
    section_id BIGINT NOT NULL REFERENCES as_section (id),
    submitted_by BIGINT REFERENCES auth_user (id),
    submitted_at TEXT NOT NULL,
    PRIMARY KEY (window_id, student_id, wish_rank)
);

-- The published allocation: one line per wish with its outcome and the lottery facts behind it, so each
-- family can read why and anyone can re-run `kehou allocate --verify`.
CREATE TABLE as_allocation (
    window_id BIGINT NOT NULL REFERENCES as_window (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    wish_rank INTEGER NOT NULL,
    section_id BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    alloc_round INTEGER NOT NULL,
    draw TEXT NOT NULL,
    tier INTEGER NOT NULL,
    cutoff_draw TEXT,
    cutoff_tier INTEGER,
    conflict_with BIGINT,
    PRIMARY KEY (window_id, student_id, wish_rank)
);

-- 消息 In-app notices to a guardian or staff member (no SMS: kehou makes no outbound call).
CREATE TABLE app_notification (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES auth_user (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX ix_app_notification_user ON app_notification (user_id, created_at);
