#include "system/routes.hpp"

#include <spdlog/spdlog.h>

#include "core/time.hpp"
#include "http/json.hpp"

namespace kehou::system::embedded_openapi {
const std::vector<EmbeddedFile>& Files();  // generated from docs/openapi.yaml
}

namespace kehou::system {
namespace json = boost::json;

std::string_view OpenApiDocument() { return embedded_openapi::Files().at(0).content; }

void RegisterRoutes(http::Router& router, SystemService& service) {
    router.Add({.method = http::Method::kGet, .path = "/healthz", .permission = std::string(http::kPublic),
                .handler = [](http::Request&) { return http::JsonResponse(json::object{{"status", "ok"}}); },
                .execution = http::Execution::kIoThread,
                .summary = "Liveness: the process answers"});

    router.Add({.method = http::Method::kGet, .path = "/readyz", .permission = std::string(http::kPublic),
                .handler = [&service](http::Request& req) {
                    const Readiness r = service.CheckReadiness();
                    if (r.Ready())
                        return http::JsonResponse(
                            json::object{{"status", "ready"}, {"database", "ok"}, {"migrations", "current"}});
                    spdlog::warn("rid={} not ready: {}", req.request_id, r.problem);
                    Error e = r.database_ok
                                  ? Error::Unavailable("system.migrations_pending", "数据库结构未更新到当前版本",
                                                       "Database migrations are not current")
                                  : Error::Unavailable("system.database_unreachable", "数据库无法连接",
                                                       "The database is unreachable");
                    e.WithDetail("pending_migrations", std::int64_t{r.pending_migrations});
                    return http::ErrorResponse(e, req.request_id);
                },
                .summary = "Readiness: database reachable and migrations current"});

    router.Add({.method = http::Method::kGet, .path = "/api/v1/meta", .permission = std::string(http::kPublic),
                .handler = [&service](http::Request&) {
                    return http::JsonResponse(json::object{
                        {"name", service.build().name},
                        {"version", service.build().version},
                        {"server_time", FormatShanghai(std::chrono::system_clock::now())},
                        {"time_zone", kTimeZoneName},
                    });
                },
                .execution = http::Execution::kIoThread,
                .summary = "Product name, version and the server's Asia/Shanghai time"});

    router.Add({.method = http::Method::kGet, .path = "/api/v1/openapi.yaml", .permission = std::string(http::kPublic),
                .handler = [](http::Request&) {
                    http::Response r;
                    r.content_type = "application/yaml; charset=utf-8";
                    r.body = std::string(OpenApiDocument());
                    r.SetHeader("Cache-Control", "no-cache");
                    return r;
                },
                .execution = http::Execution::kIoThread,
                .summary = "This API's OpenAPI 3 description"});
}

}  // namespace kehou::system
