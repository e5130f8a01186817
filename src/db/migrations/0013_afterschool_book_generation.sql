-- 席位簿版本 One number per school and semester, raised by every write that changes what a seat book
-- holds (a seat taken or given up, a mid-term join, an allocation). A process's in-memory book remembers
-- the number it was built at, and its seat writes require the number to be unchanged: a book another
-- kehou process has overtaken fails its write and is rebuilt, instead of deciding a course limit or a
-- time overlap — which no database constraint checks — from stale counts (docs/scaling.md).
CREATE TABLE as_book_generation (
    school_id BIGINT NOT NULL REFERENCES org_school (id),
    semester TEXT NOT NULL,
    generation BIGINT NOT NULL,
    PRIMARY KEY (school_id, semester)
);
