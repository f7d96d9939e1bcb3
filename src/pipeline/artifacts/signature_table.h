#pragma once
// SignatureTable: the MinHash signatures of a set of documents, keyed by global document id, as
// the sign stage hands them to the index. A rank signs its shard into its own table; tables of
// different ranks are merged into the table of the whole corpus.
//
//   SignatureTable table(128, signature_options);          // options: see OptionsText
//   DOCSIFT_RETURN_IF_ERROR(table.append(doc_id, signature)); // ids strictly increasing
//   DOCSIFT_RETURN_IF_ERROR(table.save("signatures.bin"));
//   Result<SignatureTable> back = SignatureTable::load("signatures.bin", signature_options);
//
// Contract: ids are strictly increasing within a table (a shard reads its documents in corpus
// order), so a table is always ordered by id; every signature has num_perm values. merge()
// takes shards with disjoint ids and returns one table ordered by id, the same bytes whatever
// the sharding. All shards and the result carry the same options (the fingerprint of the
// shingle unit and length, seed, num_perm and normalisation that made the signatures).
//
// File (core/binary_file.h container, magic "DSSG", version 1, counts {num_docs, num_perm}):
// payload = num_docs uint64 ids, then num_docs * num_perm uint32 values (document-major).
// Loading refuses other options, a count that does not match the file size, or ids that are
// not strictly increasing.
//
// Memory: 8 + 4 * num_perm bytes per document; the values live in a MappedArray
// (core/mapped_array.h), so a table adopted from the sign stage's array costs no copy and grows
// without a reallocation's double footprint. Guarantees: deterministic; not thread-safe to
// mutate; const methods may be called concurrently.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/binary_file.h"
#include "core/mapped_array.h"
#include "core/options_fingerprint.h"
#include "core/status.h"

namespace docsift {

inline constexpr BinaryFormat kSignatureTableFormat{{'D', 'S', 'S', 'G'}, 1, "signature table"};

class SignatureTable {
 public:
  SignatureTable(unsigned num_perm, OptionsText options)
      : num_perm_(num_perm), options_(std::move(options)) {}
  SignatureTable(const SignatureTable& other);
  SignatureTable& operator=(const SignatureTable& other);
  SignatureTable(SignatureTable&&) noexcept = default;
  SignatureTable& operator=(SignatureTable&&) noexcept = default;

  // The table of documents first_id, first_id + 1, ... whose signatures are `values`
  // (values.size() / num_perm documents, document-major), taking the array without a copy.
  // Fails if num_perm is 0 or values.size() is not a multiple of it.
  static Result<SignatureTable> adopt(unsigned num_perm, OptionsText options, uint64_t first_id,
                                      MappedArray<uint32_t> values);

  unsigned num_perm() const { return num_perm_; }
  size_t size() const { return ids_.size(); }
  const OptionsText& options() const { return options_; }
  std::span<const uint64_t> ids() const { return ids_; }
  // num_docs * num_perm values, document-major.
  std::span<const uint32_t> values() const { return values_.span(); }
  std::span<const uint32_t> signature(size_t row) const {
    return values_.span().subspan(row * num_perm_, num_perm_);
  }
  // Row of a document id, or size() if absent (binary search).
  size_t row_of(uint64_t id) const;

  // Appends one document. Fails if signature.size() != num_perm or id <= the last id.
  Status append(uint64_t id, std::span<const uint32_t> signature);
  // Appends many: ids.size() documents, values.size() == ids.size() * num_perm.
  Status append(std::span<const uint64_t> ids, std::span<const uint32_t> values);

  // One table of all shards' documents, ordered by id. Fails if there are no shards, their
  // options or num_perm differ, or an id is in two shards.
  static Result<SignatureTable> merge(std::span<const SignatureTable> shards);

  Status save(const std::string& path) const;
  // expected == nullptr accepts any options (see options() of the result).
  static Result<SignatureTable> load(const std::string& path, const OptionsText* expected);

  friend bool operator==(const SignatureTable& x, const SignatureTable& y);

 private:
  unsigned num_perm_;
  OptionsText options_;
  std::vector<uint64_t> ids_;
  MappedArray<uint32_t> values_;
};

}  // namespace docsift
