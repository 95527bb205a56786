#include "harness/case_matrix.hpp"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "strategies/registry.hpp"

namespace framebench::harness {

std::string dataset_label(const std::string& dataset) {
  if (dataset.find('/') == std::string::npos) return dataset;
  return std::filesystem::path(dataset).filename().string();
}

std::string Case::name() const {
  return fmt::format("e2e/strategy:{}/dataset:{}/kernel:{}/encoder:{}/workers:{}", strategy->name(), dataset_label(dataset),
                     kernel.name, encoder.name, workers);
}

int Case::resolved_workers() const { return CoreBudget(workers).cores(); }

std::vector<Case> expand_matrix(const ExperimentConfig& config) {
  auto rethrow = [&](const std::string& key, const InputError& e) -> InputError {
    return InputError(fmt::format("{}: {}: {}", config.path.string(), key, e.what()));
  };
  const auto& m = config.matrix;
  std::vector<const strategies::Strategy*> strategy_list;
  for (std::size_t i = 0; i < m.strategy.size(); ++i) {
    try {
      strategy_list.push_back(&strategies::strategy(m.strategy[i]));
    } catch (const InputError& e) {
      throw rethrow(fmt::format("matrix.strategy[{}]", i), e);
    }
  }
  std::vector<kernels::KernelSpec> kernel_list;
  for (std::size_t i = 0; i < m.kernel.size(); ++i) {
    try {
      kernel_list.push_back(kernels::make_kernel(m.kernel[i]));
    } catch (const InputError& e) {
      throw rethrow(fmt::format("matrix.kernel[{}]", i), e);
    }
  }
  std::vector<media::EncoderSpec> encoder_list;
  for (std::size_t i = 0; i < m.encoder.size(); ++i) {
    try {
      encoder_list.push_back(media::encoder(m.encoder[i]));
    } catch (const InputError& e) {
      throw rethrow(fmt::format("matrix.encoder[{}]", i), e);
    }
  }

  std::vector<Case> cases;
  std::set<std::string> seen;
  for (const auto& dataset : m.dataset)
    for (const auto* strategy : strategy_list)
      for (const auto& kernel : kernel_list)
        for (const auto& encoder : encoder_list)
          for (int workers : m.workers) {
            // A strategy with a fixed core count runs once, whatever the workers axis says.
            Case c{strategy, dataset, kernel, encoder, strategy->fixed_workers() ? strategy->fixed_workers() : workers, {}};
            if (!seen.insert(c.name()).second) continue;
            c.unavailable_reason = strategy->unavailable_reason();
            if (c.unavailable_reason.empty()) c.unavailable_reason = media::encoder_unavailable_reason(encoder);
            if (c.unavailable_reason.empty()) c.unavailable_reason = strategy->encoder_unsupported_reason(encoder);
            // A scaling sweep past the machine's cores would measure oversubscription, not scaling.
            if (c.unavailable_reason.empty() && !strategy->fixed_workers() && workers > CoreBudget::available())
              c.unavailable_reason = fmt::format("{} workers asked, this machine has {} cores", workers, CoreBudget::available());
            cases.push_back(std::move(c));
          }
  return cases;
}

}  // namespace framebench::harness
