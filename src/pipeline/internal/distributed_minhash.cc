#include "pipeline/internal/distributed_minhash.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>

#include "core/xxh3.h"
#include "dist/bytes.h"
#include "group/doc_grouping.h"
#include "index/lsh_index.h"
#include "index/lsh_params.h"
#include "pipeline/internal/distributed_exchange.h"

namespace docsift::detail {
namespace {

using dist::ByteReader;
using dist::ByteWriter;
using dist::Comm;

constexpr uint32_t kNone = UINT32_MAX;

struct BandRecord {  // 16 bytes on the wire
  uint64_t key;
  uint32_t band;
  uint32_t doc;  // global index
};
static_assert(sizeof(BandRecord) == 16);

bool empty_signature(const uint32_t* s, unsigned num_perm) {
  return std::all_of(s, s + num_perm, [](uint32_t v) { return v == UINT32_MAX; });
}

}  // namespace

Result<Grouping> distributed_minhash_grouping(const Comm& comm,
                                              std::span<const uint32_t> signatures,
                                              std::span<const uint64_t> first_doc_of_rank,
                                              std::span<const uint64_t> root_lengths,
                                              const DedupOptions& options, unsigned threads,
                                              NearDupStats* stats,
                                              MinHashExchangeFigures* figures) {
  const int num_ranks = comm.size();
  const int rank = comm.rank();
  const unsigned k = options.num_perm;
  const uint64_t n = first_doc_of_rank[num_ranks];
  const uint64_t base = first_doc_of_rank[rank];
  const size_t mine = first_doc_of_rank[rank + 1] - base;
  DOCSIFT_ASSERT(signatures.size() == mine * k);
  // Options and n are the same on every rank: these checks agree without a message.
  if (n > UINT32_MAX) return Status::InvalidArgument("more than 2^32 - 1 documents");
  const NearDupOptions nd = near_dup_options(DocFeatureTable{}, options, threads);
  Result<LshParams> params =
      resolve_lsh_params(k, nd.lsh_threshold, nd.num_bands, nd.rows_per_band, nd.weights);
  if (!params.ok()) return params.status();
  const unsigned bands = params->num_bands;
  const unsigned rows = params->rows_per_band;
  const size_t max_bucket = std::max<size_t>(2, nd.max_bucket_size);
  MinHashExchangeFigures fig;

  // 1. Band records to the owner of their key.
  std::vector<DocPair> pairs;
  {
    std::vector<std::string> to_rank(num_ranks);
    for (size_t d = 0; d < mine; ++d) {
      const uint32_t* s = &signatures[d * k];
      for (unsigned b = 0; b < bands; ++b) {
        const BandRecord rec{lsh_band_key(std::span<const uint32_t>(s + size_t{b} * rows, rows), b),
                             b, static_cast<uint32_t>(base + d)};
        const int to = static_cast<int>(rec.key % static_cast<uint64_t>(num_ranks));
        fig.band_records_sent += to != rank;
        append_raw(to_rank[to], rec);
      }
    }
    std::vector<BandRecord> owned = parse_all<BandRecord>(comm.alltoallv(to_rank, kBandBatchBytes));
    to_rank = {};
    // 2. Buckets of the owned keys, in the serial index's member order.
    std::sort(owned.begin(), owned.end(), [](const BandRecord& x, const BandRecord& y) {
      if (x.band != y.band) return x.band < y.band;
      if (x.key != y.key) return x.key < y.key;
      return x.doc < y.doc;
    });
    // Members of buckets above max_bucket are chained by the hash of their full signature
    // (index/lsh_index.h): asked from their owners (rare; two small collectives on every rank).
    std::vector<std::pair<uint32_t, uint64_t>> signature_hash;  // (doc, hash), sorted
    {
      std::vector<std::vector<uint32_t>> want(num_ranks);
      for (size_t i = 0; i < owned.size();) {
        size_t j = i + 1;
        while (j < owned.size() && owned[j].band == owned[i].band && owned[j].key == owned[i].key) {
          ++j;
        }
        if (j - i > max_bucket) {
          for (size_t x = i; x < j; ++x) {
            want[owner_of(first_doc_of_rank, owned[x].doc)].push_back(owned[x].doc);
          }
        }
        i = j;
      }
      std::vector<std::string> to_rank(num_ranks);
      for (int r = 0; r < num_ranks; ++r) {
        std::sort(want[r].begin(), want[r].end());
        want[r].erase(std::unique(want[r].begin(), want[r].end()), want[r].end());
        for (uint32_t d : want[r]) append_raw(to_rank[r], d);
      }
      const std::vector<std::string> asked = comm.alltoallv(to_rank, kBandBatchBytes);
      for (int r = 0; r < num_ranks; ++r) {
        to_rank[r].clear();
        for (size_t at = 0; at < asked[r].size(); at += 4) {
          uint32_t d = 0;
          std::memcpy(&d, asked[r].data() + at, 4);
          append_raw(to_rank[r], XXH3_64bits(&signatures[(d - base) * k], size_t{k} * 4));
        }
      }
      const std::vector<std::string> hashes = comm.alltoallv(to_rank, kBandBatchBytes);
      for (int r = 0; r < num_ranks; ++r) {
        DOCSIFT_ASSERT(hashes[r].size() == want[r].size() * 8);
        for (size_t i = 0; i < want[r].size(); ++i) {
          uint64_t h = 0;
          std::memcpy(&h, hashes[r].data() + i * 8, 8);
          signature_hash.emplace_back(want[r][i], h);
        }
      }
      std::sort(signature_hash.begin(), signature_hash.end());
    }
    auto hash_of = [&](uint32_t doc) {
      const auto it = std::lower_bound(signature_hash.begin(), signature_hash.end(),
                                       std::pair<uint32_t, uint64_t>{doc, 0});
      DOCSIFT_ASSERT(it != signature_hash.end() && it->first == doc);
      return it->second;
    };
    std::vector<std::pair<uint64_t, uint32_t>> members;
    for (size_t i = 0; i < owned.size();) {
      size_t j = i + 1;
      while (j < owned.size() && owned[j].band == owned[i].band && owned[j].key == owned[i].key)
        ++j;
      const size_t m = j - i;
      if (m >= 2 && m <= max_bucket) {
        for (size_t x = i; x < j; ++x) {
          for (size_t y = x + 1; y < j; ++y) pairs.push_back({owned[x].doc, owned[y].doc});
        }
      } else if (m > max_bucket) {
        members.clear();
        for (size_t x = i; x < j; ++x) members.emplace_back(hash_of(owned[x].doc), owned[x].doc);
        std::sort(members.begin(), members.end());
        for (size_t x = 1; x < m; ++x) {
          pairs.push_back(DocPair::make(members[x - 1].second, members[x].second));
        }
      }
      i = j;
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  // 3a. Pairs to the owner of b: every copy of a pair meets there.
  {
    std::vector<std::string> to_rank(num_ranks);
    for (const DocPair& p : pairs) append_raw(to_rank[owner_of(first_doc_of_rank, p.b)], p);
    pairs = parse_all<DocPair>(comm.alltoallv(to_rank, kBandBatchBytes));
  }
  // 3b. b's signature once per (b, owner of a), with its a's.
  std::sort(pairs.begin(), pairs.end(),
            [](const DocPair& x, const DocPair& y) { return x.b != y.b ? x.b < y.b : x.a < y.a; });
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<Edge> edges;
  {
    std::vector<std::string> to_rank(num_ranks);
    for (size_t i = 0; i < pairs.size();) {
      const uint32_t b = pairs[i].b;
      size_t j = i;
      while (j < pairs.size() && pairs[j].b == b) ++j;
      const uint32_t* sb = &signatures[(b - base) * k];
      if (!nd.group_empty && empty_signature(sb, k)) {
        i = j;
        continue;
      }
      while (i < j) {
        const int to = owner_of(first_doc_of_rank, pairs[i].a);
        size_t e = i;
        while (e < j && owner_of(first_doc_of_rank, pairs[e].a) == to) ++e;
        std::string& out = to_rank[to];
        append_raw(out, b);
        append_raw(out, static_cast<uint32_t>(e - i));
        out.append(reinterpret_cast<const char*>(sb), size_t{k} * sizeof(uint32_t));
        for (; i < e; ++i) append_raw(out, pairs[i].a);
      }
    }
    pairs = {};
    const std::vector<std::string> got = comm.alltoallv(to_rank, kBandBatchBytes);
    to_rank = {};
    // 3c. Verification at the owner of a (group/verify.h: equal slots >= threshold x num_perm).
    const double needed = nd.threshold * k;
    uint64_t candidates = 0;
    std::vector<uint32_t> sb(k);
    for (const std::string& part : got) {
      for (size_t at = 0; at < part.size();) {
        uint32_t b = 0, count = 0;
        std::memcpy(&b, part.data() + at, 4);
        std::memcpy(&count, part.data() + at + 4, 4);
        at += 8;
        std::memcpy(sb.data(), part.data() + at, size_t{k} * 4);
        at += size_t{k} * 4;
        for (uint32_t c = 0; c < count; ++c, at += 4) {
          uint32_t a = 0;
          std::memcpy(&a, part.data() + at, 4);
          const uint32_t* sa = &signatures[(a - base) * k];
          if (!nd.group_empty && empty_signature(sa, k)) continue;
          ++candidates;
          unsigned equal = 0;
          for (unsigned i = 0; i < k; ++i) equal += sa[i] == sb[i];
          if (static_cast<double>(equal) >= needed) {
            edges.push_back({a, b, static_cast<float>(equal) / static_cast<float>(k)});
          }
        }
      }
    }
    fig.candidate_pairs = comm.sum(candidates);
    fig.verified_edges = comm.sum(static_cast<uint64_t>(edges.size()));
  }

  // 4. Edges to rank 0; rank 0 asks for the signatures of the documents that have one.
  Grouping g;
  if (!comm.root()) {
    ByteWriter w;
    w.array(std::span<const Edge>(edges));
    comm.send(0, w.bytes());
    edges = {};
    const std::string want_bytes = comm.recv(0);
    ByteReader want_in(want_bytes);
    std::vector<uint32_t> want;
    want_in.append_array(want);
    std::string sigs;
    sigs.reserve(want.size() * k * 4);
    for (uint32_t d : want) sigs.append(reinterpret_cast<const char*>(&signatures[d * k]), k * 4);
    comm.send(0, sigs);
  } else {
    for (int r = 1; r < num_ranks; ++r) {
      const std::string bytes = comm.recv(r);
      ByteReader in(bytes);
      in.append_array(edges);
    }
    std::vector<uint32_t> docs;  // documents with an edge, ascending
    docs.reserve(edges.size() * 2);
    for (const Edge& e : edges) {
      docs.push_back(e.a);
      docs.push_back(e.b);
    }
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    const size_t m = docs.size();
    DocFeatureTable sub;
    sub.signatures.resize(m * k);
    sub.lengths.resize(m);
    for (size_t i = 0; i < m; ++i) sub.lengths[i] = root_lengths[docs[i]];
    size_t at = 0;  // docs are in rank order
    for (int r = 0; r < num_ranks; ++r) {
      const size_t from = at;
      while (at < m && docs[at] < first_doc_of_rank[r + 1]) ++at;
      if (r == 0) {
        for (size_t i = from; i < at; ++i) {
          std::memcpy(sub.signatures.data() + i * k, &signatures[docs[i] * size_t{k}], k * 4);
        }
        continue;
      }
      std::vector<uint32_t> want(at - from);
      for (size_t i = from; i < at; ++i) {
        want[i - from] = static_cast<uint32_t>(docs[i] - first_doc_of_rank[r]);
      }
      ByteWriter w;
      w.array(std::span<const uint32_t>(want));
      comm.send(r, w.bytes());
      const std::string sigs = comm.recv(r);
      DOCSIFT_ASSERT(sigs.size() == want.size() * k * 4);
      if (!sigs.empty()) std::memcpy(sub.signatures.data() + from * k, sigs.data(), sigs.size());
    }
    for (Edge& e : edges) {
      e.a = static_cast<uint32_t>(std::lower_bound(docs.begin(), docs.end(), e.a) - docs.begin());
      e.b = static_cast<uint32_t>(std::lower_bound(docs.begin(), docs.end(), e.b) - docs.begin());
    }
    std::sort(edges.begin(), edges.end(),
              [](const Edge& x, const Edge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    const NearDupOptions sub_nd = near_dup_options(sub, options, threads);
    const Grouping local = group_minhash_edges(sub.signatures.span(), m, edges, sub_nd);
    std::vector<uint32_t> kept_of(n);
    std::iota(kept_of.begin(), kept_of.end(), 0u);
    std::vector<float> similarity(n, 1.0f);
    for (size_t i = 0; i < m; ++i) {
      kept_of[docs[i]] = docs[local.kept_of[i]];
      similarity[docs[i]] = local.similarity[i];
    }
    g = grouping_of(std::move(kept_of), std::move(similarity));
    fig.docs_with_edges = m;
  }
  fig.docs_with_edges = comm.max(fig.docs_with_edges);
  if (stats) {
    stats->candidate_pairs = fig.candidate_pairs;
    stats->verified_edges = fig.verified_edges;
    stats->num_bands = bands;
    stats->rows_per_band = rows;
  }
  if (figures) *figures = fig;
  return g;
}

}  // namespace docsift::detail
