#include "enrollment/application_service.hpp"

#include <fmt/format.h>

#include <map>

#include "core/ids.hpp"
#include "core/mask.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/transaction.hpp"
#include "io/upload_file.hpp"

namespace kehou::enrollment {
namespace {

using Clock = std::chrono::system_clock;

std::string Now() { return FormatShanghai(Clock::now()); }
Date Today() { return *ParseIsoDate(ShanghaiDate(Clock::now())); }

// How long the family waits for the departments at most; a slower one answers unavailable and asks for a paper.
constexpr std::chrono::seconds kPullDeadline{6};

Error NotFoundError() { return Error::NotFound("enrollment.application_not_found", "找不到该入学申请", "No such application"); }

IdNumberCheck ValidId(const std::string& raw, const char* field) {
    auto check = ValidateIdNumber(raw, Today());
    if (!check.ok())
        throw Error::Unprocessable("enrollment.bad_id_number", "身份证号码无效：" + check.failure->message_zh,
                                   "Invalid identity number: " + check.failure->message_en, field);
    return check;
}

void CheckInput(const ApplyInput& in) {
    if (in.child_name.empty() || in.child_name.size() > 60)
        throw Error::Unprocessable("enrollment.bad_name", "请填写儿童姓名（不超过 20 字）", "Child's name is required",
                                   "child_name");
    if (!in.notice_acknowledged)
        throw Error::Unprocessable("enrollment.notice_required", "请先阅读并确认数据调取告知",
                                   "Acknowledge the notice on the data fetched first", "notice_acknowledged");
}

// The departments keyed by the child (asked first) and those keyed by each parent (asked once the birth
// certificate names both parents).
bool ChildKeyed(Department d) { return !PerParent(d); }

std::string OtherParentFromBirth(const std::vector<DepartmentAnswer>& answers, Parent applicant) {
    for (const auto& a : answers) {
        if (a.department != Department::kBirth || a.status != SourceStatus::kVerified) continue;
        for (const auto& r : a.records)
            if (const auto* b = std::get_if<BirthRecord>(&r))
                return applicant == Parent::kFather ? b->mother_hash : b->father_hash;
    }
    return {};
}

void CheckSchools(const ApplyInput& in, const SeasonContext& ctx) {
    const auto plan = [&](std::int64_t id) -> const SchoolPlan* {
        for (const auto& p : ctx.plans)
            if (p.school_id == id) return &p;
        return nullptr;
    };
    if (in.private_school_id) {
        const auto* p = plan(*in.private_school_id);
        if (!p || !p->is_private)
            throw Error::Unprocessable("enrollment.bad_private_school", "请选择本招生季的民办学校",
                                       "Choose a private school of this season", "private_school_id");
    }
    if (in.preferred_school_id) {
        const auto* p = plan(*in.preferred_school_id);
        if (!p || p->is_private)
            throw Error::Unprocessable("enrollment.bad_school", "请选择本招生季的公办学校",
                                       "Choose a public school of this season", "preferred_school_id");
    }
}

// A phone photo or a scan: JPEG, PNG or PDF by its bytes, 1 byte to 8 MiB.
std::string UploadMime(std::string_view bytes) {
    if (bytes.empty() || bytes.size() > kMaxUploadBytes)
        throw Error::Unprocessable("enrollment.upload_size", "材料文件须为 1 字节至 8 MB", "Uploads are 1 byte to 8 MiB",
                                   "file");
    if (auto mime = io::PhotoOrPdfMime(bytes)) return *mime;
    throw Error::Unprocessable("enrollment.upload_type", "材料须为 JPEG、PNG 照片或 PDF",
                               "Uploads must be a JPEG or PNG photo or a PDF", "file");
}

// What an evaluation decides about where the application stands: its catchment school (whose staff then review it,
// else the county's), category and ranking keys.
void Adopt(const Evaluation& e, const SeasonContext& ctx, ApplicationRecord& a) {
    a.org_path = ctx.season.org_path;
    for (const auto& p : ctx.plans)
        if (e.catchment_school == p.school_id) a.org_path = p.org_path;
    a.catchment_school_id = e.catchment_school;
    a.category_index.reset();
    a.category_name.reset();
    if (e.category) {
        a.category_index = static_cast<int>(*e.category);
        a.category_name = ctx.policy.categories[*e.category].name;
    }
    a.hukou_move_in = e.hukou_move_in ? std::optional(FormatIsoDate(*e.hukou_move_in)) : std::nullopt;
    a.certificate_date = e.certificate_date ? std::optional(FormatIsoDate(*e.certificate_date)) : std::nullopt;
    a.points_tenths = e.points_tenths;
    a.in_county = e.in_county;
}

// What only the family does (uploads, withdrawal, appeals): staff get 403 even in scope.
void FamilyOnly(const Principal& p) {
    if (p.role != Role::kGuardian)
        throw Error::Forbidden("enrollment.family_only", "只有申请的家长可以这样做", "Only the applying family may do this");
}

}  // namespace

Evaluation EvaluateStored(const ApplicationRecord& a, const SeasonContext& ctx, const std::vector<ReviewInfo>& reviews,
                          const std::vector<UploadInfo>& uploads) {
    EvaluationInput in;
    in.answers = &a.answers;
    in.reviews = &reviews;
    in.uploads = &uploads;
    in.declarations = a.declarations;
    in.geography = ctx.geography;
    in.policy = &ctx.policy;
    in.entry_grade = ctx.season.entry_grade;
    in.catchments = ctx.catchments;
    in.preferred_school = a.preferred_school_id;
    if (a.status == ApplicationStatus::kRejected || a.status == ApplicationStatus::kWithdrawn) in.terminal = a.status;
    in.today = Today();
    return Evaluate(in);
}

ApplicationService::ApplicationService(db::Database& database, const crypto::PiiVault& vault, SourceList sources)
    : database_(database), vault_(vault), sources_(std::move(sources)) {}

std::vector<DepartmentAnswer> ApplicationService::Pull(const std::string& child_hash, const std::string& applicant_hash,
                                                       Parent relation) {
    LookupKey key{child_hash, relation == Parent::kFather ? applicant_hash : "",
                  relation == Parent::kMother ? applicant_hash : ""};
    const auto all = sources_();
    std::vector<std::shared_ptr<DepartmentSource>> first, second;
    for (const auto& s : all) (ChildKeyed(s->department()) ? first : second).push_back(s);
    const auto deadline = std::chrono::steady_clock::now() + kPullDeadline;
    auto answers = QueryAll(first, key, deadline);
    const auto other = OtherParentFromBirth(answers, relation);
    (relation == Parent::kFather ? key.mother_hash : key.father_hash) = other;
    for (auto& a : QueryAll(second, key, deadline)) answers.push_back(std::move(a));
    std::vector<DepartmentAnswer> ordered;  // kAllDepartments order, whatever order the sources came in
    for (const auto d : kAllDepartments)
        for (auto& a : answers)
            if (a.department == d) ordered.push_back(std::move(a));
    return ordered;
}

std::int64_t ApplicationService::Submit(const ApplyInput& in, std::int64_t guardian_id, std::int64_t user_id) {
    CheckInput(in);
    const auto child = ValidId(in.child_id_number, "child_id_number");
    const auto applicant = ValidId(in.applicant_id_number, "applicant_id_number");
    if (!SexMatches(applicant, in.relation == Parent::kFather ? Sex::kMale : Sex::kFemale))
        throw Error::Unprocessable("enrollment.relation_mismatch", "申请人身份证号码与所选关系（父亲/母亲）不符",
                                   "The applicant's identity number does not fit the relation given", "relation");
    auto c = database_.Acquire();
    const auto season = repo::FindSeason(*c, {"/", std::int64_t{0}}, in.season_id);
    const auto today = ShanghaiDate(Clock::now());
    if (!season || season->status != SeasonStatus::kOpen || today < season->opens_on || today > season->closes_on)
        throw Error::Conflict("enrollment.season_closed", "该招生季当前不在报名时间内", "The season is not taking applications",
                              "season_id");
    const auto ctx = LoadSeasonContext(*c, *season);
    CheckSchools(in, ctx);
    if (season->entry_grade == 1 && !OldEnough(*child.birth_date, season->year, ctx.policy))
        throw Error::Unprocessable("enrollment.too_young",
                                   fmt::format("儿童须在 {} 年 8 月 31 日前（含）年满 {} 周岁", season->year, ctx.policy.entry_age),
                                   fmt::format("The child must be {} by 31 August {}", ctx.policy.entry_age, season->year),
                                   "child_id_number");
    const auto child_seal = vault_.Seal(child.normalized);
    if (repo::ChildApplied(*c, in.season_id, child_seal.lookup_hash))
        throw Error::Conflict("enrollment.already_applied", "该儿童本招生季已提交申请",
                              "This child has already applied this season", "child_id_number");

    repo::NewApplication n;
    auto& a = n.record;
    a.season_id = in.season_id;
    a.guardian_id = guardian_id;
    a.child_name = in.child_name;
    a.child_id_masked = MaskIdNumber(child.normalized);
    a.birth_date = FormatIsoDate(*child.birth_date);
    a.relation = in.relation;
    a.declarations = in.declarations;
    a.preferred_school_id = in.preferred_school_id;
    a.private_school_id = in.private_school_id;
    a.answers = Pull(child_seal.lookup_hash, vault_.LookupHash(applicant.normalized), in.relation);
    const auto e = EvaluateStored(a, ctx, {}, {});
    Adopt(e, ctx, a);
    a.status = e.status;
    a.one_click = e.dossier.complete();
    a.submitted_at = Now();
    if (a.status == ApplicationStatus::kQualified) a.decided_at = a.submitted_at;
    n.child_id_sealed = db::Blob{child_seal.box};
    n.child_id_hash = child_seal.lookup_hash;
    n.applicant_id_hash = vault_.LookupHash(applicant.normalized);

    db::Transaction tx(*c, db::TxMode::kWrite);
    if (repo::ChildApplied(*c, in.season_id, n.child_id_hash))  // a second tab submitted while we were pulling
        throw Error::Conflict("enrollment.already_applied", "该儿童本招生季已提交申请",
                              "This child has already applied this season", "child_id_number");
    const auto id = repo::InsertApplication(*c, n);
    for (const auto& answer : a.answers) repo::InsertPull(*c, id, answer, user_id, a.submitted_at);
    tx.Commit();
    return id;
}

ApplicationDetail ApplicationService::Apply(const Principal& guardian, const ApplyInput& in) {
    std::int64_t guardian_id = 0;
    {
        auto c = database_.Acquire();
        const auto g = repo::GuardianOfUser(*c, guardian.user_id);
        if (!g) throw Error::Forbidden("enrollment.not_guardian", "只有登记的监护人可以申请", "Only a registered guardian may apply");
        guardian_id = *g;
    }
    const auto id = Submit(in, guardian_id, guardian.user_id);
    auto c = database_.Acquire();
    return Load(*c, ReaderOf(*c, guardian), id);
}

ApplicationDetail ApplicationService::Load(db::Connection& c, const repo::Reader& who, std::int64_t id) {
    auto a = repo::FindApplication(c, who, id);
    if (!a) throw NotFoundError();
    ApplicationDetail d;
    const auto season = repo::FindSeason(c, {"/", std::nullopt}, a->season_id);
    const auto ctx = LoadSeasonContext(c, *season);
    d.season = ctx.season;
    d.uploads = repo::ListUploads(c, id);
    d.reviews = repo::ListReviews(c, id);
    d.pulls = repo::ListPulls(c, id);
    d.appeals = repo::ListAppeals(c, who, std::nullopt, id, std::nullopt);
    const bool family = who.guardian_id.has_value();
    if (!family || season->status == SeasonStatus::kPublished) d.placement = repo::FindPlacement(c, id);
    auto e = EvaluateStored(*a, ctx, d.reviews, d.uploads);
    d.dossier = std::move(e.dossier);
    d.progress = std::move(e.progress);
    d.effective = std::move(e.effective);
    a->sources_pending = e.pending;
    d.record = std::move(*a);
    return d;
}

ApplicationDetail ApplicationService::Refresh(db::Connection& c, const repo::Reader& who, std::int64_t id,
                                              std::optional<std::int64_t> decided_by) {
    auto a = repo::FindApplication(c, who, id);
    if (!a) throw NotFoundError();
    const auto season = repo::FindSeason(c, {"/", std::nullopt}, a->season_id);
    const auto ctx = LoadSeasonContext(c, *season);
    const auto e = EvaluateStored(*a, ctx, repo::ListReviews(c, id), repo::ListUploads(c, id));
    Adopt(e, ctx, *a);
    const bool decided_now = a->status != ApplicationStatus::kQualified && e.status == ApplicationStatus::kQualified;
    if (decided_now) a->decided_at = Now();
    a->status = e.status;
    repo::UpdateApplication(c, *a, decided_now ? decided_by : std::nullopt, Now());
    return Load(c, who, id);
}

std::pair<std::vector<ApplicationRecord>, std::int64_t> ApplicationService::List(const Principal& p,
                                                                                 const ApplicationFilter& f) {
    auto c = database_.Acquire();
    auto [rows, total] = repo::ListApplications(*c, ReaderOf(*c, p), f);
    std::map<std::int64_t, SeasonContext> seasons;  // a page holds one season's applications, mostly
    for (auto& a : rows) {
        auto it = seasons.find(a.season_id);
        if (it == seasons.end())
            it = seasons.emplace(a.season_id, LoadSeasonContext(*c, *repo::FindSeason(*c, {"/", std::nullopt}, a.season_id)))
                     .first;
        const auto e = EvaluateStored(a, it->second, repo::ListReviews(*c, a.id), repo::ListUploads(*c, a.id));
        a.sources_pending = e.pending;
    }
    return {std::move(rows), total};
}

ApplicationDetail ApplicationService::Get(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    return Load(*c, ReaderOf(*c, p), id);
}

ApplicationDetail ApplicationService::Upload(const Principal& guardian, std::int64_t id, std::string_view department,
                                             std::string_view file_name, std::string_view bytes) {
    FamilyOnly(guardian);
    std::optional<std::int64_t> guardian_id;
    {
        auto c = database_.Acquire();
        guardian_id = ReaderOf(*c, guardian).guardian_id;
    }
    return UploadFor(*guardian_id, guardian.user_id, id, department, file_name, bytes);
}

ApplicationDetail ApplicationService::UploadFor(std::int64_t guardian_id, std::int64_t user_id, std::int64_t id,
                                                std::string_view department, std::string_view file_name,
                                                std::string_view bytes) {
    auto c = database_.Acquire();
    const repo::Reader who{"", guardian_id};
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto current = Load(*c, who, id);
    const auto d = RequireDepartment(department, "department");
    bool asked = false;
    for (std::size_t i = 0; i < current.dossier.sources.size(); ++i)
        asked = asked || (current.dossier.sources[i].department == d &&
                          current.progress[i] == SourceProgress::kAwaitingUpload);
    if (!asked || current.record.status == ApplicationStatus::kRejected ||
        current.record.status == ApplicationStatus::kWithdrawn)
        throw Error::Conflict("enrollment.upload_not_asked", "该项材料无需上传", "No upload is asked for this source",
                              "department");
    UploadInfo u{0, d, io::CleanFileName(file_name, "upload"), UploadMime(bytes),
                  static_cast<std::int64_t>(bytes.size()), Now()};
    repo::InsertUpload(*c, id, u, crypto::Sha256(bytes), bytes, user_id);
    auto detail = Refresh(*c, who, id, std::nullopt);
    tx.Commit();
    return detail;
}

std::pair<UploadInfo, std::string> ApplicationService::Download(const Principal& p, std::int64_t upload_id) {
    auto c = database_.Acquire();
    auto found = repo::FindUpload(*c, upload_id);
    if (!found || !repo::FindApplication(*c, ReaderOf(*c, p), found->application_id))
        throw Error::NotFound("enrollment.upload_not_found", "找不到该材料", "No such upload");
    return {found->info, std::move(found->bytes)};
}

ApplicationDetail ApplicationService::Withdraw(const Principal& guardian, std::int64_t id) {
    FamilyOnly(guardian);
    auto c = database_.Acquire();
    const auto who = ReaderOf(*c, guardian);
    db::Transaction tx(*c, db::TxMode::kWrite);
    auto d = Load(*c, who, id);
    if (d.record.status == ApplicationStatus::kWithdrawn || d.season.status == SeasonStatus::kAdmitted ||
        d.season.status == SeasonStatus::kPublished)
        throw Error::Conflict("enrollment.cannot_withdraw", "录取后或已撤回的申请不能撤回",
                              "An application cannot be withdrawn after the run or twice", "status");
    d.record.status = ApplicationStatus::kWithdrawn;
    repo::UpdateApplication(*c, d.record, std::nullopt, Now());
    tx.Commit();
    return Load(*c, who, id);
}

Appeal ApplicationService::FileAppeal(const Principal& guardian, std::int64_t id, const std::string& reason) {
    FamilyOnly(guardian);
    if (reason.size() < 10 || reason.size() > 1500)
        throw Error::Unprocessable("enrollment.bad_reason", "申诉理由应为 10 至 500 字", "A reason is 10 to 500 characters",
                                   "reason");
    auto c = database_.Acquire();
    const auto who = ReaderOf(*c, guardian);
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto d = Load(*c, who, id);
    if (d.record.status != ApplicationStatus::kRejected && d.season.status != SeasonStatus::kPublished)
        throw Error::Conflict("enrollment.cannot_appeal", "审核未通过或录取结果公布后才能申诉",
                              "An appeal follows a rejection or the published result", "status");
    for (const auto& a : d.appeals)
        if (a.status == "open")
            throw Error::Conflict("enrollment.appeal_open", "已有一件申诉正在处理", "An appeal is already open", "reason");
    Appeal a;
    a.application_id = id;
    a.season_id = d.record.season_id;
    a.org_path = d.season.org_path;  // the county answers appeals
    a.reason = reason;
    a.created_at = Now();
    const auto appeal_id = repo::InsertAppeal(*c, a, guardian.user_id);
    tx.Commit();
    return *repo::FindAppeal(*c, who, appeal_id);
}

Notice ApplicationService::NoticeOf(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    const auto d = Load(*c, ReaderOf(*c, p), id);
    if (!d.placement || !d.placement->school_id)
        throw Error::NotFound("enrollment.no_notice", "尚无录取结果", "No placement yet");
    Notice n{d.season, d.record.child_name, d.record.child_id_masked, d.placement->school_name, "",
             d.placement->placed_by, fmt::format("{}-08-31", d.season.year), d.season.published_at.value_or(""),
             d.placement->rank};
    for (const auto& plan : repo::ListPlans(*c, d.season.id))
        if (plan.school_id == *d.placement->school_id) n.school_address = plan.address;
    return n;
}

}  // namespace kehou::enrollment
