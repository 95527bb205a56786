#pragma once
// Hot loops are compiled three times and the best one for the CPU is picked when the program
// loads (an ifunc), so one binary is fast on AVX-512 and AVX2 machines and still runs on any
// x86-64. Helpers called from a clone must be FRAMEBENCH_INLINE so they are compiled into it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FRAMEBENCH_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define FRAMEBENCH_CLONES
#endif
#define FRAMEBENCH_INLINE [[gnu::always_inline]] inline
