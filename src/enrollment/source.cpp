#include "enrollment/source.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "enrollment/source_records.hpp"

namespace kehou::enrollment {

std::string_view ToString(Department d) {
    switch (d) {
        case Department::kHousehold:
            return "household";
        case Department::kProperty:
            return "property";
        case Department::kInsurance:
            return "insurance";
        case Department::kPermit:
            return "permit";
        case Department::kBirth:
            return "birth";
        case Department::kStudent:
            return "student";
    }
    return "household";
}

std::optional<Department> ParseDepartment(std::string_view s) {
    for (auto d : kAllDepartments)
        if (ToString(d) == s) return d;
    return std::nullopt;
}

std::string_view DepartmentNameZh(Department d) {
    switch (d) {
        case Department::kHousehold:
            return "公安户籍";
        case Department::kProperty:
            return "不动产";
        case Department::kInsurance:
            return "人社社保";
        case Department::kPermit:
            return "居住证";
        case Department::kBirth:
            return "卫健出生医学证明";
        case Department::kStudent:
            return "学籍";
    }
    return "";
}

std::string_view ToString(SourceStatus s) {
    switch (s) {
        case SourceStatus::kVerified:
            return "verified";
        case SourceStatus::kMismatch:
            return "mismatch";
        case SourceStatus::kUnavailable:
            return "unavailable";
    }
    return "unavailable";
}

std::string_view ToString(Unavailable u) {
    switch (u) {
        case Unavailable::kTimeout:
            return "timeout";
        case Unavailable::kError:
            return "error";
        case Unavailable::kCircuitOpen:
            return "circuit_open";
        case Unavailable::kNotFound:
            return "not_found";
        case Unavailable::kMissingKey:
            return "missing_key";
    }
    return "error";
}

const std::vector<std::string>& DepartmentFields(Department d) {
    static const std::vector<std::string> kHousehold{"community_code", "address",       "move_in_date",
                                                     "child_member",   "father_member", "mother_member"};
    static const std::vector<std::string> kProperty{"owner", "community_code", "share_percent", "certificate_date"};
    static const std::vector<std::string> kInsurance{"period_from", "period_to"};
    static const std::vector<std::string> kPermit{"issue_date", "period_to", "community_code"};
    static const std::vector<std::string> kBirth{"birth_date", "father_id_hash", "mother_id_hash"};
    static const std::vector<std::string> kStudent{"school_code", "graduation_year"};
    switch (d) {
        case Department::kHousehold:
            return kHousehold;
        case Department::kProperty:
            return kProperty;
        case Department::kInsurance:
            return kInsurance;
        case Department::kPermit:
            return kPermit;
        case Department::kBirth:
            return kBirth;
        case Department::kStudent:
            return kStudent;
    }
    return kHousehold;
}

bool PerParent(Department d) {
    return d == Department::kInsurance || d == Department::kPermit;
}

DepartmentAnswer UnavailableAnswer(Department d, Unavailable why) {
    DepartmentAnswer a;
    a.department = d;
    a.status = SourceStatus::kUnavailable;
    a.reason = why;
    a.fields_read = DepartmentFields(d);  // R4.3: the pull was made for these fields, answered or not
    return a;
}

namespace {

// A record that contradicts the key itself: the certificate names other parents than the family declared, or
// the register does not list the child in the household it was looked up by. A field name, never a value.
std::string Contradiction(const Record& r, const LookupKey& key) {
    if (const auto* b = std::get_if<BirthRecord>(&r)) {
        if (!key.father_hash.empty() && !b->father_hash.empty() && b->father_hash != key.father_hash)
            return "father_id_hash";
        if (!key.mother_hash.empty() && !b->mother_hash.empty() && b->mother_hash != key.mother_hash)
            return "mother_id_hash";
    }
    if (const auto* h = std::get_if<HouseholdRecord>(&r); h && !h->child_member) return "child_member";
    return {};
}

}  // namespace

DepartmentAnswer FoundAnswer(Department d, std::vector<Record> records, std::string synced_at, const LookupKey& key) {
    if (records.empty()) return UnavailableAnswer(d, Unavailable::kNotFound);
    DepartmentAnswer a;
    a.department = d;
    a.status = SourceStatus::kVerified;
    for (const auto& r : records) {
        a.mismatch = Contradiction(r, key);
        if (!a.mismatch.empty()) {
            a.status = SourceStatus::kMismatch;
            break;
        }
    }
    a.records = std::move(records);
    a.synced_at = std::move(synced_at);
    a.fields_read = DepartmentFields(d);
    return a;
}

namespace {

// What the query threads and the waiting caller share; the threads hold it, so a thread that outlives the
// caller's deadline writes into memory that still exists.
struct Pending {
    std::mutex mu;
    std::condition_variable done;
    std::vector<std::optional<DepartmentAnswer>> answers;
    std::size_t remaining = 0;
};

DepartmentAnswer Guarded(DepartmentSource& source, const LookupKey& key, Deadline deadline) {
    try {
        return source.Query(key, deadline);
    } catch (...) {  // one department's bug must not cost the family the other five answers
        return UnavailableAnswer(source.department(), Unavailable::kError);
    }
}

}  // namespace

std::vector<DepartmentAnswer> QueryAll(const std::vector<std::shared_ptr<DepartmentSource>>& sources,
                                       const LookupKey& key, Deadline deadline) {
    auto pending = std::make_shared<Pending>();
    pending->answers.resize(sources.size());
    pending->remaining = sources.size();
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto run = [pending, source = sources[i], key, deadline, i] {
            DepartmentAnswer a = Guarded(*source, key, deadline);
            std::lock_guard lock(pending->mu);
            pending->answers[i] = std::move(a);
            if (--pending->remaining == 0) pending->done.notify_all();
        };
        try {
            std::thread(run).detach();
        } catch (const std::system_error&) {
            run();  // no thread to be had: ask this one in line rather than not at all
        }
    }
    std::unique_lock lock(pending->mu);
    auto all_in = [&] { return pending->remaining == 0; };
    if (deadline == Deadline::max())
        pending->done.wait(lock, all_in);
    else
        pending->done.wait_until(lock, deadline, all_in);
    std::vector<DepartmentAnswer> out;
    for (std::size_t i = 0; i < sources.size(); ++i)
        out.push_back(pending->answers[i] ? *pending->answers[i]
                                          : UnavailableAnswer(sources[i]->department(), Unavailable::kTimeout));
    return out;
}

std::vector<std::string> DifferingFields(const DepartmentAnswer& a, const DepartmentAnswer& b) {
    auto fields = [](const DepartmentAnswer& x) {
        std::vector<FieldMap> out;
        for (const auto& r : x.records) out.push_back(RecordFields(r));
        std::sort(out.begin(), out.end());
        return out;
    };
    const auto fa = fields(a), fb = fields(b);
    if (fa.size() != fb.size()) return {"records"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < fa.size(); ++i)
        for (const auto& [name, value] : fa[i]) {
            auto it = fb[i].find(name);
            if ((it == fb[i].end() || it->second != value) && std::find(out.begin(), out.end(), name) == out.end())
                out.push_back(name);
        }
    return out;
}

}  // namespace kehou::enrollment
