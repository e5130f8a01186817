#include "afterschool/selection_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "afterschool/catalog_repo.hpp"
#include "afterschool/selection_internal.hpp"
#include "afterschool/selection_repo.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "lottery/lottery.hpp"

namespace kehou::afterschool {

using detail::Now;


std::string WindowPhase(const Window& w, const std::string& now) {
    if (w.allocated_at) return "allocated";
    if (now < w.opens_at) return "scheduled";
    if (now < w.closes_at) return "open";
    return "closed";
}

SelectionService::SelectionService(db::Database& database, org::OrgService& org, CatalogService& catalog,
                                   db::GroupCommitter* writer)
    : database_(database), org_(org), catalog_(catalog) {
    ledger_ = std::make_unique<SeatLedger>([this](std::int64_t school_id, const std::string& semester) {
        auto c = database_.Acquire();
        return repo::LoadBook(*c, school_id, semester);
    });
    if (!writer) own_committer_ = std::make_unique<db::GroupCommitter>(database_);
    committer_ = writer ? writer : own_committer_.get();
    catalog_.OnCatalogChange([this](std::int64_t school_id, const std::string& semester) {
        // Other processes holding this school's book learn of the change from its generation; this one
        // rebuilds its book after the new number is durable, so its own next write expects that number.
        committer_->SubmitAndWait([school_id, semester](db::Connection& c) { repo::BumpGeneration(c, school_id, semester); });
        ledger_->Invalidate(school_id, semester);
    });
}

SelectionService::~SelectionService() {
    if (own_committer_) own_committer_->Stop();
}

detail::Placed SelectionService::PlaceChild(const Principal& guardian, std::int64_t student_id) {
    detail::Placed out{org_.GetChild(guardian, student_id), {}};
    out.school = org_.GetSchool(SystemPrincipal(), out.child.school_id);
    return out;
}

namespace {

// RULES R1.8(d): participation is voluntary; the guardian's recorded consent is the opt-in (R4.2), and a pupil's
// data goes into a selection only with it, since they are under 14 (R4.5, 未成年人保护法 Art. 72).
Error ConsentRequired() {
    return Error::Conflict("afterschool.consent_required", "请先在“我的孩子”中阅读并同意课后服务告知书",
                           "First read and accept the after-school notice under My children");
}

Error UnknownSection() { return Error::NotFound("afterschool.unknown_section", "找不到该课程班", "No such section"); }

}  // namespace

void SelectionService::RequireConsent(const org::Student& child) {
    if (!org_.HasConsent(child.id, "afterschool")) throw ConsentRequired();
}

Window SelectionService::OpenWindowFor(const detail::Placed& who, const std::string& semester, const std::string& mode) {
    return OpenWindowAt(who.school.id, who.school.org_path, semester, mode);
}

Window SelectionService::OpenWindowAt(std::int64_t school_id, const std::string& school_path,
                                      const std::string& semester, const std::string& mode) {
    const std::string key = fmt::format("{}|{}", school_id, semester);
    auto windows = windows_.Get(key);
    if (!windows) {
        auto c = database_.Acquire();
        windows = repo::WindowsForSchool(*c, school_id, school_path, semester);
        windows_.Put(key, *windows);
    }
    const std::string now = Now();
    for (auto& w : *windows)
        if (w.mode == mode && WindowPhase(w, now) == "open") return w;
    throw Error::Conflict("afterschool.window_not_open", "当前不在选课时间内", "No selection window is open now");
}

std::int64_t SelectionService::SectionSchool(std::int64_t section_id, std::string* semester) {
    auto place = section_places_.Get(section_id);
    if (!place) {
        auto c = database_.Acquire();
        place = repo::SectionPlace(*c, section_id);
        if (!place) throw UnknownSection();
        section_places_.Put(section_id, *place);
    }
    *semester = place->second;
    return place->first;
}

repo::ChildPlace SelectionService::RushPlace(const Principal& guardian, std::int64_t student_id) {
    const auto key = std::make_pair(guardian.user_id, student_id);
    if (auto hit = places_.Get(key)) return *hit;
    std::optional<repo::ChildPlace> place;
    {
        auto c = database_.Acquire();
        place = repo::PlaceOfChild(*c, guardian.user_id, student_id);
    }
    if (!place) throw Error::NotFound("org.not_found", "找不到该学生", "No such student");
    // Only a consented child is kept: a guardian who is told to consent first and does is not refused
    // again by a stale entry. (A withdrawal takes effect within the entry's 10 s.)
    if (place->consent) places_.Put(key, *place);
    return *place;
}

ChildOffer SelectionService::Offer(const Principal& guardian, std::int64_t student_id, const std::string& semester) {
    const detail::Placed who = PlaceChild(guardian, student_id);
    CheckSemester(semester);
    ChildOffer out{who.child, org_.HasConsent(student_id, "afterschool"), {}, {}, {}, {}};
    {
        auto c = database_.Acquire();
        out.windows = repo::WindowsForSchool(*c, who.school.id, who.school.org_path, semester);
        for (auto& k : repo::ListCourses(*c, "/", who.school.id, semester))
            if (k.status == "published" && who.child.grade >= k.grade_from && who.child.grade <= k.grade_to)
                out.courses.push_back(std::move(k));
        out.seats = repo::SeatsOfChild(*c, student_id, semester);
        for (const auto& w : out.windows)
            if (w.mode == "lottery") out.wishes.emplace_back(w.id, repo::WishesOf(*c, w.id, student_id));
    }
    // Seats as the ledger holds them: the rush reads memory, never a row count. (No connection is held
    // here: loading a book takes one.)
    ledger_->With(who.school.id, semester, [&](SeatBook& book) {
        for (auto& k : out.courses)
            for (auto& s : k.sections)
                if (const auto it = book.sections.find(s.id); it != book.sections.end()) {
                    s.taken = it->second.taken;
                    s.waitlisted = static_cast<int>(it->second.waitlist.size());
                }
    });
    for (auto& w : out.windows) detail::HideSeed(w, Now());
    return out;
}

SeatAnswer SelectionService::Select(const Principal& guardian, const SelectRequest& r) {
    if (r.idempotency_key.empty() || r.idempotency_key.size() > 64)
        throw Error::BadRequest("afterschool.bad_idempotency_key", "请求须带 1–64 位的幂等键",
                                "A request carries an idempotency key of 1–64 characters", "idempotency_key");
    const repo::ChildPlace child = RushPlace(guardian, r.student_id);
    if (!child.consent) throw ConsentRequired();
    std::string semester;
    if (SectionSchool(r.section_id, &semester) != child.school_id) throw UnknownSection();
    const Window window = OpenWindowAt(child.school_id, child.school_path, semester, "first_come");
    // A book another process has overtaken is rebuilt and the request decided again: at most twice.
    for (int attempt = 0;; ++attempt) {
        try {
            return SelectOnce(guardian, r, child, semester, window, attempt == 0);
        } catch (const Error& e) {
            if (e.code() != detail::kStaleBook || attempt == 2) throw;
        }
    }
}

SeatAnswer SelectionService::SelectOnce(const Principal& guardian, const SelectRequest& r,
                                        const repo::ChildPlace& child, const std::string& semester,
                                        const Window& window, bool may_recheck) {
    // Room in the writer's queue is awaited before the book's lock is taken: a full queue answers 503
    // without holding up the school's other families.
    committer_->WaitForRoom();
    std::shared_future<SeatAnswer> reply;
    SelectDecision decision;
    int limit = 0;
    std::int64_t generation = 0;
    bool recheck = false;
    ledger_->With(child.school_id, semester, [&](SeatBook& book) {
        const auto key = std::make_pair(guardian.user_id, r.idempotency_key);
        if (const auto it = book.replies.find(key); it != book.replies.end()) {
            reply = it->second;  // a retry: the first request's answer, never a second seat
            return;
        }
        limit = book.course_limit;
        decision = DecideSelect(book, child.student_id, child.grade, r.section_id, r.join_waitlist);
        if (decision.verdict != SelectVerdict::kConfirm && decision.verdict != SelectVerdict::kWaitlist) {
            // A refusal writes nothing, so nothing would ever correct a stale book: once a second, compare.
            recheck = may_recheck && std::chrono::steady_clock::now() - book.checked_at > std::chrono::seconds(1);
            if (recheck) book.checked_at = std::chrono::steady_clock::now();
            generation = book.generation;
            return;
        }
        const auto queue_no = ApplySelect(book, child.student_id, child.grade, r.section_id, decision.verdict);
        const std::string status = decision.verdict == SelectVerdict::kConfirm ? "confirmed" : "waitlisted";
        const int position =
            status == "waitlisted" ? static_cast<int>(book.sections.at(r.section_id).waitlist.size()) : 0;
        reply = detail::SubmitDurable<SeatAnswer>(
            *committer_,
            [=, user = guardian.user_id, key = r.idempotency_key, student = child.student_id, school = child.school_id,
             path = child.child_path, section = r.section_id, gen = book.generation++,
             record = r.record](db::Connection& c) {
                detail::RequireGeneration(c, school, semester, gen);
                if (status == "confirmed" && !repo::TakeSeat(c, section))
                    throw Error::Conflict("afterschool.section_full", "名额已满", "The section is full", "section_id");
                const auto id = repo::InsertSeat(c, window.id, section, student, path, status, "first_come", queue_no,
                                                 key, user, Now(), std::nullopt);
                if (record) record(c, status == "confirmed" ? 201 : 202);
                return SeatAnswer{status, id, section, queue_no, position};
            },
            [this, school = child.school_id, semester] { ledger_->Invalidate(school, semester); });
        book.replies[key] = reply;
    });
    if (!reply.valid()) {
        if (recheck && BookOvertaken(child.school_id, semester, generation)) {
            ledger_->Invalidate(child.school_id, semester);
            throw detail::StaleBook();  // decided again on the rebuilt book
        }
        throw SelectRefusal(decision, limit);
    }
    SeatAnswer answer = reply.get();
    if (answer.section_id != r.section_id)
        throw Error::Unprocessable("afterschool.key_reused", "该幂等键已用于另一课程班",
                                   "This idempotency key was used for another section", "idempotency_key");
    return answer;
}

bool SelectionService::BookOvertaken(std::int64_t school_id, const std::string& semester, std::int64_t generation) {
    // Our own writes still in flight make the book's number run ahead of the database's, never behind.
    auto c = database_.Acquire();
    return repo::GenerationOf(*c, school_id, semester) > generation;
}

std::optional<std::int64_t> SelectionService::DropInLedger(const Seat& seat, std::int64_t school_id,
                                                           const std::string& semester, const std::string& status,
                                                           const std::optional<std::string>& left_on) {
    committer_->WaitForRoom();
    std::shared_future<std::optional<std::int64_t>> done;
    ledger_->With(school_id, semester, [&](SeatBook& book) {
        const bool was_confirmed = seat.status == "confirmed";
        const auto promoted = ApplyDrop(book, seat.student_id, seat.section_id);
        done = detail::SubmitDurable<std::optional<std::int64_t>>(
            *committer_,
            [=, this, gen = book.generation++](db::Connection& c) {
                detail::RequireGeneration(c, school_id, semester, gen);
                repo::SetSeatStatus(c, seat.id, status, Now(), left_on);
                if (!was_confirmed) return promoted;
                if (!promoted) {
                    repo::ReleaseSeat(c, seat.section_id);
                    return promoted;
                }
                const auto next = repo::LiveSeat(c, *promoted, seat.section_id);
                if (!next) throw Error::Internal("waitlist promotion lost its seat row");
                repo::SetSeatStatus(c, next->id, "confirmed", Now(), std::nullopt);
                for (auto user : repo::GuardianUserIds(c, *promoted))
                    repo::InsertNotification(c, user, "waitlist_promoted", "候补成功",
                                             fmt::format("{}：{}（{}）候补成功，已为孩子保留名额。", next->student_name,
                                                         next->course_title, next->section_label),
                                             Now());
                return promoted;
            },
            [this, school_id, semester] { ledger_->Invalidate(school_id, semester); });
    });
    return done.get();
}

Seat SelectionService::Drop(const Principal& guardian, std::int64_t student_id, std::int64_t seat_id) {
    const detail::Placed who = PlaceChild(guardian, student_id);
    std::optional<Seat> seat;
    std::vector<Window> windows;
    std::string semester;
    {
        // No connection is held while waiting for the writer below: it needs one from the same pool.
        auto c = database_.Acquire();
        seat = repo::FindSeat(*c, seat_id);
        if (!seat || seat->student_id != student_id)
            throw Error::NotFound("afterschool.unknown_seat", "找不到该选课记录", "No such seat");
        if (seat->status != "confirmed" && seat->status != "waitlisted")
            throw Error::Conflict("afterschool.seat_not_live", "该选课已退出", "This seat was already given up");
        semester = repo::SectionPlace(*c, seat->section_id)->second;
        windows = repo::WindowsForSchool(*c, who.school.id, who.school.org_path, semester);
    }
    // Drops belong to the selection period; later the school handles leaving mid-term (R1.8(c)).
    const std::string now = Now();
    const bool adjustable = std::any_of(windows.begin(), windows.end(), [&](const Window& w) {
        return WindowPhase(w, now) == "open" || (w.allocated_at && detail::WithinDays(*w.allocated_at, now, 7));
    });
    if (!adjustable)
        throw Error::Conflict("afterschool.window_not_open", "选课时间已过，退课请联系学校",
                              "The selection period is over; ask the school to leave a course");
    DropInLedger(*seat, who.school.id, semester, "dropped", std::nullopt);
    auto c = database_.Acquire();
    return *repo::FindSeat(*c, seat_id);
}

}  // namespace kehou::afterschool
