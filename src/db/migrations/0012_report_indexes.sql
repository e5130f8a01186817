-- Narrow indexes for the participation report at city scale (issue 5: < 200 ms from a warm server).
-- The report counts, per school, 830,000 pupils and 1.1 M seats; the tables' own rows are wide (sealed
-- identity numbers), so each count reads an index instead and never touches a row.

-- Enrolled pupils per school.
CREATE INDEX ix_org_student_school ON org_student (school_id, status);
-- Teachers per school, and the teachers teaching a published course of a semester per school.
CREATE INDEX ix_org_teacher_school ON org_teacher (school_id);
CREATE INDEX ix_as_course_teaching ON as_course (semester, school_id, status, teacher_id);

-- Children served per school: the seats of a section by status, with the child, so COUNT(DISTINCT child)
-- reads the index alone. Same leading columns as before (the selection's queries use section, status and
-- queue number unchanged); the child is appended, so seats still go into one index of this kind, not two.
DROP INDEX ix_as_seat_section;
CREATE INDEX ix_as_seat_section ON as_seat (section_id, status, queue_no, student_id);

-- The change marks the report's cache is checked against (afterschool/report_cache.hpp): the newest
-- updated_at of pupils and of seats, each one index look-up. Every insert and update of these rows sets
-- updated_at, so a change moves either the newest time or the largest id.
CREATE INDEX ix_org_student_updated ON org_student (updated_at);
CREATE INDEX ix_as_seat_updated ON as_seat (updated_at);
