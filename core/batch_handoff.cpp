#include "core/batch_handoff.hpp"

#include <algorithm>

namespace framebench {

BatchHandoff::BatchHandoff(std::size_t slots) : slots_(std::max<std::size_t>(slots, 1)) {}

void BatchHandoff::wait_for_slot(std::size_t index) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return error_ || index < given_back_ + slots_; });
  if (error_) std::rethrow_exception(error_);
}

void BatchHandoff::publish() {
  {
    const std::lock_guard lock(mutex_);
    ++published_;
  }
  changed_.notify_all();
}

void BatchHandoff::close() {
  {
    const std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

void BatchHandoff::abandon() {
  {
    const std::lock_guard lock(mutex_);
    abandoned_ = true;
  }
  changed_.notify_all();
}

std::optional<std::size_t> BatchHandoff::take() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return abandoned_ || given_back_ < published_ || closed_; });
  if (abandoned_ || given_back_ == published_) return std::nullopt;
  return given_back_;
}

void BatchHandoff::give_back() {
  {
    const std::lock_guard lock(mutex_);
    ++given_back_;
  }
  changed_.notify_all();
}

void BatchHandoff::fail(std::exception_ptr error) {
  {
    const std::lock_guard lock(mutex_);
    error_ = std::move(error);
  }
  changed_.notify_all();
}

std::exception_ptr BatchHandoff::error() const {
  const std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace framebench
