// Routes of inspection cases: list, open, act (the state machine), evidence upload and download.
#include <fmt/format.h>

#include "institutions/json_io.hpp"
#include "institutions/routes.hpp"
#include "institutions/rules.hpp"

namespace kehou::institutions {
namespace {

using http::Method;

std::optional<std::string> OptString(const json::object& o, std::string_view name, std::string_view parent) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return std::nullopt;
    return StringField(o, name, parent);
}

Decision ReadDecision(const json::value& v) {
    const auto* o = v.if_object();
    if (!o) throw http::WrongType("decision", "对象", "an object");
    Decision d;
    d.kind = EnumField<DecisionKind>(*o, "kind", "decision");
    d.issuing_authority = StringField(*o, "issuing_authority", "decision");
    d.legal_basis = StringField(*o, "legal_basis", "decision");
    d.issued_on = RequireIsoDate(StringField(*o, "issued_on", "decision"), "decision.issued_on");
    if (auto by = OptString(*o, "rectify_by", "decision")) d.rectify_by = RequireIsoDate(*by, "decision.rectify_by");
    if (auto pen = OptString(*o, "penalty", "decision")) d.penalty = ParseCode<PenaltyKind>(*pen, "decision.penalty");
    if (const auto* fine = o->if_contains("fine_fen"); fine && !fine->is_null()) {
        if (!fine->is_int64()) throw http::WrongType("decision.fine_fen", "整数（分）", "an integer (fen)");
        d.fine_fen = fine->as_int64();
    }
    return d;
}

CaseAction ReadAction(http::Request& r) {
    http::BodyReader body(r);
    CaseAction a;
    a.event = RequiredEnum<CaseEvent>(body, "event");
    a.note = body.OptionalString("note", 1000).value_or("");
    a.passed = body.OptionalBool("passed");
    if (const auto* d = body.OptionalValue("decision"); d && !d->is_null()) a.decision = ReadDecision(*d);
    a.evidence_ids = http::ReadIntArray(body.OptionalValue("evidence_ids"), "evidence_ids");
    body.Finish();
    return a;
}

CaseOpening ReadOpening(http::Request& r) {
    http::BodyReader body(r);
    CaseOpening o;
    o.institution_id = r.PathId("id");
    o.scheduled_for = body.RequiredString("scheduled_for", 10);
    o.inspector_id = body.OptionalInt("inspector_id");
    o.complaint_id = body.OptionalInt("complaint_id");
    o.note = body.OptionalString("note", 1000).value_or("");
    body.Finish();
    return o;
}

CaseFilter ReadCaseFilter(const http::Request& r) {
    CaseFilter f;
    f.state = QueryEnum<CaseState>(r, "state");
    f.institution_id = r.QueryId("institution_id");
    f.complaint_id = r.QueryId("complaint_id");
    f.open_only = r.QueryParam("open").value_or("") == "true";
    f.page = static_cast<int>(r.QueryInt("page", 1, 100000));
    f.page_size = static_cast<int>(r.QueryInt("page_size", 20, 200));
    return f;
}

http::Response Upload(http::Request& r, CaseService& svc) {
    const auto name = r.QueryParam("name").value_or("evidence");
    const auto f = svc.Upload(r.Caller(), r.PathId("id"), name, r.body);
    r.audit_object = fmt::format("case_id={} evidence_id={} sha256={}", r.PathId("id"), f.id, f.sha256);
    return http::JsonResponse(EvidenceJson(f), 201);
}

std::string_view EvidenceExtension(std::string_view mime) {
    return mime == "image/jpeg" ? ".jpg" : mime == "image/png" ? ".png" : mime == "application/pdf" ? ".pdf" : "";
}

http::Response Download(http::Request& r, CaseService& svc) {
    auto [file, bytes] = svc.Download(r.Caller(), r.PathId("id"));
    http::Response resp;
    resp.content_type = file.mime;
    resp.body = std::move(bytes);
    // The name the inspector uploaded it under, so a downloaded photo opens as what it is.
    resp.SetAttachment(fmt::format("evidence-{}{}", file.id, EvidenceExtension(file.mime)), file.file_name);
    return resp;
}

}  // namespace

void RegisterCaseRoutes(http::Router& router, CaseService& svc) {
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/cases", .permission = "institutions:inspection:read",
                .handler = [&svc](http::Request& r) {
                    const auto page = svc.List(r.Caller(), ReadCaseFilter(r));
                    json::array items;
                    for (const auto& k : page.items) items.push_back(CaseJson(k));
                    return http::JsonResponse(json::object{{"items", std::move(items)}, {"total", page.total}});
                },
                .summary = "Inspection cases in scope, by state and institution, paged"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/cases/{id}",
                .permission = "institutions:inspection:read",
                .handler = [&svc](http::Request& r) {
                    return http::JsonResponse(CaseJson(svc.Get(r.Caller(), r.PathId("id"))));
                },
                .summary = "One case with its history, evidence and the caller's next possible events"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/{id}/cases",
                .permission = "institutions:inspection:create", .audit_title = "立案核查校外培训机构",
                .handler = [&svc](http::Request& r) {
                    const auto k = svc.Open(r.Caller(), ReadOpening(r));
                    r.audit_object = fmt::format("case_id={} institution_id={}", k.id, k.institution_id);
                    return http::JsonResponse(CaseJson(k), 201);
                },
                .summary = "Schedule an on-site inspection of an institution (opens a case)"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/cases/{id}/events",
                .permission = "institutions:inspection:update", .audit_title = "检查案件办理",
                .handler = [&svc](http::Request& r) {
                    const auto action = ReadAction(r);
                    const auto k = svc.Act(r.Caller(), r.PathId("id"), action);
                    r.audit_object = fmt::format("case_id={} event={} state={}", k.id, ToString(action.event),
                                                 ToString(k.state));
                    return http::JsonResponse(CaseJson(k));
                },
                .summary = "Take one step of the case (R6.5); 409 names the current state when the step is illegal"});
    router.Add({.method = Method::kPost, .path = "/api/v1/institutions/cases/{id}/evidence",
                .permission = "institutions:inspection:update", .audit_title = "上传核查证据",
                .handler = [&svc](http::Request& r) { return Upload(r, svc); },
                .summary = "Upload a photo (JPEG/PNG) or PDF as the raw body, ≤ 8 MiB, stored by SHA-256"});
    router.Add({.method = Method::kGet, .path = "/api/v1/institutions/evidence/{id}",
                .permission = "institutions:inspection:read",
                .handler = [&svc](http::Request& r) { return Download(r, svc); },
                .summary = "An evidence file's bytes"});
}

}  // namespace kehou::institutions
