#pragma once
// Options of duplicate-passage detection (docsift passages, docsift clean).

#include <cstddef>
#include <cstdint>
#include <functional>

#include "io/corpus_reader.h"
#include "shingle/shingle_options.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace docsift {

// Documents of earlier batches holding a key (a passage's or a line's), from a stored count
// index (pipeline/passage_count_index.h); 0 when never seen. Called from one thread.
using StoredCountFn = std::function<uint32_t(const Key128& key)>;

enum class PassageUnit { kBlock, kSentence };        // --unit block|sentence
enum class BoilerplateMode { kRemove, kKeepFirst };  // --boilerplate remove|keep-first

// Short boilerplate lines (passages/line_boilerplate.h): a line of any length found in many
// documents. The documents a line needs grow as it gets shorter:
//   4+ words: min_docs; 3 words: ceil(4 min_docs / 3); 2 words: 2 min_docs; 1 word: 10 min_docs.
struct LineOptions {
  bool enabled = true;     // --no-lines turns it off
  unsigned min_docs = 10;  // --line-min-docs: documents a line of 4 or more words needs
};

struct PassageOptions {
  ReadOptions read;
  NormalizeOptions normalize;
  PassageUnit unit = PassageUnit::kBlock;  // paragraphs, lines and bullet items; or sentences
  unsigned min_words = 5;  // shorter passages (dates, bylines, headings) are never touched
  bool near = true;        // also find near-duplicate passages (MinHash + LSH)
  double threshold = 0.8;  // Jaccard of near-duplicate passages
  ShingleUnit shingle_unit = ShingleUnit::kChar;  // short passages have few word n-grams
  unsigned ngram = 5;                             // characters (or words) per shingle
  unsigned num_perm = 64;                         // MinHash length for passages
  unsigned min_docs = 3;  // a passage in at least this many documents is boilerplate
  BoilerplateMode boilerplate = BoilerplateMode::kRemove;
  LineOptions lines;     // recurring short lines (also applies `boilerplate`)
  unsigned threads = 0;  // 0 = all cores; output does not depend on it
  uint64_t seed = 1;
  size_t max_memory = 0;     // bytes for the passage index; 0 = no limit
  size_t top_repeated = 10;  // how many of the most repeated passages the summary lists
};

}  // namespace docsift
