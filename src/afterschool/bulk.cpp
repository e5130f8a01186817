#include "afterschool/bulk.hpp"

#include <algorithm>
#include <string_view>

#include "afterschool/allocation.hpp"
#include "afterschool/catalog_repo.hpp"
#include "afterschool/fee_standard.hpp"
#include "afterschool/rules.hpp"
#include "core/ids.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {
namespace {

// The registry as the seed reads it, right after writing it (every pupil enrolled). Pupils go through their
// classes: org_class is indexed by school and org_student by class, and the class index alone answers, so a
// city's 830,000 pupils are read without touching their (large, sealed) rows.
constexpr db::Query kSchools{
    "afterschool.bulk_schools",
    "SELECT id, school_code, name, unit_code, org_path, stage, is_public, is_rural, grade_from,"
    " grade_to, address FROM org_school ORDER BY id"};
constexpr db::Query kTeachers{"afterschool.bulk_teachers",
                              "SELECT id, school_id, name, subjects, retired FROM org_teacher ORDER BY id"};
constexpr db::Query kPupils{"afterschool.bulk_pupils",
                            "SELECT st.id, k.grade FROM org_class k JOIN org_student st ON st.class_id = k.id"
                            " WHERE k.school_id = $1 ORDER BY st.id"};

// The rows as the services write them (fee_standard.cpp, catalog_repo.cpp, selection_repo.cpp).
constexpr db::Query kInsertFeeStandard{
    "afterschool.bulk_fee_standard",
    "INSERT INTO as_fee_standard (unit_code, org_path, semester, rural_per_hour_fen, urban_per_hour_fen,"
    " per_semester_cap_fen, per_month_cap_fen, local_off_work, end_offset_minutes, published_by, published_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10)"};
constexpr db::Query kInsertProvider{
    "afterschool.bulk_provider",
    "INSERT INTO as_provider (name, credit_code, unit_code, org_path, category, free_public_benefit, status,"
    " admitted_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'admitted', $7, $8) RETURNING id"};
constexpr db::Query kInsertServiceDay{
    "afterschool.bulk_service_day",
    "INSERT INTO as_dismissal_day (school_id, org_path, semester, weekday, lessons_end, batch_ends, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr db::Query kInsertCourse{
    "afterschool.bulk_course",
    "INSERT INTO as_course (school_id, org_path, semester, title, category, description, grade_from, grade_to,"
    " instructor_kind, teacher_id, provider_id, instructor_name, fee_per_hour_fen, status, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'published', $14) RETURNING id"};
constexpr db::Query kInsertSection{
    "afterschool.bulk_section",
    "INSERT INTO as_section (course_id, school_id, org_path, semester, label, venue, capacity, taken, weeks)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr db::Query kInsertWindow{
    "afterschool.bulk_window",
    "INSERT INTO as_window (unit_code, school_id, org_path, semester, title, mode, opens_at, closes_at, max_wishes,"
    " course_limit, priority_order, seed_commitment, seed, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, $14) RETURNING id"};
// Many-row statements for the two tables with most rows. The texts are made at compile time and hold
// placeholders only; SQLite also evaluates a table's CHECK lists once per statement, not once per row.
template <std::size_t N>
struct SqlText {
    char text[N] = {};
    std::size_t size = 0;

    constexpr void Append(std::string_view s) {
        for (char c : s) text[size++] = c;
    }
    constexpr void Placeholder(int n) {
        text[size++] = '$';
        if (n >= 10) text[size++] = static_cast<char>('0' + n / 10);
        text[size++] = static_cast<char>('0' + n % 10);
    }
    constexpr std::string_view view() const { return {text, size}; }
};

// A first-come seat as SelectionService::Select confirms it, less the request's key and account: $1 the
// window and $2 the school's path are shared, then four a seat (section, child, queue number, time).
constexpr int kSeatRows = 16;
static_assert(2 + 4 * kSeatRows <= 99, "the data layer binds at most 99 parameters");

template <int Rows>
constexpr SqlText<256 + Rows * 96> SeatsText() {
    SqlText<256 + Rows * 96> t;
    t.Append(
        "INSERT INTO as_seat (window_id, section_id, student_id, org_path, status, source, queue_no,"
        " idempotency_key, requested_by, created_at, updated_at, joined_on) VALUES ");
    for (int r = 0; r < Rows; ++r) {
        const int p = 3 + 4 * r;
        t.Append(r == 0 ? "($1, " : ", ($1, ");
        t.Placeholder(p);
        t.Append(", ");
        t.Placeholder(p + 1);
        t.Append(", $2, 'confirmed', 'first_come', ");
        t.Placeholder(p + 2);
        t.Append(", NULL, NULL, ");
        t.Placeholder(p + 3);
        t.Append(", ");
        t.Placeholder(p + 3);
        t.Append(", NULL)");
    }
    return t;
}
constexpr auto kSeatsText = SeatsText<kSeatRows>();
constexpr auto kSeatText = SeatsText<1>();
constexpr db::Query kInsertSeats{"afterschool.bulk_seats", kSeatsText.view()};
constexpr db::Query kInsertSeat{"afterschool.bulk_seat", kSeatText.view()};

// A section's weekly slots in one statement: $1 the section, then weekday, start and end of each.
template <int Rows>
constexpr SqlText<128 + Rows * 24> SlotsText() {
    SqlText<128 + Rows * 24> t;
    t.Append("INSERT INTO as_section_slot (section_id, weekday, start_minute, end_minute) VALUES ");
    for (int r = 0; r < Rows; ++r) {
        const int p = 2 + 3 * r;
        t.Append(r == 0 ? "($1, " : ", ($1, ");
        t.Placeholder(p);
        t.Append(", ");
        t.Placeholder(p + 1);
        t.Append(", ");
        t.Placeholder(p + 2);
        t.Append(")");
    }
    return t;
}
constexpr auto kSlots1 = SlotsText<1>();
constexpr auto kSlots2 = SlotsText<2>();
constexpr auto kSlots3 = SlotsText<3>();
constexpr auto kSlots4 = SlotsText<4>();
constexpr auto kSlots5 = SlotsText<5>();
constexpr db::Query kInsertSlots[] = {{"afterschool.bulk_slots_1", kSlots1.view()},
                                      {"afterschool.bulk_slots_2", kSlots2.view()},
                                      {"afterschool.bulk_slots_3", kSlots3.view()},
                                      {"afterschool.bulk_slots_4", kSlots4.view()},
                                      {"afterschool.bulk_slots_5", kSlots5.view()}};

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

std::string JoinTimes(const std::vector<MinuteOfDay>& ends) {
    std::string out;
    for (auto m : ends) out += (out.empty() ? "" : ",") + FormatTimeOfDay(m);
    return out;
}

std::optional<InstructorKind> ParseInstructorKind(const std::string& kind) {
    if (kind == "own_teacher") return InstructorKind::kOwnTeacher;
    if (kind == "retired_teacher") return InstructorKind::kRetiredTeacher;
    if (kind == "volunteer") return InstructorKind::kVolunteer;
    if (kind == "provider") return InstructorKind::kProvider;
    return std::nullopt;
}

}  // namespace

BulkWriter::BulkWriter(db::Database& database, std::int64_t rows_per_transaction, db::BulkOptions options)
    : conn_(database.Acquire()),
      fresh_(*conn_, options),
      rows_per_transaction_(std::max<std::int64_t>(rows_per_transaction, 1)) {
    // A million seats go into three indexes: keep their pages in memory for the load (as org::BulkWriter).
    if (conn_->dialect() == db::Dialect::kSqlite) conn_->ExecScript("PRAGMA cache_size = -262144");
    tx_ = std::make_unique<db::Transaction>(*conn_, db::TxMode::kWrite);
    categories_ = repo::ListCategories(*conn_);
}

BulkWriter::~BulkWriter() = default;

std::vector<org::School> BulkWriter::Schools() {
    std::vector<org::School> out;
    for (const auto& r : conn_->Query(kSchools))
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6) != 0, r.Int(7) != 0,
                       static_cast<int>(r.Int(8)), static_cast<int>(r.Int(9)), r.Text(10)});
    return out;
}

std::vector<RosterTeacher> BulkWriter::Teachers() {
    std::vector<RosterTeacher> out;
    for (const auto& r : conn_->Query(kTeachers))
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4) != 0});
    return out;
}

std::vector<RosterPupil> BulkWriter::PupilsOf(std::int64_t school_id) {
    std::vector<RosterPupil> out;
    for (const auto& r : conn_->Query(kPupils, {school_id})) out.push_back({r.Int(0), static_cast<int>(r.Int(1))});
    return out;
}

void BulkWriter::AddFeeStandard(const std::string& unit_code, const std::string& unit_path, const std::string& semester,
                                const FeeStandard& s, const std::string& published_at) {
    CheckSemester(semester);
    ValidateFeeStandard(s);
    conn_->Execute(kInsertFeeStandard,
                   {unit_code, unit_path, semester, s.rural_per_hour_fen, s.urban_per_hour_fen,
                    db::Opt(s.per_semester_cap_fen), db::Opt(s.per_month_cap_fen), FormatTimeOfDay(s.local_off_work),
                    std::int64_t{s.end_offset_minutes}, published_at});
    Tick();
}

std::int64_t BulkWriter::AddProvider(const ProviderInput& in, const std::string& unit_path,
                                     const std::string& created_at, const std::string& admitted_at) {
    const auto code = ValidateCreditCode(in.credit_code);
    if (in.name.empty() || !code.ok())
        throw Invalid("afterschool.bad_credit_code", "统一社会信用代码无效", "Invalid unified social credit code",
                      "credit_code");
    // RULES R2.3a: providers offer non-subject content only.
    const auto category = std::find_if(categories_.begin(), categories_.end(),
                                       [&](const CategoryInfo& c) { return c.category.code == in.category; });
    if (category == categories_.end() || category->category.subject_type || in.category == "homework_help")
        throw Invalid("afterschool.provider_subject_type", "第三方机构只能提供非学科类服务",
                      "A provider offers non-subject services only", "category");
    const auto id = conn_
                        ->Query(kInsertProvider, {in.name, code.normalized, in.unit_code, unit_path, in.category,
                                                  std::int64_t{in.free_public_benefit}, admitted_at, created_at})[0]
                        .Int(0);
    providers_.push_back({id, in.name, code.normalized, in.unit_code, unit_path, in.category, in.free_public_benefit,
                          "admitted", admitted_at});
    Tick();
    return id;
}

void BulkWriter::AddServiceWeek(const org::School& school, const std::string& semester,
                                const std::vector<ServiceDay>& days, const FeeStandard& s, const std::string& now) {
    CheckSemester(semester);
    // As CatalogService::PutServiceWeek: each day's batches (R1.5, R1.6, R1.9), then "5+2" (R1.7).
    std::vector<int> minutes(6, 0);
    for (const auto& d : days) {
        ValidateDismissalDay({d.weekday, d.batch_ends}, s);
        if (minutes[static_cast<std::size_t>(d.weekday)] != 0)
            throw Invalid("afterschool.duplicate_weekday", "同一天设置了两次", "A weekday is set twice", "weekday");
        if (d.lessons_end < 11 * 60 || d.lessons_end >= d.batch_ends.front())
            throw Invalid("afterschool.bad_lessons_end", "放学时间须早于第一批离校时间",
                          "Lessons must end before the first dismissal batch", "lessons_end");
        minutes[static_cast<std::size_t>(d.weekday)] = d.batch_ends.back() - d.lessons_end;
    }
    ValidateBasicService(minutes);
    for (const auto& d : days) {
        conn_->Execute(kInsertServiceDay, {school.id, school.org_path, semester, std::int64_t{d.weekday},
                                           std::int64_t{d.lessons_end}, JoinTimes(d.batch_ends), now});
        Tick();
    }
}

std::vector<std::int64_t> BulkWriter::AddCourse(const org::School& school, const CourseInput& in,
                                                std::span<const BulkSection> sections, const FeeStandard& s,
                                                const std::string& now) {
    CheckSemester(in.semester);
    if (in.grade_from < school.grade_from || in.grade_to > school.grade_to || in.grade_from > in.grade_to)
        throw Invalid("afterschool.bad_grades", "适用年级须在本校年级之内",
                      "Grades must lie within the school's grades", "grade_from");
    const auto category = std::find_if(categories_.begin(), categories_.end(),
                                       [&](const CategoryInfo& c) { return c.category.code == in.category; });
    if (category == categories_.end())
        throw Invalid("afterschool.unknown_category", "课程类别无效", "Unknown course category", "category");
    const auto kind = ParseInstructorKind(in.instructor_kind);
    if (!kind)
        throw Invalid("afterschool.bad_instructor_kind", "授课人类型无效", "Unknown instructor kind",
                      "instructor_kind");
    if ((*kind == InstructorKind::kOwnTeacher || *kind == InstructorKind::kRetiredTeacher) != in.teacher_id.has_value())
        throw Invalid("afterschool.unknown_teacher", "请选择本校教师", "Choose a teacher of this school", "teacher_id");
    if (in.instructor_name.empty() || sections.empty())
        throw Invalid("afterschool.missing_instructor", "请填写授课人与上课时间", "Name the instructor and the times",
                      "instructor_name");
    std::optional<ProviderFacts> facts;
    std::string instructor = in.instructor_name;
    if (*kind == InstructorKind::kProvider) {
        // As CatalogService::ResolveInstructor: the county's own white list, the provider's name first.
        const auto pr = std::find_if(providers_.begin(), providers_.end(),
                                     [&](const Provider& p) { return in.provider_id && p.id == *in.provider_id; });
        if (pr != providers_.end() && pr->unit_code == school.unit_code) {
            facts = ProviderFacts{pr->status == "admitted", true, pr->free_public_benefit};
            instructor = pr->name + "·" + in.instructor_name;
        } else {
            facts = ProviderFacts{false, true, false};  // ValidateCourse refuses it (R2.3c)
        }
    }
    for (const auto& x : sections) {
        if (x.weeks < 1 || x.weeks > 26 || x.taken < 0 || x.taken > x.capacity)
            throw Invalid("afterschool.bad_section", "周数或已选人数无效", "Bad weeks or seat count", "sections");
        ValidateCourse({in.title, category->category, *kind, facts, in.fee_per_hour_fen, x.capacity, x.slots}, s,
                       school.is_rural);
    }
    const auto course_id =
        conn_
            ->Query(kInsertCourse,
                    {school.id, school.org_path, in.semester, in.title, in.category, in.description,
                     std::int64_t{in.grade_from}, std::int64_t{in.grade_to}, in.instructor_kind, db::Opt(in.teacher_id),
                     db::Opt(in.provider_id), instructor, in.fee_per_hour_fen, now})[0]
            .Int(0);
    Tick();
    std::vector<std::int64_t> ids;
    for (const auto& x : sections) {
        const auto id = conn_
                            ->Query(kInsertSection, {course_id, school.id, school.org_path, in.semester,
                                                     repo::SlotsLabel(x.slots), in.venue, std::int64_t{x.capacity},
                                                     std::int64_t{x.taken}, std::int64_t{x.weeks}})[0]
                            .Int(0);
        for (std::size_t i = 0; i < x.slots.size(); i += std::size(kInsertSlots)) {
            const std::size_t rows = std::min(x.slots.size() - i, std::size(kInsertSlots));
            batch_.assign({id});
            for (std::size_t k = i; k < i + rows; ++k)
                batch_.insert(batch_.end(), {std::int64_t{x.slots[k].weekday}, std::int64_t{x.slots[k].start},
                                             std::int64_t{x.slots[k].end}});
            conn_->Execute(kInsertSlots[rows - 1], batch_);
        }
        ids.push_back(id);
        Tick();
    }
    return ids;
}

std::int64_t BulkWriter::AddWindow(const WindowInput& in, const std::string& org_path,
                                   const std::optional<std::string>& seed, const std::string& now) {
    CheckSemester(in.semester);
    const bool lottery = in.mode == "lottery";
    if ((!lottery && in.mode != "first_come") || in.title.empty() || in.opens_at >= in.closes_at || in.max_wishes < 1 ||
        in.max_wishes > 10 || in.course_limit < 1 || in.course_limit > 5 || (lottery && !seed))
        throw Invalid("afterschool.bad_window", "选课窗口设置无效", "Invalid selection window", "mode");
    std::string order;
    for (const auto& name : in.priority_order) {
        if (!ParsePriorityGroup(name))
            throw Invalid("afterschool.bad_priority_order", "优先群体无效", "Unknown priority group", "priority_order");
        order += (order.empty() ? "" : ",") + name;
    }
    const auto id = conn_
                        ->Query(kInsertWindow,
                                {in.unit_code, db::Opt(in.school_id), org_path, in.semester, in.title, in.mode,
                                 in.opens_at, in.closes_at, std::int64_t{in.max_wishes}, std::int64_t{in.course_limit},
                                 order, lottery ? db::Value{lottery::Commitment(*seed)} : db::Null(),
                                 lottery ? db::Value{*seed} : db::Null(), now})[0]
                        .Int(0);
    Tick();
    return id;
}

void BulkWriter::AddSeats(std::int64_t window_id, const std::string& org_path, std::span<const BulkSeat> seats) {
    // The parameters are overwritten in place, batch after batch: a million seats, no allocation each.
    const auto text = [](db::Value& v, std::string_view s) {
        if (auto* held = std::get_if<std::string>(&v))
            held->assign(s);
        else
            v = std::string(s);
    };
    std::size_t i = 0;
    while (i < seats.size()) {
        const std::size_t rows = seats.size() - i >= kSeatRows ? kSeatRows : 1;
        batch_.resize(2 + 4 * rows);
        batch_[0] = window_id;
        text(batch_[1], org_path);
        for (std::size_t k = 0; k < rows; ++k) {
            const BulkSeat& seat = seats[i + k];
            batch_[2 + 4 * k] = seat.section_id;
            batch_[3 + 4 * k] = seat.student_id;
            batch_[4 + 4 * k] = seat.queue_no;
            text(batch_[5 + 4 * k], seat.created_at);
        }
        conn_->Execute(rows == 1 ? kInsertSeat : kInsertSeats, batch_);
        i += rows;
        Tick(static_cast<std::int64_t>(rows));
    }
}

void BulkWriter::Tick(std::int64_t rows) {
    const std::int64_t before = rows_ / rows_per_transaction_;
    rows_ += rows;
    if (rows_ / rows_per_transaction_ != before) Checkpoint();
}

void BulkWriter::Checkpoint() {
    tx_->Commit();
    tx_ = std::make_unique<db::Transaction>(*conn_, db::TxMode::kWrite);
}

void BulkWriter::Commit() {
    tx_->Commit();
    tx_.reset();
    fresh_.End();
    if (conn_->dialect() == db::Dialect::kSqlite) conn_->ExecScript("PRAGMA cache_size = -2000");
}

}  // namespace kehou::afterschool
