#include "pipeline/artifacts/signature_table.h"

#include <algorithm>
#include <utility>

namespace docsift {

SignatureTable::SignatureTable(const SignatureTable& other)
    : num_perm_(other.num_perm_), options_(other.options_), ids_(other.ids_) {
  values_.resize(other.values_.size());
  std::copy(other.values_.data(), other.values_.data() + other.values_.size(), values_.data());
}

SignatureTable& SignatureTable::operator=(const SignatureTable& other) {
  if (this != &other) *this = SignatureTable(other);
  return *this;
}

bool operator==(const SignatureTable& x, const SignatureTable& y) {
  return x.num_perm_ == y.num_perm_ && x.options_ == y.options_ && x.ids_ == y.ids_ &&
         std::ranges::equal(x.values_.span(), y.values_.span());
}

Result<SignatureTable> SignatureTable::adopt(unsigned num_perm, OptionsText options,
                                             uint64_t first_id, MappedArray<uint32_t> values) {
  if (num_perm == 0 || values.size() % num_perm != 0) {
    return Status::InvalidArgument("signature table: " + std::to_string(values.size()) +
                                   " values are not whole signatures of num_perm " +
                                   std::to_string(num_perm));
  }
  SignatureTable table(num_perm, std::move(options));
  table.ids_.resize(values.size() / num_perm);
  for (size_t i = 0; i < table.ids_.size(); ++i) table.ids_[i] = first_id + i;
  table.values_ = std::move(values);
  return table;
}

size_t SignatureTable::row_of(uint64_t id) const {
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  return it != ids_.end() && *it == id ? static_cast<size_t>(it - ids_.begin()) : ids_.size();
}

Status SignatureTable::append(uint64_t id, std::span<const uint32_t> signature) {
  return append(std::span<const uint64_t>(&id, 1), signature);
}

Status SignatureTable::append(std::span<const uint64_t> ids, std::span<const uint32_t> values) {
  if (values.size() != ids.size() * num_perm_) {
    return Status::InvalidArgument("signature table: " + std::to_string(ids.size()) + " ids need " +
                                   std::to_string(ids.size() * num_perm_) + " values (num_perm " +
                                   std::to_string(num_perm_) + "), got " +
                                   std::to_string(values.size()));
  }
  uint64_t prev = ids_.empty() ? 0 : ids_.back();
  bool have_prev = !ids_.empty();
  for (uint64_t id : ids) {
    if (have_prev && id <= prev) {
      return Status::InvalidArgument("signature table: document id " + std::to_string(id) +
                                     " after " + std::to_string(prev) +
                                     " (ids must be strictly increasing)");
    }
    prev = id;
    have_prev = true;
  }
  ids_.insert(ids_.end(), ids.begin(), ids.end());
  const size_t old = values_.size();
  values_.resize(old + values.size());
  std::copy(values.begin(), values.end(), values_.data() + old);
  return Status::Ok();
}

Result<SignatureTable> SignatureTable::merge(std::span<const SignatureTable> shards) {
  if (shards.empty()) return Status::InvalidArgument("signature table merge: no shards");
  const SignatureTable& first = shards.front();
  size_t total = 0;
  for (size_t s = 0; s < shards.size(); ++s) {
    if (shards[s].num_perm_ != first.num_perm_) {
      return Status::InvalidArgument("signature table merge: shard " + std::to_string(s) +
                                     " has num_perm " + std::to_string(shards[s].num_perm_) +
                                     ", shard 0 has " + std::to_string(first.num_perm_));
    }
    const std::string diff =
        describe_options_difference(shards[s].options_.text(), first.options_.text(),
                                    "signature table merge: shard " + std::to_string(s));
    if (!diff.empty()) return Status::InvalidArgument(diff + " (as shard 0)");
    total += shards[s].size();
  }
  // (id, shard, row) of every document, ordered by id: a k-way merge of sorted shards by one
  // sort, simple and O(n log n).
  struct Source {
    uint64_t id;
    uint32_t shard;
    size_t row;
  };
  std::vector<Source> order;
  order.reserve(total);
  for (size_t s = 0; s < shards.size(); ++s) {
    for (size_t r = 0; r < shards[s].size(); ++r) {
      order.push_back({shards[s].ids_[r], static_cast<uint32_t>(s), r});
    }
  }
  std::sort(order.begin(), order.end(),
            [](const Source& x, const Source& y) { return x.id < y.id; });
  SignatureTable out(first.num_perm_, first.options_);
  out.ids_.reserve(total);
  out.values_.resize(total * first.num_perm_);
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && order[i].id == order[i - 1].id) {
      return Status::InvalidArgument(
          "signature table merge: document id " + std::to_string(order[i].id) + " is in shards " +
          std::to_string(std::min(order[i - 1].shard, order[i].shard)) + " and " +
          std::to_string(std::max(order[i - 1].shard, order[i].shard)));
    }
    const auto sig = shards[order[i].shard].signature(order[i].row);
    std::copy(sig.begin(), sig.end(), out.values_.data() + out.ids_.size() * first.num_perm_);
    out.ids_.push_back(order[i].id);
  }
  return out;
}

Status SignatureTable::save(const std::string& path) const {
  BinaryFileWriter w;
  const uint64_t counts[] = {ids_.size(), num_perm_};
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kSignatureTableFormat, options_, counts));
  w.put_array<uint64_t>(ids_);
  w.put_array<uint32_t>(values_.span());
  return w.commit();
}

Result<SignatureTable> SignatureTable::load(const std::string& path, const OptionsText* expected) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(path, kSignatureTableFormat, expected, 2));
  const uint64_t num_docs = r.counts()[0];
  const uint64_t num_perm = r.counts()[1];
  // The payload must be exactly num_docs * (8 + 4 * num_perm) bytes; checked by division so a
  // hostile count cannot overflow the product.
  const uint64_t left = r.payload_bytes_left();
  const bool fits =
      num_perm <= UINT32_MAX &&
      (num_docs == 0 ? left == 0 : left % num_docs == 0 && left / num_docs == 8 + 4 * num_perm);
  if (!fits) {
    return Status::InvalidInput(
        r.error_prefix() + "corrupt signature table: " + std::to_string(num_docs) +
        " documents of " + std::to_string(num_perm) + " values do not fill the " +
        std::to_string(left) + " payload bytes");
  }
  SignatureTable table(static_cast<unsigned>(num_perm), r.options());
  DOCSIFT_RETURN_IF_ERROR(r.read_array(num_docs, &table.ids_));
  // The size check above bounds this allocation by the file's size.
  table.values_.resize(num_docs * num_perm);
  DOCSIFT_RETURN_IF_ERROR(r.read_into<uint32_t>(table.values_.span()));
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  for (size_t i = 1; i < table.ids_.size(); ++i) {
    if (table.ids_[i] <= table.ids_[i - 1]) {
      return Status::InvalidInput(r.error_prefix() + "corrupt signature table: id " +
                                  std::to_string(table.ids_[i]) + " at row " + std::to_string(i) +
                                  " after " + std::to_string(table.ids_[i - 1]));
    }
  }
  return table;
}

}  // namespace docsift
