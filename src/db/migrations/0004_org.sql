-- The organisation registry: management units (RULES R3.6) -> schools (R3.7) -> classes -> students,
-- guardians, teachers. Every row that belongs to a place carries its materialised org path
-- ("/370800/370811/2137000123/"), so one bound LIKE prefix scopes any query on either engine.
--
-- Personal data (RULES R3.10, R3.11, R4.4): identity numbers, student numbers (a G-number contains the
-- identity number) and mobile numbers are stored sealed (secretbox), with a keyed BLAKE2b hash for
-- exact look-up and the masked form for lists; the plain value is never stored.

CREATE TABLE org_unit (
    code TEXT PRIMARY KEY,
    gbt2260_code TEXT,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_code TEXT,
    org_path TEXT NOT NULL,
    CONSTRAINT uq_org_unit_path UNIQUE (org_path),
    CONSTRAINT ck_org_unit_kind CHECK (kind IN ('city', 'district', 'county', 'county_level_city', 'functional_zone'))
);

CREATE TABLE org_school (
    id {{pk}},
    school_code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    stage TEXT NOT NULL,
    is_public BOOLEAN NOT NULL,
    is_rural BOOLEAN NOT NULL,
    grade_from INTEGER NOT NULL,
    grade_to INTEGER NOT NULL,
    address TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_org_school_code UNIQUE (school_code),
    CONSTRAINT uq_org_school_path UNIQUE (org_path),
    CONSTRAINT ck_org_school_stage CHECK (stage IN ('primary', 'junior_middle', 'nine_year')),
    CONSTRAINT ck_org_school_grades CHECK (grade_from >= 1 AND grade_from <= grade_to AND grade_to <= 9)
);
CREATE INDEX ix_org_school_unit ON org_school (unit_code);

CREATE TABLE org_class (
    id {{pk}},
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    grade INTEGER NOT NULL,
    class_no INTEGER NOT NULL,
    entry_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT uq_org_class UNIQUE (school_id, entry_year, class_no),
    CONSTRAINT ck_org_class_grade CHECK (grade BETWEEN 1 AND 9 AND class_no >= 1)
);
CREATE INDEX ix_org_class_path ON org_class (org_path);

CREATE TABLE org_student (
    id {{pk}},
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    class_id BIGINT NOT NULL REFERENCES org_class (id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    id_number_sealed {{blob}} NOT NULL,
    id_number_hash TEXT NOT NULL,
    id_number_masked TEXT NOT NULL,
    student_number_sealed {{blob}} NOT NULL,
    student_number_hash TEXT NOT NULL,
    student_number_masked TEXT NOT NULL,
    disability BOOLEAN NOT NULL DEFAULT FALSE,
    migrant BOOLEAN NOT NULL DEFAULT FALSE,
    hardship BOOLEAN NOT NULL DEFAULT FALSE,
    left_behind BOOLEAN NOT NULL DEFAULT FALSE,
    military_family BOOLEAN NOT NULL DEFAULT FALSE,
    dual_income BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'enrolled',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT uq_org_student_id_number UNIQUE (id_number_hash),
    CONSTRAINT uq_org_student_number UNIQUE (student_number_hash),
    CONSTRAINT ck_org_student_sex CHECK (sex IN ('male', 'female')),
    CONSTRAINT ck_org_student_status CHECK (status IN ('enrolled', 'transferred', 'graduated'))
);
CREATE INDEX ix_org_student_path ON org_student (org_path, name);
CREATE INDEX ix_org_student_class ON org_student (class_id);

CREATE TABLE org_guardian (
    id {{pk}},
    name TEXT NOT NULL,
    mobile_sealed {{blob}} NOT NULL,
    mobile_hash TEXT NOT NULL,
    mobile_masked TEXT NOT NULL,
    user_id BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX ix_org_guardian_mobile ON org_guardian (mobile_hash);
CREATE INDEX ix_org_guardian_user ON org_guardian (user_id);

CREATE TABLE org_student_guardian (
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    guardian_id BIGINT NOT NULL REFERENCES org_guardian (id),
    relation TEXT NOT NULL,
    pickup_authorised BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (student_id, guardian_id),
    CONSTRAINT ck_org_relation CHECK (relation IN ('father', 'mother', 'grandfather', 'grandmother', 'other'))
);
CREATE INDEX ix_org_student_guardian_g ON org_student_guardian (guardian_id);

CREATE TABLE org_teacher (
    id {{pk}},
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    sex TEXT NOT NULL,
    mobile_sealed {{blob}} NOT NULL,
    mobile_hash TEXT NOT NULL,
    mobile_masked TEXT NOT NULL,
    subjects TEXT NOT NULL,
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    user_id BIGINT REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    CONSTRAINT ck_org_teacher_sex CHECK (sex IN ('male', 'female'))
);
CREATE INDEX ix_org_teacher_path ON org_teacher (org_path);
