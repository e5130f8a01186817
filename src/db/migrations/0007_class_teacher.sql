-- Which teachers serve which classes: the head teacher (班主任) and subject teachers. A teacher's data
-- scope is their own classes (DESIGN.md, roles): a teacher reads the students of these classes only.
CREATE TABLE org_class_teacher (
    class_id BIGINT NOT NULL REFERENCES org_class (id),
    teacher_id BIGINT NOT NULL REFERENCES org_teacher (id),
    duty TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (class_id, teacher_id, duty, subject),
    CONSTRAINT ck_org_class_teacher_duty CHECK (duty IN ('head', 'subject'))
);
CREATE INDEX ix_org_class_teacher_t ON org_class_teacher (teacher_id);
