#include "core/toml_reader.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"

namespace framebench {
namespace {

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(TomlReader, SyntaxErrorsCarryFileLineAndColumn) {
  const auto what = error_of([] { parse_toml("a = 1\n\nb = @\n", "x.toml"); });
  EXPECT_EQ(what.rfind("x.toml:", 0), 0u) << what;
  EXPECT_EQ(what.rfind("x.toml:3:5: ", 0), 0u) << "line and column of the bad value: " << what;
}

TEST(TomlReader, WrongTypesNameTheKeyAndBothTypes) {
  const auto root = parse_toml("n = \"five\"\nf = true\nl = []\n", "x.toml");
  const TomlReader r("x.toml");
  EXPECT_EQ(error_of([&] { r.scalar<int>(*root.get("n"), "n"); }), "x.toml: n: expected an integer, got a string");
  EXPECT_EQ(error_of([&] { r.scalar<double>(*root.get("f"), "f"); }), "x.toml: f: expected a number, got a boolean");
  EXPECT_EQ(error_of([&] { r.list<int>(*root.get("l"), "l"); }), "x.toml: l: the list is empty");
  EXPECT_EQ(r.list<std::string>(*root.get("n"), "n"), std::vector<std::string>{"five"}) << "a single value is a list of one";
}

TEST(TomlReader, UnknownKeysSuggestTheClosest) {
  const auto root = parse_toml("[matrix]\nkernal = 1\nzzzz = 2\n", "x.toml");
  const TomlReader r("x.toml");
  const auto& m = *root.get("matrix")->as_table();
  EXPECT_EQ(error_of([&] { r.reject_unknown(m, "matrix", {"kernel", "zzzz"}); }),
            "x.toml: matrix.kernal: unknown key (did you mean 'kernel'?)");
  EXPECT_EQ(error_of([&] { r.reject_unknown(m, "matrix", {"kernal", "workers"}); }),
            "x.toml: matrix.zzzz: unknown key (valid keys: kernal, workers)");
}

// Found 5 December 2026 by a hostile-input sweep: a NUL in a quoted key ended the error line at
// it ("x.toml: a").
TEST(TomlReader, ControlCharactersInKeysAreShownEscaped) {
  const auto root = parse_toml("[matrix]\n\"str\\u0000ategy\" = 1\n\"tab\\tbed\\u007F\" = 2\n", "x.toml");
  const TomlReader r("x.toml");
  const auto& m = *root.get("matrix")->as_table();
  EXPECT_EQ(error_of([&] { r.reject_unknown(m, "matrix", {"strategy", "tab\tbed\x7f"}); }),
            "x.toml: matrix.str\\u0000ategy: unknown key (did you mean 'strategy'?)");
  EXPECT_EQ(error_of([&] { r.reject_unknown(m, "matrix", {"str", std::string("str\0ategy", 9)}); }),
            "x.toml: matrix.tab\\u0009bed\\u007F: unknown key (valid keys: str, str\\u0000ategy)");
  EXPECT_EQ(printable_key("clip-1080p.mkv"), "clip-1080p.mkv");
}

TEST(TomlReader, ResultNamesMustBeSafeInFileNames) {
  const TomlReader r("x.toml");
  EXPECT_EQ(r.result_name(parse_toml("name = \"ok-1\"", "x.toml"), "needed"), "ok-1");
  EXPECT_EQ(error_of([&] { r.result_name(parse_toml("", "x.toml"), "every config needs a name"); }),
            "x.toml: name: missing: every config needs a name");
  EXPECT_NE(error_of([&] { r.result_name(parse_toml("name = \"a/b\"", "x.toml"), "n"); }).find("without spaces, slashes or control characters"),
            std::string::npos);
  EXPECT_NE(error_of([&] { r.result_name(parse_toml("name = \"a\\rb\"", "x.toml"), "n"); }).find("control characters"), std::string::npos);
  for (const char* hidden_or_option : {".", "..", ".quick", "-rf"})  // a hidden results file, or one read as an option
    EXPECT_NE(error_of([&] { r.result_name(parse_toml(fmt::format("name = \"{}\"", hidden_or_option), "x.toml"), "n"); })
                  .find("not start with '.' or '-'"),
              std::string::npos)
        << hidden_or_option;
  EXPECT_EQ(error_of([&] { r.result_name(parse_toml(fmt::format("name = \"{}\"", std::string(300, 'n')), "x.toml"), "n"); }),
            "x.toml: name: is 300 bytes long; at most 128, since it names result files");
  EXPECT_EQ(r.result_name(parse_toml(fmt::format("name = \"{}\"", std::string(128, 'n')), "x.toml"), "n"), std::string(128, 'n'));
}

TEST(TomlReader, UnreadableFilesSayWhy) {
  const ScratchDir dir("toml-reader-test");
  EXPECT_EQ(error_of([&] { read_text_file(dir / "absent.toml", "config file"); }),
            (dir / "absent.toml").string() + ": cannot read the config file (no such file)");
  std::ofstream(dir / "present.toml") << "a = 1\n";
  EXPECT_EQ(read_text_file(dir / "present.toml", "config file"), "a = 1\n");
  // A pipe nobody writes to used to hang in open(); a device is not a file.
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0600), 0);
  EXPECT_EQ(error_of([&] { read_text_file(dir / "fifo.toml", "config file"); }),
            (dir / "fifo.toml").string() + ": cannot read the config file (a pipe nothing was written to)");
  EXPECT_EQ(error_of([&] { read_text_file("/dev/zero", "config file"); }), "/dev/zero: cannot read the config file (a device, not a file)");
  // An endless pipe (`run <(yes)`) is read only up to the TOML bound, then refused by its size.
  const RunResult endless = run_capture({"sh", "-c", "yes | head -c 5000000 > '" + (dir / "big.toml").string() + "'"});
  ASSERT_TRUE(endless.status.ok());
  EXPECT_EQ(read_toml_file(dir / "big.toml", "config file").size(), kMaxTomlBytes + 1);
}

// toml++ recurses once per part of a dotted key: 35,000 parts (70 KB) overflowed the stack.
TEST(TomlReader, DeepDottedKeysAreRefusedBeforeParsing) {
  std::string deep = "x";
  for (int i = 0; i < 35000; ++i) deep += ".x";
  // TOML's own str7 and its literal twin end in four quotes; the scan must not lose its place there.
  for (const std::string& text : {deep + " = 1\n", "[" + deep + "]\n", "a = {" + deep + " = 1}\n",
                                  "a = \"\"\"x \"y\"\"\"\"\n" + deep + " = 1\n", "a = '''x 'y''''\n" + deep + " = 1\n"}) {
    try {
      parse_toml(text, "deep.toml");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), "deep.toml: a dotted key of 35001 or more parts, more than the 64 a key framebench reads may have");
    }
  }
  // Dots in values, strings and comments are no key's.
  std::string floats = "taps = [";
  for (int i = 0; i < 225; ++i) floats += "0.5, ";
  floats += "0.5]\nname = \"" + std::string(500, '.') + "\"\nlit = '" + std::string(100, '.') + "'\nml = \"\"\"\n" +
            std::string(100, '.') + "\\\"\"\"\" # " + std::string(100, '.') + "\nwhen = 1979-05-27T07:32:00.999\na.b.c = 1\n" +
            "quoted = \"\"\"A \"quoted\" word\"\"\"\"\nafter = \"" + std::string(100, '.') + "\"\n";
  EXPECT_NO_THROW(parse_toml(floats, "fine.toml")) << floats;
}

// A 50 MB config used to become a 105 MB result (its text is stored twice): refused up front.
TEST(TomlReader, HugeTextIsRefusedBeforeParsing) {
  const std::string huge = "name = \"big\"\n# " + std::string(kMaxTomlBytes, 'x') + "\n";
  EXPECT_EQ(error_of([&] { parse_toml(huge, "big.toml"); }),
            "big.toml: more than the 1024 KiB a TOML file framebench reads may have");
  EXPECT_NO_THROW(parse_toml("name = \"small\"\n# " + std::string(kMaxTomlBytes - 100, 'x') + "\n", "ok.toml"));
}

TEST(TomlReader, CanonicalTextLeavesOutCommentsLayoutOrderAndQuoting) {
  const toml::table a = toml::parse("# a config\nname = 'x'\n\n[matrix]   # the cases\nkernel = [\"box5\"]\nworkers = [1, 2]\n");
  const toml::table b = toml::parse("[matrix]\nworkers = [ 1,2 ]\nkernel = ['box5']\n[\"\"]\n");
  const toml::table c = toml::parse("name = \"x\"\nmatrix.workers = [1, 2]\nmatrix.kernel = [\"box5\"]\n");
  EXPECT_NE(canonical_text(a), canonical_text(b));  // b has no name, and an empty table
  EXPECT_EQ(canonical_text(a), canonical_text(c));
  EXPECT_EQ(first_difference(a, c), "");
  // Inline tables, integers in hex and arrays of inline tables are the same settings too (a
  // review's find: toml++ writes each node as it was read).
  for (const auto& [x, y] : {std::pair{"[matrix]\nkernel = ['box5']\n", "matrix = {kernel = [ 'box5' ]}\n"},
                             std::pair{"x = 16\n", "x = 0x10\n"}, std::pair{"[[d]]\nid = 1\n", "d = [{id = 1}]\n"}}) {
    EXPECT_EQ(canonical_text(toml::parse(x)), canonical_text(toml::parse(y))) << x << " / " << y;
    EXPECT_EQ(first_difference(toml::parse(x), toml::parse(y)), "") << x << " / " << y;
  }
}

TEST(TomlReader, FirstDifferenceNamesTheDottedKey) {
  const toml::table a = toml::parse("name = 'x'\n[matrix]\nkernel = ['box5']\nworkers = [1, 2]\n");
  EXPECT_EQ(first_difference(a, toml::parse("name = 'x'\n[matrix]\nkernel = ['box5']\nworkers = [1, 3]\n")), "matrix.workers");
  EXPECT_EQ(first_difference(a, toml::parse("name = 'x'\n[matrix]\nkernel = ['box5']\nworkers = [1, 2]\nwarmup = 1\n")), "matrix.warmup");
  EXPECT_EQ(first_difference(a, toml::parse("name = 'x'\n[matrix]\nkernel = ['box5']\n")), "matrix.workers");
  EXPECT_EQ(first_difference(a, toml::parse("name = 'x'\nmatrix = 1\n")), "matrix");
  EXPECT_EQ(first_difference(toml::parse("x = 1"), toml::parse("x = 1.0")), "x");  // an integer is not a float
}

}  // namespace
}  // namespace framebench
