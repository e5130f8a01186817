#pragma once
// Fees and statistics of after-school service, scoped to the caller: a child's statement, a school's fee
// list, the participation report (参与率, 教师参与率, 应开尽开) by county or school, fill rates; .xlsx exports.

#include "afterschool/catalog_service.hpp"
#include "afterschool/report_cache.hpp"
#include "afterschool/report_repo.hpp"

namespace kehou::afterschool {

/// One row of the participation report: a county, a school, or the total, with its rates.
struct FigureRow {
    std::string key, name;
    repo::SchoolFigures sum;  // the counts summed over the row's schools
    std::int64_t schools = 0, offering = 0;  // schools, and those offering service (应开尽开)
    double participation() const { return Rate(sum.served, sum.students); }
    double teacher_participation() const { return Rate(sum.teaching, sum.teachers); }
    double coverage() const { return Rate(offering, schools); }
    double fill() const { return Rate(sum.taken, sum.capacity); }
    /// A share in percent to one decimal, as the bureau reports it (90.1); 0 when nothing to divide.
    static double Rate(std::int64_t part, std::int64_t whole);
};

/// 参与率 The participation report of a semester inside the caller's scope.
struct ParticipationReport {
    std::string semester, scope_name, level;  // level: "county" rows (city scope) or "school" rows
    FigureRow total;
    std::vector<FigureRow> rows;
};

/// One course's part of a child's fees.
struct FeeLine {
    std::string course_title;
    int hours = 0;
    std::int64_t rate_fen = 0, amount_fen = 0;
};

/// 收费单 A child's statement for a semester.
struct ChildFee {
    std::int64_t student_id = 0;
    std::string student_name, class_name;
    bool hardship = false;
    int hours = 0;
    FeeStatement fee;
    std::vector<FeeLine> lines;
};

/// A school's fee list for a semester with its totals.
struct SchoolFees {
    std::int64_t school_id = 0;
    std::string school_name, semester;
    std::vector<ChildFee> children;
    std::int64_t hours = 0, gross_fen = 0, due_fen = 0, waived_children = 0;
};

/// One row of the area fee report: a school (county scope) or a county (city scope).
struct FeeRow {
    std::string key, name;
    std::int64_t schools = 0, children = 0, hours = 0, gross_fen = 0, due_fen = 0, waived_children = 0;
};

/// The fee totals of a semester inside the caller's scope.
struct AreaFees {
    std::string semester, level;  // level: "school" rows (a county) or "county" rows (the city)
    FeeRow total;
    std::vector<FeeRow> rows;
};

/// The report use cases. Thread-safe.
class ReportService {
public:
    ReportService(db::Database& database, org::OrgService& org, CatalogService& catalog,
                  ReportCacheOptions cache = {})
        : database_(database), org_(org), catalog_(catalog), cache_(cache) {}

    ParticipationReport Participation(const Principal& p, const std::string& semester);
    std::string ParticipationWorkbook(const Principal& p, const std::string& semester);
    /// A child's statement: guardians for their own children, staff within their scope.
    ChildFee Statement(const Principal& p, std::int64_t student_id, const std::string& semester);
    SchoolFees Fees(const Principal& p, std::int64_t school_id, const std::string& semester);
    std::string FeesWorkbook(const Principal& p, std::int64_t school_id, const std::string& semester);
    /// Fee totals per school (a county) or per county (the city): children charged, hours, gross, due, waived.
    AreaFees FeesByArea(const Principal& p, const std::string& semester);
    /// Per course: capacity, seats taken, waitlist — what the catalogue needs next semester.
    std::vector<repo::CourseFill> Fill(const Principal& p, std::int64_t school_id, const std::string& semester);
    /// The participation report's cache, for its hit and miss counts.
    const ReportCache& cache() const { return cache_; }

private:
    /// Statements of a school's children from their charged sessions (one child when student_id ≠ 0).
    std::vector<ChildFee> ComputeFees(const org::School& school, const std::string& semester, std::int64_t student_id);

    db::Database& database_;
    org::OrgService& org_;
    CatalogService& catalog_;
    ReportCache cache_;  // the participation report's pupil and seat counts
};

}  // namespace kehou::afterschool
