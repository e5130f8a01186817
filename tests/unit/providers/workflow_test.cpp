// The provider status machine, RULES R2.3b–c, R2.4 and R6.5: every (status, event) pair legal or illegal as the
// graph says, who may take each move for every role, the reasons a move needs, the open inspection case, and when a
// new application may follow a final record.
#include "providers/workflow.hpp"

#include <gtest/gtest.h>

#include <map>

namespace kehou::providers {
namespace {

using S = ProviderStatus;
using E = ProviderEvent;

constexpr S kStatuses[] = {S::kApplied, S::kAdmitted, S::kRejected, S::kSuspended, S::kExited};
constexpr E kEvents[] = {E::kAdmit, E::kReject, E::kSuspend, E::kReinstate, E::kExit};
constexpr Role kRoles[] = {Role::kCityAdmin, Role::kDistrictAdmin, Role::kSchoolAdmin, Role::kTeacher,
                           Role::kGuardian,  Role::kProvider,      Role::kInspector};
constexpr ExitReason kReasons[] = {ExitReason::kEvaluation, ExitReason::kRecruitingInSchool, ExitReason::kVoluntary,
                                   ExitReason::kLicenceRevoked};

Date D(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// The graph as issue 9 and workflow.hpp draw it, written out independently of the table.
const std::map<std::pair<S, E>, S>& Expected() {
    static const std::map<std::pair<S, E>, S> edges = {
        {{S::kApplied, E::kAdmit}, S::kAdmitted},     {{S::kApplied, E::kReject}, S::kRejected},
        {{S::kAdmitted, E::kSuspend}, S::kSuspended}, {{S::kSuspended, E::kReinstate}, S::kAdmitted},
        {{S::kAdmitted, E::kExit}, S::kExited},       {{S::kSuspended, E::kExit}, S::kExited},
    };
    return edges;
}

/// A move with everything it could need: a reason, an exit reason, no open case.
Move Full(E event, ExitReason why = ExitReason::kEvaluation) {
    return Move{.event = event, .reason = "评价不合格", .exit_reason = why, .open_inspection_case = false};
}

Error Refusal(S from, const Move& m, Role role) {
    try {
        NextStatus(from, m, role);
    } catch (const Error& e) {
        return e;
    }
    return Error::Internal("accepted");
}

TEST(ProviderWorkflowTest, TheTableIsExactlyTheDocumentedGraph) {
    std::map<std::pair<S, E>, S> table;
    for (const auto& t : StatusTransitions()) EXPECT_TRUE(table.emplace(std::pair{t.from, t.event}, t.to).second);
    EXPECT_EQ(table, Expected());
}

TEST(ProviderWorkflowTest, EveryStatusAndEventPairIsLegalOrRefusedWithTheCurrentStatus) {
    for (const auto from : kStatuses)
        for (const auto event : kEvents) {
            const auto edge = Expected().find({from, event});
            const std::string what = std::string(ToString(from)) + " -" + std::string(ToString(event)) + "->";
            if (edge != Expected().end()) {
                EXPECT_EQ(NextStatus(from, Full(event), Role::kDistrictAdmin), edge->second) << what;
                continue;
            }
            // The state is checked before the role: whoever asks learns the move does not exist from here.
            for (const auto role : kRoles) {
                const Error e = Refusal(from, Full(event), role);
                EXPECT_EQ(e.http_status(), 409) << what << " by " << RoleName(role);
                EXPECT_EQ(e.code(), "providers.illegal_transition") << what;
                EXPECT_EQ(e.field(), "status");
                ASSERT_EQ(e.details().size(), 2u);
                EXPECT_EQ(std::get<std::string>(e.details()[0].second), ToString(from));
            }
        }
}

TEST(ProviderWorkflowTest, OnlyTheCountyMovesAProviderAndTheProviderOnlyLeavesVoluntarily) {
    for (const auto& [edge, to] : Expected())
        for (const auto role : kRoles)
            for (const auto why : kReasons) {
                const auto [from, event] = edge;
                const bool allowed = role == Role::kDistrictAdmin ||
                                     (role == Role::kProvider && event == E::kExit && why == ExitReason::kVoluntary);
                const std::string what = std::string(ToString(from)) + " -" + std::string(ToString(event)) + "-> by " +
                                         std::string(RoleName(role)) + " for " + std::string(ToString(why));
                EXPECT_EQ(MayTake(event, why, role), allowed) << what;
                if (allowed) {
                    EXPECT_EQ(NextStatus(from, Full(event, why), role), to) << what;
                } else {
                    const Error e = Refusal(from, Full(event, why), role);
                    EXPECT_EQ(e.http_status(), 403) << what;
                    EXPECT_EQ(e.code(), "providers.role_forbidden") << what;
                }
            }
}

TEST(ProviderWorkflowTest, ASchoolTryingToAdmitIsToldTheCountyAdmits) {
    const Error e = Refusal(S::kApplied, Full(E::kAdmit), Role::kSchoolAdmin);
    EXPECT_EQ(e.http_status(), 403);
    EXPECT_NE(e.message_zh().find("学校不得自行引入第三方机构"), std::string::npos);
    EXPECT_NE(e.message_en().find("R2.3c"), std::string::npos);
}

TEST(ProviderWorkflowTest, RejectingAndSuspendingNeedAReason) {
    for (const auto& [from, event] : {std::pair{S::kApplied, E::kReject}, std::pair{S::kAdmitted, E::kSuspend}}) {
        for (const char* blank : {"", "  ", "\u3000"}) {
            const Error e = Refusal(from, Move{.event = event, .reason = blank}, Role::kDistrictAdmin);
            EXPECT_EQ(e.http_status(), 422);
            EXPECT_EQ(e.code(), "providers.reason_required");
            EXPECT_EQ(e.field(), "reason");
        }
        EXPECT_NO_THROW(NextStatus(from, Move{.event = event, .reason = "资质材料不全"}, Role::kDistrictAdmin));
    }
    // Admission and reinstatement need none.
    EXPECT_EQ(NextStatus(S::kApplied, Move{.event = E::kAdmit}, Role::kDistrictAdmin), S::kAdmitted);
    EXPECT_EQ(NextStatus(S::kSuspended, Move{.event = E::kReinstate}, Role::kDistrictAdmin), S::kAdmitted);
}

TEST(ProviderWorkflowTest, AnExitNeedsItsReasonBeforeAnyoneIsAsked) {
    for (const auto role : {Role::kDistrictAdmin, Role::kProvider}) {
        const Error e = Refusal(S::kAdmitted, Move{.event = E::kExit}, role);
        EXPECT_EQ(e.http_status(), 422) << RoleName(role);
        EXPECT_EQ(e.code(), "providers.exit_reason_required");
        EXPECT_EQ(e.field(), "exit_reason");
    }
    // The exit reason is the reason: no free text is required.
    EXPECT_EQ(
        NextStatus(S::kSuspended, Move{.event = E::kExit, .exit_reason = ExitReason::kVoluntary}, Role::kProvider),
        S::kExited);
}

TEST(ProviderWorkflowTest, AnOpenInspectionCaseBlocksAdmissionAndReinstatementOnly) {
    for (const auto& [from, event] : {std::pair{S::kApplied, E::kAdmit}, std::pair{S::kSuspended, E::kReinstate}}) {
        Move m = Full(event);
        m.open_inspection_case = true;
        const Error e = Refusal(from, m, Role::kDistrictAdmin);
        EXPECT_EQ(e.http_status(), 422);
        EXPECT_EQ(e.code(), "providers.open_inspection_case");
        EXPECT_EQ(e.field(), "open_inspection_case");
    }
    // Rejecting, suspending and exiting a provider under inspection is exactly what a county may want.
    for (const auto& [from, event] : {std::pair{S::kApplied, E::kReject}, std::pair{S::kAdmitted, E::kSuspend},
                                      std::pair{S::kSuspended, E::kExit}}) {
        Move m = Full(event, ExitReason::kLicenceRevoked);
        m.open_inspection_case = true;
        EXPECT_NO_THROW(NextStatus(from, m, Role::kDistrictAdmin)) << ToString(event);
    }
}

TEST(ProviderWorkflowTest, TheButtonsEachRoleSees) {
    using V = std::vector<E>;
    EXPECT_EQ(AllowedEvents(S::kApplied, Role::kDistrictAdmin), (V{E::kAdmit, E::kReject}));
    EXPECT_EQ(AllowedEvents(S::kAdmitted, Role::kDistrictAdmin), (V{E::kSuspend, E::kExit}));
    EXPECT_EQ(AllowedEvents(S::kSuspended, Role::kDistrictAdmin), (V{E::kReinstate, E::kExit}));
    EXPECT_EQ(AllowedEvents(S::kAdmitted, Role::kProvider), V{E::kExit});
    EXPECT_EQ(AllowedEvents(S::kSuspended, Role::kProvider), V{E::kExit});
    EXPECT_TRUE(AllowedEvents(S::kApplied, Role::kProvider).empty());
    for (const auto s : kStatuses) {
        EXPECT_TRUE(AllowedEvents(s, Role::kSchoolAdmin).empty());
        EXPECT_TRUE(AllowedEvents(s, Role::kCityAdmin).empty());
    }
    for (const auto s : {S::kRejected, S::kExited})
        for (const auto role : kRoles) EXPECT_TRUE(AllowedEvents(s, role).empty());
}

TEST(ProviderWorkflowTest, OnlyAdmittedIsOnTheWhiteListAndOnlyRejectedAndExitedAreFinal) {
    for (const auto s : kStatuses) {
        EXPECT_EQ(OnWhiteList(s), s == S::kAdmitted) << ToString(s);
        EXPECT_EQ(IsFinal(s), s == S::kRejected || s == S::kExited) << ToString(s);
    }
    EXPECT_TRUE(BlackListed(ExitReason::kRecruitingInSchool));
    EXPECT_TRUE(BlackListed(ExitReason::kLicenceRevoked));
    EXPECT_FALSE(BlackListed(ExitReason::kEvaluation));
    EXPECT_FALSE(BlackListed(ExitReason::kVoluntary));
}

Error Reapplying(const std::vector<PastRecord>& records, Date today, const AdmissionPolicy& p = {}) {
    try {
        CheckNewApplication(records, today, p);
    } catch (const Error& e) {
        return e;
    }
    return Error::Internal("accepted");
}

TEST(ProviderWorkflowTest, ANewApplicationFollowsOnlyAFinalRecord) {
    const Date today = D(2026, 9, 1);
    EXPECT_NO_THROW(CheckNewApplication({}, today, {}));
    EXPECT_NO_THROW(
        CheckNewApplication({{S::kRejected}, {S::kExited, ExitReason::kVoluntary, D(2026, 8, 31)}}, today, {}));
    for (const auto open : {S::kApplied, S::kAdmitted, S::kSuspended}) {
        const Error e = Reapplying({{S::kRejected}, {open}}, today);
        EXPECT_EQ(e.http_status(), 409) << ToString(open);
        EXPECT_EQ(e.code(), "providers.application_open");
        EXPECT_EQ(e.field(), "credit_code");
    }
    for (const auto why : {ExitReason::kRecruitingInSchool, ExitReason::kLicenceRevoked})
        EXPECT_EQ(Reapplying({{S::kExited, why, D(2020, 1, 1)}}, today).code(), "providers.black_listed");
}

TEST(ProviderWorkflowTest, AfterAFailedEvaluationTheProviderWaitsTwelveMonths) {
    const std::vector<PastRecord> exited = {{S::kExited, ExitReason::kEvaluation, D(2026, 2, 1)}};
    const Error e = Reapplying(exited, D(2027, 1, 31));
    EXPECT_EQ(e.code(), "providers.reapply_too_soon");
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(std::get<std::string>(e.details()[0].second), "2027-02-01");
    EXPECT_NO_THROW(CheckNewApplication(exited, D(2027, 2, 1), {}));
    EXPECT_NO_THROW(CheckNewApplication(exited, D(2026, 2, 2), {.reapply_after_evaluation_exit_months = 0}));
}

TEST(ProviderWorkflowTest, StoredCodesRoundTrip) {
    for (const auto s : kStatuses) EXPECT_EQ(ParseProviderStatus(ToString(s)), s);
    for (const auto e : kEvents) EXPECT_EQ(ParseProviderEvent(ToString(e)), e);
    for (const auto r : kReasons) EXPECT_EQ(ParseExitReason(ToString(r)), r);
    for (const auto k :
         {QualificationKind::kTeacherCertificate, QualificationKind::kCoachCertificate, QualificationKind::kOther})
        EXPECT_EQ(ParseQualificationKind(ToString(k)), k);
    for (const auto o : {Outcome::kPass, Outcome::kWarning, Outcome::kExit, Outcome::kNotRated})
        EXPECT_EQ(ParseOutcome(ToString(o)), o);
    EXPECT_EQ(ToString(ExitReason::kRecruitingInSchool), "recruiting_in_school");
    EXPECT_FALSE(ParseProviderStatus("whitelisted"));
}

}  // namespace
}  // namespace kehou::providers
