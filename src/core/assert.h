#pragma once
// DOCSIFT_ASSERT checks invariants whose failure is a bug, not bad input. It is on in Debug and
// sanitizer builds (DOCSIFT_ENABLE_ASSERTS) and compiles to nothing in Release.

#include <cstdio>
#include <cstdlib>

#if defined(DOCSIFT_ENABLE_ASSERTS) || !defined(NDEBUG)
#define DOCSIFT_ASSERT(cond)                                                                  \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "%s:%d: docsift internal error: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)
#else
#define DOCSIFT_ASSERT(cond) \
  do {                       \
  } while (0)
#endif
