// 志愿+摇号 allocation at city scale (issue 5, benchmark 3):
//   allocation_bench [children] [sections] [wishes] [runs] [--seed HEX] [--only generate|allocate|verify]
// by default 830,000 children × 5 wishes over 50,000 sections (1,000 schools of 50 sections, 830 children
// each), best of 3. Prints, for each phase — generating the input, Allocate (digest included),
// VerifyAllocation — its wall and CPU seconds and the process's peak RSS during it; then checks the digest
// against a plain, single-threaded SHA-256 of the canonical lines. `--seed` fixes the lottery seed, so two
// builds can be compared digest for digest; `--only` stops after that phase, to profile it alone.
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
#include <thread>
#include <vector>

#include "afterschool/allocation.hpp"
#include "lottery/lottery.hpp"

namespace {

using kehou::afterschool::AllocInput;
using Clock = std::chrono::steady_clock;

constexpr int kSectionsPerSchool = 50;

/// Process CPU seconds, every thread's, user + system: how much of the machine a phase took.
double CpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// A "Key:   123 kB" figure from a /proc file, in MB.
double ProcMb(const char* file, const std::string& key) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0)
            return static_cast<double>(std::strtol(line.c_str() + key.size(), nullptr, 10)) / 1024;
    return -1;
}

/// Linux keeps one peak RSS per process (VmHWM); writing 5 to clear_refs lowers it to the current RSS, so
/// reading it after a phase gives that phase's own peak.
void ResetPeakRss() {
    std::ofstream("/proc/self/clear_refs") << "5";
}

std::string LoadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

/// Wall and CPU seconds and peak RSS of each run of one phase. The machine is shared, so the best run is
/// the figure least disturbed by other work; the first run is shown too, for it alone pays for memory
/// the process has never touched.
class Phase {
public:
    explicit Phase(const char* name) : name_(name) {}
    void Start() {
        ResetPeakRss();
        rss_before_ = ProcMb("/proc/self/status", "VmRSS:");
        wall_start_ = Clock::now();
        cpu_start_ = CpuSeconds();
    }
    void Stop() {
        runs_.push_back({std::chrono::duration<double>(Clock::now() - wall_start_).count(), CpuSeconds() - cpu_start_,
                         ProcMb("/proc/self/status", "VmHWM:"), rss_before_});
    }
    void Print(const char* note) const {
        const auto best =
            *std::min_element(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) { return a.wall < b.wall; });
        std::string walls;
        for (const Run& r : runs_) walls += (walls.empty() ? "" : ", ") + Fixed(r.wall);
        std::printf(
            "%-13s %s s wall, %s s CPU, peak RSS %.0f MB (%.0f MB before it)  [best of %zu: %s s; first run "
            "%s s wall, %s s CPU]%s\n",
            name_, Fixed(best.wall).c_str(), Fixed(best.cpu).c_str(), best.peak_mb, best.rss_before_mb, runs_.size(),
            walls.c_str(), Fixed(runs_.front().wall).c_str(), Fixed(runs_.front().cpu).c_str(), note);
    }

    double PeakMb() const {
        double peak = 0;
        for (const Run& r : runs_) peak = std::max(peak, r.peak_mb);
        return peak;
    }

private:
    struct Run {
        double wall, cpu, peak_mb, rss_before_mb;
    };
    static std::string Fixed(double seconds) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3f", seconds);
        return text;
    }

    const char* name_;
    Clock::time_point wall_start_;
    double cpu_start_ = 0, rss_before_ = 0;
    std::vector<Run> runs_;
};

/// A city: each school's children wish for its own sections, skewed toward the popular ones so that
/// many sections are oversubscribed; most sections are open to every grade, some to a band.
AllocInput Generate(int children, int sections, int wishes, const std::string& seed) {
    using namespace kehou::afterschool;
    std::mt19937_64 rng(20261123);
    const auto below = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    AllocInput in{seed, "afterschool-window-17", DefaultPriorityOrder(), {}, {}};
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

struct Options {
    int children = 830'000, sections = 50'000, wishes = 5, runs = 3;
    std::string seed, only;
};

Options Parse(int argc, char** argv) {
    Options o;
    std::vector<std::string> numbers;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--seed" || arg == "--only") && i + 1 < argc)
            (arg == "--seed" ? o.seed : o.only) = argv[++i];
        else
            numbers.push_back(arg);
    }
    int* fields[] = {&o.children, &o.sections, &o.wishes, &o.runs};
    for (std::size_t i = 0; i < numbers.size() && i < 4; ++i) *fields[i] = std::max(1, std::atoi(numbers[i].c_str()));
    if (o.seed.empty()) o.seed = kehou::lottery::NewSeed();
    return o;
}

/// The digest recomputed the plain way — every canonical line through one single-threaded SHA-256 —
/// against Allocate's pipelined one.
bool DigestMatches(const kehou::afterschool::AllocResult& result, std::size_t& text_bytes) {
    kehou::lottery::Sha256Stream sha;
    std::string text;
    text_bytes = 0;
    for (const auto& w : result.wishes) {
        kehou::afterschool::AppendCanonicalLine(text, w);
        if (text.size() < (1u << 20)) continue;
        text_bytes += text.size();
        sha.Update(text);
        text.clear();
    }
    text_bytes += text.size();
    sha.Update(text);
    return sha.FinishHex() == result.digest;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = Parse(argc, argv);
    std::printf("children %d, sections %d, wishes per child %d; %u hardware threads; load average %s\n", o.children,
                o.sections, o.wishes, std::thread::hardware_concurrency(), LoadAverage().c_str());

    Phase generation("generation"), allocation("allocation"), verification("verification");
    generation.Start();
    const AllocInput in = Generate(o.children, o.sections, o.wishes, o.seed);
    generation.Stop();
    generation.Print("");
    if (o.only == "generate") return 0;

    kehou::afterschool::AllocResult result;
    for (int r = 0; r < o.runs; ++r) {
        result = {};  // one result in memory at a time
        allocation.Start();
        result = kehou::afterschool::Allocate(in);
        allocation.Stop();
    }
    allocation.Print(", digest included");
    if (o.only == "allocate") return 0;

    std::optional<std::string> diff;
    for (int r = 0; r < o.runs; ++r) {
        verification.Start();
        diff = kehou::afterschool::VerifyAllocation(in, result.wishes);
        verification.Stop();
    }
    verification.Print(diff ? " DIFFERS" : ", identical");
    if (diff) std::printf("  %s\n", diff->c_str());
    if (o.only == "verify") return diff ? 1 : 0;

    std::size_t text_bytes = 0;
    const bool digest_ok = DigestMatches(result, text_bytes);
    std::map<std::string_view, long> outcomes;
    for (const auto& w : result.wishes) ++outcomes[kehou::afterschool::WishOutcomeName(w.outcome)];
    std::printf("%zu wish lines, %.0f MB of canonical text, digest %s (%s)\n", result.wishes.size(),
                static_cast<double>(text_bytes) / 1e6, result.digest.c_str(),
                digest_ok ? "equals a plain SHA-256 of the lines" : "MISMATCH with a plain SHA-256 of the lines");
    for (const auto& [name, n] : outcomes) std::printf("  %-16s %ld\n", std::string(name).c_str(), n);
    std::printf("load average at the end %s; peak RSS of the whole run %.0f MB\n", LoadAverage().c_str(),
                std::max({generation.PeakMb(), allocation.PeakMb(), verification.PeakMb()}));
    return diff || !digest_ok ? 1 : 0;
}
