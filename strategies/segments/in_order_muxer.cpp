#include "strategies/segments/in_order_muxer.hpp"

#include "core/stopwatch.hpp"

namespace framebench::strategies {

namespace {
std::size_t index(const Segment& s) { return static_cast<std::size_t>(s.index); }
}  // namespace

InOrderMuxer::InOrderMuxer(const Job& job, const std::vector<Segment>& chunks)
    : chunks_(chunks), muxer_(job.output, job.input_info.frame_rate, media::FrameTimes::of(job.input_info), job.input_info.presentation), waiting_(chunks.size()) {}

void InOrderMuxer::take(const Segment& s, RecordType type, std::string&& bytes) {
  if (index(s) == due_) {
    mux(s, type, bytes);
    return;
  }
  buffered_ += bytes.size();
  waiting_[index(s)].records.emplace_back(type, std::move(bytes));
}

void InOrderMuxer::done(const Segment& s) {
  waiting_[index(s)].done = true;
  while (due_ < waiting_.size() && waiting_[due_].done) {
    {
      ScopedTimer t(merge_);
      muxer_.end_part();
    }
    if (++due_ == waiting_.size()) break;
    for (auto& [type, bytes] : waiting_[due_].records) {
      mux(chunks_[due_], type, bytes);
      buffered_ -= bytes.size();
    }
    waiting_[due_].records.clear();
    waiting_[due_].records.shrink_to_fit();
  }
}

void InOrderMuxer::mux(const Segment& s, RecordType type, std::string_view bytes) {
  ScopedTimer t(merge_);
  if (type == RecordType::stream_header) muxer_.begin_part(bytes, s.first, s.count);
  else muxer_.write(bytes);
}

void InOrderMuxer::finish() {
  ScopedTimer t(merge_);
  muxer_.finish();
}

}  // namespace framebench::strategies
