#pragma once
// `kehou admin ...`: what an operator does from the shell — create the first city administrator,
// check the operation log's hash chain, prune it past its retention.

#include <iosfwd>
#include <string>

#include "app/config.hpp"

namespace kehou::app {

/// Arguments of `kehou admin create-user`.
struct CreateUserArgs {
    std::string username, display_name, role, scope_path, password;
    bool demo = false;
};

/// Each returns the process exit status and writes what it did to out (errors to err).
int AdminCreateUser(const Config& config, const CreateUserArgs& args, std::ostream& out, std::ostream& err);
int AdminVerifyAudit(const Config& config, std::ostream& out, std::ostream& err);
int AdminPruneAudit(const Config& config, std::ostream& out, std::ostream& err);

}  // namespace kehou::app
