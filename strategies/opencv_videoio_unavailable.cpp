// opencv-videoio in a build without OpenCV (FRAMEBENCH_OPENCV=OFF): listed, and saying why not;
// a run is skipped by the harness on that reason and never reaches run().
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cpu/opencv.hpp"
#include "strategies/factories.hpp"
#include "strategies/opencv_videoio.hpp"

namespace framebench::strategies {

namespace {

class OpencvVideoioUnavailable final : public Strategy {
 public:
  OpencvVideoioUnavailable() : Strategy(kOpencvVideoioName, kOpencvVideoioDescription) {}
  bool bit_exact() const override { return false; }
  std::string unavailable_reason() const override { return kernels::opencv_unavailable_reason(); }
  RunReport run(const Job&) const override { throw Error(fmt::format("{}: {}", name(), unavailable_reason())); }
};

}  // namespace

std::unique_ptr<Strategy> make_opencv_videoio() { return std::make_unique<OpencvVideoioUnavailable>(); }

WorkerStatus run_opencv_videoio_job(const WorkerJob&) {
  throw Error(fmt::format("{}: {}", kOpencvVideoioName, kernels::opencv_unavailable_reason()));
}

}  // namespace framebench::strategies
