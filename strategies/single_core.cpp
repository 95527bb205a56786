// single-core: one thread decodes, filters and encodes in this process, every library's threading
// off. The baseline every other strategy's speedup is measured against.
#include <memory>

#include "core/stopwatch.hpp"
#include "media/output_encoding.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/factories.hpp"
#include "strategies/frame_loop.hpp"
#include "strategies/frame_slot.hpp"
#include "strategies/slot_filter.hpp"

namespace framebench::strategies {

namespace {

class SingleCore final : public Strategy {
 public:
  SingleCore()
      : Strategy("single-core",
                 "one thread: decode, filter, encode in process; library threading off") {}
  int fixed_workers() const override { return 1; }
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }

  RunReport run(const Job& job) const override {
    media::VideoReader reader(job.input_info, {.threads = 1, .pixels = job.pixels});
    const auto& info = reader.info();
    const media::EncoderSpec written = media::encoder_for_path(job.encoder, job.pixels, info);
    media::VideoWriter writer(job.output, written,
                              {.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = 1,
                               .times = media::FrameTimes::of(info),
                               .presentation = media::output_presentation(info, job.pixels, written)});
    const SlotPath path = slot_path(job.pixels);
    SlotFilter filter(job.kernel, path);
    LoopSeconds seconds;
    RunReport report;
    FrameSlot slot;  // the decoder's frame filtered straight into the encoder's
    report.frames = decode_filter_encode(
        seconds, [&] { return slot.read(reader, writer, path); }, [&] { filter.apply(slot); }, [&] { slot.write(writer, path); });
    {
      ScopedTimer t(seconds.encode);
      writer.finish();
    }
    report.stages = seconds.stages();
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_single_core() { return std::make_unique<SingleCore>(); }

}  // namespace framebench::strategies
