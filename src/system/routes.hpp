#pragma once
// Routes of the system module: /healthz, /readyz, /api/v1/meta, /api/v1/openapi.yaml.

#include "http/router.hpp"
#include "system/service.hpp"

namespace kehou::system {

void RegisterRoutes(http::Router& router, SystemService& service);

/// The OpenAPI document compiled into the binary (docs/openapi.yaml).
std::string_view OpenApiDocument();

}  // namespace kehou::system
