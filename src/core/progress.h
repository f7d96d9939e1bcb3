#pragma once
// ProgressCallback: how a long job tells its caller how far it is. Called from the reading thread
// now and then (after each batch) with the stage that runs ("read", "group", "write", ...), the
// uncompressed bytes read so far, the size of the inputs when known (else 0), and the documents
// read so far in that stage. Progress never changes a job's output.
//
//   run_dedup(paths, options, [](const char* stage, uint64_t bytes, uint64_t total,
//                                uint64_t docs) { std::fprintf(stderr, "%s %llu\r", ...); });

#include <cstdint>
#include <functional>

namespace docsift {

using ProgressCallback =
    std::function<void(const char* phase, uint64_t bytes, uint64_t bytes_total, uint64_t docs)>;

}  // namespace docsift
