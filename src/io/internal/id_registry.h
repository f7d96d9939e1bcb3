#pragma once
// IdRegistry detects duplicate document ids across all inputs. It keeps the XXH3-128 hash of
// each id (a collision needs ~2^64 ids) with the location where it was first seen, in an
// open-addressing table of 32-byte slots, so memory grows with the number of documents, not
// with id or text length.
//
//   detail::IdRegistry ids;
//   if (auto first = ids.insert("doc-1", {source_index, line}); first) ... duplicate of *first
//
// Deterministic; not thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace docsift::detail {

struct IdLocation {
  uint32_t source = 0;  // index into the reader's list of input files
  uint64_t line = 0;    // 0 for a whole-file document
};

class IdRegistry {
 public:
  // Records `id` at `where` and returns nullopt, or returns where `id` was first seen.
  std::optional<IdLocation> insert(std::string_view id, IdLocation where);
  void clear();
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t low = 0, high = 0;
    uint64_t line = 0;
    uint32_t source = 0;
    uint32_t used = 0;
  };
  void grow();

  std::vector<Slot> slots_;  // size is a power of two
  size_t size_ = 0;
};

}  // namespace docsift::detail
