#include "core/shared_library.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "core/error.hpp"

namespace framebench {
namespace {

// libc, which every process has loaded: a real library, opened the way the optional ones are.
TEST(SharedLibrary, BindsWhatTheLibraryHasAndNamesWhatItLacks) {
  const SharedLibrary libc("libc.so.6");
  ASSERT_TRUE(libc.loaded()) << libc.error();
  decltype(&std::strlen) length = nullptr;
  libc.bind(length, "strlen");
  ASSERT_NE(length, nullptr);
  EXPECT_EQ(length("framebench"), 10u);
  EXPECT_EQ(libc.function<decltype(&std::strlen)>("no_such_function_here"), nullptr);
  try {
    libc.bind(length, "no_such_function_here");
    ADD_FAILURE() << "a missing function was bound";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "libc.so.6 has no no_such_function_here");
  }
}

TEST(SharedLibrary, ALibraryThatIsNotThereIsAnAnswerNotAnError) {
  const SharedLibrary missing("libframebench-no-such-library.so.1");
  EXPECT_FALSE(missing.loaded());
  EXPECT_NE(missing.error().find("libframebench-no-such-library.so.1"), std::string::npos) << missing.error();
  void (*f)() = nullptr;
  EXPECT_THROW(missing.bind(f, "anything"), Error);
}

}  // namespace
}  // namespace framebench
