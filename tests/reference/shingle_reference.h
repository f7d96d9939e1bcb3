#pragma once
// Word n-gram shingles as strings (normalised token forms joined by spaces), with no hashing,
// and their exact Jaccard through std::set: the brute-force ground truth the near-duplicate
// quality tests score docsift against. Tests only.

#include <set>
#include <string>
#include <string_view>

namespace docsift::reference {

// Windows of n consecutive normalised tokens; a text of fewer tokens gives one shingle of all.
std::set<std::string> word_shingle_strings(std::string_view text, unsigned n);

double exact_jaccard(const std::set<std::string>& a, const std::set<std::string>& b);

}  // namespace docsift::reference
