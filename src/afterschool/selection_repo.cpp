#include "afterschool/selection_repo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "afterschool/catalog_repo.hpp"

namespace kehou::afterschool::repo {
namespace {

constexpr db::Query kInsertWindow{
    "afterschool.insert_window",
    "INSERT INTO as_window (unit_code, school_id, org_path, semester, title, mode, opens_at, closes_at, max_wishes,"
    " course_limit, priority_order, seed_commitment, seed, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"};
#define KEHOU_WINDOW_COLUMNS                                                                                   \
    "SELECT id, unit_code, school_id, org_path, semester, title, mode, opens_at, closes_at, max_wishes,"       \
    " course_limit, priority_order, seed_commitment, seed, allocated_at, result_digest FROM as_window w"
constexpr db::Query kFindWindow{"afterschool.find_window", KEHOU_WINDOW_COLUMNS " WHERE id = $1"};
constexpr db::Query kListWindows{
    "afterschool.list_windows",
    KEHOU_WINDOW_COLUMNS " WHERE (org_path LIKE $1 || '%' OR $1 LIKE org_path || '%')"
                         " AND (CAST($2 AS TEXT) IS NULL OR semester = $2) ORDER BY opens_at DESC, id DESC"};
constexpr db::Query kWindowsForSchool{
    "afterschool.windows_for_school",
    KEHOU_WINDOW_COLUMNS " WHERE semester = $3 AND (school_id = $1 OR (school_id IS NULL AND $2 LIKE org_path || '%'))"
                         " ORDER BY opens_at, id"};
#undef KEHOU_WINDOW_COLUMNS
constexpr db::Query kMarkAllocated{
    "afterschool.mark_allocated",
    "UPDATE as_window SET allocation_inputs = $2, result_digest = $3, allocated_at = $4 WHERE id = $1"};
constexpr db::Query kWindowTimes{"afterschool.window_times",
                                 "UPDATE as_window SET opens_at = $2, closes_at = $3 WHERE id = $1"};
constexpr db::Query kInputsOf{"afterschool.allocation_inputs",
                              "SELECT allocation_inputs FROM as_window WHERE id = $1"};
constexpr db::Query kWishedSections{
    "afterschool.wished_sections",
    "SELECT x.id, x.course_id, x.capacity - x.taken, c.grade_from, c.grade_to FROM as_section x"
    " JOIN as_course c ON c.id = x.course_id WHERE x.id IN (SELECT section_id FROM as_wish WHERE window_id = $1)"
    " AND c.status = 'published' ORDER BY x.id"};
constexpr db::Query kWishedSlots{
    "afterschool.wished_slots",
    "SELECT section_id, weekday, start_minute, end_minute FROM as_section_slot"
    " WHERE section_id IN (SELECT section_id FROM as_wish WHERE window_id = $1) ORDER BY section_id, weekday, start_minute"};
// A child's limit is the window's, less the seats it already holds this semester (an earlier window).
constexpr db::Query kWishingChildren{
    "afterschool.wishing_children",
    "SELECT st.id, k.grade, st.disability, st.hardship, st.migrant, st.left_behind, st.military_family,"
    " (SELECT COUNT(*) FROM as_seat s JOIN as_section x ON x.id = s.section_id WHERE s.student_id = st.id"
    "  AND x.semester = $2 AND s.status = 'confirmed')"
    " FROM org_student st JOIN org_class k ON k.id = st.class_id"
    " WHERE st.id IN (SELECT student_id FROM as_wish WHERE window_id = $1) ORDER BY st.id"};
constexpr db::Query kSectionNames{
    "afterschool.section_names_of_window",
    "SELECT x.id, c.title, x.label FROM as_section x JOIN as_course c ON c.id = x.course_id"
    " WHERE x.id IN (SELECT section_id FROM as_allocation WHERE window_id = $1)"};
constexpr db::Query kChildNames{
    "afterschool.child_names_of_window",
    "SELECT st.id, st.name FROM org_student st WHERE st.org_path LIKE $2 || '%'"
    " AND st.id IN (SELECT student_id FROM as_allocation WHERE window_id = $1)"};

constexpr db::Query kBookLimit{
    "afterschool.book_limit",
    "SELECT MAX(w.course_limit) FROM as_window w JOIN org_school s ON s.id = $1 WHERE w.semester = $2"
    " AND (w.school_id = s.id OR (w.school_id IS NULL AND s.org_path LIKE w.org_path || '%'))"};
constexpr db::Query kBookSections{
    "afterschool.book_sections",
    "SELECT x.id, x.course_id, x.capacity, x.taken, c.grade_from, c.grade_to, c.status,"
    " (SELECT COALESCE(MAX(q.queue_no), 0) FROM as_seat q WHERE q.section_id = x.id)"
    " FROM as_section x JOIN as_course c ON c.id = x.course_id WHERE x.school_id = $1 AND x.semester = $2"};
constexpr db::Query kBookSeats{
    "afterschool.book_seats",
    "SELECT s.id, s.section_id, s.student_id, s.status, s.queue_no, s.requested_by, s.idempotency_key, k.grade"
    " FROM as_seat s JOIN as_section x ON x.id = s.section_id JOIN org_student st ON st.id = s.student_id"
    " JOIN org_class k ON k.id = st.class_id WHERE x.school_id = $1 AND x.semester = $2"
    " AND s.status IN ('confirmed', 'waitlisted') ORDER BY s.queue_no, s.id"};

constexpr db::Query kSectionPlace{"afterschool.section_place",
                                  "SELECT school_id, semester FROM as_section WHERE id = $1"};
constexpr db::Query kInsertSeat{
    "afterschool.insert_seat",
    "INSERT INTO as_seat (window_id, section_id, student_id, org_path, status, source, queue_no, idempotency_key,"
    " requested_by, created_at, updated_at, joined_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)"
    " RETURNING id"};
constexpr db::Query kPlaceOfChild{
    "afterschool.place_of_child",
    "SELECT st.school_id, k.grade, st.org_path, s.org_path, (SELECT COUNT(*) FROM org_consent oc"
    " WHERE oc.student_id = st.id AND oc.purpose = 'afterschool' AND oc.withdrawn_at IS NULL)"
    " FROM org_student st JOIN org_class k ON k.id = st.class_id JOIN org_school s ON s.id = st.school_id"
    " WHERE st.id = $2 AND EXISTS (SELECT 1 FROM org_student_guardian sg JOIN org_guardian g ON g.id = sg.guardian_id"
    " WHERE sg.student_id = st.id AND g.user_id = $1)"};
constexpr db::Query kGeneration{"afterschool.generation",
                                "SELECT generation FROM as_book_generation WHERE school_id = $1 AND semester = $2"};
constexpr db::Query kAdvanceGeneration{"afterschool.advance_generation",
                                       "UPDATE as_book_generation SET generation = generation + 1"
                                       " WHERE school_id = $1 AND semester = $2 AND generation = $3"};
constexpr db::Query kBumpGeneration{"afterschool.bump_generation",
                                    "UPDATE as_book_generation SET generation = generation + 1"
                                    " WHERE school_id = $1 AND semester = $2"};
constexpr db::Query kFirstGeneration{"afterschool.first_generation",
                                     "INSERT INTO as_book_generation (school_id, semester, generation) VALUES ($1, $2, 1)"};
constexpr db::Query kTakeSeat{"afterschool.take_seat",
                              "UPDATE as_section SET taken = taken + 1 WHERE id = $1 AND taken < capacity"};
constexpr db::Query kReleaseSeat{"afterschool.release_seat",
                                 "UPDATE as_section SET taken = taken - 1 WHERE id = $1 AND taken > 0"};
constexpr db::Query kSeatStatus{"afterschool.seat_status",
                                "UPDATE as_seat SET status = $2, updated_at = $3, left_on = $4 WHERE id = $1"};
#define KEHOU_SEAT_COLUMNS                                                                                       \
    "SELECT s.id, s.section_id, x.course_id, s.student_id, s.window_id, st.name, c.title, x.label,"             \
    " c.instructor_name, s.status, s.source, s.queue_no, c.fee_per_hour_fen, s.created_at, s.joined_on,"         \
    " s.left_on, CASE WHEN s.status = 'waitlisted' THEN (SELECT COUNT(*) FROM as_seat w"                        \
    " WHERE w.section_id = s.section_id AND w.status = 'waitlisted' AND w.queue_no <= s.queue_no) ELSE 0 END"    \
    " FROM as_seat s JOIN as_section x ON x.id = s.section_id JOIN as_course c ON c.id = x.course_id"            \
    " JOIN org_student st ON st.id = s.student_id"
constexpr db::Query kLiveSeat{"afterschool.live_seat",
                              KEHOU_SEAT_COLUMNS " WHERE s.student_id = $1 AND s.section_id = $2"
                                                 " AND s.status IN ('confirmed', 'waitlisted')"};
constexpr db::Query kFindSeat{"afterschool.find_seat", KEHOU_SEAT_COLUMNS " WHERE s.id = $1"};
constexpr db::Query kSeatsOfChild{"afterschool.seats_of_child",
                                  KEHOU_SEAT_COLUMNS " WHERE s.student_id = $1 AND x.semester = $2 ORDER BY s.id DESC"};
constexpr db::Query kSeatsOfSection{
    "afterschool.seats_of_section",
    KEHOU_SEAT_COLUMNS " WHERE s.section_id = $1 AND s.status IN ('confirmed', 'waitlisted')"
                       " ORDER BY CASE s.status WHEN 'confirmed' THEN 0 ELSE 1 END, s.queue_no"};
#undef KEHOU_SEAT_COLUMNS

constexpr db::Query kDeleteWishes{"afterschool.delete_wishes",
                                  "DELETE FROM as_wish WHERE window_id = $1 AND student_id = $2"};
constexpr db::Query kInsertWish{"afterschool.insert_wish",
                                "INSERT INTO as_wish (window_id, student_id, wish_rank, section_id, submitted_by,"
                                " submitted_at) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr db::Query kWishesOf{"afterschool.wishes_of",
                              "SELECT section_id FROM as_wish WHERE window_id = $1 AND student_id = $2"
                              " ORDER BY wish_rank"};
constexpr db::Query kWishesOfWindow{"afterschool.wishes_of_window",
                                    "SELECT student_id, wish_rank, section_id FROM as_wish WHERE window_id = $1"
                                    " ORDER BY student_id, wish_rank"};
constexpr db::Query kInsertLine{
    "afterschool.insert_allocation",
    "INSERT INTO as_allocation (window_id, student_id, wish_rank, section_id, outcome, alloc_round, draw, tier,"
    " cutoff_draw, cutoff_tier, conflict_with) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"};
constexpr db::Query kAllocation{
    "afterschool.allocation_of",
    "SELECT student_id, wish_rank, section_id, outcome, alloc_round, draw, tier, cutoff_draw, cutoff_tier,"
    " conflict_with FROM as_allocation a WHERE window_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR student_id = $2)"
    " AND EXISTS (SELECT 1 FROM org_student st WHERE st.id = a.student_id AND st.org_path LIKE $3 || '%')"
    " ORDER BY student_id, wish_rank"};
constexpr db::Query kStudentPath{"afterschool.student_path", "SELECT org_path FROM org_student WHERE id = $1"};
constexpr db::Query kGuardianUsers{
    "afterschool.guardian_users",
    "SELECT g.user_id FROM org_guardian g JOIN org_student_guardian sg ON sg.guardian_id = g.id"
    " WHERE sg.student_id = $1 AND g.user_id IS NOT NULL ORDER BY g.user_id"};
constexpr db::Query kInsertNotification{
    "afterschool.insert_notification",
    "INSERT INTO app_notification (user_id, kind, title, body, created_at) VALUES ($1, $2, $3, $4, $5)"};

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');)
        if (!part.empty()) out.push_back(part);
    return out;
}

std::string JoinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
    return out;
}

Window ReadWindow(const db::Row& r) {
    Window w;
    w.id = r.Int(0);
    w.unit_code = r.Text(1);
    w.school_id = r.OptInt(2);
    w.org_path = r.Text(3);
    w.semester = r.Text(4);
    w.title = r.Text(5);
    w.mode = r.Text(6);
    w.opens_at = r.Text(7);
    w.closes_at = r.Text(8);
    w.max_wishes = static_cast<int>(r.Int(9));
    w.course_limit = static_cast<int>(r.Int(10));
    w.priority_order = SplitList(r.Text(11));
    w.seed_commitment = r.OptText(12);
    w.seed = r.OptText(13);
    w.allocated_at = r.OptText(14);
    w.result_digest = r.OptText(15);
    return w;
}

Seat ReadSeat(const db::Row& r) {
    return {r.Int(0),     r.Int(1),     r.Int(2),     r.Int(3),      r.OptInt(4),  r.Text(5),
            r.Text(6),    r.Text(7),    r.Text(8),    r.Text(9),     r.Text(10),   r.Int(11),
            r.Int(12),    r.Text(13),   r.OptText(14), r.OptText(15), static_cast<int>(r.Int(16))};
}

std::optional<int> OptInt32(const std::optional<std::int64_t>& v) {
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

}  // namespace

std::int64_t InsertWindow(db::Connection& c, const WindowInput& in, const std::string& org_path,
                          const std::string& seed, const std::string& commitment, std::int64_t user_id,
                          const std::string& now) {
    const bool lottery = in.mode == "lottery";
    return c.Query(kInsertWindow,
                   {in.unit_code, db::Opt(in.school_id), org_path, in.semester, in.title, in.mode, in.opens_at,
                    in.closes_at, std::int64_t{in.max_wishes}, std::int64_t{in.course_limit},
                    JoinList(in.priority_order), lottery ? db::Value{commitment} : db::Null(),
                    lottery ? db::Value{seed} : db::Null(), user_id > 0 ? db::Value{user_id} : db::Null(), now})[0]
        .Int(0);
}

std::optional<Window> FindWindow(db::Connection& c, std::int64_t id) {
    return db::QueryOne(c, kFindWindow, {id}, ReadWindow);
}

std::vector<Window> ListWindows(db::Connection& c, const std::string& scope, const std::string& semester) {
    std::vector<Window> out;
    for (const auto& r : c.Query(kListWindows, {scope, semester.empty() ? db::Null() : db::Value{semester}}))
        out.push_back(ReadWindow(r));
    return out;
}

std::vector<Window> WindowsForSchool(db::Connection& c, std::int64_t school_id, const std::string& school_path,
                                     const std::string& semester) {
    std::vector<Window> out;
    for (const auto& r : c.Query(kWindowsForSchool, {school_id, school_path, semester})) out.push_back(ReadWindow(r));
    return out;
}

void MarkAllocated(db::Connection& c, std::int64_t window_id, const std::string& inputs, const std::string& digest,
                   const std::string& now) {
    c.Execute(kMarkAllocated, {window_id, inputs, digest, now});
}

void SetWindowTimes(db::Connection& c, std::int64_t window_id, const std::string& opens_at,
                    const std::string& closes_at) {
    c.Execute(kWindowTimes, {window_id, opens_at, closes_at});
}

std::optional<std::string> AllocationInputsOf(db::Connection& c, std::int64_t window_id) {
    const auto r = c.Query(kInputsOf, {window_id});
    return r.empty() ? std::nullopt : r[0].OptText(0);
}

AllocInput AllocationInputFromWishes(db::Connection& c, const Window& w) {
    AllocInput in;
    in.seed = w.seed.value_or("");
    in.context = fmt::format("afterschool-window-{}", w.id);
    for (const auto& name : w.priority_order)
        if (auto g = ParsePriorityGroup(name)) in.priority_order.push_back(*g);
    std::map<std::int64_t, std::vector<TimeSlot>> slots;
    for (const auto& r : c.Query(kWishedSlots, {w.id}))
        slots[r.Int(0)].push_back({static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3))});
    for (const auto& r : c.Query(kWishedSections, {w.id}))
        in.sections.push_back({r.Int(0), r.Int(1), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3)),
                               static_cast<int>(r.Int(4)), slots[r.Int(0)]});
    std::map<std::int64_t, std::vector<std::int64_t>> wishes;
    for (const auto& wish : WishesOfWindow(c, w.id)) wishes[wish.student_id].push_back(wish.section_id);
    static const PriorityGroup kFlags[] = {PriorityGroup::kDisability, PriorityGroup::kHardship, PriorityGroup::kMigrant,
                                           PriorityGroup::kLeftBehind, PriorityGroup::kMilitaryFamily};
    for (const auto& r : c.Query(kWishingChildren, {w.id, w.semester})) {
        AllocChild child{r.Int(0), static_cast<int>(r.Int(1)),
                         std::max(0, w.course_limit - static_cast<int>(r.Int(7))), {}, wishes[r.Int(0)]};
        for (std::size_t i = 0; i < 5; ++i)
            if (r.Int(2 + i) != 0) child.groups.push_back(kFlags[i]);
        in.children.push_back(std::move(child));
    }
    return in;
}

std::map<std::int64_t, std::pair<std::string, std::string>> SectionNamesOfWindow(db::Connection& c,
                                                                                 std::int64_t window_id) {
    std::map<std::int64_t, std::pair<std::string, std::string>> out;
    for (const auto& r : c.Query(kSectionNames, {window_id})) out[r.Int(0)] = {r.Text(1), r.Text(2)};
    return out;
}

std::map<std::int64_t, std::string> ChildNamesOfWindow(db::Connection& c, std::int64_t window_id,
                                                       const std::string& scope) {
    std::map<std::int64_t, std::string> out;
    for (const auto& r : c.Query(kChildNames, {window_id, scope})) out[r.Int(0)] = r.Text(1);
    return out;
}

std::optional<std::pair<std::int64_t, std::string>> SectionPlace(db::Connection& c, std::int64_t section_id) {
    return db::QueryOne(c, kSectionPlace, {section_id},
                        [](const db::Row& r) { return std::make_pair(r.Int(0), r.Text(1)); });
}

std::optional<ChildPlace> PlaceOfChild(db::Connection& c, std::int64_t user_id, std::int64_t student_id) {
    return db::QueryOne(c, kPlaceOfChild, {user_id, student_id}, [student_id](const db::Row& r) {
        return ChildPlace{student_id, r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3), r.Int(4) > 0};
    });
}

std::int64_t GenerationOf(db::Connection& c, std::int64_t school_id, const std::string& semester) {
    const auto r = c.Query(kGeneration, {school_id, semester});
    return r.empty() ? 0 : r[0].Int(0);
}

// The first write of a school's semester inserts its row; two processes racing to do so meet the
// primary key, and the loser's write fails like any stale one.
bool AdvanceGeneration(db::Connection& c, std::int64_t school_id, const std::string& semester, std::int64_t expected) {
    if (c.Execute(kAdvanceGeneration, {school_id, semester, expected}) == 1) return true;
    if (expected != 0 || GenerationOf(c, school_id, semester) != 0) return false;
    c.Execute(kFirstGeneration, {school_id, semester});
    return true;
}

void BumpGeneration(db::Connection& c, std::int64_t school_id, const std::string& semester) {
    if (c.Execute(kBumpGeneration, {school_id, semester}) == 0) c.Execute(kFirstGeneration, {school_id, semester});
}

SeatBook LoadBook(db::Connection& c, std::int64_t school_id, const std::string& semester) {
    SeatBook book;
    book.generation = GenerationOf(c, school_id, semester);
    book.checked_at = std::chrono::steady_clock::now();
    if (const auto limit = c.Query(kBookLimit, {school_id, semester})[0].OptInt(0)) book.course_limit = static_cast<int>(*limit);
    auto slots = SlotsOfSchool(c, school_id, semester);
    for (const auto& r : c.Query(kBookSections, {school_id, semester})) {
        BookSection s{r.Int(0), r.Int(1), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3)),
                      static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5)), r.Text(6) == "published",
                      std::move(slots[r.Int(0)]), {}, r.Int(7) + 1};
        book.sections.emplace(s.id, std::move(s));
    }
    for (const auto& r : c.Query(kBookSeats, {school_id, semester})) {
        const auto section_id = r.Int(1), student_id = r.Int(2);
        const bool confirmed = r.Text(3) == "confirmed";
        BookChild& child = book.children[student_id];
        child.grade = static_cast<int>(r.Int(7));
        (confirmed ? child.confirmed : child.waitlisted).push_back(section_id);
        int position = 0;
        if (!confirmed) {
            auto& waitlist = book.sections.at(section_id).waitlist;
            waitlist.emplace_back(r.Int(4), student_id);
            position = static_cast<int>(waitlist.size());
        }
        if (const auto user = r.OptInt(5); user && !r.IsNull(6)) {
            std::promise<SeatAnswer> answered;
            answered.set_value({r.Text(3), r.Int(0), section_id, r.Int(4), position});
            book.replies[{*user, r.Text(6)}] = answered.get_future().share();
        }
    }
    return book;
}

std::int64_t InsertSeat(db::Connection& c, const std::optional<std::int64_t>& window_id, std::int64_t section_id,
                        std::int64_t student_id, const std::string& org_path, const std::string& status,
                        const std::string& source, std::int64_t queue_no, const std::optional<std::string>& key,
                        std::int64_t user_id, const std::string& now, const std::optional<std::string>& joined_on) {
    return c.Query(kInsertSeat, {db::Opt(window_id), section_id, student_id, org_path, status, source, queue_no,
                                 db::Opt(key), user_id > 0 ? db::Value{user_id} : db::Null(), now, db::Opt(joined_on)})[0]
        .Int(0);
}

bool TakeSeat(db::Connection& c, std::int64_t section_id) { return c.Execute(kTakeSeat, {section_id}) == 1; }

void ReleaseSeat(db::Connection& c, std::int64_t section_id) { c.Execute(kReleaseSeat, {section_id}); }

void SetSeatStatus(db::Connection& c, std::int64_t seat_id, const std::string& status, const std::string& now,
                   const std::optional<std::string>& left_on) {
    c.Execute(kSeatStatus, {seat_id, status, now, db::Opt(left_on)});
}

std::optional<Seat> LiveSeat(db::Connection& c, std::int64_t student_id, std::int64_t section_id) {
    return db::QueryOne(c, kLiveSeat, {student_id, section_id}, ReadSeat);
}

std::optional<Seat> FindSeat(db::Connection& c, std::int64_t seat_id) {
    return db::QueryOne(c, kFindSeat, {seat_id}, ReadSeat);
}

std::vector<Seat> SeatsOfChild(db::Connection& c, std::int64_t student_id, const std::string& semester) {
    std::vector<Seat> out;
    for (const auto& r : c.Query(kSeatsOfChild, {student_id, semester})) out.push_back(ReadSeat(r));
    return out;
}

std::vector<Seat> SeatsOfSection(db::Connection& c, std::int64_t section_id) {
    std::vector<Seat> out;
    for (const auto& r : c.Query(kSeatsOfSection, {section_id})) out.push_back(ReadSeat(r));
    return out;
}

void ReplaceWishes(db::Connection& c, std::int64_t window_id, std::int64_t student_id,
                   const std::vector<std::int64_t>& section_ids, std::int64_t user_id, const std::string& now) {
    c.Execute(kDeleteWishes, {window_id, student_id});
    for (std::size_t i = 0; i < section_ids.size(); ++i)
        c.Execute(kInsertWish, {window_id, student_id, static_cast<std::int64_t>(i + 1), section_ids[i],
                                user_id > 0 ? db::Value{user_id} : db::Null(), now});
}

std::vector<std::int64_t> WishesOf(db::Connection& c, std::int64_t window_id, std::int64_t student_id) {
    std::vector<std::int64_t> out;
    for (const auto& r : c.Query(kWishesOf, {window_id, student_id})) out.push_back(r.Int(0));
    return out;
}

std::vector<WishRow> WishesOfWindow(db::Connection& c, std::int64_t window_id) {
    std::vector<WishRow> out;
    for (const auto& r : c.Query(kWishesOfWindow, {window_id}))
        out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Int(2)});
    return out;
}

void InsertAllocationLine(db::Connection& c, std::int64_t window_id, const AllocationLine& l) {
    c.Execute(kInsertLine, {window_id, l.student_id, std::int64_t{l.rank}, l.section_id, l.outcome,
                            std::int64_t{l.round}, l.draw, std::int64_t{l.tier}, db::Opt(l.cutoff_draw),
                            l.cutoff_tier ? db::Value{std::int64_t{*l.cutoff_tier}} : db::Null(),
                            db::Opt(l.conflict_with)});
}

std::vector<AllocationLine> AllocationOf(db::Connection& c, std::int64_t window_id,
                                         const std::optional<std::int64_t>& student_id, const std::string& scope) {
    std::vector<AllocationLine> out;
    for (const auto& r : c.Query(kAllocation, {window_id, db::Opt(student_id), scope}))
        out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Int(2), r.Text(3), static_cast<int>(r.Int(4)),
                       r.Text(5), static_cast<int>(r.Int(6)), r.OptText(7), OptInt32(r.OptInt(8)), r.OptInt(9)});
    return out;
}

std::string StudentPath(db::Connection& c, std::int64_t student_id) {
    return c.Query(kStudentPath, {student_id}).rows.at(0).Text(0);
}

std::vector<std::int64_t> GuardianUserIds(db::Connection& c, std::int64_t student_id) {
    std::vector<std::int64_t> out;
    for (const auto& r : c.Query(kGuardianUsers, {student_id})) out.push_back(r.Int(0));
    return out;
}

void InsertNotification(db::Connection& c, std::int64_t user_id, const std::string& kind, const std::string& title,
                        const std::string& body, const std::string& now) {
    c.Execute(kInsertNotification, {user_id, kind, title, body, now});
}

}  // namespace kehou::afterschool::repo
