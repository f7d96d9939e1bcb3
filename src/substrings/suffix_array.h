#pragma once
// Suffix arrays by libdivsufsort (Debian libdivsufsort-dev): the 32-bit form for texts under
// 2 GiB, the 64-bit form (libdivsufsort64) beyond. docsift never sorts suffixes itself.
//
//   std::vector<int32_t> sa;
//   DOCSIFT_RETURN_IF_ERROR(build_suffix_array(text, sa));   // sa[i] = start of the i-th suffix
//
// Contract: sa receives text.size() entries, the starting positions of the suffixes of `text`
// in increasing lexicographic (unsigned byte) order. The 32-bit form refuses texts of 2^31 - 1
// bytes or more (InvalidArgument). Memory: 4 (or 8) bytes per text byte for sa, plus
// libdivsufsort's small bucket tables. Single-threaded; pure apart from the output.

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace docsift {

Status build_suffix_array(std::span<const uint8_t> text, std::vector<int32_t>& sa);
Status build_suffix_array(std::span<const uint8_t> text, std::vector<int64_t>& sa);

}  // namespace docsift
