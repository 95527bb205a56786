#include "kernels/cpu/vector_isa.hpp"

#include "kernels/cpu/separable_vnni.hpp"

namespace framebench::kernels {

std::string cpu_vector_isa() {
  std::string isa;
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  // The tests GCC's resolver for FRAMEBENCH_CLONES makes, in its order.
  if (__builtin_cpu_supports("x86-64-v4")) isa = "x86-64-v4 (AVX-512)";
  else if (__builtin_cpu_supports("x86-64-v3")) isa = "x86-64-v3 (AVX2)";
  else isa = "x86-64 (SSE2)";
#elif defined(__x86_64__)
  isa = "x86-64 (SSE2), one variant: this compiler builds no target clones";
#else
  isa = "this CPU's baseline, one variant: target clones are built for x86-64 only";
#endif
  if (vnni_supported()) isa += "; separable kernels in AVX-512 VNNI";
  return isa;
}

}  // namespace framebench::kernels
