#include "afterschool/running_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "afterschool/catalog_repo.hpp"
#include "afterschool/rules.hpp"
#include "afterschool/selection_repo.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/transaction.hpp"

namespace kehou::afterschool {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }
std::string Today() { return ShanghaiDate(std::chrono::system_clock::now()); }

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

/// A date as typed, with its ISO weekday (1 = Monday).
int WeekdayOf(const std::string& date, const char* field) {
    const auto ymd = ParseIsoDate(date);
    if (!ymd) throw Error::BadRequest("afterschool.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", field);
    return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(*ymd)).iso_encoding());
}

std::string CodeHash(std::int64_t student_id, const std::string& on_date, const std::string& code) {
    return crypto::Hash(fmt::format("pickup|{}|{}|{}", student_id, on_date, code));
}

/// The semester a date falls in: September–January autumn (of the year it starts), February–August spring.
std::string SemesterOf(const std::string& date) {
    const int year = std::stoi(date.substr(0, 4)), month = std::stoi(date.substr(5, 2));
    if (month >= 9) return fmt::format("{}-autumn", year);
    if (month == 1) return fmt::format("{}-autumn", year - 1);
    return fmt::format("{}-spring", year);
}

}  // namespace

Course RunningService::CourseOfSection(const Principal& p, std::int64_t section_id, bool write) {
    std::optional<std::int64_t> course_id;
    {
        auto c = database_.Acquire();
        course_id = repo::CourseIdOfSection(*c, section_id);
    }
    if (!course_id) throw Error::NotFound("afterschool.unknown_section", "找不到该课程班", "No such section");
    const Course k = catalog_.GetCourse(SystemPrincipal(), *course_id);
    if (p.role == Role::kTeacher) {
        // A teacher keeps the roll of the courses they teach, and sees nothing of the others.
        const auto own = org_.TeacherIdOfUser(p.user_id);
        if (own && k.teacher_id == own && p.Covers(k.org_path)) return k;
        if (write)
            throw Error::Forbidden("afterschool.not_instructor", "只有任课教师可以为该课程点名",
                                   "Only the course's instructor keeps its roll");
        throw Error::NotFound("afterschool.unknown_section", "找不到该课程班", "No such section");
    }
    if (write) catalog_.SchoolForWrite(p, k.school_id);
    else catalog_.SchoolForRead(p, k.school_id);
    return k;
}

Roll RunningService::GetRoll(const Principal& p, std::int64_t section_id, const std::string& on_date) {
    WeekdayOf(on_date, "date");
    const Course k = CourseOfSection(p, section_id, false);
    Roll roll{section_id, on_date, k.title, "", false, {}};
    for (const auto& s : k.sections)
        if (s.id == section_id) roll.section_label = s.label;
    auto c = database_.Acquire();
    roll.recorded = repo::SessionRecorded(*c, section_id, on_date);
    roll.entries = repo::RollOf(*c, section_id, on_date);
    for (auto& e : roll.entries)
        if (e.status.empty() && e.leave_requested) e.status = "leave";
    return roll;
}

Roll RunningService::MarkRoll(const Principal& p, std::int64_t section_id, const std::string& on_date,
                              const std::vector<Mark>& marks) {
    const int weekday = WeekdayOf(on_date, "date");
    const Course k = CourseOfSection(p, section_id, true);
    if (on_date > Today())
        throw Invalid("afterschool.future_roll", "不能为将来的日期点名", "The roll cannot be taken for a future date", "date");
    const Section* section = nullptr;
    for (const auto& s : k.sections)
        if (s.id == section_id) section = &s;
    int minutes = 0;
    for (const auto& t : section->slots)
        if (t.weekday == weekday) minutes += t.end - t.start;
    if (minutes == 0)
        throw Invalid("afterschool.no_session_that_day", "该课程班当天不上课", "The section does not meet that day", "date");
    const Roll before = GetRoll(p, section_id, on_date);
    std::map<std::int64_t, const RollEntry*> enrolled;
    for (const auto& e : before.entries) enrolled[e.student_id] = &e;
    for (const auto& m : marks) {
        if (!enrolled.contains(m.student_id))
            throw Invalid("afterschool.not_enrolled", "该学生当天不在本课程班", "The child is not in this section that day",
                          "entries").WithDetail("student_id", m.student_id);
        if (m.status != "present" && m.status != "absent" && m.status != "leave")
            throw Invalid("afterschool.bad_status", "考勤状态应为出勤、缺勤或请假", "A mark is present, absent or leave",
                          "entries");
    }
    const auto teacher = p.role == Role::kTeacher ? org_.TeacherIdOfUser(p.user_id) : k.teacher_id;
    const std::string now = Now();
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutSession(*c, section_id, on_date, k.org_path, teacher, minutes, p.user_id, now);
    for (const auto& m : marks) {
        const RollEntry& e = *enrolled.at(m.student_id);
        repo::PutAttendance(*c, section_id, on_date, m.student_id, m.status, p.user_id, now);
        // An absence nobody announced: the guardian hears of it in the app at once, not at pickup time.
        if (m.status == "absent" && e.status != "absent" && !e.leave_requested)
            for (auto user : repo::GuardianUserIds(*c, m.student_id))
                repo::InsertNotification(*c, user, "absence", "课后服务缺勤提醒",
                                         fmt::format("{}今天（{}）未到“{}”（{}），也没有请假，请及时联系学校。", e.student_name,
                                                     on_date, k.title, before.section_label),
                                         now);
    }
    tx.Commit();
    return GetRoll(p, section_id, on_date);
}

LeaveRequest RunningService::FileLeave(const Principal& guardian, std::int64_t student_id, const std::string& from,
                                       const std::string& to, const std::string& reason) {
    const org::Student child = org_.GetChild(guardian, student_id);
    WeekdayOf(from, "from_date");
    WeekdayOf(to, "to_date");
    if (to < from) throw Invalid("afterschool.bad_leave_dates", "结束日期不能早于开始日期", "The leave ends before it starts", "to_date");
    if (from < Today())
        throw Invalid("afterschool.leave_in_past", "请假须提前提交，不能补请过去的日期",
                      "Leave is requested in advance, not for past days", "from_date");
    if (reason.empty()) throw Invalid("afterschool.missing_reason", "请填写请假原因", "Give a reason", "reason");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto id = repo::InsertLeave(*c, student_id, child.org_path, from, to, reason, guardian.user_id, Now());
    tx.Commit();
    for (auto& l : repo::LeavesOf(*c, student_id))
        if (l.id == id) return l;
    throw Error::Internal("leave request vanished");
}

std::vector<LeaveRequest> RunningService::Leaves(const Principal& guardian, std::int64_t student_id) {
    org_.GetChild(guardian, student_id);
    auto c = database_.Acquire();
    return repo::LeavesOf(*c, student_id);
}

PickupCode RunningService::IssuePickupCode(const Principal& guardian, std::int64_t student_id) {
    const org::Student child = org_.GetChild(guardian, student_id);
    std::optional<std::int64_t> guardian_id;
    for (const auto& g : org_.ListGuardians(guardian, student_id))
        if (g.user_id == guardian.user_id && g.pickup_authorised) guardian_id = g.id;
    if (!guardian_id)
        throw Error::Forbidden("afterschool.not_pickup_person", "您不是该学生登记的接送人，请联系学校登记",
                               "You are not registered to pick this child up; ask the school");
    const std::string today = Today();
    const auto random = crypto::RandomKey();
    const std::uint32_t n = (std::uint32_t{random[0]} << 24) | (std::uint32_t{random[1]} << 16) |
                            (std::uint32_t{random[2]} << 8) | std::uint32_t{random[3]};
    PickupCode out{fmt::format("{:06}", n % 1000000), today, 0, std::nullopt};
    const int weekday = WeekdayOf(today, "date");
    auto c = database_.Acquire();
    if (weekday <= 5) {
        const auto semester = SemesterOf(today);
        out.batch_no = repo::DismissalChoices(*c, student_id, semester).at(static_cast<std::size_t>(weekday));
        for (const auto& d : repo::ListServiceDays(*c, child.school_id, semester))
            if (d.weekday == weekday && out.batch_no >= 1 && out.batch_no <= static_cast<int>(d.batch_ends.size()))
                out.batch_end = d.batch_ends[static_cast<std::size_t>(out.batch_no - 1)];
    }
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutPickupCode(*c, student_id, today, child.org_path, CodeHash(student_id, today, out.code), *guardian_id, Now());
    tx.Commit();
    return out;
}

std::vector<PickupEntry> RunningService::PickupList(const Principal& p, std::int64_t school_id,
                                                    const std::string& on_date, int batch_no) {
    catalog_.SchoolForRead(p, school_id);
    const int weekday = WeekdayOf(on_date, "date");
    if (weekday > 5) return {};
    const std::string semester = SemesterOf(on_date);
    auto c = database_.Acquire();
    int last_batch = 0;
    for (const auto& d : repo::ListServiceDays(*c, school_id, semester))
        if (d.weekday == weekday) last_batch = static_cast<int>(d.batch_ends.size());
    return repo::PickupList(*c, school_id, semester, weekday, batch_no, on_date, last_batch);
}

PickupEntry RunningService::ConfirmPickup(const Principal& p, std::int64_t school_id, std::int64_t student_id,
                                          const std::string& code) {
    catalog_.SchoolForWrite(p, school_id);  // duty teachers and administrators of the school
    const std::string today = Today();
    auto c = database_.Acquire();
    const auto pickup = repo::PickupOf(*c, student_id, today);
    // Only a code issued today to an authorised pickup person of this child opens the gate.
    if (!pickup || !crypto::Equal(pickup->first, CodeHash(student_id, today, code)))
        throw Invalid("afterschool.bad_pickup_code", "接送码不正确或已过期", "Wrong or expired pickup code", "code");
    if (pickup->second)
        throw Error::Conflict("afterschool.already_picked_up", "该学生今天已被接走", "The child was already picked up today");
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::MarkPickedUp(*c, student_id, today, p.user_id, Now());
    tx.Commit();
    for (auto& e : PickupList(p, school_id, today, 0))
        if (e.student_id == student_id) return e;
    return {student_id, "", "", 0, Now()};
}

void RunningService::Rate(const Principal& guardian, std::int64_t student_id, std::int64_t course_id, int score,
                          const std::string& comment) {
    org_.GetChild(guardian, student_id);
    if (score < 1 || score > 5) throw Invalid("afterschool.bad_score", "评分为 1 至 5 分", "Scores are 1–5", "score");
    auto c = database_.Acquire();
    if (!repo::TookCourse(*c, student_id, course_id))
        throw Error::NotFound("afterschool.unknown_course", "孩子没有参加该课程", "The child did not take this course");
    db::Transaction tx(*c, db::TxMode::kWrite);
    try {
        repo::PutRating(*c, course_id, student_id, score, comment, guardian.user_id, Now());
    } catch (const db::DbError& e) {
        if (e.kind() != db::DbErrorKind::kUnique) throw;
        throw Error::Conflict("afterschool.already_rated", "每学期每门课程只能评价一次", "A course is rated once a semester");
    }
    tx.Commit();
}

std::vector<repo::ChildRating> RunningService::ChildRatings(const Principal& guardian, std::int64_t student_id) {
    org_.GetChild(guardian, student_id);
    auto c = database_.Acquire();
    return repo::RatingsOfChild(*c, student_id);
}

std::vector<Course> RunningService::MySections(const Principal& teacher, const std::string& semester) {
    CheckSemester(semester);
    const auto own = org_.TeacherIdOfUser(teacher.user_id);
    const auto record = own ? org_.FindTeacher(*own) : std::nullopt;
    if (!record) return {};
    std::vector<Course> out;
    for (auto& k : catalog_.ListCourses(SystemPrincipal(), record->school_id, semester))
        if (k.teacher_id == own) out.push_back(std::move(k));
    return out;
}

std::vector<RatingSummary> RunningService::Ratings(const Principal& p, std::int64_t school_id,
                                                   const std::string& semester) {
    catalog_.SchoolForRead(p, school_id);
    CheckSemester(semester);
    auto c = database_.Acquire();
    return repo::RatingsOfSchool(*c, school_id, semester);
}

std::vector<repo::Notice> RunningService::Notices(const Principal& p) {
    auto c = database_.Acquire();
    return repo::NoticesOf(*c, p.user_id, 50);
}

void RunningService::MarkNoticeRead(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    if (!repo::MarkNoticeRead(*c, p.user_id, id, Now()))
        throw Error::NotFound("notification.not_found", "找不到该消息", "No such notice");
    tx.Commit();
}

}  // namespace kehou::afterschool
