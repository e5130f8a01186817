#include "enrollment/source_service.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "db/transaction.hpp"
#include "enrollment/snapshot_repo.hpp"

namespace kehou::enrollment {
namespace {

constexpr auto kStagingLifetime = std::chrono::hours(24);

// The city's data-exchange operator: a city administrator whose scope is the city itself ("/370800/"), not a
// county account that happens to carry the city role.
bool IsCityOperator(const Principal& p) {
    return p.role == Role::kCityAdmin && std::count(p.scope_path.begin(), p.scope_path.end(), '/') == 2;
}

Error NotOperator() {
    return Error::Forbidden("auth.forbidden", "只有市级数据交换管理员（市教育局管理员）可以导入部门数据",
                            "Only the city's data-exchange operator (a city administrator) loads department data");
}

Error LoadNotFound() {
    return Error::NotFound("enrollment.load_not_found", "找不到该批待确认数据（已确认、已放弃、已过期或非本人上传）",
                           "No such pending load (confirmed, discarded, expired, or staged by someone else)");
}

Error BadEndpoint(const std::string& entry, std::string_view why_zh, std::string_view why_en) {
    return Error::BadRequest("enrollment.endpoints_invalid",
                             "部门接口配置有误：“" + entry + "”，" + std::string(why_zh),
                             "Bad department endpoint \"" + entry + "\": " + std::string(why_en),
                             "enrollment_endpoints");
}

}  // namespace

SourceConfig ParseSourceEndpoints(std::string_view text) {
    SourceConfig out;
    while (!TrimBlanks(text).empty()) {
        const auto comma = text.find(',');
        const std::string entry = std::string(TrimBlanks(text.substr(0, comma)));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        const auto eq = entry.find('=');
        if (eq == std::string::npos) throw BadEndpoint(entry, "应为 部门=地址", "expected department=url");
        const auto department = ParseDepartment(std::string(TrimBlanks(entry.substr(0, eq))));
        if (!department)
            throw BadEndpoint(entry, "部门应为 household/property/insurance/permit/birth/student",
                              "the department must be household, property, insurance, permit, birth or student");
        const std::string url = std::string(TrimBlanks(entry.substr(eq + 1)));
        // Plain http inside the government network; TLS, where asked for, is the exchange gateway's.
        if (!url.starts_with("http://") || url.size() <= 7)
            throw BadEndpoint(entry, "地址应以 http:// 开头", "the url must begin with http://");
        if (out.endpoints.contains(*department)) throw BadEndpoint(entry, "部门重复", "department given twice");
        HttpSourceOptions options;
        options.base_url = url;
        out.endpoints.emplace(*department, std::move(options));
    }
    return out;
}

IdHasher MakeIdHasher(const crypto::PiiVault& vault) {
    return [&vault](std::string_view id_number) {
        // ValidateIdNumber's normalisation (trim, upper-case x) without its judgement: callers validate first.
        const auto check = ValidateIdNumber(id_number, std::chrono::year_month_day{std::chrono::year{9999} / 12 / 31});
        return vault.LookupHash(check.normalized);
    };
}

SourceService::SourceService(db::Database& database, const crypto::PiiVault& vault, SourceConfig config,
                             std::function<TimePoint()> now)
    : database_(database), vault_(vault), config_(std::move(config)), now_(std::move(now)) {
    next_load_id_ = std::chrono::duration_cast<std::chrono::milliseconds>(now_().time_since_epoch()).count();
    for (const auto d : kAllDepartments) {
        if (auto it = config_.endpoints.find(d); it != config_.endpoints.end())
            sources_.push_back(std::make_shared<HttpSource>(d, it->second, Hasher()));
        else
            sources_.push_back(std::make_shared<StoredSnapshotSource>(database_, d));
    }
}

void SourceService::RequireOperator(const Principal& p) {
    if (!IsCityOperator(p)) throw NotOperator();
}

SnapshotPreview SourceService::Stage(const Principal& p, Department department, std::string_view bytes,
                                     FileFormat format, Date snapshot_date) {
    RequireOperator(p);
    if (!snapshot_date.ok())
        throw Error::BadRequest("enrollment.snapshot_date_invalid", "快照日期无效", "Invalid snapshot date",
                                "snapshot_date");
    {
        auto c = database_.Acquire();
        if (SnapshotExists(*c, department, snapshot_date))
            throw Error::Conflict("enrollment.snapshot_exists", "该快照日期的数据已导入，版本不可覆盖",
                                  "A snapshot of this date is already loaded; a version is never overwritten",
                                  "snapshot_date");
    }
    SnapshotPreview preview;
    preview.snapshot_date = snapshot_date;
    // The batch adapter's own reading of a file: one schema, one set of row checks, wherever the rows go.
    BatchSource::Snapshot snapshot = BatchSource(department, Hasher(), now_).Parse(bytes, format, snapshot_date, preview);
    std::lock_guard lock(mu_);
    DropExpired();
    if (staged_.size() >= kMaxStaged) staged_.erase(staged_.begin());  // the oldest pending load gives way
    preview.load_id = next_load_id_++;
    staged_.emplace(preview.load_id, Staged{department, p.user_id, now_(), std::move(snapshot)});
    return preview;
}

SourceService::Staged SourceService::Take(const Principal& p, std::int64_t load_id) {
    RequireOperator(p);
    std::lock_guard lock(mu_);
    DropExpired();
    auto it = staged_.find(load_id);
    if (it == staged_.end() || it->second.user_id != p.user_id) throw LoadNotFound();
    Staged out = std::move(it->second);
    staged_.erase(it);
    return out;
}

ConfirmedLoad SourceService::Confirm(const Principal& p, std::int64_t load_id) {
    Staged staged = Take(p, load_id);
    try {
        return {staged.department,
                PersistSnapshot(database_, staged.department, staged.snapshot, p.user_id, FormatShanghai(now_()))};
    } catch (const Error&) {
        throw;  // 409: that date was confirmed meanwhile, and this load can never be
    } catch (...) {
        std::lock_guard lock(mu_);  // the database failed: the operator may try the same load again
        staged_.emplace(load_id, std::move(staged));
        throw;
    }
}

Department SourceService::Discard(const Principal& p, std::int64_t load_id) {
    return Take(p, load_id).department;
}

std::vector<SourceSummary> SourceService::List(const Principal& p) {
    if (p.role != Role::kCityAdmin && p.role != Role::kDistrictAdmin)
        throw Error::Forbidden("auth.forbidden", "只有市、区县教育局管理员可以查看部门数据版本",
                               "Only city and county administrators see the department data versions");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kRead);
    std::vector<SourceSummary> out;
    for (const auto d : kAllDepartments) {
        SourceSummary s;
        s.department = d;
        s.http = config_.endpoints.contains(d);
        s.versions = ListSnapshotVersions(*c, d);
        if (!s.http && !s.versions.empty()) s.current_version = s.versions.front().snapshot_date;
        out.push_back(std::move(s));
    }
    tx.Commit();
    return out;
}

void SourceService::DropExpired() {
    const auto now = now_();
    std::erase_if(staged_, [&](const auto& kv) { return now - kv.second.staged_at > kStagingLifetime; });
}

}  // namespace kehou::enrollment
