#include "pipeline/passage_count_index.h"

#include "core/xxh3.h"
#include "store/stored_index.h"

namespace docsift {
namespace {

// Line and pair keys in a key space of their own: a line's key is the XXH3-128 of its key text
// as a passage's is of its normalised text, so the same text could give both the same key.
Key128 stored_line_key(const Key128& key) {
  const XXH128_hash_t h = XXH3_128bits_withSeed(&key, sizeof key, 2);
  return {h.low64, h.high64};
}

}  // namespace

OptionsText passage_count_options_text(const PassageOptions& o) {
  OptionsText t;
  t.add("store", "docsift passage counts")
      .add("passage_key", "xxh3-128 normalised passage")
      .add("line_key", "xxh3-128 seed 2 of the line key")
      .add("fold_digits", uint64_t{o.normalize.fold_digits})
      .add("unit", static_cast<uint64_t>(o.unit))
      .add("min_words", uint64_t{o.min_words})
      .add("lines", uint64_t{o.lines.enabled});
  return t;
}

Result<std::unique_ptr<PassageCountIndex>> PassageCountIndex::open(const std::string& dir,
                                                                   const PassageOptions& options,
                                                                   bool update) {
  if (dir.empty()) return Status::InvalidArgument("--index needs a directory");
  const OptionsText made_with = passage_count_options_text(options);
  const StoredIndexLayout layout{.kind = StoredKind::kCounts};
  auto store = update ? StoredIndex::open_writer(dir, layout, made_with)
                      : StoredIndex::open(dir, &made_with);
  if (!store.ok()) return store.status();
  if ((*store)->info().layout.kind != StoredKind::kCounts) {
    return Status::InvalidInput("index " + dir +
                                " is a dedup index, not a passage count index (made by "
                                "`docsift passages --index DIR --update`)");
  }
  std::unique_ptr<PassageCountIndex> out(new PassageCountIndex());
  out->store_ = std::move(store).value();
  out->dir_ = dir;
  out->update_ = update;
  out->docs_before_ = out->store_->num_docs();
  return out;
}

PassageCountIndex::~PassageCountIndex() = default;

uint64_t PassageCountIndex::num_docs() const { return store_->num_docs(); }
uint64_t PassageCountIndex::bytes_on_disk() const { return store_->info().bytes_on_disk; }

void PassageCountIndex::attach(PassageIndex& index, LineIndex* lines) const {
  const StoredIndex* store = store_.get();
  StoredCountFn passages;
  StoredCountFn line_keys;
  if (store->num_docs() > 0) {
    passages = [store](const Key128& key) { return store->count(key); };
    line_keys = [store](const Key128& key) { return store->count(stored_line_key(key)); };
  }
  index.use_stored_counts(std::move(passages), update_);
  if (lines) lines->use_stored_counts(std::move(line_keys), update_);
}

Status PassageCountIndex::update(const PassageIndex& index, const LineIndex* lines) {
  if (!update_) return Status::Ok();
  SegmentData data;
  data.counted_docs = index.docs();
  data.counts = index.batch_counts();
  if (lines) {
    data.counts.reserve(data.counts.size() + lines->batch_counts().size());
    for (const auto& [key, docs] : lines->batch_counts()) {
      data.counts.emplace_back(stored_line_key(key), docs);
    }
  }
  Status added = store_->add_batch(data);
  if (!added.ok()) {
    return Status::IoError(added.message() + " (the outputs were written; the index " + dir_ +
                           " is as before this run)");
  }
  return Status::Ok();
}

}  // namespace docsift
