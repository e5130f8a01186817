#include "afterschool/fee_standard.hpp"

#include <regex>

#include "afterschool/rules.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"

namespace kehou::afterschool {
namespace {

constexpr db::Query kUpsert{
    "afterschool.upsert_fee_standard",
    "INSERT INTO as_fee_standard (unit_code, org_path, semester, rural_per_hour_fen, urban_per_hour_fen,"
    " per_semester_cap_fen, per_month_cap_fen, local_off_work, end_offset_minutes, published_by, published_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (unit_code, semester) DO UPDATE SET"
    " rural_per_hour_fen = excluded.rural_per_hour_fen, urban_per_hour_fen = excluded.urban_per_hour_fen,"
    " per_semester_cap_fen = excluded.per_semester_cap_fen, per_month_cap_fen = excluded.per_month_cap_fen,"
    " local_off_work = excluded.local_off_work, end_offset_minutes = excluded.end_offset_minutes,"
    " published_by = excluded.published_by, published_at = excluded.published_at"};
#define KEHOU_FEE_COLUMNS                                                                                      \
    "f.unit_code, u.name, f.semester, f.rural_per_hour_fen, f.urban_per_hour_fen, f.per_semester_cap_fen,"     \
    " f.per_month_cap_fen, f.local_off_work, f.end_offset_minutes, f.published_at FROM as_fee_standard f"      \
    " JOIN org_unit u ON u.code = f.unit_code"
constexpr db::Query kFind{"afterschool.find_fee_standard",
                          "SELECT " KEHOU_FEE_COLUMNS " WHERE f.unit_code = $1 AND f.semester = $2"};
constexpr db::Query kList{"afterschool.list_fee_standards",
                          "SELECT " KEHOU_FEE_COLUMNS " WHERE f.semester = $2 AND f.org_path LIKE $1 || '%'"
                          " ORDER BY f.org_path"};
#undef KEHOU_FEE_COLUMNS

PublishedStandard Read(const db::Row& r) {
    PublishedStandard p;
    p.unit_code = r.Text(0);
    p.unit_name = r.Text(1);
    p.semester = r.Text(2);
    p.standard = {r.Int(3), r.Int(4), r.OptInt(5), r.OptInt(6), ParseTimeOfDay(r.Text(7)).value_or(17 * 60),
                  static_cast<int>(r.Int(8))};
    p.published_at = r.Text(9);
    return p;
}

}  // namespace

void CheckSemester(const std::string& semester) {
    if (!IsSemester(semester))
        throw Error::BadRequest("afterschool.bad_semester", "学期格式应为 2026-autumn 或 2027-spring",
                                "A semester is written 2026-autumn or 2027-spring", "semester");
}

bool IsSemester(const std::string& s) {
    static const std::regex pattern(R"(20\d\d-(spring|autumn))");
    return std::regex_match(s, pattern);
}

PublishedStandard FeeStandardService::Publish(const Principal& p, const std::string& unit_code,
                                              const std::string& semester, const FeeStandard& s) {
    CheckSemester(semester);
    ValidateFeeStandard(s);
    const auto unit = org_.FindUnit(unit_code);
    if (!unit) throw Error::NotFound("afterschool.unknown_unit", "找不到该区县", "No such county-level unit");
    if (!p.Covers(unit->org_path))
        throw Error::Forbidden("afterschool.out_of_scope", "只能发布本级或下级的收费标准",
                               "You may publish standards for your own unit and those below it only");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    c->Execute(kUpsert, {unit->code, unit->org_path, semester, s.rural_per_hour_fen, s.urban_per_hour_fen,
                         db::Opt(s.per_semester_cap_fen), db::Opt(s.per_month_cap_fen),
                         FormatTimeOfDay(s.local_off_work), std::int64_t{s.end_offset_minutes},
                         p.user_id > 0 ? db::Value{p.user_id} : db::Null(),  // 0: the console, no account
                         FormatShanghai(std::chrono::system_clock::now())});
    tx.Commit();
    return Read(c->Query(kFind, {unit->code, semester})[0]);
}

PublishedStandard FeeStandardService::InForce(const Principal& p, const std::string& unit_code,
                                              const std::string& semester) {
    CheckSemester(semester);
    const auto unit = org_.FindUnit(unit_code);
    // Anyone whose scope lies in the unit, or who oversees it, may read the standard that binds it.
    if (!unit || (!p.Covers(unit->org_path) && !p.scope_path.starts_with(unit->org_path)))
        throw Error::NotFound("afterschool.unknown_unit", "找不到该区县", "No such county-level unit");
    auto c = database_.Acquire();
    if (const auto own = c->Query(kFind, {unit->code, semester}); !own.empty()) return Read(own[0]);
    if (!unit->parent_code.empty())
        if (const auto city = c->Query(kFind, {unit->parent_code, semester}); !city.empty()) {
            PublishedStandard inherited = Read(city[0]);
            inherited.inherited = true;
            return inherited;
        }
    throw Error::NotFound("afterschool.no_fee_standard", "该学期尚未发布收费标准",
                          "No fee standard has been published for this semester");
}

std::vector<PublishedStandard> FeeStandardService::List(const Principal& p, const std::string& semester) {
    CheckSemester(semester);
    auto c = database_.Acquire();
    std::vector<PublishedStandard> out;
    for (const auto& r : c->Query(kList, {p.scope_path, semester})) out.push_back(Read(r));
    return out;
}

}  // namespace kehou::afterschool
