#pragma once
// SQL of complaints and of the holiday calendar they are timed by.

#include <optional>
#include <string>

#include "db/connection.hpp"
#include "institutions/complaint_model.hpp"
#include "institutions/registry_model.hpp"

namespace kehou::institutions::repo {

/// The sealed and masked contact of a complaint, when one was given.
struct SealedContact {
    std::vector<std::uint8_t> box;
    std::string masked;
};

std::int64_t InsertComplaint(db::Connection& c, const ComplaintIntake& in, const std::string& org_path,
                             const std::string& received_at, const std::string& due_date,
                             const std::optional<SealedContact>& contact, std::optional<std::int64_t> recorded_by);
std::optional<Complaint> FindComplaint(db::Connection& c, const std::string& scope, std::int64_t id,
                                       const std::string& today);
Page<Complaint> ListComplaints(db::Connection& c, const std::string& scope, const ComplaintFilter& f,
                               std::int64_t caller, const std::string& today);
/// The sealed contact of a complaint in scope, if any.
std::optional<std::vector<std::uint8_t>> ComplaintContact(db::Connection& c, const std::string& scope, std::int64_t id);
/// Assigns an open complaint; false when it is closed (or gone).
bool AssignComplaint(db::Connection& c, std::int64_t id, std::int64_t inspector, const std::string& due_date);
/// Closes an open complaint with its reply; false when it was already closed.
bool CloseComplaint(db::Connection& c, std::int64_t id, const std::string& reply, std::int64_t by, const std::string& now);

/// Complaints in scope about the institution registered under `credit_code`, newest first.
std::vector<ComplaintBrief> ComplaintsAbout(db::Connection& c, const std::string& scope, const std::string& credit_code);

/// The role and scope of a user, to check that an assignee is an inspector of the county.
std::optional<std::pair<std::string, std::string>> UserRoleAndScope(db::Connection& c, std::int64_t user_id);

/// Active inspectors whose county lies under `path`, by county then name.
std::vector<Inspector> ListInspectors(db::Connection& c, const std::string& path);

/// The holiday calendar's rows: holidays and make-up working days, and vacation windows that apply to a
/// county (its own, else the city's).
std::vector<CalendarDay> CalendarDays(db::Connection& c);
std::vector<DateRange> VacationsFor(db::Connection& c, const std::string& county_path);
bool CalendarEmpty(db::Connection& c);
void InsertCalendarDay(db::Connection& c, const std::string& day, const std::string& kind, const std::string& name);
void InsertVacation(db::Connection& c, const std::string& org_path, const DateRange& v);

}  // namespace kehou::institutions::repo
