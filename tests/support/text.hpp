#pragma once
// Test data helpers shared by the suites: valid identity numbers and GBK-encoded text.

#include <string>

namespace kehou::testing {

/// A 17-digit prefix completed with its GB 11643 check character.
std::string IdNumber(const std::string& first17);
/// UTF-8 text re-encoded as GBK, as Excel in China saves a CSV.
std::string ToGbk(const std::string& utf8);

}  // namespace kehou::testing
