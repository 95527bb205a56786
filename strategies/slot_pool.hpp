#pragma once
// The frames in flight of a oneTBB pipeline, one FrameSlot per live token, taken by its first
// stage and given back by its last, on any thread. Each slot holds two raw frames (BGR24: 12 MB at
// 1080p, 50 MB at 2160p; yuv420p half that, in the decoder's and the encoder's buffers), so a
// pipeline gets as many as keep its threads busy and no more.
#include <oneapi/tbb/concurrent_queue.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "strategies/frame_slot.hpp"

namespace framebench::strategies {

class SlotPool {
 public:
  explicit SlotPool(std::size_t slots) {
    for (std::size_t i = 0; i < slots; ++i) {
      slots_.push_back(std::make_unique<FrameSlot>());
      free_.push(slots_.back().get());
    }
  }
  // The pipeline's live tokens: one per slot.
  std::size_t tokens() const { return slots_.size(); }
  FrameSlot* take() {
    FrameSlot* slot = nullptr;
    free_.pop(slot);  // never waits: there are as many slots as tokens
    return slot;
  }
  void give_back(FrameSlot* slot) { free_.push(slot); }

 private:
  std::vector<std::unique_ptr<FrameSlot>> slots_;
  tbb::concurrent_bounded_queue<FrameSlot*> free_;
};

}  // namespace framebench::strategies
