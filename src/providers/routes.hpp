#pragma once
// The providers routes (docs/providers.md "HTTP API").

#include "http/router.hpp"
#include "providers/service.hpp"

namespace kehou::providers {

void RegisterProviderRoutes(http::Router& router, ProviderService& svc);

}  // namespace kehou::providers
