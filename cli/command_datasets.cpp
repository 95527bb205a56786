#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/result_text.hpp"
#include "core/stopwatch.hpp"
#include "datasets/catalog.hpp"
#include "cli/command.hpp"

namespace framebench::cli {

void add_datasets_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("datasets", "Generate the catalog's synthetic clips");
  sub->require_subcommand(0, 1);
  sub->allow_extras();  // a word that is no datasets command is named below, not "a subcommand is required"
  auto* make = sub->add_subcommand("make", "Generate clips into the cache (all of the catalog if none named)");
  make->allow_extras(false);  // not inherited: `make --bogus` made the whole catalog (found by a review)
  auto names = std::make_shared<std::vector<std::string>>();
  make->add_option("names", *names, "dataset names from datasets/catalog.toml (framebench list datasets)");
  make->callback([&action, names] {
    action = [names] {
      const auto catalog = datasets::Catalog::load_default();
      std::vector<const datasets::DatasetSpec*> todo;
      for (const auto& n : *names) {
        const auto* spec = catalog.find(n);
        if (!spec) {
          std::vector<std::string> known;
          for (const auto& d : catalog.datasets()) known.push_back(d.name);
          throw InputError(unknown_name_message("dataset", n, known) + " (the catalog's; framebench list datasets)");
        }
        todo.push_back(spec);
      }
      if (todo.empty())
        for (const auto& d : catalog.datasets()) todo.push_back(&d);
      const auto cache = datasets::default_cache_dir();
      bool listed = false;  // a clip above this one is listed as made
      for (const auto* spec : todo) {
        const Stopwatch watch;
        datasets::DatasetRecord record;
        try {
          record = datasets::make_dataset(*spec, cache);
        } catch (const Interrupted& e) {
          throw Interrupted(e.signal(), listed ? fmt::format("dataset '{}' not made; those listed above are in {}", spec->name,
                                                             one_printable_line(cache.string()))
                                               : fmt::format("dataset '{}' not made", spec->name));
        }
        listed = true;
        fmt::print("{:<20} {} frames  sha256 {}  frames {}  ({})\n  {}\n", record.name, record.frames, record.sha256.substr(0, 16),
                   record.frames_digest,
                   record.from_cache ? std::string("already made; its bytes match the manifest") : fmt::format("made in {:.1f} s", watch.seconds()),
                   one_printable_line(record.path.string()));
      }
      return 0;
    };
  });
  // Found 5 December 2026 by a hostile-input sweep: `datasets list` said "A subcommand is required".
  sub->callback([&action, sub] {
    const auto words = sub->remaining();
    if (!sub->get_subcommands().empty() && words.empty()) return;
    // A word before `make` (`datasets list make tiny`) is one no command took.
    const std::string what = words.empty() ? std::string("no command given") : fmt::format("'{}' is not a datasets command", words.front());
    action = [what]() -> int {
      throw InputError(fmt::format("datasets: {}; `framebench datasets make [NAME...]` makes clips, `framebench list datasets` lists them", what));
    };
  });
}

}  // namespace framebench::cli
