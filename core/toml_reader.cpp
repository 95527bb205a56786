#include "core/toml_reader.hpp"

#include "core/subprocess.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

namespace framebench {

std::string printable_key(std::string_view key) {
  std::string shown;
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) shown += fmt::format("\\u{:04X}", byte);
    else shown += c;
  }
  return shown;
}

std::string read_text_file(const std::filesystem::path& file, std::string_view what, std::size_t at_most) {
  const auto fail = [&](std::string_view why) { return InputError(fmt::format("{}: cannot read the {} ({})", file.string(), what, why)); };
  // Not blocking: a FIFO nobody writes to would wait in open() for ever.
  const UniqueFd owned(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (!owned) throw fail(errno == ENOENT ? "no such file" : errno == EACCES ? "permission denied" : std::strerror(errno));
  const int fd = owned.get();
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw fail(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InputError(fmt::format("{}: is a directory, not the {}", file.string(), what));
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) throw fail("a device, not a file");
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // a pipe with a writer is read as it comes
  std::string text;
  char buffer[65536];
  while (text.size() < at_most) {
    const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, at_most - text.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail(std::strerror(errno));
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  if (S_ISFIFO(st.st_mode) && text.empty()) throw fail("a pipe nothing was written to");
  return text;
}

std::string read_toml_file(const std::filesystem::path& file, std::string_view what) {
  return read_text_file(file, what, kMaxTomlBytes + 1);
}

void check_name_fits_results(const std::filesystem::path& file) {
  if (const auto problem = result_text_problem(file.string()); !problem.empty())
    throw InputError(fmt::format("{}: its name {}, which the results it makes cannot hold; rename it", file.string(), problem));
}

namespace {

// The most dots in one run of text between '=', ',', brackets, braces and line ends, outside
// strings and comments: a dotted key's parts less one. Values hold few (1.5, a time's fraction).
std::size_t most_dots_in_a_key(std::string_view text) {
  std::size_t most = 0, dots = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {  // skip the string, multi-line or not; basic strings have escapes
      const std::string_view quote = text.substr(i, 3) == std::string(3, c) ? text.substr(i, 3) : text.substr(i, 1);
      std::size_t j = i + quote.size();
      while (j < text.size() && text.substr(j, quote.size()) != quote) j += (c == '"' && text[j] == '\\') ? 2 : 1;
      // A multi-line string may end in one or two quotes before its closing three (TOML's str7).
      for (int more = 0; quote.size() == 3 && more < 2 && j + 3 < text.size() && text[j + 3] == c; ++more) ++j;
      i = j + quote.size() - 1;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      dots = 0;
    } else if (c == '.') {
      most = std::max(most, ++dots);
    } else if (c == '=' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\n') {
      dots = 0;
    }
  }
  return most;
}

// toml++ recurses once per part of a dotted key and has no limit there: 35,000 parts overflowed
// the stack (found 5 December 2026 by a hostile-input sweep). Arrays and inline tables it limits.
constexpr std::size_t kMaxKeyParts = 64;

}  // namespace

toml::table parse_toml(const std::string& text, const std::filesystem::path& file) {
  // Configs, sweeps and catalogs are written by hand, and a config's text is stored in every
  // result file: a huge one is a mistake, refused before parsing.
  if (text.size() > kMaxTomlBytes)
    throw InputError(fmt::format("{}: more than the {} KiB a TOML file framebench reads may have", file.string(), kMaxTomlBytes / 1024));
  if (const auto dots = most_dots_in_a_key(text); dots >= kMaxKeyParts)
    throw InputError(fmt::format("{}: a dotted key of {} or more parts, more than the {} a key framebench reads may have", file.string(),
                                 dots + 1, kMaxKeyParts));
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw InputError(fmt::format("{}:{}:{}: {}", file.string(), where.line, where.column, e.description()));
  }
}

namespace {

// toml++ writes a node as it was read (an inline table inline, 0x10 in hex): cleared, equal
// settings are written alike.
void clear_layout(toml::node& node) {
  if (auto* table = node.as_table()) {
    table->is_inline(false);
    for (auto&& [key, value] : *table) clear_layout(value);
  } else if (auto* array = node.as_array()) {
    for (auto& value : *array) clear_layout(value);
  } else {
    node.visit([](auto& value) {
      if constexpr (toml::is_value<decltype(value)>) value.flags(toml::value_flags::none);
    });
  }
}

}  // namespace

std::string canonical_text(const toml::table& root) {
  toml::table plain = root;
  clear_layout(plain);
  std::ostringstream text;
  text << toml::toml_formatter{plain};
  return std::move(text).str();
}

namespace {

std::string first_difference_under(const toml::table& a, const toml::table& b, const std::string& prefix) {
  std::set<std::string_view> keys;  // both tables' keys, in order
  for (const auto& [key, node] : a) keys.insert(key.str());
  for (const auto& [key, node] : b) keys.insert(key.str());
  for (const std::string_view key : keys) {
    const std::string dotted = prefix.empty() ? printable_key(key) : prefix + "." + printable_key(key);
    const toml::node* x = a.get(key);
    const toml::node* y = b.get(key);
    if (x && y && x->is_table() && y->is_table()) {
      if (std::string inner = first_difference_under(*x->as_table(), *y->as_table(), dotted); !inner.empty()) return inner;
    } else if (!x || !y || toml::node_view<const toml::node>{x} != toml::node_view<const toml::node>{y}) {
      return dotted;
    }
  }
  return {};
}

}  // namespace

std::string first_difference(const toml::table& a, const toml::table& b) { return first_difference_under(a, b, ""); }

}  // namespace framebench
