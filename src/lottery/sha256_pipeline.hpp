#pragma once
// SHA-256 of a long text that is hashed on a second thread while its writer writes the next part. A city's
// allocation result is 250 MB of canonical lines: written and hashed one after the other they cost the sum
// of the two, handed over in chunks they cost about the slower of the two. SHA-256 itself is sequential, so
// the bytes are hashed in the order written: the digest is Sha256Hex of the whole text, however it is chunked
// and whether or not a second thread is used.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lottery/lottery.hpp"

namespace kehou::lottery {

class Sha256Pipeline {
public:
    /// The most one Room() may ask for.
    static constexpr std::size_t kMaxWrite = std::size_t{4} << 10;

    /// `background`: hash on a second thread; worth it from about a megabyte of text (a thread costs
    /// tens of microseconds to start). Without it the same chunks are hashed on the writer's thread.
    explicit Sha256Pipeline(bool background);
    ~Sha256Pipeline();
    Sha256Pipeline(const Sha256Pipeline&) = delete;
    Sha256Pipeline& operator=(const Sha256Pipeline&) = delete;

    /// Space for at least `bytes` (≤ kMaxWrite) more bytes of text; write there, then call Wrote.
    char* Room(std::size_t bytes) {
        if (end_ + bytes > limit_) HandOver();
        return end_;
    }
    /// Marks the text up to `end` (inside the last Room) as written.
    void Wrote(char* end) { end_ = end; }

    /// The digest of everything written, as 64 hex digits; the pipeline is spent afterwards.
    std::string FinishHex();

private:
    struct Chunk {
        std::unique_ptr<char[]> bytes;
        std::size_t size = 0;
    };

    void HandOver();
    void Hash();  // the second thread: hashes full chunks in order and returns them

    Sha256Stream sha_;
    std::vector<Chunk> chunks_;
    std::size_t writing_ = 0;  // the chunk being written
    char* end_ = nullptr;
    char* limit_ = nullptr;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::size_t> full_, empty_;  // chunk numbers waiting to be hashed, and free to write
    bool closing_ = false;
    std::thread hasher_;
};

}  // namespace kehou::lottery
