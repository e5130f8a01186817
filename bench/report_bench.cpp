// The city's reports as a warm server answers them (issue 5, benchmark 4):
// `report_bench <db> [warm calls] [semester]`, e.g. `report_bench /tmp/city/kehou.db 20 2026-autumn`.
//
// It builds the whole App on the seeded database (migrations, services, route table, dispatcher), logs in
// as demo.city and sends the GET requests through the dispatcher with the session cookie: auth hook,
// router, handler, service, SQL and JSON, everything a request meets except the socket. It prints, for
// the participation report and for the fill-rate report of the school with most sections, the first call
// of the process (cold: nothing cached in kehou; the file may be in the OS page cache) and then N warm
// calls (best and median), then one sweep of every school's fill report. Last, what a report costs while
// seats keep changing (a selection rush), when the cache cannot answer: the figures counted afresh with
// the report's own SQL, best and median of a few. It changes nothing but the session it logs in with.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "afterschool/report_repo.hpp"
#include "app/app.hpp"
#include "app/seed.hpp"
#include "auth/routes.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Figures {
    double cold_ms = 0;
    std::vector<double> warm_ms;
};

/// One GET through the dispatcher as demo.city; exits on a non-200 answer (the figures would be wrong).
double TimedGet(kehou::app::App& app, const std::string& cookie, const std::string& target, std::size_t* bytes) {
    kehou::http::Request req;
    req.method = kehou::http::Method::kGet;
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.headers = {{"cookie", cookie}};
    req.client_address = "127.0.0.1";
    const auto start = Clock::now();
    const kehou::http::Response resp = app.dispatcher().Dispatch(req);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (resp.status != 200) {
        std::fprintf(stderr, "report_bench: %s answered %d: %s\n", target.c_str(), resp.status, resp.body.c_str());
        std::exit(1);
    }
    if (bytes) *bytes = resp.body.size();
    return ms;
}

Figures Measure(kehou::app::App& app, const std::string& cookie, const std::string& target, int warm_calls) {
    Figures f;
    std::size_t bytes = 0;
    f.cold_ms = TimedGet(app, cookie, target, &bytes);
    for (int i = 0; i < warm_calls; ++i) f.warm_ms.push_back(TimedGet(app, cookie, target, nullptr));
    std::sort(f.warm_ms.begin(), f.warm_ms.end());
    std::printf("%s\n  cold %.1f ms (%zu bytes of JSON); warm best %.1f ms, median %.1f ms, worst %.1f ms (%d calls)\n",
                target.c_str(), f.cold_ms, bytes, f.warm_ms.front(), f.warm_ms[f.warm_ms.size() / 2],
                f.warm_ms.back(), warm_calls);
    return f;
}

/// The participation figures counted without the cache, as every report is counted while seats change.
void CountAfresh(kehou::app::App& app, const std::string& scope, const std::string& semester, int calls) {
    std::vector<double> ms;
    for (int i = 0; i < calls; ++i) {
        auto c = app.database().Acquire();
        const auto start = Clock::now();
        const auto figures = kehou::afterschool::repo::FiguresBySchool(*c, scope, semester);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (figures.empty()) std::exit(1);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("participation figures counted afresh (no cache, as while seats change): best %.1f ms, median %.1f "
                "ms (%d calls)\n", ms.front(), ms[ms.size() / 2], calls);
}

/// The school with most sections in the semester: the largest fill report.
std::int64_t BusiestSchool(kehou::app::App& app, const std::string& semester, std::vector<std::int64_t>* all) {
    constexpr kehou::db::Query kSchools{
        "bench.schools_by_sections",
        "SELECT school_id, COUNT(*) FROM as_section WHERE semester = $1 GROUP BY school_id ORDER BY 2 DESC, 1"};
    auto c = app.database().Acquire();
    for (const auto& r : c->Query(kSchools, {semester})) all->push_back(r.Int(0));
    if (all->empty()) {
        std::fprintf(stderr, "report_bench: no sections in %s: seed the city first\n", semester.c_str());
        std::exit(1);
    }
    return all->front();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: report_bench <kehou.db> [warm calls, 20] [semester, 2026-autumn]\n");
        return 2;
    }
    const int warm = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    const std::string semester = argc > 3 ? argv[3] : "2026-autumn";
    spdlog::set_level(spdlog::level::warn);
    kehou::app::Config config;
    config.db = argv[1];
    const auto built = Clock::now();
    kehou::app::App app(config);
    std::printf("App built (migrations included) in %.2f s\n",
                std::chrono::duration<double>(Clock::now() - built).count());
    const auto session = app.auth().Login("demo.city", kehou::app::kDemoPassword, "127.0.0.1");
    const std::string cookie = std::string(kehou::auth::kSessionCookie) + "=" + session.token;

    Measure(app, cookie, "/api/v1/afterschool/reports/participation?semester=" + semester, warm);
    std::vector<std::int64_t> schools;
    const auto busiest = BusiestSchool(app, semester, &schools);
    Measure(app, cookie, "/api/v1/afterschool/schools/" + std::to_string(busiest) + "/fill?semester=" + semester,
            warm);
    // Every school's fill report once, after the busiest one: what a bureau paging through schools sees.
    std::vector<double> sweep;
    for (const auto id : schools)
        sweep.push_back(TimedGet(app, cookie,
                                 "/api/v1/afterschool/schools/" + std::to_string(id) + "/fill?semester=" + semester,
                                 nullptr));
    std::sort(sweep.begin(), sweep.end());
    double total = 0;
    for (const double ms : sweep) total += ms;
    std::printf("fill report of each of %zu schools once: median %.2f ms, worst %.2f ms, total %.2f s\n",
                sweep.size(), sweep[sweep.size() / 2], sweep.back(), total / 1000);
    CountAfresh(app, session.user.scope_path, semester, std::max(3, warm / 4));
    return 0;
}
