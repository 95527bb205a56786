#pragma once
// "Hosts" on this machine for the MPI tests: each a network namespace with a private address on a
// bridge of its own (in one more namespace), entered with its own host name (a UTS namespace) by
// an rsh agent script that mpirun uses instead of ssh, so ranks really talk TCP between hosts.
// Everything is removed when the object goes, whatever happened in between.
#include <filesystem>
#include <string>
#include <vector>

#include "core/scratch_dir.hpp"

namespace framebench::testing {

class NamespaceHosts {
 public:
  // Empty when hosts can be made here; otherwise why not (for GTEST_SKIP).
  static std::string unavailable_reason();

  // Throws std::runtime_error (after removing what it made) when a step fails.
  explicit NamespaceHosts(int count);
  ~NamespaceHosts();
  NamespaceHosts(const NamespaceHosts&) = delete;
  NamespaceHosts& operator=(const NamespaceHosts&) = delete;

  const std::vector<std::string>& names() const { return names_; }
  // mpirun's options for these hosts: the hostfile (one slot each), the agent, TCP on the bridge.
  std::vector<std::string> mpirun_options() const;
  // `argv` run on the first host, where mpirun must start so that its daemons can reach it.
  std::vector<std::string> on_first_host(const std::vector<std::string>& argv) const;

 private:
  void remove();

  std::string prefix_;
  std::vector<std::string> names_;       // host name = namespace name
  std::vector<std::string> namespaces_;  // made so far, the bridge's included
  ScratchDir files_{"framebench-netns"};
};

}  // namespace framebench::testing
