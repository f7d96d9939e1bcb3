#pragma once
// Reference for the per-document passage decisions (passages/passage_decisions.h), written
// straight from the rules with linear searches: for each passage of the document in order,
//   - its group was seen earlier in this document (an anchor), or it is a block whose sentence
//     parts all have anchors (a bullet repeating a stretch of the lead) -> "within", removed;
//   - else, its group has >= 2 occurrences: boilerplate when in >= min_docs documents; the
//     corpus's first occurrence is removed ("across", duplicate of the first occurrence in
//     another document) only for boilerplate in remove mode; any later occurrence is reported
//     "across" (duplicate of the first occurrence) and removed when boilerplate;
//   - then the block and its parts become anchors when their group occurs >= 2 times in all
//     (occurrences + parts) and has no anchor yet.

#include <cstdint>
#include <vector>

#include "passages/passage_decisions.h"

namespace docsift::reference {

DocPassages decide_passages(const PassageIndex& index, uint32_t doc);

}  // namespace docsift::reference
