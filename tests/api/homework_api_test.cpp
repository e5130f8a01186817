// Homework through HTTP (issue 7): the limits to the letter (59/60/61 minutes, grade 2 written refused and oral
// allowed), the parent-task checker, the 教务处's audited override, the subject-group approval workflow with its
// budget, the county's stricter and rest-day limits, the family's view and report, and the scopes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <map>

#include "api/api_client.hpp"
#include "api/live_server.hpp"
#include "auth/audit.hpp"
#include "core/time.hpp"
#include "institutions/rules.hpp"
#include "org/bulk.hpp"
#include "support/text.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::value Body(const HttpReply& r) { return json::parse(r.body); }

class HomeworkApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& app = server_->app();
        const Principal city{0, "setup", "setup", Role::kCityAdmin, "/370800/"};
        auto& org = app.org();
        auto& auth = app.auth();
        school_ = org.CreateSchool(city, {0, "2137000201", "任城区作业小学", "370811", "", "primary", true, false, 1, 6, ""});
        const auto other = org.CreateSchool(city, {0, "2137000202", "兖州区作业小学", "370812", "", "primary", true,
                                                   false, 1, 6, ""});
        grade3_ = org.CreateClass(city, school_.id, 3, 1, 2024).id;
        grade2_ = org.CreateClass(city, school_.id, 2, 1, 2025).id;
        grade4_ = org.CreateClass(city, school_.id, 4, 1, 2023).id;
        other_class_ = org.CreateClass(city, other.id, 3, 1, 2024).id;
        auth.CreateUser({"county", "任城区教体局", Role::kDistrictAdmin, "/370800/370811/", "Bureau#2026", true, false});
        auth.CreateUser({"county2", "兖州区教体局", Role::kDistrictAdmin, "/370800/370812/", "Bureau#2026", true, false});
        auth.CreateUser({"school", "作业小学教务处", Role::kSchoolAdmin, school_.org_path, "Campus#2026", true, false});
        const auto t1 = auth.CreateUser({"teacher", "王老师", Role::kTeacher, school_.org_path, "Lesson#2026", true, false});
        const auto t2 = auth.CreateUser({"leader", "李组长", Role::kTeacher, school_.org_path, "Lesson#2026", true, false});
        const auto t3 = auth.CreateUser({"stranger", "兖州老师", Role::kTeacher, other.org_path, "Lesson#2026", true, false});
        teacher_id_ = org.CreateTeacher(city, {school_.id, "王老师", "female", "13911110001", {"语文"}}).id;
        leader_id_ = org.CreateTeacher(city, {school_.id, "李组长", "male", "13911110002", {"数学"}}).id;
        const auto stranger = org.CreateTeacher(city, {other.id, "兖州老师", "male", "13911110003", {"数学"}}).id;
        {
            org::BulkWriter w(app.database(), app.vault());
            for (const auto k : {grade3_, grade2_}) w.AssignClassTeacher(k, teacher_id_, "subject", "语文");
            w.AssignClassTeacher(grade3_, leader_id_, "subject", "数学");
            w.AssignClassTeacher(grade4_, leader_id_, "subject", "数学");
            w.AssignClassTeacher(other_class_, stranger, "subject", "数学");
            w.LinkTeacherAccount(teacher_id_, t1.id);
            w.LinkTeacherAccount(leader_id_, t2.id);
            w.LinkTeacherAccount(stranger, t3.id);
            w.Commit();
        }
        for (int n = 0; n < 2; ++n) {
            const std::string id = IdNumber("3708112016050" + std::to_string(1 + n) + "111");
            children_[n] = org.CreateStudent(city, {grade3_, n == 0 ? "周小雨" : "吴小川", "male", id, "G" + id, {}}).id;
            const auto u = auth.CreateUser({"parent" + std::to_string(n), "家长", Role::kGuardian, school_.org_path,
                                            "Family#2026", true, false});
            const auto g = org.AddGuardian(city, children_[n], {"家长", "mother", "1381234560" + std::to_string(n), true});
            org.LinkGuardianAccount(g.id, u.id);
        }
        // The next school day and the next Saturday from today, on the calendar the server uses.
        const auto cal = app.calendar().For("/370800/370811/");
        auto d = institutions::ShanghaiDateOf(std::chrono::system_clock::now());
        while (!institutions::IsWorkingDay(d, cal) || institutions::VacationOn(d, cal))
            d = std::chrono::sys_days(d) + std::chrono::days(1);
        school_day_ = FormatIsoDate(d);
        auto s = institutions::ShanghaiDateOf(std::chrono::system_clock::now());
        while (std::chrono::weekday(std::chrono::sys_days(s)) != std::chrono::Saturday || institutions::IsWorkingDay(s, cal))
            s = std::chrono::sys_days(s) + std::chrono::days(1);
        saturday_ = FormatIsoDate(s);
    }
    static void TearDownTestSuite() { delete server_; }

    // One session per user for the whole suite: the log-in limiter (20 a minute per address) counts every log-in.
    static ApiClient As(const std::string& user) {
        static std::map<std::string, ApiClient> sessions;
        if (const auto it = sessions.find(user); it != sessions.end()) return it->second;
        const std::string password = user.starts_with("county") ? "Bureau#2026"
                                     : user == "school"         ? "Campus#2026"
                                     : user.starts_with("parent") ? "Family#2026"
                                                                  : "Lesson#2026";
        return sessions[user] = ApiClient::LogIn(server_->port(), user, password);
    }
    static std::string Homework(std::int64_t class_id, const std::string& date, const std::string& subject,
                                const std::string& type, int minutes, const std::string& content = "完成练习册第 12 页",
                                json::array variants = {}) {
        return json::serialize(json::object{{"class_id", class_id}, {"due_date", date}, {"subject", subject},
                                            {"type", type}, {"estimated_minutes", minutes}, {"content", content},
                                            {"variants", std::move(variants)}});
    }
    static HttpReply Publish(const ApiClient& who, const std::string& body) {
        return who.Call("POST", "/api/v1/homework/assignments", body);
    }
    static json::value ClassDay(const ApiClient& who, std::int64_t class_id, const std::string& date) {
        const auto r = who.Call("GET", "/api/v1/homework/class-day?class_id=" + std::to_string(class_id) + "&date=" + date);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r);
    }
    static std::int64_t AuditCount(const std::string& action) {
        auth::AuditQuery q;
        q.scope_path = "/";
        q.action = action;
        q.outcome_class = 2;
        return server_->app().audit().List(q).total;
    }

    static inline LiveServer* server_ = nullptr;
    static inline org::School school_;
    static inline std::int64_t grade3_ = 0, grade2_ = 0, grade4_ = 0, other_class_ = 0;
    static inline std::int64_t teacher_id_ = 0, leader_id_ = 0;
    static inline std::int64_t children_[2] = {0, 0};
    static inline std::string school_day_, saturday_;
};

TEST_F(HomeworkApiTest, TheClassDayLimitHoldsToTheMinute) {
    const auto teacher = As("teacher");
    const auto leader = As("leader");
    // 59 minutes, then 1 more is exactly the limit of 60 (allowed), then 1 more is refused with the figures.
    ASSERT_EQ(Publish(teacher, Homework(grade3_, school_day_, "语文", "written", 59)).status, 201);
    const auto at60 = Publish(leader, Homework(grade3_, school_day_, "数学", "written", 1));
    ASSERT_EQ(at60.status, 201) << at60.body;
    const auto at61 = Publish(leader, Homework(grade3_, school_day_, "数学", "written", 1));
    ASSERT_EQ(at61.status, 422) << at61.body;
    EXPECT_EQ(ErrorCodeOf(at61), "homework.over_limit");
    const auto err = Body(at61).at("error");
    EXPECT_EQ(err.at("field").as_string(), "estimated_minutes");
    EXPECT_EQ(err.at("details").at("current").as_int64(), 60);
    EXPECT_EQ(err.at("details").at("limit").as_int64(), 60);
    EXPECT_EQ(err.at("details").at("remaining").as_int64(), 0);
    // Reading and oral tasks are not written homework: they still go out.
    EXPECT_EQ(Publish(teacher, Homework(grade3_, school_day_, "语文", "reading", 20, "读《草房子》第三章")).status, 201);
    const auto day = ClassDay(teacher, grade3_, school_day_);
    EXPECT_EQ(day.at("limit").as_int64(), 60);
    EXPECT_EQ(day.at("written_total").as_int64(), 60);
    EXPECT_EQ(day.at("remaining").as_int64(), 0);
    EXPECT_EQ(day.at("assignments").as_array().size(), 3u);
}

TEST_F(HomeworkApiTest, GradeTwoTakesNoWrittenHomeworkButOralIsFine) {
    const auto teacher = As("teacher");
    const auto written = Publish(teacher, Homework(grade2_, school_day_, "语文", "written", 5));
    ASSERT_EQ(written.status, 422) << written.body;
    EXPECT_EQ(ErrorCodeOf(written), "homework.written_grades_1_2");
    EXPECT_EQ(Body(written).at("error").at("field").as_string(), "type");
    // Not even the academic office can override R1.1.
    const auto school = As("school");
    const auto forced = school.Call("POST", "/api/v1/homework/assignments/override",
                                    Homework(grade2_, school_day_, "语文", "written", 5).insert(1, R"("override_reason":"期中复习周，教务处同意",)"));
    EXPECT_EQ(ErrorCodeOf(forced), "homework.written_grades_1_2");
    EXPECT_EQ(Publish(teacher, Homework(grade2_, school_day_, "语文", "oral", 10, "朗读课文两遍")).status, 201);
}

TEST_F(HomeworkApiTest, HomeworkForParentsIsRefusedWithThePhrasesAndTheCountyCanChangeTheList) {
    const auto teacher = As("teacher");
    const auto r = Publish(teacher, Homework(grade3_, saturday_, "语文", "reading", 10,
                                             "读一篇短文，请家长批改并签字"));
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(ErrorCodeOf(r), "homework.parent_task");
    EXPECT_NE(Body(r).at("error").at("details").at("phrases").as_string().find("家长批改"), std::string::npos);
    // The live check says the same without writing.
    const auto check = teacher.Call("POST", "/api/v1/homework/check",
                                    Homework(grade3_, saturday_, "语文", "reading", 10, "请家长批改"));
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_EQ(Body(check).at("parent_task_phrases").as_array().size(), 1u);

    const auto county = As("county");
    const auto put = county.Call("PUT", "/api/v1/homework/counties/370811/settings",
                                 R"({"primary_limit":60,"junior_limit":90,"parent_task_phrases":["家长签字"]})");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_TRUE(Body(put).at("phrases_customised").as_bool());
    const auto custom = Publish(teacher, Homework(grade3_, saturday_, "语文", "reading", 10, "读完后家长签字"));
    EXPECT_EQ(ErrorCodeOf(custom), "homework.parent_task");
    ASSERT_EQ(county.Call("PUT", "/api/v1/homework/counties/370811/settings",
                          R"({"primary_limit":60,"junior_limit":90,"parent_task_phrases":null})").status,
              200);
}

TEST_F(HomeworkApiTest, TheCountyIsStricterNeverLooserAndRestDaysHaveTheirOwnLimit) {
    const auto county = As("county");
    const auto loose = county.Call("PUT", "/api/v1/homework/counties/370811/settings",
                                   R"({"primary_limit":61,"junior_limit":90})");
    ASSERT_EQ(loose.status, 422) << loose.body;
    EXPECT_EQ(Body(loose).at("error").at("field").as_string(), "primary_limit");
    EXPECT_EQ(As("school").Call("PUT", "/api/v1/homework/counties/370811/settings",
                                R"({"primary_limit":50,"junior_limit":80})").status,
              403);
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/homework/counties/370811/settings").status, 404);
    ASSERT_EQ(county.Call("PUT", "/api/v1/homework/counties/370811/settings",
                          R"({"primary_limit":60,"junior_limit":90,"rest_day_primary_limit":30})").status,
              200);
    const auto teacher = As("teacher");
    const auto day = ClassDay(teacher, grade3_, saturday_);
    EXPECT_EQ(day.at("day_kind").as_string(), "rest_day");
    EXPECT_EQ(day.at("limit").as_int64(), 30);
    EXPECT_EQ(Publish(teacher, Homework(grade3_, saturday_, "语文", "written", 30, "周末练字一页")).status, 201);
    EXPECT_EQ(ErrorCodeOf(Publish(teacher, Homework(grade3_, saturday_, "语文", "written", 1))), "homework.over_limit");
    ASSERT_EQ(county.Call("PUT", "/api/v1/homework/counties/370811/settings",
                          R"({"primary_limit":60,"junior_limit":90})").status,
              200);
}

TEST_F(HomeworkApiTest, TheAcademicOfficeOverridesWithAReasonAndTheAuditLogKeepsIt) {
    const auto teacher = As("teacher");
    const auto school = As("school");
    const std::string date = saturday_;  // rest-day limit 60 again (the county reset it)
    ASSERT_EQ(Publish(teacher, Homework(grade3_, date, "语文", "reading", 5, "背诵古诗")).status, 201);
    const std::string over = Homework(grade3_, date, "数学", "written", 240, "期中复习综合卷");
    const std::string with_reason = std::string(over).insert(1, R"("override_reason":"期中复习周，经教务处同意",)");
    EXPECT_EQ(teacher.Call("POST", "/api/v1/homework/assignments/override", with_reason).status, 403);
    const auto before = AuditCount("homework:override:create");
    const auto r = school.Call("POST", "/api/v1/homework/assignments/override", with_reason);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at("override_reason").as_string(), "期中复习周，经教务处同意");
    EXPECT_EQ(Body(r).at("status").as_string(), "published");
    EXPECT_EQ(AuditCount("homework:override:create"), before + 1);
    // An override where none is needed is refused, so the override count means something.
    const auto small = std::string(Homework(grade4_, school_day_, "数学", "written", 10)).insert(1, R"("override_reason":"无需超限的理由",)");
    EXPECT_EQ(ErrorCodeOf(school.Call("POST", "/api/v1/homework/assignments/override", small)),
              "homework.override_not_needed");
}

TEST_F(HomeworkApiTest, TheSubjectGroupLeaderApprovesAndSetsTheBudget) {
    const auto school = As("school");
    const auto teacher = As("teacher");
    const auto leader = As("leader");
    const auto sid = std::to_string(school_.id);
    ASSERT_EQ(school.Call("PUT", "/api/v1/homework/schools/" + sid + "/settings", R"({"approval_required":true})").status, 200);
    const auto group = school.Call("PUT", "/api/v1/homework/schools/" + sid + "/groups",
                                   json::serialize(json::object{{"grade", 4}, {"subject", "语文"},
                                                                {"leader_teacher_id", leader_id_}}));
    ASSERT_EQ(group.status, 200) << group.body;
    // Only the leader sets the budget (and not the leader's name); an ordinary teacher is refused.
    EXPECT_EQ(teacher.Call("PUT", "/api/v1/homework/schools/" + sid + "/groups",
                           R"({"grade":4,"subject":"语文","daily_budget":30})").status,
              403);
    EXPECT_EQ(leader.Call("PUT", "/api/v1/homework/schools/" + sid + "/groups",
                          R"({"grade":4,"subject":"语文","leader_teacher_id":null})").status,
              403);
    const auto budget = leader.Call("PUT", "/api/v1/homework/schools/" + sid + "/groups",
                                    R"({"grade":4,"subject":"语文","daily_budget":20})");
    ASSERT_EQ(budget.status, 200) << budget.body;
    EXPECT_EQ(Body(budget).at("daily_budget").as_int64(), 20);

    // The grade-4 Chinese homework comes from the school office here (the teacher does not teach grade 4), so it
    // is published at once; the budget still binds.
    EXPECT_EQ(ErrorCodeOf(Publish(school, Homework(grade4_, school_day_, "语文", "written", 25))),
              "homework.over_subject_budget");

    // A teacher's homework waits for the leader of its group: 语文 of grade 3 has no leader, so the school decides.
    const auto pending = Publish(teacher, Homework(grade3_, school_day_, "语文", "oral", 10, "给同桌讲一个成语故事"));
    ASSERT_EQ(pending.status, 201) << pending.body;
    EXPECT_EQ(Body(pending).at("status").as_string(), "pending_approval");
    const auto id = std::to_string(Body(pending).at("id").as_int64());
    const auto parent = As("parent0");
    const auto seen = Body(parent.Call("GET", "/api/v1/family/homework?date=" + school_day_));
    for (const auto& a : seen.at("children").at(0).at("assignments").as_array())
        EXPECT_NE(a.at("id").as_int64(), Body(pending).at("id").as_int64()) << "families see published homework only";
    EXPECT_EQ(teacher.Call("POST", "/api/v1/homework/assignments/" + id + "/approve").status, 403);
    const auto approved = school.Call("POST", "/api/v1/homework/assignments/" + id + "/approve");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(Body(approved).at("status").as_string(), "published");
    EXPECT_EQ(ErrorCodeOf(school.Call("POST", "/api/v1/homework/assignments/" + id + "/reject", R"({"reason":"重复"})")),
              "homework.bad_state");
    // Withdrawn once; not twice.
    EXPECT_EQ(teacher.Call("POST", "/api/v1/homework/assignments/" + id + "/withdraw").status, 200);
    EXPECT_EQ(teacher.Call("POST", "/api/v1/homework/assignments/" + id + "/withdraw").status, 409);

    // A rejected one stays rejected, with the reason.
    const auto second = Publish(teacher, Homework(grade3_, school_day_, "语文", "oral", 10, "朗读课文"));
    const auto sid2 = std::to_string(Body(second).at("id").as_int64());
    const auto rejected = school.Call("POST", "/api/v1/homework/assignments/" + sid2 + "/reject", R"({"reason":"与昨天重复"})");
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(Body(rejected).at("reject_reason").as_string(), "与昨天重复");
    EXPECT_EQ(school.Call("POST", "/api/v1/homework/assignments/" + sid2 + "/approve").status, 409);
    ASSERT_EQ(school.Call("PUT", "/api/v1/homework/schools/" + sid + "/settings", R"({"approval_required":false})").status, 200);
}

TEST_F(HomeworkApiTest, TheFamilySeesTheirChildsLayerAndReportsTheirDay) {
    const auto school = As("school");
    json::array variants{json::object{{"label", "提高"}, {"content", "附加题 3 道"}, {"estimated_minutes", 15},
                                      {"student_ids", json::array{children_[1]}}}};
    const auto r = Publish(school, Homework(grade3_, saturday_, "英语", "oral", 10, "跟读 Unit 3", variants));
    ASSERT_EQ(r.status, 201) << r.body;
    const auto parent0 = As("parent0");
    const auto parent1 = As("parent1");
    const auto find = [&](const ApiClient& p) {
        const auto day = Body(p.Call("GET", "/api/v1/family/homework?date=" + saturday_));
        for (const auto& a : day.at("children").at(0).at("assignments").as_array())
            if (a.at("subject").as_string() == "英语") return json::value(a);
        return json::value(nullptr);
    };
    const auto plain = find(parent0), layered = find(parent1);
    ASSERT_TRUE(plain.is_object() && layered.is_object());
    EXPECT_EQ(plain.at("content").as_string(), "跟读 Unit 3");
    EXPECT_TRUE(plain.at("variant_label").is_null());
    EXPECT_EQ(layered.at("content").as_string(), "附加题 3 道");
    EXPECT_EQ(layered.at("estimated_minutes").as_int64(), 15);
    const auto day = Body(parent0.Call("GET", "/api/v1/family/homework?date=" + saturday_));
    EXPECT_EQ(day.at("children").at(0).at("bedtime").as_string(), "21:20");

    const auto today = ShanghaiDate(std::chrono::system_clock::now());
    const auto report = [&](const ApiClient& p, std::int64_t child, const std::string& date) {
        return p.Call("PUT", "/api/v1/family/homework/reports",
                      json::serialize(json::object{{"student_id", child}, {"date", date}, {"minutes", 35},
                                                   {"finished_by_bedtime", true}}));
    };
    const auto ok = report(parent0, children_[0], today);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(Body(ok).at("minutes").as_int64(), 35);
    const auto again = Body(parent0.Call("GET", "/api/v1/family/homework?date=" + today));
    EXPECT_EQ(again.at("children").at(0).at("report").at("minutes").as_int64(), 35);
    EXPECT_EQ(report(parent0, children_[1], today).status, 404) << "another family's child";
    const auto tomorrow = FormatIsoDate(std::chrono::sys_days(*ParseIsoDate(today)) + std::chrono::days(1));
    EXPECT_EQ(Body(report(parent0, children_[0], tomorrow)).at("error").at("field").as_string(), "date");
    const auto long_ago = FormatIsoDate(std::chrono::sys_days(*ParseIsoDate(today)) - std::chrono::days(8));
    EXPECT_EQ(ErrorCodeOf(report(parent0, children_[0], long_ago)), "homework.report_date");
}

TEST_F(HomeworkApiTest, ScopesHoldForTeachersAndCounties) {
    // CTest runs each test in a process of its own: this one publishes what it reads.
    ASSERT_EQ(Publish(As("teacher"), Homework(grade3_, school_day_, "语文", "oral", 10, "背诵古诗两首")).status, 201);
    const auto stranger = As("stranger");
    EXPECT_EQ(Publish(stranger, Homework(grade3_, school_day_, "数学", "written", 10)).status, 403);
    EXPECT_EQ(stranger.Call("GET", "/api/v1/homework/class-day?class_id=" + std::to_string(grade3_)).status, 404);
    // A teacher publishes only for the classes they teach, even inside their school.
    EXPECT_EQ(ErrorCodeOf(Publish(As("teacher"), Homework(grade4_, school_day_, "语文", "reading", 10, "阅读 20 分钟"))),
              "homework.not_your_class");
    const auto classes = Body(As("teacher").Call("GET", "/api/v1/homework/classes"));
    EXPECT_EQ(classes.at("items").as_array().size(), 2u);
    const auto list = Body(As("county").Call("GET", "/api/v1/homework/assignments?page_size=5"));
    ASSERT_GT(list.at("total").as_int64(), 0);
    const auto any = std::to_string(list.at("items").at(0).at("id").as_int64());
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/homework/assignments/" + any).status, 404);
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/homework/assignments").status, 200);
    EXPECT_EQ(Body(As("county2").Call("GET", "/api/v1/homework/assignments")).at("total").as_int64(), 0);
}

TEST_F(HomeworkApiTest, TheReportsSeeThePublishedHomeworkWithinTheirScope) {
    ASSERT_EQ(Publish(As("teacher"), Homework(grade3_, school_day_, "语文", "reading", 15, "阅读课外书")).status, 201);
    const auto from = "&from=" + school_day_ + "&to=" + school_day_;
    const auto county = Body(As("county").Call("GET", "/api/v1/homework/reports/summary?unit_code=370811" + from));
    ASSERT_EQ(county.at("items").as_array().size(), 1u) << "one school of the county has homework that day";
    EXPECT_EQ(county.at("items").at(0).at("name").as_string(), "任城区作业小学");
    EXPECT_GE(county.at("total").at("class_days").as_int64(), 1);
    const auto school = "school_id=" + std::to_string(school_.id);
    EXPECT_EQ(As("county2").Call("GET", "/api/v1/homework/reports/summary?" + school + from).status, 404);
    const auto xlsx = As("school").Call("GET", "/api/v1/homework/reports/export.xlsx?" + school + from);
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK") << "an .xlsx is a zip";
}

}  // namespace
}  // namespace kehou::testing
