#pragma once
// Which of cpu-fast's compiled variants this CPU runs (target_clones.hpp: the loader picks one by
// the CPU's features). Kernel figures from CPUs that run different ones are not comparable: on an
// AMD EPYC without AVX-512, cpu-fast ran level with opencv-sep where AVX-512 hosts gave it a
// 1.4-1.9x lead (docs/PERFORMANCE.md §2), and a KVM guest's CPU name ("AMD EPYC") does not tell
// the two apart. Results record it as `cpu_vector_isa`.
#include <string>

namespace framebench::kernels {

// "x86-64-v4 (AVX-512)", "x86-64-v3 (AVX2)" or "x86-64 (SSE2)", the variant the loader picks,
// with "; separable kernels in AVX-512 VNNI" where separable_vnni.hpp's passes run too; for a build
// without the variants (clang, other CPUs), which single one it is.
std::string cpu_vector_isa();

}  // namespace framebench::kernels
