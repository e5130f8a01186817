#pragma once
// Routes of after-school services. This slice: the fee standards counties publish.

#include "afterschool/fee_standard.hpp"
#include "http/router.hpp"

namespace kehou::afterschool {

void RegisterRoutes(http::Router& router, FeeStandardService& fee_standards);

}  // namespace kehou::afterschool
