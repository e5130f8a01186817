// Running the service on a real database: the roll with leave pre-filled and the guardian told of an
// unexplained absence, instructor hours, pickup codes for authorised pickup persons only, ratings.
#include "afterschool/running_service.hpp"
#include "unit/afterschool/afterschool_fixture.hpp"

namespace kehou::afterschool::testing {
namespace {

class RunningTest : public AfterSchoolTest {
protected:
    RunningService running_{tdb_.database(), org_, catalog_};
};

TEST_F(RunningTest, TheRollPrefillsLeaveRecordsHoursAndTellsGuardiansOfAnUnexplainedAbsence) {
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_), c = AddChild(3, grade3_);
    const auto course = AddCourse("足球", 10, 2, 16 * 60, 17 * 60 + 30);
    const auto section = course.sections.at(0).id;
    for (auto child : {a, b, c}) selection_.JoinMidTerm(school_admin_, section, child, "2026-09-01");
    const std::string day = PastWeekday(2);
    {  // the leave was asked for in advance (inserted directly: FileLeave refuses past dates by design)
        auto conn = tdb_.database().Acquire();
        constexpr db::Query kLeave{"test.leave", "INSERT INTO as_leave_request (student_id, org_path, from_date, to_date,"
                                                 " reason, filed_at) VALUES ($1, $2, $3, $3, '看病', 'now')"};
        conn->Execute(kLeave, {c, urban_.org_path, day});
    }
    const Roll roll = running_.GetRoll(school_admin_, section, day);
    ASSERT_EQ(roll.entries.size(), 3u);
    for (const auto& e : roll.entries) EXPECT_EQ(e.status, e.student_id == c ? "leave" : "") << "leave pre-fills the roll";
    EXPECT_FALSE(roll.recorded);
    const Roll marked = running_.MarkRoll(school_admin_, section, day, {{a, "present"}, {b, "absent"}, {c, "leave"}});
    EXPECT_TRUE(marked.recorded);
    EXPECT_EQ(Scalar("SELECT minutes FROM as_session WHERE section_id = $1", {section}), 90);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM app_notification WHERE kind = 'absence' AND user_id = 1002"), 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM app_notification WHERE kind = 'absence'"), 1) << "only the unexplained one";
    running_.MarkRoll(school_admin_, section, day, {{b, "absent"}});
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM app_notification WHERE kind = 'absence'"), 1) << "told once, not per save";
    const Error outsider = Thrown([&] { running_.MarkRoll(school_admin_, section, day, {{999999, "present"}}); });
    EXPECT_EQ(outsider.code(), "afterschool.not_enrolled");
    EXPECT_EQ(Thrown([&] { running_.MarkRoll(school_admin_, section, "2099-01-06", {}); }).code(),
              "afterschool.future_roll");
    const Principal teacher{77, "t", "t", Role::kTeacher, urban_.org_path};
    EXPECT_EQ(Thrown([&] { running_.MarkRoll(teacher, section, day, {}); }).http_status(), 403)
        << "a teacher keeps the roll of their own courses only";
}

TEST_F(RunningTest, LeaveIsAskedInAdvanceAndPickupCodesGoToAuthorisedPersonsOnly) {
    const auto a = AddChild(1, grade3_);
    const Error past = Thrown([&] { running_.FileLeave(Parent(1), a, "2020-01-06", "2020-01-06", "看病"); });
    EXPECT_EQ(past.field(), "from_date");
    EXPECT_EQ(running_.FileLeave(Parent(1), a, "2099-01-05", "2099-01-06", "探亲").reason, "探亲");
    EXPECT_EQ(running_.Leaves(Parent(1), a).size(), 1u);
    const PickupCode code = running_.IssuePickupCode(Parent(1), a);
    ASSERT_EQ(code.code.size(), 6u);
    const std::string wrong = code.code == "000000" ? "000001" : "000000";
    EXPECT_EQ(Thrown([&] { running_.ConfirmPickup(school_admin_, urban_.id, a, wrong); }).code(),
              "afterschool.bad_pickup_code");
    running_.ConfirmPickup(school_admin_, urban_.id, a, code.code);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM as_pickup WHERE student_id = $1 AND picked_at IS NOT NULL", {a}), 1);
    EXPECT_EQ(Thrown([&] { running_.ConfirmPickup(school_admin_, urban_.id, a, code.code); }).code(),
              "afterschool.already_picked_up");
    // A guardian who is not registered to pick the child up gets no code.
    const auto g = org_.AddGuardian(city_, a, {"外婆", "grandmother", "13700001111", false});
    {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kUser{"test.granny", "INSERT INTO auth_user (id, username, display_name, role, scope_path,"
                                                 " password_hash, created_at) VALUES (2000, 'granny', 'g', 'guardian',"
                                                 " $1, 'x', 'now')"};
        c->Execute(kUser, {urban_.org_path});
    }
    org_.LinkGuardianAccount(g.id, 2000);
    const Principal granny{2000, "granny", "granny", Role::kGuardian, urban_.org_path};
    EXPECT_EQ(Thrown([&] { running_.IssuePickupCode(granny, a); }).code(), "afterschool.not_pickup_person");
}

TEST_F(RunningTest, AGuardianRatesACourseTheChildTookOnce) {
    const auto a = AddChild(1, grade3_);
    const auto course = AddCourse("书法", 10);
    const auto other = AddCourse("围棋", 10, 3);
    selection_.JoinMidTerm(school_admin_, course.sections.at(0).id, a, "2026-09-01");
    running_.Rate(Parent(1), a, course.id, 4, "孩子很喜欢");
    EXPECT_EQ(Thrown([&] { running_.Rate(Parent(1), a, course.id, 5, ""); }).code(), "afterschool.already_rated");
    EXPECT_EQ(Thrown([&] { running_.Rate(Parent(1), a, other.id, 5, ""); }).http_status(), 404);
    EXPECT_EQ(Thrown([&] { running_.Rate(Parent(1), a, course.id, 6, ""); }).field(), "score");
    const auto summary = running_.Ratings(school_admin_, urban_.id, "2026-autumn");
    ASSERT_EQ(summary.size(), 2u);
    EXPECT_EQ(summary[0].ratings, 1);
    EXPECT_DOUBLE_EQ(summary[0].average, 4.0);
    EXPECT_EQ(summary[1].ratings, 0);
}

TEST_F(RunningTest, ThePickupListPutsChildrenWithoutAChosenBatchInTheLastOne) {
    std::vector<ServiceDay> week;
    for (int d = 1; d <= 5; ++d) week.push_back({d, 15 * 60 + 40, {17 * 60, 17 * 60 + 30, 18 * 60}});
    catalog_.PutServiceWeek(school_admin_, urban_.id, "2026-autumn", week);
    const auto a = AddChild(1, grade3_), b = AddChild(2, grade3_);
    AddChild(3, grade3_);  // no seat, no batch: not on the list
    const auto section = AddCourse("足球", 10, 2).sections.at(0).id;
    selection_.JoinMidTerm(school_admin_, section, a, "2026-09-01");
    catalog_.ChooseDismissal(Parent(2), b, "2026-autumn", 2, 1);
    const std::string tuesday = PastWeekday(2);
    const auto all = running_.PickupList(school_admin_, urban_.id, tuesday, 0);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].student_id, b);
    EXPECT_EQ(all[0].batch_no, 1);
    EXPECT_EQ(all[1].student_id, a);
    EXPECT_EQ(all[1].batch_no, 3) << "no batch chosen: the last one";
    EXPECT_EQ(running_.PickupList(school_admin_, urban_.id, tuesday, 3).size(), 1u);
    EXPECT_TRUE(running_.PickupList(school_admin_, urban_.id, PastWeekday(4), 3).empty()) << "no seat on Thursdays";
}

TEST_F(RunningTest, ATeacherFindsTheirOwnSectionsAndAFamilyItsRatings) {
    const auto a = AddChild(1, grade3_);
    const auto t = org_.CreateTeacher(city_, {urban_.id, "孙老师", "female", "18612340000", {"体育"}, false});
    {
        auto c = tdb_.database().Acquire();
        constexpr db::Query kUser{"test.teacher_user",
                                  "INSERT INTO auth_user (id, username, display_name, role, scope_path, password_hash,"
                                  " created_at) VALUES (3000, 'teacher', 't', 'teacher', $1, 'x', 'now')"};
        c->Execute(kUser, {urban_.org_path});
        constexpr db::Query kLink{"test.link_teacher", "UPDATE org_teacher SET user_id = 3000 WHERE id = $1"};
        c->Execute(kLink, {t.id});
    }
    auto in = CourseInput{urban_.id, "2026-autumn", "篮球", "sport", "", "操场", 3, 6, "own_teacher", t.id, {}, "",
                          300, 10, 16, {{{3, 16 * 60, 17 * 60}}}};
    const auto mine = catalog_.PublishCourse(school_admin_, in);
    AddCourse("足球", 10);  // a volunteer's course: not the teacher's
    const Principal teacher{3000, "teacher", "t", Role::kTeacher, urban_.org_path};
    const auto sections = running_.MySections(teacher, "2026-autumn");
    ASSERT_EQ(sections.size(), 1u);
    EXPECT_EQ(sections[0].id, mine.id);
    EXPECT_TRUE(running_.MySections(school_admin_, "2026-autumn").empty());
    selection_.JoinMidTerm(school_admin_, mine.sections.at(0).id, a, "2026-09-01");
    running_.Rate(Parent(1), a, mine.id, 5, "很好");
    const auto rated = running_.ChildRatings(Parent(1), a);
    ASSERT_EQ(rated.size(), 1u);
    EXPECT_EQ(rated[0].course_id, mine.id);
    EXPECT_EQ(rated[0].score, 5);
}

}  // namespace
}  // namespace kehou::afterschool::testing
