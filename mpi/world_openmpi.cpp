#include <mpi.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <utility>
#include <thread>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "mpi/world.hpp"

namespace framebench::mpi {

namespace {

World* g_world = nullptr;

void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  std::array<char, MPI_MAX_ERROR_STRING> text{};
  int length = 0;
  MPI_Error_string(code, text.data(), &length);
  throw Error(fmt::format("{}: {}", call, std::string_view(text.data(), static_cast<std::size_t>(length))));
}

std::string this_host() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "unknown host";
  return name.data();
}

}  // namespace

std::string build_unavailable_reason() { return {}; }

namespace {

// Each rank's host name and build, in rank order, in one collective call of 256 bytes a rank:
// "host\0build\0". The calls a job makes at start must be the same in every framebench, or ranks of
// two builds hang in different calls before the build check can refuse them (found 6 December
// 2026 by a review: a second call for the builds did so with a framebench of before it); a rank
// of such an older build sends the host alone, so its build reads as empty.
std::vector<std::pair<std::string, std::string>> gathered(std::string_view host, std::string_view build, int size) {
  constexpr std::size_t kRecord = 256, kPart = kRecord / 2 - 1;
  std::array<char, kRecord> own{};
  host.substr(0, kPart).copy(own.data(), kPart);
  build.substr(0, kPart).copy(own.data() + std::min(host.size(), kPart) + 1, kPart);
  std::vector<char> all(kRecord * static_cast<std::size_t>(size));
  check(MPI_Allgather(own.data(), static_cast<int>(kRecord), MPI_CHAR, all.data(), static_cast<int>(kRecord), MPI_CHAR, MPI_COMM_WORLD),
        "MPI_Allgather");
  std::vector<std::pair<std::string, std::string>> each;
  for (int r = 0; r < size; ++r) {
    const char* record = all.data() + kRecord * static_cast<std::size_t>(r);
    const std::string rank_host(record, strnlen(record, kRecord));
    const std::size_t rest = kRecord - std::min(rank_host.size() + 1, kRecord);
    each.emplace_back(rank_host, std::string(record + kRecord - rest, strnlen(record + kRecord - rest, rest)));
  }
  return each;
}

}  // namespace

World::World(std::string_view build) {
  if (g_world) throw Error("MPI: joined the job twice");
  if (!started_as_rank()) throw Error("not started by mpirun or srun (mpirun -np N framebench ...)");
  int provided = 0;
  // One thread at a time calls MPI, not always the main one (a fleet member's heartbeat).
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw Error("MPI: this Open MPI calls from one thread only (MPI_THREAD_SERIALIZED not provided)");
  }
  // Errors come back as codes, so that they can name the rank concerned instead of aborting.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  for (auto& [host, rank_build] : gathered(this_host(), build, size)) {
    hosts_.push_back(std::move(host));
    builds_.push_back(std::move(rank_build));
  }
  g_world = this;
}

World::~World() {
  g_world = nullptr;
  if (abort_status_ || send_timed_out_ || receive_given_up_) MPI_Abort(MPI_COMM_WORLD, abort_status_.value_or(1));
  MPI_Finalize();
}  // abandoned_ goes after MPI_Finalize, when nothing reads it any more

World* World::current() { return g_world; }

bool World::send(int to, Tag tag, std::string bytes, std::chrono::milliseconds timeout) const {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw Error(fmt::format("MPI: a message of {} bytes is too large", bytes.size()));
  // On the heap, so that its bytes stay where MPI reads them however it is kept (a short string's
  // bytes live inside the string object).
  auto owned = std::make_unique<std::string>(std::move(bytes));
  MPI_Request request;
  check(MPI_Isend(owned->data(), static_cast<int>(owned->size()), MPI_BYTE, to, static_cast<int>(tag), MPI_COMM_WORLD, &request),
        "MPI_Isend");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto nap = std::chrono::microseconds(20);
  while (true) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return true;
    // Given up (the job is aborted or stopping anyway): MPI may still read the bytes.
    if (stopping_for_signal() || std::chrono::steady_clock::now() >= deadline) abandoned_.push_back(std::move(owned));
    throw_if_interrupted();  // a peer that stopped taking messages must not hold a Ctrl-C up to the timeout
    if (!owned) {
      send_timed_out_ = true;
      return false;
    }
    std::this_thread::sleep_for(nap);
    nap = std::min<std::chrono::microseconds>(nap * 2, std::chrono::milliseconds(2));
  }
}

std::optional<Message> World::poll(std::chrono::milliseconds whole_within) const {
  int waiting = 0;
  MPI_Message matched;
  MPI_Status status;
  check(MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &matched, &status), "MPI_Improbe");
  if (!waiting) return std::nullopt;
  int count = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
  // On the heap, as a send's bytes: a receive given up stays in flight, and MPI may still write them.
  auto bytes = std::make_unique<std::string>(static_cast<std::size_t>(count), '\0');
  MPI_Request request;
  check(MPI_Imrecv(bytes->data(), count, MPI_BYTE, &matched, &request), "MPI_Imrecv");
  // Tested with short naps, not a blocking receive, which spun a core waiting for the rest of a
  // part from a rank stopped mid-send or cut off, past --rank-timeout and deaf to Ctrl-C (found
  // 6 December 2026 by a scale-out sweep: 40 s against a 10 s timeout, then only `timeout -s KILL`).
  // Naps stay short: the receiver's MPI_Test drives the transfer.
  const auto deadline = std::chrono::steady_clock::now() + whole_within;
  auto nap = std::chrono::microseconds(10);
  while (true) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return Message{status.MPI_SOURCE, static_cast<Tag>(status.MPI_TAG), std::move(*bytes)};
    if (stopping_for_signal() || std::chrono::steady_clock::now() >= deadline) {
      abandoned_.push_back(std::move(bytes));
      receive_given_up_ = true;
      throw_if_interrupted();
      throw Error(fmt::format("{}: a message of {} bytes did not arrive whole within {} s: its link was cut or is that slow, or "
                              "the rank stopped",
                              describe(status.MPI_SOURCE), count, std::chrono::duration<double>(whole_within).count()));
    }
    std::this_thread::sleep_for(nap);
    nap = std::min<std::chrono::microseconds>(nap * 2, std::chrono::microseconds(200));
  }
}

}  // namespace framebench::mpi
