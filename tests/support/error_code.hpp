#pragma once
// The error code a service call throws, for the service tests of every module.

#include <functional>
#include <string>

#include "core/error.hpp"

namespace kehou::testing {

/// The kehou::Error code `f` throws, "" when it throws none.
inline std::string ErrorCode(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return "";
}

}  // namespace kehou::testing
