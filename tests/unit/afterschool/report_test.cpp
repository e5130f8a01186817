// Fees and statistics on a real database: participation, teacher participation and coverage counted from
// seats and courses; statements from the sessions held, absences not charged, hardship waived (R1.8(g)).
#include "afterschool/report_service.hpp"
#include "afterschool/running_service.hpp"
#include "unit/afterschool/afterschool_fixture.hpp"

namespace kehou::afterschool::testing {
namespace {

class ReportTest : public AfterSchoolTest {
protected:
    RunningService running_{tdb_.database(), org_, catalog_};
    ReportService reports_{tdb_.database(), org_, catalog_};
};

TEST_F(ReportTest, ParticipationCountsChildrenServedTeachersTeachingAndSchoolsOffering) {
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_);
    AddChild(3, grade3_);
    const auto teacher = org_.CreateTeacher(city_, {urban_.id, "赵老师", "female", "18612345678", {"体育"}, false});
    org_.CreateTeacher(city_, {urban_.id, "钱老师", "male", "18612345679", {"语文"}, false});
    auto in = CourseInput{urban_.id, "2026-autumn", "足球", "sport", "", "操场", 3, 6, "own_teacher", teacher.id, {}, "",
                          300, 10, 16, {{{2, 16 * 60, 17 * 60 + 30}}}};
    const auto section = catalog_.PublishCourse(school_admin_, in).sections.at(0).id;
    selection_.JoinMidTerm(school_admin_, section, a, "2026-09-01");
    selection_.JoinMidTerm(school_admin_, section, b, "2026-09-01");
    const auto report = reports_.Participation(county_, "2026-autumn");
    EXPECT_EQ(report.level, "school");
    EXPECT_EQ(report.scope_name, "任城区");
    EXPECT_EQ(report.total.sum.students, 3);
    EXPECT_EQ(report.total.sum.served, 2);
    EXPECT_DOUBLE_EQ(report.total.participation(), 66.7);
    EXPECT_DOUBLE_EQ(report.total.teacher_participation(), 50.0);
    EXPECT_EQ(report.total.schools, 2);
    EXPECT_DOUBLE_EQ(report.total.coverage(), 50.0) << "the rural school offers nothing yet (应开尽开)";
    EXPECT_DOUBLE_EQ(report.total.fill(), 20.0);
    ASSERT_EQ(report.rows.size(), 2u);
    const auto city = reports_.Participation(city_, "2026-autumn");
    EXPECT_EQ(city.level, "county");
    ASSERT_EQ(city.rows.size(), 1u);
    EXPECT_EQ(city.rows[0].name, "任城区");
    EXPECT_EQ(reports_.ParticipationWorkbook(county_, "2026-autumn").substr(0, 2), "PK");
}

TEST_F(ReportTest, StatementsChargeSessionsTakenSkipAbsencesAndWaiveHardship) {
    org::StudentFlags hardship;
    hardship.hardship = true;
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_, true, hardship);
    const auto section = AddCourse("足球", 10, 2, 16 * 60, 17 * 60 + 30).sections.at(0).id;  // 90 min: 2 class hours
    selection_.JoinMidTerm(school_admin_, section, a, "2026-09-01");
    selection_.JoinMidTerm(school_admin_, section, b, "2026-09-01");
    running_.MarkRoll(school_admin_, section, PastWeekday(2, 1), {{a, "present"}, {b, "present"}});
    running_.MarkRoll(school_admin_, section, PastWeekday(2, 0), {{a, "present"}, {b, "absent"}});
    const ChildFee mine = reports_.Statement(Parent(1), a, "2026-autumn");
    EXPECT_EQ(mine.hours, 4);
    EXPECT_EQ(mine.fee.gross_fen, 4 * 300);
    EXPECT_EQ(mine.fee.due_fen, 4 * 300);
    ASSERT_EQ(mine.lines.size(), 1u);
    EXPECT_EQ(mine.lines[0].course_title, "足球");
    const ChildFee waived = reports_.Statement(school_admin_, b, "2026-autumn");
    EXPECT_EQ(waived.hours, 2) << "the absent session is not charged";
    EXPECT_TRUE(waived.fee.waived);
    EXPECT_EQ(waived.fee.due_fen, 0);
    const SchoolFees school = reports_.Fees(school_admin_, urban_.id, "2026-autumn");
    EXPECT_EQ(school.due_fen, 1200);
    EXPECT_EQ(school.gross_fen, 1800);
    EXPECT_EQ(school.waived_children, 1);
    EXPECT_EQ(Thrown([&] { reports_.Statement(Parent(1), b, "2026-autumn"); }).http_status(), 404);
    EXPECT_EQ(reports_.FeesWorkbook(school_admin_, urban_.id, "2026-autumn").substr(0, 2), "PK");
    const AreaFees county = reports_.FeesByArea(county_, "2026-autumn");
    EXPECT_EQ(county.level, "school");
    EXPECT_EQ(county.total.schools, 2);
    EXPECT_EQ(county.total.children, 2);
    EXPECT_EQ(county.total.due_fen, 1200);
    EXPECT_EQ(county.total.waived_children, 1);
    const AreaFees city = reports_.FeesByArea(city_, "2026-autumn");
    ASSERT_EQ(city.rows.size(), 1u);
    EXPECT_EQ(city.rows[0].name, "任城区");
    EXPECT_EQ(city.rows[0].gross_fen, 1800);
}

}  // namespace
}  // namespace kehou::afterschool::testing
