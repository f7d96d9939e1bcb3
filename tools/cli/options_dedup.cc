#include "options_dedup.h"

#include "index/lsh_params.h"
#include "options_check.h"

namespace docsift::cli {

DocDedupArgs::DocDedupArgs(std::string default_method, std::string unit_flag_name)
    : method(std::move(default_method)), unit_flag(std::move(unit_flag_name)) {}

void DocDedupArgs::add_to(CLI::App& cmd) {
  DedupOptions& o = options;
  const char* shingles = "Shingles and sketch";
  cmd.add_option("-n,--ngram", o.ngram, "Shingle length in words or characters")
      ->check(CLI::Range(1, 64))
      ->group(shingles);
  cmd.add_option(unit_flag, unit, "Shingle unit: word | char")
      ->check(CLI::IsMember({"word", "char"}))
      ->group(shingles);
  cmd.add_option("--num-perm", o.num_perm, "MinHash permutations")
      ->check(CLI::Range(8, 4096))
      ->group(shingles);
  cmd.add_option("--sketch", sketch, "MinHash kind: classic | oph (one permutation)")
      ->check(CLI::IsMember({"classic", "oph"}))
      ->group(shingles);
  // 64-bit unsigned options: CLI11 would wrap "-1" to 2^64 - 1.
  cmd.add_option("--seed", o.seed, "Seed of shingle hashes and sketches")
      ->check(no_minus_sign())
      ->group(shingles);

  const char* lsh = "LSH";
  cmd.add_option("--bands", o.num_bands, "LSH bands (0 = chosen from the threshold)")->group(lsh);
  cmd.add_option("--rows", o.rows_per_band, "LSH rows per band (0 = chosen from the threshold)")
      ->group(lsh);
  cmd.add_option("--fp-weight", o.fp_weight, "Weight of false positives when choosing bands/rows")
      ->check(finite_non_negative())
      ->group(lsh);
  cmd.add_option("--fn-weight", o.fn_weight, "Weight of false negatives when choosing bands/rows")
      ->check(finite_non_negative())
      ->group(lsh);

  const char* grouping = "Grouping";
  cmd.add_option("-m,--method", method, "exact | minhash | simhash")
      ->check(CLI::IsMember({"exact", "minhash", "simhash"}))
      ->group(grouping);
  cmd.add_option("-t,--threshold", o.threshold, "Jaccard similarity of duplicates (minhash)")
      ->check(finite_number())
      ->check(CLI::Range(0.01, 0.99))
      ->group(grouping);
  cmd.add_option("--verify", verify,
                 "Check candidates by estimated (signature) or exact (shingle set) Jaccard")
      ->check(CLI::IsMember({"estimate", "exact"}))
      ->group(grouping);
  cmd.add_option("--hamming", o.max_hamming, "SimHash: largest Hamming distance of duplicates")
      ->check(CLI::Range(0, 32))
      ->group(grouping);
  cmd.add_option("--keep", keep, "Which member of a duplicate group is kept: first | longest")
      ->check(CLI::IsMember({"first", "longest"}))
      ->group(grouping);
  cmd.add_option("--warn-cluster-size", o.large_group_warning,
                 "Warn about duplicate groups larger than this")
      ->check(no_minus_sign())
      ->group(grouping);
}

Status DocDedupArgs::finish(const CLI::App& cmd, DedupOptions& out) const {
  const ReadOptions read = out.read;
  const NormalizeOptions normalize = out.normalize;
  const unsigned threads = out.threads;
  out = options;
  out.read = read;
  out.normalize = normalize;
  out.threads = threads;
  out.method = method == "minhash"   ? DedupMethod::kMinHash
               : method == "simhash" ? DedupMethod::kSimHash
                                     : DedupMethod::kExact;
  out.unit = unit == "char" ? ShingleUnit::kChar : ShingleUnit::kWord;
  out.sketch = sketch == "oph" ? SketchKind::kOnePermutation : SketchKind::kClassic;
  out.verify = verify == "exact" ? VerifyMode::kExact : VerifyMode::kEstimate;
  out.keep = keep == "longest" ? KeepPolicy::kLongest : KeepPolicy::kFirst;

  // What each method reads: exact hashes the normalised text; simhash shingles; minhash
  // shingles, sketches, bands and verifies.
  const char* minhash_only[] = {"--threshold", "--num-perm", "--sketch",    "--verify",
                                "--bands",     "--rows",     "--fp-weight", "--fn-weight"};
  if (out.method != DedupMethod::kMinHash) {
    for (const char* name : minhash_only) warn_if_given(cmd, name, "--method minhash only");
  }
  if (out.method == DedupMethod::kExact) {
    warn_if_given(cmd, "--ngram", "--method minhash or simhash only");
    warn_if_given(cmd, unit_flag, "--method minhash or simhash only");
  }
  if (out.method != DedupMethod::kSimHash) {
    warn_if_given(cmd, "--hamming", "--method simhash only");
  }
  if (out.method != DedupMethod::kMinHash) return Status::Ok();

  if (out.num_bands != 0 || out.rows_per_band != 0) {
    warn_if_given(cmd, "--fp-weight", "bands and rows chosen automatically (no --bands/--rows)");
    warn_if_given(cmd, "--fn-weight", "bands and rows chosen automatically (no --bands/--rows)");
  } else if (out.fp_weight == 0 && out.fn_weight == 0) {
    return Status::InvalidArgument("--fp-weight and --fn-weight cannot both be 0");
  }
  // The same check the job makes after sketching the corpus, made here before reading it.
  LshWeights weights;
  weights.false_positive = out.fp_weight;
  weights.false_negative = out.fn_weight;
  auto lsh =
      resolve_lsh_params(out.num_perm, out.threshold, out.num_bands, out.rows_per_band, weights);
  if (!lsh.ok()) {
    return Status::InvalidArgument("--bands/--rows/--num-perm: " + lsh.status().message());
  }
  return Status::Ok();
}

ReportFormat report_format_of(const std::string& name) {
  return name == "csv" ? ReportFormat::kCsv : ReportFormat::kJsonl;
}

}  // namespace docsift::cli
