#pragma once
// Open-addressing hash map from 64-bit keys (already well-mixed XXH3 hashes) to 32-bit values,
// for the vocabulary: unordered_map spends most of its time allocating nodes at millions of
// tokens. Linear probing, power-of-two capacity, load factor <= 1/2. Key 0 is reserved as the
// empty marker, so callers remap a zero hash (see term_key()).

#include <cstdint>
#include <utility>
#include <vector>

#include "core/assert.h"

namespace docsift::detail {

// Maps a hash onto a non-zero key (0 marks empty slots).
inline uint64_t term_key(uint64_t hash) { return hash == 0 ? 0x9E3779B97F4A7C15ULL : hash; }

class FlatMap64 {
 public:
  explicit FlatMap64(size_t expected = 16) { rehash(capacity_for(expected)); }

  // Returns the value slot for `key`, inserting `fresh` if absent; `inserted` tells which.
  uint32_t& find_or_insert(uint64_t key, uint32_t fresh, bool& inserted) {
    DOCSIFT_ASSERT(key != 0);
    if ((size_ + 1) * 2 > keys_.size()) rehash(keys_.size() * 2);
    size_t i = slot(key);
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask_;
    inserted = keys_[i] == 0;
    if (inserted) {
      keys_[i] = key;
      values_[i] = fresh;
      ++size_;
    }
    return values_[i];
  }

  // Value for `key`, or nullptr.
  const uint32_t* find(uint64_t key) const {
    size_t i = slot(key);
    while (keys_[i] != 0) {
      if (keys_[i] == key) return &values_[i];
      i = (i + 1) & mask_;
    }
    return nullptr;
  }

  size_t size() const { return size_; }

 private:
  static size_t capacity_for(size_t n) {
    size_t cap = 16;
    while (cap < n * 2) cap *= 2;
    return cap;
  }
  // Fibonacci hashing, so that small integer keys (hash buckets) spread too.
  size_t slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void rehash(size_t capacity) {
    std::vector<uint64_t> old_keys(capacity, 0);
    std::vector<uint32_t> old_values(capacity, 0);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] == 0) continue;
      bool inserted;
      find_or_insert(old_keys[i], old_values[i], inserted);
    }
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t mask_ = 0;
  unsigned shift_ = 64;
  size_t size_ = 0;
};

}  // namespace docsift::detail
