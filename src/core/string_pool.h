#pragma once
// StringPool: many short strings (document ids) in one buffer with offsets, so a corpus of
// millions of documents costs its id bytes plus 8 bytes each, not a heap block per id.
//
//   StringPool ids; uint32_t i = ids.add("doc-1"); std::string_view s = ids[i];
//
// Views stay valid until the next add(). Not thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/memory_budget.h"

namespace docsift {

class StringPool {
 public:
  StringPool() : offsets_{0} {}
  size_t add(std::string_view s) {
    chars_.append(s);
    offsets_.push_back(chars_.size());
    return offsets_.size() - 2;
  }
  std::string_view operator[](size_t i) const {
    return std::string_view(chars_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t memory_bytes() const { return chars_.capacity() + offsets_.capacity() * sizeof(uint64_t); }
  // What memory_bytes() may reach while `strings` more strings of `chars` bytes in all are
  // added (core/memory_budget.h: buffers that double, with the old copy while they move).
  uint64_t memory_bytes_after(size_t strings, size_t chars) const {
    return vector_growth_bytes(chars_.capacity(), chars_.size() + chars, 1) +
           vector_growth_bytes(offsets_.capacity(), offsets_.size() + strings, sizeof(uint64_t));
  }

 private:
  std::string chars_;
  std::vector<uint64_t> offsets_;
};

}  // namespace docsift
