// Walks the real route table: every route is protected or explicitly public, every write carries an
// audit title, and the OpenAPI document describes exactly the routes that exist.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "app/app.hpp"
#include "system/routes.hpp"

namespace kehou::app {
namespace {

namespace fs = std::filesystem;

class RouteTableTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("kehou-routes-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        Config c;
        c.db = (dir_ / "routes.db").string();
        c.web_root = (dir_ / "no-web").string();
        c.pii_key_file = (dir_ / "kehou.key").string();
        app_ = new App(c);
    }
    static void TearDownTestSuite() {
        delete app_;
        fs::remove_all(dir_);
    }
    static inline fs::path dir_;
    static inline App* app_ = nullptr;
};

// (METHOD, path) pairs under `paths:` in the OpenAPI YAML: a path at indent 2, methods at indent 4.
std::set<std::pair<std::string, std::string>> DocumentedOperations(std::string_view yaml) {
    static const std::regex path_line(R"(^  (/[^:\s]*):\s*$)");
    static const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
    std::set<std::pair<std::string, std::string>> out;
    std::istringstream in{std::string(yaml)};
    std::string line, path;
    bool in_paths = false;
    std::smatch m;
    while (std::getline(in, line)) {
        if (line.rfind("paths:", 0) == 0) in_paths = true;
        else if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
        if (!in_paths) continue;
        if (std::regex_match(line, m, path_line)) path = m[1];
        else if (std::regex_match(line, m, method_line)) {
            std::string method = m[1];
            for (auto& ch : method) ch = static_cast<char>(std::toupper(ch));
            out.emplace(method, path);
        }
    }
    return out;
}

TEST_F(RouteTableTest, EveryRouteHasAPermissionOrIsMarkedPublic) {
    ASSERT_FALSE(app_->router().routes().empty());
    for (const auto& r : app_->router().routes()) {
        SCOPED_TRACE(r.path);
        EXPECT_FALSE(r.permission.empty());
        if (http::IsWrite(r.method)) {
            EXPECT_FALSE(r.audit_title.empty());
        }
        EXPECT_FALSE(r.summary.empty()) << "every route says in one line what it is for";
    }
}

TEST_F(RouteTableTest, OpenApiDocumentDescribesExactlyTheRegisteredRoutes) {
    const auto documented = DocumentedOperations(system::OpenApiDocument());
    std::set<std::pair<std::string, std::string>> registered;
    for (const auto& r : app_->router().routes()) registered.emplace(std::string(http::MethodName(r.method)), r.path);
    for (const auto& op : registered)
        EXPECT_TRUE(documented.contains(op)) << op.first << " " << op.second << " is missing from docs/openapi.yaml";
    for (const auto& op : documented)
        EXPECT_TRUE(registered.contains(op)) << op.first << " " << op.second << " is documented but not routed";
}

TEST(OpenApiScanTest, FindsPathsAndMethodsOnly) {
    const auto ops = DocumentedOperations("openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      summary: x\n"
                                          "    post:\n  /b:\n    delete:\ncomponents:\n  /c:\n    get:\n");
    EXPECT_EQ(ops, (std::set<std::pair<std::string, std::string>>{{"GET", "/a/{id}"}, {"POST", "/a/{id}"},
                                                                   {"DELETE", "/b"}}));
}

}  // namespace
}  // namespace kehou::app
