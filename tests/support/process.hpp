#pragma once
// The real kehou binary as a child process, its stdout readable line by line and its stderr kept in a
// file; stopped by its own PID.

#include <sys/types.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace kehou::testing {

/// One run of build/kehou with the given arguments (KEHOU_BIN is compiled in).
class KehouProcess {
public:
    explicit KehouProcess(std::vector<std::string> args);
    ~KehouProcess();
    KehouProcess(const KehouProcess&) = delete;
    KehouProcess& operator=(const KehouProcess&) = delete;

    /// The next line of stdout, or "" at end of output.
    std::string ReadLine();
    /// Everything left on stdout.
    std::string ReadAll();
    /// Waits for exit; the exit status, or 128 + signal.
    int Wait();
    void Signal(int sig);
    std::string Stderr() const;

private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
    bool exited_ = false;
    std::filesystem::path err_path_;
};

}  // namespace kehou::testing
