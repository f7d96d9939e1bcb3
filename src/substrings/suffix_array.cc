#include "substrings/suffix_array.h"

#include <divsufsort.h>
#include <divsufsort64.h>

#include <limits>
#include <string>

namespace docsift {

Status build_suffix_array(std::span<const uint8_t> text, std::vector<int32_t>& sa) {
  if (text.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return Status::InvalidArgument("32-bit suffix array: text of " + std::to_string(text.size()) +
                                   " bytes is too long (use the 64-bit form)");
  }
  sa.assign(text.size(), 0);
  if (text.empty()) return Status::Ok();
  if (divsufsort(text.data(), sa.data(), static_cast<saidx_t>(text.size())) != 0) {
    return Status::ResourceExhausted("divsufsort failed on " + std::to_string(text.size()) +
                                     " bytes (out of memory)");
  }
  return Status::Ok();
}

Status build_suffix_array(std::span<const uint8_t> text, std::vector<int64_t>& sa) {
  sa.assign(text.size(), 0);
  if (text.empty()) return Status::Ok();
  if (divsufsort64(text.data(), sa.data(), static_cast<saidx64_t>(text.size())) != 0) {
    return Status::ResourceExhausted("divsufsort64 failed on " + std::to_string(text.size()) +
                                     " bytes (out of memory)");
  }
  return Status::Ok();
}

}  // namespace docsift
