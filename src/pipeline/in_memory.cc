#include "pipeline/in_memory.h"

#include <algorithm>
#include <optional>
#include <string>

#include "core/parallel.h"
#include "group/feature_scan.h"
#include "io/record.h"
#include "passages/line_boilerplate.h"
#include "passages/passage_decisions.h"
#include "passages/passage_index.h"
#include "pipeline/passages_job.h"

namespace docsift {
namespace {

std::vector<Record> to_records(std::span<const std::string_view> texts) {
  std::vector<Record> records(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) records[i].text.assign(texts[i]);
  return records;
}

unsigned resolve_threads(unsigned threads) { return threads == 0 ? hardware_threads() : threads; }

}  // namespace

TextDedup::TextDedup(const DedupOptions& options)
    : options_(options), threads_(resolve_threads(options.threads)) {}

TextDedup::~TextDedup() = default;

Result<std::unique_ptr<TextDedup>> TextDedup::create(const DedupOptions& options) {
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  std::unique_ptr<TextDedup> dedup(new TextDedup(options));
  // The scan keeps a reference to the options: those of the object, whose address is stable.
  dedup->scan_ = std::make_unique<FeatureScan>(dedup->options_, dedup->threads_);
  return dedup;
}

void TextDedup::add(std::span<const std::string_view> texts) { add(to_records(texts)); }

void TextDedup::add(std::span<const Record> records) { scan_->add(records, table_, table_.size()); }

Result<Grouping> TextDedup::finish() {
  scan_->release_keys();
  return group_documents(table_, options_, threads_);
}

namespace {

// Pass 1 of the passage stage over `texts`, as the CLI's reader batches them: passages into
// `index`, boilerplate lines into `lines` when it is given.
Status index_texts(std::span<const std::string_view> texts, PassageIndex& index,
                   std::optional<LineIndex>& lines) {
  constexpr size_t kBatch = 4096;  // documents per add(), as a reader's batches
  for (size_t b = 0; b < texts.size(); b += kBatch) {
    const std::vector<Record> records =
        to_records(texts.subspan(b, std::min(kBatch, texts.size() - b)));
    DOCSIFT_RETURN_IF_ERROR(index.add(records));
    if (lines) DOCSIFT_RETURN_IF_ERROR(lines->add(records));
  }
  if (lines) lines->finish();
  return index.finish();
}

// The decisions of the passage stage for one document after another, as the CLI's passage
// stages make them: passages, then lines (those inside a passage cut dropped), cuts merged.
class TextDecider {
 public:
  TextDecider(const PassageIndex& index, const std::optional<LineIndex>& lines,
              const PassageOptions& options)
      : decider_(index) {
    if (lines) line_decider_.emplace(*lines, options.boilerplate == BoilerplateMode::kKeepFirst);
  }
  void decide(uint32_t d, std::string_view text) {
    decider_.decide(d, text, doc);
    line_rows.clear();
    if (line_decider_) line_decider_->decide(d, text, line_rows);
    merge_line_cuts(doc.cuts, line_rows, is_line_cut_);
  }

  DocPassages doc;
  std::vector<LineRow> line_rows;

 private:
  PassageDecider decider_;
  std::optional<LineDecider> line_decider_;
  std::vector<char> is_line_cut_;
};

}  // namespace

Result<TextPassages> find_passages(std::span<const std::string_view> texts,
                                   const PassageOptions& options) {
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  const unsigned threads = resolve_threads(options.threads);
  PassageIndex index(options, threads);
  std::optional<LineIndex> lines = make_line_index(options, threads);
  DOCSIFT_RETURN_IF_ERROR(index_texts(texts, index, lines));
  TextPassages out;
  TextDecider decider(index, lines, options);
  for (size_t d = 0; d < texts.size(); ++d) {
    decider.decide(static_cast<uint32_t>(d), texts[d]);
    for (const PassageRow& row : decider.doc.rows) {
      const PassageOccurrence& occ = index.occurrence(row.occurrence);
      out.rows.push_back({.doc = occ.doc,
                          .start = occ.begin,
                          .end = occ.end,
                          .cut_start = occ.marker_begin,
                          .kind = row.kind,
                          .of_doc = row.of.doc,
                          .of_start = row.of.begin,
                          .of_end = row.of.end,
                          .similarity = row.similarity,
                          .documents = index.group(index.group_of(occ)).documents,
                          .removed = row.removed});
    }
    for (const LineRow& row : decider.line_rows) {
      out.rows.push_back({.doc = static_cast<uint32_t>(d),
                          .start = row.begin,
                          .end = row.end,
                          .cut_start = row.begin,
                          .kind = "line",
                          .of_doc = row.of.doc,
                          .of_start = row.of.begin,
                          .of_end = row.of.end,
                          .similarity = 1.0,
                          .documents = row.stat->docs,
                          .removed = true});
    }
  }
  return out;
}

Result<StrippedPassages> strip_duplicate_passages(std::span<std::string> texts,
                                                  const PassageOptions& options,
                                                  bool keep_reprints) {
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  const unsigned threads = resolve_threads(options.threads);
  PassageIndex index(options, threads);
  std::optional<LineIndex> lines = make_line_index(options, threads);
  {
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    DOCSIFT_RETURN_IF_ERROR(index_texts(views, index, lines));
  }
  StrippedPassages out;
  TextDecider decider(index, lines, options);
  for (size_t d = 0; d < texts.size(); ++d) {
    decider.decide(static_cast<uint32_t>(d), texts[d]);
    const DocPassages& doc = decider.doc;
    if (doc.cuts.empty()) continue;
    if (keep_reprints) {
      uint64_t whole = 0, removed = 0;  // passages, not the sentences of a block
      for (uint64_t o = index.doc_begin(static_cast<uint32_t>(d));
           o < index.doc_begin(static_cast<uint32_t>(d + 1)); ++o)
        whole += !index.occurrence(o).part;
      for (const PassageRow& row : doc.rows)
        removed += row.removed && !index.occurrence(row.occurrence).part;
      if (whole > 0 && removed >= whole) {
        ++out.reprints_kept;
        continue;
      }
    }
    std::string stripped = strip_passages(texts[d], doc.cuts);
    out.passages += doc.cuts.size();
    out.bytes += texts[d].size() - stripped.size();
    ++out.docs;
    texts[d] = std::move(stripped);
  }
  return out;
}

std::vector<Cut> cuts_of(std::span<const TextPassageRow> rows, uint32_t doc) {
  std::vector<Cut> all;
  for (const TextPassageRow& r : rows) {
    if (r.doc == doc && r.removed) all.push_back({r.cut_start, r.end});
  }
  // Line rows follow the passage rows and may overlap them: sorted and merged.
  std::sort(all.begin(), all.end(),
            [](const Cut& a, const Cut& b) { return a.marker_begin < b.marker_begin; });
  std::vector<Cut> cuts;
  for (const Cut& c : all) {
    if (!cuts.empty() && c.marker_begin < cuts.back().end) {
      cuts.back().end = std::max(cuts.back().end, c.end);
    } else {
      cuts.push_back(c);
    }
  }
  return cuts;
}

}  // namespace docsift
