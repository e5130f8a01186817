#pragma once
// Loading many after-school rows at once — the demo city's service, `kehou seed` — on one connection inside
// large write transactions. Each row passes the checks the single-row services apply (fee standards R2.1/
// R2.2, service weeks R1.5–R1.7/R1.9, courses R1.8f/R1.14/R2.1/R2.3, window limits) and is stored exactly
// as CatalogService and SelectionService store it, so the services cannot tell seeded rows from their own.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "afterschool/model.hpp"
#include "db/bulk_load.hpp"
#include "db/database.hpp"
#include "db/transaction.hpp"
#include "org/model.hpp"

namespace kehou::afterschool {

/// A section to write, holding `taken` confirmed seats (written with AddSeat): what the services leave
/// after that many selections.
struct BulkSection {
    int capacity = 0, taken = 0, weeks = 16;
    std::vector<TimeSlot> slots;
};

/// A confirmed first-come seat to write: the section, the child, its place in the section's queue and
/// when it was taken (RFC 3339; the caller keeps the text alive until AddSeats returns).
struct BulkSeat {
    std::int64_t section_id = 0, student_id = 0, queue_no = 0;
    std::string_view created_at;
};

/// A teacher of the registry as a seed plans with it.
struct RosterTeacher {
    std::int64_t id = 0, school_id = 0;
    std::string name, subjects;  // subjects as stored, 语文、道德与法治
    bool retired = false;
};

/// A pupil of the registry and its grade.
struct RosterPupil {
    std::int64_t id = 0;
    int grade = 0;
};

/// Writes rows in one open transaction, committing every `rows_per_transaction` rows and opening the
/// next; Commit() ends. Destroyed uncommitted, the open transaction rolls back. Statements are named
/// constants, prepared once per connection.
class BulkWriter {
public:
    /// By default a city's after-school rows (~1.3 million) go in one transaction: their index pages are
    /// mostly appended to, and each intermediate commit would checkpoint the WAL (measured: slower).
    static constexpr std::int64_t kRowsPerTransaction = 4000000;
    explicit BulkWriter(db::Database& database, std::int64_t rows_per_transaction = kRowsPerTransaction,
                        db::BulkOptions options = {});
    ~BulkWriter();

    // What the seed reads of the registry, on the writer's connection.
    std::vector<org::School> Schools();
    std::vector<RosterTeacher> Teachers();
    std::vector<RosterPupil> PupilsOf(std::int64_t school_id);

    /// 收费标准 A unit's standard for a semester (R2.1, R2.2, R1.5, R1.6).
    void AddFeeStandard(const std::string& unit_code, const std::string& unit_path, const std::string& semester,
                        const FeeStandard& s, const std::string& published_at);
    /// 第三方机构 A provider the county bureau has admitted (valid credit code, non-subject category).
    std::int64_t AddProvider(const ProviderInput& in, const std::string& unit_path, const std::string& created_at,
                             const std::string& admitted_at);
    /// 弹性离校 A school's service week for a semester: R1.5/R1.6/R1.9 per day and R1.7 over the week.
    void AddServiceWeek(const org::School& school, const std::string& semester, const std::vector<ServiceDay>& days,
                        const FeeStandard& s, const std::string& now);
    /// A course with its sections, each checked by ValidateCourse against the standard in force; returns
    /// the section ids in order. A teacher's or volunteer's name comes in `in.instructor_name`; a
    /// provider's instructor is named after the provider, as CatalogService names them.
    std::vector<std::int64_t> AddCourse(const org::School& school, const CourseInput& in,
                                        std::span<const BulkSection> sections, const FeeStandard& s,
                                        const std::string& now);
    /// 选课窗口 A selection window; a lottery window commits to `seed` (its SHA-256 is published).
    std::int64_t AddWindow(const WindowInput& in, const std::string& org_path, const std::optional<std::string>& seed,
                           const std::string& now);
    /// Confirmed first-come seats of one school's children in a window, as SelectionService::Select
    /// confirms them (no idempotency key: made by the seed, not by a request). Written many to a statement.
    void AddSeats(std::int64_t window_id, const std::string& org_path, std::span<const BulkSeat> seats);

    void Checkpoint();
    void Commit();

private:
    void Tick(std::int64_t rows = 1);

    db::Database::Lease conn_;
    db::FreshLoad fresh_;  // outlives every transaction of the writer
    std::unique_ptr<db::Transaction> tx_;
    std::int64_t rows_per_transaction_;
    std::int64_t rows_ = 0;
    std::vector<CategoryInfo> categories_;
    std::vector<Provider> providers_;  // admitted by this writer, for the provider checks of AddCourse
    std::vector<db::Value> batch_;     // the parameters of one many-row seat statement
};

}  // namespace kehou::afterschool
