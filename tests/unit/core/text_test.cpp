// Lengths in characters and the blanks a Chinese input method types: the measures every module's limits use.
#include <gtest/gtest.h>

#include "core/text.hpp"

namespace kehou {
namespace {

TEST(TextTest, CountsCharactersNotBytes) {
    EXPECT_EQ(Utf8Chars(""), 0u);
    EXPECT_EQ(Utf8Chars("abc"), 3u);
    EXPECT_EQ(Utf8Chars("课后服务"), 4u);  // 12 bytes
    EXPECT_EQ(Utf8Chars("a课😀"), 3u);     // a 4-byte character counts once
}

TEST(TextTest, TrimsAsciiAndFullWidthBlanksAtBothEndsOnly) {
    EXPECT_EQ(TrimBlanks("  核实说明\t"), "核实说明");
    EXPECT_EQ(TrimBlanks("\u3000 已核实\u3000\r\n"), "已核实");
    EXPECT_EQ(TrimBlanks("早期 试点\u3000代码"), "早期 试点\u3000代码") << "blanks inside stay";
    EXPECT_TRUE(TrimBlanks(" \u3000\u3000\n").empty());
    EXPECT_TRUE(TrimBlanks("").empty());
}

}  // namespace
}  // namespace kehou
