#include "core/users_path.hpp"

#include <gtest/gtest.h>

#include <exception>
#include <new>
#include <string>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace framebench {
namespace {

// Errors from inside the work name our temporaries; the user is told the name they gave.
TEST(UsersPath, MessagesNameTheUsersPathNotOurTemporary) {
  EXPECT_EQ(naming_users_path("/o/.x.tmp-1.mkv: write failed; /o/.x.tmp-1.mkv removed", "/o/.x.tmp-1.mkv", "x.mkv"),
            "x.mkv: write failed; x.mkv removed");
  EXPECT_EQ(naming_users_path("no temporary named", "/o/.x.tmp-1.mkv", "x.mkv"), "no temporary named");
  EXPECT_EQ(naming_users_path("a/b in a/b/c", "a/b", "a/b/a/b"), "a/b/a/b in a/b/a/b/c") << "a name inside its replacement is not replaced again";
}

// What the rethrow says comes from the exception in flight; what kind it is stays its own, so bad
// input still exits 2 and a fault 1.
TEST(UsersPath, RethrownErrorsNameTheUsersPathAndKeepTheirKind) {
  const auto rethrown = [](const auto& thrown) -> std::exception_ptr {
    try {
      try {
        throw thrown;
      } catch (...) {
        rethrow_naming_users_path("/o/.x.tmp-1.mkv", "x.mkv");
      }
    } catch (...) {
      return std::current_exception();
    }
    return nullptr;
  };
  const auto message = [](const std::exception_ptr& e) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      return std::string(x.what());
    }
  };
  const auto bad_input = rethrown(InputError("/o/.x.tmp-1.mkv: frame size changed"));
  EXPECT_THROW(std::rethrow_exception(bad_input), InputError);
  EXPECT_EQ(message(bad_input), "x.mkv: frame size changed");
  const auto fault = rethrown(Error("/o/.x.tmp-1.mkv: cannot write (No space left on device)"));
  EXPECT_EQ(message(fault), "x.mkv: cannot write (No space left on device)");
  try {
    std::rethrow_exception(fault);
  } catch (const InputError&) {
    ADD_FAILURE() << "a fault became bad input";
  } catch (const Error&) {
  }
  const auto stopped = rethrown(Interrupted(2, "x.mkv not written"));
  try {
    std::rethrow_exception(stopped);
  } catch (const Interrupted& e) {
    EXPECT_EQ(e.signal(), 2);
    EXPECT_EQ(e.outcome(), "x.mkv not written");
  } catch (...) {
    ADD_FAILURE() << "an interruption became something else";
  }
  EXPECT_THROW(std::rethrow_exception(rethrown(std::bad_alloc())), std::bad_alloc) << "not ours: passed on as it is";
}

}  // namespace
}  // namespace framebench
