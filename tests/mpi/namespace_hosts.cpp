#include "tests/mpi/namespace_hosts.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "tests/support/run_framebench.hpp"

namespace framebench::testing {

namespace {

void must(const std::vector<std::string>& argv) {
  const auto r = run_program(argv);
  if (r.exit_code != 0) {
    throw std::runtime_error(fmt::format("{} failed: {}", fmt::join(argv, " "), r.err));
  }
}

std::vector<std::string> in_namespace(const std::string& ns, std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"ip", "netns", "exec", ns});
  return argv;
}

}  // namespace

std::string NamespaceHosts::unavailable_reason() {
  if (::geteuid() != 0) return "not root: network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN";
  const std::string probe = fmt::format("fbprobe{}", ::getpid());
  const auto made = run_program({"ip", "netns", "add", probe});
  if (made.exit_code != 0) return fmt::format("cannot make a network namespace here: {}", made.err);
  const auto uts = run_program({"ip", "netns", "exec", probe, "unshare", "--uts", "hostname", "probe"});
  run_program({"ip", "netns", "delete", probe});
  if (uts.exit_code != 0) return fmt::format("cannot make a UTS namespace here: {}", uts.err);
  return {};
}

NamespaceHosts::NamespaceHosts(int count) : prefix_(fmt::format("fb{}", ::getpid() % 100000)) {
  try {
    const std::string bridge = fmt::format("{}-sw", prefix_);
    must({"ip", "netns", "add", bridge});
    namespaces_.push_back(bridge);
    must(in_namespace(bridge, {"ip", "link", "add", "br0", "type", "bridge"}));
    must(in_namespace(bridge, {"ip", "link", "set", "br0", "up"}));
    for (int i = 1; i <= count; ++i) {
      const std::string host = fmt::format("{}-h{}", prefix_, i);
      const std::string port = fmt::format("p{}", i);
      must({"ip", "netns", "add", host});
      namespaces_.push_back(host);
      names_.push_back(host);
      must({"ip", "link", "add", "eth0", "netns", host, "type", "veth", "peer", "name", port, "netns", bridge});
      must(in_namespace(bridge, {"ip", "link", "set", port, "master", "br0", "up"}));
      must(in_namespace(host, {"ip", "addr", "add", fmt::format("10.77.0.{}/24", i), "dev", "eth0"}));
      must(in_namespace(host, {"ip", "link", "set", "eth0", "up"}));
      must(in_namespace(host, {"ip", "link", "set", "lo", "up"}));
    }
    std::ofstream hostfile(files_ / "hostfile");
    for (const auto& h : names_) hostfile << h << " slots=1\n";
    // What ssh would do: run the command line on the host named first, under its own name.
    const auto agent = files_ / "agent";
    std::ofstream(agent) << "#!/bin/sh\nhost=$1\nshift\nexec ip netns exec \"$host\" unshare --uts sh -c \"hostname $host && $*\"\n";
    std::filesystem::permissions(agent, std::filesystem::perms::owner_all);
  } catch (...) {
    remove();
    throw;
  }
}

NamespaceHosts::~NamespaceHosts() { remove(); }

void NamespaceHosts::remove() {
  // Deleting a namespace deletes its end of each veth, and with it the other end.
  for (const auto& ns : namespaces_) run_program({"ip", "netns", "delete", ns});
  namespaces_.clear();
}

std::vector<std::string> NamespaceHosts::mpirun_options() const {
  return {"--hostfile", (files_ / "hostfile").string(), "--mca", "plm_rsh_agent", (files_ / "agent").string(), "--mca",
          "btl_tcp_if_include", "10.77.0.0/24", "--mca", "oob_tcp_if_include", "10.77.0.0/24"};
}

std::vector<std::string> NamespaceHosts::on_first_host(const std::vector<std::string>& argv) const {
  std::vector<std::string> full = {"ip", "netns", "exec", names_.front(), "unshare", "--uts", "sh", "-c",
                                   fmt::format("hostname {} && exec \"$@\"", names_.front()), "sh"};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

}  // namespace framebench::testing
