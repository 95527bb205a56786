#pragma once
// The one output of chunks encoded apart: each chunk's stream header and packets, as they arrive
// from whichever chunk sent them, muxed in chunk order. The due chunk's go straight in; later
// chunks' wait in memory until every chunk before theirs is done. Not thread-safe: callers on
// several threads hold one lock around it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "media/packet_stream.hpp"
#include "strategies/segments/plan.hpp"
#include "strategies/segments/protocol.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Chunks are started only while they are fewer than this many chunks after the due one, so that
// the packets waiting in memory follow the chunk size and the workers, not the input's length.
inline std::size_t chunks_ahead(int parallel) { return 2 * static_cast<std::size_t>(parallel); }
// And at most this many bytes of them (chunks of a lossless encode can be large): beyond it the
// chunks that are not due wait until the due one is done.
constexpr std::size_t kMaxBufferedBytes = std::size_t{256} << 20;

class InOrderMuxer {
 public:
  InOrderMuxer(const Job& job, const std::vector<Segment>& chunks);

  // A stream header or packet of chunk `s`.
  void take(const Segment& s, RecordType type, std::string&& bytes);
  // Chunk `s` has sent everything: ends every finished chunk from the due one on, and muxes what
  // the next one has sent.
  void done(const Segment& s);
  // The chunk being muxed (every chunk before it is in the file).
  std::size_t due() const { return due_; }
  // Bytes held for chunks that are not yet due.
  std::size_t buffered_bytes() const { return buffered_; }

  // Writes the file's trailer and commits it (an unfinished output is removed).
  void finish();
  std::int64_t frames_written() const { return muxer_.frames_written(); }
  double merge_seconds() const { return merge_; }

 private:
  struct Waiting {
    std::vector<std::pair<RecordType, std::string>> records;
    bool done = false;
  };

  void mux(const Segment& s, RecordType type, std::string_view bytes);

  const std::vector<Segment>& chunks_;
  media::PartMuxer muxer_;
  std::vector<Waiting> waiting_;
  std::size_t due_ = 0;
  std::size_t buffered_ = 0;
  double merge_ = 0;
};

}  // namespace framebench::strategies
