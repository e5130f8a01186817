#pragma once
// How the custody tables store lists as JSON text (priority tiers, content types, activities): the repository's
// own format, read back strictly — a stored name the code no longer knows is a bug, not input.

#include <string>
#include <vector>

#include "custody/model.hpp"

namespace kehou::custody::repo {

std::string TiersText(const PriorityTiers& tiers);
PriorityTiers ParseTiersText(const std::string& text);
std::string ContentText(const std::vector<ContentType>& content);
std::vector<ContentType> ParseContentText(const std::string& text);
std::string ActivitiesText(const std::vector<Activity>& activities);
std::vector<Activity> ParseActivitiesText(const std::string& text);
/// Groups as stored in a TEXT column: "military low_income".
std::string GroupsText(const std::vector<PriorityGroup>& groups);
std::vector<PriorityGroup> ParseGroupsText(const std::string& text);

}  // namespace kehou::custody::repo
