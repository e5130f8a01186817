#pragma once
// The after-school half of `kehou seed`: once the registry is loaded, the demo city's 课后服务 — fee
// standards, admitted providers, every school's service week, the autumn catalogue with the seats of a
// past first-come window, and the demo school's spring catalogue with a lottery window open now.

#include <cstdint>
#include <string>

#include "app/app.hpp"
#include "app/seed.hpp"

namespace kehou::app {

/// Seeds the after-school service of the registry just loaded (src/demo/afterschool_plan.hpp plans it,
/// afterschool::BulkWriter writes it); `teacher_user_id` and `guardian_user_id` are the demo.teacher and
/// demo.parent accounts. Returns the summary, e.g. "after-school: 9,870 sections, 1,204,331 seats in 3.1 s".
std::string SeedAfterschool(App& app, const SeedOptions& options, std::int64_t teacher_user_id,
                            std::int64_t guardian_user_id);

}  // namespace kehou::app
