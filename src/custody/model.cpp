#include "custody/model.hpp"

#include <array>
#include <utility>

#include "core/enum_codes.hpp"

namespace kehou::custody {
namespace {

// The API and database names; one table each so ToString and Parse cannot drift apart.
constexpr std::array<std::pair<ContentType, std::string_view>, 9> kContentNames{{
    {ContentType::kReading, "reading"},
    {ContentType::kHomeworkHelp, "homework_help"},
    {ContentType::kSport, "sport"},
    {ContentType::kArt, "art"},
    {ContentType::kGames, "games"},
    {ContentType::kLabour, "labour"},
    {ContentType::kScience, "science"},
    {ContentType::kPractice, "practice"},
    {ContentType::kRest, "rest"},
}};

constexpr std::array<std::pair<PriorityGroup, std::string_view>, 5> kGroupNames{{
    {PriorityGroup::kDualIncome, "dual_income"},
    {PriorityGroup::kMigrantWorker, "migrant_worker"},
    {PriorityGroup::kLowIncome, "low_income"},
    {PriorityGroup::kMilitary, "military"},
    {PriorityGroup::kLeftBehind, "left_behind"},
}};

// An enum value with no entry in its table: named, not left empty, so a log line still reads.
template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
    const auto code = CodeOf(table, e);
    return code.empty() ? std::string_view("unknown") : code;
}

}  // namespace

std::string_view ToString(ContentType t) {
    return NameOf(kContentNames, t);
}
std::optional<ContentType> ParseContentType(std::string_view s) {
    return ParseCode(kContentNames, s);
}

const std::vector<ContentType>& AllContentTypes() {
    static const std::vector<ContentType> all = [] {
        std::vector<ContentType> v;
        for (const auto& [value, name] : kContentNames) v.push_back(value);
        return v;
    }();
    return all;
}

std::string_view ToString(PriorityGroup g) {
    return NameOf(kGroupNames, g);
}
std::optional<PriorityGroup> ParsePriorityGroup(std::string_view s) {
    return ParseCode(kGroupNames, s);
}

}  // namespace kehou::custody
