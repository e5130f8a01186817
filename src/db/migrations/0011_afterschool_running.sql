-- Running the service: sessions held (instructor hours), attendance, guardians' leave requests, pickup
-- by dismissal batch with a one-day code, and guardians' course ratings.

-- 课时 A section's meeting on a date, recorded when the roll is taken: who taught and for how long
-- (teacher participation and instructor hours).
CREATE TABLE as_session (
    section_id BIGINT NOT NULL REFERENCES as_section (id),
    on_date TEXT NOT NULL,
    org_path TEXT NOT NULL,
    teacher_id BIGINT REFERENCES org_teacher (id),
    minutes INTEGER NOT NULL,
    recorded_by BIGINT REFERENCES auth_user (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (section_id, on_date),
    CONSTRAINT ck_as_session_minutes CHECK (minutes BETWEEN 1 AND 600)
);
CREATE INDEX ix_as_session_path ON as_session (org_path, on_date);

-- 考勤 One child's mark in one session.
CREATE TABLE as_attendance (
    section_id BIGINT NOT NULL REFERENCES as_section (id),
    on_date TEXT NOT NULL,
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    status TEXT NOT NULL,
    marked_by BIGINT REFERENCES auth_user (id),
    marked_at TEXT NOT NULL,
    PRIMARY KEY (section_id, on_date, student_id),
    CONSTRAINT ck_as_attendance_status CHECK (status IN ('present', 'absent', 'leave'))
);
CREATE INDEX ix_as_attendance_student ON as_attendance (student_id, on_date);

-- 请假 A guardian's leave request for a child, over whole days; it pre-fills the roll.
CREATE TABLE as_leave_request (
    id {{pk}},
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    org_path TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    filed_by BIGINT REFERENCES auth_user (id),
    filed_at TEXT NOT NULL,
    cancelled_at TEXT,
    CONSTRAINT ck_as_leave_dates CHECK (from_date <= to_date)
);
CREATE INDEX ix_as_leave_student ON as_leave_request (student_id, from_date);

-- 接送 A child's pickup on a date: the code shown on an authorised guardian's phone (stored hashed),
-- and when and by whom the duty teacher confirmed it.
CREATE TABLE as_pickup (
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    on_date TEXT NOT NULL,
    org_path TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    issued_to BIGINT NOT NULL REFERENCES org_guardian (id),
    issued_at TEXT NOT NULL,
    picked_at TEXT,
    confirmed_by BIGINT REFERENCES auth_user (id),
    PRIMARY KEY (student_id, on_date)
);

-- 课程评价 A guardian's rating of a course the child took, once per child and course (a course belongs
-- to one semester).
CREATE TABLE as_rating (
    course_id BIGINT NOT NULL REFERENCES as_course (id),
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    score INTEGER NOT NULL,
    comment TEXT NOT NULL,
    rated_by BIGINT REFERENCES auth_user (id),
    rated_at TEXT NOT NULL,
    PRIMARY KEY (course_id, student_id),
    CONSTRAINT ck_as_rating_score CHECK (score BETWEEN 1 AND 5)
);
