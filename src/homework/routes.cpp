// Routes of homework-load management. Handlers parse, call the service and write JSON; the route table gives each
// its permission and audit title.
#include <fmt/format.h>

#include "homework/json_io.hpp"
#include "homework/routes.hpp"
#include "core/time.hpp"
#include "institutions/rules.hpp"

namespace kehou::homework {
namespace {

using http::Method;

std::optional<int> OptMinutes(http::BodyReader& body, std::string_view field) {
    const auto v = body.OptionalInt(field);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

CountySettings ReadCountySettings(http::Request& r) {
    http::BodyReader body(r);
    CountySettings s;
    s.limits.primary = static_cast<int>(body.RequiredInt("primary_limit"));
    s.limits.junior = static_cast<int>(body.RequiredInt("junior_limit"));
    s.limits.rest_day_primary = OptMinutes(body, "rest_day_primary_limit");
    s.limits.rest_day_junior = OptMinutes(body, "rest_day_junior_limit");
    const auto* phrases = body.OptionalValue("parent_task_phrases");
    s.phrases_customised = phrases && !phrases->is_null();
    if (s.phrases_customised) s.parent_task_phrases = http::ReadStringArray(phrases, "parent_task_phrases");
    body.Finish();
    return s;
}

// An explicit null clears the field; an absent one keeps what is stored.
template <typename T>
std::optional<std::optional<T>> Nullable(http::BodyReader& body, std::string_view field) {
    if (body.PresentAsNull(field)) {
        body.OptionalValue(field);  // marks it read
        return std::optional<std::optional<T>>(std::in_place, std::nullopt);  // engaged, holding null
    }
    const auto* v = body.OptionalValue(field);
    if (!v) return std::nullopt;
    if (!v->is_int64()) throw http::WrongType(field, "整数或 null", "an integer or null");
    return std::optional<T>(static_cast<T>(v->as_int64()));
}

GroupChange ReadGroupChange(http::Request& r) {
    http::BodyReader body(r);
    GroupChange g;
    g.grade = static_cast<int>(body.RequiredInt("grade"));
    g.subject = body.RequiredString("subject", 20);
    g.leader_teacher_id = Nullable<std::int64_t>(body, "leader_teacher_id");
    g.daily_budget = Nullable<int>(body, "daily_budget");
    body.Finish();
    return g;
}

repo::AssignmentFilter ReadFilter(const http::Request& r) {
    repo::AssignmentFilter f;
    if (const auto v = r.QueryParam("class_id"); v && !v->empty()) f.class_id = r.QueryInt("class_id", 0, INT64_MAX);
    if (const auto v = r.QueryParam("from"); v && !v->empty())
        f.from = institutions::FormatDate(institutions::RequireIsoDate(*v, "from"));
    if (const auto v = r.QueryParam("to"); v && !v->empty())
        f.to = institutions::FormatDate(institutions::RequireIsoDate(*v, "to"));
    if (const auto v = r.QueryParam("status"); v && !v->empty()) {
        f.status = ParseAssignmentStatus(*v);
        if (!f.status)
            throw Error::BadRequest("homework.bad_status", "状态参数无效", "Unknown status", "status");
    }
    f.pending_for_me = r.QueryParam("pending_for_me").value_or("") == "true";
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 50, 200));
    return f;
}

FamilyReport ReadReport(http::Request& r) {
    http::BodyReader body(r);
    FamilyReport in;
    in.student_id = body.RequiredInt("student_id");
    in.date = body.RequiredString("date", 10);
    in.minutes = static_cast<int>(body.RequiredInt("minutes"));
    in.finished_by_bedtime = body.RequiredBool("finished_by_bedtime");
    in.note = body.OptionalString("note", 200);
    body.Finish();
    return in;
}

std::string Today() { return ShanghaiDate(std::chrono::system_clock::now()); }

http::Response Published(http::Request& r, const Assignment& a) {
    r.audit_object = fmt::format("assignment_id={} class_id={} status={}", a.id, a.class_id, ToString(a.status));
    return http::JsonResponse(AssignmentJson(a), 201);
}

void RegisterSettingsRoutes(http::Router& router, HomeworkService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/homework/counties/{unit_code}/settings",
                .permission = "homework:settings:read",
                .handler = [&svc](http::Request& r) {
                    const auto& code = r.PathParam("unit_code");
                    return http::JsonResponse(CountySettingsJson(code, svc.GetCountySettings(r.Caller(), code)));
                },
                .summary = "A county's homework limits (R1.2) and its parent-task phrase list (R1.3)"});
    router.Add({.method = Method::kPut, .path = "/api/v1/homework/counties/{unit_code}/settings",
                .permission = "homework:settings:update", .audit_title = "设置区县作业时长",
                .handler = [&svc](http::Request& r) {
                    const auto& code = r.PathParam("unit_code");
                    r.audit_object = fmt::format("unit_code={}", code);
                    const auto s = svc.PutCountySettings(r.Caller(), code, ReadCountySettings(r));
                    return http::JsonResponse(CountySettingsJson(code, s));
                },
                .summary = "Set a county's limits (never above the national ones) and phrase list"});
    router.Add({.method = Method::kGet, .path = "/api/v1/homework/schools/{id}/settings",
                .permission = "homework:settings:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(SchoolSettingsJson(svc.GetSchoolSettings(r.Caller(), r.PathId("id"))));
                },
                .summary = "A school's approval switch and subject groups (leaders, daily budgets)"});
    router.Add({.method = Method::kPut, .path = "/api/v1/homework/schools/{id}/settings",
                .permission = "homework:settings:update", .audit_title = "设置学校作业审核",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const bool required = body.RequiredBool("approval_required");
                    body.Finish();
                    r.audit_object = fmt::format("school_id={} approval_required={}", r.PathId("id"), required);
                    return http::JsonResponse(
                        SchoolSettingsJson(svc.SetApprovalRequired(r.Caller(), r.PathId("id"), required)));
                },
                .summary = "Switch the subject-group approval workflow on or off for a school"});
    router.Add({.method = Method::kPut, .path = "/api/v1/homework/schools/{id}/groups",
                .permission = "homework:group:update", .audit_title = "设置备课组",
                .handler = [&svc](http::Request& r) {
                    const auto change = ReadGroupChange(r);
                    r.audit_object = fmt::format("school_id={} grade={}", r.PathId("id"), change.grade);
                    return http::JsonResponse(GroupJson(svc.PutGroup(r.Caller(), r.PathId("id"), change)));
                },
                .summary = "Set a subject group's leader (the school) or daily budget (the school or the leader)"});
}

void RegisterPublishRoutes(http::Router& router, HomeworkService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/homework/classes", .permission = "homework:assignment:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Classes(r.Caller()), [](const PublishableClass& k) {
                        json::array subjects(k.subjects.begin(), k.subjects.end());
                        return json::object{{"id", k.klass.id}, {"name", k.klass.name}, {"grade", k.klass.grade},
                                            {"school_id", k.klass.school_id}, {"subjects", std::move(subjects)}};
                    });
                },
                .summary = "The classes the caller may publish homework for, with their subjects"});
    router.Add({.method = Method::kGet, .path = "/api/v1/homework/class-day", .permission = "homework:assignment:read",
                .handler = [&svc](http::Request& r) {
                    const auto class_id = r.QueryInt("class_id", 0, INT64_MAX);
                    const auto date = r.QueryParam("date").value_or(Today());
                    return http::JsonResponse(ClassDayJson(svc.Day(r.Caller(), class_id, date)));
                },
                .summary = "A class's day: its limit, written total, remaining minutes and homework"});
    router.Add({.method = Method::kPost, .path = "/api/v1/homework/check", .permission = "homework:assignment:create",
                .audit_title = "预检作业（不保存）",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(CheckJson(svc.Check(r.Caller(), ReadAssignmentInput(r, false))));
                },
                .summary = "What publishing would do (phrases found, budget), writing nothing"});
    router.Add({.method = Method::kPost, .path = "/api/v1/homework/assignments",
                .permission = "homework:assignment:create", .audit_title = "布置作业",
                .handler = [&svc](http::Request& r) {
                    return Published(r, svc.Publish(r.Caller(), ReadAssignmentInput(r, false)));
                },
                .summary = "Publish homework for a class and day, checked against R1.1–R1.3"});
    router.Add({.method = Method::kPost, .path = "/api/v1/homework/assignments/override",
                .permission = "homework:override:create", .audit_title = "教务处超限发布作业",
                .handler = [&svc](http::Request& r) {
                    return Published(r, svc.Publish(r.Caller(), ReadAssignmentInput(r, true)));
                },
                .summary = "The academic office publishes over the limit or budget, with a reason"});
    router.Add({.method = Method::kGet, .path = "/api/v1/homework/assignments",
                .permission = "homework:assignment:read",
                .handler = [&svc](http::Request& r) {
                    const auto [items, total] = svc.List(r.Caller(), ReadFilter(r));
                    json::array out;
                    for (const auto& a : items) out.push_back(AssignmentJson(a));
                    return http::JsonResponse(json::object{{"items", std::move(out)}, {"total", total}});
                },
                .summary = "Homework in scope: by class, dates, status, or waiting for me; paged"});
    router.Add({.method = Method::kGet, .path = "/api/v1/homework/assignments/{id}",
                .permission = "homework:assignment:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(AssignmentJson(svc.Get(r.Caller(), r.PathId("id"))));
                },
                .summary = "One homework with its layered variants"});
    const auto decide = [&router, &svc](std::string path, std::string permission, std::string title,
                                        std::string summary, auto act) {
        router.Add({.method = Method::kPost, .path = std::move(path), .permission = std::move(permission),
                    .audit_title = std::move(title),
                    .handler = [&svc, act](http::Request& r) {
                        const auto a = act(svc, r);
                        r.audit_object = fmt::format("assignment_id={} status={}", a.id, ToString(a.status));
                        return http::JsonResponse(AssignmentJson(a));
                    },
                    .summary = std::move(summary)});
    };
    decide("/api/v1/homework/assignments/{id}/approve", "homework:approval:update", "审核通过作业",
           "The subject group's leader (or the school) approves a waiting homework",
           [](HomeworkService& s, http::Request& r) { return s.Approve(r.Caller(), r.PathId("id")); });
    decide("/api/v1/homework/assignments/{id}/reject", "homework:approval:update", "驳回作业",
           "The subject group's leader (or the school) rejects a waiting homework with a reason",
           [](HomeworkService& s, http::Request& r) {
               http::BodyReader body(r);
               const auto reason = body.RequiredString("reason", 500);
               body.Finish();
               return s.Reject(r.Caller(), r.PathId("id"), reason);
           });
    decide("/api/v1/homework/assignments/{id}/withdraw", "homework:assignment:update", "撤回作业",
           "Its teacher (or the school) withdraws a homework",
           [](HomeworkService& s, http::Request& r) { return s.Withdraw(r.Caller(), r.PathId("id")); });
}

void RegisterFamilyRoutes(http::Router& router, HomeworkService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/family/homework", .permission = "homework:notice:read",
                .handler = [&svc](http::Request& r) {
                    const auto date = r.QueryParam("date").value_or(Today());
                    json::array children;
                    for (const auto& d : svc.FamilyDay(r.Caller(), date)) children.push_back(ChildDayJson(d));
                    return http::JsonResponse(json::object{{"date", date}, {"children", std::move(children)}});
                },
                .summary = "作业公示: each of my children's homework of a day, with the bedtime and my report"});
    router.Add({.method = Method::kPut, .path = "/api/v1/family/homework/reports",
                .permission = "homework:family-report:update", .audit_title = "家长反馈作业时长",
                .handler = [&svc](http::Request& r) {
                    const auto report = svc.Report(r.Caller(), ReadReport(r));
                    r.audit_object = fmt::format("student_id={} date={}", report.student_id, report.date);
                    return http::JsonResponse(ReportJson(report));
                },
                .summary = "Report how long a child's homework took and whether it was done by bedtime"});
}

}  // namespace

void RegisterHomeworkRoutes(http::Router& router, HomeworkService& svc) {
    RegisterSettingsRoutes(router, svc);
    RegisterPublishRoutes(router, svc);
    RegisterFamilyRoutes(router, svc);
}

}  // namespace kehou::homework
