#pragma once
// Byte packing for messages between ranks: fixed-width integers, strings and arrays of
// trivially copyable values, in this machine's byte order (every rank of one job runs the same
// binary on the same architecture; nothing here is stored).
//
//   ByteWriter w;  w.u64(n);  w.str(id);  w.array(std::span(signatures));
//   ByteReader r(bytes);  uint64_t n = r.u64();  std::string_view id = r.str();
//
// Guarantees: a reader given a writer's bytes reads the same values in the same order; reading
// past the end is a bug (DOCSIFT_ASSERT) — messages come from this binary, not from users.

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/assert.h"

namespace docsift::dist {

class ByteWriter {
 public:
  void u64(uint64_t v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  template <typename T>
  void array(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    u64(values.size());
    raw(values.data(), values.size_bytes());
  }
  std::string& bytes() { return out_; }

 private:
  void raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : in_(bytes) {}
  uint64_t u64() {
    uint64_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  std::string_view str() {
    const size_t n = u64();
    DOCSIFT_ASSERT(n <= in_.size() - pos_);
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  template <typename T>
  void append_array(std::vector<T>& out) {
    static_assert(std::is_trivially_copyable_v<T>);
    const size_t n = u64();
    const size_t old = out.size();
    out.resize(old + n);
    raw(out.data() + old, n * sizeof(T));
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  void raw(void* p, size_t n) {
    DOCSIFT_ASSERT(n <= in_.size() - pos_);
    if (n) std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace docsift::dist
