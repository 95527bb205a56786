#pragma once
// Decode errors in a decoder framebench does not drive. OpenCV's cv::VideoCapture decodes through
// libavcodec out of our sight and conceals what it cannot decode; libavcodec's decoders still
// report every error to the libav log, so while a watch is alive the process's log reports from
// decoders at error level are counted, and the first is kept to say what went wrong.
#include <cstdint>
#include <string>

namespace framebench::media {

class DecodeErrorWatch {
 public:
  DecodeErrorWatch();   // routes the libav log through the watch (one watch per process at a time)
  ~DecodeErrorWatch();  // gives the log back to libav's own printer
  DecodeErrorWatch(const DecodeErrorWatch&) = delete;
  DecodeErrorWatch& operator=(const DecodeErrorWatch&) = delete;

  std::int64_t errors() const;
  // The first report, trimmed, with the decoder's name ("mpeg4: concealing 1 DC, 1 AC, 1 MV errors in P frame").
  std::string first_error() const;
};

}  // namespace framebench::media
