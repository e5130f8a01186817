// The HTTP edge against a live server: status codes, error bodies, limits, keep-alive, static files.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api/live_server.hpp"
#include "db/connection.hpp"
#include "http/json.hpp"
#include "support/http_client.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;

json::object ErrorBody(const HttpReply& r) { return json::parse(r.body).as_object().at("error").as_object(); }

// Routes that exist only in this test, to drive the JSON reader and the 500 path end to end.
void AddTestRoutes(http::Router& router) {
    router.Add({.method = http::Method::kPost, .path = "/api/v1/test/courses", .permission = std::string(http::kPublic),
                .audit_title = "测试：新建课程",
                .handler = [](http::Request& req) {
                    http::BodyReader body(req);
                    const auto title = body.RequiredString("title", 50);
                    const auto capacity = body.RequiredInt("capacity");
                    body.Finish();
                    return http::JsonResponse(json::object{{"title", title}, {"capacity", capacity}}, 201);
                },
                .summary = "test"});
    router.Add({.method = http::Method::kGet, .path = "/api/v1/test/boom", .permission = std::string(http::kPublic),
                .handler = [](http::Request&) -> http::Response { throw std::logic_error("index 7 of table x"); },
                .summary = "test"});
}

class ServerApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { server_ = new LiveServer(AddTestRoutes); }
    static void TearDownTestSuite() { delete server_; }
    static std::uint16_t port() { return server_->port(); }
    static inline LiveServer* server_ = nullptr;
};

TEST_F(ServerApiTest, HealthReadinessAndMeta) {
    auto h = Fetch(port(), "GET", "/healthz");
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(json::parse(h.body).at("status").as_string(), "ok");
    auto r = Fetch(port(), "GET", "/readyz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(json::parse(r.body).at("migrations").as_string(), "current");
    auto m = json::parse(Fetch(port(), "GET", "/api/v1/meta").body).as_object();
    EXPECT_EQ(m.at("name").as_string(), "kehou");
    EXPECT_EQ(m.at("time_zone").as_string(), "Asia/Shanghai");
    EXPECT_TRUE(std::string(m.at("server_time").as_string()).ends_with("+08:00"));
}

TEST_F(ServerApiTest, OpenApiDocumentIsServed) {
    auto r = Fetch(port(), "GET", "/api/v1/openapi.yaml");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "application/yaml; charset=utf-8");
    EXPECT_EQ(r.body.rfind("openapi: 3", 0), 0u);
}

TEST_F(ServerApiTest, UnknownApiPathIs404WithTheErrorBody) {
    auto r = Fetch(port(), "GET", "/api/v1/no-such-thing");
    EXPECT_EQ(r.status, 404);
    auto e = ErrorBody(r);
    EXPECT_EQ(e.at("code").as_string(), "http.not_found");
    EXPECT_EQ(e.at("request_id").as_string(), r.headers["x-request-id"]);
    for (const char* key : {"message", "message_en", "field", "details"}) EXPECT_TRUE(e.contains(key)) << key;
}

TEST_F(ServerApiTest, WrongMethodIs405) {
    auto r = Fetch(port(), "DELETE", "/healthz");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.headers["allow"], "GET");
    EXPECT_EQ(ErrorBody(r).at("code").as_string(), "http.method_not_allowed");
}

TEST_F(ServerApiTest, BadJsonBodiesAre400NamingTheField) {
    const std::vector<std::pair<std::string, std::string>> json_type = {{"Content-Type", "application/json"}};
    struct Case {
        std::string body, code, field;
    };
    for (const auto& c : std::vector<Case>{
             {"{\"title\": \"书法\",", "request.malformed_json", "body"},
             {R"({"title": "书法", "capacity": "40"})", "request.wrong_type", "capacity"},
             {R"({"title": "书法", "capacity": 40, "colour": "red"})", "request.unknown_field", "colour"},
             {R"({"capacity": 40})", "request.missing_field", "title"},
         }) {
        SCOPED_TRACE(c.body);
        auto r = Fetch(port(), "POST", "/api/v1/test/courses", c.body, json_type);
        EXPECT_EQ(r.status, 400);
        EXPECT_EQ(ErrorBody(r).at("code").as_string(), c.code);
        EXPECT_EQ(ErrorBody(r).at("field").as_string(), c.field);
    }
    auto ok = Fetch(port(), "POST", "/api/v1/test/courses", R"({"title": "书法", "capacity": 40})", json_type);
    EXPECT_EQ(ok.status, 201);
}

TEST_F(ServerApiTest, EscapedExceptionIs500WithRequestIdOnly) {
    auto r = Fetch(port(), "GET", "/api/v1/test/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("table x"), std::string::npos);
    EXPECT_EQ(ErrorBody(r).at("request_id").as_string(), r.headers["x-request-id"]);
}

TEST_F(ServerApiTest, BodyOverTheLimitIs413AndTheConnectionCloses) {
    HttpClient c(port());
    const std::string big((1 << 20) + 1, 'x');
    auto r = c.Send("POST", "/api/v1/test/courses", big, {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(ErrorBody(r).at("code").as_string(), "request.body_too_large");
    EXPECT_FALSE(r.keep_alive);
    // Exactly at the limit is read (and then judged as JSON).
    auto at_limit = Fetch(port(), "POST", "/api/v1/test/courses", std::string(1 << 20, ' '),
                          {{"Content-Type", "application/json"}});
    EXPECT_EQ(at_limit.status, 400);
}

TEST_F(ServerApiTest, OversizedHeaderIs431) {
    auto r = Fetch(port(), "GET", "/healthz", {}, {{"X-Padding", std::string(20000, 'a')}});
    EXPECT_EQ(r.status, 431);
    EXPECT_EQ(ErrorBody(r).at("code").as_string(), "request.header_too_large");
}

TEST_F(ServerApiTest, MalformedRequestLineIs400) {
    HttpClient c(port());
    auto r = c.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(ErrorBody(r).at("code").as_string(), "request.malformed");
}

TEST_F(ServerApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    HttpClient c(port());
    for (int i = 0; i < 5; ++i) {
        auto r = c.Send("GET", "/healthz");
        EXPECT_EQ(r.status, 200);
        EXPECT_TRUE(r.keep_alive);
    }
    auto last = c.Send("GET", "/healthz", {}, {{"Connection", "close"}});
    EXPECT_EQ(last.status, 200);
    EXPECT_TRUE(c.ServerClosed());
}

TEST_F(ServerApiTest, HeadAnswersLikeGetWithoutBody) {
    auto r = Fetch(port(), "HEAD", "/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(r.headers["content-length"], "15");
}

TEST_F(ServerApiTest, WebAppIsServedWithSpaFallbackAndCacheHeaders) {
    auto page = Fetch(port(), "GET", "/homework/classes/12");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("kehou test shell"), std::string::npos);
    EXPECT_EQ(page.headers["cache-control"], "no-cache");
    auto asset = Fetch(port(), "GET", "/assets/app-1a2b3c.js");
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.headers["cache-control"], "public, max-age=31536000, immutable");
    EXPECT_EQ(Fetch(port(), "GET", "/assets/missing-000.js").status, 404);
    EXPECT_EQ(Fetch(port(), "GET", "/api/v1/unknown/page").status, 404);  // the API never falls back
}

TEST(ReadinessTest, MigrationsFromANewerBinaryMakeItNotReady) {
    LiveServer live;
    {
        auto conn = live.app().database().Acquire();
        constexpr db::Query kFake{"test.fake_migration",
                                  "INSERT INTO kehou_schema_migration (version, name, checksum, applied_at)"
                                  " VALUES (999, 'future', 'x', '2030-01-01T00:00:00+08:00')"};
        conn->Execute(kFake);
    }
    auto r = Fetch(live.port(), "GET", "/readyz");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(ErrorBody(r).at("code").as_string(), "system.migrations_pending");
}

}  // namespace
}  // namespace kehou::testing
