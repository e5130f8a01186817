// Selection windows, ranked wishes and the published lottery allocation (志愿+摇号) of SelectionService.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "afterschool/allocation_io.hpp"
#include "afterschool/catalog_repo.hpp"
#include "afterschool/selection_repo.hpp"
#include "afterschool/selection_service.hpp"
#include "db/transaction.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {
namespace {

using detail::Now;

Error Invalid(std::string code, std::string zh, std::string en, std::string field) {
    return Error::Unprocessable(std::move(code), std::move(zh), std::move(en), std::move(field));
}

/// An instant as typed, normalised to Shanghai time so stored instants compare as text.
std::string Instant(const std::string& text, const char* field) {
    const auto t = ParseRfc3339(text);
    if (!t)
        throw Error::BadRequest("afterschool.bad_time", "时间格式应为 2026-08-25T20:00:00+08:00",
                                "Times are RFC 3339, e.g. 2026-08-25T20:00:00+08:00", field);
    return FormatShanghai(*t);
}

void ValidateWindow(WindowInput& in) {
    CheckSemester(in.semester);
    if (in.mode != "first_come" && in.mode != "lottery")
        throw Invalid("afterschool.bad_mode", "选课方式应为实时选课或志愿+摇号",
                      "The mode is first_come or lottery", "mode");
    if (in.title.empty()) throw Invalid("afterschool.missing_title", "请填写名称", "Enter a title", "title");
    in.opens_at = Instant(in.opens_at, "opens_at");
    in.closes_at = Instant(in.closes_at, "closes_at");
    if (in.opens_at >= in.closes_at)
        throw Invalid("afterschool.bad_window_times", "结束时间须晚于开始时间", "The window must close after it opens",
                      "closes_at");
    if (in.max_wishes < 1 || in.max_wishes > 10)
        throw Invalid("afterschool.bad_max_wishes", "志愿数须在 1 至 10 之间", "Wishes are 1–10", "max_wishes");
    if (in.course_limit < 1 || in.course_limit > 5)
        throw Invalid("afterschool.bad_course_limit", "每名学生可选课程数须在 1 至 5 之间",
                      "The course limit is 1–5", "course_limit");
    if (in.priority_order.empty() && in.mode == "lottery")
        for (auto g : DefaultPriorityOrder()) in.priority_order.emplace_back(PriorityGroupName(g));
    std::set<std::string> seen;
    for (const auto& name : in.priority_order)
        if (!ParsePriorityGroup(name) || !seen.insert(name).second)
            throw Invalid("afterschool.bad_priority_order", "优先群体无效或重复", "Unknown or repeated priority group",
                          "priority_order");
}

bool TimesOverlap(const Window& a, const WindowInput& b) { return a.opens_at < b.closes_at && b.opens_at < a.closes_at; }

}  // namespace

Window SelectionService::CreateWindow(const Principal& p, const WindowInput& input) {
    WindowInput in = input;
    ValidateWindow(in);
    std::string org_path;
    if (in.school_id) {
        const org::School school = catalog_.SchoolForWrite(p, *in.school_id);
        in.unit_code = school.unit_code;
        org_path = school.org_path;
    } else {
        const auto unit = org_.FindUnit(in.unit_code);
        if (!unit) throw Invalid("afterschool.unknown_unit", "找不到该区县", "No such county-level unit", "unit_code");
        if (!p.Covers(unit->org_path))
            throw Error::Forbidden("afterschool.out_of_scope", "只能为本辖区设置选课窗口",
                                   "You may open windows for your own area only");
        org_path = unit->org_path;
    }
    const std::string seed = lottery::NewSeed();
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    // One window at a time per school and semester, or families could not tell which one counts.
    for (const auto& w : repo::ListWindows(*c, org_path, in.semester))
        if (TimesOverlap(w, in))
            throw Error::Conflict("afterschool.window_overlap", fmt::format("与已有选课窗口“{}”时间重叠", w.title),
                                  fmt::format("Overlaps the window \"{}\"", w.title), "opens_at");
    const auto id = repo::InsertWindow(*c, in, org_path, seed, lottery::Commitment(seed), p.user_id, Now());
    tx.Commit();
    ledger_->InvalidateSemester(in.semester);  // the window's course limit now binds its schools' books
    windows_.Clear();
    return GetWindow(SystemPrincipal(), id);
}

std::vector<Window> SelectionService::ListWindows(const Principal& p, const std::string& semester) {
    auto c = database_.Acquire();
    auto out = repo::ListWindows(*c, p.scope_path, semester);
    for (auto& w : out) detail::HideSeed(w, Now());
    return out;
}

Window SelectionService::GetWindow(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    auto w = repo::FindWindow(*c, id);
    if (!w || !(p.Covers(w->org_path) || p.scope_path.starts_with(w->org_path)))
        throw Error::NotFound("afterschool.unknown_window", "找不到该选课窗口", "No such selection window");
    detail::HideSeed(*w, Now());
    return *w;
}

Window SelectionService::WindowForWrite(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    auto w = repo::FindWindow(*c, id);
    if (!w) throw Error::NotFound("afterschool.unknown_window", "找不到该选课窗口", "No such selection window");
    if (!p.Covers(w->org_path))
        throw Error::Forbidden("afterschool.out_of_scope", "无权操作该选课窗口", "That window lies outside your scope");
    return *w;
}

Window SelectionService::CloseWindow(const Principal& p, std::int64_t id) {
    const Window w = WindowForWrite(p, id);
    const auto now = std::chrono::system_clock::now();
    const std::string phase = WindowPhase(w, FormatShanghai(now));
    if (phase != "open" && phase != "scheduled")
        throw Error::Conflict("afterschool.window_closed", "该选课窗口已结束", "The window has already closed");
    const std::string opens = phase == "open" ? w.opens_at : FormatShanghai(now - std::chrono::seconds(1));
    {
        auto c = database_.Acquire();
        db::Transaction tx(*c, db::TxMode::kWrite);
        repo::SetWindowTimes(*c, id, std::min(opens, FormatShanghai(now - std::chrono::seconds(1))),
                             FormatShanghai(now));
        tx.Commit();
    }
    windows_.Clear();
    return GetWindow(SystemPrincipal(), id);
}

std::vector<std::int64_t> SelectionService::SubmitWishes(const Principal& guardian, std::int64_t student_id,
                                                         std::int64_t window_id,
                                                         const std::vector<std::int64_t>& section_ids) {
    const detail::Placed who = PlaceChild(guardian, student_id);
    RequireConsent(who.child);
    const Window w = GetWindow(SystemPrincipal(), window_id);
    if (!who.school.org_path.starts_with(w.org_path))
        throw Error::NotFound("afterschool.unknown_window", "找不到该选课窗口", "No such selection window");
    if (w.mode != "lottery" || WindowPhase(w, Now()) != "open")
        throw Error::Conflict("afterschool.window_not_open", "当前不在志愿填报时间内", "Wishes are not being taken now");
    if (static_cast<int>(section_ids.size()) > w.max_wishes)
        throw Invalid("afterschool.too_many_wishes", fmt::format("最多填报 {} 个志愿", w.max_wishes),
                      fmt::format("At most {} wishes", w.max_wishes), "section_ids");
    // Each wish must be a section of the child's school, open to its grade, named once.
    auto c = database_.Acquire();
    const auto courses = repo::ListCourses(*c, "/", who.school.id, w.semester);
    std::set<std::int64_t> seen;
    for (auto id : section_ids) {
        bool ok = false;
        for (const auto& k : courses)
            for (const auto& s : k.sections)
                ok = ok || (s.id == id && k.status == "published" && who.child.grade >= k.grade_from &&
                            who.child.grade <= k.grade_to);
        if (!ok || !seen.insert(id).second)
            throw Invalid("afterschool.bad_wish", "志愿中有不可选或重复的课程班",
                          "A wish names a section the child cannot take, or names it twice", "section_ids")
                .WithDetail("section_id", id);
    }
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::ReplaceWishes(*c, window_id, student_id, section_ids, guardian.user_id, Now());
    tx.Commit();
    return repo::WishesOf(*c, window_id, student_id);
}

Window SelectionService::Allocate(const Principal& p, std::int64_t window_id) {
    const Window w = WindowForWrite(p, window_id);
    if (w.mode != "lottery")
        throw Error::Conflict("afterschool.not_lottery", "实时选课窗口无需摇号", "A first-come window has no lottery");
    const std::string phase = WindowPhase(w, Now());
    if (phase != "closed")
        throw Error::Conflict("afterschool.cannot_allocate",
                              phase == "allocated" ? "该窗口已完成摇号" : "志愿填报尚未结束，不能摇号",
                              phase == "allocated" ? "This window has been allocated" : "The window has not closed yet");
    std::set<std::pair<std::int64_t, std::string>> books;
    committer_->SubmitAndWait([&](db::Connection& c) {
        const AllocInput input = repo::AllocationInputFromWishes(c, w);
        const AllocResult result = afterschool::Allocate(input);
        // The waitlist follows the lottery order (tier, draw): one global order, so ascending per section.
        std::vector<const WishResult*> order;
        for (const auto& r : result.wishes)
            if (r.rank == 1) order.push_back(&r);
        std::sort(order.begin(), order.end(), [](auto* a, auto* b) {
            return std::tie(a->tier, a->draw, a->child_id) < std::tie(b->tier, b->draw, b->child_id);
        });
        std::map<std::int64_t, std::int64_t> queue_no;
        for (std::size_t i = 0; i < order.size(); ++i) queue_no[order[i]->child_id] = static_cast<std::int64_t>(i + 1);
        const std::string now = Now();
        for (const auto& r : result.wishes) {
            repo::InsertAllocationLine(c, w.id, ToLine(r));
            if (r.outcome != WishOutcome::kAssigned && r.outcome != WishOutcome::kFull) continue;
            const bool seat = r.outcome == WishOutcome::kAssigned;
            if (seat && !repo::TakeSeat(c, r.section_id))
                throw Error::Conflict("afterschool.section_full", "名额已满", "The section is full");
            const auto place = repo::SectionPlace(c, r.section_id);
            books.insert(*place);
            repo::InsertSeat(c, w.id, r.section_id, r.child_id, repo::StudentPath(c, r.child_id),
                             seat ? "confirmed" : "waitlisted", "lottery", queue_no[r.child_id], std::nullopt, 0, now,
                             std::nullopt);
        }
        for (const auto* r : order)
            for (auto user : repo::GuardianUserIds(c, r->child_id))
                repo::InsertNotification(c, user, "lottery_result", "摇号结果已公布",
                                         fmt::format("“{}”的摇号结果已公布，请查看孩子的选课结果。", w.title), now);
        repo::MarkAllocated(c, w.id, WriteAllocInputs(input), result.digest, now);
        for (const auto& [school, semester] : books) repo::BumpGeneration(c, school, semester);
    });
    for (const auto& [school, semester] : books) ledger_->Invalidate(school, semester);
    windows_.Clear();
    return GetWindow(SystemPrincipal(), window_id);
}

std::vector<ExplainedLine> SelectionService::Explain(db::Connection& c, const Window& w,
                                                     std::vector<AllocationLine> lines) {
    std::vector<PriorityGroup> order;
    for (const auto& name : w.priority_order)
        if (auto g = ParsePriorityGroup(name)) order.push_back(*g);
    const auto sections = repo::SectionNamesOfWindow(c, w.id);
    const auto children = repo::ChildNamesOfWindow(c, w.id, "/");
    std::vector<ExplainedLine> out;
    for (auto& l : lines) {
        auto [zh, en] = ExplainWish(FromLine(l), order);
        const auto s = sections.find(l.section_id);
        const auto k = children.find(l.student_id);
        out.push_back({std::move(l), k == children.end() ? "" : k->second, s == sections.end() ? "" : s->second.first,
                       s == sections.end() ? "" : s->second.second, std::move(zh), std::move(en)});
    }
    return out;
}

std::vector<ExplainedLine> SelectionService::ChildResult(const Principal& guardian, std::int64_t student_id,
                                                         std::int64_t window_id) {
    const detail::Placed who = PlaceChild(guardian, student_id);
    const Window w = GetWindow(SystemPrincipal(), window_id);
    if (!who.school.org_path.starts_with(w.org_path))
        throw Error::NotFound("afterschool.unknown_window", "找不到该选课窗口", "No such selection window");
    auto c = database_.Acquire();
    return Explain(*c, w, repo::AllocationOf(*c, window_id, student_id, "/"));
}

std::vector<ExplainedLine> SelectionService::Allocation(const Principal& p, std::int64_t window_id) {
    const Window w = GetWindow(p, window_id);
    auto c = database_.Acquire();
    return Explain(*c, w, repo::AllocationOf(*c, window_id, std::nullopt, p.scope_path));
}

std::string SelectionService::AllocationInputs(const Principal& p, std::int64_t window_id) {
    GetWindow(p, window_id);
    auto c = database_.Acquire();
    const auto text = repo::AllocationInputsOf(*c, window_id);
    if (!text) throw Error::Conflict("afterschool.not_allocated", "该窗口尚未摇号", "The window has not been allocated");
    return *text;
}

std::optional<std::string> SelectionService::Verify(std::int64_t window_id) {
    auto c = database_.Acquire();
    const auto w = repo::FindWindow(*c, window_id);
    const auto text = repo::AllocationInputsOf(*c, window_id);
    if (!w || !text || !w->seed || !w->seed_commitment) return "window not found or not allocated";
    if (!lottery::SeedMatches(*w->seed, *w->seed_commitment))
        return "the seed does not match the commitment published when the window opened";
    const AllocInput input = ReadAllocInputs(*text, *w->seed);
    std::vector<WishResult> published;
    for (const auto& l : repo::AllocationOf(*c, window_id, std::nullopt, "/")) published.push_back(FromLine(l));
    if (auto diff = VerifyAllocation(input, published)) return diff;
    // The lines re-ran identically; the digest published with them must be theirs.
    std::string lines;
    for (const auto& line : published) AppendCanonicalLine(lines, line);
    if (lottery::Sha256Hex(lines) != w->result_digest.value_or(""))
        return "the published digest is not the digest of the published lines";
    return std::nullopt;
}

}  // namespace kehou::afterschool
