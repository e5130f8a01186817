#pragma once
// Routes of homework-load management: settings, publishing and approval, and the family's side.

#include "homework/service.hpp"
#include "http/router.hpp"

namespace kehou::homework {

/// County and school settings, subject groups, publishing, approval (routes.cpp) and the family pages.
void RegisterHomeworkRoutes(http::Router& router, HomeworkService& svc);

}  // namespace kehou::homework
