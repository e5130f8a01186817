#include "custody/repo_json.hpp"

#include <boost/json.hpp>

#include <sstream>
#include <stdexcept>

namespace kehou::custody::repo {
namespace {

namespace json = boost::json;

template <typename T, typename Parse>
T Must(std::string_view name, Parse parse) {
    const auto v = parse(name);
    if (!v) throw std::runtime_error("custody: unknown stored name " + std::string(name));
    return *v;
}

}  // namespace

std::string TiersText(const PriorityTiers& tiers) {
    json::array out;
    for (const auto& tier : tiers.tiers) {
        json::array names;
        for (const auto g : tier) names.emplace_back(ToString(g));
        out.emplace_back(std::move(names));
    }
    return json::serialize(out);
}

PriorityTiers ParseTiersText(const std::string& text) {
    PriorityTiers out;
    out.tiers.clear();
    const auto parsed = json::parse(text);  // held: a range over a temporary's array would dangle
    for (const auto& tier : parsed.as_array()) {
        std::vector<PriorityGroup> groups;
        for (const auto& g : tier.as_array())
            groups.push_back(Must<PriorityGroup>(g.as_string(), [](std::string_view s) { return ParsePriorityGroup(s); }));
        out.tiers.push_back(std::move(groups));
    }
    return out;
}

std::string ContentText(const std::vector<ContentType>& content) {
    json::array out;
    for (const auto t : content) out.emplace_back(ToString(t));
    return json::serialize(out);
}

std::vector<ContentType> ParseContentText(const std::string& text) {
    std::vector<ContentType> out;
    const auto parsed = json::parse(text);
    for (const auto& t : parsed.as_array())
        out.push_back(Must<ContentType>(t.as_string(), [](std::string_view s) { return ParseContentType(s); }));
    return out;
}

std::string ActivitiesText(const std::vector<Activity>& activities) {
    json::array out;
    for (const auto& a : activities) out.push_back(json::object{{"type", ToString(a.type)}, {"title", a.title}});
    return json::serialize(out);
}

std::vector<Activity> ParseActivitiesText(const std::string& text) {
    std::vector<Activity> out;
    const auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        out.push_back({Must<ContentType>(o.at("type").as_string(), [](std::string_view s) { return ParseContentType(s); }),
                       std::string(o.at("title").as_string())});
    }
    return out;
}

std::string GroupsText(const std::vector<PriorityGroup>& groups) {
    std::string out;
    for (const auto g : groups) out += (out.empty() ? "" : " ") + std::string(ToString(g));
    return out;
}

std::vector<PriorityGroup> ParseGroupsText(const std::string& text) {
    std::vector<PriorityGroup> out;
    std::istringstream in(text);
    std::string name;
    while (in >> name) out.push_back(Must<PriorityGroup>(name, [](std::string_view s) { return ParsePriorityGroup(s); }));
    return out;
}

}  // namespace kehou::custody::repo
