#pragma once
// Routes of the organisation registry.

#include "http/router.hpp"
#include "org/service.hpp"

namespace kehou::org {

void RegisterRoutes(http::Router& router, OrgService& service);
/// Guardians, teachers and consent (routes_people.cpp); called by RegisterRoutes.
void RegisterPeopleRoutes(http::Router& router, OrgService& service);
/// Roster import and export (routes_import.cpp); called by RegisterRoutes.
void RegisterImportRoutes(http::Router& router, OrgService& service);

}  // namespace kehou::org
