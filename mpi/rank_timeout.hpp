#pragma once
// How long a rank may be silent on a chunk, or take to send the rest of a message whose first
// bytes have come, unless the job says otherwise (mpi-segments' --rank-timeout). Its own header,
// so that a strategy's Job reads the default without MPI's world.
namespace framebench::mpi {

inline constexpr int kDefaultRankTimeoutSeconds = 600;

}  // namespace framebench::mpi
