-- 课程超市 The after-school catalogue: course categories, the county's provider white list, courses and
-- their sections (one course at one weekly time with a capacity), and each school's dismissal batches
-- (弹性离校). RULES R1.5–R1.9, R1.14, R2.1–R2.4.

-- Categories carry the two flags publication checks: 学科类 content (R1.14, never from a provider, R2.3a)
-- and collective teaching of new lessons (R1.8f, never allowed). The rows are reference data.
CREATE TABLE as_course_category (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    subject_type BOOLEAN NOT NULL,
    new_lessons BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);
INSERT INTO as_course_category (code, name, name_en, subject_type, new_lessons, sort_order) VALUES
    ('homework_help', '作业辅导', 'Homework help', FALSE, FALSE, 1),
    ('traditional_culture', '传统文化', 'Traditional culture', FALSE, FALSE, 2),
    ('sport', '体育', 'Sport', FALSE, FALSE, 3),
    ('art', '艺术', 'Arts', FALSE, FALSE, 4),
    ('stem', '科技', 'Science and technology', FALSE, FALSE, 5),
    ('labour', '劳动实践', 'Labour practice', FALSE, FALSE, 6),
    ('mental_health', '心理健康', 'Mental health', FALSE, FALSE, 7),
    ('reading', '阅读', 'Reading', FALSE, FALSE, 8),
    ('subject_extension', '学科拓展', 'Subject extension', TRUE, FALSE, 9),
    ('new_lessons', '集体讲授新课', 'Collective teaching of new lessons', TRUE, TRUE, 10);

-- 第三方机构 A provider on a county's white list (准入, R2.3b/c, R2.4a). Its full life cycle is the
-- providers module's; here only what publication needs.
CREATE TABLE as_provider (
    id {{pk}},
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    category TEXT NOT NULL,
    free_public_benefit BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    admitted_at TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_as_provider UNIQUE (unit_code, credit_code),
    CONSTRAINT ck_as_provider_category CHECK (category IN ('sport', 'art', 'stem', 'labour', 'traditional_culture',
                                                           'reading', 'mental_health')),
    CONSTRAINT ck_as_provider_status CHECK (status IN ('applied', 'admitted', 'suspended', 'exited'))
);
CREATE INDEX ix_as_provider_path ON as_provider (org_path);

CREATE TABLE as_course (
    id {{pk}},
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    semester TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL REFERENCES as_course_category (code),
    description TEXT NOT NULL,
    grade_from INTEGER NOT NULL,
    grade_to INTEGER NOT NULL,
    instructor_kind TEXT NOT NULL,
    teacher_id BIGINT REFERENCES org_teacher (id),
    provider_id BIGINT REFERENCES as_provider (id),
    instructor_name TEXT NOT NULL,
    fee_per_hour_fen BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'published',
    created_at TEXT NOT NULL,
    CONSTRAINT ck_as_course_grades CHECK (grade_from >= 1 AND grade_from <= grade_to AND grade_to <= 9),
    CONSTRAINT ck_as_course_fee CHECK (fee_per_hour_fen BETWEEN 0 AND 350),
    CONSTRAINT ck_as_course_instructor CHECK (instructor_kind IN ('own_teacher', 'retired_teacher', 'volunteer',
                                                                  'provider')),
    CONSTRAINT ck_as_course_status CHECK (status IN ('published', 'closed'))
);
CREATE INDEX ix_as_course_path ON as_course (org_path, semester);

-- 开课班 A section: a course at its weekly times with a capacity. `taken` counts confirmed seats; the
-- CHECK keeps the never-oversold invariant even against a bug above it.
CREATE TABLE as_section (
    id {{pk}},
    course_id BIGINT NOT NULL REFERENCES as_course (id),
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    semester TEXT NOT NULL,
    label TEXT NOT NULL,
    venue TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    taken INTEGER NOT NULL DEFAULT 0,
    weeks INTEGER NOT NULL,
    CONSTRAINT ck_as_section_seats CHECK (capacity >= 1 AND taken >= 0 AND taken <= capacity),
    CONSTRAINT ck_as_section_weeks CHECK (weeks BETWEEN 1 AND 26)
);
CREATE INDEX ix_as_section_course ON as_section (course_id);
CREATE INDEX ix_as_section_school ON as_section (school_id, semester);

CREATE TABLE as_section_slot (
    section_id BIGINT NOT NULL REFERENCES as_section (id),
    weekday INTEGER NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    PRIMARY KEY (section_id, weekday, start_minute),
    CONSTRAINT ck_as_slot CHECK (weekday BETWEEN 1 AND 7 AND start_minute >= 0 AND start_minute < end_minute
                                 AND end_minute <= 1440)
);

-- 弹性离校 A school's service day per weekday: when lessons end and the ordered batch end times (R1.9).
CREATE TABLE as_dismissal_day (
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    semester TEXT NOT NULL,
    weekday INTEGER NOT NULL,
    lessons_end INTEGER NOT NULL,
    batch_ends TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (school_id, semester, weekday),
    CONSTRAINT ck_as_dismissal_weekday CHECK (weekday BETWEEN 1 AND 5)
);

-- A child's chosen batch per weekday, set by a guardian; changeable during the semester (R1.8c, R1.9).
CREATE TABLE as_dismissal_choice (
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    semester TEXT NOT NULL,
    weekday INTEGER NOT NULL,
    batch_no INTEGER NOT NULL,
    chosen_by BIGINT REFERENCES auth_user (id),
    chosen_at TEXT NOT NULL,
    PRIMARY KEY (student_id, semester, weekday)
);
