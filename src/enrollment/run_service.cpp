// 录取 The county's admission run over the stored season: the qualified applications with their ranking keys, the
// seat plans, the shared lottery's draws from the committed seed; the result and digests of both its inputs and its
// outcome are stored, so anyone given the revealed seed can re-run it (R5.7).
#include <fmt/format.h>

#include <map>

#include "core/error.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "enrollment/admission.hpp"
#include "enrollment/season_service.hpp"
#include "lottery/lottery.hpp"

namespace kehou::enrollment {
namespace {

std::optional<Date> DateOf(const std::optional<std::string>& text) {
    return text ? ParseIsoDate(*text) : std::nullopt;
}

std::string_view PlacedByText(PlacedBy by) {
    switch (by) {
        case PlacedBy::kPrivateLottery: return "private_lottery";
        case PlacedBy::kCatchment: return "catchment";
        case PlacedBy::kCountyPlaced: return "county_placed";
        case PlacedBy::kUnplaced: return "unplaced";
    }
    return "unplaced";
}

// One line per input, in id order: what the run read, so its digest proves the inputs were not changed after.
std::string InputDigest(const std::vector<SeatPlan>& plans, const std::vector<Application>& apps) {
    lottery::Sha256Stream digest;
    for (const auto& p : plans) {
        std::string nearby;
        for (const auto id : p.nearby) nearby += fmt::format("{} ", id);
        digest.Update(fmt::format("plan|{}|{}|{}|{}\n", p.school_id, p.seats, p.is_private, nearby));
    }
    for (const auto& a : apps) {
        const auto& r = a.ranked;
        digest.Update(fmt::format("app|{}|{}|{}|{}|{}|{}|{}|{}\n", r.id, r.category,
                                  r.hukou_move_in ? FormatIsoDate(*r.hukou_move_in) : "",
                                  r.property_certificate ? FormatIsoDate(*r.property_certificate) : "",
                                  r.points_tenths, a.catchment_school.value_or(0), a.private_school.value_or(0),
                                  a.in_county));
    }
    return digest.FinishHex();
}

std::string ResultDigest(const std::vector<PlacementRow>& rows) {
    lottery::Sha256Stream digest;
    for (const auto& r : rows)
        digest.Update(fmt::format("{}|{}|{}|{}\n", r.application_id, r.school_id.value_or(0), r.placed_by, r.rank));
    return digest.FinishHex();
}

Application ToApplication(const ApplicationRecord& a, const lottery::Drawer& draw) {
    Application out;
    out.ranked.id = a.id;
    out.ranked.category = a.category_index ? static_cast<std::size_t>(*a.category_index) : 0;
    out.ranked.hukou_move_in = DateOf(a.hukou_move_in);
    out.ranked.property_certificate = DateOf(a.certificate_date);
    out.ranked.points_tenths = a.points_tenths;
    out.ranked.draw = draw(a.id);
    if (a.category_index) out.catchment_school = a.catchment_school_id;
    out.private_school = a.private_school_id;
    out.in_county = a.in_county;
    return out;
}

}  // namespace

std::pair<Season, RunSummary> SeasonService::Run(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto s = ForCountyWrite(*c, p, id);
    if (s.status != SeasonStatus::kClosed && s.status != SeasonStatus::kAdmitted)
        throw Error::Conflict("enrollment.season_state", "须先截止报名，才能进行录取",
                              "Close the season before the run", "status");
    const auto ctx = LoadSeasonContext(*c, s);
    const lottery::Drawer draw(repo::SeasonSeed(*c, id), LotteryContext(id));
    RunSummary summary;
    std::vector<Application> apps;
    std::map<std::int64_t, const ApplicationRecord*> by_id;
    const auto records = repo::SeasonApplications(
        *c, id, {ApplicationStatus::kQualified, ApplicationStatus::kAwaitingUpload, ApplicationStatus::kInReview});
    for (const auto& a : records) {
        if (a.status != ApplicationStatus::kQualified) {
            ++summary.not_ready;
            continue;
        }
        apps.push_back(ToApplication(a, draw));
        by_id[a.id] = &a;
    }
    std::vector<SeatPlan> plans;
    std::map<std::int64_t, std::string> paths;
    for (const auto& plan : ctx.plans) {
        plans.push_back({plan.school_id, plan.seats, plan.is_private, plan.nearby});
        paths[plan.school_id] = plan.org_path;
    }
    const auto placements = RunAdmission(plans, apps, ctx.policy.tie_breakers);
    std::vector<PlacementRow> rows;
    std::vector<std::string> org_paths;
    for (const auto& pl : placements) {
        const auto& a = *by_id.at(pl.applicant_id);
        rows.push_back({a.id, a.child_name, a.child_id_masked, pl.school_id, "", std::string(PlacedByText(pl.by)),
                        lottery::DrawText(draw(a.id)), pl.rank, a.category_name});
        org_paths.push_back(pl.school_id ? paths.at(*pl.school_id) : s.org_path);
        ++summary.qualified;
        switch (pl.by) {
            case PlacedBy::kPrivateLottery: ++summary.private_lottery; break;
            case PlacedBy::kCatchment: ++summary.catchment; break;
            case PlacedBy::kCountyPlaced: ++summary.county_placed; break;
            case PlacedBy::kUnplaced: ++summary.unplaced; break;
        }
    }
    summary.placed = summary.qualified - summary.unplaced;
    const auto now = FormatShanghai(std::chrono::system_clock::now());
    repo::ReplacePlacements(*c, id, rows, org_paths, now);
    repo::RecordRun(*c, id, p.user_id, InputDigest(plans, apps), ResultDigest(rows), now);
    tx.Commit();
    return {Reload(*c, p, id), summary};
}

}  // namespace kehou::enrollment
