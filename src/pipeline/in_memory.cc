#include "pipeline/in_memory.h"

#include <string>

#include "core/parallel.h"
#include "group/feature_scan.h"
#include "io/record.h"
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

// Pass 1 of the passage stage over `texts`, as the CLI's reader batches them.
Status index_texts(std::span<const std::string_view> texts, PassageIndex& index) {
  constexpr size_t kBatch = 4096;  // documents per add(), as a reader's batches
  for (size_t b = 0; b < texts.size(); b += kBatch) {
    const std::vector<Record> records =
        to_records(texts.subspan(b, std::min(kBatch, texts.size() - b)));
    DOCSIFT_RETURN_IF_ERROR(index.add(records));
  }
  return index.finish();
}

}  // namespace

Result<TextPassages> find_passages(std::span<const std::string_view> texts,
                                   const PassageOptions& options) {
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  const unsigned threads = resolve_threads(options.threads);
  PassageIndex index(options, threads);
  DOCSIFT_RETURN_IF_ERROR(index_texts(texts, index));
  TextPassages out;
  PassageDecider decider(index);
  DocPassages doc;
  for (size_t d = 0; d < texts.size(); ++d) {
    decider.decide(static_cast<uint32_t>(d), texts[d], doc);
    for (const PassageRow& row : doc.rows) {
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
  }
  return out;
}

Result<StrippedPassages> strip_duplicate_passages(std::span<std::string> texts,
                                                  const PassageOptions& options,
                                                  bool keep_reprints) {
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  PassageIndex index(options, resolve_threads(options.threads));
  {
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    DOCSIFT_RETURN_IF_ERROR(index_texts(views, index));
  }
  StrippedPassages out;
  PassageDecider decider(index);
  DocPassages doc;
  for (size_t d = 0; d < texts.size(); ++d) {
    decider.decide(static_cast<uint32_t>(d), texts[d], doc);
    if (doc.cuts.empty()) continue;
    if (keep_reprints) {
      uint64_t whole = 0, removed = 0;  // passages, not the sentences of a block
      for (uint64_t o = index.doc_begin(static_cast<uint32_t>(d));
           o < index.doc_begin(static_cast<uint32_t>(d + 1)); ++o)
        whole += !index.occurrence(o).part;
      for (const PassageRow& row : doc.rows)
        removed += row.removed && !index.occurrence(row.occurrence).part;
      if (removed >= whole) {
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
  std::vector<Cut> cuts;
  for (const TextPassageRow& r : rows) {
    if (r.doc == doc && r.removed) cuts.push_back({r.cut_start, r.end});
  }
  return cuts;
}

}  // namespace docsift
