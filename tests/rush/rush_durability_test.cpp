// The selection rush's promises, against the real binary over HTTP (issue 5, points 5–7): kill -9 at
// random moments loses no acknowledged seat and oversells nothing; 500 families pressing for the last
// seat get one seat and 499 clear "full" answers, again on retry; one request replayed gets one seat and
// the same answer every time.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <random>
#include <set>
#include <thread>

#include "http_client.hpp"
#include "rush_fixture.hpp"

namespace kehou::testing {
namespace {

constexpr const char* kSemester = "2027-autumn";

constexpr db::Query kTaken{"rushtest.taken", "SELECT taken FROM as_section WHERE id = $1"};
constexpr db::Query kLiveSeats{"rushtest.live_seats",
                               "SELECT COUNT(*) FROM as_seat WHERE student_id = $1 AND section_id = $2"
                               " AND status IN ('confirmed', 'waitlisted')"};
constexpr db::Query kOpenToAll{"rushtest.open_to_all",
                               "UPDATE as_course SET grade_from = 1, grade_to = 9 WHERE id ="
                               " (SELECT course_id FROM as_section WHERE id = $1)"};
constexpr db::Query kLastSeat{"rushtest.last_seat", "UPDATE as_section SET capacity = taken + 1 WHERE id = $1"};
constexpr db::Query kSectionOf{"rushtest.section_of",
                               "SELECT id FROM as_section WHERE school_id = $1 AND semester = $2 ORDER BY id LIMIT 1"};

std::size_t Selections(const std::vector<rush::PlanChild>& plan) {
    std::size_t n = 0;
    for (const auto& p : plan) n += p.sections.size();
    return n;
}

std::size_t Count(const rush::RushResult& r, const std::string& outcome) {
    const auto it = r.outcomes.find(outcome);
    return it == r.outcomes.end() ? 0 : it->second;
}

std::size_t Retries(const rush::RushResult& r) {
    std::size_t n = 0;
    for (const auto& [k, count] : r.outcomes)
        if (k.starts_with("retry: ")) n += count;
    return n;
}

std::vector<std::pair<std::string, std::string>> SessionHeaders(const rush::PlanChild& p) {
    return {{"Cookie", fmt::format("kehou_session={}; kehou_csrf={}", p.token, p.csrf)},
            {"X-CSRF-Token", p.csrf},
            {"Content-Type", "application/json"}};
}

/// The families pressing the same section, one request each.
std::vector<rush::PlanChild> AllFor(std::vector<rush::PlanChild> plan, std::int64_t section) {
    for (auto& p : plan) p.sections = {section};
    return plan;
}

TEST_F(RushTest, KillNineAtRandomMomentsLosesNoAcknowledgedSeatAndTheLedgerComesBackEqual) {
    const auto plan = Prepare(400);
    const auto total = Selections(plan);
    const auto port = StartServer();
    std::atomic<std::size_t> answered{0};
    auto options = Options(port, 16);
    options.answered = &answered;
    rush::RushResult result;
    std::thread client([&] { result = rush::RunRush(plan, options); });

    constexpr int kKills = 5;
    std::mt19937 rng(20261204);  // the moments are random but the same in every run
    for (int k = 0; k < kKills; ++k) {
        std::uniform_int_distribution<std::size_t> at(total * (k + 1) / (kKills + 2), total * (k + 2) / (kKills + 2));
        const auto target = at(rng);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (answered < target && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        KillServer();
        StartServer(port);
    }
    client.join();
    StopServer();

    EXPECT_EQ(result.selections, total);
    EXPECT_EQ(Count(result, "lost (gave up)"), 0u) << "every selection got a final answer after the restarts";
    EXPECT_GT(Retries(result), 0u) << "the kills caught requests in flight";
    const auto v = rush::CheckInvariants(*database().Acquire(), kSemester, result.acks, 2);
    EXPECT_TRUE(v.Ok()) << v.Describe();
    EXPECT_GT(v.acks_checked, total / 4) << v.Describe();

    // After a restart the ledger is rebuilt from the database: the live counts families see are the rows.
    StartServer(port);
    std::set<std::int64_t> schools;
    std::size_t compared = 0;
    for (const auto& family : plan) {
        if (!schools.insert(family.school_id).second || schools.size() > 6) continue;
        const auto reply = Fetch(port, "GET",
                                 fmt::format("/api/v1/afterschool/children/{}/offer?semester={}", family.student_id,
                                             kSemester), {}, SessionHeaders(family));
        ASSERT_EQ(reply.status, 200) << reply.body;
        const auto offer = boost::json::parse(reply.body);
        for (const auto& course : offer.at("courses").as_array())
            for (const auto& s : course.at("sections").as_array()) {
                const auto id = s.at("id").to_number<std::int64_t>();
                EXPECT_EQ(s.at("taken").to_number<std::int64_t>(),
                          database().Acquire()->Query(kTaken, {id})[0].Int(0)) << "section " << id;
                ++compared;
            }
    }
    EXPECT_GT(compared, 20u);
    StopServer();
}

TEST_F(RushTest, FiveHundredFamiliesForTheLastSeatGetOneSeatAndTheSameAnswersOnRetry) {
    const auto school = LargestSchool();
    auto plan = Prepare(500, school);
    ASSERT_EQ(plan.size(), 500u) << "the largest school has 500 families";
    const auto section = database().Acquire()->Query(kSectionOf, {school, std::string(kSemester)})[0].Int(0);
    database().Acquire()->Execute(kOpenToAll, {section});
    database().Acquire()->Execute(kLastSeat, {section});
    plan = AllFor(plan, section);
    const auto port = StartServer();

    const auto first = rush::RunRush(plan, Options(port, 500));
    EXPECT_EQ(Count(first, "201"), 1u);
    EXPECT_EQ(Count(first, "409 afterschool.section_full"), 499u);
    ASSERT_EQ(first.acks.size(), 1u);

    const auto again = rush::RunRush(plan, Options(port, 500));  // the same keys: a retry storm
    EXPECT_EQ(Count(again, "201"), 1u);
    EXPECT_EQ(Count(again, "409 afterschool.section_full"), 499u);
    ASSERT_EQ(again.acks.size(), 1u);
    EXPECT_EQ(again.acks[0].seat_id, first.acks[0].seat_id);
    EXPECT_EQ(again.acks[0].student_id, first.acks[0].student_id);

    const auto& loser = plan[0].student_id == first.acks[0].student_id ? plan[1] : plan[0];
    const auto refused = Fetch(port, "POST", fmt::format("/api/v1/afterschool/children/{}/seats", loser.student_id),
                               fmt::format(R"({{"section_id":{},"idempotency_key":"by-hand"}})", section),
                               SessionHeaders(loser));
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.body.find("名额已满"), std::string::npos) << refused.body;
    StopServer();
    const auto v = rush::CheckInvariants(*database().Acquire(), kSemester, first.acks, 2);
    EXPECT_TRUE(v.Ok()) << v.Describe();
    EXPECT_EQ(database().Acquire()->Query(kTaken, {section})[0].Int(0), 1);
}

TEST_F(RushTest, OneRequestReplayedTenTimesTakesOneSeatAndGetsTenIdenticalAnswers) {
    const auto plan = Prepare(1);
    ASSERT_FALSE(plan[0].sections.empty());
    const auto section = plan[0].sections[0];
    const auto port = StartServer();
    // Ten at once, as a phone retrying on a bad network might…
    const std::vector<rush::PlanChild> ten(10, rush::PlanChild{plan[0].student_id, plan[0].school_id, plan[0].token,
                                                               plan[0].csrf, {section}});
    const auto burst = rush::RunRush(ten, Options(port, 10));
    ASSERT_EQ(burst.acks.size(), 10u) << "every copy is answered with the seat";
    for (const auto& a : burst.acks) EXPECT_EQ(a.seat_id, burst.acks[0].seat_id);
    // …then ten one after another: byte-identical bodies.
    const auto body = fmt::format(R"({{"section_id":{},"idempotency_key":"rush-{}-{}"}})", section, plan[0].student_id,
                                  section);
    std::set<std::string> answers;
    for (int i = 0; i < 10; ++i) {
        const auto r = Fetch(port, "POST", fmt::format("/api/v1/afterschool/children/{}/seats", plan[0].student_id),
                             body, SessionHeaders(plan[0]));
        EXPECT_EQ(r.status, 201) << r.body;
        answers.insert(r.body);
    }
    EXPECT_EQ(answers.size(), 1u);
    EXPECT_NE(answers.begin()->find(fmt::format("\"seat_id\":{}", burst.acks[0].seat_id)), std::string::npos);
    StopServer();
    EXPECT_EQ(database().Acquire()->Query(kLiveSeats, {plan[0].student_id, section})[0].Int(0), 1);
}

}  // namespace
}  // namespace kehou::testing
