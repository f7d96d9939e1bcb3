#pragma once
// FUZZ_CHECK(cond, what...): the harnesses' property check. On failure prints the condition, the
// location and the streamed details on stderr, then aborts, so libFuzzer saves the input as a
// crash.

#include <cstdio>
#include <cstdlib>
#include <sstream>

#define FUZZ_CHECK(cond, details)                                                           \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::ostringstream fuzz_check_os_;                                                    \
      fuzz_check_os_ << details;                                                            \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed: %s\n", __FILE__, __LINE__, #cond, \
                   fuzz_check_os_.str().c_str());                                           \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)
