#pragma once
// The providers module's records over the database (migration 0017): a county's record of one application with
// its history, the supervision (spot checks, school ratings), stored evaluations, exit notices and settings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/provider_link.hpp"
#include "institutions/complaint_model.hpp"
#include "providers/model.hpp"

namespace kehou::providers {

/// 准入档案 One application of a provider to a county and what became of it (pv_record).
struct Record {
    std::int64_t id = 0;
    std::string unit_code, unit_name, org_path, credit_code, name, category;
    std::optional<std::string> credit_override_reason;  // R3.5: why a checksum failure was accepted
    bool free_public_benefit = false, declares_no_marketing = false;
    std::string contact_name, contact_phone;
    ProviderStatus status = ProviderStatus::kApplied;
    std::optional<ExitReason> exit_reason;
    std::string applied_at;
    std::optional<std::string> decided_at, exited_at;
    std::optional<std::int64_t> provider_id;  // the white-list row (as_provider) once admitted
    int service_count = 0, instructor_count = 0;
    std::optional<Outcome> last_outcome;
    bool open_case = false;  // the institutions module's answer (R6.5), filled by the service
};

/// One line of a record's history.
struct EventRow {
    std::string event, from, to, reason;
    std::optional<std::string> exit_reason;
    std::string by_name, at;
};

/// 巡课 One spot check of a provider's session at a school.
struct SpotCheck {
    std::int64_t id = 0, record_id = 0, school_id = 0;
    std::string school_name, org_path, on_date, semester;
    int score = 0;
    bool instructor_no_show = false, recruiting_found = false;
    std::string note;
    std::optional<std::int64_t> complaint_id;
    std::string by_name, at;
};

/// 学校评价 A school's rating of a provider for a semester.
struct SchoolRating {
    std::int64_t record_id = 0, school_id = 0;
    std::string school_name, semester;
    int stars = 0;
    std::string comment, by_name, at;
};

/// One record's evaluation for a semester, stored or previewed. Parts and score in tenths of a point.
struct EvaluationItem {
    std::int64_t record_id = 0;
    std::string name, semester;
    std::optional<int> guardians, schools, spot_checks, attendance, score;
    int guardian_ratings = 0, school_ratings = 0, spot_check_count = 0, no_shows = 0;
    bool recruiting_found = false;
    bool guardians_too_few = false;           // the guardians' part left out: fewer ratings than the minimum
    std::optional<int> min_guardian_ratings;  // the county's minimum then; unset for rows closed before 0020
    Outcome outcome = Outcome::kNotRated;
    std::optional<Outcome> previous_outcome;
};

/// A semester's evaluations in the caller's view: stored once the county closed it, else a live preview.
struct EvaluationSheet {
    std::string semester;
    bool closed = false;
    std::vector<EvaluationItem> items;
    std::vector<std::int64_t> exited;  // set by the close: the records it exited
};

/// 退出通知 What an exit told a school, or a family about one child.
struct Notice {
    std::int64_t id = 0, record_id = 0, school_id = 0;
    std::string provider_name, audience, school_name;
    std::optional<std::int64_t> student_id;
    std::string kind, text_zh, text_en, effective_semester, at;
};

/// A county's settings; the defaults where it has set none.
struct Settings {
    std::string unit_code;
    AdmissionPolicy admission;
    EvaluationPolicy evaluation;
};

/// An application as a form or the county's clerk sends it.
struct ApplicationInput {
    std::string unit_code;  // empty: the caller's own county
    Application application;
    std::string contact_name, contact_phone;
};

/// A status move as the county (or the provider) asks for it.
struct MoveInput {
    std::string event, reason;
    std::optional<std::string> exit_reason;
};

/// A spot check as entered.
struct SpotCheckInput {
    std::int64_t school_id = 0;
    std::string on_date;
    int score = 0;
    bool instructor_no_show = false, recruiting_found = false;
    std::string note;
    std::optional<std::int64_t> complaint_id;
};

/// A school's rating as entered.
struct RatingInput {
    std::string semester;
    int stars = 0;
    std::string comment;
};

/// How a list of records is narrowed.
struct RecordFilter {
    std::optional<ProviderStatus> status;
    std::string q;
    int page = 1, page_size = 20;
};

/// A record with everything its page shows.
struct RecordDetail {
    Record record;
    bool show_contact = false;  // the county and the provider itself see the contact unmasked
    std::vector<ServiceOffer> services;
    std::vector<Instructor> instructors;
    std::vector<bool> check_current;  // per instructor: the background check is current today
    std::vector<Problem> warnings;
    std::vector<EventRow> events;
    std::vector<ProviderEvent> allowed_events;
    std::vector<SpotCheck> spot_checks;
    std::vector<EvaluationItem> evaluations;
    std::vector<afterschool::ProviderCourse> courses;
    std::vector<institutions::ComplaintBrief> complaints;
    std::int64_t notices_sent = 0;
};

/// One school where a provider teaches, for its own page.
struct OwnSchool {
    std::int64_t id = 0;
    std::string name;
    int course_count = 0;
};

/// 机构端 What a provider's log-in sees: its own records and nothing of anyone else.
struct OwnView {
    bool linked = false;
    std::string name, credit_code;
    std::vector<Record> records;
    std::optional<RecordDetail> current;  // the newest record
    std::vector<afterschool::ProviderCourse> courses;
    std::vector<OwnSchool> schools;
    std::vector<Instructor> instructors;
    std::vector<EvaluationItem> evaluations;
    std::vector<SpotCheck> spot_checks;
};

}  // namespace kehou::providers
