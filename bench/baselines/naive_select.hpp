#pragma once
// The rush benchmark's yardsticks, served by the same kehou process as the real path: a trivial route
// (the raw ceiling of HTTP, routing and the pipeline, no database) and the naive selection (one
// database transaction per request, the way a first version would be written).

#include "db/database.hpp"
#include "http/router.hpp"

namespace kehou::rush {

/// GET /api/v1/bench/ping and POST /api/v1/bench/naive/children/{id}/seats.
void RegisterBaselineRoutes(http::Router& router, db::Database& database);

}  // namespace kehou::rush
