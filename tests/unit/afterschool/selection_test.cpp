// Selection on a real database: the last seat under concurrent requests, idempotency keys, waitlists,
// constraints, the lottery allocation with commit–reveal and verification, mid-term joins and leaves.
#include <atomic>
#include <barrier>
#include <thread>

#include "lottery/lottery.hpp"
#include "unit/afterschool/afterschool_fixture.hpp"

namespace kehou::afterschool::testing {
namespace {

class SelectionTest : public AfterSchoolTest {
protected:
    SeatAnswer Pick(int n, std::int64_t child, std::int64_t section, const std::string& key, bool waitlist = false) {
        return selection_.Select(Parent(n), {child, section, key, waitlist});
    }
    std::int64_t Taken(std::int64_t section) { return Scalar("SELECT taken FROM as_section WHERE id = $1", {section}); }
    std::int64_t Confirmed(std::int64_t section) {
        return Scalar("SELECT COUNT(*) FROM as_seat WHERE section_id = $1 AND status = 'confirmed'", {section});
    }
};

TEST_F(SelectionTest, TheLastSeatHammeredFromManyThreadsHasExactlyOneWinner) {
    constexpr int kChildren = 24;
    std::vector<std::int64_t> children;
    for (int n = 0; n < kChildren; ++n) children.push_back(AddChild(n, grade3_));
    const auto section = AddCourse("足球", 1).sections.at(0).id;
    OpenWindow("first_come");
    std::atomic<int> won{0}, full{0}, other{0};
    std::barrier start(kChildren);
    std::vector<std::thread> threads;
    for (int n = 0; n < kChildren; ++n)
        threads.emplace_back([&, n] {
            start.arrive_and_wait();
            try {
                if (Pick(n, children[static_cast<std::size_t>(n)], section, "k").status == "confirmed") ++won;
            } catch (const Error& e) {
                (e.code() == "afterschool.section_full" ? full : other)++;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(full.load(), kChildren - 1);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(Taken(section), 1);
    EXPECT_EQ(Confirmed(section), 1);
}

TEST_F(SelectionTest, ARetriedRequestNeverTakesASecondSeat) {
    const auto child = AddChild(1, grade3_);
    const auto section = AddCourse("篮球", 5).sections.at(0).id;
    OpenWindow("first_come");
    std::vector<std::thread> threads;
    std::vector<std::int64_t> seat_ids(8);
    for (std::size_t i = 0; i < seat_ids.size(); ++i)
        threads.emplace_back([&, i] { seat_ids[i] = Pick(1, child, section, "same-key").seat_id; });
    for (auto& t : threads) t.join();
    for (auto id : seat_ids) EXPECT_EQ(id, seat_ids[0]) << "every retry gets the first answer";
    EXPECT_EQ(Taken(section), 1);
    EXPECT_EQ(Thrown([&] { Pick(1, child, section, "another-key"); }).code(), "afterschool.already_selected");
    const auto other = AddCourse("跳绳", 5, 4).sections.at(0).id;
    EXPECT_EQ(Thrown([&] { Pick(1, child, other, "same-key"); }).code(), "afterschool.key_reused");
}

TEST_F(SelectionTest, ADropPromotesTheWaitlistInQueueOrderAndTellsTheGuardian) {
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_), c = AddChild(3, grade3_);
    const auto section = AddCourse("合唱", 1).sections.at(0).id;
    OpenWindow("first_come");
    const auto seat_a = Pick(1, a, section, "a");
    EXPECT_EQ(Thrown([&] { Pick(2, b, section, "b"); }).code(), "afterschool.section_full");
    const auto wait_b = Pick(2, b, section, "b2", true);
    const auto wait_c = Pick(3, c, section, "c", true);
    EXPECT_EQ(wait_b.status, "waitlisted");
    EXPECT_EQ(wait_b.waitlist_position, 1);
    EXPECT_EQ(wait_c.waitlist_position, 2);
    EXPECT_LT(wait_b.queue_no, wait_c.queue_no);
    selection_.Drop(Parent(1), a, seat_a.seat_id);
    EXPECT_EQ(Taken(section), 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM as_seat WHERE student_id = $1 AND status = 'confirmed'", {b}), 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM as_seat WHERE student_id = $1 AND status = 'waitlisted'", {c}), 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM app_notification WHERE user_id = 1002 AND kind = 'waitlist_promoted'"), 1);
    EXPECT_EQ(Thrown([&] { selection_.Drop(Parent(1), a, seat_a.seat_id); }).code(), "afterschool.seat_not_live");
}

TEST_F(SelectionTest, GradeOverlapLimitConsentAndWindowAreEnforced) {
    const auto child = AddChild(1, grade3_), small = AddChild(2, grade1_), shy = AddChild(3, grade3_, false);
    const auto tue = AddCourse("书法", 10, 2, 16 * 60, 17 * 60).sections.at(0).id;
    const auto tue_overlap = AddCourse("绘画", 10, 2, 16 * 60 + 30, 17 * 60 + 30).sections.at(0).id;
    const auto wed = AddCourse("舞蹈", 10, 3).sections.at(0).id;
    const auto thu = AddCourse("编程", 10, 4).sections.at(0).id;
    EXPECT_EQ(Thrown([&] { Pick(1, child, tue, "w0"); }).code(), "afterschool.window_not_open");
    OpenWindow("first_come", 2);
    Pick(1, child, tue, "w1");
    const Error overlap = Thrown([&] { Pick(1, child, tue_overlap, "w2"); });
    EXPECT_EQ(overlap.code(), "afterschool.time_conflict");
    Pick(1, child, wed, "w3");
    EXPECT_EQ(Thrown([&] { Pick(1, child, thu, "w4"); }).code(), "afterschool.course_limit");
    EXPECT_EQ(Thrown([&] { Pick(2, small, thu, "w5"); }).http_status(), 422) << "grade 1 on a grade 3–6 course";
    EXPECT_EQ(Thrown([&] { Pick(3, shy, thu, "w6"); }).code(), "afterschool.consent_required")
        << "an under-14 pupil's data is used only with the guardian's consent (R4.2, R4.5)";
    EXPECT_EQ(Thrown([&] { Pick(2, child, thu, "w7"); }).http_status(), 404) << "not this guardian's child";
}

TEST_F(SelectionTest, AWindowClosedEarlyTakesNoMoreChoicesAndNewCoursesAreSelectable) {
    const auto child = AddChild(1, grade3_);
    const Window w = OpenWindow("first_come");
    const auto first = AddCourse("排球", 3).sections.at(0).id;
    Pick(1, child, first, "c1");
    const auto later = AddCourse("游泳", 3, 4).sections.at(0).id;  // published after the ledger's book was built
    EXPECT_EQ(Pick(1, child, later, "c2").status, "confirmed");
    const auto third = AddCourse("武术", 3, 5).sections.at(0).id;
    EXPECT_EQ(WindowPhase(selection_.CloseWindow(school_admin_, w.id), detail::Now()), "closed");
    EXPECT_EQ(Thrown([&] { Pick(1, child, third, "c3"); }).code(), "afterschool.window_not_open");
    EXPECT_EQ(Thrown([&] { selection_.CloseWindow(school_admin_, w.id); }).code(), "afterschool.window_closed");
}

TEST_F(SelectionTest, TheLedgerIsRebuiltFromTheDatabaseAfterARestart) {
    const auto child = AddChild(1, grade3_);
    const auto section = AddCourse("乒乓球", 3).sections.at(0).id;
    OpenWindow("first_come");
    Pick(1, child, section, "r1");
    SelectionService restarted(tdb_.database(), org_, catalog_);
    const auto offer = restarted.Offer(Parent(1), child, "2026-autumn");
    ASSERT_EQ(offer.courses.size(), 1u);
    EXPECT_EQ(offer.courses[0].sections.at(0).taken, 1);
    EXPECT_EQ(restarted.Select(Parent(1), {child, section, "r1", false}).status, "confirmed")
        << "a retry after a restart finds the stored answer";
    EXPECT_EQ(Taken(section), 1);
}

TEST_F(SelectionTest, TheLotteryAllocatesByPriorityPublishesTheSeedAndVerifies) {
    org::StudentFlags hardship;
    hardship.hardship = true;
    std::vector<std::int64_t> kids;
    for (int n = 0; n < 6; ++n) kids.push_back(AddChild(n, grade3_, true, n == 5 ? hardship : org::StudentFlags{}));
    const auto popular = AddCourse("机器人", 2, 2).sections.at(0).id;
    const auto second = AddCourse("科学实验", 10, 3).sections.at(0).id;
    const Window w = OpenWindow("lottery", 1);
    ASSERT_TRUE(w.seed_commitment);
    EXPECT_FALSE(w.seed) << "the seed stays secret while the window is open";
    for (int n = 0; n < 6; ++n) selection_.SubmitWishes(Parent(n), kids[static_cast<std::size_t>(n)], w.id, {popular, second});
    EXPECT_EQ(Thrown([&] { selection_.Allocate(school_admin_, w.id); }).code(), "afterschool.cannot_allocate");
    CloseNow(w.id);
    const Window done = selection_.Allocate(school_admin_, w.id);
    ASSERT_TRUE(done.seed);
    EXPECT_TRUE(lottery::SeedMatches(*done.seed, *w.seed_commitment));
    EXPECT_EQ(Taken(popular), 2);
    EXPECT_EQ(Taken(second), 4);
    const auto mine = selection_.ChildResult(Parent(5), kids[5], w.id);
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[0].line.outcome, "assigned") << "the hardship child is in the first priority tier present";
    EXPECT_FALSE(mine[0].reason_zh.empty());
    EXPECT_EQ(selection_.Allocation(school_admin_, w.id).size(), 12u);
    EXPECT_EQ(selection_.Verify(w.id), std::nullopt);
    EXPECT_EQ(Thrown([&] { selection_.Allocate(school_admin_, w.id); }).code(), "afterschool.cannot_allocate");
    {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kTamper{"test.tamper",
                                    "UPDATE as_allocation SET outcome = 'full' WHERE window_id = $1 AND student_id = $2"
                                    " AND wish_rank = 1"};
        c->Execute(kTamper, {w.id, kids[5]});
    }
    const auto diff = selection_.Verify(w.id);
    ASSERT_TRUE(diff);
    EXPECT_NE(diff->find(std::to_string(kids[5])), std::string::npos) << *diff;
}

TEST_F(SelectionTest, TheSchoolAddsAndRemovesChildrenMidTerm) {
    const auto child = AddChild(1, grade3_);
    const auto section = AddCourse("田径", 1).sections.at(0).id;
    const Seat seat = selection_.JoinMidTerm(school_admin_, section, child, "2026-10-08");
    EXPECT_EQ(seat.source, "mid_term");
    EXPECT_EQ(seat.joined_on, "2026-10-08");
    EXPECT_EQ(Taken(section), 1);
    const auto other = AddChild(2, grade3_);
    EXPECT_EQ(Thrown([&] { selection_.JoinMidTerm(school_admin_, section, other, "2026-10-08"); }).code(),
              "afterschool.section_full");
    const Seat left = selection_.LeaveMidTerm(school_admin_, seat.id, "2026-11-20");
    EXPECT_EQ(left.status, "left");
    EXPECT_EQ(left.left_on, "2026-11-20");
    EXPECT_EQ(Taken(section), 0);
    EXPECT_EQ(selection_.JoinMidTerm(school_admin_, section, other, "2026-11-21").status, "confirmed");
    const Principal elsewhere{0, "x", "x", Role::kSchoolAdmin, rural_.org_path};
    EXPECT_EQ(Thrown([&] { selection_.LeaveMidTerm(elsewhere, seat.id, "2026-11-22"); }).http_status(), 403);
}

// Two processes on one database (docs/scaling.md): a book built by one goes stale when the other writes.
// The course limit and "already held" live only in the books, so a stale book must not decide them.
TEST_F(SelectionTest, ABookOvertakenByAnotherProcessIsRebuiltBeforeItDecides) {
    const auto child = AddChild(1, grade3_);
    const auto a = AddCourse("足球", 5, 1).sections.at(0).id;
    const auto b = AddCourse("篮球", 5, 2).sections.at(0).id;
    const auto c = AddCourse("围棋", 5, 3).sections.at(0).id;
    OpenWindow("first_come");
    SelectionService other(tdb_.database(), org_, catalog_);
    other.Offer(Parent(1), child, "2026-autumn");  // the other process builds the school's book now
    Pick(1, child, a, "g1");
    const auto held = Pick(1, child, b, "g2");
    EXPECT_EQ(Thrown([&] { other.Select(Parent(1), {child, c, "g3", false}); }).code(), "afterschool.course_limit")
        << "the other process's book is rebuilt by the write it attempts";
    selection_.Drop(Parent(1), child, held.seat_id);
    // The other process refused just now from a fresh book; a second later it compares before refusing.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(other.Select(Parent(1), {child, b, "g4", false}).status, "confirmed")
        << "a refusal (already held) from a stale book is checked against the database first";
    EXPECT_EQ(Taken(b), 1);
}

}  // namespace
}  // namespace kehou::afterschool::testing
