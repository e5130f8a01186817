#pragma once
// SQL of fees and statistics: aggregates per school (participation, seats) and the sessions each child was
// charged for, grouped so that the policy arithmetic stays in rules.cpp.

#include <map>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace kehou::afterschool::repo {

/// One school's after-school figures for a semester.
struct SchoolFigures {
    std::int64_t school_id = 0;
    std::string school_name, unit_code, org_path;
    std::int64_t students = 0, served = 0, teachers = 0, teaching = 0;
    std::int64_t courses = 0, sections = 0, capacity = 0, taken = 0, waitlisted = 0;
};
/// Every school inside `scope`, with its figures for the semester (schools without service included).
std::vector<SchoolFigures> FiguresBySchool(db::Connection& c, const std::string& scope, const std::string& semester);

/// The figures counted from the two large tables — pupils and seats — that the report's cache keeps.
struct HeavyCounts {
    std::int64_t students = 0, served = 0, waitlisted = 0;
};
using HeavyCountsBySchool = std::map<std::int64_t, HeavyCounts>;
HeavyCountsBySchool CountHeavy(db::Connection& c, const std::string& scope, const std::string& semester);
/// Every school inside `scope` with the figures counted from the small tables (teachers, courses,
/// sections); the heavy counts are left at 0 for the caller to add.
std::vector<SchoolFigures> LightFiguresBySchool(db::Connection& c, const std::string& scope,
                                                const std::string& semester);
/// Adds heavy counts into the figures of their schools.
void AddHeavy(std::vector<SchoolFigures>& figures, const HeavyCountsBySchool& heavy);

/// What changes whenever a pupil or a seat row is written: the largest id and the newest updated_at
/// (RFC 3339 text; empty for an empty table) of each table, each read by one index look-up.
struct ChangeMarks {
    std::int64_t student_id = 0, seat_id = 0;
    std::string student_updated, seat_updated;
    bool operator==(const ChangeMarks&) const = default;
};
ChangeMarks ReadChangeMarks(db::Connection& c);

/// Sessions a child is charged for, grouped: (student, month, hourly rate, session minutes) → sessions.
struct ChargedSessions {
    std::int64_t student_id = 0;
    std::string course_title;
    int month = 0;
    std::int64_t rate_fen = 0;
    int minutes = 0;
    int sessions = 0;
};
/// [D] A child is charged for each session held while it held the seat (joined_on ≤ date < left_on) in
/// which it was not marked absent or on leave. `student_id` 0 means every child of the school.
std::vector<ChargedSessions> ChargedSessionsOf(db::Connection& c, std::int64_t school_id, const std::string& semester,
                                               std::int64_t student_id);

/// Per course of a school's semester: sections, capacity, seats taken, waitlist.
struct CourseFill {
    std::int64_t course_id = 0;
    std::string title, category_name, instructor_name;
    std::int64_t sections = 0, capacity = 0, taken = 0, waitlisted = 0;
};
std::vector<CourseFill> FillOfSchool(db::Connection& c, std::int64_t school_id, const std::string& semester);

/// (name, class name, hardship) of the students of a school, for statements.
struct ChildFacts {
    std::string name, class_name;
    bool hardship = false;
};
std::map<std::int64_t, ChildFacts> ChildFactsOfSchool(db::Connection& c, std::int64_t school_id);

}  // namespace kehou::afterschool::repo
