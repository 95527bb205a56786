// Compiled only by the layering test, which expects it to fail: strategies may not see harness.
#include "harness/config.hpp"
