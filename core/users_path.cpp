#include "core/users_path.hpp"

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace framebench {

namespace fs = std::filesystem;

std::string naming_users_path(std::string message, const fs::path& ours, const fs::path& users) {
  const std::string from = ours.string(), to = users.string();
  if (from.empty()) return message;
  for (auto at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size())) message.replace(at, from.size(), to);
  return message;
}

void rethrow_naming_users_path(const fs::path& ours, const fs::path& users) {
  try {
    throw;
  } catch (const Interrupted&) {
    throw;
  } catch (const InputError& e) {
    throw InputError(naming_users_path(e.what(), ours, users));
  } catch (const Error& e) {
    throw Error(naming_users_path(e.what(), ours, users));
  }
}

}  // namespace framebench
