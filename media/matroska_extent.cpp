#include "media/matroska_extent.hpp"

#include <array>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::media {

namespace {

constexpr std::uint64_t kEbmlHeaderId = 0x1A45DFA3;
constexpr std::uint64_t kSegmentId = 0x18538067;
// An EBML header holds a few short fields (version, doc type); one longer than this is not one.
constexpr std::uint64_t kMaxHeaderBytes = 4096;

// An EBML variable-length integer: the count of leading zero bits in its first byte gives its
// length. IDs keep the length marker in their value, sizes do not; a size whose value bits are
// all ones is "unknown".
struct Vint {
  std::uint64_t value = 0;
  bool all_ones = false;
};

std::optional<Vint> read_vint(std::istream& in, bool keep_marker, int max_length) {
  const int first = in.get();
  if (first == std::char_traits<char>::eof() || first == 0) return std::nullopt;
  int length = 1;
  while (!(first & (0x80 >> (length - 1)))) ++length;
  if (length > max_length) return std::nullopt;
  const unsigned marker = 0x80u >> (length - 1);
  Vint v{.value = keep_marker ? static_cast<std::uint64_t>(first) : static_cast<std::uint64_t>(first) & (marker - 1)};
  bool ones = (static_cast<unsigned>(first) & (marker - 1)) == marker - 1;
  for (int i = 1; i < length; ++i) {
    const int byte = in.get();
    if (byte == std::char_traits<char>::eof()) return std::nullopt;
    v.value = v.value << 8 | static_cast<std::uint64_t>(byte);
    ones = ones && byte == 0xFF;
  }
  v.all_ones = !keep_marker && ones;
  return v;
}

}  // namespace

std::optional<std::uint64_t> matroska_segment_end(std::istream& in) {
  const auto header_id = read_vint(in, /*keep_marker=*/true, 4);
  if (!header_id || header_id->value != kEbmlHeaderId) return std::nullopt;
  const auto header_size = read_vint(in, false, 8);
  if (!header_size || header_size->all_ones || header_size->value > kMaxHeaderBytes) return std::nullopt;
  in.seekg(static_cast<std::streamoff>(header_size->value), std::ios::cur);
  const auto segment_id = read_vint(in, true, 4);
  if (!segment_id || segment_id->value != kSegmentId) return std::nullopt;
  const auto segment_size = read_vint(in, false, 8);
  if (!segment_size || segment_size->all_ones) return std::nullopt;
  const std::streamoff data_start = in.tellg();
  if (data_start < 0) return std::nullopt;
  return static_cast<std::uint64_t>(data_start) + segment_size->value;
}

void check_matroska_not_cut_short(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;  // the demuxer has read it already: a file gone since is not this check's to report
  const std::optional<std::uint64_t> end = matroska_segment_end(in);
  if (!end) return;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size >= *end) return;
  throw InputError(fmt::format("{}: the file is cut short: its Matroska segment ends at byte {}, the file at byte {} "
                               "(truncated; its last frames are missing)", path.string(), *end, size));
}

}  // namespace framebench::media
