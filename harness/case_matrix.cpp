#include "harness/case_matrix.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/input_file.hpp"
#include "datasets/catalog.hpp"
#include "harness/benchmark_json.hpp"
#include "strategies/registry.hpp"

namespace framebench::harness {

std::string dataset_label(const std::string& dataset) {
  if (dataset.find('/') == std::string::npos) return dataset;
  return std::filesystem::path(dataset).filename().string();
}

std::string scope_text(std::string_view scope, std::string_view where) {
  if (scope == kMachineScope) return fmt::format("not available on {} machine", where);
  if (scope == kStrategyScope) return "the strategy cannot do this";
  if (scope == kInputScope) return fmt::format("not possible with {} input", where);
  if (scope == kSameCase) return "measured under another name";
  return {};  // older files record no scope
}

std::string Case::name() const {
  return fmt::format("e2e/strategy:{}/dataset:{}/kernel:{}/encoder:{}/workers:{}{}", strategy->name(), name_segment_value(dataset_label(dataset)),
                     name_segment_value(kernel.name), encoder.name, workers, pixels == PixelPath::native ? "/pixel_format:native" : "");
}

int Case::resolved_workers() const { return CoreBudget(workers).cores(); }

namespace {

// Each name resolved by `make`; an unknown one fails naming its config key, e.g. matrix.kernel[1].
template <typename Make>
auto resolve_each(const ExperimentConfig& config, const std::vector<std::string>& names, const char* key, Make make) {
  std::vector<std::decay_t<decltype(make(names.front()))>> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    try {
      out.push_back(make(names[i]));
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: matrix.{}[{}]: {}", config.path.string(), key, i, e.what()));
    }
  }
  return out;
}

}  // namespace

namespace {

// The first reason `c` cannot run, and whose limit it is.
void mark_unavailable(Case& c, int workers) {
  const auto set = [&](std::string reason, std::string_view scope) {
    if (!c.unavailable_reason.empty() || reason.empty()) return;
    c.unavailable_reason = std::move(reason);
    c.unavailable_scope = std::string(scope);
  };
  set(c.strategy->unavailable_reason(), kMachineScope);
  set(media::encoder_unavailable_reason(c.encoder), kMachineScope);
  set(c.strategy->encoder_unsupported_reason(c.encoder), kStrategyScope);
  set(c.strategy->pixel_path_unsupported_reason(c.pixels), kStrategyScope);
  set(c.strategy->kernel_unsupported_reason(c.kernel), kStrategyScope);
  // A scaling sweep past the machine's cores would measure oversubscription, not scaling.
  if (!c.strategy->fixed_workers() && workers > CoreBudget::available())
    set(fmt::format("{} workers asked, {} core{} available to this run", workers, CoreBudget::available(),
                    CoreBudget::available() == 1 ? " is" : "s are"), kMachineScope);
}

}  // namespace

std::vector<Case> expand_matrix(const ExperimentConfig& config) {
  const auto& m = config.matrix;
  const auto strategy_list = resolve_each(config, m.strategy, "strategy", [](const std::string& n) { return &strategies::strategy(n); });
  const auto kernel_list = resolve_each(config, m.kernel, "kernel", [](const std::string& n) { return kernels::make_kernel(n); });
  const auto encoder_list = resolve_each(config, m.encoder, "encoder", [](const std::string& n) { return media::encoder(n); });

  // Case names carry a dataset's file name only: two files of one name would be one case, the
  // second never run (found 6 December 2026 by a documentation walk-through). One file written
  // two ways ("clip.mkv", "./clip.mkv") is one dataset, run once.
  const auto where = [](const std::string& path) {
    std::error_code ec;
    const auto full = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
    return ec ? std::filesystem::path() : full;
  };
  const auto same_file = [&](const std::string& a, const std::string& b) {
    const auto path = where(a);
    return !path.empty() && path == where(b);
  };
  for (std::size_t i = 0; i < m.dataset.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (dataset_label(m.dataset[i]) == dataset_label(m.dataset[j]) && !same_file(m.dataset[i], m.dataset[j]))
        throw InputError(fmt::format("{}: matrix.dataset[{}]: '{}' has the file name of matrix.dataset[{}] '{}', and case names carry "
                                     "only that: rename or link one of them",
                                     config.path.string(), i, m.dataset[i], j, m.dataset[j]));
  std::vector<Case> cases;
  std::set<std::string> seen;
  for (const auto& dataset : m.dataset)
    for (const auto* strategy : strategy_list)
      for (const auto& kernel : kernel_list)
        for (const auto& encoder : encoder_list)
          for (int workers : m.workers)
            for (const PixelPath pixels : m.pixel_format) {
              // A strategy with a fixed core count runs once, whatever the workers axis says.
              Case c{strategy, dataset, kernel, encoder, strategy->fixed_workers() ? strategy->fixed_workers() : workers, pixels, {}, {}};
              if (!seen.insert(c.name()).second) continue;
              mark_unavailable(c, workers);
              cases.push_back(std::move(c));
            }
  return cases;
}

void check_datasets_known(const ExperimentConfig& config, const std::vector<Case>& cases, const datasets::Catalog& catalog) {
  for (std::size_t i = 0; i < config.matrix.dataset.size(); ++i) {
    const auto& dataset = config.matrix.dataset[i];
    if (std::none_of(cases.begin(), cases.end(), [&](const Case& c) { return c.dataset == dataset; })) continue;
    if (const auto problem = datasets::unknown_dataset_problem(dataset, catalog, config.path.parent_path()); !problem.empty())
      throw InputError(fmt::format("{}: matrix.dataset[{}]: {}", config.path.string(), i, problem));
    // A folder, pipe or unreadable file the run refuses when it resolves the dataset: refused here
    // too, so that --dry-run and --list-cases do not promise cases the run refuses (found
    // 6 December 2026 by a hostile-input sweep: dataset = ["/tmp"] "1 case(s) would run", exit 0).
    if (!catalog.find(dataset)) try {
        check_input_file(dataset);
      } catch (const InputError& e) {
        throw InputError(fmt::format("{}: matrix.dataset[{}]: {}", config.path.string(), i, e.what()));
      }
  }
}

void mark_same_as_all_cores(std::vector<Case>& cases) {
  const int cores = CoreBudget::available();
  // What a case is but for its workers; a set, as matrices run to tens of thousands of cases.
  const auto key = [](const Case& c) {
    return std::make_tuple(c.strategy, c.dataset, c.kernel.name, c.encoder.name, static_cast<int>(c.pixels));
  };
  std::set<decltype(key(cases.front()))> all_cores;
  for (const Case& o : cases)
    if (o.workers == 0 && o.unavailable_reason.empty()) all_cores.insert(key(o));
  for (Case& c : cases) {
    if (c.strategy->fixed_workers() || c.workers != cores || !c.unavailable_reason.empty()) continue;
    if (!all_cores.contains(key(c))) continue;
    c.unavailable_reason = fmt::format("the same case as workers 0 (all {} cores) here, which runs", cores);
    c.unavailable_scope = kSameCase;
  }
}

void check_some_runnable(const ExperimentConfig& config, const std::vector<Case>& cases, const std::string& filter) {
  const std::string path = config.path.string();
  if (cases.empty()) throw InputError(fmt::format("{}: no case to run{}", path, filter.empty() ? "" : " matches --filter"));
  if (std::any_of(cases.begin(), cases.end(), [](const Case& c) { return c.unavailable_reason.empty(); })) return;
  // Found 5 December 2026 by a hostile-input sweep: --list-cases printed nothing with exit 0, and
  // the run said its filter matched nothing, of cases it had matched.
  const Case& first = cases.front();
  throw InputError(fmt::format("{}: none of the {} case(s){} can run here ({}: {})", path, cases.size(), filter.empty() ? "" : " --filter matches",
                               first.name(), first.unavailable_reason));
}

}  // namespace framebench::harness
