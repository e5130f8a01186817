#pragma once
// Chinese personal names drawn by surname frequency and by the fashions of each generation: a child born in
// the 2010s is 梓涵 or 浩宇, a parent born in the 1980s 丽娜 or 海涛, a grandparent 秀英 or 建国.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "demo/city.hpp"
#include "demo/random.hpp"

namespace kehou::demo {

/// Whose fashion a given name follows.
enum class Generation { kChild, kParent, kGrandparent };

/// Draws surnames with a unit's local weights, and given names by sex and generation.
class NameMaker {
public:
    explicit NameMaker(std::span<const SurnameBoost> boosts);

    std::string_view Surname(Rng& rng) const;
    /// Appends a given name of one or two characters. Children get one character about a quarter of the time.
    void AppendGivenName(std::string& out, Rng& rng, bool male, Generation generation) const;

private:
    std::vector<std::string_view> surnames_;
    std::vector<std::uint32_t> cumulative_;
};

}  // namespace kehou::demo
