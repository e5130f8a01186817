#include "homework/model.hpp"

#include <array>
#include <utility>

#include "core/enum_codes.hpp"

namespace kehou::homework {
namespace {

constexpr std::array<std::pair<HomeworkType, std::string_view>, 5> kTypes{{{HomeworkType::kWritten, "written"},
                                                                           {HomeworkType::kReading, "reading"},
                                                                           {HomeworkType::kOral, "oral"},
                                                                           {HomeworkType::kPractical, "practical"},
                                                                           {HomeworkType::kInquiry, "inquiry"}}};
constexpr std::array<std::pair<DayKind, std::string_view>, 2> kDayKinds{
    {{DayKind::kSchoolDay, "school_day"}, {DayKind::kRestDay, "rest_day"}}};
constexpr std::array<std::pair<AssignmentStatus, std::string_view>, 4> kStatuses{
    {{AssignmentStatus::kPendingApproval, "pending_approval"},
     {AssignmentStatus::kPublished, "published"},
     {AssignmentStatus::kRejected, "rejected"},
     {AssignmentStatus::kWithdrawn, "withdrawn"}}};

}  // namespace

std::string_view ToString(HomeworkType t) { return CodeOf(kTypes, t); }
std::optional<HomeworkType> ParseHomeworkType(std::string_view s) { return ParseCode(kTypes, s); }
std::string_view ToString(DayKind k) { return CodeOf(kDayKinds, k); }
std::optional<DayKind> ParseDayKind(std::string_view s) { return ParseCode(kDayKinds, s); }
std::string_view ToString(AssignmentStatus s) { return CodeOf(kStatuses, s); }
std::optional<AssignmentStatus> ParseAssignmentStatus(std::string_view s) { return ParseCode(kStatuses, s); }

}  // namespace kehou::homework
