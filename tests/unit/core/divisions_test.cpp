// The management-unit table, RULES R3.2, R3.3, R3.6.
#include "core/divisions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace kehou {
namespace {

TEST(DivisionTest, JiningHasFourteenCountyLevelUnitsElevenWithAGbtCode) {
    const auto units = ChildrenOf("370800");
    EXPECT_EQ(units.size(), 14u);
    const auto with_code = std::count_if(units.begin(), units.end(), [](auto* u) { return u->gbt2260_code; });
    EXPECT_EQ(with_code, 11);
    for (const auto* unit : units) {
        // Zones and only zones lack a GB/T 2260 code, and no zone borrows one (R3.6).
        EXPECT_EQ(unit->kind == UnitKind::kFunctionalZone, !unit->gbt2260_code.has_value()) << unit->name;
        if (unit->gbt2260_code) {
            EXPECT_EQ(*unit->gbt2260_code, unit->mgmt_code);
        }
        EXPECT_FALSE(unit->name_en.empty()) << unit->name;
    }
}

TEST(DivisionTest, FindsUnitsByManagementCode) {
    const auto* rencheng = FindUnit("370811");
    ASSERT_NE(rencheng, nullptr);
    EXPECT_EQ(rencheng->name, "任城区");
    EXPECT_EQ(rencheng->name_en, "Rencheng District");
    EXPECT_EQ(rencheng->kind, UnitKind::kDistrict);
    EXPECT_EQ(rencheng->parent_code, "370800");
    EXPECT_EQ(FindUnit("370881")->kind, UnitKind::kCountyLevelCity);
    EXPECT_EQ(FindUnit("370826")->kind, UnitKind::kCounty);
    EXPECT_EQ(FindUnit("370800")->kind, UnitKind::kCity);
    const auto* zone = FindUnit("370890");
    ASSERT_NE(zone, nullptr);
    EXPECT_EQ(zone->kind, UnitKind::kFunctionalZone);
    EXPECT_FALSE(zone->gbt2260_code.has_value());
    EXPECT_EQ(FindUnit("370802"), nullptr);  // retired
    EXPECT_EQ(FindUnit(""), nullptr);
}

TEST(DivisionTest, OtherCitiesHaveTheirCountyLevelUnits) {
    EXPECT_EQ(ChildrenOf("371500").size(), 8u);  // 聊城
    EXPECT_EQ(ChildrenOf("370400").size(), 6u);  // 枣庄
    EXPECT_EQ(ChildrenOf("371600").size(), 7u);  // 滨州
    EXPECT_EQ(ChildrenOf("211400").size(), 6u);  // 葫芦岛
    EXPECT_EQ(FindUnit("211402")->name, "连山区");
    EXPECT_EQ(ChildrenOf("370000").size(), 4u);  // the Shandong cities
    EXPECT_TRUE(ChildrenOf("370811").empty());
}

TEST(DivisionTest, CodesAreUniqueAndEveryParentIsACityOrProvince) {
    std::set<std::string> codes;
    for (const auto& unit : ManagementUnits()) {
        EXPECT_TRUE(codes.insert(unit.mgmt_code).second) << unit.mgmt_code;
        EXPECT_EQ(unit.mgmt_code.size(), 6u) << unit.mgmt_code;
        if (unit.kind == UnitKind::kCity) {
            EXPECT_EQ(unit.parent_code.substr(2), "0000") << unit.mgmt_code;
        } else {
            const auto* parent = FindUnit(unit.parent_code);
            ASSERT_NE(parent, nullptr) << unit.mgmt_code;
            EXPECT_EQ(parent->kind, UnitKind::kCity) << unit.mgmt_code;
            EXPECT_EQ(unit.mgmt_code.substr(0, 4), parent->mgmt_code.substr(0, 4)) << unit.mgmt_code;
        }
    }
    EXPECT_EQ(codes.size(), 46u);  // 5 cities + 14 + 8 + 6 + 7 + 6 county-level units
}

TEST(DivisionTest, RetiredCodesMapToCurrentUnits) {
    const std::pair<const char*, const char*> kExpected[] = {
        {"370802", "370811"}, {"370882", "370812"}, {"371624", "371603"}, {"371523", "371503"}, {"371626", "371681"}};
    for (const auto& [retired, successor] : kExpected) {
        EXPECT_EQ(RetiredDivisionSuccessor(retired), successor) << retired;
        EXPECT_NE(FindUnit(successor), nullptr) << successor;
        EXPECT_EQ(FindUnit(retired), nullptr) << retired;
    }
    EXPECT_FALSE(RetiredDivisionSuccessor("370811").has_value());
    EXPECT_FALSE(RetiredDivisionSuccessor("").has_value());
}

TEST(DivisionTest, KindNamesAreStable) {
    EXPECT_EQ(ToString(UnitKind::kCity), "city");
    EXPECT_EQ(ToString(UnitKind::kDistrict), "district");
    EXPECT_EQ(ToString(UnitKind::kCounty), "county");
    EXPECT_EQ(ToString(UnitKind::kCountyLevelCity), "county_level_city");
    EXPECT_EQ(ToString(UnitKind::kFunctionalZone), "functional_zone");
}

}  // namespace
}  // namespace kehou
