#pragma once
// The duplicate grouping as a stored artifact: save and load a docsift::Grouping
// (group/near_dup.h: the duplicate group of each document, the document kept for it, the
// similarity to that kept document, and the size of each duplicate group), with the options
// that produced it.
//
//   DOCSIFT_RETURN_IF_ERROR(save_duplicate_grouping(grouping, options, "grouping.bin"));
//   Result<Grouping> g = load_duplicate_grouping("grouping.bin", &options);
//   bool drop = g->kept_of[d] != d;
//
// Invariants, checked by validate_duplicate_grouping and on every load (a grouping that breaks
// them is refused with the first offending document named): for n documents, cluster_of,
// kept_of and similarity have n entries; duplicate group ids are dense and numbered in order of
// first member (the first document of group c comes after the first document of group c - 1);
// kept_of[d] < n, kept_of[d] is in d's group, kept_of[kept_of[d]] == kept_of[d], and every
// member of a group has the same kept document; similarity[d] is in [0, 1] and 1 for kept
// documents; cluster_size[c] is the number of members of group c. group_edges output always
// satisfies them.
//
// File (core/binary_file.h container, magic "DSGR", version 1, counts {num_docs,
// num_groups}): payload = num_docs uint32 cluster_of, num_docs uint32 kept_of, num_docs float32
// similarity, num_groups uint32 cluster_size.
//
// Guarantees: pure functions; the file's bytes depend only on the grouping and the options.

#include <string>

#include "core/binary_file.h"
#include "core/options_fingerprint.h"
#include "core/status.h"
#include "group/near_dup.h"

namespace docsift {

inline constexpr BinaryFormat kDuplicateGroupingFormat{
    {'D', 'S', 'G', 'R'}, 1, "duplicate grouping"};

// Ok, or InvalidInput naming the first broken invariant (see above).
Status validate_duplicate_grouping(const Grouping& grouping);

Status save_duplicate_grouping(const Grouping& grouping, const OptionsText& options,
                               const std::string& path);

// expected == nullptr accepts any options; *made_with (if given) receives the stored options.
Result<Grouping> load_duplicate_grouping(const std::string& path, const OptionsText* expected,
                                         OptionsText* made_with = nullptr);

}  // namespace docsift
