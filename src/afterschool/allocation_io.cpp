#include "afterschool/allocation_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/error.hpp"

namespace kehou::afterschool {
namespace {

std::vector<std::string> Split(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto at = text.find(sep, start);
        const auto piece = text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
        if (!piece.empty()) out.emplace_back(piece);
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    return out;
}

[[noreturn]] void BadLine(int line) {
    throw Error::Unprocessable("afterschool.bad_alloc_inputs", fmt::format("分配输入第 {} 行格式错误", line),
                               fmt::format("Line {} of the allocation inputs is malformed", line), "inputs");
}

std::int64_t Number(const std::string& s, int line) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) BadLine(line);
    return v;
}

int Small(const std::string& s, int line) {
    return static_cast<int>(Number(s, line));
}

std::string SlotsText(const std::vector<TimeSlot>& slots) {
    std::string out;
    for (const auto& t : slots) out += fmt::format("{}{}:{}-{}", out.empty() ? "" : ";", t.weekday, t.start, t.end);
    return out;
}

std::vector<TimeSlot> ParseSlots(const std::string& text, int line) {
    std::vector<TimeSlot> out;
    for (const auto& part : Split(text, ';')) {
        const auto colon = part.find(':'), dash = part.find('-');
        if (colon == std::string::npos || dash == std::string::npos || dash < colon) BadLine(line);
        out.push_back({Small(part.substr(0, colon), line), Small(part.substr(colon + 1, dash - colon - 1), line),
                       Small(part.substr(dash + 1), line)});
    }
    return out;
}

}  // namespace

std::string WriteAllocInputs(const AllocInput& in) {
    std::string out = "order ";
    for (std::size_t i = 0; i < in.priority_order.size(); ++i)
        out += (i ? "," : "") + std::string(PriorityGroupName(in.priority_order[i]));
    out += "\ncontext " + in.context + "\n";
    for (const auto& s : in.sections)
        out += fmt::format("section {} {} {} {} {} {}\n", s.id, s.course_id, s.capacity, s.grade_from, s.grade_to,
                           SlotsText(s.slots));
    for (const auto& c : in.children) {
        // Only the group that sets the tier is written: enough to re-run, no more than needed (RULES R4.3).
        std::string group = "-";
        for (auto g : in.priority_order)
            if (std::find(c.groups.begin(), c.groups.end(), g) != c.groups.end()) {
                group = PriorityGroupName(g);
                break;
            }
        std::string wishes;
        for (auto w : c.wishes) wishes += fmt::format("{}{}", wishes.empty() ? "" : ",", w);
        out += fmt::format("child {} {} {} {} {}\n", c.id, c.grade, c.limit, group, wishes.empty() ? "-" : wishes);
    }
    return out;
}

AllocInput ReadAllocInputs(std::string_view text, const std::string& seed) {
    AllocInput in;
    in.seed = seed;
    int line_no = 0;
    for (const auto& line : Split(text, '\n')) {
        ++line_no;
        const auto f = Split(line, ' ');
        if (f.size() == 2 && f[0] == "order") {
            for (const auto& name : Split(f[1], ','))
                if (auto g = ParsePriorityGroup(name))
                    in.priority_order.push_back(*g);
                else
                    BadLine(line_no);
        } else if (f.size() == 2 && f[0] == "context") {
            in.context = f[1];
        } else if (f.size() == 7 && f[0] == "section") {
            in.sections.push_back({Number(f[1], line_no), Number(f[2], line_no), Small(f[3], line_no),
                                   Small(f[4], line_no), Small(f[5], line_no), ParseSlots(f[6], line_no)});
        } else if (f.size() == 6 && f[0] == "child") {
            AllocChild c{Number(f[1], line_no), Small(f[2], line_no), Small(f[3], line_no), {}, {}};
            if (f[4] != "-") {
                const auto g = ParsePriorityGroup(f[4]);
                if (!g) BadLine(line_no);
                c.groups.push_back(*g);
            }
            if (f[5] != "-")
                for (const auto& w : Split(f[5], ',')) c.wishes.push_back(Number(w, line_no));
            in.children.push_back(std::move(c));
        } else if (!(f.size() == 1 && f[0] == "order")) {  // an empty priority order is written "order "
            BadLine(line_no);
        }
    }
    return in;
}

AllocationLine ToLine(const WishResult& r) {
    return {r.child_id,
            r.rank,
            r.section_id,
            std::string(WishOutcomeName(r.outcome)),
            r.round,
            fmt::format("{:016x}", r.draw),
            r.tier,
            r.cutoff_draw ? std::optional<std::string>(fmt::format("{:016x}", *r.cutoff_draw)) : std::nullopt,
            r.cutoff_tier,
            r.conflict_with};
}

WishResult FromLine(const AllocationLine& l) {
    static const WishOutcome kAll[] = {WishOutcome::kAssigned,    WishOutcome::kFull,
                                       WishOutcome::kConflict,    WishOutcome::kDuplicateCourse,
                                       WishOutcome::kIneligible,  WishOutcome::kUnknownSection,
                                       WishOutcome::kLimitReached};
    WishResult r;
    r.child_id = l.student_id;
    r.rank = l.rank;
    r.section_id = l.section_id;
    for (auto o : kAll)
        if (WishOutcomeName(o) == l.outcome) r.outcome = o;
    r.round = l.round;
    r.draw = std::stoull(l.draw, nullptr, 16);
    r.tier = l.tier;
    if (l.cutoff_draw) r.cutoff_draw = std::stoull(*l.cutoff_draw, nullptr, 16);
    r.cutoff_tier = l.cutoff_tier;
    r.conflict_with = l.conflict_with;
    return r;
}

}  // namespace kehou::afterschool
