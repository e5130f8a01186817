-- 监护人同意 Guardian consent (PIPL art. 31, RULES R4.2): a child's data beyond statutory duty is
-- processed only with a guardian's recorded consent, per purpose and version of the notice, and the
-- consent can be withdrawn. Rows are never updated except to record the withdrawal.
CREATE TABLE org_consent (
    id {{pk}},
    student_id BIGINT NOT NULL REFERENCES org_student (id),
    guardian_id BIGINT NOT NULL REFERENCES org_guardian (id),
    purpose TEXT NOT NULL,
    notice_version TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    withdrawn_at TEXT,
    CONSTRAINT ck_org_consent_purpose CHECK (purpose IN ('afterschool', 'custody', 'homework_report',
                                                         'enrollment_extra', 'photo'))
);
CREATE INDEX ix_org_consent_student ON org_consent (student_id, purpose);
