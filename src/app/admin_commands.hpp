#pragma once
// `kehou admin ...`: what an operator does from the shell — create the first city administrator,
// check the operation log's hash chain, prune it past its retention; run or verify a lottery allocation.

#include <cstdint>
#include <iosfwd>
#include <string>

#include "app/config.hpp"

namespace kehou::app {

/// Arguments of `kehou admin create-user`.
struct CreateUserArgs {
    std::string username, display_name, role, scope_path, password;
    bool demo = false;
};

/// Arguments of `kehou allocate`: a window in the database, or published inputs from files.
struct AllocateArgs {
    std::int64_t window_id = 0;
    bool verify = false;
    std::string inputs_file, seed, digest;  // offline verification: anyone with the published files
};

/// Each returns the process exit status and writes what it did to out (errors to err).
int AdminCreateUser(const Config& config, const CreateUserArgs& args, std::ostream& out, std::ostream& err);
int AdminVerifyAudit(const Config& config, std::ostream& out, std::ostream& err);
int AdminPruneAudit(const Config& config, std::ostream& out, std::ostream& err);
/// Runs a closed lottery window's allocation, or verifies one (exit 1 when the result differs).
int RunAllocate(const Config& config, const AllocateArgs& args, std::ostream& out, std::ostream& err);

}  // namespace kehou::app
