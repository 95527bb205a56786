#pragma once
// Google Benchmark 1.7.1 writes NaN and Infinity as bare words (its cv of an all-zero counter is
// 0/0), which strict JSON readers reject. Results files are made strict by writing null instead.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace framebench::harness {

// Replaces bare NaN, -NaN, Infinity and -Infinity (outside strings) with null.
std::string strict_json(const std::string& text);

// Google Benchmark's cpu_time holds the CPU time of its own process only (getrusage(RUSAGE_SELF)
// or the thread's), which for strategies that work in child processes is a few milliseconds of a
// run of seconds. Sets every entry's cpu_time from `counter` (seconds, this process and its
// children), in the entry's time_unit; a cv aggregate is a ratio and is copied as is. Entries
// without the counter (errors) are left alone. `text` must be strict JSON.
std::string cpu_time_from_counter(const std::string& text, const std::string& counter);

// A segment of an entry's name that says how Google Benchmark ran the case ("iterations:1",
// "repeats:3", "min_time:0.5", "real_time", ...), not which case it is.
bool is_run_setting(std::string_view segment);

// A value as written in a case name, key:value segments apart by '/': a custom kernel's divisor
// ("custom:1,2,1/4") is written %2F, and '%' itself %25 (a dataset file may hold one), read back by name_value.
std::string name_segment_value(std::string_view value);
std::string name_value(std::string_view segment_value);

// Seconds per unit of a Google Benchmark time_unit ("ns", "us", "ms", "s"); nullopt if unknown.
std::optional<double> seconds_per_unit(std::string_view time_unit);

}  // namespace framebench::harness
