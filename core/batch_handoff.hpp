#pragma once
// Batches handed from one producer thread to one consumer thread, in the order they were made,
// through a ring of `slots`: the producer may be at most `slots` batches ahead of the consumer,
// so a slot's memory is refilled only once the consumer is done with it. The GPU strategies
// decode into one slot while the GPU filters others and the encoder takes the oldest.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>

namespace framebench {

class BatchHandoff {
 public:
  explicit BatchHandoff(std::size_t slots);

  // Producer. Waits until batch `index` (0, 1, 2, ... in order) has a slot: the batch `slots`
  // before it has been taken back. Throws what the consumer failed with, if it did.
  void wait_for_slot(std::size_t index);
  // The next batch is ready for the consumer.
  void publish();
  // No batch follows those published.
  void close();
  // The producer is giving up (unwinding): the consumer's take() returns nothing from now on.
  void abandon();

  // Consumer. The index of the oldest batch not yet taken back, once it is published; nothing
  // once every batch published before close() is taken back, or after abandon().
  std::optional<std::size_t> take();
  // The consumer is done with that batch: its slot is free.
  void give_back();
  // The consumer failed: the producer's waits throw `error` from now on.
  void fail(std::exception_ptr error);

  // What the consumer failed with, if it did (for the producer, after joining it).
  std::exception_ptr error() const;

 private:
  const std::size_t slots_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t published_ = 0;
  std::size_t given_back_ = 0;
  bool closed_ = false;
  bool abandoned_ = false;
  std::exception_ptr error_;
};

}  // namespace framebench
