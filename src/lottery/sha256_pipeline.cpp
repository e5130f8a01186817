#include "lottery/sha256_pipeline.hpp"

#include <string_view>

namespace kehou::lottery {
namespace {

// 256 KiB: a chunk is hashed while it is still in the shared cache, and four of them keep the writer from
// waiting on the hasher's every hiccup.
constexpr std::size_t kChunkBytes = std::size_t{256} << 10;
constexpr std::size_t kBackgroundChunks = 4;
static_assert(Sha256Pipeline::kMaxWrite <= kChunkBytes);

}  // namespace

Sha256Pipeline::Sha256Pipeline(bool background) : chunks_(background ? kBackgroundChunks : 1) {
    for (Chunk& c : chunks_) c.bytes = std::make_unique_for_overwrite<char[]>(kChunkBytes);
    end_ = chunks_[0].bytes.get();
    limit_ = end_ + kChunkBytes;
    for (std::size_t i = 1; i < chunks_.size(); ++i) empty_.push_back(i);
    if (background) hasher_ = std::thread([this] { Hash(); });
}

Sha256Pipeline::~Sha256Pipeline() {
    if (!hasher_.joinable()) return;
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    hasher_.join();
}

void Sha256Pipeline::HandOver() {
    Chunk& done = chunks_[writing_];
    done.size = static_cast<std::size_t>(end_ - done.bytes.get());
    if (!hasher_.joinable()) {
        sha_.Update(std::string_view(done.bytes.get(), done.size));
    } else {
        std::unique_lock lock(mutex_);
        full_.push_back(writing_);
        changed_.notify_all();
        changed_.wait(lock, [this] { return !empty_.empty(); });
        writing_ = empty_.front();
        empty_.pop_front();
    }
    end_ = chunks_[writing_].bytes.get();
    limit_ = end_ + kChunkBytes;
}

void Sha256Pipeline::Hash() {
    for (;;) {
        std::size_t next = 0;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return !full_.empty() || closing_; });
            if (full_.empty()) return;  // closing, and everything written is hashed
            next = full_.front();
            full_.pop_front();
        }
        sha_.Update(std::string_view(chunks_[next].bytes.get(), chunks_[next].size));
        {
            const std::lock_guard lock(mutex_);
            empty_.push_back(next);
        }
        changed_.notify_all();
    }
}

std::string Sha256Pipeline::FinishHex() {
    HandOver();
    if (hasher_.joinable()) {
        {
            const std::lock_guard lock(mutex_);
            closing_ = true;
        }
        changed_.notify_all();
        hasher_.join();  // the hasher drains every full chunk before it leaves
    }
    return sha_.FinishHex();
}

}  // namespace kehou::lottery
