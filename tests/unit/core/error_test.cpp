#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kehou {
namespace {

TEST(ErrorTest, EachKindMapsToItsHttpStatus) {
    EXPECT_EQ(HttpStatus(ErrorKind::kBadRequest), 400);
    EXPECT_EQ(HttpStatus(ErrorKind::kUnauthenticated), 401);
    EXPECT_EQ(HttpStatus(ErrorKind::kForbidden), 403);
    EXPECT_EQ(HttpStatus(ErrorKind::kNotFound), 404);
    EXPECT_EQ(HttpStatus(ErrorKind::kMethodNotAllowed), 405);
    EXPECT_EQ(HttpStatus(ErrorKind::kConflict), 409);
    EXPECT_EQ(HttpStatus(ErrorKind::kPayloadTooLarge), 413);
    EXPECT_EQ(HttpStatus(ErrorKind::kUnprocessable), 422);
    EXPECT_EQ(HttpStatus(ErrorKind::kTooManyRequests), 429);
    EXPECT_EQ(HttpStatus(ErrorKind::kHeaderTooLarge), 431);
    EXPECT_EQ(HttpStatus(ErrorKind::kInternal), 500);
    EXPECT_EQ(HttpStatus(ErrorKind::kUnavailable), 503);
}

TEST(ErrorTest, InternalErrorKeepsItsCauseOutOfTheClientText) {
    const Error e = Error::Internal("SELECT failed: password=hunter2");
    EXPECT_EQ(e.http_status(), 500);
    EXPECT_EQ(e.message_en(), "Internal server error");
    EXPECT_EQ(e.message_zh().find("hunter2"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("hunter2"), std::string::npos);  // the log keeps it
}

TEST(ErrorTest, CarriesFieldAndDetails) {
    Error e = Error::BadRequest("x.bad", "错", "bad", "capacity");
    e.WithDetail("max", std::int64_t{40}).WithDetail("unit", std::string("seats"));
    EXPECT_EQ(e.field(), "capacity");
    ASSERT_EQ(e.details().size(), 2u);
    EXPECT_EQ(std::get<std::int64_t>(e.details()[0].second), 40);
}

TEST(TimeTest, FormatsInstantsInShanghaiTime) {
    using namespace std::chrono;
    // 2026-11-23T12:00:00Z is 20:00 in Shanghai.
    const TimePoint t = sys_days{year{2026} / 11 / 23} + hours{12};
    EXPECT_EQ(FormatShanghai(t), "2026-11-23T20:00:00+08:00");
    // 16:30Z is already the next calendar day in Shanghai.
    EXPECT_EQ(ShanghaiDate(sys_days{year{2026} / 11 / 23} + hours{16} + minutes{30}), "2026-11-24");
}

TEST(TimeTest, ParsesOnlyRealIsoDates) {
    EXPECT_TRUE(ParseIsoDate("2024-02-29"));
    EXPECT_FALSE(ParseIsoDate("2023-02-29"));
    EXPECT_FALSE(ParseIsoDate("2024-13-01"));
    EXPECT_FALSE(ParseIsoDate("2024-1-01"));
    EXPECT_FALSE(ParseIsoDate("20240101"));
    EXPECT_FALSE(ParseIsoDate("2024-01-0a"));
}

}  // namespace
}  // namespace kehou
