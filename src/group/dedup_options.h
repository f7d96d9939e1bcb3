#pragma once
// Options of a document-dedup run (docsift dedup): how documents are read, normalised, shingled,
// sketched, indexed and grouped, and which duplicates are kept. Defaults are those of the CLI.

#include <cstdint>
#include <string>

#include "io/corpus_reader.h"
#include "shingle/shingle_options.h"
#include "text/tokenize.h"

namespace docsift {

enum class DedupMethod { kExact, kMinHash, kSimHash };
enum class SketchKind { kClassic, kOnePermutation };  // --sketch classic|oph
enum class VerifyMode { kEstimate, kExact };          // --verify estimate|exact
enum class KeepPolicy { kFirst, kLongest };           // --keep first|longest
enum class ReportFormat { kJsonl, kCsv };

const char* dedup_method_name(DedupMethod method);

struct DedupOptions {
  DedupMethod method = DedupMethod::kExact;
  ReadOptions read;
  NormalizeOptions normalize;
  KeepPolicy keep = KeepPolicy::kFirst;  // which member of a cluster survives
  unsigned threads = 0;                  // 0 = all cores; output does not depend on it
  uint64_t seed = 1;                     // seeds shingle hashes and sketches

  // Near-duplicate methods.
  double threshold = 0.8;  // Jaccard similarity at which documents are duplicates
  unsigned ngram = 5;      // shingle length, in words or characters
  ShingleUnit unit = ShingleUnit::kWord;
  unsigned num_perm = 128;     // MinHash signature length
  unsigned num_bands = 0;      // LSH bands (--bands); 0 = chosen from the threshold
  unsigned rows_per_band = 0;  // LSH rows per band (--rows); 0 = chosen from the threshold
  double fp_weight = 0.3;      // weight of the false-positive area when choosing bands/rows
  double fn_weight = 0.7;      // weight of the false-negative area (leans to recall)
  SketchKind sketch = SketchKind::kClassic;
  VerifyMode verify = VerifyMode::kEstimate;
  // --verify estimate accepts pairs whose estimated Jaccard is at most this many standard errors
  // (sqrt(t(1-t)/num_perm)) below the threshold, so estimation noise does not lose true pairs.
  double estimate_slack_se = 1.0;
  // SimHash: Hamming distance at which documents are duplicates. Chosen by sweeping k = 3..12
  // and 3..5-word shingles on planted corpora (see the issue note): with 5-word shingles k = 10
  // keeps precision (Jaccard >= t - 0.15 to the kept document) at 1.0 in the quality test and
  // finds 92% of pairs with Jaccard >= 0.85 on the 200 MB generated corpus, where Manku et al.'s
  // k = 3 finds 16% and k = 6 55%; k = 11 and up let precision fall below 0.95.
  unsigned max_hamming = 10;
  size_t large_group_warning =
      1000;  // duplicate groups larger than this are reported in the summary
};

}  // namespace docsift
