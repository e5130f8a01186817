#pragma once
// Memory and threads for the allocation (internal; include only from allocation*.cpp): working arrays in
// 2 MiB pages, and loops split over every core.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <thread>
#include <utility>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace kehou::afterschool::detail {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kHugeFrom = kHugePage / 4;  // smaller arrays are not worth a whole huge page

/// Asks Linux to back the whole 2 MiB pages inside [data, data + bytes) with huge pages; only a hint.
inline void AdviseHugePages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#ifdef __linux__
    const std::size_t skip = (kHugePage - reinterpret_cast<std::uintptr_t>(data) % kHugePage) % kHugePage;
    if (bytes >= skip + kHugePage)
        madvise(static_cast<char*>(data) + skip, (bytes - skip) & ~(kHugePage - 1), MADV_HUGEPAGE);
#endif
}

/// Faults the whole pages of [data, data + bytes) in, writable, without writing a byte: the kernel's zeroing
/// alone, ahead of the loop that will write them. Linux 5.14 and later; elsewhere the pages fault on first write.
inline void Prefault([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
    const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(page - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#endif
}

/// Allocates arrays of half a megabyte or more in 2 MiB pages. A city's run keeps ~130 MB of working arrays,
/// and on our virtual machines a 4 KiB first-touch page fault costs ~3 µs: 1.2 s for 400 MB, which take
/// 0.04 s in 2 MiB pages (docs/benchmarks.md, "Allocation"). Elsewhere, or when Linux declines, it is
/// ordinary memory. Elements are default-initialised: resize() leaves plain structs (OrderKey, WishState,
/// ChildState) unwritten, for the loop that fills them (on every core, where it can) to be the first and only
/// write.
template <class T>
struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding, as allocators do
    static_assert(alignof(T) <= alignof(std::max_align_t));
    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kHugeFrom) return static_cast<T*>(::operator new(bytes));
        const std::size_t whole = (bytes + kHugePage - 1) & ~(kHugePage - 1);  // all of it in huge pages
        void* p = std::aligned_alloc(kHugePage, whole);
        if (!p) throw std::bad_alloc();
        AdviseHugePages(p, whole);
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) {
        if (n * sizeof(T) < kHugeFrom)
            ::operator delete(p);
        else
            std::free(p);
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        if constexpr (sizeof...(Args) == 0)
            ::new (static_cast<void*>(p)) U;
        else
            ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
    bool operator==(const HugePageAllocator&) const = default;
};

/// A working array: every element is written before it is read (see HugePageAllocator).
template <class T>
using Array = std::vector<T, HugePageAllocator<T>>;

/// Runs work(begin, end) over consecutive pieces of [0, n) on every core, when n is large enough to repay
/// starting threads (tens of microseconds each). The pieces are small and taken in turn, so a core that
/// something else slows down (the rows being faulted in, another program) takes fewer. Every index must be
/// computed on its own and work must not throw: the split then never changes a result.
template <class Work>
void InParallel(std::size_t n, const Work& work) {
    constexpr std::size_t kParallelFrom = 4096, kPieces = 64, kMaxThreads = 8;
    const std::size_t cores = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxThreads);
    if (n < kParallelFrom || cores == 1) return work(std::size_t{0}, n);
    const std::size_t piece = std::max(n / kPieces, kParallelFrom / 4);
    std::atomic<std::size_t> next = 0;
    const auto take = [&] {
        for (std::size_t begin; (begin = next.fetch_add(piece)) < n;) work(begin, std::min(n, begin + piece));
    };
    std::vector<std::jthread> helpers;  // joined when they go out of scope
    for (std::size_t t = 1; t < cores; ++t) helpers.emplace_back(take);
    take();
}

}  // namespace kehou::afterschool::detail
