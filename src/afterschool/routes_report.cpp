// Routes of fees and statistics: statements, a school's fee list, participation, fill; .xlsx exports.
#include <fmt/format.h>

#include "afterschool/json_io.hpp"
#include "afterschool/report_service.hpp"
#include "afterschool/routes.hpp"

namespace kehou::afterschool {
namespace {

using http::Method;

std::string Semester(const http::Request& r) { return r.QueryParam("semester").value_or(""); }

json::object FigureJson(const FigureRow& f) {
    const auto& s = f.sum;
    return {{"key", f.key},
            {"name", f.name},
            {"students", s.students},
            {"served", s.served},
            {"participation", f.participation()},
            {"teachers", s.teachers},
            {"teaching", s.teaching},
            {"teacher_participation", f.teacher_participation()},
            {"schools", f.schools},
            {"offering", f.offering},
            {"coverage", f.coverage()},
            {"courses", s.courses},
            {"sections", s.sections},
            {"capacity", s.capacity},
            {"taken", s.taken},
            {"fill", f.fill()},
            {"waitlisted", s.waitlisted}};
}

json::object StatementJson(const ChildFee& c) {
    json::array lines, notes;
    for (const auto& l : c.lines)
        lines.push_back(json::object{{"course_title", l.course_title}, {"hours", l.hours}, {"rate_fen", l.rate_fen},
                                     {"amount_fen", l.amount_fen}});
    for (const auto& n : c.fee.notes) notes.emplace_back(n);
    return {{"student_id", c.student_id}, {"student_name", c.student_name}, {"class_name", c.class_name},
            {"hours", c.hours},           {"gross_fen", c.fee.gross_fen},   {"due_fen", c.fee.due_fen},
            {"waived", c.fee.waived},     {"lines", std::move(lines)},      {"notes", std::move(notes)}};
}

json::object FeeRowJson(const FeeRow& f) {
    return {{"key", f.key},           {"name", f.name},         {"schools", f.schools},
            {"children", f.children}, {"hours", f.hours},       {"gross_fen", f.gross_fen},
            {"due_fen", f.due_fen},   {"waived_children", f.waived_children}};
}

json::object FillJson(const repo::CourseFill& f) {
    return {{"course_id", f.course_id}, {"title", f.title},       {"category_name", f.category_name},
            {"instructor_name", f.instructor_name}, {"sections", f.sections}, {"capacity", f.capacity},
            {"taken", f.taken},         {"fill", FigureRow::Rate(f.taken, f.capacity)}, {"waitlisted", f.waitlisted}};
}

http::Response Xlsx(std::string body, const std::string& ascii_name) {
    http::Response resp;
    resp.body = std::move(body);
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.SetAttachment(ascii_name);
    return resp;
}

}  // namespace

void RegisterReportRoutes(http::Router& router, ReportService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/children/{id}/statement",
                .permission = "afterschool:bill:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(StatementJson(svc.Statement(r.Caller(), r.PathId("id"), Semester(r))));
                },
                .summary = "A child's fee statement: hours taken × rate within the caps; hardship pays 0"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/fees",
                .permission = "afterschool:fee-report:read",
                .handler = [&svc](http::Request& r) {
                    const SchoolFees f = svc.Fees(r.Caller(), r.PathId("id"), Semester(r));
                    json::array children;
                    for (const auto& c : f.children) children.push_back(StatementJson(c));
                    return http::JsonResponse(json::object{
                        {"school_id", f.school_id}, {"school_name", f.school_name}, {"semester", f.semester},
                        {"hours", f.hours}, {"gross_fen", f.gross_fen}, {"due_fen", f.due_fen},
                        {"waived_children", f.waived_children}, {"children", std::move(children)}});
                },
                .summary = "A school's fee list for a semester with totals"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/fees/export",
                .permission = "afterschool:fee-report:export", .audit_title = "导出课后服务收费",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("school_id={}", r.PathId("id"));
                    return Xlsx(svc.FeesWorkbook(r.Caller(), r.PathId("id"), Semester(r)), "afterschool-fees.xlsx");
                },
                .summary = "The school's fee list as .xlsx"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/schools/{id}/fill",
                .permission = "afterschool:course:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Fill(r.Caller(), r.PathId("id"), Semester(r)), FillJson);
                },
                .summary = "Per course: capacity, seats taken, fill rate and waitlist"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/reports/participation",
                .permission = "stats:afterschool:read",
                .handler = [&svc](http::Request& r) {
                    const ParticipationReport p = svc.Participation(r.Caller(), Semester(r));
                    json::array rows;
                    for (const auto& row : p.rows) rows.push_back(FigureJson(row));
                    return http::JsonResponse(json::object{{"semester", p.semester}, {"scope_name", p.scope_name},
                                                           {"level", p.level}, {"total", FigureJson(p.total)},
                                                           {"rows", std::move(rows)}});
                },
                .summary = "参与率, 教师参与率, 应开尽开 and fill by county (city) or school (county)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/reports/fees",
                .permission = "stats:afterschool:read",
                .handler = [&svc](http::Request& r) {
                    const AreaFees f = svc.FeesByArea(r.Caller(), Semester(r));
                    json::array rows;
                    for (const auto& row : f.rows) rows.push_back(FeeRowJson(row));
                    return http::JsonResponse(json::object{{"semester", f.semester}, {"level", f.level},
                                                           {"total", FeeRowJson(f.total)}, {"rows", std::move(rows)}});
                },
                .summary = "Fee totals per school (a county) or per county (the city)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/afterschool/reports/participation/export",
                .permission = "stats:afterschool:export", .audit_title = "导出课后服务参与情况",
                .handler = [&svc](http::Request& r) {
                    return Xlsx(svc.ParticipationWorkbook(r.Caller(), Semester(r)), "afterschool-participation.xlsx");
                },
                .summary = "The participation report as .xlsx"});
}

}  // namespace kehou::afterschool
