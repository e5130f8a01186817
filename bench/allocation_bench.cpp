// 志愿+摇号 allocation at city scale: `allocation_bench [children] [sections] [wishes]`, by default 830,000
// children × 5 wishes over 50,000 sections (1,000 schools of 50 sections, 830 children each). Prints the
// seconds of generation, allocation (digest included), verification, and the peak RSS.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "afterschool/allocation.hpp"
#include "lottery/lottery.hpp"

namespace {

using kehou::afterschool::AllocInput;
using Clock = std::chrono::steady_clock;

constexpr int kSectionsPerSchool = 50;

double Seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Process CPU seconds (user + system): steadier than wall time on a machine shared with other work.
double CpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// Wall and CPU seconds of one phase, best of its runs: the machine is shared, so the minimum is the
/// figure least disturbed by other work.
class Phase {
public:
    void Start() {
        wall_start_ = Clock::now();
        cpu_start_ = CpuSeconds();
    }
    void Stop() {
        walls_.push_back(Seconds(wall_start_));
        cpu_ = std::min(cpu_, CpuSeconds() - cpu_start_);
    }
    void Print(const char* name, const char* note) const {
        std::string runs;
        for (const double w : walls_) runs += (runs.empty() ? "" : ", ") + std::to_string(w).substr(0, 5);
        std::printf("%-13s %.3f s wall, %.3f s CPU (best of %zu: %s)%s\n", name,
                    *std::min_element(walls_.begin(), walls_.end()), cpu_, walls_.size(), runs.c_str(), note);
    }

private:
    Clock::time_point wall_start_;
    double cpu_start_ = 0, cpu_ = 1e9;
    std::vector<double> walls_;
};

/// A "Key:   123 kB" figure from a /proc file, in kB.
long ProcKb(const char* file, const std::string& key) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0) return std::strtol(line.c_str() + key.size(), nullptr, 10);
    return -1;
}

/// A city: each school's children wish for its own sections, skewed toward the popular ones so that
/// many sections are oversubscribed; most sections are open to every grade, some to a band.
AllocInput Generate(int children, int sections, int wishes) {
    using namespace kehou::afterschool;
    std::mt19937_64 rng(20261123);
    const auto below = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    AllocInput in{kehou::lottery::NewSeed(), "afterschool-window-17", DefaultPriorityOrder(), {}, {}};
    in.sections.reserve(static_cast<std::size_t>(sections));
    for (int s = 0; s < sections; ++s) {
        const int from = below(10) < 7 ? 1 : 1 + below(7);
        const int start = 16 * 60 + 60 * below(2);  // 16:00 or 17:00, an hour long
        in.sections.push_back({s + 1,
                               s / 2 + 1,
                               15 + below(21),
                               from,
                               from == 1 ? 9 : from + below(3),
                               {{1 + below(5), start, start + 60}}});
    }
    const int schools = std::max(1, sections / kSectionsPerSchool);
    in.children.reserve(static_cast<std::size_t>(children));
    for (int c = 0; c < children; ++c) {
        AllocChild child{c + 1, 1 + below(9), 1 + below(3), {}, {}};
        if (below(100) < 12) child.groups.push_back(static_cast<PriorityGroup>(below(5)));
        const int first = (c % schools) * kSectionsPerSchool;
        const int span = std::min(kSectionsPerSchool, sections - first);
        for (int w = 0; w < wishes; ++w) {
            const double u = std::uniform_real_distribution<double>(0, 1)(rng);
            child.wishes.push_back(first + static_cast<int>(span * u * u) + 1);  // u² skews to the popular
        }
        in.children.push_back(std::move(child));
    }
    return in;
}

}  // namespace

int main(int argc, char** argv) {
    const int children = argc > 1 ? std::atoi(argv[1]) : 830'000;
    const int sections = argc > 2 ? std::atoi(argv[2]) : 50'000;
    const int wishes = argc > 3 ? std::atoi(argv[3]) : 5;
    const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 3;
    std::printf("children %d, sections %d, wishes per child %d\n", children, sections, wishes);

    Phase generation, allocation, verification, digest;
    generation.Start();
    const AllocInput in = Generate(children, sections, wishes);
    generation.Stop();
    generation.Print("generation", "");

    kehou::afterschool::AllocResult result;
    long huge_mb = 0;
    for (int r = 0; r < runs; ++r) {
        result = {};  // one result in memory at a time
        allocation.Start();
        result = kehou::afterschool::Allocate(in);
        allocation.Stop();
        huge_mb = ProcKb("/proc/self/smaps_rollup", "AnonHugePages:") / 1024;
    }
    allocation.Print("allocation", ", digest included");
    std::printf("  %ld MB of the process in huge pages after allocation\n", huge_mb);

    std::optional<std::string> diff;
    for (int r = 0; r < runs; ++r) {
        verification.Start();
        diff = kehou::afterschool::VerifyAllocation(in, result.wishes);
        verification.Stop();
    }
    verification.Print("verification", diff ? " DIFFERS" : ", identical");
    if (diff) std::printf("  %s\n", diff->c_str());

    // The digest on its own (formatting every canonical line, then SHA-256), to show its share.
    std::size_t text_bytes = 0;
    bool digest_ok = true;
    for (int r = 0; r < runs; ++r) {
        digest.Start();
        text_bytes = 0;
        kehou::lottery::Sha256Stream sha;
        for (const auto& w : result.wishes) {
            const std::string line = kehou::afterschool::CanonicalLine(w);
            text_bytes += line.size();
            sha.Update(line);
        }
        digest_ok = sha.FinishHex() == result.digest;
        digest.Stop();
    }
    digest.Print("digest alone", digest_ok ? ", matches" : " MISMATCH");

    std::map<std::string_view, long> outcomes;
    for (const auto& w : result.wishes) ++outcomes[kehou::afterschool::WishOutcomeName(w.outcome)];
    std::printf("%zu wish lines, %.0f MB of canonical text\n", result.wishes.size(),
                static_cast<double>(text_bytes) / 1e6);
    std::printf("peak RSS      %.0f MB (VmHWM)\n", static_cast<double>(ProcKb("/proc/self/status", "VmHWM:")) / 1024.0);
    for (const auto& [name, n] : outcomes) std::printf("  %-16s %ld\n", std::string(name).c_str(), n);
    return diff || !digest_ok ? 1 : 0;
}
