#pragma once
// Registry import (issue 6 point 1), the roster's flow: the preview checks every row and stores the sealed
// upload, writing nothing else; the confirm re-reads the stored upload and writes every good row in one
// transaction, or nothing.

#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "crypto/pii_vault.hpp"
#include "db/database.hpp"
#include "institutions/registry_import.hpp"
#include "org/service.hpp"

namespace kehou::institutions {

/// What the preview found; the upload waits under `import_id` for its uploader's confirmation.
struct RegistryImportPreview {
    std::int64_t import_id = 0;
    std::string unit_code, encoding;
    int data_rows = 0, good_rows = 0, bad_rows = 0;
    std::vector<RegistryImportProblem> problems;  // sorted by line, at most 500
    std::vector<RegistryImportProblem> warnings;  // non-blocking findings, at most 500
    std::vector<RegistryImportRow> sample;        // the first good rows
};

/// What a confirmation wrote.
struct RegistryImportResult {
    int institutions = 0;
    int credit_overrides = 0;  // rows kept with an R3.5 override reason
};

/// Previews and confirms registry uploads on behalf of a principal. Thread-safe.
class RegistryImportService {
public:
    RegistryImportService(db::Database& database, org::OrgService& org, const crypto::PiiVault& vault);

    /// Checks an upload for a county the caller supervises (403 outside the scope, 422 for an unknown unit):
    /// every row with CheckInstitution, credit codes against earlier rows and the whole registry. Stores
    /// the sealed file and the counts; writes no institution.
    RegistryImportPreview Preview(const Principal& p, const std::string& unit_code, std::string_view file);
    /// Writes every good row of the caller's own pending upload in one transaction. 404 for someone else's
    /// upload; 409 when already confirmed or older than 24 hours, or when a row has gone bad since the
    /// preview (its credit code registered meanwhile): then nothing is written.
    RegistryImportResult Confirm(const Principal& p, std::int64_t import_id);

private:
    /// The pure parse plus the registry: a code registered anywhere is a problem on its line.
    RegistryImportParse ParseForUnit(db::Connection& c, const std::string& unit_code, const std::string& unit_path,
                                     std::string_view file);

    db::Database& database_;
    org::OrgService& org_;
    const crypto::PiiVault& vault_;
};

/// The import template (.xlsx): the header row, the example row, and a second sheet of notes per column.
std::string RegistryImportTemplate();

}  // namespace kehou::institutions
