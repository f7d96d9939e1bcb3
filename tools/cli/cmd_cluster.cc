// docsift cluster: topics with readable labels and a representative report per topic.

#include <charconv>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "command_run.h"
#include "commands.h"
#include "html_output.h"
#include "io/date_field.h"
#include "options_check.h"
#include "options_outputs.h"
#include "options_run.h"
#include "pipeline/cluster_job.h"
#include "progress.h"
#include "stats.h"
#include "text/display_width.h"

namespace docsift::cli {
namespace {

void print_table(const ClusterJobResult& r, size_t k_requested, bool by_story) {
  const ClusterResult& res = r.result;
  std::cerr << "docsift cluster: " << count_noun(r.docs_read, "document");
  if (r.duplicates_removed)
    std::cerr << " (" << with_commas(r.duplicates_removed) << " duplicates set aside)";
  if (by_story) {
    std::cerr << ", " << with_commas(res.k) << (res.k == 1 ? " story" : " stories") << " ("
              << with_commas(r.stories.links) << " links of "
              << with_commas(r.stories.candidate_pairs) << " candidate pairs)";
  } else {
    std::cerr << ", k = " << res.k << (k_requested == 0 ? " (auto)" : "");
  }
  std::cerr << ", vocabulary " << with_commas(res.vocabulary_size);
  if (r.boilerplate_passages > 0) {
    std::cerr << "; boilerplate set aside: " << count_noun(r.boilerplate_passages, "passage")
              << ", " << human_bytes(static_cast<double>(r.boilerplate_bytes)) << " from "
              << count_noun(r.boilerplate_docs, "document");
    if (r.reprints_kept > 0)
      std::cerr << " (" << count_noun(r.reprints_kept, "reprint") << " left whole)";
  }
  if (res.num_communities > 1)
    std::cerr << " (max-df applied within " << res.num_communities << " language communities)";
  std::cerr << "\n";
  if (!res.k_curve.empty()) {
    std::cerr << "  k by mean silhouette (cosine, sampled):";
    for (auto [k, score] : res.k_curve) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %zu:%.3f", k, score);
      std::cerr << buf;
    }
    std::cerr << "\n";
  }
  std::cerr << "  cluster   size  labels                                         representative\n";
  // Stories: the 20 largest (the rest are mostly stories of one).
  const size_t shown = by_story ? std::min<size_t>(res.clusters.size(), 20) : res.clusters.size();
  for (size_t c = 0; c < shown; ++c) {
    const ClusterSummary& s = res.clusters[c];
    std::string labels;
    for (size_t l = 0; l < s.labels.size(); ++l) labels += (l ? ", " : "") + s.labels[l];
    char head[32];
    std::snprintf(head, sizeof head, "  %7zu %6zu  ", c, s.size);
    std::string cell = clip_to_width(labels, 45);
    // Pad by display width so Cyrillic and CJK labels line up.
    const size_t width = display_width(cell);
    if (width < 47) cell.append(47 - width, ' ');
    std::cerr << head << cell << clip_to_width(r.titles[c], 60) << "\n";
  }
  char rate[160];
  std::snprintf(rate, sizeof rate, "%.2f s (clustering %.2f s), %.1f MB/s", r.seconds,
                r.cluster_seconds, r.bytes_read / std::max(r.seconds, 1e-9) / 1e6);
  print_row("input", human_bytes(static_cast<double>(r.bytes_read)) + " in " + rate);
  print_row("peak memory", human_bytes(static_cast<double>(peak_rss_bytes())));
}

}  // namespace

void add_cluster_command(CLI::App& app, int& exit_status) {
  struct Args {
    InputArgs in;
    RunArgs run;
    OutputArgs outputs;
    ClusterPaths paths;
    ClusterJobOptions options;
    std::string k = "auto";
    unsigned ngram = 1;
    uint64_t seed = 1;
    std::string html;
    std::string by = "topic";
    std::string window = "3d";
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("cluster", "Group documents by topic with readable labels");
  args->in.add_to(*cmd);
  ClusterOptions& c = args->options.cluster;
  const char* terms = "Terms (TF-IDF)";
  cmd->add_flag("--dedup", args->options.dedup, "Set exact and near duplicates aside first")
      ->group(terms);
  cmd->add_flag("--keep-boilerplate", args->options.keep_boilerplate,
                "Cluster the texts as they are: do not set aside the boilerplate passages "
                "(signatures, share rows, disclaimers) that `docsift passages --strip` cuts")
      ->group(terms);
  cmd->add_option("--ngram", args->ngram, "1: words; 2: words and word pairs")
      ->check(CLI::Range(1, 2))
      ->group(terms);
  cmd->add_option("--min-df", c.tfidf.min_df, "Least document frequency (count, or fraction < 1)")
      ->check(finite_non_negative())
      ->group(terms);
  cmd->add_option("--max-df", c.tfidf.max_df, "Largest document frequency (fraction, or count > 1)")
      ->check(finite_non_negative())
      ->group(terms);
  cmd->add_flag("!--global-max-df", c.tfidf.max_df_per_community,
                "Apply --max-df to the whole corpus only, not also within each language-like "
                "community of documents")
      ->group(terms);
  cmd->add_option("--max-features", c.tfidf.max_features, "Keep the most frequent terms (0 = all)")
      ->check(no_minus_sign())
      ->group(terms);
  cmd->add_option("--hash-bits", c.tfidf.hash_bits,
                  "Hash terms into 2^bits columns (0 = vocabulary)")
      ->group(terms);
  const char* kmeans = "Clustering";
  cmd->add_option("-k,--k", args->k, "Number of clusters, or auto (chosen by silhouette)")
      ->group(kmeans);
  cmd->add_option("--n-init", c.kmeans.n_init, "k-means restarts; the best objective wins")
      ->group(kmeans);
  cmd->add_option("--max-iter", c.kmeans.max_iter, "k-means iterations")->group(kmeans);
  cmd->add_option("--batch-size", c.kmeans.batch_size,
                  "Mini-batch k-means with this batch size (0 = full batch)")
      ->check(no_minus_sign())
      ->group(kmeans);
  cmd->add_option("--k-max", c.k_max, "auto: largest k tried")
      ->check(no_minus_sign())
      ->group(kmeans);
  cmd->add_option("--labels", c.labels.num_labels, "Label terms per cluster")
      ->check(no_minus_sign())
      ->group(kmeans);
  cmd->add_option("--seed", args->seed, "Seed of k-means++ and sampling")
      ->check(no_minus_sign())
      ->group(kmeans);
  const char* stories = "Stories (--by story)";
  cmd->add_option("--by", args->by,
                  "topic: k topics (k-means); story: reports of one event, as many as there are")
      ->check(CLI::IsMember({"topic", "story"}))
      ->group(stories);
  cmd->add_option("--similarity", args->options.story.similarity,
                  "Least cosine of linked reports and least mean cosine of merged stories")
      ->check(CLI::Range(0.0, 1.0) & finite_non_negative())
      ->capture_default_str()
      ->group(stories);
  cmd->add_option("--date-field", args->options.date_field,
                  "JSONL field with each report's ISO 8601 date: only reports within --window link")
      ->default_str("none")
      ->group(stories);
  cmd->add_option("--window", args->window, "Largest time between linked reports (s, m, h, d, w)")
      ->capture_default_str()
      ->group(stories);
  args->outputs.add(*cmd, "-o,--output", args->paths.assignments,
                    "One JSON line per document: id, cluster, score");
  args->outputs.add(*cmd, "-s,--summary", args->paths.summary,
                    "One JSON line per cluster: size, labels, representative");
  args->outputs.add(*cmd, "--html", args->html,
                    "A self-contained HTML page: map of clusters, labels, searchable members");
  args->outputs.add_stats(*cmd);
  args->run.add_to(*cmd, /*with_work_dir=*/true);
  cmd->callback([cmd, args, &exit_status] {
    exit_status = [&] {
      // Every option is checked before any input is read.
      CommandRun command(*cmd, args->in, args->run, args->outputs);
      if (Status s = command.begin(); !s.ok()) return fail(s);
      ClusterJobOptions& o = args->options;
      o.read = command.read();
      o.normalize = args->in.normalize_options();
      o.threads = args->run.threads;
      o.cluster.budget = command.budget();
      o.cluster.tfidf.ngram = args->ngram;
      o.cluster.kmeans.seed = args->seed;
      if (args->k == "auto") {
        o.cluster.kmeans.k = 0;
      } else {
        // The whole argument must be a positive decimal number ("5x", "-3" and "" are refused).
        const char* b = args->k.data();
        const char* e = b + args->k.size();
        size_t k = 0;
        const auto [end, ec] = std::from_chars(b, e, k);
        o.cluster.kmeans.k = ec == std::errc() && end == e ? k : 0;
        if (o.cluster.kmeans.k == 0) {
          return fail(
              Status::InvalidArgument("--k must be a positive number or auto, not " + args->k));
        }
        warn_if_given(*cmd, "--k-max", "--k auto only");
      }
      if (args->by == "story") {
        o.by = ClusterJobOptions::By::kStory;
        if (o.story.similarity <= 0)
          return fail(Status::InvalidArgument("--similarity must be more than 0"));
        if (!args->html.empty())
          return fail(Status::InvalidArgument("--html applies to --by topic only"));
        if (cmd->count("--window") > 0 && o.date_field.empty())
          return fail(Status::InvalidArgument("--window needs --date-field"));
        if (!o.date_field.empty()) {
          auto w = parse_duration(args->window);
          if (!w.ok()) return fail(Status::InvalidArgument("--window: " + w.status().message()));
          o.story.window = *w;
        }
        for (const char* opt : {"--k", "--k-max", "--n-init", "--max-iter", "--batch-size"})
          warn_if_given(*cmd, opt, "--by topic only");
      } else {
        for (const char* opt : {"--similarity", "--date-field", "--window"})
          warn_if_given(*cmd, opt, "--by story only");
      }
      command.warn_unused();
      args->paths.inputs = args->in.inputs;
      args->paths.work_dir = args->run.work_dir;
      // run_cluster reports no progress: the line shows the stage and the time it has taken.
      Progress progress(args->run.quiet, {{"cluster", "read, vectorise, cluster"}});
      auto result = run_cluster(args->paths, o);
      progress.finish();
      if (!result.ok()) return fail(result.status());
      report_work_dir(args->run, result->stages_resumed, result->work_dir_stale);
      if (const size_t none = result->result.docs_without_terms; none > 0) {
        warn(count_noun(none, "document") + (none == 1 ? " has" : " have") +
             " no terms after --min-df; cluster -1");
      }
      if (!args->run.quiet)
        print_table(result.value(), o.cluster.kmeans.k, o.by == ClusterJobOptions::By::kStory);
      if (!args->html.empty()) {
        if (Status h = write_cluster_html(args->html, args->paths.inputs, result.value()); !h.ok())
          return fail(h);
      }
      return command.finish(summary_json(result.value()), progress);
    }();
  });
}

}  // namespace docsift::cli
