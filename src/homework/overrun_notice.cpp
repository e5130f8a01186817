#include "homework/overrun_notice.hpp"

#include <fmt/format.h>

#include "core/time.hpp"
#include "db/transaction.hpp"

namespace kehou::homework {
namespace {

constexpr db::Query kSchoolAdmins{"hw.school_admins",
                                  "SELECT id FROM auth_user WHERE role = 'school_admin' AND scope_path = $1"
                                  " AND is_active = TRUE ORDER BY id"};
constexpr db::Query kNoticed{"hw.overrun_noticed",
                             "SELECT 1 FROM app_notification WHERE user_id = $1 AND kind = 'homework_overrun'"
                             " AND title = $2"};
constexpr db::Query kNotice{"hw.overrun_notice",
                            "INSERT INTO app_notification (user_id, kind, title, body, created_at)"
                            " VALUES ($1, 'homework_overrun', $2, $3, $4)"};

std::string DaysBefore(const std::string& date, int n) {
    return FormatIsoDate(std::chrono::sys_days(*ParseIsoDate(date)) - std::chrono::days(n));
}

std::string JoinDates(const std::vector<std::string>& dates) {
    std::string out;
    for (const auto& d : dates) out += (out.empty() ? "" : "、") + d.substr(5);
    return out;
}

}  // namespace

int NotifyOverruns(db::Database& database, org::OrgService& org, ReportService& reports, const std::string& today) {
    std::vector<Alert> alerts;
    for (const auto& unit : org.ListAllUnits()) {
        if (unit.kind != "city") continue;
        const Principal sweep{0, "sweep", "sweep", Role::kCityAdmin, unit.org_path};
        ReportQuery q;
        q.from = DaysBefore(today, 13);
        q.to = today;
        q.unit_code = unit.code;
        for (auto& a : reports.Alerts(sweep, q, today).items) alerts.push_back(std::move(a));
    }
    const auto now = FormatShanghai(std::chrono::system_clock::now());
    auto c = database.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    int written = 0;
    for (const auto& a : alerts) {
        // The title names the class and the week, so it is also what makes a second run write nothing.
        const auto title = fmt::format("作业超量预警：{}（{} 起的一周）", a.info.class_name, a.week_start);
        const auto body = fmt::format("{}在 {} 共 {} 天书面作业或家长反馈时长超过限额（最多 {} 分钟），请教务处核查并调整。",
                                      a.info.class_name, JoinDates(a.days_over), a.days_over.size(), a.worst_minutes);
        for (const auto& admin : c->Query(kSchoolAdmins, {a.info.school_path})) {
            if (!c->Query(kNoticed, {admin.Int(0), title}).empty()) continue;
            c->Execute(kNotice, {admin.Int(0), title, body, now});
            ++written;
        }
    }
    tx.Commit();
    return written;
}

}  // namespace kehou::homework
