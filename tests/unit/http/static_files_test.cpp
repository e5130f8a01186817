#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"

namespace kehou::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("kehou-static-" + std::to_string(::getpid()));
        fs::create_directories(root_ / "assets");
        std::ofstream(root_ / "index.html") << "<!doctype html><title>kehou</title>";
        std::ofstream(root_ / "assets" / "index-AbC123.js") << "console.log(1)";
    }
    void TearDown() override { fs::remove_all(root_); }
    fs::path root_;
};

TEST_F(StaticFilesTest, HashedAssetsAreCachedForAYearIndexNever) {
    StaticFiles files(root_);
    auto js = files.Serve("/assets/index-AbC123.js");
    ASSERT_TRUE(js);
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(*js->Header("Cache-Control"), "public, max-age=31536000, immutable");
    auto index = files.Serve("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(*index->Header("Cache-Control"), "no-cache");
    EXPECT_TRUE(index->Header("Content-Security-Policy"));
}

TEST_F(StaticFilesTest, AppRoutesFallBackToIndexButMissingFilesDoNot) {
    StaticFiles files(root_);
    auto page = files.Serve("/afterschool/windows/7");
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("<title>kehou</title>"), std::string::npos);
    EXPECT_FALSE(files.Serve("/assets/gone-123.js"));
    EXPECT_FALSE(files.Serve("/favicon.ico"));
    EXPECT_FALSE(files.Serve("/../etc/passwd"));
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
    StaticFiles files(root_ / "absent");
    EXPECT_EQ(files.size(), 0u);
    EXPECT_FALSE(files.Serve("/"));
}

}  // namespace
}  // namespace kehou::http
