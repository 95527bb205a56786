#pragma once
// The frames in flight of a oneTBB pipeline, one FrameSlot per live token, taken by its first
// stage and given back by its last, on any thread. Each slot holds two raw frames (BGR24: 12 MB at
// 1080p, 50 MB at 2160p; yuv420p half that, in the decoder's and the encoder's buffers), so a
// pipeline gets as many as keep its threads busy and no more. The slot given back last is taken
// first: a slot keeps its frames referenced until it is reused, so reusing the same few keeps
// fewer of the decoder's and the encoder's buffers alive when fewer frames are in flight.
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "strategies/frame_slot.hpp"

namespace framebench::strategies {

class SlotPool {
 public:
  explicit SlotPool(std::size_t slots) {
    for (std::size_t i = 0; i < slots; ++i) {
      slots_.push_back(std::make_unique<FrameSlot>());
      free_.push_back(slots_.back().get());
    }
  }
  // The pipeline's live tokens: one per slot.
  std::size_t tokens() const { return slots_.size(); }
  // Never waits, and never finds none: there are as many slots as tokens.
  FrameSlot* take() {
    const std::lock_guard lock(mutex_);
    FrameSlot* slot = free_.back();
    free_.pop_back();
    return slot;
  }
  void give_back(FrameSlot* slot) {
    const std::lock_guard lock(mutex_);
    free_.push_back(slot);
  }

 private:
  std::vector<std::unique_ptr<FrameSlot>> slots_;
  std::mutex mutex_;
  std::vector<FrameSlot*> free_;
};

}  // namespace framebench::strategies
