#pragma once
// kehou::demo::Generate: the synthetic demo city, pure and deterministic (no I/O, no database).

#include <cstdint>

#include "demo/model.hpp"

namespace kehou::demo {

/// Generates a city of the given scale into `sink`, parents before children: each school, then its classes,
/// its teachers, and its students class by class. Same scale + seed + school_year → byte-identical output on
/// every platform. `school_year` is the autumn term's year (2026 = 2026–27): grade g entered in
/// school_year − g + 1. Throws kehou::Error (demo.school_year_out_of_range) outside 2000–2100.
Totals Generate(Scale scale, std::uint64_t seed, int school_year, Sink& sink);

}  // namespace kehou::demo
