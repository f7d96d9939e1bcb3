#include "pipeline/artifacts/doc_cuts.h"

#include <algorithm>

namespace docsift {

const char* cut_reason_name(CutReason reason) {
  switch (reason) {
    case CutReason::kDuplicateDocument:
      return "duplicate_document";
    case CutReason::kPassageWithin:
      return "passage_within";
    case CutReason::kPassageAcross:
      return "passage_across";
    case CutReason::kBoilerplate:
      return "boilerplate";
    case CutReason::kSubstring:
      return "substring";
    case CutReason::kLine:
      return "line";
  }
  return "unknown";
}

bool operator==(const DocCuts& x, const DocCuts& y) {
  auto same = [](const Cut& p, const Cut& q) {
    return p.marker_begin == q.marker_begin && p.end == q.end;
  };
  return x.options_ == y.options_ && x.docs_ == y.docs_ && x.first_cut_ == y.first_cut_ &&
         x.reasons_ == y.reasons_ &&
         std::equal(x.ranges_.begin(), x.ranges_.end(), y.ranges_.begin(), y.ranges_.end(), same);
}

Status DocCuts::add(uint64_t doc, Cut range, CutReason reason) {
  const std::string where = "document cuts: cut [" + std::to_string(range.marker_begin) + ", " +
                            std::to_string(range.end) + ") of document " + std::to_string(doc);
  if (range.marker_begin >= range.end) return Status::InvalidArgument(where + " is empty");
  if (static_cast<uint8_t>(reason) >= kNumCutReasons) {
    return Status::InvalidArgument(where + " has an unknown reason");
  }
  if (!docs_.empty() && doc < docs_.back()) {
    return Status::InvalidArgument(where + " after document " + std::to_string(docs_.back()) +
                                   " (documents must be in increasing order)");
  }
  if (!docs_.empty() && doc == docs_.back() && range.marker_begin < ranges_.back().end) {
    return Status::InvalidArgument(where + " starts before the end of the previous cut (" +
                                   std::to_string(ranges_.back().end) +
                                   "): cuts must be sorted and non-overlapping");
  }
  if (docs_.empty() || doc != docs_.back()) {
    docs_.push_back(doc);
    first_cut_.push_back(first_cut_.back());
  }
  ranges_.push_back(range);
  reasons_.push_back(reason);
  ++first_cut_.back();
  return Status::Ok();
}

size_t DocCuts::index_of(uint64_t doc) const {
  const auto it = std::lower_bound(docs_.begin(), docs_.end(), doc);
  return it != docs_.end() && *it == doc ? static_cast<size_t>(it - docs_.begin()) : docs_.size();
}

std::span<const Cut> DocCuts::cuts_of(uint64_t doc) const {
  const size_t i = index_of(doc);
  if (i == docs_.size()) return {};
  return std::span<const Cut>(ranges_).subspan(first_cut_[i], first_cut_[i + 1] - first_cut_[i]);
}

std::span<const CutReason> DocCuts::reasons_of(uint64_t doc) const {
  const size_t i = index_of(doc);
  if (i == docs_.size()) return {};
  return std::span<const CutReason>(reasons_).subspan(first_cut_[i],
                                                      first_cut_[i + 1] - first_cut_[i]);
}

Result<DocCuts> DocCuts::merge(std::span<const DocCuts> shards) {
  if (shards.empty()) return Status::InvalidArgument("document cuts merge: no shards");
  struct Source {
    uint64_t doc;
    uint32_t shard;
    size_t index;
  };
  std::vector<Source> order;
  for (size_t s = 0; s < shards.size(); ++s) {
    const std::string diff =
        describe_options_difference(shards[s].options_.text(), shards[0].options_.text(),
                                    "document cuts merge: shard " + std::to_string(s));
    if (!diff.empty()) return Status::InvalidArgument(diff + " (as shard 0)");
    for (size_t i = 0; i < shards[s].docs_.size(); ++i) {
      order.push_back({shards[s].docs_[i], static_cast<uint32_t>(s), i});
    }
  }
  std::sort(order.begin(), order.end(),
            [](const Source& x, const Source& y) { return x.doc < y.doc; });
  DocCuts out(shards[0].options_);
  for (size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && order[k].doc == order[k - 1].doc) {
      return Status::InvalidArgument(
          "document cuts merge: document " + std::to_string(order[k].doc) + " has cuts in shards " +
          std::to_string(std::min(order[k - 1].shard, order[k].shard)) + " and " +
          std::to_string(std::max(order[k - 1].shard, order[k].shard)));
    }
    const DocCuts& src = shards[order[k].shard];
    const size_t i = order[k].index;
    out.docs_.push_back(order[k].doc);
    for (uint64_t c = src.first_cut_[i]; c < src.first_cut_[i + 1]; ++c) {
      out.ranges_.push_back(src.ranges_[c]);
      out.reasons_.push_back(src.reasons_[c]);
    }
    out.first_cut_.push_back(out.ranges_.size());
  }
  return out;
}

Status DocCuts::save(const std::string& path) const {
  BinaryFileWriter w;
  const uint64_t counts[] = {docs_.size(), ranges_.size()};
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kDocCutsFormat, options_, counts));
  w.put_array<uint64_t>(docs_);
  std::vector<uint32_t> column(docs_.size());
  for (size_t i = 0; i < docs_.size(); ++i) {
    column[i] = static_cast<uint32_t>(first_cut_[i + 1] - first_cut_[i]);
  }
  w.put_array<uint32_t>(column);
  column.resize(ranges_.size());
  for (size_t c = 0; c < ranges_.size(); ++c) column[c] = ranges_[c].marker_begin;
  w.put_array<uint32_t>(column);
  for (size_t c = 0; c < ranges_.size(); ++c) column[c] = ranges_[c].end;
  w.put_array<uint32_t>(column);
  std::vector<uint8_t> reasons(ranges_.size());
  for (size_t c = 0; c < ranges_.size(); ++c) reasons[c] = static_cast<uint8_t>(reasons_[c]);
  w.put_array<uint8_t>(reasons);
  return w.commit();
}

Result<DocCuts> DocCuts::load(const std::string& path, const OptionsText* expected) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(path, kDocCutsFormat, expected, 2));
  const uint64_t nd = r.counts()[0];
  const uint64_t nc = r.counts()[1];
  const uint64_t left = r.payload_bytes_left();
  if (nd > left / 12 || nc > left / 9 || left != 12 * nd + 9 * nc || nd > nc) {
    return Status::InvalidInput(r.error_prefix() + "corrupt document cuts: " + std::to_string(nd) +
                                " documents and " + std::to_string(nc) + " cuts do not fill the " +
                                std::to_string(left) + " payload bytes");
  }
  std::vector<uint64_t> docs;
  std::vector<uint32_t> per_doc, begins, ends;
  std::vector<uint8_t> reasons;
  DOCSIFT_RETURN_IF_ERROR(r.read_array(nd, &docs));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(nd, &per_doc));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(nc, &begins));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(nc, &ends));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(nc, &reasons));
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  DocCuts out(r.options());
  uint64_t c = 0;
  for (size_t i = 0; i < nd; ++i) {
    if (per_doc[i] == 0 || per_doc[i] > nc - c || (i > 0 && docs[i] <= docs[i - 1])) {
      return Status::InvalidInput(r.error_prefix() + "corrupt document cuts: document " +
                                  std::to_string(docs[i]) + " at index " + std::to_string(i) +
                                  " (ids must increase, cut counts be >= 1 and sum to " +
                                  std::to_string(nc) + ")");
    }
    for (uint32_t k = 0; k < per_doc[i]; ++k, ++c) {
      if (reasons[c] >= kNumCutReasons) {
        return Status::InvalidInput(r.error_prefix() + "corrupt document cuts: cut " +
                                    std::to_string(c) + " has unknown reason " +
                                    std::to_string(reasons[c]));
      }
      const Status added =
          out.add(docs[i], {begins[c], ends[c]}, static_cast<CutReason>(reasons[c]));
      if (!added.ok()) {
        return Status::InvalidInput(r.error_prefix() + "corrupt " + added.message());
      }
    }
  }
  if (c != nc) {
    return Status::InvalidInput(r.error_prefix() + "corrupt document cuts: cut counts sum to " +
                                std::to_string(c) + ", header says " + std::to_string(nc));
  }
  return out;
}

}  // namespace docsift
