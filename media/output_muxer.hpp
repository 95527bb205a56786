#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "media/libav.hpp"

namespace framebench::media {

// One output file's libavformat muxer, set up the one way every writer needs it: bit-exact (no
// random segment UIDs, dates or library version strings, so the same packets give the same
// bytes), and the file opened only where the container writes one. The bytes go to `written_to`
// (an AtomicFile's temporary path, or the file itself); messages name `shown_as`, the path the
// user knows.
class OutputMuxer {
 public:
  OutputMuxer(std::filesystem::path shown_as, const std::filesystem::path& written_to, const char* container);

  // The container's flags (AVFMT_GLOBALHEADER), before the streams are set up.
  const AVOutputFormat& container() const { return *muxer_->oformat; }
  AVStream& new_stream();
  // Opens the file and writes the header, once every stream is set up.
  void start();
  void write(AVPacket& packet);
  // Writes the trailer and closes the file.
  void finish();

  // "shown_as: what", for a caller's own messages.
  std::string context(std::string_view what) const;

 private:
  std::filesystem::path shown_as_;
  std::filesystem::path written_to_;
  OutputContextPtr muxer_;
};

}  // namespace framebench::media
