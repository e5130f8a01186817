#pragma once
// 举报 Complaints about training institutions (issue 6 point 2): intake by phone, web form or letter,
// anonymous allowed, assigned to a county inspector with a due date in working days, closed with a reply.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "institutions/model.hpp"

namespace kehou::institutions {

/// One complaint as the county handles it. The complainant's contact is personal data: only its masked
/// form travels in lists; the full value is revealed on an audited route.
struct Complaint {
    std::int64_t id = 0;
    std::string unit_code, unit_name;
    std::string org_path;
    ComplaintChannel channel = ComplaintChannel::kPhone;
    std::string received_at;
    bool anonymous = false;
    std::optional<std::string> contact_masked;
    std::optional<std::int64_t> institution_id;
    std::optional<std::string> institution_name;
    std::optional<std::string> operator_name;     // an unlicensed operator, named as the caller named it
    std::optional<std::string> operator_address;  // where it operates
    std::string content;
    std::optional<std::int64_t> assigned_to;
    std::optional<std::string> assignee_name;
    std::string due_date;
    ComplaintStatus status = ComplaintStatus::kReceived;
    std::optional<std::string> reply;
    std::optional<std::string> closed_at;
    bool overdue = false;  // computed: not closed by the end of its due date (or closed late)
};

/// A new complaint from a hotline operator, a letter or the public form.
struct ComplaintIntake {
    std::string unit_code;
    ComplaintChannel channel = ComplaintChannel::kPhone;
    std::optional<std::string> received_at;  // RFC 3339; now when absent (letters are dated by hand)
    bool anonymous = false;
    std::optional<std::string> contact;      // a mobile number or other contact; refused when anonymous
    std::optional<std::int64_t> institution_id;
    std::optional<std::string> operator_name, operator_address;
    std::string content;
};

/// An inspector a county can give complaints to: a name, never a contact.
struct Inspector {
    std::int64_t id = 0;
    std::string display_name, unit_code, unit_name;
};

/// A complaint as the providers module lists it beside a provider's record: no content, no contact.
struct ComplaintBrief {
    std::int64_t id = 0;
    std::string received_at, status;
};

/// How the complaints list is narrowed.
struct ComplaintFilter {
    std::optional<ComplaintStatus> status;
    bool overdue_only = false;
    bool mine_only = false;  // assigned to the caller
    int page = 1, page_size = 50;
};

}  // namespace kehou::institutions
