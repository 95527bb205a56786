#include "cli/man_page.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace framebench::cli {

namespace {

// Text safe in roff: backslashes escaped, and no line starting with a control character.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    out += c == '\\' ? std::string("\\e") : c == '-' ? std::string("\\-") : std::string(1, c);
    line_start = c == '\n';
  }
  return out;
}

// The description with what --help adds beside it: that the option is required, its default.
std::string option_text(const CliOption& o) {
  std::string text = o.description;
  if (o.required && o.positional.empty()) text += " (required)";
  if (!o.default_value.empty()) text += fmt::format(" (default: {})", o.default_value);
  return roff(text);
}

std::string option_line(const CliOption& o) {
  if (!o.positional.empty()) return fmt::format("\\fI{}\\fR", roff(o.positional));
  std::vector<std::string> names;
  for (const auto& n : o.names) names.push_back(fmt::format("\\fB{}\\fR", roff(n)));
  return fmt::format("{}{}", fmt::join(names, ", "), o.value.empty() ? "" : fmt::format(" \\fI{}\\fR", roff(o.value)));
}

void add_command(std::string& s, const CliCommand& c, const std::string& invocation) {
  std::vector<std::string> positionals;  // an optional one in brackets, as usage lines write it
  for (const auto& o : c.options)
    if (!o.positional.empty()) positionals.push_back(o.required ? o.positional : "[" + o.positional + "]");
  std::string usage = invocation;
  for (const auto& p : positionals) usage += " " + p;
  if (c.options.size() > positionals.size()) usage += " [OPTIONS]";
  s += fmt::format(".SS \"{}\"\n{}\n", usage, roff(c.description));
  for (const auto& o : c.options) s += fmt::format(".TP\n{}\n{}\n", option_line(o), option_text(o));
  // The footer's lines as --help shows them: roff would run them together (found 6 December 2026
  // by a review of first use: completion's two lines, one per shell, read as one).
  if (!c.footer.empty()) {
    std::string footer = roff(c.footer);
    for (auto at = footer.find('\n'); at != std::string::npos; at = footer.find('\n', at + 5)) footer.replace(at, 1, "\n.br\n");
    s += fmt::format(".PP\n{}\n", footer);
  }
  for (const auto& sub : c.subcommands) add_command(s, sub, invocation + " " + sub.name);
}

}  // namespace

std::string man_page(const CliCommand& root, const std::string& version) {
  std::string s = fmt::format(".TH {} 1 \"\" \"{} {}\" \"User Commands\"\n", "FRAMEBENCH", root.name, roff(version));
  // CLI11's description starts "framebench: ..." for --help; NAME already says whose it is.
  const auto prefix = root.name + ": ";
  const auto what = root.description.starts_with(prefix) ? root.description.substr(prefix.size()) : root.description;
  s += fmt::format(".SH NAME\n{} \\- {}\n", root.name, roff(what));
  s += fmt::format(".SH SYNOPSIS\n.B {}\n\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]\n", root.name);
  s += ".SH DESCRIPTION\nframebench runs interchangeable strategies for parallelising a video filter over the same datasets and "
       "kernels, times them with Google Benchmark, verifies every output and writes JSON results that its reports and "
       "Google Benchmark's tools read.\n";
  s += ".SH OPTIONS\n";
  for (const auto& o : root.options) s += fmt::format(".TP\n{}\n{}\n", option_line(o), option_text(o));
  s += ".SH COMMANDS\n";
  for (const auto& sub : root.subcommands) add_command(s, sub, root.name + " " + sub.name);
  s += ".SH EXIT STATUS\n.TP\n0\nevery case that could run here ran and verified (skipped cases are listed with the reason)\n.TP\n1\na case failed or did not verify\n.TP\n2\nbad usage, "
       "config or input: one line on stderr names the file or key and what is wrong\n.TP\n129, 130, 143\nstopped by a hang-up, Ctrl-C or "
       "SIGTERM; a run's results file keeps every completed round (\\fBrun\\fR \\fICONFIG\\fR \\fB\\-\\-resume\\fR \\fIFILE\\fR goes on from it)\n";
  s += ".SH ENVIRONMENT\n"
       ".TP\nFRAMEBENCH_CACHE_DIR\nwhere the catalog's clips are made and kept; else \\fI$XDG_CACHE_HOME/framebench/datasets\\fR, else "
       "\\fI$HOME/.cache/framebench/datasets\\fR, else \\fI$TMPDIR/framebench\\-datasets\\-UID\\fR (a folder of that user's)\n"
       ".TP\nFRAMEBENCH_CATALOG\na dataset catalog to read instead of the one shipped (\\fIdatasets/catalog.toml\\fR)\n"
       ".TP\nFRAMEBENCH_REPORTS_DIR\nthe folder holding \\fIrender.mjs\\fR and its Node packages, which \\fBreport\\fR draws "
       "charts with; else the one beside the binary, else the source tree's\n"
       ".TP\nFRAMEBENCH_AV_LOG\nwhat FFmpeg's libraries may print on stderr: quiet, panic, fatal (the default), error, warning, info, "
       "verbose, debug or trace\n"
       ".TP\nTMPDIR\nwhere scratch files (segments, parts, outputs under test) go; else \\fI/tmp\\fR\n"
       ".TP\nTERM\n\\fBdumb\\fR keeps the progress line from being redrawn in place, as output that is not a terminal is\n"
       ".TP\nOMPI_COMM_WORLD_SIZE, PMIX_RANK\nset by \\fBmpirun\\fR: framebench is one rank of an MPI job "
       "(\\fBrun \\-\\-fleet\\fR, \\fBmpi\\-segments\\fR)\n";
  s += ".SH FILES\n.TP\n\\fIdocs/result\\-schema.json\\fR\nJSON Schema of the result files\n";
  s += fmt::format(".SH SEE ALSO\n\\fBffmpeg\\fR(1); shell completion: \\fB{0} completion bash\\fR, \\fB{0} completion zsh\\fR\n", root.name);
  return s;
}

}  // namespace framebench::cli
