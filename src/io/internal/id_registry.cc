#include "io/internal/id_registry.h"

#include "core/xxh3.h"

namespace docsift::detail {

std::optional<IdLocation> IdRegistry::insert(std::string_view id, IdLocation where) {
  // Linear probing stays short below a load factor of 3/4.
  if ((size_ + 1) * 4 > slots_.size() * 3) grow();
  const XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  const size_t mask = slots_.size() - 1;
  for (size_t i = static_cast<size_t>(h.low64) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.used) {
      s = Slot{h.low64, h.high64, where.line, where.source, 1};
      ++size_;
      return std::nullopt;
    }
    if (s.low == h.low64 && s.high == h.high64) return IdLocation{s.source, s.line};
  }
}

void IdRegistry::clear() {
  slots_.clear();
  slots_.shrink_to_fit();
  size_ = 0;
}

void IdRegistry::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = static_cast<size_t>(s.low) & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace docsift::detail
