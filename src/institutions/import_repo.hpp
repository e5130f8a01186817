#pragma once
// SQL of registry uploads waiting for confirmation (inst_import): the preview stores the file, the confirm
// marks it confirmed and drops the file.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace kehou::institutions::repo {

/// 机构导入批次 An upload as the preview stored it.
struct StagedRegistryImport {
    std::int64_t id = 0, created_by = 0;
    std::string unit_code, created_at, status;
    int good_rows = 0, bad_rows = 0;
    std::vector<std::uint8_t> payload_sealed;  // empty once confirmed or expired
};

std::int64_t InsertRegistryImport(db::Connection& c, const std::string& unit_code, std::int64_t created_by,
                                  const std::string& now, int good_rows, int bad_rows,
                                  const std::vector<std::uint8_t>& payload_sealed);
/// The upload when `created_by` made it; someone else's does not exist for the caller.
std::optional<StagedRegistryImport> FindRegistryImport(db::Connection& c, std::int64_t id, std::int64_t created_by);
/// Pending -> confirmed, dropping the file; false when it was no longer pending (a concurrent confirm).
bool ConfirmRegistryImport(db::Connection& c, std::int64_t id, const std::string& now);
/// Pending -> expired, dropping the file.
void ExpireRegistryImport(db::Connection& c, std::int64_t id);

}  // namespace kehou::institutions::repo
