// gen_corpus: writes a synthetic multilingual news corpus with planted duplicates and a
// ground-truth file, for testing and benchmarking docsift (and its peers) on known answers.
//
//   gen_corpus --docs 1000 --seed 7 --output news.jsonl --truth truth.jsonl
//   gen_corpus --bytes 1G --langs en,ru,kk --lang-weights 6,3,1 --output big.jsonl
//   gen_corpus --docs 20 --format text-dir --output reports/ --truth truth.jsonl
//   gen_corpus --bytes 100M --skew 10:0.5 --output skewed.jsonl   # 10 documents: half the bytes
//
// Each document is an original report, an exact duplicate of an earlier original (differing
// only in case, full-width letters, ligatures, whitespace or punctuation) or a near-duplicate
// (word substitutions/insertions/deletions at a target rate, maybe swapped paragraphs and an
// added or removed footer). Originals may carry planted passages: the lead repeated as two
// bullets, a paragraph repeated three times, standard boilerplate blocks and one-word variants
// of them; the truth file gives their byte offsets. Output is a pure function of the options:
// a document is regenerated from (seed, index) whenever a duplicate needs it, so memory stays
// flat however large the corpus.

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/assert.h"
#include "core/parallel.h"
#include "internal/corpus_text.h"
#include "io/json_writer.h"

namespace {

using namespace docsift::detail;
using docsift::append_json_number;
using docsift::append_json_string;

struct Options {
  uint64_t num_docs = 0;  // 0: use target_bytes
  uint64_t target_bytes = 0;
  uint64_t seed = 1;
  std::vector<std::string> langs = {"en", "ru", "kk"};
  std::vector<double> lang_weights;  // default: en 6, ru 3, kk 1
  double exact_frac = 0.05;
  double near_frac = 0.10;
  double near_edit_min = 0.005;  // ~0.95 word 5-shingle Jaccard
  double near_edit_max = 0.08;   // ~0.5
  PlanOptions plan;
  std::string output = "-";
  std::string format = "jsonl";
  std::string truth;
  unsigned threads = 0;  // 0: all cores; the output is the same for any value
  // --skew K:F: K documents (indices 0, kSkewStride, 2 kSkewStride, ...) hold about the fraction
  // F of target_bytes, each a chain of reports; they are originals that nothing copies.
  uint64_t skew_docs = 0;
  double skew_frac = 0;
};

constexpr uint64_t kSkewStride = 101;
constexpr uint64_t kSkewIndexBit = uint64_t{1} << 63;  // plan indices of a chain's extra reports

// "1G", "500M", "64k", "1000": binary multiples.
std::optional<uint64_t> parse_size(const std::string& s) {
  if (s.empty()) return std::nullopt;
  size_t pos = 0;
  uint64_t value = 0;
  try {
    value = std::stoull(s, &pos);
  } catch (...) {
    return std::nullopt;
  }
  std::string suffix = s.substr(pos);
  if (!suffix.empty() && (suffix.back() == 'B' || suffix.back() == 'b')) suffix.pop_back();
  if (suffix.empty()) return value;
  if (suffix.size() != 1) return std::nullopt;
  switch (suffix[0]) {
    case 'k':
    case 'K':
      return value << 10;
    case 'm':
    case 'M':
      return value << 20;
    case 'g':
    case 'G':
      return value << 30;
    default:
      return std::nullopt;
  }
}

struct Passage {
  size_t start = 0, end = 0;
  std::string_view kind;
  std::string_view block;  // boilerplate label, empty otherwise
  bool has_source = false;
  size_t source_start = 0, source_end = 0;
};

// Renders a plan piece by piece; each piece goes through the exact-duplicate transform (if
// any) on its own, so the byte range of every piece in the output is known.
class Renderer {
 public:
  Renderer(std::string& text, std::vector<Passage>& passages, ExactTransform* transform)
      : text_(text), passages_(passages), transform_(transform) {}

  std::pair<size_t, size_t> add(std::string_view piece) {
    const size_t start = text_.size();
    if (transform_) {
      transform_->apply(piece, text_);
    } else {
      text_.append(piece);
    }
    return {start, text_.size()};
  }

  void render(const ReportPlan& plan, const ReportWriter& writer) {
    add(plan.title);
    add("\n");
    if (!plan.date.empty()) {
      add(plan.date);
      add("\n");
    }
    add("\n");
    const std::string& lead = plan.paras[0];
    std::string_view part1 = lead, part2;
    std::pair<size_t, size_t> span1, span2;
    if (plan.bullets) {
      const size_t cut = split_point(lead);
      part1 = std::string_view(lead).substr(0, cut);
      part2 = std::string_view(lead).substr(cut + 1);
      span1 = add(part1);
      add(" ");
      span2 = add(part2);
    } else {
      add(lead);
    }
    std::pair<size_t, size_t> repeat_span{};
    for (int p = 1; p < static_cast<int>(plan.paras.size()); ++p) {
      add("\n\n");
      const auto span = add(plan.paras[p]);
      if (p == plan.repeat_para) repeat_span = span;
      if (plan.repeat_para < 0) continue;
      for (int after : plan.repeat_after) {
        if (after != p) continue;
        add("\n\n");
        const auto copy = add(plan.paras[plan.repeat_para]);
        passages_.push_back({copy.first,
                             copy.second,
                             "within-repeat",
                             {},
                             true,
                             repeat_span.first,
                             repeat_span.second});
      }
    }
    if (plan.bullets) {
      add("\n\n  \u2022 ");
      const auto b1 = add(part1);
      add("\n  \u2022 ");
      const auto b2 = add(part2);
      passages_.push_back(
          {b1.first, b1.second, "bullet-repeat", {}, true, span1.first, span1.second});
      passages_.push_back(
          {b2.first, b2.second, "bullet-repeat", {}, true, span2.first, span2.second});
    }
    for (const Block& block : plan.blocks) {
      add("\n\n");
      const auto span = add(block.text);
      passages_.push_back({span.first, span.second, block.near ? "near-boilerplate" : "boilerplate",
                           writer.source().boilerplate_names[block.index], false, 0, 0});
    }
  }

 private:
  // The ". " closest to the middle of the lead: the bullets are its two halves.
  static size_t split_point(std::string_view lead) {
    size_t best = std::string_view::npos;
    const size_t mid = lead.size() / 2;
    for (size_t pos = lead.find(". "); pos != std::string_view::npos;
         pos = lead.find(". ", pos + 1)) {
      const size_t dist = pos > mid ? pos - mid : mid - pos;
      const size_t best_dist =
          best == std::string_view::npos ? SIZE_MAX : (best > mid ? best - mid : mid - best);
      if (dist < best_dist) best = pos + 1;  // cut after the '.', the space is dropped
    }
    if (best == std::string_view::npos) best = lead.rfind(' ');  // a lead with one sentence
    DOCSIFT_ASSERT(best != std::string_view::npos);
    return best;
  }

  std::string& text_;
  std::vector<Passage>& passages_;
  ExactTransform* transform_;
};

class Output {
 public:
  ~Output() { close(); }
  bool open(const std::string& path) {
    file_ = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
    owned_ = path != "-";
    return file_ != nullptr;
  }
  std::string& buffer() { return buffer_; }
  bool maybe_flush() { return buffer_.size() < (4u << 20) || flush(); }
  bool flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      return false;
    buffer_.clear();
    return true;
  }
  bool close() {
    bool ok = flush();
    if (file_ && owned_) ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    return ok;
  }

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::string buffer_;
};

std::string doc_id(uint64_t index, bool text_dir) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "doc-%06llu%s", static_cast<unsigned long long>(index + 1),
                text_dir ? ".txt" : "");
  return buf;
}

int run(const Options& opt) {
  const bool text_dir = opt.format == "text-dir";
  std::vector<Language> langs;
  for (const std::string& code : opt.langs) {
    if (code == "en")
      langs.push_back(Language::kEnglish);
    else if (code == "ru")
      langs.push_back(Language::kRussian);
    else if (code == "kk")
      langs.push_back(Language::kKazakh);
    else {
      std::fprintf(stderr, "gen_corpus: unknown language '%s' (use en, ru, kk)\n", code.c_str());
      return 2;
    }
  }
  std::vector<double> weights = opt.lang_weights;
  if (weights.empty()) {
    for (Language l : langs)
      weights.push_back(l == Language::kEnglish ? 6 : l == Language::kRussian ? 3 : 1);
  }
  if (weights.size() != langs.size()) {
    std::fprintf(stderr, "gen_corpus: --lang-weights has %zu values for %zu languages\n",
                 weights.size(), langs.size());
    return 2;
  }
  std::vector<double> cum;
  double total = 0;
  for (double w : weights) {
    if (!(w >= 0)) {
      std::fprintf(stderr, "gen_corpus: negative language weight %g\n", w);
      return 2;
    }
    cum.push_back(total += w);
  }
  if (total <= 0) {
    std::fprintf(stderr, "gen_corpus: language weights sum to zero\n");
    return 2;
  }
  if (opt.exact_frac + opt.near_frac > 1 || opt.near_edit_min > opt.near_edit_max ||
      opt.plan.min_words > opt.plan.max_words || opt.plan.min_words < 20) {
    std::fprintf(stderr,
                 "gen_corpus: need exact-frac + near-frac <= 1, near-edit-min <= near-edit-max, "
                 "20 <= min-words <= max-words\n");
    return 2;
  }

  std::vector<ReportWriter> writers;
  for (int l = 0; l < kNumLanguages; ++l) writers.emplace_back(static_cast<Language>(l));

  Output out, truth;
  if (text_dir) {
    std::error_code ec;
    std::filesystem::create_directories(opt.output, ec);
    if (ec) {
      std::fprintf(stderr, "gen_corpus: cannot create %s: %s\n", opt.output.c_str(),
                   ec.message().c_str());
      return 1;
    }
  } else if (!out.open(opt.output)) {
    std::fprintf(stderr, "gen_corpus: cannot write %s\n", opt.output.c_str());
    return 1;
  }
  const bool want_truth = !opt.truth.empty();
  if (want_truth && !truth.open(opt.truth)) {
    std::fprintf(stderr, "gen_corpus: cannot write %s\n", opt.truth.c_str());
    return 1;
  }

  auto plan_of = [&](uint64_t index) {
    Rng rng(derive_seed(opt.seed, index, kPlanSalt));
    const double u = rng.uniform() * total;
    size_t l = 0;
    while (l + 1 < cum.size() && u >= cum[l]) ++l;
    return writers[static_cast<int>(langs[l])].plan(rng, opt.plan);
  };

  // Documents are made in batches: kinds and sources are drawn in order (cheap, and the only
  // sequential dependency), the texts in parallel, and the results appended in order, so the
  // output does not depend on the thread count.
  struct Job {
    uint64_t index = 0, source = 0;
    int kind = 0;  // 0 original, 1 exact, 2 near
  };
  struct Made {
    std::string id, text, truth;
    uint64_t passage_counts[4] = {0, 0, 0, 0};
  };
  const uint64_t large_bytes =
      opt.skew_docs ? static_cast<uint64_t>(opt.skew_frac * static_cast<double>(opt.target_bytes) /
                                            static_cast<double>(opt.skew_docs))
                    : 0;
  auto is_large = [&](uint64_t index) {
    return opt.skew_docs && index % kSkewStride == 0 && index / kSkewStride < opt.skew_docs;
  };
  auto make = [&](const Job& job, Made& made) {
    static constexpr std::string_view kKinds[3] = {"original", "exact", "near"};
    ReportPlan plan = plan_of(job.source);
    const ReportWriter& writer = writers[static_cast<int>(plan.lang)];
    std::string& text = made.text;
    std::vector<Passage> passages;
    std::optional<ExactTransform> transform;
    std::optional<NearEdits> edits;
    double near_jaccard = 0;
    if (job.kind == 1) transform.emplace(derive_seed(opt.seed, job.index, kExactSalt));
    std::string source_text;
    if (job.kind == 2) {
      if (want_truth) {
        std::vector<Passage> ignored;
        Renderer(source_text, ignored, nullptr).render(plan, writer);
      }
      Rng near_rng(derive_seed(opt.seed, job.index, kNearSalt));
      const double rate =
          opt.near_edit_min + near_rng.uniform() * (opt.near_edit_max - opt.near_edit_min);
      edits = edit_plan(writer, near_rng, rate, plan);
    }
    Renderer(text, passages, transform ? &*transform : nullptr).render(plan, writer);
    if (is_large(job.index)) {
      // A chain of further reports (the truth lists the first one's passages only).
      std::string extra;
      std::vector<Passage> ignored;
      for (uint64_t part = 1; text.size() < large_bytes; ++part) {
        const ReportPlan more = plan_of(kSkewIndexBit | (job.index << 24) | part);
        extra.clear();
        ignored.clear();
        Renderer(extra, ignored, nullptr).render(more, writers[static_cast<int>(more.lang)]);
        text += '\n';
        text += extra;
      }
    }
    made.id = doc_id(job.index, text_dir);
    if (!want_truth) return;
    if (job.kind == 2) near_jaccard = jaccard(word_shingles(source_text), word_shingles(text));

    std::string& tb = made.truth;
    tb += "{\"id\":";
    append_json_string(tb, made.id);
    tb += ",\"group\":" + std::to_string(job.source + 1) + ",\"kind\":\"";
    tb += kKinds[job.kind];
    tb += "\",\"source\":";
    if (job.kind) {
      append_json_string(tb, doc_id(job.source, text_dir));
    } else {
      tb += "null";
    }
    tb += ",\"lang\":\"";
    tb += writer.source().code;
    tb += "\",\"edit_rate\":";
    append_json_number(tb, edits ? edits->edit_rate : 0.0);
    if (transform) {
      tb += ",\"transforms\":[";
      bool first = true;
      for (size_t k = 0; k < kExactOpNames.size(); ++k) {
        if (!(transform->ops() & (1u << k))) continue;
        if (!first) tb += ',';
        first = false;
        tb += '"';
        tb += kExactOpNames[k];
        tb += '"';
      }
      tb += ']';
    }
    if (edits) {
      tb += ",\"jaccard\":";
      append_json_number(tb, near_jaccard);
      tb += ",\"ops\":{\"substitute\":" + std::to_string(edits->substitutions) +
            ",\"insert\":" + std::to_string(edits->insertions) +
            ",\"delete\":" + std::to_string(edits->deletions) +
            ",\"reorder\":" + (edits->reordered ? "true" : "false") + ",\"boilerplate\":\"";
      tb += edits->boilerplate;
      tb += "\"}";
    }
    tb += "}\n";
    for (const Passage& p : passages) {
      tb += "{\"passage\":{\"id\":";
      append_json_string(tb, made.id);
      tb += ",\"start\":" + std::to_string(p.start) + ",\"end\":" + std::to_string(p.end) +
            ",\"kind\":\"";
      tb += p.kind;
      tb += '"';
      if (p.has_source) {
        tb += ",\"source_start\":" + std::to_string(p.source_start) +
              ",\"source_end\":" + std::to_string(p.source_end);
      }
      if (!p.block.empty()) {
        tb += ",\"block\":\"";
        tb += p.block;
        tb += '"';
      }
      tb += "}}\n";
      const int pk = p.kind == "bullet-repeat"   ? 0
                     : p.kind == "within-repeat" ? 1
                     : p.kind == "boilerplate"   ? 2
                                                 : 3;
      ++made.passage_counts[pk];
    }
  };

  const auto t0 = std::chrono::steady_clock::now();
  constexpr size_t kBatch = 2048;
  std::vector<uint64_t> originals;
  std::vector<Job> jobs;
  std::vector<Made> made(kBatch);
  std::string path;
  uint64_t bytes = 0, counts[3] = {0, 0, 0}, passage_counts[4] = {0, 0, 0, 0};
  bool done = false;
  for (uint64_t next = 0; !done;) {
    jobs.clear();
    for (; jobs.size() < kBatch; ++next) {
      if (opt.num_docs && next >= opt.num_docs) break;
      Rng kind_rng(derive_seed(opt.seed, next, kKindSalt));
      const double u = kind_rng.uniform();
      Job job{next, next, 0};
      if (is_large(next)) {  // an original nothing copies
        jobs.push_back(job);
        continue;
      }
      if (!originals.empty())
        job.kind = u < opt.exact_frac ? 1 : u < opt.exact_frac + opt.near_frac ? 2 : 0;
      if (job.kind) {
        job.source = originals[kind_rng.below(
            static_cast<uint32_t>(std::min<size_t>(originals.size(), UINT32_MAX)))];
      } else {
        originals.push_back(next);
      }
      jobs.push_back(job);
    }
    if (jobs.empty()) break;
    docsift::parallel_for(jobs.size(), opt.threads, 16, [&](size_t begin, size_t end, unsigned) {
      for (size_t k = begin; k < end; ++k) {
        made[k] = Made{};
        make(jobs[k], made[k]);
      }
    });
    for (size_t k = 0; k < jobs.size(); ++k) {
      if (!opt.num_docs && bytes >= opt.target_bytes) {
        done = true;
        break;
      }
      const Made& m = made[k];
      if (text_dir) {
        path = opt.output + "/" + m.id;
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f || std::fwrite(m.text.data(), 1, m.text.size(), f) != m.text.size() ||
            std::fclose(f) != 0) {
          std::fprintf(stderr, "gen_corpus: cannot write %s\n", path.c_str());
          return 1;
        }
        bytes += m.text.size();
      } else {
        std::string& buf = out.buffer();
        const size_t before = buf.size();
        buf += "{\"id\":";
        append_json_string(buf, m.id);
        buf += ",\"text\":";
        append_json_string(buf, m.text);
        buf += "}\n";
        bytes += buf.size() - before;
        if (!out.maybe_flush()) {
          std::fprintf(stderr, "gen_corpus: write error on %s\n", opt.output.c_str());
          return 1;
        }
      }
      ++counts[jobs[k].kind];
      truth.buffer() += m.truth;
      for (int q = 0; q < 4; ++q) passage_counts[q] += m.passage_counts[q];
      if (want_truth && !truth.maybe_flush()) {
        std::fprintf(stderr, "gen_corpus: write error on %s\n", opt.truth.c_str());
        return 1;
      }
    }
  }
  if (!out.close() || !truth.close()) {
    std::fprintf(stderr, "gen_corpus: write error\n");
    return 1;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr,
               "gen_corpus: %llu documents (%llu original, %llu exact, %llu near), %.1f MB in "
               "%.2f s (%.0f MB/s)",
               static_cast<unsigned long long>(counts[0] + counts[1] + counts[2]),
               static_cast<unsigned long long>(counts[0]),
               static_cast<unsigned long long>(counts[1]),
               static_cast<unsigned long long>(counts[2]), bytes / 1e6, secs,
               secs > 0 ? bytes / 1e6 / secs : 0.0);
  if (want_truth) {
    std::fprintf(stderr,
                 "; passages: %llu bullet-repeat, %llu within-repeat, %llu boilerplate, %llu "
                 "near-boilerplate",
                 static_cast<unsigned long long>(passage_counts[0]),
                 static_cast<unsigned long long>(passage_counts[1]),
                 static_cast<unsigned long long>(passage_counts[2]),
                 static_cast<unsigned long long>(passage_counts[3]));
  }
  std::fprintf(stderr, "\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  std::string bytes_text;
  CLI::App app{"Writes a synthetic news corpus with planted duplicates and its ground truth."};
  auto* docs = app.add_option("--docs", opt.num_docs, "Number of documents");
  auto* bytes = app.add_option("--bytes", bytes_text,
                               "Stop once this much output is written (e.g. 1G, 500M)");
  docs->excludes(bytes);
  app.add_option("--seed", opt.seed, "Random seed (same seed and options: same bytes)")
      ->capture_default_str();
  app.add_option("--langs", opt.langs, "Languages, from en, ru, kk")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--lang-weights", opt.lang_weights,
                 "Relative share of each language in --langs (default en 6, ru 3, kk 1)")
      ->delimiter(',');
  app.add_option("--exact-frac", opt.exact_frac, "Fraction of exact duplicates")
      ->capture_default_str();
  app.add_option("--near-frac", opt.near_frac, "Fraction of near-duplicates")
      ->capture_default_str();
  app.add_option("--near-edit-min", opt.near_edit_min,
                 "Lowest per-word edit rate of a near-duplicate")
      ->capture_default_str();
  app.add_option("--near-edit-max", opt.near_edit_max,
                 "Highest per-word edit rate of a near-duplicate")
      ->capture_default_str();
  app.add_option("--bullet-frac", opt.plan.bullet_frac,
                 "Fraction of reports repeating their lead as bullets")
      ->capture_default_str();
  app.add_option("--within-frac", opt.plan.within_frac,
                 "Fraction of reports with a paragraph repeated three times")
      ->capture_default_str();
  app.add_option("--boilerplate-frac", opt.plan.boilerplate_frac,
                 "Fraction of reports with standard footer blocks")
      ->capture_default_str();
  app.add_option("--near-boilerplate-frac", opt.plan.near_boilerplate_frac,
                 "Fraction of reports with a footer that has one word changed")
      ->capture_default_str();
  app.add_option("--date-frac", opt.plan.date_frac, "Fraction of reports with a date line")
      ->capture_default_str();
  app.add_option("--min-words", opt.plan.min_words, "Shortest report body, in words")
      ->capture_default_str();
  app.add_option("--max-words", opt.plan.max_words, "Longest report body, in words")
      ->capture_default_str();
  std::string skew_text;
  app.add_option("--skew", skew_text,
                 "K:F: K documents hold the fraction F of --bytes (e.g. 10:0.5), each a chain of "
                 "reports; the truth lists the first report's passages");
  app.add_option("--output,-o", opt.output,
                 "JSONL file ('-' for stdout), or the directory for text-dir")
      ->capture_default_str();
  app.add_option("--format", opt.format, "jsonl or text-dir (one <id>.txt per document)")
      ->check(CLI::IsMember({"jsonl", "text-dir"}))
      ->capture_default_str();
  app.add_option("--truth", opt.truth, "Ground-truth JSONL to write");
  app.add_option("--threads", opt.threads,
                 "Worker threads (0: all cores); output does not depend on it")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (!bytes_text.empty()) {
    auto size = parse_size(bytes_text);
    if (!size || *size == 0) {
      std::fprintf(stderr, "gen_corpus: --bytes: cannot read size '%s' (e.g. 1G, 500M, 64k)\n",
                   bytes_text.c_str());
      return 2;
    }
    opt.target_bytes = *size;
  } else if (opt.num_docs == 0) {
    std::fprintf(stderr, "gen_corpus: give --docs N or --bytes SIZE\n");
    return 2;
  }
  if (!skew_text.empty()) {
    unsigned long long k = 0;
    double frac = 0;
    char tail = 0;
    if (std::sscanf(skew_text.c_str(), "%llu:%lf%c", &k, &frac, &tail) != 2 || k == 0 ||
        !(frac > 0 && frac < 1)) {
      std::fprintf(stderr,
                   "gen_corpus: --skew: expected K:F with K >= 1, 0 < F < 1 (e.g. 10:0.5)\n");
      return 2;
    }
    if (opt.target_bytes == 0) {
      std::fprintf(stderr, "gen_corpus: --skew needs --bytes\n");
      return 2;
    }
    opt.skew_docs = k;
    opt.skew_frac = frac;
  }
  if (opt.format == "text-dir" && opt.output == "-") {
    std::fprintf(stderr, "gen_corpus: --format text-dir needs --output DIR\n");
    return 2;
  }
  return run(opt);
}
