#pragma once
// Errors from inside the work name our temporaries and staging folders; the user is told the name
// they gave (an output's temporary beside it, a report's staging folder, a clip being made).
#include <filesystem>
#include <string>

namespace framebench {

// `message` with every mention of `ours` (a temporary or staging path) written as `users`.
std::string naming_users_path(std::string message, const std::filesystem::path& ours, const std::filesystem::path& users);
// Inside a catch block: the exception in flight again, its message naming `users` where it named
// `ours`, its kind kept as Error or InputError (bad input stays bad input); an interruption, and
// what is not an Error, as they are.
[[noreturn]] void rethrow_naming_users_path(const std::filesystem::path& ours, const std::filesystem::path& users);

}  // namespace framebench
