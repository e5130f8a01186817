// 人工审核 Schools and the county review what the departments could not vouch for: each upload beside the facts it
// replaces, accepted with the facts read off the paper or returned with a note; an application refused as a whole;
// a child the run left unplaced placed by hand; the families' appeals answered.
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "db/transaction.hpp"
#include "enrollment/application_service.hpp"
#include "enrollment/dossier_json.hpp"

namespace kehou::enrollment {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }
Date Today() { return *ParseIsoDate(ShanghaiDate(std::chrono::system_clock::now())); }

void CheckNote(const std::optional<std::string>& note, const char* field) {
    if (!note || note->size() < 2 || note->size() > 1500)
        throw Error::Unprocessable("enrollment.note_required", "请填写说明（2 至 500 字）", "A note of 2 to 500 characters is required",
                                   field);
}

// The reviewer's records read through the department's schema; the first problem is named by its place.
void CheckRecords(const ReviewInput& in, const crypto::PiiVault& vault) {
    if (in.records.empty() && in.department != Department::kProperty)
        throw Error::Unprocessable("enrollment.records_required", "请填写从材料上读取的信息", "Enter the facts read off the paper",
                                   "records");
    const IdHasher hasher = [&vault](std::string_view id) { return vault.LookupHash(id); };
    for (std::size_t i = 0; i < in.records.size(); ++i) {
        const auto parsed = ParseFieldRecord(in.department, in.records[i], hasher, Today());
        if (!parsed.problems.empty()) {
            const auto& p = parsed.problems.front();
            throw Error::Unprocessable("enrollment.bad_record", p.message_zh, p.message_en,
                                       fmt::format("records[{}].{}", i, p.field));
        }
    }
}

// The plain identity numbers a reviewer typed (a birth certificate's parents) become hashes before they are kept.
std::vector<FieldMap> HashedRecords(const ReviewInput& in, const crypto::PiiVault& vault) {
    std::vector<FieldMap> out;
    for (auto fields : in.records) {
        for (const char* prefix : {"father_", "mother_"}) {
            const auto plain = fields.find(std::string(prefix) + "id_number");
            if (plain == fields.end()) continue;
            if (!plain->second.empty()) fields[std::string(prefix) + "id_hash"] = vault.LookupHash(plain->second);
            fields.erase(plain);
        }
        out.push_back(std::move(fields));
    }
    return out;
}

bool BeforeRun(const Season& s) { return s.status == SeasonStatus::kOpen || s.status == SeasonStatus::kClosed; }

}  // namespace

ApplicationDetail ApplicationService::ForReview(db::Connection& c, const Principal& p, std::int64_t id) {
    auto d = Load(c, {"/", std::nullopt}, id);
    // A school reviews its catchment's applicants, the county all of its own (403 outside: the write is refused).
    if (p.role == Role::kGuardian || !p.Covers(d.record.org_path))
        throw Error::Forbidden("enrollment.not_your_applicant", "该申请不属于您的审核范围",
                               "This application is not yours to review");
    if (!BeforeRun(d.season))
        throw Error::Conflict("enrollment.season_state", "录取已进行，不能再审核", "The run is made; reviews are closed", "status");
    return d;
}

ApplicationDetail ApplicationService::Review(const Principal& p, std::int64_t id, const ReviewInput& in) {
    if (in.decision == ReviewDecision::kReturned) CheckNote(in.note, "note");
    else CheckRecords(in, vault_);
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto d = ForReview(*c, p, id);
    bool waiting = false;
    for (std::size_t i = 0; i < d.dossier.sources.size(); ++i)
        waiting = waiting || (d.dossier.sources[i].department == in.department && d.progress[i] == SourceProgress::kInReview);
    if (!waiting || d.record.status != ApplicationStatus::kInReview)
        throw Error::Conflict("enrollment.nothing_to_review", "该项材料没有待审核的上传", "No upload of this source waits for review",
                              "department");
    ReviewInfo r{in.department, in.decision, {}, in.note, Now()};
    if (in.decision == ReviewDecision::kAccepted) r.records = HashedRecords(in, vault_);
    repo::InsertReview(*c, id, r, p.user_id);
    auto out = Refresh(*c, ReaderOf(*c, p), id, p.user_id);
    tx.Commit();
    return out;
}

ApplicationDetail ApplicationService::Reject(const Principal& p, std::int64_t id, const std::string& note) {
    CheckNote(note, "note");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    auto d = ForReview(*c, p, id);
    if (d.record.status == ApplicationStatus::kRejected || d.record.status == ApplicationStatus::kWithdrawn)
        throw Error::Conflict("enrollment.application_state", "该申请已结束", "The application is closed", "status");
    d.record.status = ApplicationStatus::kRejected;
    d.record.decided_at = Now();
    d.record.decision_note = note;
    repo::UpdateApplication(*c, d.record, p.user_id, Now());
    tx.Commit();
    return Load(*c, ReaderOf(*c, p), id);
}

ApplicationDetail ApplicationService::Place(const Principal& p, std::int64_t id, std::int64_t school_id) {
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto d = Load(*c, {"/", std::nullopt}, id);
    if (!p.Covers(d.season.org_path))
        throw Error::Forbidden("enrollment.county_only", "只有区县教育局可以统筹安排", "Only the county places a child by hand");
    if (d.season.status != SeasonStatus::kAdmitted || !d.placement ||
        (d.placement->placed_by != "unplaced" && d.placement->placed_by != "county_manual"))
        throw Error::Conflict("enrollment.not_unplaced", "只能为录取后未安排的儿童统筹安排",
                              "Only a child the run left unplaced is placed by hand, before publication", "status");
    std::optional<std::string> path;
    for (const auto& plan : repo::ListPlans(*c, d.season.id))
        if (plan.school_id == school_id && !plan.is_private) path = plan.org_path;
    if (!path)
        throw Error::Unprocessable("enrollment.bad_school", "请选择本招生季的公办学校", "Choose a public school of this season",
                                   "school_id");
    repo::PutManualPlacement(*c, d.season.id, id, school_id, *path, Now());
    tx.Commit();
    return Load(*c, ReaderOf(*c, p), id);
}

std::vector<Appeal> ApplicationService::Appeals(const Principal& p, std::optional<std::int64_t> season_id,
                                                std::optional<std::string> status) {
    auto c = database_.Acquire();
    return repo::ListAppeals(*c, ReaderOf(*c, p), season_id, std::nullopt, std::move(status));
}

Appeal ApplicationService::DecideAppeal(const Principal& p, std::int64_t appeal_id, bool upheld, const std::string& reply) {
    CheckNote(reply, "reply");
    auto c = database_.Acquire();
    const auto who = ReaderOf(*c, p);
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto appeal = repo::FindAppeal(*c, {"/", std::nullopt}, appeal_id);
    if (!appeal) throw Error::NotFound("enrollment.appeal_not_found", "找不到该申诉", "No such appeal");
    if (!p.Covers(appeal->org_path))
        throw Error::Forbidden("enrollment.county_only", "申诉由区县教育局答复", "The county answers appeals");
    if (!repo::DecideAppeal(*c, appeal_id, upheld ? "upheld" : "dismissed", reply, p.user_id, Now()))
        throw Error::Conflict("enrollment.appeal_decided", "该申诉已答复", "The appeal is already answered", "status");
    // Upholding an appeal against a refusal puts the application back before the reviewers.
    if (auto a = repo::FindApplication(*c, {"/", std::nullopt}, appeal->application_id);
        upheld && a && a->status == ApplicationStatus::kRejected) {
        a->status = ApplicationStatus::kInReview;
        a->decided_at.reset();
        a->decision_note.reset();
        repo::UpdateApplication(*c, *a, std::nullopt, Now());
        Refresh(*c, {"/", std::nullopt}, a->id, p.user_id);
    }
    tx.Commit();
    return *repo::FindAppeal(*c, who, appeal_id);
}

}  // namespace kehou::enrollment
