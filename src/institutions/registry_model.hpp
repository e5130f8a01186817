#pragma once
// The county's registry of off-campus training institutions (机构台账): the records, their teaching staff,
// the frozen pre-双减 baseline and the 压减率 rows built from it (issue 6 point 1, RULES R1.10–R1.14,
// R3.4–R3.5, R6.3).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "institutions/model.hpp"

namespace kehou::institutions {

/// 教学人员 One member of an institution's teaching staff.
struct StaffMember {
    std::int64_t id = 0;
    std::string name;
    bool teaches_subject = false;                 // teaches a 学科类 subject: needs a qualification (R1.11)
    std::optional<std::string> qualification_no;  // 教师资格证编号
};

/// 培训机构 One institution as the county registered it.
struct Institution {
    std::int64_t id = 0;
    std::string unit_code;  // the county-level unit that supervises it
    std::string unit_name;
    std::string org_path;
    std::string name;
    std::string credit_code;
    std::optional<std::string> credit_override_reason;  // R3.5: why a checksum failure was accepted
    InstitutionCategory category = InstitutionCategory::kNonSubjectArt;
    Delivery delivery = Delivery::kOffline;
    std::string address;
    std::optional<std::string> licence_no, licence_date;  // 办学许可证 (审批)
    std::optional<std::string> filing_no, filing_date;    // 备案 (non-subject, online filing)
    std::optional<std::string> nonprofit_reg_no;          // 民办非企业单位登记 (R1.10)
    std::string legal_representative;
    InstitutionStatus status = InstitutionStatus::kOperating;
    bool in_baseline = false;  // counted in the frozen pre-双减 baseline (R6.3)
    std::vector<StaffMember> staff;
    int staff_count = 0;
    bool has_open_case = false;  // an inspection case is open (R6.5)
    std::vector<std::string> warnings;  // reviewer notes that do not block (R3.4 prefix, inner check)
    std::string created_at, updated_at;

    bool non_profit() const { return nonprofit_reg_no.has_value(); }
};

/// How a registry list is narrowed; every field optional.
struct InstitutionFilter {
    std::optional<std::string> unit_code;
    std::optional<InstitutionCategory> category;
    std::optional<Delivery> delivery;
    std::optional<InstitutionStatus> status;
    std::optional<std::string> name;  // substring
    int page = 1, page_size = 50;
};

/// One cell of a frozen baseline: how many institutions a county had before 双减 (July 2021).
struct BaselineCount {
    std::string unit_code;
    InstitutionCategory category = InstitutionCategory::kSubject;
    Delivery delivery = Delivery::kOffline;
    int institutions = 0;
    std::string as_of;  // the date the count describes, e.g. 2021-07-24
};

/// 压减率 One row of the reduction report: a county (or the whole scope) × category × delivery.
struct ReductionRow {
    std::string unit_code;  // empty for the total
    std::string unit_name;
    std::optional<InstitutionCategory> category;  // nullopt: all categories
    std::optional<Delivery> delivery;             // nullopt: both
    int baseline = 0;
    int current = 0;
    std::optional<std::int64_t> rate_basis_points;  // nullopt when the baseline is 0
};

/// 公示 What anyone may learn about an institution (issue 6 point 6): no personal data, no staff.
struct PublicInstitution {
    std::int64_t id = 0;    // lets the public complaint form name the institution it is about
    std::string unit_code;  // the county a complaint about it goes to
    std::string name, credit_code, unit_name, address;
    InstitutionCategory category = InstitutionCategory::kNonSubjectArt;
    Delivery delivery = Delivery::kOffline;
    InstitutionStatus status = InstitutionStatus::kOperating;
    std::string standing;  // "white" (白名单: operating), "black" (黑名单: closed), "rectifying", "cancelled"
};

/// One page of a list and how many matched in all.
template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
};

}  // namespace kehou::institutions
