#pragma once
// Complaints and the holiday calendar that times them (issue 6 point 2): intake by staff or by the public
// form, assignment to a county inspector, closing with a reply, the audited reveal of a contact.

#include "core/principal.hpp"
#include "crypto/pii_vault.hpp"
#include "db/database.hpp"
#include "institutions/complaint_model.hpp"
#include "institutions/registry_model.hpp"
#include "org/service.hpp"

namespace kehou::institutions {

/// The holiday calendar as the database holds it (editable), seeded with the 2026 arrangement.
class CalendarService {
public:
    explicit CalendarService(db::Database& database);
    /// Seeds the State Council's 2026 arrangement and the default vacations when the table is empty.
    void EnsureSeeded();
    /// Holidays, make-up working days and the vacations that apply to a county (its own, else the defaults).
    HolidayCalendar For(const std::string& county_path);

private:
    db::Database& database_;
};

/// Runs complaints on behalf of a principal, or of the public. Thread-safe.
class ComplaintService {
public:
    ComplaintService(db::Database& database, org::OrgService& org, const crypto::PiiVault& vault,
                     CalendarService& calendar, int working_days);

    /// A complaint recorded by county staff (hotline, letter) in a county they supervise.
    Complaint Record(const Principal& p, ComplaintIntake in);
    /// A complaint from the public web form: no log-in, channel "web"; the route rate-limits it.
    Complaint Submit(ComplaintIntake in);
    Page<Complaint> List(const Principal& p, ComplaintFilter f);
    Complaint Get(const Principal& p, std::int64_t id);
    /// The section chief gives a complaint to one of the county's inspectors (the due date stays).
    Complaint Assign(const Principal& p, std::int64_t id, std::int64_t inspector_id);
    /// The assigned inspector (or the section chief) closes it with the reply given to the complainant.
    Complaint Close(const Principal& p, std::int64_t id, const std::string& reply);
    /// The inspectors a complaint in scope can go to; `unit_code` narrows to one county (404 outside the scope).
    std::vector<Inspector> Inspectors(const Principal& p, const std::optional<std::string>& unit_code);
    /// The counties the public form offers (management units are public facts).
    std::vector<org::Unit> Counties();
    /// Complaints inside the caller's scope about the institution registered under this credit code (the
    /// providers module shows them beside a provider's record): ids, dates and states only.
    std::vector<ComplaintBrief> AboutCreditCode(const Principal& p, const std::string& credit_code);
    /// The complainant's full contact, for calling back; the route audits every reveal.
    std::string RevealContact(const Principal& p, std::int64_t id);

private:
    /// Checks and stores an intake for a county path; `recorded_by` is empty for the public form.
    Complaint Store(ComplaintIntake in, const std::string& county_path, std::optional<std::int64_t> recorded_by,
                    const std::string& scope_for_reading);
    std::string CountyPath(const std::string& unit_code);
    /// The complaint for a write: 403 when it exists outside the scope, 404 when it does not.
    Complaint ForWrite(const Principal& p, std::int64_t id);

    db::Database& database_;
    org::OrgService& org_;
    const crypto::PiiVault& vault_;
    CalendarService& calendar_;
    int working_days_;
};

}  // namespace kehou::institutions
