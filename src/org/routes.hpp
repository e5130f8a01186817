#pragma once
// Routes of the organisation registry.

#include "http/router.hpp"
#include "org/service.hpp"

namespace kehou::org {

void RegisterRoutes(http::Router& router, OrgService& service);

}  // namespace kehou::org
