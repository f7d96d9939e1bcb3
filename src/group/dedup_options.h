#pragma once
// Options of a document-dedup run (docsift dedup): how documents are read, normalised, shingled,
// sketched, indexed and grouped, and which duplicates are kept. Defaults are those of the CLI.

#include <cstdint>
#include <string>

#include "io/corpus_reader.h"
#include "text/tokenize.h"

namespace docsift {

enum class DedupMethod { kExact, kMinHash, kSimHash };
enum class ShingleUnit { kWord, kChar };
enum class SketchKind { kClassic, kOnePermutation };  // --sketch classic|oph
enum class VerifyMode { kEstimate, kExact };           // --verify estimate|exact
enum class KeepPolicy { kFirst, kLongest };            // --keep first|longest
enum class ReportFormat { kJsonl, kCsv };

const char* dedup_method_name(DedupMethod method);

struct DedupOptions;
// The shingle length a run uses: options.ngram, or the method's default when it is 0.
unsigned effective_ngram(const DedupOptions& options);

struct DedupOptions {
  DedupMethod method = DedupMethod::kExact;
  ReadOptions read;
  NormalizeOptions normalize;
  KeepPolicy keep = KeepPolicy::kFirst;  // which member of a cluster survives
  unsigned threads = 0;                  // 0 = all cores; output does not depend on it
  uint64_t seed = 1;                     // seeds shingle hashes and sketches

  // Near-duplicate methods.
  double threshold = 0.8;          // Jaccard similarity at which documents are duplicates
  unsigned ngram = 0;              // shingle length in words or characters; 0 = the method's
                                   // default (minhash 5, simhash 3: see effective_ngram)
  ShingleUnit unit = ShingleUnit::kWord;
  unsigned num_perm = 128;         // MinHash signature length
  unsigned bands = 0;              // LSH bands; 0 = chosen from the threshold
  unsigned rows = 0;               // LSH rows per band; 0 = chosen from the threshold
  double fp_weight = 0.3;          // weight of the false-positive area when choosing bands/rows
  double fn_weight = 0.7;          // weight of the false-negative area (leans to recall)
  SketchKind sketch = SketchKind::kClassic;
  VerifyMode verify = VerifyMode::kEstimate;
  // SimHash: Hamming distance at which documents are duplicates. 10 (with 3-word shingles) was
  // the best F1 on the planted 200 MB corpus (bench/README.md): recall 0.977 and precision
  // 0.9997 over pairs with Jaccard >= 0.85, where k = 3 (Manku et al.) found 16%, k = 6 55%.
  unsigned max_hamming = 10;
  size_t large_cluster_warning = 1000;  // clusters larger than this are reported in the summary
};

}  // namespace docsift
