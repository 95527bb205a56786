#include "harness/kernel_benchmarks.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/name_filter.hpp"
#include "core/frame.hpp"
#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "core/resource_usage.hpp"
#include "core/scratch_dir.hpp"
#include "core/status_line.hpp"
#include "core/stopwatch.hpp"
#include "harness/bandwidth.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/benchmark_session.hpp"
#include "harness/environment.hpp"
#include "harness/frame_distance.hpp"
#include "harness/gpu_kernel_cases.hpp"
#include "harness/kernel_case.hpp"
#include "harness/machine_state.hpp"
#include "harness/measurement_policy.hpp"
#include "harness/output_path.hpp"
#include "harness/system_load.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/fast_filter.hpp"
#include "kernels/implementation.hpp"
#include "kernels/kernel_spec.hpp"
#include "kernels/planar_filter.hpp"
#include "strategies/strategy.hpp"

namespace framebench::harness {

namespace {

void run_case(benchmark::State& state, KernelCase& c) {
  throw_if_interrupted();
  // Google Benchmark prints nothing until a case ends, and a sweep's cases can take minutes
  // (found 5 December 2026 by a review of first use: 39 s without a line).
  if (!c.ran && c.of > 0) StatusLine::standard_error().update(fmt::format("kernels [{}/{}] {}", c.place, c.of, c.name), "running");
  c.ran = true;
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return;
  }
  try {
    // A BGR24 frame is one plane of three channels; PlanarFilter filters each plane on its own.
    const PlanarFrame& input = c.inputs->get(c.size, c.pixels);
    kernels::PlanarFilter filter(c.impl->make(c.kernel, c.threads));
    PlanarFrame out;
    filter.apply(input, out);  // untimed: plans, scratch and caches warm up
    throw_if_interrupted();  // one frame can take minutes (reference, disc:63, 16384 wide)

    // Cross-check against cpu-fast (tested bit-exact with the reference) within the
    // implementation's exactness class: a wrong result is a failure, not a fast case.
    int diff = 0;
    if (c.impl->name != "cpu-fast" && c.impl->name != "reference") {
      PlanarFrame expected;
      kernels::PlanarFilter(kernels::make_fast_filter(c.kernel)).apply(input, expected);
      diff = std::max(diff, max_difference(out, expected));
    }
    check_against_cpu_fast(c, diff);

    // What else the machine did meanwhile, as `run` records it per repetition (outside the timed loop).
    LoadProbe load;
    const ResourceSample before = sample_resources();
    const Stopwatch loop;
    load.start();
    for (auto _ : state) {
      throw_if_interrupted();
      filter.apply(input, out);
      benchmark::DoNotOptimize(out.planes.front().row(0));
      benchmark::ClobberMemory();
    }
    const LoadShares shares = load.finish(sample_resources().self_cpu_s - before.self_cpu_s);
    const double looped_s = loop.seconds();
    c.others_s += (shares.others_cpu + shares.steal) * looped_s;
    c.looped_s += looped_s;
    const double pixels = static_cast<double>(c.size.width) * c.size.height;
    double bytes = 0;  // input read and output written once
    for (const Frame& p : input.planes) bytes += 2.0 * static_cast<double>(p.view().row_bytes()) * p.height();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    using benchmark::Counter;
    state.counters["fps"] = Counter(1, Counter::kIsIterationInvariantRate);
    state.counters["pixels_per_second"] = Counter(pixels, Counter::kIsIterationInvariantRate);
    state.counters["bandwidth_fraction"] = Counter(bytes / c.bandwidth, Counter::kIsIterationInvariantRate);
    // Not "threads": Google Benchmark writes its own (1) under that key, and an entry with one key
    // twice is JSON that strict readers refuse (reports/ read this back as the "threads" counter).
    state.counters["thread_budget"] = c.threads;
    state.counters["max_abs_diff"] = diff;
    state.counters["others_cpu"] = shares.others_cpu;
    state.counters["steal"] = shares.steal;
    state.counters["verified"] = 1;
  } catch (const Interrupted&) {
    throw;
  } catch (const std::exception& e) {
    fail_case(state, c, e);
  }
}

}  // namespace

std::vector<std::string> default_kernels() { return {"box5", "gaussian5", "sharpen3", "laplacian3", "box15", "gaussian15"}; }
std::vector<std::string> default_sizes() { return {"640x360", "1920x1080", "3840x2160"}; }

namespace {

// What `kernels` will run: the names resolved, checked and parsed.
struct KernelPlan {
  std::optional<KernelSweep> sweep;
  std::vector<const kernels::Implementation*> impls;
  std::vector<kernels::KernelSpec> kernels;
  std::vector<FrameSize> sizes;
  std::vector<PixelPath> pixels;
  int budget = 1;  // threads for multithreaded implementations, 0 = all cores
  // The sweep file's lists the command line replaced ("--kernel box5"), recorded beside the
  // file's text so that the result does not claim the file's sweep.
  std::vector<std::string> replaced;
};

KernelPlan plan_kernel_benchmarks(const KernelBenchOptions& options) {
  KernelPlan plan;
  if (!options.config.empty()) plan.sweep = load_kernel_sweep(options.config);
  // A list given on the command line wins over the sweep file's, which wins over the default.
  auto pick = [&](const std::vector<std::string>& given, const std::vector<std::string> KernelSweep::*from,
                  std::vector<std::string> fallback, const char* option) {
    if (!given.empty()) {
      if (plan.sweep) plan.replaced.push_back(fmt::format("{} {}", option, fmt::join(given, " ")));
      return given;
    }
    if (plan.sweep) return (*plan.sweep).*from;
    return fallback;
  };
  std::vector<std::string> impl_names = pick(options.impls, &KernelSweep::impl, {}, "--impl");
  if (impl_names.empty())
    for (const auto& impl : kernels::implementations()) impl_names.push_back(impl.name);
  plan.budget = options.threads >= 0 ? options.threads : plan.sweep ? plan.sweep->threads : 1;
  if (plan.sweep && options.threads >= 0) plan.replaced.push_back(fmt::format("--threads {}", options.threads));
  // Allowed, as `process` allows more workers than cores, but said: the figures then measure the
  // cores' sharing (found 5 December 2026 by a hostile-input sweep: 4096 threads, 27x the time).
  if (const int cores = CoreBudget::available(); plan.budget > cores)
    StatusLine::standard_error().warn(fmt::format("{} {} is more than this machine's {} core(s): multithreaded implementations' threads "
                                                  "will share them", options.threads >= 0 ? "--threads" : "sweep.threads", plan.budget, cores));
  for (const auto& name : impl_names) plan.impls.push_back(&kernels::implementation(name));
  for (const auto& name : pick(options.kernels, &KernelSweep::kernel, default_kernels(), "--kernel")) plan.kernels.push_back(kernels::make_kernel(name));
  for (const auto& name : pick(options.sizes, &KernelSweep::size, default_sizes(), "--size")) plan.sizes.push_back(parse_frame_size(name));
  auto pixel_formats = pick(options.pixel_formats, &KernelSweep::pixel_format, {"bgr24"}, "--pixel-format");
  if (pixel_formats.empty()) pixel_formats = {"bgr24"};  // the key is optional in sweep files
  for (const auto& name : pixel_formats) try {
      plan.pixels.push_back(parse_pixel_path(name));
    } catch (const InputError& e) {
      throw InputError(fmt::format("--pixel-format: {}", e.what()));
    }
  return plan;
}

// Empty when `impl` can run `kernel` here; otherwise why not.
std::string why_not_runnable(const kernels::Implementation& impl, const kernels::KernelSpec& kernel, PixelPath pixels) {
  if (impl.unavailable_reason) {
    if (auto why = impl.unavailable_reason(); !why.empty()) return why;
  }
  if (pixels == PixelPath::native && !impl.planes)
    return fmt::format("{}: filters BGR24 frames only, not the native path's planes", impl.name);
  try {
    impl.make(kernel, 1);  // can it run this kernel at all (opencv-sep: separable only)?
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

struct KernelCases {
  std::vector<std::unique_ptr<KernelCase>> cases;
  nlohmann::json skipped = nlohmann::json::array();  // {case, reason} for each case that cannot run
  std::vector<std::string> skip_lines;                // one per implementation and reason
};

// CUDA implementations also get their GPU twins when the GPU is usable:
// harness/gpu_kernel_cases.hpp. Rooflines come once memory and the device are measured
// (set_rooflines): nothing is measured before the sweep is known to be runnable.
KernelCases register_kernel_cases(const KernelPlan& plan, bool gpu_usable, KernelInputs& inputs) {
  const int threads = CoreBudget(plan.budget).cores();
  KernelCases out;
  std::set<std::string> reported;  // one line per implementation and reason, not per case
  // A kernel, size or implementation listed twice makes its cases once: a repeated entry is one
  // the result file's readers refuse (found 5 December 2026 by a hostile-input sweep).
  std::set<std::string> made;
  for (auto pixels : plan.pixels)
  for (auto size : plan.sizes)
    for (const auto& kernel : plan.kernels)
      for (const auto* impl : plan.impls) {
        // BGR24 names stay as they were; the native path's carry its segment (before the size, so
        // that no name is a prefix of another).
        const auto name = fmt::format("kernel/impl:{}/kernel:{}{}/size:{}x{}", impl->name, name_segment_value(kernel.name),
                                      pixels == PixelPath::native ? "/pixel_format:native" : "", size.width, size.height);
        if (!made.insert(name).second) continue;
        if (const auto why_not = why_not_runnable(*impl, kernel, pixels); !why_not.empty()) {
          if (reported.insert(impl->name + why_not).second) {
            const bool named = why_not.starts_with(impl->name + ":");  // opencv-sep: kernel X is not separable
            out.skip_lines.push_back(named ? why_not : impl->name + ": " + why_not);
          }
          out.skipped.push_back({{"case", name}, {"reason", why_not}});
          continue;
        }
        auto c = std::make_unique<KernelCase>();
        c->name = name;
        c->label = impl->name;
        c->impl = impl;
        c->kernel = kernel;
        c->size = size;
        c->pixels = pixels;
        c->inputs = &inputs;
        c->threads = impl->multithreaded ? threads : 1;
        KernelCase* raw = c.get();
        benchmark::RegisterBenchmark(name.c_str(), [raw](benchmark::State& state) { run_case(state, *raw); })
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond);
        out.cases.push_back(std::move(c));
        if (impl->name.starts_with("cuda-") && gpu_usable && pixels == PixelPath::bgr24)
          for (auto& twin : register_gpu_twins(*raw)) out.cases.push_back(std::move(twin));
      }
  for (std::size_t i = 0; i < out.cases.size(); ++i) {
    out.cases[i]->place = static_cast<int>(i) + 1;
    out.cases[i]->of = static_cast<int>(out.cases.size());
  }
  return out;
}

void set_rooflines(KernelCases& cases, const MemoryBandwidth& host, const std::optional<kernels::cuda::Bandwidth>& device) {
  for (auto& c : cases.cases) {
    switch (c->roofline) {
      case KernelCase::Roofline::host_memory:
        c->bandwidth = c->threads > 1 ? host.all_cores_bytes_per_s : host.single_core_bytes_per_s;
        break;
      case KernelCase::Roofline::device_copy:
        c->bandwidth = device ? device->d2d_bytes_per_s : 0;
        break;
      case KernelCase::Roofline::device_transfer:
        // Each frame crosses the bus twice, up and down, on separate copy engines at once: the
        // bound per frame is the slower direction, one frame's bytes each way, or what the link
        // carried with both directions busy at once, if less.
        c->bandwidth = device ? std::min(2 * std::min(device->h2d_bytes_per_s, device->d2h_bytes_per_s), device->duplex_bytes_per_s) : 0;
        break;
    }
  }
}

}  // namespace

// A --benchmark_filter that matches no case is said before Google Benchmark runs, with what the
// cases are called (found 5 December 2026 by a review of first use: `--benchmark_filter=box3`
// left Google Benchmark's own line and "no case matches", though box3 is only not swept by default).
void check_filter_matches(const std::vector<std::string>& flags, const KernelCases& cases, const KernelPlan& plan) {
  std::optional<std::string> filter;
  for (const auto& f : flags)
    if (f.starts_with("--benchmark_filter=")) filter = f.substr(std::string_view("--benchmark_filter=").size());
  if (!filter || filter->empty() || *filter == "all") return;
  const bool negated = filter->starts_with('-');
  std::vector<std::string> names;  // as Google Benchmark matches: the name with its timing segment
  for (const auto& c : cases.cases) names.push_back(c->name + "/" + c->timed_by);
  for (const bool found : names_matching("--benchmark_filter=" + pattern_as_shown(*filter), negated ? filter->substr(1) : *filter, names))
    if (found != negated) return;
  std::vector<std::string> kernels;
  for (const auto& k : plan.kernels) kernels.push_back(k.name);
  throw InputError(fmt::format("--benchmark_filter={}: no case matches; cases are named like {}, and this sweep's kernels are {} "
                               "(--kernel sweeps others; --benchmark_list_tests lists every name)",
                               pattern_as_shown(*filter), cases.cases.front()->name, fmt::join(kernels, ", ")));
}

KernelBenchOutcome run_kernel_benchmarks(const KernelBenchOptions& options) {
  // Everything is resolved and checked before anything is measured or created, so that bad input
  // fails fast and leaves nothing behind (found 5 December 2026 by a hostile-input sweep: a bad
  // --benchmark_* value or a sweep no case of which can run left an empty results/ folder, and
  // "no case can run" came after the memory bandwidth was measured).
  const KernelPlan plan = plan_kernel_benchmarks(options);
  check_benchmark_flags(options.benchmark_flags);
  // --benchmark_list_tests only prints the case names: nothing to measure or write.
  const bool listing = std::any_of(options.benchmark_flags.begin(), options.benchmark_flags.end(), [](const std::string& f) {
    constexpr std::string_view key = "--benchmark_list_tests=";
    return f == "--benchmark_list_tests" || (f.starts_with(key) && benchmark_flag_value(f.substr(key.size())).value_or(false));
  });
  const bool cuda_asked = std::any_of(plan.impls.begin(), plan.impls.end(), [](const auto* i) { return i->name.starts_with("cuda-"); });
  const bool gpu_usable = cuda_asked && kernels::cuda::unavailable_reason().empty();
  KernelInputs inputs;
  KernelCases cases = register_kernel_cases(plan, gpu_usable, inputs);
  if (cases.cases.empty()) throw InputError(fmt::format("no case can run: {}", fmt::join(cases.skip_lines, "; ")));
  check_filter_matches(options.benchmark_flags, cases, plan);

  KernelBenchOutcome outcome;
  outcome.results_file = !options.out.empty() ? options.out : default_results_path(plan.sweep ? plan.sweep->name : "kernels");
  // A listing writes no results: the session's file lies in scratch, and no results/ folder is made.
  std::optional<ScratchDir> listing_scratch;
  if (listing) outcome.results_file = listing_scratch.emplace("framebench-list") / "list.json";
  outcome.cases_skipped = static_cast<int>(cases.skipped.size());
  std::error_code exists_error;
  const bool replacing = !listing && std::filesystem::exists(outcome.results_file, exists_error);
  BenchmarkSession session("kernels", outcome.results_file, options.benchmark_flags);
  if (replacing) warn_replacing(outcome.results_file);
  for (const auto& line : cases.skip_lines) std::fprintf(stderr, "skipping %s\n", line.c_str());
  // The machine as the sweep began: load, governor, boost, memory, and others' share of the CPUs
  // over the bandwidth measurement (a busy machine skews that roofline too).
  const std::optional<MachineStateSample> machine_sample = listing ? std::nullopt : std::optional<MachineStateSample>(std::in_place);
  MemoryBandwidth bandwidth;
  std::optional<kernels::cuda::Bandwidth> gpu_bandwidth;  // the device's, where a CUDA implementation runs on a usable GPU
  if (!listing) {
    std::fprintf(stderr, "measuring memory bandwidth...\n");
    bandwidth = measure_memory_bandwidth();
    if (gpu_usable) {
      std::fprintf(stderr, "measuring device bandwidth...\n");
      gpu_bandwidth = kernels::cuda::measure_bandwidth();
    }
  }
  set_rooflines(cases, bandwidth, gpu_bandwidth);
  std::vector<std::string> machine_warnings;
  if (machine_sample) {
    const MachineState machine = machine_sample->finish();
    for (const auto& [key, value] : machine.context()) session.add_context(key, value);
    machine_warnings = machine.warnings("while the memory bandwidth was measured");
  }

  session.add_context("mem_bandwidth_single_core_bytes_per_s", fmt::format("{:.0f}", bandwidth.single_core_bytes_per_s));
  session.add_context("mem_bandwidth_all_cores_bytes_per_s", fmt::format("{:.0f}", bandwidth.all_cores_bytes_per_s));
  if (gpu_bandwidth) {
    session.add_context("gpu_d2d_bandwidth_bytes_per_s", fmt::format("{:.0f}", gpu_bandwidth->d2d_bytes_per_s));
    session.add_context("gpu_h2d_bandwidth_bytes_per_s", fmt::format("{:.0f}", gpu_bandwidth->h2d_bytes_per_s));
    session.add_context("gpu_d2h_bandwidth_bytes_per_s", fmt::format("{:.0f}", gpu_bandwidth->d2h_bytes_per_s));
    session.add_context("gpu_duplex_bandwidth_bytes_per_s", fmt::format("{:.0f}", gpu_bandwidth->duplex_bytes_per_s));
  }
  session.add_context("threads", std::to_string(plan.budget));
  session.add_context("unavailable", cases.skipped.dump());
  if (plan.sweep) session.add_config(*plan.sweep);
  if (!plan.replaced.empty()) session.add_context("config_replaced_by", fmt::format("{}", fmt::join(plan.replaced, " ")));

  if (options.benchmark_console || listing)  // Google Benchmark's own rows go to the terminal: no status line under them
    for (auto& c : cases.cases) c->of = 0;

  // A partial sweep is not a result: nothing is committed.
  constexpr const char* kNothingWritten = "nothing written (a partial sweep is not a result)";
  std::size_t matched = 0;
  try {
    matched = session.run(options.benchmark_console || listing);
    StatusLine::standard_error().clear();
  } catch (const Interrupted& e) {  // out of a case, through Google Benchmark
    StatusLine::standard_error().clear();
    throw Interrupted(e.signal(), kNothingWritten);
  } catch (...) {
    StatusLine::standard_error().clear();
    throw;
  }
  if (const int signal = interrupt_signal()) throw Interrupted(signal, kNothingWritten);
  if (listing) {
    outcome.results_file.clear();  // the temporary file goes with the session
    return outcome;
  }
  if (matched == 0) throw InputError("no case matches --benchmark_filter");
  session.commit();
  std::vector<std::string> disturbed;
  double worst = 0;
  for (const auto& c : cases.cases) {
    outcome.cases_run += c->ran;
    outcome.cases_failed += !c->error.empty();
    if (c->others_share() > MeasurementPolicy{}.disturbed_share) disturbed.push_back(c->name), worst = std::max(worst, c->others_share());
  }
  outcome.warnings = std::move(machine_warnings);
  if (!disturbed.empty())
    outcome.warnings.push_back(fmt::format("disturbed: other processes used up to {:.0f}% of the CPUs while {} case(s) ran ({}{}): "
                                           "their times may be slower than this machine does (counters others_cpu and steal)",
                                           100 * worst, disturbed.size(), disturbed.front(), disturbed.size() > 1 ? ", ..." : ""));
  return outcome;
}

}  // namespace framebench::harness
