#include "institutions/case_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "db/transaction.hpp"
#include "institutions/case_repo.hpp"
#include "institutions/escrow_service.hpp"
#include "institutions/repo.hpp"
#include "institutions/rules.hpp"
#include "institutions/scope.hpp"
#include "io/upload_file.hpp"

namespace kehou::institutions {
namespace {

std::string Now() { return FormatShanghai(std::chrono::system_clock::now()); }

Error CaseNotFound() { return Error::NotFound("institutions.case_not_found", "找不到该案件", "No such case"); }

// A photo or a PDF, known by its first bytes: a renamed executable is not evidence.
std::string EvidenceMime(std::string_view bytes) {
    if (auto mime = io::PhotoOrPdfMime(bytes)) return *mime;
    throw Error::Unprocessable("institutions.evidence_type", "证据文件须为 JPEG、PNG 照片或 PDF",
                               "Evidence must be a JPEG or PNG photo or a PDF", "file");
}

// The re-inspection a closure rests on: the newest reinspect line, with the files linked to it.
std::optional<Reinspection> LatestReinspection(const InspectionCase& k) {
    for (auto e = k.events.rbegin(); e != k.events.rend(); ++e) {
        if (e->event != ToString(CaseEvent::kReinspect)) continue;
        const int files = static_cast<int>(std::count_if(k.evidence.begin(), k.evidence.end(), [&](const auto& f) {
            return f.event_id == e->id;
        }));
        return Reinspection{RequireIsoDate(e->at.substr(0, 10), "at"), e->passed.value_or(false), files, e->note};
    }
    return std::nullopt;
}

StoredDecision Store(const Decision& d) {
    return {d.kind, d.issuing_authority, d.legal_basis, FormatIsoDate(d.issued_on),
            d.rectify_by ? std::optional<std::string>(FormatIsoDate(*d.rectify_by)) : std::nullopt, d.penalty, d.fine_fen};
}

}  // namespace

CaseService::CaseService(db::Database& database) : database_(database) {}

Page<InspectionCase> CaseService::List(const Principal& p, CaseFilter f) {
    f.page = std::max(1, f.page);
    f.page_size = std::clamp(f.page_size, 1, 200);
    auto c = database_.Acquire();
    return repo::ListCases(*c, p.scope_path, f);
}

bool CaseService::HasOpenCase(const std::string& credit_code) {
    auto c = database_.Acquire();
    return repo::HasOpenCaseFor(*c, credit_code);
}

InspectionCase CaseService::Get(const Principal& p, std::int64_t id) {
    auto c = database_.Acquire();
    auto k = repo::FindCase(*c, p.scope_path, id);
    if (!k) throw CaseNotFound();
    k->events = repo::CaseEvents(*c, id);
    k->evidence = repo::CaseEvidence(*c, id);
    k->allowed_events = AllowedCaseEvents(k->state, p.role);
    return *k;
}

InspectionCase CaseService::ForWrite(const Principal& p, std::int64_t id) {
    {
        auto c = database_.Acquire();
        if (!repo::FindCase(*c, p.scope_path, id)) {
            if (repo::FindCase(*c, "/", id))
                throw OutOfScope("该案件", "That case");
            throw CaseNotFound();
        }
    }
    return Get(p, id);
}

InspectionCase CaseService::Open(const Principal& p, const CaseOpening& in) {
    RequireIsoDate(in.scheduled_for, "scheduled_for");
    auto c = database_.Acquire();
    const auto institution = InstitutionForWrite(*c, p, in.institution_id);
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto now = Now();
    const auto id = repo::InsertCase(*c, in, institution.org_path, p.user_id, now);
    repo::InsertCaseEvent(*c, id, {0, CaseState::kScheduled, CaseState::kScheduled, "open", p.user_id, "",
                                   std::string(RoleName(p.role)), now, in.note, std::nullopt});
    tx.Commit();
    return Get(p, id);
}

InspectionCase CaseService::Act(const Principal& p, std::int64_t case_id, const CaseAction& a) {
    const InspectionCase k = ForWrite(p, case_id);
    const auto reinspection = a.event == CaseEvent::kClose ? LatestReinspection(k) : std::nullopt;
    const CaseState next = NextCaseState(k.state, a.event, p.role, reinspection);
    if (a.event == CaseEvent::kIssueDecision) {
        if (!a.decision)
            throw Error::Unprocessable("institutions.decision_required", "下达处理决定须填写决定内容",
                                       "Issuing a decision needs the decision", "decision");
        ValidateDecision(*a.decision, k.state);
    }
    if (a.event == CaseEvent::kReinspect && !a.passed)
        throw Error::Unprocessable("institutions.reinspection_outcome", "复查须填写是否整改到位",
                                   "A re-inspection records whether the problems were fixed", "passed");
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    const auto now = Now();
    if (!repo::MoveCase(*c, case_id, k.state, next, !CaseIsOpen(next), now))
        throw Error::Conflict("institutions.case_moved", "案件状态已被他人更新，请刷新后重试",
                              "Someone else moved the case first; reload it", "state");
    const auto event_id = repo::InsertCaseEvent(
        *c, case_id, {0, k.state, next, std::string(ToString(a.event)), p.user_id, "", std::string(RoleName(p.role)),
                      now, a.note, a.event == CaseEvent::kReinspect ? a.passed : std::nullopt});
    if (repo::AttachEvidence(*c, case_id, event_id, a.evidence_ids) != static_cast<int>(a.evidence_ids.size()))
        throw Error::Unprocessable("institutions.evidence_unavailable", "所选证据不属于本案件或已关联其他环节",
                                   "An evidence file is not this case's or is already linked", "evidence_ids");
    auto institution = repo::FindInstitution(*c, "/", k.institution_id);
    InstitutionStatus status = institution->status;
    if (a.decision) {
        repo::SetDecision(*c, case_id, Store(*a.decision));
        status = StatusAfterDecision(status, *a.decision);
    }
    if (next == CaseState::kClosed) status = StatusAfterCaseClosed(status);
    if (status != institution->status) {
        repo::SetInstitutionStatus(*c, k.institution_id, status, now);
        EscrowService::RaiseClosureAlerts(*c, k.institution_id, now);  // closed with escrow held: issue 6 point 5
    }
    tx.Commit();
    return Get(p, case_id);
}

EvidenceFile CaseService::Upload(const Principal& p, std::int64_t case_id, std::string_view file_name,
                                 std::string_view bytes) {
    if (const auto k = ForWrite(p, case_id); !CaseIsOpen(k.state))
        throw Error::Conflict("institutions.case_closed", fmt::format("案件已“{}”，不能再上传证据", LabelZh(k.state)),
                              fmt::format("The case is {}; no more evidence can be added", ToString(k.state)), "state");
    if (bytes.empty() || bytes.size() > kMaxEvidenceBytes)
        throw Error::Unprocessable("institutions.evidence_size", "证据文件须为 1 字节至 8 MB",
                                   "Evidence files are 1 byte to 8 MiB", "file");
    EvidenceFile f;
    f.mime = EvidenceMime(bytes);
    f.sha256 = crypto::Sha256(bytes);
    f.file_name = io::CleanFileName(file_name, "evidence");
    f.size_bytes = static_cast<std::int64_t>(bytes.size());
    f.uploaded_at = Now();
    auto c = database_.Acquire();
    db::Transaction tx(*c, db::TxMode::kWrite);
    repo::PutBlob(*c, f.sha256, f.mime, bytes);
    f.id = repo::InsertEvidence(*c, case_id, f, p.user_id);
    tx.Commit();
    return f;
}

std::pair<EvidenceFile, std::string> CaseService::Download(const Principal& p, std::int64_t evidence_id) {
    auto c = database_.Acquire();
    auto found = repo::EvidenceContent(*c, p.scope_path, evidence_id);
    if (!found) throw Error::NotFound("institutions.evidence_not_found", "找不到该证据文件", "No such evidence file");
    return std::move(*found);
}

int CaseService::SweepOverdue(const std::string& today) {
    auto c = database_.Acquire();
    int marked = 0;
    for (const auto& k : repo::CasesPastDeadline(*c, today)) {
        const CaseState next = NextCaseStateAutomatic(k.state, CaseEvent::kMarkOverdue);
        db::Transaction tx(*c, db::TxMode::kWrite);
        const auto now = Now();
        if (!repo::MoveCase(*c, k.id, k.state, next, false, now)) continue;  // another process was first
        repo::InsertCaseEvent(*c, k.id, {0, k.state, next, std::string(ToString(CaseEvent::kMarkOverdue)),
                                         std::nullopt, "", "system", now, "整改期限已过（每日自动检查）", std::nullopt});
        tx.Commit();
        ++marked;
    }
    return marked;
}

}  // namespace kehou::institutions
