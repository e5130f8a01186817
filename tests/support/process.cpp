#include "support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>

namespace kehou::testing {

KehouProcess::KehouProcess(std::vector<std::string> args) {
    static std::atomic<int> counter{0};
    int out[2];
    if (pipe(out) != 0) return;
    err_path_ = std::filesystem::temp_directory_path() /
                ("kehou-proc-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".err");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(err, STDERR_FILENO);
        close(out[0]);
        std::vector<char*> argv;
        std::string bin = KEHOU_BIN;
        argv.push_back(bin.data());
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    close(out[1]);
    out_ = fdopen(out[0], "r");
}

KehouProcess::~KehouProcess() {
    if (pid_ > 0 && !exited_) {
        kill(pid_, SIGKILL);
        Wait();
    }
    if (out_) fclose(out_);
    std::filesystem::remove(err_path_);
}

std::string KehouProcess::ReadLine() {
    char buf[1024];
    return (out_ && fgets(buf, sizeof buf, out_)) ? std::string(buf) : std::string();
}

std::string KehouProcess::ReadAll() {
    std::string all, line;
    while (!(line = ReadLine()).empty()) all += line;
    return all;
}

int KehouProcess::Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void KehouProcess::Signal(int sig) { kill(pid_, sig); }

std::string KehouProcess::Stderr() const {
    std::ifstream in(err_path_);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace kehou::testing
