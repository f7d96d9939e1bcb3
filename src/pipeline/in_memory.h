#pragma once
// The dedup and passages jobs over texts held in memory instead of files, for the Python bindings
// and other embedders: the same stages as run_dedup (FeatureScan -> group_documents) and
// run_passages (PassageIndex -> PassageDecider), without CorpusPass, readers or writers.
//
//   auto dedup = TextDedup::create(DedupOptions{.method = DedupMethod::kMinHash});
//   (*dedup)->add(batch_of_texts);            // as many batches as needed, in order
//   Result<Grouping> g = (*dedup)->finish();  // g->kept_of[d] == d for kept documents
//
//   Result<TextPassages> p = find_passages(texts, PassageOptions{});
//   for (const TextPassageRow& r : p->rows) ...;  // the report of `docsift passages`, by index
//
// Guarantees: for the same texts in the same order and the same options, the grouping and the
// passage rows are those the CLI computes from a JSONL file of these texts (documents numbered
// in input order instead of by id), whatever the thread count and however the texts are cut
// into batches. Memory: TextDedup keeps only per-document features (never the texts);
// find_passages needs every text (two passes). Not thread-safe.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "group/dedup_options.h"
#include "group/doc_grouping.h"
#include "io/record.h"
#include "passages/passage_options.h"
#include "passages/strip.h"

namespace docsift {

class FeatureScan;

class TextDedup {
 public:
  // InvalidArgument (the CLI's message) for invalid options.
  static Result<std::unique_ptr<TextDedup>> create(const DedupOptions& options);
  ~TextDedup();

  // Appends the features of the next texts (documents size(), size() + 1, ...).
  void add(std::span<const std::string_view> texts);
  // The same for records already built (only their text is read): no copy of the texts.
  void add(std::span<const Record> records);
  size_t size() const { return table_.size(); }
  // minhash: num_perm values per document added, document-major (what grouping compares).
  std::span<const uint32_t> signatures() const {
    return {table_.signatures.data(), table_.signatures.size()};
  }
  // Groups the documents added; call once, after the last add().
  Result<Grouping> finish();

 private:
  explicit TextDedup(const DedupOptions& options);
  DedupOptions options_;
  unsigned threads_ = 1;
  std::unique_ptr<FeatureScan> scan_;
  DocFeatureTable table_;
};

// One row of the passages report: occurrence [start, end) of document `doc` duplicates
// [of_start, of_end) of document `of_doc`; cut_start is where its removal starts (its bullet
// marker, if any) when removed.
struct TextPassageRow {
  uint32_t doc = 0;
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t cut_start = 0;
  const char* kind = "";  // "within" or "across" (static strings)
  uint32_t of_doc = 0;
  uint32_t of_start = 0;
  uint32_t of_end = 0;
  double similarity = 1;
  uint32_t documents = 0;  // documents the passage's group occurs in
  bool removed = false;
};

struct TextPassages {
  std::vector<TextPassageRow> rows;  // in document order, then passage order
};

// The passages report of `texts`; InvalidArgument for invalid options, ResourceExhausted over
// options.max_memory.
Result<TextPassages> find_passages(std::span<const std::string_view> texts,
                                   const PassageOptions& options);

// The cuts of document `doc` from `rows` (its removed rows, in order), for strip_passages().
std::vector<Cut> cuts_of(std::span<const TextPassageRow> rows, uint32_t doc);

struct StrippedPassages {
  uint64_t passages = 0;       // cut
  uint64_t bytes = 0;          // removed, bullet markers included
  uint64_t docs = 0;           // texts changed
  uint64_t reprints_kept = 0;  // keep_reprints: texts left whole
};

// Cuts the passages that find_passages(texts, options) marks removed out of each text, in place:
// the texts `docsift passages --strip` writes. A text without a cut is not touched. With
// keep_reprints, a text all of whose passages would go is left whole (what `docsift cluster`
// does): it is a story found in min_docs or more documents, a reprint, not boilerplate.
// Fails as find_passages.
Result<StrippedPassages> strip_duplicate_passages(std::span<std::string> texts,
                                                  const PassageOptions& options,
                                                  bool keep_reprints = false);

}  // namespace docsift
