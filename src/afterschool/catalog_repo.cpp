#include "afterschool/catalog_repo.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "afterschool/rules.hpp"

namespace kehou::afterschool::repo {
namespace {

constexpr db::Query kCategories{"afterschool.categories",
                                "SELECT code, name, name_en, subject_type, new_lessons FROM as_course_category"
                                " ORDER BY sort_order"};
constexpr db::Query kCategory{"afterschool.category",
                              "SELECT code, name, name_en, subject_type, new_lessons FROM as_course_category"
                              " WHERE code = $1"};
#define KEHOU_PROVIDER_COLUMNS \
    "SELECT id, name, credit_code, unit_code, org_path, category, free_public_benefit, status, admitted_at FROM as_provider"
constexpr db::Query kProviders{"afterschool.providers",
                               KEHOU_PROVIDER_COLUMNS " WHERE org_path LIKE $1 || '%' OR $1 LIKE org_path || '%'"
                                                      " ORDER BY unit_code, name"};
constexpr db::Query kProvider{"afterschool.provider", KEHOU_PROVIDER_COLUMNS " WHERE id = $1"};
#undef KEHOU_PROVIDER_COLUMNS
constexpr db::Query kInsertProvider{
    "afterschool.insert_provider",
    "INSERT INTO as_provider (name, credit_code, unit_code, org_path, category, free_public_benefit, status, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, 'applied', $7) RETURNING id"};
constexpr db::Query kProviderStatus{"afterschool.provider_status",
                                    "UPDATE as_provider SET status = $2, admitted_at = $3 WHERE id = $1"};

#define KEHOU_COURSE_COLUMNS                                                                                     \
    "SELECT c.id, c.school_id, s.name, c.org_path, c.semester, c.title, c.category, k.name, c.description,"      \
    " c.grade_from, c.grade_to, c.instructor_kind, c.teacher_id, c.provider_id, c.instructor_name,"              \
    " c.fee_per_hour_fen, c.status FROM as_course c JOIN org_school s ON s.id = c.school_id"                     \
    " JOIN as_course_category k ON k.code = c.category"
constexpr db::Query kCourses{"afterschool.courses",
                             KEHOU_COURSE_COLUMNS " WHERE c.org_path LIKE $1 || '%' AND c.school_id = $2"
                                                  " AND c.semester = $3 ORDER BY k.sort_order, c.id"};
constexpr db::Query kCourse{"afterschool.course",
                            KEHOU_COURSE_COLUMNS " WHERE c.org_path LIKE $1 || '%' AND c.id = $2"};
#undef KEHOU_COURSE_COLUMNS
constexpr db::Query kSections{
    "afterschool.sections",
    "SELECT x.id, x.course_id, x.school_id, x.label, x.venue, x.capacity, x.taken, x.weeks,"
    " (SELECT COUNT(*) FROM as_seat w WHERE w.section_id = x.id AND w.status = 'waitlisted')"
    " FROM as_section x WHERE x.school_id = $1 AND x.semester = $2 ORDER BY x.id"};
constexpr db::Query kSlots{"afterschool.slots",
                           "SELECT t.section_id, t.weekday, t.start_minute, t.end_minute FROM as_section_slot t"
                           " JOIN as_section x ON x.id = t.section_id WHERE x.school_id = $1 AND x.semester = $2"
                           " ORDER BY t.section_id, t.weekday, t.start_minute"};
constexpr db::Query kInsertCourse{
    "afterschool.insert_course",
    "INSERT INTO as_course (school_id, org_path, semester, title, category, description, grade_from, grade_to,"
    " instructor_kind, teacher_id, provider_id, instructor_name, fee_per_hour_fen, status, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'published', $14) RETURNING id"};
constexpr db::Query kInsertSection{
    "afterschool.insert_section",
    "INSERT INTO as_section (course_id, school_id, org_path, semester, label, venue, capacity, taken, weeks)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) RETURNING id"};
constexpr db::Query kInsertSlot{"afterschool.insert_slot",
                                "INSERT INTO as_section_slot (section_id, weekday, start_minute, end_minute)"
                                " VALUES ($1, $2, $3, $4)"};
constexpr db::Query kCourseStatus{"afterschool.course_status", "UPDATE as_course SET status = $2 WHERE id = $1"};

constexpr db::Query kServiceDays{"afterschool.service_days",
                                 "SELECT weekday, lessons_end, batch_ends FROM as_dismissal_day"
                                 " WHERE school_id = $1 AND semester = $2 ORDER BY weekday"};
constexpr db::Query kDeleteServiceDays{"afterschool.delete_service_days",
                                       "DELETE FROM as_dismissal_day WHERE school_id = $1 AND semester = $2"};
constexpr db::Query kInsertServiceDay{
    "afterschool.insert_service_day",
    "INSERT INTO as_dismissal_day (school_id, org_path, semester, weekday, lessons_end, batch_ends, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr db::Query kChoices{"afterschool.dismissal_choices",
                             "SELECT weekday, batch_no FROM as_dismissal_choice WHERE student_id = $1 AND semester = $2"};
constexpr db::Query kPutChoice{
    "afterschool.put_dismissal_choice",
    "INSERT INTO as_dismissal_choice (student_id, semester, weekday, batch_no, chosen_by, chosen_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (student_id, semester, weekday) DO UPDATE SET"
    " batch_no = excluded.batch_no, chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at"};

CategoryInfo ReadCategory(const db::Row& r) {
    return {{r.Text(0), r.Int(3) != 0, r.Int(4) != 0}, r.Text(1), r.Text(2)};
}

Provider ReadProvider(const db::Row& r) {
    return {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6) != 0, r.Text(7), r.OptText(8)};
}

Course ReadCourse(const db::Row& r) {
    Course k;
    k.id = r.Int(0);
    k.school_id = r.Int(1);
    k.school_name = r.Text(2);
    k.org_path = r.Text(3);
    k.semester = r.Text(4);
    k.title = r.Text(5);
    k.category = r.Text(6);
    k.category_name = r.Text(7);
    k.description = r.Text(8);
    k.grade_from = static_cast<int>(r.Int(9));
    k.grade_to = static_cast<int>(r.Int(10));
    k.instructor_kind = r.Text(11);
    k.teacher_id = r.OptInt(12);
    k.provider_id = r.OptInt(13);
    k.instructor_name = r.Text(14);
    k.fee_per_hour_fen = r.Int(15);
    k.status = r.Text(16);
    return k;
}

/// Attaches each school-semester section (with its slots) to its course.
void AttachSections(db::Connection& c, std::vector<Course>& courses, std::int64_t school_id,
                    const std::string& semester) {
    auto slots = SlotsOfSchool(c, school_id, semester);
    std::map<std::int64_t, Course*> by_id;
    for (auto& k : courses) by_id[k.id] = &k;
    for (const auto& r : c.Query(kSections, {school_id, semester})) {
        const auto it = by_id.find(r.Int(1));
        if (it == by_id.end()) continue;
        Section s{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), static_cast<int>(r.Int(5)),
                  static_cast<int>(r.Int(6)), static_cast<int>(r.Int(8)), static_cast<int>(r.Int(7)), slots[r.Int(0)]};
        it->second->sections.push_back(std::move(s));
    }
}

std::string JoinTimes(const std::vector<MinuteOfDay>& ends) {
    std::string out;
    for (auto m : ends) out += (out.empty() ? "" : ",") + FormatTimeOfDay(m);
    return out;
}

std::vector<MinuteOfDay> SplitTimes(const std::string& text) {
    std::vector<MinuteOfDay> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');)
        if (auto m = ParseTimeOfDay(part)) out.push_back(*m);
    return out;
}

}  // namespace

std::vector<CategoryInfo> ListCategories(db::Connection& c) {
    std::vector<CategoryInfo> out;
    for (const auto& r : c.Query(kCategories)) out.push_back(ReadCategory(r));
    return out;
}

std::optional<CategoryInfo> FindCategory(db::Connection& c, const std::string& code) {
    return db::QueryOne(c, kCategory, {code}, ReadCategory);
}

std::vector<Provider> ListProviders(db::Connection& c, const std::string& scope) {
    std::vector<Provider> out;
    for (const auto& r : c.Query(kProviders, {scope})) out.push_back(ReadProvider(r));
    return out;
}

std::optional<Provider> FindProvider(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kProvider, {id}, ReadProvider);
}

std::int64_t InsertProvider(db::Connection& c, const ProviderInput& in, const std::string& org_path,
                            const std::string& now) {
    return c.Query(kInsertProvider, {in.name, in.credit_code, in.unit_code, org_path, in.category,
                                     std::int64_t{in.free_public_benefit}, now})[0]
        .Int(0);
}

void SetProviderStatus(db::Connection& c, std::int64_t id, const std::string& status,
                       const std::optional<std::string>& admitted_at) {
    c.Execute(kProviderStatus, {id, status, db::Opt(admitted_at)});
}

std::vector<Course> ListCourses(db::Connection& c, const std::string& scope, std::int64_t school_id,
                                const std::string& semester) {
    std::vector<Course> out;
    for (const auto& r : c.Query(kCourses, {scope, school_id, semester})) out.push_back(ReadCourse(r));
    AttachSections(c, out, school_id, semester);
    return out;
}

std::optional<Course> FindCourse(db::Connection& c, const std::string& scope, std::int64_t course_id) {
    auto k = db::QueryOne(c, kCourse, {scope, course_id}, ReadCourse);
    if (!k) return k;
    std::vector<Course> one{std::move(*k)};
    AttachSections(c, one, one[0].school_id, one[0].semester);
    return std::move(one[0]);
}

std::int64_t InsertCourse(db::Connection& c, const CourseInput& in, const std::string& org_path,
                          const std::string& instructor_name, const std::string& now) {
    const auto id = c.Query(kInsertCourse, {in.school_id, org_path, in.semester, in.title, in.category,
                                            in.description, std::int64_t{in.grade_from}, std::int64_t{in.grade_to},
                                            in.instructor_kind, db::Opt(in.teacher_id), db::Opt(in.provider_id),
                                            instructor_name, in.fee_per_hour_fen, now})[0]
                        .Int(0);
    for (const auto& slots : in.sections) {
        const auto sid = c.Query(kInsertSection, {id, in.school_id, org_path, in.semester, SlotsLabel(slots),
                                                  in.venue, std::int64_t{in.capacity}, std::int64_t{in.weeks}})[0]
                             .Int(0);
        for (const auto& t : slots)
            c.Execute(kInsertSlot, {sid, std::int64_t{t.weekday}, std::int64_t{t.start}, std::int64_t{t.end}});
    }
    return id;
}

void SetCourseStatus(db::Connection& c, std::int64_t course_id, const std::string& status) {
    c.Execute(kCourseStatus, {course_id, status});
}

std::vector<ServiceDay> ListServiceDays(db::Connection& c, std::int64_t school_id, const std::string& semester) {
    std::vector<ServiceDay> out;
    for (const auto& r : c.Query(kServiceDays, {school_id, semester}))
        out.push_back({static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), SplitTimes(r.Text(2))});
    return out;
}

void ReplaceServiceDays(db::Connection& c, std::int64_t school_id, const std::string& org_path,
                        const std::string& semester, const std::vector<ServiceDay>& days, const std::string& now) {
    c.Execute(kDeleteServiceDays, {school_id, semester});
    for (const auto& d : days)
        c.Execute(kInsertServiceDay, {school_id, org_path, semester, std::int64_t{d.weekday},
                                      std::int64_t{d.lessons_end}, JoinTimes(d.batch_ends), now});
}

std::vector<int> DismissalChoices(db::Connection& c, std::int64_t student_id, const std::string& semester) {
    std::vector<int> out(6, 0);
    for (const auto& r : c.Query(kChoices, {student_id, semester}))
        if (r.Int(0) >= 1 && r.Int(0) <= 5) out[static_cast<std::size_t>(r.Int(0))] = static_cast<int>(r.Int(1));
    return out;
}

void PutDismissalChoice(db::Connection& c, std::int64_t student_id, const std::string& semester, int weekday,
                        int batch_no, std::int64_t user_id, const std::string& now) {
    c.Execute(kPutChoice, {student_id, semester, std::int64_t{weekday}, std::int64_t{batch_no},
                           user_id > 0 ? db::Value{user_id} : db::Null(), now});
}

std::map<std::int64_t, std::vector<TimeSlot>> SlotsOfSchool(db::Connection& c, std::int64_t school_id,
                                                           const std::string& semester) {
    std::map<std::int64_t, std::vector<TimeSlot>> slots;
    for (const auto& r : c.Query(kSlots, {school_id, semester}))
        slots[r.Int(0)].push_back({static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3))});
    return slots;
}

std::string SlotsLabel(const std::vector<TimeSlot>& slots) {
    static const char* const kDays[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    std::string out;
    for (const auto& t : slots)
        out += fmt::format("{}{} {}–{}", out.empty() ? "" : "，", kDays[t.weekday], FormatTimeOfDay(t.start),
                           FormatTimeOfDay(t.end));
    return out;
}

}  // namespace kehou::afterschool::repo
