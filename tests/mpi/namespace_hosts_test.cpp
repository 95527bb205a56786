// Several hosts over real TCP: three network namespaces with their own addresses and host names,
// ranks started in them by mpirun through an rsh agent. mpi-segments across them gives the frames
// of multiprocess-segments and says which host did what; a fleet run gathers every host's results
// into one file that report draws side by side and compare reads host by host.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "tests/mpi/mpirun.hpp"
#include "tests/mpi/namespace_hosts.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {

using testing::MpiLaunch;
using testing::NamespaceHosts;

class NamespaceHostsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const auto why = NamespaceHosts::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
    hosts_.emplace(3);
  }

  // mpirun on the first host, one rank per host.
  testing::CliResult mpirun(const std::vector<std::string>& args) {
    MpiLaunch launch{.ranks = 3, .mpirun_options = hosts_->mpirun_options(), .mark = "netns-" + std::to_string(::getpid())};
    const auto r = testing::run_program(hosts_->on_first_host(testing::mpirun_command(launch, args)), testing::mpirun_env(launch));
    EXPECT_TRUE(testing::processes_marked(launch.mark).empty());
    return r;
  }

  ScratchDir dir_{"mpi-netns"};
  std::optional<NamespaceHosts> hosts_;
};

TEST_F(NamespaceHostsTest, MpiSegmentsAcrossHostsGivesTheFramesOfMultiprocessSegments) {
  const auto clip = (dir_ / "in.mp4").string();
  ASSERT_EQ(testing::run_program({"ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=4", "-c:v",
                                  "libx264", "-g", "12", "-pix_fmt", "yuv420p", clip})
                .exit_code,
            0);
  const auto out = (dir_ / "mpi.mkv").string();
  const auto r = mpirun({"process", clip, out, "--strategy", "mpi-segments", "--kernel", "box3", "--encoder", "ffv1", "--segments", "6"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ref = (dir_ / "ref.mkv").string();
  const auto m = testing::run_framebench({"process", clip, ref, "--strategy", "multiprocess-segments", "--kernel", "box3", "--encoder",
                                          "ffv1", "--workers", "2"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const auto expected = testing::frame_hashes(ref);
  EXPECT_EQ(expected.size(), 100u);
  EXPECT_EQ(testing::frame_hashes(out), expected);

  // Under run, the result names the host of every rank, each of which did chunks.
  std::ofstream(dir_ / "mpi.toml") << "name = \"mpi\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                      "strategy = [\"mpi-segments\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n"
                                      "[options]\nsegments = 4\nmpi_input = \"shared\"\n";
  const auto results = dir_ / "mpi.json";
  const auto run = mpirun({"run", (dir_ / "mpi.toml").string(), "--out", results.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::ifstream in(results);
  const auto b = nlohmann::json::parse(in).at("benchmarks").at(0);
  const auto& h = hosts_->names();
  EXPECT_EQ(b.at("label"), "rank 0: " + h[0] + ", rank 1: " + h[1] + ", rank 2: " + h[2]);
  EXPECT_EQ(b.at("verified").get<double>(), 1);
}

TEST_F(NamespaceHostsTest, AFleetRunGathersEveryHostIntoOneReport) {
  std::ofstream(dir_ / "fleet.toml") << "name = \"fleet\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                        "strategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n";
  const auto results = dir_ / "fleet.json";
  const auto r = mpirun({"run", (dir_ / "fleet.toml").string(), "--fleet", "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto check = testing::run_program({"python3", FRAMEBENCH_SOURCE_DIR "/scripts/check-results", results.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  std::set<std::string> hosts = {json.at("context").at("host_name")};
  for (const auto& member : json.at("fleet")) {
    hosts.insert(member.at("result").at("context").at("host_name").get<std::string>());
    EXPECT_EQ(member.at("result").at("benchmarks").at(0).at("verified").get<double>(), 1);
  }
  const auto& h = hosts_->names();
  EXPECT_EQ(hosts, (std::set<std::string>{h[0], h[1], h[2]}));

  const auto report = testing::run_framebench({"report", results.string(), "-o", (dir_ / "report").string()});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "report" / "hosts-e2e.vl.json"));
  std::ifstream chart(dir_ / "report" / "hosts-e2e.vl.json");
  const std::string spec((std::istreambuf_iterator<char>(chart)), std::istreambuf_iterator<char>());
  for (const auto& host : h) EXPECT_NE(spec.find(host), std::string::npos) << host;

  const auto compare = testing::run_framebench({"compare", results.string() + "@" + h[0], results.string() + "@" + h[2]});
  EXPECT_EQ(compare.exit_code, 0) << compare.err;
  EXPECT_NE(compare.out.find("strategy:single-core"), std::string::npos) << compare.out;
}

}  // namespace
}  // namespace framebench
