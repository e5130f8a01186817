#include "afterschool/seat_ledger.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "afterschool/rules.hpp"
#include "core/error.hpp"

namespace kehou::afterschool {
namespace {

bool Contains(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

void Erase(std::vector<std::int64_t>& v, std::int64_t x) { v.erase(std::remove(v.begin(), v.end(), x), v.end()); }

/// Whether a child may hold one more seat in `s`: not its course already, under the limit, no overlap.
SelectDecision Fits(const SeatBook& book, const BookChild* child, const BookSection& s) {
    if (!child) return {SelectVerdict::kConfirm, {}};
    if (static_cast<int>(child->confirmed.size()) >= book.course_limit) return {SelectVerdict::kLimit, {}};
    for (auto held : child->confirmed) {
        const auto it = book.sections.find(held);
        if (it == book.sections.end()) continue;
        if (it->second.course_id == s.course_id) return {SelectVerdict::kDuplicateCourse, held};
        for (const auto& a : it->second.slots)
            for (const auto& b : s.slots)
                if (Overlaps(a, b)) return {SelectVerdict::kConflict, held};
    }
    return {SelectVerdict::kConfirm, {}};
}

}  // namespace

SelectDecision DecideSelect(const SeatBook& book, std::int64_t student_id, int grade, std::int64_t section_id,
                            bool join_waitlist) {
    const auto it = book.sections.find(section_id);
    if (it == book.sections.end()) return {SelectVerdict::kUnknown, {}};
    const BookSection& s = it->second;
    if (!s.open) return {SelectVerdict::kClosed, {}};
    if (grade < s.grade_from || grade > s.grade_to) return {SelectVerdict::kIneligible, {}};
    const auto c = book.children.find(student_id);
    const BookChild* child = c == book.children.end() ? nullptr : &c->second;
    if (child && (Contains(child->confirmed, section_id) || Contains(child->waitlisted, section_id)))
        return {SelectVerdict::kAlreadyHeld, {}};
    if (const auto fit = Fits(book, child, s); fit.verdict != SelectVerdict::kConfirm) return fit;
    if (s.taken < s.capacity) return {SelectVerdict::kConfirm, {}};
    return {join_waitlist ? SelectVerdict::kWaitlist : SelectVerdict::kFull, {}};
}

std::int64_t ApplySelect(SeatBook& book, std::int64_t student_id, int grade, std::int64_t section_id,
                         SelectVerdict verdict) {
    BookSection& s = book.sections.at(section_id);
    BookChild& child = book.children[student_id];
    child.grade = grade;
    const std::int64_t queue_no = s.next_queue_no++;
    if (verdict == SelectVerdict::kConfirm) {
        ++s.taken;
        child.confirmed.push_back(section_id);
    } else {
        s.waitlist.emplace_back(queue_no, student_id);
        child.waitlisted.push_back(section_id);
    }
    return queue_no;
}

std::optional<std::int64_t> ApplyDrop(SeatBook& book, std::int64_t student_id, std::int64_t section_id) {
    BookSection& s = book.sections.at(section_id);
    BookChild& child = book.children[student_id];
    if (Contains(child.waitlisted, section_id)) {
        Erase(child.waitlisted, section_id);
        std::erase_if(s.waitlist, [&](const auto& w) { return w.second == student_id; });
        return std::nullopt;
    }
    Erase(child.confirmed, section_id);
    --s.taken;
    // Waitlist promotion in queue order; a child who no longer fits (limit, overlap) keeps its place.
    for (auto w = s.waitlist.begin(); w != s.waitlist.end(); ++w) {
        const std::int64_t next = w->second;
        BookChild& waiting = book.children[next];
        if (waiting.grade < s.grade_from || waiting.grade > s.grade_to) continue;
        if (Fits(book, &waiting, s).verdict != SelectVerdict::kConfirm) continue;
        s.waitlist.erase(w);
        Erase(waiting.waitlisted, section_id);
        waiting.confirmed.push_back(section_id);
        ++s.taken;
        return next;
    }
    return std::nullopt;
}

Error SelectRefusal(const SelectDecision& d, int limit) {
    switch (d.verdict) {
        case SelectVerdict::kFull:
            return Error::Conflict("afterschool.section_full", "名额已满，可选择排队候补",
                                   "The section is full; you may join its waitlist", "section_id");
        case SelectVerdict::kAlreadyHeld:
            return Error::Conflict("afterschool.already_selected", "已选过该课程班", "Already selected", "section_id");
        case SelectVerdict::kIneligible:
            return Error::Unprocessable("afterschool.grade_ineligible", "孩子所在年级不能选该课程",
                                        "The course is not open to the child's grade", "section_id");
        case SelectVerdict::kConflict:
            return Error::Conflict("afterschool.time_conflict", "与已选课程时间冲突",
                                   "The time overlaps a course already chosen", "section_id")
                .WithDetail("conflict_with", d.conflict_with.value_or(0));
        case SelectVerdict::kDuplicateCourse:
            return Error::Conflict("afterschool.duplicate_course", "已选过该课程的另一个班",
                                   "Already holding a section of this course", "section_id");
        case SelectVerdict::kLimit:
            return Error::Conflict("afterschool.course_limit", fmt::format("每名学生最多选 {} 门课程", limit),
                                   fmt::format("A child may take at most {} courses", limit), "section_id")
                .WithDetail("limit", std::int64_t{limit});
        case SelectVerdict::kClosed:
            return Error::Conflict("afterschool.course_closed", "该课程已停止报名", "The course is closed",
                                   "section_id");
        default:
            return Error::NotFound("afterschool.unknown_section", "找不到该课程班", "No such section");
    }
}

void SeatLedger::Invalidate(std::int64_t school_id, const std::string& semester) {
    Entry& e = EntryFor(school_id, semester);
    std::lock_guard lock(e.mutex);
    e.book.reset();
}

void SeatLedger::InvalidateSemester(const std::string& semester) {
    std::vector<Entry*> entries;
    {
        std::lock_guard lock(index_mutex_);
        for (auto& [key, entry] : entries_)
            if (key.second == semester) entries.push_back(entry.get());
    }
    for (Entry* e : entries) {
        std::lock_guard lock(e->mutex);
        e->book.reset();
    }
}

SeatLedger::Entry& SeatLedger::EntryFor(std::int64_t school_id, const std::string& semester) {
    std::lock_guard lock(index_mutex_);
    auto& slot = entries_[{school_id, semester}];
    if (!slot) slot = std::make_unique<Entry>();
    return *slot;
}

}  // namespace kehou::afterschool
