#include "institutions/import_repo.hpp"

namespace kehou::institutions::repo {
namespace {

constexpr db::Query kInsertImport{"inst.insert_import",
                                  "INSERT INTO inst_import (unit_code, created_by, created_at, good_rows, bad_rows,"
                                  " payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr db::Query kFindImport{"inst.find_import",
                                "SELECT id, created_by, unit_code, created_at, status, good_rows, bad_rows, payload"
                                " FROM inst_import WHERE id = $1 AND created_by = $2"};
constexpr db::Query kConfirmImport{"inst.confirm_import",
                                   "UPDATE inst_import SET status = 'confirmed', confirmed_at = $2, payload = NULL"
                                   " WHERE id = $1 AND status = 'pending'"};
constexpr db::Query kExpireImport{"inst.expire_import",
                                  "UPDATE inst_import SET status = 'expired', payload = NULL"
                                  " WHERE id = $1 AND status = 'pending'"};

}  // namespace

std::int64_t InsertRegistryImport(db::Connection& c, const std::string& unit_code, std::int64_t created_by,
                                  const std::string& now, int good_rows, int bad_rows,
                                  const std::vector<std::uint8_t>& payload_sealed) {
    return c
        .Query(kInsertImport, {unit_code, created_by, now, std::int64_t{good_rows}, std::int64_t{bad_rows},
                               db::Blob{payload_sealed}})[0]
        .Int(0);
}

std::optional<StagedRegistryImport> FindRegistryImport(db::Connection& c, std::int64_t id, std::int64_t created_by) {
    return db::QueryOne(c, kFindImport, {id, created_by}, [](const db::Row& r) {
        StagedRegistryImport s{r.Int(0),  r.Int(1), r.Text(2), r.Text(3), r.Text(4), static_cast<int>(r.Int(5)),
                               static_cast<int>(r.Int(6)), {}};
        if (!r.IsNull(7)) s.payload_sealed = r.Bytes(7).bytes;
        return s;
    });
}

bool ConfirmRegistryImport(db::Connection& c, std::int64_t id, const std::string& now) {
    return c.Execute(kConfirmImport, {id, now}) == 1;
}

void ExpireRegistryImport(db::Connection& c, std::int64_t id) { c.Execute(kExpireImport, {id}); }

}  // namespace kehou::institutions::repo
