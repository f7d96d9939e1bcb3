#include "vector/tfidf.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/parallel.h"
#include "core/xxh3.h"
#include "text/link_spans.h"
#include "vector/internal/df_communities.h"
#include "vector/internal/flat_map.h"

namespace docsift {
namespace {

constexpr size_t kChunk = 256;  // documents per parallel_for chunk (fixed: results never depend
                                // on the thread count)
constexpr uint32_t kBigramFlag = 0x80000000u;
constexpr uint64_t kUnigramSeed = 0x7466696466000001ULL;
constexpr uint64_t kBigramMix = 0x62696772616d0002ULL;

// One distinct term of a document; `first` is its first token (| kBigramFlag for a pair).
struct Entry {
  uint64_t hash;
  uint32_t count;
  uint32_t first;
};

// An occurrence whose original spelling differs from its normalised form ("Bank" for "bank").
struct Variant {
  uint64_t hash;
  uint64_t surface_hash;
  uint32_t doc;
  uint32_t first;
};

// Corpus-wide statistics of one key (a term, or a bucket with hashing).
struct KeyStats {
  uint32_t df = 0;
  uint32_t last_doc = std::numeric_limits<uint32_t>::max();
  uint64_t total = 0;  // occurrences in the corpus
  // Weighted majority vote (Boyer-Moore) for the term that names a bucket; exact without hashing.
  uint64_t cand = 0;
  uint64_t votes = 0;
  uint32_t cand_doc = 0;
  uint32_t cand_first = 0;
};

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string_view surface_of(std::string_view text, const TokenizedText& t, size_t i) {
  const TokenSpan& span = t.spans[i];
  DOCSIFT_ASSERT(span.begin <= span.end && span.end <= text.size());
  return text.substr(span.begin, span.end - span.begin);
}

uint64_t hash_str(std::string_view s, uint64_t seed) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed);
}

// Per-worker open-addressing table (hash -> 1 + position in the document's entry list):
// counting a document's terms this way costs about a third of sorting its token hashes.
struct TermTable {
  std::vector<uint32_t> slots;
  std::vector<uint32_t> used;
  std::vector<Entry> entries;    // the document's terms, copied out once complete
  std::vector<TokenSpan> links;  // the document's link spans (drop_links)
  void prepare(size_t max_terms) {
    size_t size = 64;
    while (size < 2 * max_terms) size *= 2;
    if (slots.size() < size) slots.assign(size, 0);
  }
};

// Adds one occurrence of term `h` (first seen at token `first`) to `out`.
inline void count_term(TermTable& table, uint64_t h, uint32_t first) {
  std::vector<Entry>& out = table.entries;
  const size_t mask = table.slots.size() - 1;
  size_t pos = static_cast<size_t>(h >> 20) & mask;
  while (true) {
    const uint32_t v = table.slots[pos];
    if (v == 0) {
      out.push_back({h, 1, first});
      table.slots[pos] = static_cast<uint32_t>(out.size());
      table.used.push_back(static_cast<uint32_t>(pos));
      return;
    }
    if (out[v - 1].hash == h) {
      ++out[v - 1].count;
      return;
    }
    pos = (pos + 1) & mask;
  }
}

// Distinct terms of one document in order of first occurrence, plus the occurrences spelt
// differently.
void collect_terms(std::string_view text, const TokenizedText& t, const TfidfOptions& opt,
                   uint32_t doc, TermTable& table, std::vector<Entry>& out,
                   std::vector<Variant>& variants) {
  const bool want_surface = !text.empty();
  table.entries.clear();
  table.prepare(t.size() * opt.ngram);
  bool have_prev = false;
  bool prev_differs = false;
  uint64_t prev_hash = 0;
  uint64_t prev_surface = 0;
  const bool drop_links = opt.drop_links && want_surface;
  if (drop_links) find_link_spans(text, table.links);
  size_t next_link = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string_view norm = t.norm(i);
    bool dropped = norm.empty() || (opt.drop_numbers && is_number(norm));
    if (!dropped && drop_links) {
      const std::vector<TokenSpan>& links = table.links;
      while (next_link < links.size() && links[next_link].end <= t.spans[i].begin) ++next_link;
      dropped = (next_link < links.size() && links[next_link].begin < t.spans[i].end) ||
                is_hash_like(surface_of(text, t, i));
    }
    if (dropped) {
      have_prev = false;  // a dropped token breaks word pairs
      continue;
    }
    const uint64_t h = hash_str(norm, kUnigramSeed);
    count_term(table, h, static_cast<uint32_t>(i));
    bool differs = false;
    uint64_t surface_hash = h;  // the same string hashed with the same seed
    if (want_surface) {
      const std::string_view surface = surface_of(text, t, i);
      differs = surface != norm;
      if (differs) {
        surface_hash = hash_str(surface, kUnigramSeed);
        variants.push_back({h, surface_hash, doc, static_cast<uint32_t>(i)});
      }
    }
    if (opt.ngram == 2 && have_prev) {
      const uint64_t hb = hash_str(norm, prev_hash ^ kBigramMix);
      const uint32_t first = static_cast<uint32_t>(i - 1) | kBigramFlag;
      count_term(table, hb, first);
      if (differs || prev_differs) {
        const std::string_view surface = surface_of(text, t, i);
        variants.push_back({hb, hash_str(surface, prev_surface ^ kBigramMix), doc, first});
      }
    }
    have_prev = true;
    prev_differs = differs;
    prev_hash = h;
    prev_surface = surface_hash;
  }
  for (uint32_t pos : table.used) table.slots[pos] = 0;
  table.used.clear();
  // One exact-size allocation per document: all of them stay in memory until the matrix is built.
  out.assign(table.entries.begin(), table.entries.end());
}

// The normalised form or original spelling of a term occurrence.
std::string term_string(std::string_view text, const TokenizedText& t, uint32_t first,
                        bool surface) {
  const size_t i = first & ~kBigramFlag;
  auto piece = [&](size_t k) { return surface ? surface_of(text, t, k) : t.norm(k); };
  std::string s(piece(i));
  if (first & kBigramFlag) {
    s.push_back(' ');
    s.append(piece(i + 1));
  }
  return s;
}

// Text of document d, or "" when the caller gave no texts (surface spellings are then the forms).
std::string_view text_at(std::span<const std::string_view> texts, size_t d) {
  return texts.empty() ? std::string_view() : texts[d];
}

// Workers for the parallel passes.
unsigned worker_count(const TfidfOptions& opt) {
  return opt.threads ? opt.threads : hardware_threads();
}

// Gives the tokens of document d: the caller's, or made on the spot by the worker's own
// Tokenizer (valid until that worker asks for another document). Tokenising on demand keeps
// no document's tokens, which took more than twice the memory of the text (318 vs 194 MB peak
// on 52 MB of news), and whose page faults cost more time than counting the terms.
class TokenSource {
 public:
  explicit TokenSource(std::span<const TokenizedText> given) : given_(given) {}
  TokenSource(const NormalizeOptions& normalize, unsigned workers) : scratch_(workers) {
    for (unsigned w = 0; w < workers; ++w) tokenizers_.emplace_back(normalize);
  }
  const TokenizedText& get(size_t doc, std::string_view text, unsigned worker) {
    if (tokenizers_.empty()) return given_[doc];
    tokenizers_[worker].tokenize(text, scratch_[worker]);
    return scratch_[worker];
  }

 private:
  std::span<const TokenizedText> given_;
  std::vector<Tokenizer> tokenizers_;
  std::vector<TokenizedText> scratch_;
};

// One term occurrence whose string is wanted.
struct TermRequest {
  uint32_t doc;
  uint32_t first;  // as in Entry
  bool surface;    // original spelling instead of normalised form
};

// The strings of many occurrences, fetching each document's tokens once (requests are served
// in document order, in parallel; the strings do not depend on the thread count).
std::vector<std::string> term_strings(std::span<const TermRequest> requests,
                                      std::span<const std::string_view> texts, TokenSource& source,
                                      unsigned threads) {
  std::vector<uint32_t> order(requests.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return requests[a].doc < requests[b].doc; });
  std::vector<std::string> out(requests.size());
  parallel_for(order.size(), threads, kChunk, [&](size_t begin, size_t end, unsigned worker) {
    const TokenizedText* tokens = nullptr;
    uint32_t current = 0;
    for (size_t i = begin; i < end; ++i) {
      const TermRequest& r = requests[order[i]];
      if (tokens == nullptr || r.doc != current) {
        tokens = &source.get(r.doc, text_at(texts, r.doc), worker);
        current = r.doc;
      }
      out[order[i]] = term_string(text_at(texts, r.doc), *tokens, r.first, r.surface);
    }
  });
  return out;
}

// Keys found in more than max_df of the documents of some language-like community
// (vector/internal/df_communities.h); all false when the corpus forms a single community.
template <typename KeyOf>
std::vector<char> common_in_a_community(const std::vector<std::vector<Entry>>& doc_terms,
                                        const detail::FlatMap64& key_index, const KeyOf& key_of,
                                        const std::vector<KeyStats>& stats, double max_df,
                                        size_t& num_communities) {
  const size_t n = doc_terms.size();
  std::vector<uint64_t> offsets(n + 1, 0);
  for (size_t d = 0; d < n; ++d) offsets[d + 1] = offsets[d] + doc_terms[d].size();
  std::vector<uint32_t> keys(offsets[n]);
  for (size_t d = 0; d < n; ++d)
    for (size_t j = 0; j < doc_terms[d].size(); ++j)
      keys[offsets[d] + j] = *key_index.find(key_of(doc_terms[d][j].hash));
  std::vector<uint32_t> df(stats.size());
  for (size_t i = 0; i < stats.size(); ++i) df[i] = stats[i].df;
  const std::vector<int32_t> community =
      detail::document_communities(offsets, keys, df, {}, &num_communities);
  std::vector<char> too_common(stats.size(), 0);
  std::vector<uint32_t> count(stats.size(), 0);
  std::vector<uint32_t> touched;
  for (size_t c = 0; c < num_communities; ++c) {
    size_t size = 0;
    touched.clear();
    for (size_t d = 0; d < n; ++d) {
      if (community[d] != static_cast<int32_t>(c)) continue;
      ++size;
      for (uint64_t p = offsets[d]; p < offsets[d + 1]; ++p)
        if (count[keys[p]]++ == 0) touched.push_back(keys[p]);  // keys of a document are distinct
    }
    const double limit = max_df * static_cast<double>(size);
    for (uint32_t k : touched) {
      if (count[k] > limit) too_common[k] = 1;
      count[k] = 0;
    }
  }
  return too_common;
}

Status check_options(std::span<const std::string_view> texts, size_t num_docs,
                     const TfidfOptions& opt) {
  if (opt.ngram != 1 && opt.ngram != 2)
    return Status::InvalidArgument("tfidf: ngram must be 1 or 2, got " + std::to_string(opt.ngram));
  if (!(opt.min_df >= 0) || !(opt.max_df > 0))
    return Status::InvalidArgument("tfidf: min_df must be >= 0 and max_df > 0");
  if (opt.hash_bits > 30)
    return Status::InvalidArgument("tfidf: hash_bits must be at most 30, got " +
                                   std::to_string(opt.hash_bits));
  if (!texts.empty() && texts.size() != num_docs)
    return Status::InvalidArgument("tfidf: " + std::to_string(texts.size()) + " texts but " +
                                   std::to_string(num_docs) + " token lists");
  if (num_docs >= std::numeric_limits<int32_t>::max())
    return Status::InvalidArgument("tfidf: too many documents");
  return Status::Ok();
}

Result<TfidfMatrix> build(std::span<const std::string_view> texts, size_t n, TokenSource& source,
                          const TfidfOptions& opt) {
  const size_t num_chunks = (n + kChunk - 1) / kChunk;
  auto text_of = [&](size_t d) { return text_at(texts, d); };
  const unsigned threads = worker_count(opt);

  // 1. Distinct terms per document (parallel).
  std::vector<std::vector<Entry>> doc_terms(n);
  std::vector<std::vector<Variant>> chunk_variants(num_chunks);
  {
    std::vector<TermTable> scratch(threads);
    parallel_for(n, threads, kChunk, [&](size_t begin, size_t end, unsigned worker) {
      auto& variants = chunk_variants[begin / kChunk];
      for (size_t d = begin; d < end; ++d)
        collect_terms(text_of(d), source.get(d, text_of(d), worker), opt, static_cast<uint32_t>(d),
                      scratch[worker], doc_terms[d], variants);
    });
  }

  // 2. Document frequencies, in document order (the bucket vote depends on order).
  const bool hashing = opt.hash_bits > 0;
  auto key_of = [&](uint64_t h) {
    return hashing ? (h >> (64 - opt.hash_bits)) + 1 : detail::term_key(h);
  };
  detail::FlatMap64 key_index(1 << 16);
  std::vector<KeyStats> stats;
  for (size_t d = 0; d < n; ++d) {
    for (const Entry& e : doc_terms[d]) {
      bool inserted;
      const uint32_t idx =
          key_index.find_or_insert(key_of(e.hash), static_cast<uint32_t>(stats.size()), inserted);
      if (inserted) stats.emplace_back();
      KeyStats& s = stats[idx];
      if (s.last_doc != d) {
        ++s.df;
        s.last_doc = static_cast<uint32_t>(d);
      }
      s.total += e.count;
      if (s.votes > 0 && s.cand == e.hash) {
        s.votes += e.count;
      } else if (s.votes >= e.count) {
        s.votes -= e.count;
      } else {
        s.votes = e.count - s.votes;
        s.cand = e.hash;
        s.cand_doc = static_cast<uint32_t>(d);
        s.cand_first = e.first;
      }
    }
  }

  // 3. Prune by document frequency (scikit-learn's rule) and max_features.
  const double min_count = opt.min_df >= 1 ? opt.min_df : opt.min_df * static_cast<double>(n);
  const double max_count = opt.max_df <= 1 ? opt.max_df * static_cast<double>(n) : opt.max_df;
  if (max_count < min_count)
    return Status::InvalidArgument("tfidf: max_df corresponds to fewer documents than min_df (" +
                                   std::to_string(max_count) + " < " + std::to_string(min_count) +
                                   " of " + std::to_string(n) + " documents)");
  size_t num_communities = 0;
  const std::vector<char> too_common =
      opt.max_df_per_community && opt.max_df <= 1
          ? common_in_a_community(doc_terms, key_index, key_of, stats, opt.max_df, num_communities)
          : std::vector<char>(stats.size(), 0);
  std::vector<uint32_t> kept;
  for (uint32_t i = 0; i < stats.size(); ++i)
    if (stats[i].df >= min_count && stats[i].df <= max_count && !too_common[i]) kept.push_back(i);
  if (opt.max_features > 0 && kept.size() > opt.max_features) {
    auto by_count = [&](uint32_t a, uint32_t b) {
      if (stats[a].total != stats[b].total) return stats[a].total > stats[b].total;
      return stats[a].cand < stats[b].cand;
    };
    std::nth_element(kept.begin(), kept.begin() + opt.max_features, kept.end(), by_count);
    kept.resize(opt.max_features);
  }
  if (kept.empty())
    return Status::InvalidInput("tfidf: no terms remain after pruning by min_df/max_df (" +
                                std::to_string(n) + " documents)");

  TfidfMatrix m;
  m.num_communities = num_communities;
  const size_t vocab = kept.size();
  {
    std::vector<TermRequest> requests;
    requests.reserve(vocab);
    for (uint32_t i : kept) requests.push_back({stats[i].cand_doc, stats[i].cand_first, false});
    std::vector<std::string> forms = term_strings(requests, texts, source, threads);
    std::vector<std::pair<std::string, uint32_t>> named;
    named.reserve(vocab);
    for (size_t j = 0; j < vocab; ++j) named.emplace_back(std::move(forms[j]), kept[j]);
    if (!hashing) std::sort(named.begin(), named.end());
    // With hashing, `kept` is in first-seen order; order columns by bucket instead.
    if (hashing) {
      std::vector<std::pair<uint64_t, size_t>> order;
      for (size_t j = 0; j < named.size(); ++j)
        order.emplace_back(key_of(stats[named[j].second].cand), j);
      std::sort(order.begin(), order.end());
      std::vector<std::pair<std::string, uint32_t>> sorted;
      for (auto& [key, j] : order) sorted.push_back(std::move(named[j]));
      named.swap(sorted);
    }
    m.terms.reserve(vocab);
    for (size_t j = 0; j < vocab; ++j) {
      m.terms.push_back(std::move(named[j].first));
      kept[j] = named[j].second;
    }
  }
  std::vector<int32_t> col_of(stats.size(), -1);
  m.df.resize(vocab);
  m.idf.resize(vocab);
  for (size_t j = 0; j < vocab; ++j) {
    col_of[kept[j]] = static_cast<int32_t>(j);
    const double df = stats[kept[j]].df;
    const double nd = static_cast<double>(n);
    m.df[j] = stats[kept[j]].df;
    m.idf[j] = static_cast<float>(opt.smooth_idf ? std::log((1 + nd) / (1 + df)) + 1
                                                 : std::log(nd / df) + 1);
  }

  // 4. Most frequent spelling of each column's term.
  m.surface = m.terms;
  if (!texts.empty()) {
    std::vector<uint64_t> rep_total(vocab, 0);
    if (!hashing) {
      for (size_t j = 0; j < vocab; ++j) rep_total[j] = stats[kept[j]].total;
    } else {
      for (size_t d = 0; d < n; ++d)
        for (const Entry& e : doc_terms[d]) {
          const uint32_t* idx = key_index.find(key_of(e.hash));
          if (col_of[*idx] >= 0 && stats[*idx].cand == e.hash) rep_total[col_of[*idx]] += e.count;
        }
    }
    struct VariantCount {
      int32_t col;
      uint32_t count;
      uint32_t doc;
      uint32_t first;
    };
    std::vector<VariantCount> counts;
    detail::FlatMap64 variant_index(1024);
    for (const auto& chunk : chunk_variants)
      for (const Variant& v : chunk) {
        const uint32_t* idx = key_index.find(key_of(v.hash));
        if (idx == nullptr || col_of[*idx] < 0 || stats[*idx].cand != v.hash) continue;
        const int32_t col = col_of[*idx];
        bool inserted;
        const uint32_t vi = variant_index.find_or_insert(
            detail::term_key(hash_str(
                std::string_view(reinterpret_cast<const char*>(&col), sizeof col), v.surface_hash)),
            static_cast<uint32_t>(counts.size()), inserted);
        if (inserted) counts.push_back({col, 0, v.doc, v.first});
        ++counts[vi].count;
      }
    std::vector<TermRequest> requests;
    requests.reserve(counts.size());
    for (const VariantCount& c : counts) requests.push_back({c.doc, c.first, true});
    std::vector<std::string> spellings = term_strings(requests, texts, source, threads);
    std::vector<uint64_t> variant_total(vocab, 0);
    std::vector<int64_t> best(vocab, -1);
    std::vector<std::string> best_string(vocab);
    for (size_t vi = 0; vi < counts.size(); ++vi) {
      const VariantCount& c = counts[vi];
      variant_total[c.col] += c.count;
      std::string& s = spellings[vi];
      const int64_t b = best[c.col];
      if (b < 0 || c.count > counts[b].count ||
          (c.count == counts[b].count && s < best_string[c.col])) {
        best[c.col] = static_cast<int64_t>(vi);
        best_string[c.col] = std::move(s);
      }
    }
    for (size_t j = 0; j < vocab; ++j) {
      if (best[j] < 0) continue;
      const uint64_t as_normalised = rep_total[j] - std::min(rep_total[j], variant_total[j]);
      if (counts[best[j]].count > as_normalised) m.surface[j] = std::move(best_string[j]);
    }
  }

  // 5. The matrix: columns and counts per chunk (parallel), then offsets and weights.
  struct ChunkCells {
    std::vector<int32_t> cols;
    std::vector<uint32_t> counts;
  };
  std::vector<ChunkCells> cells(num_chunks);
  std::vector<int64_t> row_nnz(n + 1, 0);
  parallel_for(n, threads, kChunk, [&](size_t begin, size_t end, unsigned) {
    ChunkCells& out = cells[begin / kChunk];
    std::vector<std::pair<int32_t, uint32_t>> row;
    for (size_t d = begin; d < end; ++d) {
      row.clear();
      for (const Entry& e : doc_terms[d]) {
        const int32_t col = col_of[*key_index.find(key_of(e.hash))];
        if (col >= 0) row.emplace_back(col, e.count);
      }
      std::sort(row.begin(), row.end());
      size_t len = 0;
      for (size_t i = 0; i < row.size(); ++i) {
        if (len > 0 && out.cols.back() == row[i].first) {
          out.counts.back() += row[i].second;  // two terms hashed into one bucket
          continue;
        }
        out.cols.push_back(row[i].first);
        out.counts.push_back(row[i].second);
        ++len;
      }
      row_nnz[d + 1] = static_cast<int64_t>(len);
    }
  });
  for (size_t d = 0; d < n; ++d) row_nnz[d + 1] += row_nnz[d];
  const int64_t nnz = row_nnz[n];
  if (nnz >= std::numeric_limits<int32_t>::max())
    return Status::ResourceExhausted("tfidf: more than 2^31 non-zero weights");
  doc_terms = {};
  m.rows.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(vocab));
  m.rows.resizeNonZeros(static_cast<Eigen::Index>(nnz));
  m.counts.resize(static_cast<size_t>(nnz));
  int32_t* outer = m.rows.outerIndexPtr();
  int32_t* inner = m.rows.innerIndexPtr();
  float* values = m.rows.valuePtr();
  for (size_t d = 0; d <= n; ++d) outer[d] = static_cast<int32_t>(row_nnz[d]);
  parallel_for(n, threads, kChunk, [&](size_t begin, size_t, unsigned) {
    const ChunkCells& in = cells[begin / kChunk];
    const size_t end = std::min(n, begin + kChunk);
    size_t k = 0;
    std::vector<double> weight;  // the row's unscaled weights (one log per value)
    for (size_t d = begin; d < end; ++d) {
      double norm2 = 0;
      weight.clear();
      for (int32_t p = outer[d]; p < outer[d + 1]; ++p, ++k) {
        inner[p] = in.cols[k];
        m.counts[p] = static_cast<float>(in.counts[k]);
        const double tf = opt.sublinear_tf ? 1 + std::log(static_cast<double>(in.counts[k]))
                                           : static_cast<double>(in.counts[k]);
        const double w = tf * m.idf[in.cols[k]];
        weight.push_back(w);
        norm2 += w * w;
      }
      const double scale = norm2 > 0 ? 1 / std::sqrt(norm2) : 1.0;
      for (int32_t p = outer[d]; p < outer[d + 1]; ++p)
        values[p] = static_cast<float>(weight[static_cast<size_t>(p - outer[d])] * scale);
    }
  });
  return m;
}

}  // namespace

Result<TfidfMatrix> build_tfidf(std::span<const std::string_view> texts,
                                std::span<const TokenizedText> tokens, const TfidfOptions& opt) {
  DOCSIFT_RETURN_IF_ERROR(check_options(texts, tokens.size(), opt));
  TokenSource source(tokens);
  return build(texts, tokens.size(), source, opt);
}

Result<TfidfMatrix> build_tfidf(std::span<const std::string_view> texts,
                                const NormalizeOptions& normalize, const TfidfOptions& opt) {
  DOCSIFT_RETURN_IF_ERROR(check_options(texts, texts.size(), opt));
  TokenSource source(normalize, worker_count(opt));
  return build(texts, texts.size(), source, opt);
}

}  // namespace docsift
