#include <gtest/gtest.h>

#include "http/router.hpp"

namespace kehou::http {
namespace {

Handler Answer(std::string body) {
    return [body](Request&) {
        Response r;
        r.body = body;
        return r;
    };
}

RouteSpec Get(std::string path, std::string body = "x") {
    return {.method = Method::kGet, .path = std::move(path), .permission = "org:school:read",
            .handler = Answer(std::move(body))};
}

TEST(RouterTest, MatchesTemplatesAndCapturesParameters) {
    Router r;
    r.Add(Get("/api/v1/schools/{id}/classes/{class_id}"));
    auto m = r.Find(Method::kGet, "/api/v1/schools/42/classes/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params.at("id"), "42");
    EXPECT_EQ(m.params.at("class_id"), "7");
    EXPECT_EQ(r.Find(Method::kGet, "/api/v1/schools/42").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(r.Find(Method::kGet, "/api/v1/schools/42/classes/7/x").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, LiteralSegmentBeatsParameterWhateverTheOrderOfDeclaration) {
    Router r;
    r.Add(Get("/api/v1/schools/{id}", "one"));
    r.Add(Get("/api/v1/schools/export", "export"));
    Request req;
    auto m = r.Find(Method::kGet, "/api/v1/schools/export");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.route->handler(req).body, "export");
    EXPECT_EQ(r.Find(Method::kGet, "/api/v1/schools/9").route->handler(req).body, "one");
}

TEST(RouterTest, WrongMethodIs405WithTheAllowedMethods) {
    Router r;
    r.Add(Get("/api/v1/schools"));
    r.Add({.method = Method::kPost, .path = "/api/v1/schools", .permission = "org:school:create",
           .audit_title = "新建学校", .handler = Answer("")});
    auto m = r.Find(Method::kDelete, "/api/v1/schools");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
    ASSERT_EQ(m.allowed.size(), 2u);
}

TEST(RouterTest, HeadIsAnsweredByTheGetRoute) {
    Router r;
    r.Add(Get("/healthz"));
    EXPECT_EQ(r.Find(Method::kHead, "/healthz").kind, RouteMatch::Kind::kFound);
}

TEST(RouterTest, TrailingAndDoubledSlashesDoNotMatter) {
    Router r;
    r.Add(Get("/api/v1/schools"));
    EXPECT_EQ(r.Find(Method::kGet, "/api/v1/schools/").kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(r.Find(Method::kGet, "//api/v1//schools").kind, RouteMatch::Kind::kFound);
}

TEST(RouterTest, RefusesRoutesThatWouldBeUnprotectedOrUnaudited) {
    Router r;
    RouteSpec no_permission = Get("/api/v1/x");
    no_permission.permission = "";
    EXPECT_THROW(r.Add(no_permission), std::invalid_argument);
    RouteSpec bad_permission = Get("/api/v1/x");
    bad_permission.permission = "everything";
    EXPECT_THROW(r.Add(bad_permission), std::invalid_argument);
    RouteSpec unaudited_write{.method = Method::kPost, .path = "/api/v1/x", .permission = "a:b:c",
                              .handler = Answer("")};
    EXPECT_THROW(r.Add(unaudited_write), std::invalid_argument);
    EXPECT_THROW(r.Add(Get("/api/v1/Schools")), std::invalid_argument);
    EXPECT_THROW(r.Add(Get("api/v1/x")), std::invalid_argument);
    r.Add(Get("/api/v1/x"));
    EXPECT_THROW(r.Add(Get("/api/v1/x")), std::invalid_argument);
}

}  // namespace
}  // namespace kehou::http
