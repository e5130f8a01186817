// The school's side of SelectionService: section rosters, and joining or leaving mid-term (RULES R1.8(c)).

#include "afterschool/selection_repo.hpp"
#include "afterschool/selection_service.hpp"

namespace kehou::afterschool {
namespace {

std::string IsoDate(const std::string& text, const char* field) {
    if (!ParseIsoDate(text))
        throw Error::BadRequest("afterschool.bad_date", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD", field);
    return text;
}

}  // namespace

std::vector<Seat> SelectionService::SectionRoster(const Principal& p, std::int64_t section_id) {
    std::string semester;
    catalog_.SchoolForRead(p, SectionSchool(section_id, &semester));
    auto c = database_.Acquire();
    return repo::SeatsOfSection(*c, section_id);
}

Seat SelectionService::JoinMidTerm(const Principal& p, std::int64_t section_id, std::int64_t student_id,
                                   const std::string& joined_on) {
    IsoDate(joined_on, "joined_on");
    std::string semester;
    const org::School school = catalog_.SchoolForWrite(p, SectionSchool(section_id, &semester));
    const org::Student child = org_.GetStudent(p, student_id);
    if (child.school_id != school.id)
        throw Error::Unprocessable("afterschool.other_school", "只能为本校学生报名", "The child attends another school",
                                   "student_id");
    std::shared_future<std::int64_t> seat_id;
    SelectDecision decision;
    int limit = 0;
    ledger_->With(school.id, semester, [&](SeatBook& book) {
        limit = book.course_limit;
        decision = DecideSelect(book, child.id, child.grade, section_id, false);
        if (decision.verdict != SelectVerdict::kConfirm) return;
        const auto queue_no = ApplySelect(book, child.id, child.grade, section_id, decision.verdict);
        seat_id = detail::SubmitDurable<std::int64_t>(
            *committer_,
            [=, path = child.org_path, user = p.user_id, school_id = school.id, gen = book.generation++](
                db::Connection& c) {
                detail::RequireGeneration(c, school_id, semester, gen);
                if (!repo::TakeSeat(c, section_id))
                    throw Error::Conflict("afterschool.section_full", "名额已满", "The section is full", "section_id");
                return repo::InsertSeat(c, std::nullopt, section_id, student_id, path, "confirmed", "mid_term",
                                        queue_no, std::nullopt, user, detail::Now(), joined_on);
            },
            [this, school_id = school.id, semester] { ledger_->Invalidate(school_id, semester); });
    });
    if (!seat_id.valid()) throw SelectRefusal(decision, limit);
    const auto id = seat_id.get();
    auto c = database_.Acquire();
    return *repo::FindSeat(*c, id);
}

Seat SelectionService::LeaveMidTerm(const Principal& p, std::int64_t seat_id, const std::string& left_on) {
    IsoDate(left_on, "left_on");
    const auto seat = [&] {
        auto c = database_.Acquire();
        return repo::FindSeat(*c, seat_id);
    }();
    if (!seat) throw Error::NotFound("afterschool.unknown_seat", "找不到该选课记录", "No such seat");
    std::string semester;
    const org::School school = catalog_.SchoolForWrite(p, SectionSchool(seat->section_id, &semester));
    if (seat->status != "confirmed")
        throw Error::Conflict("afterschool.seat_not_live", "该学生未在此课程中", "The child holds no seat here");
    DropInLedger(*seat, school.id, semester, "left", left_on);
    auto c = database_.Acquire();
    return *repo::FindSeat(*c, seat_id);
}

}  // namespace kehou::afterschool
