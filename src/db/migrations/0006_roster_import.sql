-- 花名册导入 A roster upload waiting for its uploader's confirmation. The file itself is personal data, so
-- it is kept sealed (like identity numbers) and discarded once confirmed or expired; confirming re-reads
-- it, so what is written is exactly what was previewed.
CREATE TABLE org_import (
    id {{pk}},
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    created_by BIGINT NOT NULL REFERENCES auth_user (id),
    created_at TEXT NOT NULL,
    encoding TEXT NOT NULL,
    good_rows INTEGER NOT NULL,
    bad_rows INTEGER NOT NULL,
    payload_sealed {{blob}},
    status TEXT NOT NULL DEFAULT 'pending',
    confirmed_at TEXT,
    CONSTRAINT ck_org_import_status CHECK (status IN ('pending', 'confirmed', 'expired'))
);
