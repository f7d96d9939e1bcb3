#include "vector/cluster_labels.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/parallel.h"
#include "text/link_spans.h"

namespace docsift {
namespace {

// Whether two terms (one word, or "w1 w2") share a word.
bool share_word(std::string_view a, std::string_view b) {
  auto split = [](std::string_view t, std::string_view out[2]) {
    const size_t space = t.find(' ');
    out[0] = t.substr(0, space);
    out[1] = space == std::string_view::npos ? std::string_view() : t.substr(space + 1);
  };
  std::string_view wa[2], wb[2];
  split(a, wa);
  split(b, wb);
  for (auto x : wa)
    for (auto y : wb)
      if (!x.empty() && x == y) return true;
  return false;
}

using Bits = std::vector<uint64_t>;  // presence over the sampled members of one cluster

size_t popcount(const Bits& b) {
  size_t n = 0;
  for (uint64_t w : b) n += static_cast<size_t>(std::popcount(w));
  return n;
}

// Phi coefficient (Pearson correlation) of two presence vectors over n sampled members, clipped
// at 0: 1 for terms always found together, 0 for independent ones, and 0 when either is in every
// member (two words found everywhere are not redundant, just common).
double phi(const Bits& a, const Bits& b, size_t n) {
  size_t both = 0;
  for (size_t i = 0; i < a.size(); ++i) both += static_cast<size_t>(std::popcount(a[i] & b[i]));
  const double na = static_cast<double>(popcount(a)), nb = static_cast<double>(popcount(b));
  const double nn = static_cast<double>(n);
  const double var = na * (nn - na) * nb * (nn - nb);
  if (var <= 0) return 0;
  return std::max(0.0, (nn * static_cast<double>(both) - na * nb) / std::sqrt(var));
}

// The scored c-TF-IDF candidates of one cluster, best first.
struct Scored {
  std::vector<int32_t> cols;
  std::vector<double> scores;
};

struct Candidate {
  std::string term, surface;
  double score = 0;
  bool own = false;  // the cluster where this column scores best
  Bits docs;
};

// A word pair seen in a cluster's sample.
struct PairStats {
  uint32_t count = 0;
  uint32_t docs = 0;  // sampled members holding it
  uint32_t last_doc = UINT32_MAX;
};

uint64_t pair_key(int32_t a, int32_t b) {
  return static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32 | static_cast<uint32_t>(b);
}

// Picks up to `limit` candidates by maximal marginal relevance, own candidates first.
std::vector<size_t> mmr_select(const std::vector<Candidate>& cands, size_t limit, double lambda,
                               size_t num_sampled) {
  double top = 0;
  for (const Candidate& c : cands) top = std::max(top, c.score);
  std::vector<size_t> chosen;
  std::vector<char> taken(cands.size(), 0);
  for (int pass = 0; pass < 2; ++pass) {
    while (chosen.size() < limit) {
      size_t best = cands.size();
      double best_value = 0;
      for (size_t i = 0; i < cands.size(); ++i) {
        if (taken[i] || cands[i].own != (pass == 0)) continue;
        double redundancy = 0;
        bool overlaps = false;
        for (size_t j : chosen) {
          overlaps = overlaps || share_word(cands[i].term, cands[j].term);
          redundancy = std::max(redundancy, phi(cands[i].docs, cands[j].docs, num_sampled));
        }
        if (overlaps) continue;
        const double value =
            lambda * (top > 0 ? cands[i].score / top : 0) - (1 - lambda) * redundancy;
        if (best == cands.size() || value > best_value) {
          best = i;
          best_value = value;
        }
      }
      if (best == cands.size()) break;
      taken[best] = 1;
      chosen.push_back(best);
    }
  }
  return chosen;
}

// Whether column j may be a label or part of one: none of its words (as written or normalised)
// is a link part, handle or hash-like (text/link_spans.h).
bool labelable(const TfidfMatrix& m, size_t j) {
  for (const std::string* s : {&m.surface[j], &m.terms[j]}) {
    std::string_view rest = *s;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      if (is_link_like_word(rest.substr(0, space))) return false;
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
  }
  return true;
}

}  // namespace

std::vector<ClusterTerms> cluster_labels(const TfidfMatrix& m,
                                         std::span<const std::string_view> texts,
                                         std::span<const TokenizedText> tokens,
                                         const NormalizeOptions& normalize,
                                         std::span<const int32_t> assignment, size_t k,
                                         const LabelOptions& opt) {
  const size_t n = static_cast<size_t>(m.rows.rows());
  const size_t vocab = static_cast<size_t>(m.rows.cols());
  DOCSIFT_ASSERT(assignment.size() == n);
  DOCSIFT_ASSERT(texts.empty() || texts.size() == n);
  DOCSIFT_ASSERT(tokens.empty() || tokens.size() == n);
  const int32_t* outer = m.rows.outerIndexPtr();
  const int32_t* inner = m.rows.innerIndexPtr();

  std::vector<double> corpus_count(vocab, 0);
  double total = 0;
  for (size_t p = 0; p < m.counts.size(); ++p) {
    corpus_count[static_cast<size_t>(inner[p])] += m.counts[p];
    total += m.counts[p];
  }
  const double avg_per_cluster = total / static_cast<double>(std::max<size_t>(k, 1));
  // Links, handles and hash-like ids name a post's source, never its topic: not candidates, and
  // not halves of phrases.
  std::vector<char> allowed(vocab);
  parallel_for(vocab, opt.threads, 4096, [&](size_t begin, size_t end, unsigned) {
    for (size_t j = begin; j < end; ++j) allowed[j] = labelable(m, j);
  });

  std::vector<std::vector<size_t>> members(k);
  for (size_t i = 0; i < n; ++i)
    if (assignment[i] >= 0) members[static_cast<size_t>(assignment[i])].push_back(i);

  // 1. c-TF-IDF candidates per cluster: a few more than needed, for MMR and for the clusters
  // where a term scores better.
  const size_t num_candidates = opt.num_labels * 4 + 8;
  std::vector<Scored> scored(k);
  parallel_for(k, opt.threads, 1, [&](size_t begin, size_t end, unsigned) {
    std::vector<double> tf(vocab);
    std::vector<uint32_t> df(vocab);
    std::vector<int32_t> touched;
    std::vector<std::pair<double, int32_t>> weights;
    for (size_t c = begin; c < end; ++c) {
      touched.clear();
      for (size_t row : members[c])
        for (int32_t p = outer[row]; p < outer[row + 1]; ++p) {  // columns of a row are distinct
          if (tf[inner[p]] == 0) touched.push_back(inner[p]);
          tf[inner[p]] += m.counts[p];
          ++df[inner[p]];
        }
      weights.clear();
      double sum = 0;
      for (int32_t t : touched) {
        const double f = corpus_count[t];
        const double idf = std::log(1 + avg_per_cluster / f);
        const double precision = df[t] / static_cast<double>(m.df[t]);
        const double w = std::sqrt(tf[t]) * idf * precision;
        tf[t] = 0;
        df[t] = 0;
        if (w <= 0 || !allowed[t]) continue;
        weights.emplace_back(w, t);
        sum += w;
      }
      auto better = [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      };
      const size_t keep = std::min(num_candidates, weights.size());
      std::partial_sort(weights.begin(), weights.begin() + keep, weights.end(), better);
      for (size_t i = 0; i < keep; ++i) {
        scored[c].cols.push_back(weights[i].second);
        scored[c].scores.push_back(weights[i].first / sum);
      }
    }
  });
  // Each column is offered first to the cluster where it scores best (ties: lowest cluster).
  std::vector<double> best_score(vocab, -1);
  std::vector<size_t> best_cluster(vocab, 0);
  for (size_t c = 0; c < k; ++c)
    for (size_t r = 0; r < scored[c].cols.size(); ++r) {
      const auto col = static_cast<size_t>(scored[c].cols[r]);
      if (scored[c].scores[r] > best_score[col]) {
        best_score[col] = scored[c].scores[r];
        best_cluster[col] = c;
      }
    }

  // 2-3. Phrases and MMR over an evenly spaced sample of each cluster's members.
  const bool phrases = opt.phrase_sample > 0 && !texts.empty();
  const size_t sample_limit = opt.phrase_sample > 0 ? opt.phrase_sample : 100;
  std::unordered_map<std::string_view, int32_t> column_of;
  if (phrases) {
    column_of.reserve(vocab);
    for (size_t j = 0; j < vocab; ++j)
      if (allowed[j] && m.terms[j].find(' ') == std::string::npos)
        column_of.emplace(m.terms[j], static_cast<int32_t>(j));
  }
  const unsigned workers = opt.threads ? opt.threads : hardware_threads();
  std::vector<std::unique_ptr<Tokenizer>> tokenizers(workers);
  std::vector<ClusterTerms> labels(k);
  parallel_for(k, opt.threads, 1, [&](size_t begin, size_t end, unsigned worker) {
    std::vector<TokenizedText> scratch;                         // the sample's tokens
    std::vector<uint32_t> token_count(phrases ? vocab : 0, 0);  // in the sample's token stream
    std::vector<int32_t> counted;
    std::unordered_map<uint64_t, PairStats> pairs;
    for (size_t c = begin; c < end; ++c) {
      const size_t size = members[c].size();
      const size_t num_sampled = std::min(size, sample_limit);
      const size_t words = (num_sampled + 63) / 64;
      std::vector<Candidate> cands(scored[c].cols.size());
      std::unordered_map<int32_t, size_t> cand_of;
      for (size_t r = 0; r < cands.size(); ++r) {
        const auto col = static_cast<size_t>(scored[c].cols[r]);
        cands[r] = {m.terms[col], m.surface[col], scored[c].scores[r], best_cluster[col] == c,
                    Bits(words, 0)};
        cand_of.emplace(scored[c].cols[r], r);
      }
      auto sampled_row = [&](size_t s) { return members[c][s * size / num_sampled]; };
      for (size_t s = 0; s < num_sampled; ++s) {
        const size_t row = sampled_row(s);
        for (int32_t p = outer[row]; p < outer[row + 1]; ++p) {
          auto it = cand_of.find(inner[p]);
          if (it == cand_of.end()) continue;
          cands[it->second].docs[s / 64] |= uint64_t{1} << (s % 64);
        }
      }
      if (phrases) {
        // Pass 1: pair counts over the sample's tokens (both words TF-IDF terms, one a candidate).
        if (tokens.empty() && scratch.size() < num_sampled) scratch.resize(num_sampled);
        auto tokens_of = [&](size_t s) -> const TokenizedText& {
          return tokens.empty() ? scratch[s] : tokens[sampled_row(s)];
        };
        if (tokens.empty()) {
          if (!tokenizers[worker]) tokenizers[worker] = std::make_unique<Tokenizer>(normalize);
          for (size_t s = 0; s < num_sampled; ++s)
            tokenizers[worker]->tokenize(texts[sampled_row(s)], scratch[s]);
        }
        pairs.clear();
        size_t sample_tokens = 0;
        std::vector<std::vector<int32_t>> cols(num_sampled);  // column of each token (-1: none)
        for (size_t s = 0; s < num_sampled; ++s) {
          const TokenizedText& t = tokens_of(s);
          cols[s].resize(t.size());
          int32_t prev = -1;
          for (size_t i = 0; i < t.size(); ++i) {
            auto it = column_of.find(t.norm(i));
            const int32_t col = it == column_of.end() ? -1 : it->second;
            cols[s][i] = col;
            if (col >= 0) {
              if (token_count[col]++ == 0) counted.push_back(col);
              ++sample_tokens;
            }
            if (prev >= 0 && col >= 0 && prev != col &&
                (cand_of.count(prev) || cand_of.count(col))) {
              PairStats& ps = pairs[pair_key(prev, col)];
              ++ps.count;
              if (ps.last_doc != s) {
                ++ps.docs;
                ps.last_doc = static_cast<uint32_t>(s);
              }
            }
            prev = col;
          }
        }
        // A word mostly written in one frequent pair is labelled by the pair: its most frequent
        // pair (ties: smallest key) must pass every threshold of the header.
        std::vector<uint64_t> best(cands.size(), 0);
        std::vector<const PairStats*> best_stats(cands.size(), nullptr);
        for (const auto& [key, ps] : pairs)
          for (int32_t col : {static_cast<int32_t>(key >> 32), static_cast<int32_t>(key)}) {
            auto it = cand_of.find(col);
            if (it == cand_of.end()) continue;
            const size_t r = it->second;
            if (best_stats[r] == nullptr || ps.count > best_stats[r]->count ||
                (ps.count == best_stats[r]->count && key < best[r])) {
              best[r] = key;
              best_stats[r] = &ps;
            }
          }
        std::unordered_map<uint64_t, std::vector<size_t>> chosen_pairs;  // key -> candidates
        for (size_t r = 0; r < cands.size(); ++r) {
          if (best_stats[r] == nullptr || cands[r].term.find(' ') != std::string::npos) continue;
          const PairStats& ps = *best_stats[r];
          const auto a = static_cast<int32_t>(best[r] >> 32), b = static_cast<int32_t>(best[r]);
          const double docs = ps.docs, count = ps.count;
          const double expected = static_cast<double>(token_count[a]) * token_count[b] /
                                  static_cast<double>(std::max<size_t>(sample_tokens, 1));
          if (count < opt.phrase_share * static_cast<double>(token_count[scored[c].cols[r]]) ||
              count < opt.phrase_min_lift * expected || docs < 5 ||
              docs < opt.phrase_min_docs * static_cast<double>(num_sampled))
            continue;
          chosen_pairs[best[r]].push_back(r);
        }
        // Pass 2, for the chosen pairs only: presence and the most frequent spelling.
        if (!chosen_pairs.empty()) {
          std::unordered_map<uint64_t, std::map<std::string, uint32_t>> spellings;
          std::unordered_map<uint64_t, Bits> presence;
          for (size_t s = 0; s < num_sampled; ++s) {
            const TokenizedText& t = tokens_of(s);
            const std::string_view text = texts[sampled_row(s)];
            for (size_t i = 1; i < t.size(); ++i) {
              if (cols[s][i - 1] < 0 || cols[s][i] < 0) continue;
              const uint64_t key = pair_key(cols[s][i - 1], cols[s][i]);
              if (!chosen_pairs.count(key)) continue;
              Bits& bits = presence[key];
              if (bits.empty()) bits.assign(words, 0);
              bits[s / 64] |= uint64_t{1} << (s % 64);
              const TokenSpan x = t.spans[i - 1], y = t.spans[i];
              std::string spelling(text.substr(x.begin, x.end - x.begin));
              spelling.push_back(' ');
              spelling.append(text.substr(y.begin, y.end - y.begin));
              ++spellings[key][spelling];
            }
          }
          for (const auto& [key, rs] : chosen_pairs) {
            std::string surface;
            uint32_t votes = 0;
            for (const auto& [spelling, times] : spellings[key])  // ties: first in byte order
              if (times > votes) {
                votes = times;
                surface = spelling;
              }
            for (size_t r : rs) {
              cands[r].term = m.terms[static_cast<size_t>(key >> 32)] + " " +
                              m.terms[static_cast<size_t>(static_cast<uint32_t>(key))];
              cands[r].surface = surface;
              cands[r].docs = presence[key];
            }
          }
        }
      }
      for (int32_t col : counted) token_count[col] = 0;
      counted.clear();
      std::vector<size_t> chosen = mmr_select(cands, opt.num_labels, opt.mmr_lambda, num_sampled);
      std::stable_sort(chosen.begin(), chosen.end(),
                       [&](size_t a, size_t b) { return cands[a].score > cands[b].score; });
      for (size_t i : chosen) {
        labels[c].terms.push_back(cands[i].term);
        labels[c].surface.push_back(cands[i].surface);
        labels[c].scores.push_back(cands[i].score);
      }
    }
  });
  return labels;
}

}  // namespace docsift
