#include "enrollment/json_io.hpp"

#include "enrollment/dossier_json.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace kehou::enrollment {
namespace {

json::array IdsJson(const std::vector<std::int64_t>& ids) {
    json::array out;
    for (const auto id : ids) out.push_back(id);
    return out;
}

json::array StringsJson(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& s : items) out.push_back(json::value(s));
    return out;
}

json::object FieldsJson(const FieldMap& fields) {
    json::object o;
    for (const auto& [k, v] : fields) o[k] = v;
    return o;
}

// One line of the dossier: a fact, its value as the family reads it, and where it came from.
struct FactLine {
    std::string fact, label_zh, label_en, value;
};

std::string Field(const FieldMap& f, const char* name) {
    const auto it = f.find(name);
    return it == f.end() ? std::string() : it->second;
}

std::string_view OwnerZh(const std::string& owner) {
    if (owner == "parent") return "父母";
    if (owner == "child") return "儿童本人";
    if (owner == "paternal_grandparent") return "祖父母";
    if (owner == "maternal_grandparent") return "外祖父母";
    return "其他人";
}

std::vector<FactLine> LinesOf(Department d, const Record& record) {
    const auto f = RecordFields(record);
    const bool mother = Field(f, "holder") == "mother";
    switch (d) {
        case Department::kHousehold:
            return {{"hukou_address", "户籍地址", "Registered address",
                     fmt::format("{}（社区代码 {}）", Field(f, "address"), Field(f, "community_code"))},
                    {"hukou_move_in", "户籍迁入日期", "Registration moved in", Field(f, "move_in_date")}};
        case Department::kProperty:
            return {{"property", "房产", "Home",
                     fmt::format("{}名下，产权 {}%，社区代码 {}，{} 登记", OwnerZh(Field(f, "owner")),
                                 Field(f, "share_percent"), Field(f, "community_code"), Field(f, "certificate_date"))}};
        case Department::kInsurance:
            return {{mother ? "mother.social_insurance" : "father.social_insurance", mother ? "母亲社保" : "父亲社保",
                     mother ? "Mother's social insurance" : "Father's social insurance",
                     fmt::format("{} 至 {} 连续缴纳", Field(f, "period_from"), Field(f, "period_to"))}};
        case Department::kPermit:
            return {{mother ? "mother.residence_permit" : "father.residence_permit", mother ? "母亲居住证" : "父亲居住证",
                     mother ? "Mother's residence permit" : "Father's residence permit",
                     fmt::format("{} 至 {}，居住社区代码 {}", Field(f, "issue_date"), Field(f, "period_to"),
                                 Field(f, "community_code"))}};
        case Department::kBirth:
            return {{"birth_date", "出生日期", "Date of birth", Field(f, "birth_date")}};
        case Department::kStudent:
            return {{"primary_school", "毕业小学", "Primary school finished",
                     fmt::format("学校标识码 {}，{} 年毕业", Field(f, "school_code"), Field(f, "graduation_year"))}};
    }
    return {};
}

json::object FactJson(const FactLine& l, const std::string& source_zh, std::optional<Department> d) {
    return {{"fact", l.fact}, {"label_zh", l.label_zh}, {"label_en", l.label_en}, {"value", l.value},
            {"source_zh", source_zh}, {"department", d ? json::value(ToString(*d)) : json::value(nullptr)}};
}

json::array FactsJson(const ApplicationDetail& d) {
    json::array out;
    for (const auto& a : d.effective) {
        if (a.status != SourceStatus::kVerified) continue;
        const bool reviewed = std::any_of(d.reviews.begin(), d.reviews.end(), [&](const ReviewInfo& r) {
            return r.department == a.department && r.decision == ReviewDecision::kAccepted;
        }) && std::any_of(d.record.answers.begin(), d.record.answers.end(), [&](const DepartmentAnswer& o) {
            return o.department == a.department && o.status != SourceStatus::kVerified;
        });
        const auto source = reviewed ? fmt::format("来源：人工审核（{}材料），{}", DepartmentNameZh(a.department), a.synced_at)
                                     : fmt::format("来源：{}，{} 同步", DepartmentNameZh(a.department), a.synced_at);
        for (const auto& r : a.records)
            for (const auto& line : LinesOf(a.department, r)) out.push_back(FactJson(line, source, a.department));
    }
    const auto& dec = d.record.declarations;
    const auto yes = [](bool b) { return std::string(b ? "是" : "否"); };
    for (const auto& line : std::vector<FactLine>{
             {"renting", "租房居住", "Renting", yes(dec.renting)},
             {"lives_with_grandparents", "与祖父母共同居住", "Lives with grandparents", yes(dec.lives_with_grandparents)},
             {"father_only_child", "父亲是独生子女", "Father is an only child", yes(dec.father_only_child)},
             {"mother_only_child", "母亲是独生子女", "Mother is an only child", yes(dec.mother_only_child)}})
        out.push_back(FactJson(line, "来源：家长申报", std::nullopt));
    return out;
}

json::object UploadJson(const UploadInfo& u) {
    return {{"id", u.id}, {"department", ToString(u.department)}, {"file_name", u.file_name}, {"mime", u.mime},
            {"size_bytes", u.size_bytes}, {"uploaded_at", u.uploaded_at}};
}

json::value LastReviewJson(const ApplicationDetail& d, Department dep) {
    const ReviewInfo* last = nullptr;
    for (const auto& r : d.reviews)
        if (r.department == dep) last = &r;
    if (!last) return nullptr;
    json::array records;
    for (const auto& f : last->records) records.push_back(FieldsJson(f));
    return json::object{{"decision", ToString(last->decision)}, {"note", http::OptJson(last->note)},
                        {"records", std::move(records)}, {"decided_at", last->decided_at}};
}

json::array SourcesJson(const ApplicationDetail& d) {
    json::array out;
    for (std::size_t i = 0; i < d.dossier.sources.size(); ++i) {
        const auto& s = d.dossier.sources[i];
        // The state the department gave, not the reviewed one: the reviewer sees what failed and why.
        const auto original = std::find_if(d.record.answers.begin(), d.record.answers.end(),
                                           [&](const DepartmentAnswer& a) { return a.department == s.department; });
        const auto& answer = original != d.record.answers.end() ? *original : d.effective[i];
        json::array uploads;
        for (const auto& u : d.uploads)
            if (u.department == s.department) uploads.push_back(UploadJson(u));
        out.push_back(json::object{
            {"department", ToString(s.department)}, {"name_zh", DepartmentNameZh(s.department)},
            {"status", ToString(answer.status)},
            {"reason", answer.reason ? json::value(ToString(*answer.reason)) : json::value(nullptr)},
            {"mismatch", answer.mismatch}, {"synced_at", answer.synced_at}, {"needed", s.needed},
            {"needs_upload", d.progress[i] == SourceProgress::kAwaitingUpload}, {"progress", ToString(d.progress[i])},
            {"uploads", std::move(uploads)}, {"review", LastReviewJson(d, s.department)}});
    }
    return out;
}

json::value PlacementInfoJson(const std::optional<PlacementInfo>& p) {
    if (!p) return nullptr;
    return json::object{{"school_id", http::OptJson(p->school_id)}, {"school_name", p->school_name},
                        {"placed_by", p->placed_by}, {"rank", p->rank}, {"draw", p->draw}};
}

json::array PullsJson(const std::vector<PullInfo>& pulls) {
    json::array out;
    for (const auto& p : pulls)
        out.push_back(json::object{{"department", ToString(p.department)}, {"status", p.status},
                                   {"reason", http::OptJson(p.reason)}, {"legal_basis", p.legal_basis},
                                   {"fields_read", StringsJson(p.fields_read)}, {"pulled_at", p.pulled_at}});
    return out;
}

}  // namespace

json::object SeasonJson(const Season& s, bool staff) {
    json::object o{{"id", s.id}, {"unit_code", s.unit_code}, {"county_name", s.county_name}, {"year", s.year},
                   {"entry_grade", s.entry_grade}, {"title", s.title}, {"status", ToString(s.status)},
                   {"opens_on", s.opens_on}, {"closes_on", s.closes_on}, {"seed_commitment", s.seed_commitment},
                   {"seed", http::OptJson(s.seed)}, {"run_at", http::OptJson(s.run_at)},
                   {"published_at", http::OptJson(s.published_at)}, {"input_digest", http::OptJson(s.input_digest)},
                   {"result_digest", http::OptJson(s.result_digest)}};
    if (staff) o["applications"] = s.applications;
    return o;
}

json::object SeasonDetailJson(const Season& s, const std::vector<SchoolPlan>& plans, bool staff) {
    auto o = SeasonJson(s, staff);
    o["policy"] = json::parse(s.policy_json);
    json::array schools;
    for (const auto& p : plans) {
        json::object school{{"school_id", p.school_id}, {"name", p.school_name}, {"is_private", p.is_private},
                            {"seats", p.seats}, {"communities", StringsJson(p.communities)}};
        if (staff) school["nearby"] = IdsJson(p.nearby);
        schools.push_back(std::move(school));
    }
    o["schools"] = std::move(schools);
    return o;
}

json::object ApplicationRowJson(const ApplicationRecord& a) {
    json::value school = nullptr;
    if (a.catchment_school_id) school = json::object{{"id", *a.catchment_school_id}, {"name", a.catchment_school_name}};
    return {{"id", a.id}, {"season_id", a.season_id}, {"child_name", a.child_name},
            {"child_id_masked", a.child_id_masked}, {"status", ToString(a.status)}, {"one_click", a.one_click},
            {"catchment_school", std::move(school)}, {"category_name", http::OptJson(a.category_name)},
            {"submitted_at", a.submitted_at}, {"decided_at", http::OptJson(a.decided_at)},
            {"sources_pending", a.sources_pending}};
}

json::object ApplicationJson(const ApplicationDetail& d) {
    const auto& a = d.record;
    auto o = ApplicationRowJson(a);
    o["season"] = SeasonJson(d.season, false);
    o["birth_date"] = a.birth_date;
    o["relation"] = a.relation == Parent::kMother ? "mother" : "father";
    o["declarations"] = json::parse(DeclarationsText(a.declarations));
    o["points"] = static_cast<double>(a.points_tenths) / 10.0;
    o["hukou_move_in"] = http::OptJson(a.hukou_move_in);
    o["decision_note"] = http::OptJson(a.decision_note);
    o["private_school_id"] = http::OptJson(a.private_school_id);
    o["sources"] = SourcesJson(d);
    o["facts"] = FactsJson(d);
    o["pulls"] = PullsJson(d.pulls);
    o["placement"] = PlacementInfoJson(d.placement);
    json::array appeals;
    for (const auto& p : d.appeals) appeals.push_back(AppealJson(p));
    o["appeals"] = std::move(appeals);
    return o;
}

json::object AppealJson(const Appeal& a) {
    return {{"id", a.id}, {"application_id", a.application_id}, {"season_id", a.season_id},
            {"child_name", a.child_name}, {"child_id_masked", a.child_id_masked}, {"reason", a.reason},
            {"status", a.status}, {"reply", http::OptJson(a.reply)}, {"created_at", a.created_at},
            {"decided_at", http::OptJson(a.decided_at)}};
}

json::object PlacementJson(const PlacementRow& p, bool masked) {
    json::object o{{"school_id", http::OptJson(p.school_id)}, {"school_name", p.school_name},
                   {"placed_by", p.placed_by}, {"rank", p.rank}, {"draw", p.draw},
                   {"child_id_masked", p.child_id_masked}};
    if (masked) {
        o["child_name_masked"] = p.child_name;
        return o;
    }
    o["application_id"] = p.application_id;
    o["child_name"] = p.child_name;
    o["category_name"] = http::OptJson(p.category_name);
    return o;
}

json::object NoticeJson(const Notice& n) {
    return {{"season", SeasonJson(n.season, false)}, {"child_name", n.child_name},
            {"child_id_masked", n.child_id_masked}, {"school_name", n.school_name},
            {"school_address", n.school_address}, {"placed_by", n.placed_by}, {"rank", n.rank},
            {"report_on", n.report_on}, {"issued_at", n.issued_at}, {"county_name", n.season.county_name}};
}

json::object RunJson(const Season& s, const RunSummary& r) {
    return {{"season", SeasonJson(s, true)},
            {"summary", json::object{{"qualified", r.qualified}, {"placed", r.placed},
                                     {"private_lottery", r.private_lottery}, {"catchment", r.catchment},
                                     {"county_placed", r.county_placed}, {"unplaced", r.unplaced},
                                     {"not_ready", r.not_ready}}}};
}

json::object LotteryJson(const LotteryRecord& l) {
    return {{"commitment", l.commitment}, {"seed", http::OptJson(l.seed)}, {"algorithm", l.algorithm},
            {"context", l.context}, {"input_digest", http::OptJson(l.input_digest)},
            {"result_digest", http::OptJson(l.result_digest)}};
}

}  // namespace kehou::enrollment
