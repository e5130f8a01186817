#pragma once
// Routes of the departments' data (docs/enrollment.md, "Department data"): the versions per department, and the
// operator's staged load of an export, its confirmation and its discarding.

#include "enrollment/source_service.hpp"
#include "http/router.hpp"

namespace kehou::enrollment {

/// GET /sources, POST /sources/{department}/loads, POST /sources/loads/{id}/confirm, DELETE /sources/loads/{id}.
void RegisterSourceRoutes(http::Router& router, SourceService& svc);

}  // namespace kehou::enrollment
