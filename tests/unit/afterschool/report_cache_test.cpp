// The participation report's cache on a real database: answered from memory while no pupil or seat row has
// changed, and never stale after one has — a new seat, a drop and the waitlist promotion it sets off, a new
// pupil, a pupil moving school — nor after a change stamped in the very second the counts were made.
#include "afterschool/report_service.hpp"
#include "unit/afterschool/afterschool_fixture.hpp"

namespace kehou::afterschool::testing {
namespace {

class ReportCacheTest : public AfterSchoolTest {
protected:
    /// Stamps every pupil and seat row an hour old. The cache keeps counts only once the newest stamp is
    /// `settle` (10 s) old; a test cannot wait that long, so it ages the rows instead. Later writes carry
    /// the real time again, as they would on a server.
    void AgeRows() {
        auto c = tdb_.database().Acquire();
        const std::string old = FormatShanghai(std::chrono::system_clock::now() - std::chrono::hours(1));
        c->Execute(db::Query{"test.age_students", "UPDATE org_student SET updated_at = $1"}, {old});
        c->Execute(db::Query{"test.age_seats", "UPDATE as_seat SET updated_at = $1"}, {old});
    }

    /// The county report's figures of a school (the report of a county has a row per school).
    repo::SchoolFigures Row(std::int64_t school_id) {
        for (const auto& row : reports_.Participation(county_, "2026-autumn").rows)
            if (row.key == std::to_string(school_id)) return row.sum;
        ADD_FAILURE() << "no row for school " << school_id;
        return {};
    }

    SeatAnswer Pick(int n, std::int64_t child, std::int64_t section, bool waitlist = false) {
        return selection_.Select(Parent(n), {child, section, fmt::format("k{}-{}", n, section), waitlist});
    }

    std::int64_t hits() const { return reports_.cache().hits(); }

    ReportService reports_{tdb_.database(), org_, catalog_};
};

TEST_F(ReportCacheTest, SettledCountsAreAnsweredFromMemoryAndEqualACountAfresh) {
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_);
    AddChild(3, grade3_);
    const auto section = AddCourse("合唱", 1).sections.at(0).id;
    OpenWindow("first_come");
    Pick(1, a, section);
    Pick(2, b, section, true);
    AgeRows();
    const auto first = Row(urban_.id);
    EXPECT_EQ(hits(), 0);
    const auto second = Row(urban_.id);
    EXPECT_EQ(hits(), 1) << "nothing changed: the counts come from memory";
    std::vector<repo::SchoolFigures> fresh;
    {
        auto c = tdb_.database().Acquire();
        fresh = repo::FiguresBySchool(*c, urban_.org_path, "2026-autumn");
    }
    ASSERT_EQ(fresh.size(), 1u);
    for (const auto* f : {&first, &second}) {
        EXPECT_EQ(f->students, 3);
        EXPECT_EQ(f->served, 1);
        EXPECT_EQ(f->waitlisted, 1);
        EXPECT_EQ(f->students, fresh[0].students);
        EXPECT_EQ(f->served, fresh[0].served);
        EXPECT_EQ(f->waitlisted, fresh[0].waitlisted);
    }
}

TEST_F(ReportCacheTest, ADropAndThePromotionItSetsOffChangeTheNextReport) {
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_);
    const auto section = AddCourse("合唱", 1).sections.at(0).id;
    OpenWindow("first_come");
    const auto seat_a = Pick(1, a, section);
    Pick(2, b, section, true);
    AgeRows();
    Row(urban_.id);
    ASSERT_EQ(Row(urban_.id).waitlisted, 1);
    ASSERT_EQ(hits(), 1);
    // Status updates only: no seat row is added, so only the newest updated_at moves.
    selection_.Drop(Parent(1), a, seat_a.seat_id);
    const auto after_drop = Row(urban_.id);
    EXPECT_EQ(after_drop.waitlisted, 0) << "the waitlisted child was promoted";
    EXPECT_EQ(after_drop.served, 1);
    const auto seat_b = Scalar("SELECT id FROM as_seat WHERE student_id = $1 AND status = 'confirmed'", {b});
    AgeRows();
    Row(urban_.id);
    selection_.Drop(Parent(2), b, seat_b);
    EXPECT_EQ(Row(urban_.id).served, 0);
}

TEST_F(ReportCacheTest, ANewSeatANewPupilAndAPupilMovingSchoolChangeTheNextReport) {
    const auto a = AddChild(1, grade3_);
    const auto section = AddCourse("足球", 10).sections.at(0).id;
    AgeRows();
    Row(urban_.id);
    EXPECT_EQ(Row(urban_.id).served, 0);
    selection_.JoinMidTerm(school_admin_, section, a, "2026-09-01");
    EXPECT_EQ(Row(urban_.id).served, 1);
    AgeRows();
    Row(urban_.id);
    const auto b = AddChild(2, grade3_);
    EXPECT_EQ(Row(urban_.id).students, 2);
    AgeRows();
    Row(urban_.id);
    const auto rural_grade3 = org_.CreateClass(city_, rural_.id, 3, 1, 2024).id;
    const std::string id_number = org_.RevealIdNumber(city_, b);
    org_.UpdateStudent(city_, b, {rural_grade3, org_.GetStudent(city_, b).name, "male", id_number, "G" + id_number, {}});
    EXPECT_EQ(Row(urban_.id).students, 1);
    EXPECT_EQ(Row(rural_.id).students, 1);
}

TEST_F(ReportCacheTest, CountsMadeWhileRowsAreFreshAreNotKeptSoAChangeInTheSameSecondIsSeen) {
    const auto a = AddChild(1, grade3_);
    const auto section = AddCourse("合唱", 5).sections.at(0).id;
    OpenWindow("first_come");
    const auto seat = Pick(1, a, section);
    EXPECT_EQ(Row(urban_.id).served, 1);
    EXPECT_EQ(Row(urban_.id).served, 1);
    EXPECT_EQ(hits(), 0) << "the newest stamp is not yet settled: every report counts afresh";
    // Likely within the same second as the seat's own stamp: the marks may not move, the figures must.
    selection_.Drop(Parent(1), a, seat.seat_id);
    EXPECT_EQ(Row(urban_.id).served, 0);
}

}  // namespace
}  // namespace kehou::afterschool::testing
