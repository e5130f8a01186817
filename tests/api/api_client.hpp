#pragma once
// A signed-in API caller for the API tests: the session cookie and CSRF token from a real log-in.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

#include "support/http_client.hpp"

namespace kehou::testing {

/// One user's session against a live server; anonymous until logged in.
struct ApiClient {
    std::uint16_t port = 0;
    std::string session, csrf;

    HttpReply Call(const std::string& method, const std::string& target, const std::string& body = {},
                   const std::string& content_type = "application/json") const {
        std::vector<std::pair<std::string, std::string>> h = {{"Content-Type", content_type}};
        if (!session.empty()) {
            h.emplace_back("Cookie", "kehou_session=" + session);
            h.emplace_back("X-CSRF-Token", csrf);
        }
        return Fetch(port, method, target, method == "GET" ? "" : body, h);
    }

    static ApiClient LogIn(std::uint16_t port, const std::string& user, const std::string& password) {
        ApiClient c{port, {}, {}};
        namespace json = boost::json;
        const auto r = c.Call("POST", "/api/v1/auth/login",
                              json::serialize(json::object{{"username", user}, {"password", password}}));
        EXPECT_EQ(r.status, 200) << user << ": " << r.body;
        if (r.status != 200) return c;
        c.csrf = std::string(json::parse(r.body).at("csrf_token").as_string());
        for (const auto& ck : r.set_cookies)
            if (ck.rfind("kehou_session=", 0) == 0) c.session = ck.substr(14, ck.find(';') - 14);
        return c;
    }
};

/// The error code of a failed reply ("" for a success).
inline std::string ErrorCodeOf(const HttpReply& r) {
    if (r.status < 400) return "";
    return std::string(boost::json::parse(r.body).at("error").at("code").as_string());
}

}  // namespace kehou::testing
