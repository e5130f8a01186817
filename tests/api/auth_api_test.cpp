// Log-in, CSRF, the forced password change, permissions and the operation log, over HTTP.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/live_server.hpp"
#include "support/http_client.hpp"

namespace kehou::testing {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

/// A browser-like client: keeps the two cookies and sends the CSRF header on writes.
struct Session {
    std::uint16_t port;
    std::string session, csrf;

    HttpReply Call(const std::string& method, const std::string& target, const std::string& body = {},
                   bool with_csrf = true) {
        Headers h = {{"Content-Type", "application/json"}};
        if (!session.empty()) h.emplace_back("Cookie", "kehou_session=" + session + "; kehou_csrf=" + csrf);
        if (with_csrf && method != "GET" && !csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
        return Fetch(port, method, target, body, h);
    }
};

std::string CookieValue(const HttpReply& r, const std::string& name) {
    for (const auto& c : r.set_cookies)
        if (c.rfind(name + "=", 0) == 0) return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
    return {};
}

std::string ErrorCode(const HttpReply& r) {
    return std::string(json::parse(r.body).at("error").at("code").as_string());
}

class AuthApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new LiveServer();
        auto& auth = server_->app().auth();
        auth.CreateUser({"city.admin", "市局管理员", Role::kCityAdmin, "/370800/", "City#Admin2026", false, false});
        auth.CreateUser({"new.admin", "新管理员", Role::kDistrictAdmin, "/370800/370811/", "First#Pass2026", false,
                         true});
        auth.CreateUser({"teacher.li", "李老师", Role::kTeacher, "/370800/370811/3737000101/", "Teacher#2026",
                         false, false});
    }
    static void TearDownTestSuite() { delete server_; }

    static Session LogIn(const std::string& user, const std::string& password, int expect = 200) {
        Session s{server_->port(), {}, {}};
        const auto r = s.Call("POST", "/api/v1/auth/login",
                              json::serialize(json::object{{"username", user}, {"password", password}}));
        EXPECT_EQ(r.status, expect) << r.body;
        s.session = CookieValue(r, "kehou_session");
        s.csrf = CookieValue(r, "kehou_csrf");
        return s;
    }
    static inline LiveServer* server_ = nullptr;
};

TEST_F(AuthApiTest, ProtectedRoutesNeedASession) {
    Session anonymous{server_->port(), {}, {}};
    const auto r = anonymous.Call("GET", "/api/v1/auth/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(ErrorCode(r), "auth.required");
    Session forged{server_->port(), "not-a-real-token", "x"};
    EXPECT_EQ(ErrorCode(forged.Call("GET", "/api/v1/auth/me")), "auth.session_expired");
}

TEST_F(AuthApiTest, LogInSetsStrictHttpOnlySessionCookieAndCsrfCookie) {
    Session s{server_->port(), {}, {}};
    const auto r = s.Call("POST", "/api/v1/auth/login", R"({"username":"city.admin","password":"City#Admin2026"})");
    ASSERT_EQ(r.status, 200);
    ASSERT_EQ(r.set_cookies.size(), 2u);
    const std::string session_cookie = r.set_cookies[0];
    EXPECT_NE(session_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(session_cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(r.set_cookies[1].find("HttpOnly"), std::string::npos) << "the web app must read the CSRF cookie";
    const auto body = json::parse(r.body);
    EXPECT_EQ(body.at("user").at("role").as_string(), "city_admin");
    EXPECT_EQ(body.at("csrf_token").as_string(), CookieValue(r, "kehou_csrf"));
    s.session = CookieValue(r, "kehou_session");
    s.csrf = CookieValue(r, "kehou_csrf");
    const auto me = s.Call("GET", "/api/v1/auth/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(json::parse(me.body).at("user").at("username").as_string(), "city.admin");
    EXPECT_EQ(s.Call("POST", "/api/v1/auth/logout", "{}").status, 200);
    EXPECT_EQ(s.Call("GET", "/api/v1/auth/me").status, 401);
}

TEST_F(AuthApiTest, WritesWithoutTheCsrfHeaderAreRefused) {
    Session s = LogIn("city.admin", "City#Admin2026");
    const std::string body = R"({"username":"csrf.victim","display_name":"x","role":"district_admin",)"
                             R"("scope_path":"/370800/370812/","initial_password":"Csrf#Victim2026"})";
    const auto refused = s.Call("POST", "/api/v1/auth/users", body, false);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(ErrorCode(refused), "auth.csrf");
    const auto created = s.Call("POST", "/api/v1/auth/users", body);
    EXPECT_EQ(created.status, 201) << created.body;
}

TEST_F(AuthApiTest, InitialPasswordMustBeChangedBeforeAnythingElse) {
    Session s = LogIn("new.admin", "First#Pass2026");
    EXPECT_TRUE(json::parse(s.Call("GET", "/api/v1/auth/me").body).at("user").at("must_change_password").as_bool());
    const auto blocked = s.Call("GET", "/api/v1/auth/users");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(ErrorCode(blocked), "auth.password_change_required");
    const auto weak = s.Call("POST", "/api/v1/auth/password", R"({"old_password":"First#Pass2026","new_password":"abc"})");
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(json::parse(weak.body).at("error").at("field").as_string(), "password");
    EXPECT_EQ(s.Call("POST", "/api/v1/auth/password",
                     R"({"old_password":"First#Pass2026","new_password":"Second#Pass2026"})")
                  .status,
              200);
    EXPECT_EQ(s.Call("GET", "/api/v1/auth/users").status, 200);
}

TEST_F(AuthApiTest, RolesWithoutTheGrantAreRefused) {
    Session t = LogIn("teacher.li", "Teacher#2026");
    const auto r = t.Call("GET", "/api/v1/audit/logs");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(ErrorCode(r), "auth.forbidden");
}

TEST_F(AuthApiTest, WritesAndLogInsAreInTheOperationLogWithoutSecrets) {
    LogIn("teacher.li", "Wrong#Guess2026", 401);
    Session s = LogIn("city.admin", "City#Admin2026");
    const auto created = s.Call("POST", "/api/v1/auth/users",
                                R"({"username":"audited.user","display_name":"审计","role":"school_admin",)"
                                R"("scope_path":"/370800/370811/3737000101/","initial_password":"Audit#Pass2026"})");
    ASSERT_EQ(created.status, 201);
    const auto log = s.Call("GET", "/api/v1/audit/logs?page_size=200");
    ASSERT_EQ(log.status, 200);
    EXPECT_EQ(log.body.find("Audit#Pass2026"), std::string::npos);
    EXPECT_EQ(log.body.find("Wrong#Guess2026"), std::string::npos);
    bool saw_failed_login = false, saw_create = false;
    const json::value parsed = json::parse(log.body);  // kept alive: the loop reads into it
    for (const auto& item : parsed.at("items").as_array()) {
        const auto& o = item.as_object();
        const std::string object(o.at("object").as_string());
        if (o.at("title").as_string() == "登录" && o.at("outcome").as_int64() == 401 &&
            object.find("username=teacher.li") != std::string::npos)
            saw_failed_login = true;
        if (o.at("title").as_string() == "新建用户" && o.at("actor").as_string() == "city.admin" &&
            object.find("username=audited.user") != std::string::npos && o.at("outcome").as_int64() == 201)
            saw_create = true;
    }
    EXPECT_TRUE(saw_failed_login);
    EXPECT_TRUE(saw_create);
    EXPECT_TRUE(server_->app().audit().Verify().Ok());
}

TEST(LoginRateLimitTest, ManyAttemptsFromOneAddressAreSlowedDown) {
    LiveServer live;
    int limited = 0;
    for (int i = 0; i < 25; ++i) {
        const auto r = Fetch(live.port(), "POST", "/api/v1/auth/login", R"({"username":"x.y","password":"Nope#1234"})",
                             {{"Content-Type", "application/json"}});
        if (r.status == 429) ++limited;
        else EXPECT_EQ(r.status, 401);
    }
    EXPECT_EQ(limited, 5) << "20 attempts a minute per address, then 429";
}

}  // namespace
}  // namespace kehou::testing
