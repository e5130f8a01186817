// Roster import: preview (validate every row, stage the sealed file) and confirm (write all good rows in
// one transaction). The rest of OrgService is in service.cpp and service_people.cpp.
#include <map>
#include <set>

#include "core/mask.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "org/bulk.hpp"
#include "org/repo.hpp"
#include "org/rules.hpp"
#include "org/service.hpp"

namespace kehou::org {
namespace {

constexpr std::size_t kMaxProblemsShown = 500;
constexpr std::size_t kSampleRows = 10;
constexpr auto kStagingLifetime = std::chrono::hours(24);

std::chrono::year_month_day Today() { return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now())); }

// The school year a roster belongs to: from September on, this calendar year's; before, last year's.
int SchoolYear(std::chrono::year_month_day d) {
    return static_cast<int>(d.year()) - (static_cast<unsigned>(d.month()) >= 9 ? 0 : 1);
}

Error ImportNotFound() { return Error::NotFound("org.import_not_found", "找不到该导入批次", "No such import"); }

}  // namespace

RosterParse OrgService::ParseForSchool(db::Connection& c, const School& school, std::string_view file) {
    RosterParse parse = ParseRoster(file, Today(), school.grade_from, school.grade_to);
    std::vector<RosterRow> fresh;
    for (auto& row : parse.rows) {
        if (repo::StudentExists(c, vault_.LookupHash(row.student.id_number),
                                vault_.LookupHash(row.student.student_number)))
            parse.problems.push_back({row.line, "id_number", "该学生已登记（身份证号或学籍号已存在）",
                                      "This student is already registered (identity or student number exists)"});
        else
            fresh.push_back(std::move(row));
    }
    parse.rows = std::move(fresh);
    std::sort(parse.problems.begin(), parse.problems.end(),
              [](const RosterProblem& a, const RosterProblem& b) { return a.line < b.line; });
    return parse;
}

ImportPreview OrgService::PreviewRoster(const Principal& p, std::int64_t school_id, std::string_view file) {
    const School school = SchoolForWrite(p, school_id);
    auto c = database_.Acquire();
    const RosterParse parse = ParseForSchool(*c, school, file);
    ImportPreview out;
    out.encoding = parse.encoding;
    out.data_rows = parse.data_rows;
    out.good_rows = static_cast<int>(parse.rows.size());
    std::set<int> bad_lines;
    for (const auto& pr : parse.problems) bad_lines.insert(pr.line);
    out.bad_rows = static_cast<int>(bad_lines.size());
    for (std::size_t i = 0; i < parse.problems.size() && i < kMaxProblemsShown; ++i) {
        const auto& pr = parse.problems[i];
        out.problems.push_back({pr.line, pr.field, pr.message_zh, pr.message_en});
    }
    for (std::size_t i = 0; i < parse.rows.size() && i < kSampleRows; ++i) {
        const auto& r = parse.rows[i];
        Student s;
        s.school_id = school.id;
        s.school_name = school.name;
        s.grade = r.grade;
        s.class_name = ClassName(r.grade, r.class_no);
        s.name = r.student.name;
        s.sex = r.student.sex;
        s.birth_date = r.birth_date;
        s.id_number_masked = MaskIdNumber(r.student.id_number);
        s.student_number_masked = MaskStudentNumber(r.student.student_number);
        s.flags = r.student.flags;
        out.sample.push_back(std::move(s));
    }
    db::Transaction tx(*c, db::TxMode::kWrite);
    out.import_id = repo::InsertImport(*c, school.id, p.user_id, FormatShanghai(std::chrono::system_clock::now()),
                                       parse.encoding, out.good_rows, out.bad_rows, vault_.Seal(file).box);
    tx.Commit();
    return out;
}

ImportResult OrgService::ConfirmRoster(const Principal& p, std::int64_t import_id) {
    std::optional<repo::StagedImport> staged;
    {
        auto c = database_.Acquire();
        staged = repo::FindImport(*c, import_id, p.user_id);
    }
    if (!staged) throw ImportNotFound();
    const auto created = ParseRfc3339(staged->created_at);
    if (staged->status != "pending" || !created || std::chrono::system_clock::now() - *created > kStagingLifetime)
        throw Error::Conflict("org.import_not_pending", "该导入已确认或已过期，请重新上传",
                              "This import was already confirmed or has expired; upload it again");
    const School school = GetSchool(p, staged->school_id);
    const std::string file = vault_.Open(staged->payload_sealed);
    BulkWriter writer(database_, vault_);
    const RosterParse parse = ParseForSchool(writer.connection(), school, file);
    if (static_cast<int>(parse.rows.size()) != staged->good_rows)
        throw Error::Conflict("org.import_changed", "预览后名册中的学生已有变化，请重新预览",
                              "Students changed since the preview; preview the file again");
    ImportResult result;
    const int year = SchoolYear(Today());
    std::map<std::pair<int, int>, Class> classes;
    for (const auto& row : parse.rows) {
        const auto key = std::pair{row.grade, row.class_no};
        if (!classes.contains(key)) {
            const int entry_year = year - row.grade + 1;
            if (auto k = repo::FindClassByNumber(writer.connection(), school.id, entry_year, row.class_no))
                classes[key] = *k;
            else {
                classes[key] = writer.AddClass(school, row.grade, row.class_no, entry_year);
                ++result.classes_created;
            }
        }
        const auto student_id = writer.AddStudent(classes[key], row.student);
        ++result.students;
        if (row.guardian) {
            writer.AddGuardian(student_id, *row.guardian);
            ++result.guardians;
        }
    }
    repo::ConfirmImport(writer.connection(), import_id, FormatShanghai(std::chrono::system_clock::now()));
    writer.Commit();
    return result;
}

}  // namespace kehou::org
