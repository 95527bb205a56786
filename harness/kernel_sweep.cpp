#include "harness/kernel_sweep.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>


#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/frame.hpp"
#include "core/number_text.hpp"
#include "core/pixel_path.hpp"
#include "core/toml_reader.hpp"
#include "kernels/implementation.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::harness {

FrameSize parse_frame_size(const std::string& text) {
  FrameSize s;
  const auto x = text.find('x');
  auto number = [&](std::string_view part, int& v) {
    v = whole_number<int>(part).value_or(0);
    return v >= 1 && v <= kMaxFrameSide;
  };
  if (x == std::string::npos || !number(std::string_view(text).substr(0, x), s.width) ||
      !number(std::string_view(text).substr(x + 1), s.height))
    throw InputError(fmt::format("size '{}': expected WIDTHxHEIGHT, each from 1 to {}, e.g. 1920x1080", text, kMaxFrameSide));
  return s;
}

KernelSweep load_kernel_sweep(const std::filesystem::path& file) {
  check_name_fits_results(file);
  return parse_kernel_sweep(read_toml_file(file, "sweep file"), file);
}

KernelSweep parse_kernel_sweep(std::string text, const std::filesystem::path& file) {
  const toml::table root = parse_toml(text, file);
  const TomlReader r(file);
  if (root.contains("matrix") && !root.contains("sweep"))
    r.fail("matrix", "this is an experiment config, not a kernel sweep file: run it with `framebench run FILE`");
  r.reject_unknown(root, "", {"name", "description", "sweep"});
  KernelSweep s;
  std::string description;
  if (auto n = root["description"]) description = r.scalar<std::string>(*n.node(), "description");
  static_cast<ConfigSource&>(s) =
      config_source(file, r.result_name(root, "every sweep file needs a name"), description, std::move(text), canonical_text(root));

  const auto* sweep = root["sweep"].as_table();
  if (!sweep) r.fail("sweep", root.contains("sweep") ? "expected a table" : "missing: the [sweep] table says what to run");
  r.reject_unknown(*sweep, "sweep", {"impl", "kernel", "size", "threads", "pixel_format"});
  for (const char* required : {"impl", "kernel", "size"})
    if (!sweep->contains(required)) r.fail(fmt::format("sweep.{}", required), "missing");
  s.impl = r.list<std::string>(*sweep->get("impl"), "sweep.impl");
  s.kernel = r.list<std::string>(*sweep->get("kernel"), "sweep.kernel");
  s.size = r.list<std::string>(*sweep->get("size"), "sweep.size");
  if (const auto* p = sweep->get("pixel_format")) s.pixel_format = r.list<std::string>(*p, "sweep.pixel_format");
  if (const auto* t = sweep->get("threads")) {
    const auto v = t->value_exact<std::int64_t>();
    if (!v || *v < 0 || *v > kMostWorkers) r.fail("sweep.threads", fmt::format("expected an integer from 0 (all cores) to {}", kMostWorkers));
    s.threads = static_cast<int>(*v);
  }
  // Names are checked here, so that a typo fails before anything runs, naming the file.
  for (std::size_t i = 0; i < s.impl.size(); ++i) try {
      kernels::implementation(s.impl[i]);
    } catch (const InputError& e) {
      r.fail(fmt::format("sweep.impl[{}]", i), e.what());
    }
  for (std::size_t i = 0; i < s.kernel.size(); ++i) try {
      kernels::make_kernel(s.kernel[i]);
    } catch (const InputError& e) {
      r.fail(fmt::format("sweep.kernel[{}]", i), e.what());
    }
  for (std::size_t i = 0; i < s.size.size(); ++i) try {
      parse_frame_size(s.size[i]);
    } catch (const InputError& e) {
      r.fail(fmt::format("sweep.size[{}]", i), e.what());
    }
  for (std::size_t i = 0; i < s.pixel_format.size(); ++i) try {
      parse_pixel_path(s.pixel_format[i]);
    } catch (const InputError& e) {
      r.fail(fmt::format("sweep.pixel_format[{}]", i), e.what());
    }
  return s;
}

}  // namespace framebench::harness
