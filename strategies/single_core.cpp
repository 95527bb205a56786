#include "strategies/single_core.hpp"

#include "core/stopwatch.hpp"
#include "kernels/implementation.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::strategies {

RunReport SingleCore::run(const Job& job) const {
  RunReport report;
  double decode = 0, filter = 0, encode = 0;
  media::VideoReader reader(job.input_info, {.threads = 1});
  const auto& info = reader.info();
  media::VideoWriter writer(job.output, job.encoder,
                            {.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = 1});
  auto kernel = kernels::make_fast_filter(job.kernel);
  Frame in, out(info.width, info.height);
  for (;;) {
    {
      ScopedTimer t(decode);
      if (!reader.read(in)) break;
    }
    {
      ScopedTimer t(filter);
      kernel->apply(in.view(), out.view());
    }
    {
      ScopedTimer t(encode);
      writer.write(out.view());
    }
    ++report.frames;
  }
  {
    ScopedTimer t(encode);
    writer.finish();
  }
  report.stages = {{"decode", decode}, {"filter", filter}, {"encode", encode}};
  return report;
}

}  // namespace framebench::strategies
