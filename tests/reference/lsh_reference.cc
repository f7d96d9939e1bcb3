#include "reference/lsh_reference.h"

#include <algorithm>

namespace docsift::reference {
namespace {

bool share_key(std::span<const uint32_t> x, std::span<const uint32_t> y, unsigned bands,
               unsigned rows) {
  for (unsigned band = 0; band < bands; ++band) {
    if (lsh_band_key(x.subspan(size_t{band} * rows, rows), band) ==
        lsh_band_key(y.subspan(size_t{band} * rows, rows), band)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<uint64_t> ids_sharing_band_key(std::span<const uint32_t> signatures,
                                           std::span<const uint64_t> ids, unsigned num_perm,
                                           unsigned bands, unsigned rows,
                                           std::span<const uint32_t> query) {
  std::vector<uint64_t> out;
  for (size_t d = 0; d < ids.size(); ++d) {
    if (share_key(signatures.subspan(d * num_perm, num_perm), query, bands, rows)) {
      out.push_back(ids[d]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<IdPair> id_pairs_sharing_band_key(std::span<const uint32_t> signatures,
                                              std::span<const uint64_t> ids, unsigned num_perm,
                                              unsigned bands, unsigned rows) {
  std::vector<IdPair> out;
  for (size_t x = 0; x < ids.size(); ++x) {
    for (size_t y = x + 1; y < ids.size(); ++y) {
      if (share_key(signatures.subspan(x * num_perm, num_perm),
                    signatures.subspan(y * num_perm, num_perm), bands, rows)) {
        out.push_back(IdPair::make(ids[x], ids[y]));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace docsift::reference
