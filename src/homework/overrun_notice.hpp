#pragma once
// 超量预警 The overrun alert raised to the school (issue 7 point 5): a class over the limit on 3 or more days of a
// week is told to the school's administrators in the app's notices (kehou makes no outbound call), once per class
// and week, by the scheduled sweep.

#include <string>

#include "db/database.hpp"
#include "homework/report_service.hpp"
#include "org/service.hpp"

namespace kehou::homework {

/// Writes the notices of the overrun alerts of the last two weeks up to `today`, city by city; returns how many
/// notices it wrote (0 on a second run the same day).
int NotifyOverruns(db::Database& database, org::OrgService& org, ReportService& reports, const std::string& today);

}  // namespace kehou::homework
