// The request pipeline in-process: no socket, no database.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json/parse.hpp>

#include "db/connection.hpp"
#include "http/dispatcher.hpp"
#include "http/json.hpp"

namespace kehou::http {
namespace {

namespace json = boost::json;

json::object ErrorOf(const Response& r) { return json::parse(r.body).as_object().at("error").as_object(); }

class DispatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        Add(Method::kGet, "/api/v1/ok", [](Request&) { return JsonResponse(json::object{{"ok", true}}); });
        Add(Method::kGet, "/api/v1/items/{id}", [](Request& req) {
            return JsonResponse(json::object{{"id", req.PathId("id")}});
        });
        Add(Method::kGet, "/api/v1/conflict", [](Request&) -> Response {
            throw Error::Conflict("demo.taken", "名额已满", "No seats left", "section_id")
                .WithDetail("remaining", std::int64_t{0});
        });
        Add(Method::kGet, "/api/v1/bug", [](Request&) -> Response {
            throw std::runtime_error("secret connection string postgresql://u:pw@db");
        });
        Add(Method::kGet, "/api/v1/db-down", [](Request&) -> Response {
            throw db::DbError(db::DbErrorKind::kConnection, "", "server closed the connection");
        });
    }

    void Add(Method m, std::string path, Handler h) {
        router_.Add({.method = m, .path = std::move(path), .permission = "demo:item:read", .handler = std::move(h)});
    }

    Response Call(Method m, std::string path, std::vector<std::pair<std::string, std::string>> headers = {}) {
        Request req;
        req.method = m;
        req.path = std::move(path);
        req.headers = std::move(headers);
        return dispatcher_.Dispatch(req);
    }

    Router router_;
    Dispatcher dispatcher_{router_, nullptr};
};

TEST_F(DispatcherTest, UnknownPathIs404JsonWithRequestId) {
    const Response r = Call(Method::kGet, "/api/v1/nothing");
    EXPECT_EQ(r.status, 404);
    const auto e = ErrorOf(r);
    EXPECT_EQ(e.at("code").as_string(), "http.not_found");
    EXPECT_FALSE(e.at("message").as_string().empty());
    EXPECT_FALSE(e.at("message_en").as_string().empty());
    EXPECT_TRUE(e.at("field").is_null());
    EXPECT_EQ(e.at("request_id").as_string(), *r.Header("X-Request-Id"));
}

TEST_F(DispatcherTest, WrongMethodIs405WithAllowHeader) {
    const Response r = Call(Method::kPost, "/api/v1/ok");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(*r.Header("Allow"), "GET");
    EXPECT_EQ(ErrorOf(r).at("code").as_string(), "http.method_not_allowed");
}

TEST_F(DispatcherTest, TypedErrorKeepsStatusFieldAndDetails) {
    const Response r = Call(Method::kGet, "/api/v1/conflict");
    EXPECT_EQ(r.status, 409);
    const auto e = ErrorOf(r);
    EXPECT_EQ(e.at("code").as_string(), "demo.taken");
    EXPECT_EQ(e.at("message").as_string(), "名额已满");
    EXPECT_EQ(e.at("message_en").as_string(), "No seats left");
    EXPECT_EQ(e.at("field").as_string(), "section_id");
    EXPECT_EQ(e.at("details").as_object().at("remaining").as_int64(), 0);
}

TEST_F(DispatcherTest, EscapedExceptionIs500WithoutAnythingInternal) {
    const Response r = Call(Method::kGet, "/api/v1/bug");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("secret"), std::string::npos);
    EXPECT_EQ(r.body.find("postgresql"), std::string::npos);
    EXPECT_EQ(ErrorOf(r).at("code").as_string(), "internal");
    EXPECT_FALSE(ErrorOf(r).at("request_id").as_string().empty());
}

TEST_F(DispatcherTest, LostDatabaseIs503) {
    const Response r = Call(Method::kGet, "/api/v1/db-down");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(ErrorOf(r).at("code").as_string(), "db.unavailable");
}

TEST(ErrorResponseTest, ABusyAnswerSaysWhenToComeBack) {
    const Response r = ErrorResponse(Error(ErrorKind::kUnavailable, "server.busy", "当前访问人数过多，请稍后重试",
                                           "Too many requests right now")
                                         .WithDetail("retry_after", std::int64_t{1}),
                                     "rid");
    EXPECT_EQ(r.status, 503);
    const auto it = std::find_if(r.headers.begin(), r.headers.end(),
                                 [](const auto& h) { return h.first == "Retry-After"; });
    ASSERT_NE(it, r.headers.end());
    EXPECT_EQ(it->second, "1");
    const Response plain = ErrorResponse(Error::Conflict("x.y", "冲突", "Conflict"), "rid");
    EXPECT_TRUE(std::none_of(plain.headers.begin(), plain.headers.end(),
                             [](const auto& h) { return h.first == "Retry-After"; }));
}

TEST_F(DispatcherTest, NonNumericIdIs404) {
    EXPECT_EQ(Call(Method::kGet, "/api/v1/items/abc").status, 404);
    EXPECT_EQ(Call(Method::kGet, "/api/v1/items/-1").status, 404);
    EXPECT_EQ(Call(Method::kGet, "/api/v1/items/12").status, 200);
}

TEST_F(DispatcherTest, SaneClientRequestIdIsKeptOthersReplaced) {
    EXPECT_EQ(*Call(Method::kGet, "/api/v1/ok", {{"x-request-id", "trace-12345678"}}).Header("X-Request-Id"),
              "trace-12345678");
    const auto replaced = *Call(Method::kGet, "/api/v1/ok", {{"x-request-id", "bad id\nwith newline"}}).Header("X-Request-Id");
    EXPECT_EQ(replaced.size(), 16u);
}

TEST_F(DispatcherTest, BeforeHookRefusesAndAfterHookSeesOutcome) {
    int handled = 0;
    Add(Method::kGet, "/api/v1/counted", [&](Request&) {
        ++handled;
        return JsonResponse(json::object{});
    });
    std::vector<int> seen;
    dispatcher_.hooks().before.push_back([](Request& req, const RouteSpec&) {
        if (req.Header("authorization") == std::nullopt)
            throw Error(ErrorKind::kUnauthenticated, "auth.required", "请登录", "Please log in");
    });
    dispatcher_.hooks().after.push_back([&](const Request&, const RouteSpec&, const Response& r) { seen.push_back(r.status); });
    EXPECT_EQ(Call(Method::kGet, "/api/v1/counted").status, 401);
    EXPECT_EQ(handled, 0);
    EXPECT_EQ(Call(Method::kGet, "/api/v1/counted", {{"authorization", "x"}}).status, 200);
    EXPECT_EQ(handled, 1);
    EXPECT_EQ(seen, (std::vector<int>{401, 200}));
}

Request JsonRequest(std::string body, std::string type = "application/json") {
    Request req;
    req.method = Method::kPost;
    req.headers = {{"content-type", std::move(type)}};
    req.body = std::move(body);
    return req;
}

Error ReadError(const std::string& body, std::string type = "application/json") {
    try {
        BodyReader r(JsonRequest(body, type));
        r.RequiredString("title", 5);
        r.OptionalInt("capacity");
        r.OptionalBool("free");
        r.Finish();
    } catch (const Error& e) {
        return e;
    }
    return Error::Internal("no error");
}

TEST(BodyReaderTest, MalformedJsonNamesTheBody) {
    const Error e = ReadError("{\"title\": ");
    EXPECT_EQ(e.http_status(), 400);
    EXPECT_EQ(e.code(), "request.malformed_json");
    EXPECT_EQ(e.field(), "body");
    EXPECT_EQ(ReadError("[1,2]").code(), "request.malformed_json");
}

TEST(BodyReaderTest, WrongTypeNamesTheField) {
    const Error e = ReadError(R"({"title": "书法", "capacity": "forty"})");
    EXPECT_EQ(e.code(), "request.wrong_type");
    EXPECT_EQ(e.field(), "capacity");
    EXPECT_EQ(ReadError(R"({"title": 7})").field(), "title");
    EXPECT_EQ(ReadError(R"({"title": "书法", "free": 1})").field(), "free");
    EXPECT_EQ(ReadError(R"({"title": "书法", "capacity": 1.5})").field(), "capacity");
}

TEST(BodyReaderTest, UnknownFieldIsNamed) {
    const Error e = ReadError(R"({"title": "书法", "capacty": 40})");
    EXPECT_EQ(e.code(), "request.unknown_field");
    EXPECT_EQ(e.field(), "capacty");
}

TEST(BodyReaderTest, MissingAndTooLongAreNamed) {
    EXPECT_EQ(ReadError(R"({"capacity": 4})").code(), "request.missing_field");
    EXPECT_EQ(ReadError(R"({"title": ""})").code(), "request.missing_field");
    // Five Chinese characters are five characters, not fifteen bytes.
    EXPECT_EQ(ReadError(R"({"title": "中国书法课"})").code(), "internal");
    EXPECT_EQ(ReadError(R"({"title": "中国书法课程"})").code(), "request.too_long");
}

TEST(BodyReaderTest, RequiresJsonContentType) {
    EXPECT_EQ(ReadError(R"({"title": "a"})", "text/plain").field(), "Content-Type");
}

TEST(BodyReaderTest, NullCountsAsAbsent) {
    BodyReader r(JsonRequest(R"({"title": "a", "capacity": null})"));
    EXPECT_EQ(r.RequiredString("title"), "a");
    EXPECT_FALSE(r.OptionalInt("capacity"));
    EXPECT_NO_THROW(r.Finish());
}

}  // namespace
}  // namespace kehou::http
