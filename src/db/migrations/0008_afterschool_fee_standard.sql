-- 收费标准 A county's (or the city's) after-school fee standard for one semester (RULES R2.1, R2.2) with
-- the local off-work time and the offset after it (R1.5, R1.6). A county's own standard wins over the
-- city's; the CHECKs hold the provincial caps even against a bug in the application.
CREATE TABLE as_fee_standard (
    id {{pk}},
    unit_code TEXT NOT NULL REFERENCES org_unit (code),
    org_path TEXT NOT NULL,
    semester TEXT NOT NULL,
    rural_per_hour_fen BIGINT NOT NULL,
    urban_per_hour_fen BIGINT NOT NULL,
    per_semester_cap_fen BIGINT,
    per_month_cap_fen BIGINT,
    local_off_work TEXT NOT NULL,
    end_offset_minutes INTEGER NOT NULL,
    published_by BIGINT REFERENCES auth_user (id),
    published_at TEXT NOT NULL,
    CONSTRAINT uq_as_fee_standard UNIQUE (unit_code, semester),
    CONSTRAINT ck_as_fee_rural CHECK (rural_per_hour_fen BETWEEN 0 AND 300),
    CONSTRAINT ck_as_fee_urban CHECK (urban_per_hour_fen BETWEEN 0 AND 350)
);
