// Registry import: preview (check every row, stage the sealed file) and confirm (write every good row in one
// transaction). The parsing is registry_import.cpp; the template workbook is import_template.cpp.
#include "institutions/import_service.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "institutions/import_repo.hpp"
#include "institutions/repo.hpp"
#include "institutions/scope.hpp"

namespace kehou::institutions {
namespace {

constexpr std::size_t kMaxProblemsShown = 500;
constexpr std::size_t kSampleRows = 10;
constexpr auto kStagingLifetime = std::chrono::hours(24);

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

std::chrono::year_month_day Today() { return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now())); }

Error ImportNotFound() {
    return Error::NotFound("institutions.import_not_found", "找不到该导入批次", "No such import");
}

Error NotPending() {
    return Error::Conflict("institutions.import_not_pending", "该导入已确认或已过期，请重新上传",
                           "This import was already confirmed or has expired; upload it again");
}

// The file is the same, so only the registry can have changed: a code registered since the preview.
Error Changed(int previewed, std::size_t now) {
    return Error::Conflict("institutions.import_changed",
                           "预览后已有机构以文件中的统一社会信用代码登记，本次未写入任何机构，请重新预览",
                           "Institutions were registered with credit codes of this file since the preview; nothing "
                           "was written, preview the file again",
                           "credit_code")
        .WithDetail("good_rows_previewed", std::int64_t{previewed})
        .WithDetail("good_rows_now", static_cast<std::int64_t>(now));
}

std::vector<RegistryImportProblem> FirstOf(const std::vector<RegistryImportProblem>& all) {
    return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), kMaxProblemsShown))};
}

}  // namespace

RegistryImportService::RegistryImportService(db::Database& database, org::OrgService& org,
                                             const crypto::PiiVault& vault)
    : database_(database), org_(org), vault_(vault) {}

RegistryImportParse RegistryImportService::ParseForUnit(db::Connection& c, const std::string& unit_code,
                                                        const std::string& unit_path, std::string_view file) {
    RegistryImportParse parse = ParseRegistryImport(file, unit_code, Today());
    std::vector<RegistryImportRow> fresh;
    std::set<int> good_lines;
    for (auto& row : parse.rows) {
        row.institution.org_path = unit_path;
        // Codes are unique nationally (docs/institutions.md): registered in any county is registered.
        if (repo::InstitutionIdByCreditCode(c, row.institution.credit_code)) {
            parse.problems.push_back({row.line, "credit_code", "该统一社会信用代码已登记",
                                      "That credit code is already registered"});
            continue;
        }
        good_lines.insert(row.line);
        fresh.push_back(std::move(row));
    }
    parse.rows = std::move(fresh);
    std::erase_if(parse.warnings, [&](const RegistryImportProblem& w) { return !good_lines.contains(w.line); });
    std::stable_sort(parse.problems.begin(), parse.problems.end(),
                     [](const RegistryImportProblem& a, const RegistryImportProblem& b) { return a.line < b.line; });
    return parse;
}

RegistryImportPreview RegistryImportService::Preview(const Principal& p, const std::string& unit_code,
                                                     std::string_view file) {
    const std::string unit_path = CountyPathForWrite(org_, p, unit_code);
    auto c = database_.Acquire();
    const RegistryImportParse parse = ParseForUnit(*c, unit_code, unit_path, file);
    RegistryImportPreview out;
    out.unit_code = unit_code;
    out.encoding = parse.encoding;
    out.data_rows = parse.data_rows;
    out.good_rows = static_cast<int>(parse.rows.size());
    std::set<int> bad_lines;
    for (const auto& pr : parse.problems) bad_lines.insert(pr.line);
    out.bad_rows = static_cast<int>(bad_lines.size());
    out.problems = FirstOf(parse.problems);
    out.warnings = FirstOf(parse.warnings);
    out.sample.assign(parse.rows.begin(), parse.rows.begin() + static_cast<std::ptrdiff_t>(
                                                                   std::min(parse.rows.size(), kSampleRows)));
    // Sealed although the registry holds little personal data: the stored bytes are the whole file, with
    // whatever other columns the county's ledger carries (contact mobiles, identity numbers).
    db::Transaction tx(*c, db::TxMode::kWrite);
    out.import_id =
        repo::InsertRegistryImport(*c, unit_code, p.user_id, Now(), out.good_rows, out.bad_rows, vault_.Seal(file).box);
    tx.Commit();
    return out;
}

RegistryImportResult RegistryImportService::Confirm(const Principal& p, std::int64_t import_id) {
    std::optional<repo::StagedRegistryImport> staged;
    {
        auto c = database_.Acquire();
        staged = repo::FindRegistryImport(*c, import_id, p.user_id);
    }
    if (!staged) throw ImportNotFound();
    const auto created = ParseRfc3339(staged->created_at);
    const bool expired = !created || std::chrono::system_clock::now() - *created > kStagingLifetime;
    if (staged->status == "pending" && expired) {
        auto c = database_.Acquire();  // the stale file goes now, not whenever someone cleans up
        db::Transaction tx(*c, db::TxMode::kWrite);
        repo::ExpireRegistryImport(*c, import_id);
        tx.Commit();
    }
    if (staged->status != "pending" || expired) throw NotPending();
    if (staged->good_rows == 0)
        throw Error::Unprocessable("institutions.import_empty", "该文件没有可导入的行", "The file has no good rows");
    const std::string unit_path = CountyPathForWrite(org_, p, staged->unit_code);
    const std::string file = vault_.Open(staged->payload_sealed);

    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const RegistryImportParse parse = ParseForUnit(*c, staged->unit_code, unit_path, file);
    if (static_cast<int>(parse.rows.size()) != staged->good_rows) throw Changed(staged->good_rows, parse.rows.size());
    const auto now = Now();
    if (!repo::ConfirmRegistryImport(*c, import_id, now)) throw NotPending();  // a concurrent confirm won
    RegistryImportResult result;
    try {
        for (const auto& row : parse.rows) {
            const bool overridden = row.institution.credit_override_reason.has_value();
            repo::InsertInstitution(*c, row.institution,
                                    overridden ? std::optional<std::int64_t>(p.user_id) : std::nullopt, now);
            ++result.institutions;
            result.credit_overrides += overridden ? 1 : 0;
        }
    } catch (const db::DbError& e) {
        // Registered by someone else between our check and our insert: the transaction rolls back whole.
        if (e.kind() == db::DbErrorKind::kUnique) throw Changed(staged->good_rows, parse.rows.size() - 1);
        throw;
    }
    tx.Commit();
    return result;
}

}  // namespace kehou::institutions
