// Routes of one-ID enrollment (docs/enrollment.md "HTTP API"). Handlers parse, call a service and write JSON; the
// route table gives each its permission and audit title. Audit objects name ids only, never a child's data.
#include "enrollment/routes.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

#include "enrollment/json_io.hpp"
#include "enrollment/policy_json.hpp"

namespace kehou::enrollment {
namespace {

using http::Method;

bool Staff(const http::Request& r) { return r.Caller().role != Role::kGuardian; }

std::optional<std::string> QueryText(const http::Request& r, const char* name) {
    auto v = r.QueryParam(name);
    if (!v || v->empty()) return std::nullopt;
    return std::string(*v);
}

ApplicationFilter ReadFilter(const http::Request& r) {
    ApplicationFilter f;
    f.season_id = r.QueryId("season_id");
    f.school_id = r.QueryId("school_id");
    if (const auto s = QueryText(r, "status")) {
        f.status = ParseApplicationStatus(*s);
        if (!f.status) throw Error::BadRequest("enrollment.bad_status", "状态参数无效", "Unknown status", "status");
    }
    f.q = QueryText(r, "q");
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 20, 200));
    return f;
}

http::Response Detail(http::Request& r, const ApplicationDetail& d, int status = 200) {
    r.audit_object = fmt::format("application_id={} status={}", d.record.id, ToString(d.record.status));
    return http::JsonResponse(ApplicationJson(d), status);
}

http::Response SeasonDetail(http::Request& r, SeasonService& svc, std::int64_t id) {
    const auto [season, plans] = svc.Get(r.Caller(), id);
    return http::JsonResponse(SeasonDetailJson(season, plans, Staff(r)));
}

void RegisterSeasonRoutes(http::Router& router, SeasonService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/seasons", .permission = "enrollment:season:read",
                .handler = [&svc](http::Request& r) {
                    const bool staff = Staff(r);
                    return http::ItemsResponse(svc.List(r.Caller()), [staff](const Season& s) { return SeasonJson(s, staff); });
                },
                .summary = "Seasons: staff their county's; a guardian the city's open and published ones"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/seasons/{id}", .permission = "enrollment:season:read",
                .handler = [&svc](http::Request& r) { return SeasonDetail(r, svc, r.PathId("id")); },
                .summary = "A season with its policy, seat plans and catchments"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/seasons", .permission = "enrollment:season:create",
                .audit_title = "创建招生季",
                .handler = [&svc](http::Request& r) {
                    const auto s = svc.Create(r.Caller(), ReadSeasonInput(r));
                    r.audit_object = fmt::format("season_id={}", s.id);
                    return http::JsonResponse(SeasonJson(s, true), 201);
                },
                .summary = "Create a county's season (the lottery's seed is committed now)"});
    router.Add({.method = Method::kPut, .path = "/api/v1/enrollment/seasons/{id}/policy",
                .permission = "enrollment:season:update", .audit_title = "设置招生政策",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto* policy = body.OptionalValue("policy");
                    body.Finish();
                    if (!policy) throw http::WrongType("policy", "对象", "an object");
                    r.audit_object = fmt::format("season_id={}", r.PathId("id"));
                    svc.PutPolicy(r.Caller(), r.PathId("id"), ParsePolicy(*policy));
                    return SeasonDetail(r, svc, r.PathId("id"));
                },
                .summary = "Set the season's categories, eligibility and tie-breakers (R5.7)"});
    router.Add({.method = Method::kPut, .path = "/api/v1/enrollment/seasons/{id}/plans",
                .permission = "enrollment:season:update", .audit_title = "设置招生计划与学区",
                .handler = [&svc](http::Request& r) {
                    r.audit_object = fmt::format("season_id={}", r.PathId("id"));
                    svc.PutPlans(r.Caller(), r.PathId("id"), ReadPlans(r));
                    return SeasonDetail(r, svc, r.PathId("id"));
                },
                .summary = "Replace the seat plans and catchments (R5.2)"});
    const auto move = [&router, &svc](const char* verb, const char* title, auto action, const char* summary) {
        router.Add({.method = Method::kPost, .path = fmt::format("/api/v1/enrollment/seasons/{{id}}/{}", verb),
                    .permission = "enrollment:season:update", .audit_title = title,
                    .handler = [&svc, action](http::Request& r) {
                        r.audit_object = fmt::format("season_id={}", r.PathId("id"));
                        return http::JsonResponse(SeasonJson((svc.*action)(r.Caller(), r.PathId("id")), true));
                    },
                    .summary = summary});
    };
    move("close", "截止报名", &SeasonService::Close, "Close the season to new applications");
    move("publish", "公布录取结果", &SeasonService::Publish, "Publish the notices and the masked public list");
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/seasons/{id}/run", .permission = "enrollment:run:create",
                .audit_title = "招生录取",
                .handler = [&svc](http::Request& r) {
                    const auto [season, summary] = svc.Run(r.Caller(), r.PathId("id"));
                    r.audit_object = fmt::format("season_id={} result_digest={}", season.id,
                                                 season.result_digest.value_or(""));
                    return http::JsonResponse(RunJson(season, summary));
                },
                .summary = "Run the admission: private lottery, catchments, county placement; reveals the seed"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/seasons/{id}/lottery",
                .permission = "enrollment:season:read",
                .handler = [&svc](http::Request& r) { return http::JsonResponse(LotteryJson(svc.Lottery(r.Caller(), r.PathId("id")))); },
                .summary = "The lottery's commitment, seed once revealed, algorithm and digests"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/seasons/{id}/placements",
                .permission = "enrollment:placement:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Placements(r.Caller(), r.PathId("id"), r.QueryId("school_id")),
                                               [](const PlacementRow& p) { return PlacementJson(p, false); });
                },
                .summary = "The run's placements in school and rank order (staff, scoped)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/seasons/{id}/public-list",
                .permission = "enrollment:public-list:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.PublicList(r.Caller(), r.PathId("id"), r.QueryId("school_id")),
                                               [](const PlacementRow& p) { return PlacementJson(p, true); });
                },
                .summary = "The published admission list with masked names and numbers (R3.11)"});
}

void RegisterFamilyRoutes(http::Router& router, ApplicationService& svc) {
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/applications",
                .permission = "enrollment:application:create", .audit_title = "一键入学申请",
                .handler = [&svc](http::Request& r) { return Detail(r, svc.Apply(r.Caller(), ReadApplyInput(r)), 201); },
                .summary = "A guardian's one-key application: every department asked at once, the dossier built"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/applications",
                .permission = "enrollment:application:read",
                .handler = [&svc](http::Request& r) {
                    const auto [rows, total] = svc.List(r.Caller(), ReadFilter(r));
                    json::array items;
                    for (const auto& a : rows) items.push_back(ApplicationRowJson(a));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", total}});
                },
                .summary = "Applications: a guardian's own; staff in scope (the review queue with status=in_review)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/applications/{id}",
                .permission = "enrollment:application:read",
                .handler = [&svc](http::Request& r) { return http::JsonResponse(ApplicationJson(svc.Get(r.Caller(), r.PathId("id")))); },
                .summary = "One application: sources, facts with provenance, pulls, placement, appeals"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/applications/{id}/uploads",
                .permission = "enrollment:application:upload", .audit_title = "上传入学材料",
                .handler = [&svc](http::Request& r) {
                    const auto department = r.QueryParam("department").value_or("");
                    const auto name = r.QueryParam("name").value_or("upload");
                    return Detail(r, svc.Upload(r.Caller(), r.PathId("id"), department, name, r.body), 201);
                },
                .summary = "Upload a photo or PDF for a source that failed (raw body)"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/uploads/{id}", .permission = "enrollment:application:read",
                .handler = [&svc](http::Request& r) {
                    auto [info, bytes] = svc.Download(r.Caller(), r.PathId("id"));
                    http::Response resp;
                    resp.content_type = info.mime;
                    resp.body = std::move(bytes);
                    resp.SetAttachment(fmt::format("upload-{}", info.id), info.file_name);
                    return resp;
                },
                .summary = "An uploaded paper's bytes (the family, staff in scope)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/applications/{id}/withdraw",
                .permission = "enrollment:application:withdraw", .audit_title = "撤回入学申请",
                .handler = [&svc](http::Request& r) { return Detail(r, svc.Withdraw(r.Caller(), r.PathId("id"))); },
                .summary = "The family withdraws the application before the run"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/applications/{id}/appeals",
                .permission = "enrollment:application:appeal", .audit_title = "提出入学申诉",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto reason = body.RequiredString("reason", 500);
                    body.Finish();
                    const auto a = svc.FileAppeal(r.Caller(), r.PathId("id"), reason);
                    r.audit_object = fmt::format("application_id={} appeal_id={}", a.application_id, a.id);
                    return http::JsonResponse(AppealJson(a), 201);
                },
                .summary = "The family appeals a refusal or the published result"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/applications/{id}/notice",
                .permission = "enrollment:application:read",
                .handler = [&svc](http::Request& r) { return http::JsonResponse(NoticeJson(svc.NoticeOf(r.Caller(), r.PathId("id")))); },
                .summary = "The printable admission notice"});
}

void RegisterReviewRoutes(http::Router& router, ApplicationService& svc) {
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/applications/{id}/reviews",
                .permission = "enrollment:review:create", .audit_title = "审核入学材料",
                .handler = [&svc](http::Request& r) { return Detail(r, svc.Review(r.Caller(), r.PathId("id"), ReadReviewInput(r))); },
                .summary = "Accept an upload with the facts read off it, or return it with a note"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/applications/{id}/reject",
                .permission = "enrollment:review:create", .audit_title = "驳回入学申请",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto note = body.RequiredString("note", 500);
                    body.Finish();
                    return Detail(r, svc.Reject(r.Caller(), r.PathId("id"), note));
                },
                .summary = "Refuse the application as a whole, with a note"});
    router.Add({.method = Method::kPut, .path = "/api/v1/enrollment/applications/{id}/placement",
                .permission = "enrollment:placement:update", .audit_title = "统筹安排学位",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto school_id = body.RequiredInt("school_id");
                    body.OptionalString("note", 500);
                    body.Finish();
                    return Detail(r, svc.Place(r.Caller(), r.PathId("id"), school_id));
                },
                .summary = "The county places a child the run left unplaced"});
    router.Add({.method = Method::kGet, .path = "/api/v1/enrollment/appeals", .permission = "enrollment:appeal:read",
                .handler = [&svc](http::Request& r) {
                    return http::ItemsResponse(svc.Appeals(r.Caller(), r.QueryId("season_id"), QueryText(r, "status")),
                                               AppealJson);
                },
                .summary = "Appeals in scope (a guardian's own)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/enrollment/appeals/{id}/decision",
                .permission = "enrollment:appeal:update", .audit_title = "答复入学申诉",
                .handler = [&svc](http::Request& r) {
                    http::BodyReader body(r);
                    const auto decision = body.RequiredString("decision", 20);
                    const auto reply = body.RequiredString("reply", 500);
                    body.Finish();
                    if (decision != "upheld" && decision != "dismissed")
                        throw Error::BadRequest("enrollment.bad_decision", "答复结论应为支持或驳回",
                                                "Decision is upheld or dismissed", "decision");
                    const auto a = svc.DecideAppeal(r.Caller(), r.PathId("id"), decision == "upheld", reply);
                    r.audit_object = fmt::format("appeal_id={} status={}", a.id, a.status);
                    return http::JsonResponse(AppealJson(a));
                },
                .summary = "The county answers an appeal; upholding a refusal reopens the review"});
}

}  // namespace

void RegisterEnrollmentRoutes(http::Router& router, SeasonService& seasons, ApplicationService& applications) {
    RegisterSeasonRoutes(router, seasons);
    RegisterFamilyRoutes(router, applications);
    RegisterReviewRoutes(router, applications);
}

}  // namespace kehou::enrollment
