#pragma once
// 部门数据源 The departments' shared data behind one adapter interface (issue 8 point 1): each department's answer
// for one child as typed records holding only the fields the admission rules read (RULES R4.3: PIPL Art. 34 —
// no field beyond what the duty needs), with the legal basis and the fields read, so every pull can be logged.
// Identity numbers appear only as keyed look-up hashes (crypto::KeyedHash), never in plain.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "enrollment/model.hpp"

namespace kehou::enrollment {

/// The departments whose shared data an enrollment reads.
enum class Department {
    kHousehold,  // 公安户籍 household registration
    kProperty,   // 不动产 real-estate registration
    kInsurance,  // 人社 社会保险 social insurance
    kPermit,     // 居住证 residence permit
    kBirth,      // 卫健 出生医学证明 birth certificate
    kStudent,    // 学籍 student record (entry to grade 7)
};
inline constexpr Department kAllDepartments[] = {Department::kHousehold, Department::kProperty, Department::kInsurance,
                                                 Department::kPermit,    Department::kBirth,    Department::kStudent};

/// "household", "property", …: the stable key in files, URLs, logs and JSON.
std::string_view ToString(Department d);
std::optional<Department> ParseDepartment(std::string_view s);
/// "公安户籍", "不动产", …: the name a parent reads in "来源：公安户籍".
std::string_view DepartmentNameZh(Department d);

/// Which parent a per-person record (insurance, permit) belongs to.
enum class Parent { kFather, kMother };

/// 户籍 The child's household registration.
struct HouseholdRecord {
    std::string community;  // community (社区) code of the registered address
    std::string address;    // the registered address as the register writes it (shown to the family)
    Date move_in;           // 迁入日期: R5.3 ranks by it
    bool child_member = false;
    bool father_member = false;
    bool mother_member = false;
};

/// 不动产 One home of the family; the owner as R5.3 distinguishes owners.
struct PropertyRecord {
    Owner owner = Owner::kParent;
    std::string community;
    int share_percent = 100;
    Date certificate_date;
};

/// 社保 One parent's unbroken run of social insurance.
struct InsuranceRecord {
    Parent holder = Parent::kFather;
    Period period;
};

/// 居住证 One parent's residence permit: the unbroken run from its issue, and where the family lives.
struct PermitRecord {
    Parent holder = Parent::kFather;
    Period period;
    std::string community;
};

/// 出生医学证明 Links the child to the parents by their identity-number hashes.
struct BirthRecord {
    Date birth_date;
    std::string father_hash;  // empty when the certificate names no father
    std::string mother_hash;
};

/// 学籍 The primary school a grade-7 applicant finished.
struct StudentRecord {
    std::string school_code;  // 学校标识码 of the primary school
    int graduation_year = 0;
};

using Record = std::variant<HouseholdRecord, PropertyRecord, InsuranceRecord, PermitRecord, BirthRecord, StudentRecord>;

/// What a department's answer says about the child's records as a whole.
enum class SourceStatus { kVerified, kMismatch, kUnavailable };
std::string_view ToString(SourceStatus s);

/// Why a department gave nothing usable; each asks the family for an upload instead.
enum class Unavailable { kTimeout, kError, kCircuitOpen, kNotFound, kMissingKey };
std::string_view ToString(Unavailable u);

/// R4.3: the basis every pull records (PIPL Art. 13(1)(iii), performing a statutory duty).
inline constexpr std::string_view kLegalBasis = "《个人信息保护法》第十三条第一款第（三）项 履行法定职责";

/// One department's answer for one child.
struct DepartmentAnswer {
    Department department = Department::kHousehold;
    SourceStatus status = SourceStatus::kUnavailable;
    std::vector<Record> records;
    std::string synced_at;  // ISO date: the batch snapshot's date, or the day the endpoint answered
    std::string legal_basis{kLegalBasis};
    std::vector<std::string> fields_read;  // the department's fields this pull read (R4.3)
    std::optional<Unavailable> reason;     // set when unavailable
    std::string mismatch;                  // why, when mismatch: a field name, never a value
};

/// The look-up key: keyed hashes (crypto::KeyedHash) of identity numbers, never the numbers themselves.
struct LookupKey {
    std::string child_hash;
    std::string father_hash;  // empty when not yet known (the birth certificate gives them)
    std::string mother_hash;
};

using Deadline = std::chrono::steady_clock::time_point;

/// 数据源 One department behind a batch snapshot or an endpoint. Query never throws for the department's
/// failures: they are an unavailable answer. It should return by the deadline.
class DepartmentSource {
public:
    virtual ~DepartmentSource() = default;
    virtual Department department() const = 0;
    virtual DepartmentAnswer Query(const LookupKey& key, Deadline deadline) = 0;
    /// With no deadline of the caller's; the adapter's own timeouts still bound it.
    DepartmentAnswer Query(const LookupKey& key) { return Query(key, Deadline::max()); }
};

/// The fields of a department's records, as files, endpoints and the fields-read log name them.
const std::vector<std::string>& DepartmentFields(Department d);
/// Whether the department's records are per parent (insurance, permit) rather than the child's own.
bool PerParent(Department d);

/// An answer with nothing from the department, for one reason.
DepartmentAnswer UnavailableAnswer(Department d, Unavailable why);
/// A found answer: verified, or mismatch when a birth certificate names other parents than the key does.
DepartmentAnswer FoundAnswer(Department d, std::vector<Record> records, std::string synced_at, const LookupKey& key);

/// Queries every source at once, each on its own thread, and returns one answer per source in the sources'
/// order. A source that throws answers unavailable (error); one still running at the deadline answers
/// unavailable (timeout) and is left to finish on its own (it holds its shared_ptr), so no caller waits on it.
std::vector<DepartmentAnswer> QueryAll(const std::vector<std::shared_ptr<DepartmentSource>>& sources,
                                       const LookupKey& key, Deadline deadline);

/// The fields in which two answers of one department differ (e.g. an endpoint and a batch snapshot giving other
/// community codes); empty when they agree. The dossier builder marks such a fact mismatch.
std::vector<std::string> DifferingFields(const DepartmentAnswer& a, const DepartmentAnswer& b);

}  // namespace kehou::enrollment
