#pragma once
// The course catalogue's use cases (课程超市): the county's provider white list, courses a school publishes
// under the rules of RULES R1.7–R1.9, R1.14, R2.1–R2.3, each school's service days and dismissal batches,
// and the batch a guardian picks for their child.

#include <functional>

#include "afterschool/fee_standard.hpp"
#include "afterschool/model.hpp"
#include "core/principal.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace kehou::afterschool {

/// A school's service week for a semester, with the fee standard's limit it was checked against.
struct ServiceWeek {
    std::int64_t school_id = 0;
    std::string semester;
    std::vector<ServiceDay> days;
    MinuteOfDay earliest_latest_end = 0;  // off-work time + offset (R1.5, R1.6)
};

/// A child's dismissal batches for a semester: the school's week and the batch chosen per weekday.
struct DismissalPlan {
    ServiceWeek week;
    std::vector<int> chosen;  // index 1..5 = weekday; 0 = not chosen yet
};

/// Catalogue reads and writes on behalf of a principal. Thread-safe.
class CatalogService {
public:
    CatalogService(db::Database& database, org::OrgService& org, FeeStandardService& fees)
        : database_(database), org_(org), fees_(fees) {}

    std::vector<CategoryInfo> Categories();

    std::vector<Provider> ListProviders(const Principal& p);
    /// A county bureau enters a provider (status applied) in a unit of its scope.
    Provider CreateProvider(const Principal& p, const ProviderInput& in);
    /// 准入 The county admits a provider onto its white list (R2.3b, c); only the county, never a school.
    Provider AdmitProvider(const Principal& p, std::int64_t id);

    std::vector<Course> ListCourses(const Principal& p, std::int64_t school_id, const std::string& semester);
    Course GetCourse(const Principal& p, std::int64_t course_id);
    /// Publishes a course with its sections after every publication check.
    Course PublishCourse(const Principal& p, const CourseInput& in);
    /// Closes a course to new selections; seats already taken stay.
    Course CloseCourse(const Principal& p, std::int64_t course_id);

    ServiceWeek GetServiceWeek(const Principal& p, std::int64_t school_id, const std::string& semester);
    /// Replaces a school's five service days: each day's batches (R1.9) and the 5 × 2 h basic service (R1.7).
    ServiceWeek PutServiceWeek(const Principal& p, std::int64_t school_id, const std::string& semester,
                               const std::vector<ServiceDay>& days);

    DismissalPlan GetDismissalPlan(const Principal& guardian, std::int64_t student_id, const std::string& semester);
    /// A guardian picks the batch their child leaves with on a weekday (R1.8(b), R1.9); changeable any time.
    DismissalPlan ChooseDismissal(const Principal& guardian, std::int64_t student_id, const std::string& semester,
                                  int weekday, int batch_no);

    // The providers module's hand on the white list and on its providers' courses (issue 9), inside that
    // module's own transaction `c`, so a status move and its white-list row commit together (provider_link.cpp).
    /// Puts a county's provider on the white list with `status` (admitted, suspended, exited): creates the
    /// county's row on first admission, else updates name, category, flag and status. Returns the row's id.
    std::int64_t MirrorProvider(db::Connection& c, const ProviderInput& in, const std::string& org_path,
                                const std::string& status);
    /// Closes the provider's published courses of these semesters; returns them, for NotifyCatalogChange after
    /// the caller's commit.
    std::vector<Course> CloseProviderCourses(db::Connection& c, std::int64_t provider_id,
                                             const std::vector<std::string>& semesters);
    /// Tells the listeners (the seat ledger) that a school's semester catalogue changed.
    void NotifyCatalogChange(std::int64_t school_id, const std::string& semester) {
        for (const auto& tell : listeners_) tell(school_id, semester);
    }

    /// Tells `listener` of every change to a school's semester catalogue (the seat ledger rebuilds its book).
    void OnCatalogChange(std::function<void(std::int64_t school_id, const std::string& semester)> listener) {
        listeners_.push_back(std::move(listener));
    }

    /// A school the caller may write under: 403 when it lies outside the scope, 404 when it does not exist.
    org::School SchoolForWrite(const Principal& p, std::int64_t school_id);
    /// A school the caller may read: 404 outside the scope.
    org::School SchoolForRead(const Principal& p, std::int64_t school_id);
    /// The fee standard binding a school in a semester; 422 when its county has published none.
    FeeStandard StandardFor(const org::School& school, const std::string& semester);

private:
    db::Database& database_;
    org::OrgService& org_;
    FeeStandardService& fees_;
    std::vector<std::function<void(std::int64_t, const std::string&)>> listeners_;  // set at start, then read-only
};

/// A principal that sees the whole city, for look-ups a service has already authorised.
Principal SystemPrincipal();

}  // namespace kehou::afterschool
