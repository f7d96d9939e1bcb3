#pragma once
// MappedArray<T>: a growable array of trivially copyable values backed by anonymous memory maps.
// Growth uses mremap, which moves page tables instead of copying, so growing an array of N bytes
// never needs 2N bytes at once as std::vector's reallocation does (10 million MinHash signatures
// are 5 GB: a vector's last doubling would briefly hold 7.5-10 GB). Capacity doubles in virtual
// address space only; physical memory follows the pages written.
//
//   MappedArray<uint32_t> sigs;
//   sigs.resize(num_docs * 128);           // new elements are zero
//   std::span<const uint32_t> all = sigs.span();
//
// Not thread-safe to resize while others read; element access is as a plain array.

#include <sys/mman.h>

#include <cstddef>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace docsift {

template <typename T>
class MappedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  MappedArray() = default;
  MappedArray(const MappedArray&) = delete;
  MappedArray& operator=(const MappedArray&) = delete;
  MappedArray(MappedArray&& o) noexcept { swap(o); }
  MappedArray& operator=(MappedArray&& o) noexcept {
    MappedArray(std::move(o)).swap(*this);
    return *this;
  }
  ~MappedArray() {
    if (data_ != nullptr) munmap(data_, capacity_ * sizeof(T));
  }

  // Grows (new elements zero, as fresh anonymous pages are) or shrinks the logical size.
  // Throws std::bad_alloc when the system refuses the mapping.
  void resize(size_t n) {
    if (n > capacity_) grow(n);
    size_ = n;
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  std::span<T> span() { return {data_, size_}; }
  std::span<const T> span() const { return {data_, size_}; }
  operator std::span<const T>() const { return span(); }  // NOLINT: reads like a vector

 private:
  void swap(MappedArray& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
  }

  void grow(size_t n) {
    size_t capacity = capacity_ == 0 ? (size_t{1} << 16) / sizeof(T) : capacity_;
    while (capacity < n) capacity *= 2;
    void* p;
    if (data_ == nullptr) {
      p = mmap(nullptr, capacity * sizeof(T), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
               -1, 0);
    } else {
      p = mremap(data_, capacity_ * sizeof(T), capacity * sizeof(T), MREMAP_MAYMOVE);
    }
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<T*>(p);
    capacity_ = capacity;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace docsift
