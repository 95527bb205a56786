#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>

#include "core/error.hpp"
#include "core/result_text.hpp"
#include "datasets/catalog.hpp"
#include "cli/command.hpp"
#include "kernels/implementation.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "strategies/registry.hpp"

namespace framebench::cli {

namespace {

void print_row(const std::string& name, const std::string& why_not, const std::string& description) {
  fmt::print("  {:<24} {:<12} {}\n", name, why_not.empty() ? "available" : "unavailable",
             why_not.empty() ? description : fmt::format("{} ({})", description, why_not));
}

void list_strategies() {
  fmt::print("strategies:\n");
  for (const auto* s : strategies::all_strategies()) print_row(s->name(), s->unavailable_reason(), s->description());
}

void list_kernels() {
  fmt::print("kernels (presets; also box:K, gaussian:K[:SIGMA], disc:K, custom:c1,c2,...[/divisor]):\n");
  for (const auto& name : kernels::preset_names()) {
    const auto k = kernels::make_kernel(name);
    fmt::print("  {:<24} {}x{}{}\n", name, k.size, k.size, k.separable ? ", separable" : "");
  }
  fmt::print("kernel implementations:\n");
  for (const auto& impl : kernels::implementations())
    print_row(impl.name, impl.unavailable_reason ? impl.unavailable_reason() : "", impl.description);
}

void list_encoders() {
  fmt::print("encoders:\n");
  for (const auto& e : media::encoders())
    print_row(e.name, media::encoder_unavailable_reason(e), fmt::format("{}{}", e.description, e.lossless ? " [lossless]" : ""));
}

void list_datasets(const datasets::Catalog& catalog) {
  const auto cache = datasets::default_cache_dir();
  fmt::print("datasets (cache: {}):\n", one_printable_line(cache.string()));
  for (const auto& d : catalog.datasets()) {
    // A clip without its manifest (a make that failed writing it), or with one that no longer
    // describes it, is made again by `datasets make` and `run`, so it is not called made.
    const bool made = datasets::made_in_cache(d, cache);
    fmt::print("  {:<24} {:<12} {}x{} {} frames at {}/{} fps, GOP {}, {}\n", d.name, made ? "made" : "not made", d.width, d.height,
               d.frames, d.frame_rate.num, d.frame_rate.den, d.gop, d.description);
  }
}

}  // namespace

void add_list_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("list", "List strategies, kernels, encoders or datasets, with availability");
  auto what = std::make_shared<std::string>("all");
  sub->add_option("what", *what, fmt::format("{}", fmt::join(kListTopics, " | ")))->check(CLI::IsMember(kListTopics));
  sub->callback([&action, what] {
    action = [what] {
      const bool all = *what == "all";
      // Read before anything is printed: a bad catalog is one line, not the other lists and then it.
      std::optional<datasets::Catalog> catalog;
      if (all || *what == "datasets") catalog = datasets::Catalog::load_default();
      if (all || *what == "strategies") list_strategies();
      if (all || *what == "kernels") list_kernels();
      if (all || *what == "encoders") list_encoders();
      if (catalog) list_datasets(*catalog);
      return 0;
    };
  });
}

}  // namespace framebench::cli
