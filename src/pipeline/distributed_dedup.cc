#include "pipeline/distributed_dedup.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include "core/xxh3.h"
#include "dist/bytes.h"
#include "group/dedup_report.h"
#include "group/doc_grouping.h"
#include "group/feature_scan.h"
#include "io/json_writer.h"
#include "io/record_writer.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/internal/distributed_exact.h"
#include "pipeline/internal/distributed_minhash.h"
#include "pipeline/internal/document_dedup.h"
#include "pipeline/output_set.h"

namespace docsift {
namespace {

using dist::ByteReader;
using dist::ByteWriter;
using dist::Comm;

constexpr size_t kChunkBytes = size_t{8} << 20;  // kept records per message to rank 0

// Where each document of a rank came from: its line, and its file as runs of documents.
struct DocOrigins {
  std::vector<uint64_t> line;
  std::vector<uint64_t> run_first;  // index of the first document of each run
  std::vector<std::string> run_source;

  void add(const Record& rec) {
    if (run_source.empty() || run_source.back() != rec.source) {
      run_first.push_back(line.size());
      run_source.push_back(rec.source);
    }
    line.push_back(rec.line);
  }
  std::string location(size_t d) const {
    const size_t run =
        std::upper_bound(run_first.begin(), run_first.end(), d) - run_first.begin() - 1;
    return line[d] == 0 ? run_source[run] : run_source[run] + ":" + std::to_string(line[d]);
  }
};

// Pass 1 of one rank, packed for rank 0.
std::string pack_shard(const Status& read, const CorpusPass& pass, const DocFeatureTable& t,
                       const DocOrigins& origins, uint64_t text_bytes, bool with_signatures) {
  ByteWriter w;
  w.str(dist::encode_status(read));
  w.u64(pass.docs());
  for (size_t d = 0; d < pass.docs(); ++d) w.str(pass.ids()[d]);
  w.array(std::span<const uint64_t>(origins.line));
  w.array(std::span<const uint64_t>(origins.run_first));
  w.u64(origins.run_source.size());
  for (const std::string& s : origins.run_source) w.str(s);
  w.array(std::span<const uint64_t>(t.lengths));
  w.array(
      std::span<const uint32_t>(t.signatures.data(), with_signatures ? t.signatures.size() : 0));
  w.array(std::span<const uint64_t>(t.fingerprints));
  w.array(std::span<const uint64_t>(t.shingle_values));
  w.array(std::span<const uint64_t>(t.shingle_offsets));
  w.u64(pass.skipped().size());
  for (const SkippedRecord& s : pass.skipped()) {
    w.str(s.source);
    w.u64(s.line);
    w.u64(s.byte_offset);
    w.str(s.message);
  }
  w.u64(pass.bytes_read());
  w.u64(text_bytes);
  return std::move(w.bytes());
}

// Rank 0's view of the whole corpus after pass 1, built rank after rank.
struct GlobalTable {
  DocFeatureTable table;
  StringPool ids;
  std::vector<uint64_t> first_doc_of_rank;  // P + 1 values
  std::vector<SkippedRecord> skipped;
  std::unordered_multimap<uint64_t, uint64_t> doc_of_id_hash;  // cross-rank id check
  std::vector<DocOrigins> origins;                             // per rank
  uint64_t bytes_read = 0;
  uint64_t text_bytes = 0;

  // Adds rank r's part; the status the run ends with when it is not Ok.
  Status add(int r, std::string_view bytes, const DedupOptions& options) {
    ByteReader in(bytes);
    const Status read = dist::decode_status(in.str());
    const uint64_t base = ids.size();
    const uint64_t n = in.u64();
    std::vector<uint64_t> local_ids;
    DocOrigins o;
    std::vector<std::string_view> id_views(n);
    for (uint64_t d = 0; d < n; ++d) id_views[d] = in.str();
    in.append_array(o.line);
    in.append_array(o.run_first);
    o.run_source.resize(in.u64());
    for (std::string& s : o.run_source) s = std::string(in.str());
    origins.push_back(std::move(o));
    // Ids: a rank's reader refused repeats within the rank; here, repeats across ranks.
    for (uint64_t d = 0; d < n; ++d) {
      const uint64_t h = XXH3_64bits(id_views[d].data(), id_views[d].size());
      if (r > 0) {
        auto [lo, hi] = doc_of_id_hash.equal_range(h);
        for (auto it = lo; it != hi; ++it) {
          if (ids[it->second] != id_views[d]) continue;
          const std::string msg = origins[r].location(d) + ": duplicate id " +
                                  quoted_id(id_views[d]) + " (first seen in " +
                                  location_of(it->second) + ")";
          if (options.read.on_error == OnError::kSkip) {
            return Status::InvalidInput(msg +
                                        "; under --on-error skip an id repeated across "
                                        "ranks is not skipped: run without mpirun");
          }
          return Status::InvalidInput(msg);
        }
      }
      doc_of_id_hash.emplace(h, ids.add(id_views[d]));
    }
    if (!read.ok()) return read;
    in.append_array(table.lengths);
    std::vector<uint32_t> sig;
    in.append_array(sig);
    const size_t old = table.signatures.size();
    table.signatures.resize(old + sig.size());
    if (!sig.empty()) std::memcpy(table.signatures.data() + old, sig.data(), sig.size() * 4);
    in.append_array(table.fingerprints);
    in.append_array(table.shingle_values);
    std::vector<uint64_t> offsets;
    in.append_array(offsets);
    const uint64_t value_base = table.shingle_offsets.back();
    for (size_t i = 1; i < offsets.size(); ++i) {
      table.shingle_offsets.push_back(value_base + offsets[i]);
    }
    const uint64_t num_skipped = in.u64();
    for (uint64_t i = 0; i < num_skipped; ++i) {
      SkippedRecord s;
      s.source = std::string(in.str());
      s.line = in.u64();
      s.byte_offset = in.u64();
      s.message = std::string(in.str());
      skipped.push_back(std::move(s));
    }
    bytes_read += in.u64();
    text_bytes += in.u64();
    DOCSIFT_ASSERT(in.done());
    (void)base;
    return Status::Ok();
  }

  std::string location_of(uint64_t g) const {
    const size_t r = std::upper_bound(first_doc_of_rank.begin(), first_doc_of_rank.end(), g) -
                     first_doc_of_rank.begin() - 1;
    return origins[r].location(g - first_doc_of_rank[r]);
  }
};

std::string part_path(const std::string& dir, int rank) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%05d.jsonl", rank);
  return (std::filesystem::path(dir) / name).string();
}

// Creates DIR and removes what an earlier run left that would mix with this one: the _SUCCESS
// marker and parts numbered from num_ranks on (from a run with more ranks).
Status prepare_parts_dir(const std::string& dir, int num_ranks) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": " + ec.message());
  fs::remove(fs::path(dir) / "_SUCCESS", ec);
  if (ec) return Status::IoError(dir + "/_SUCCESS: " + ec.message());
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    int r = -1;
    char tail = 0;
    // Exactly part-NNNNN.jsonl with NNNNN >= num_ranks.
    if (name.size() != 16 || std::sscanf(name.c_str(), "part-%5d.jsonl%c", &r, &tail) != 1 ||
        name != fs::path(part_path(dir, r)).filename().string() || r < num_ranks) {
      continue;
    }
    fs::remove(e.path(), ec);
    if (ec) return Status::IoError(e.path().string() + ": " + ec.message());
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  return Status::Ok();
}

Status write_success_marker(const std::string& dir) {
  const std::string path = (std::filesystem::path(dir) / "_SUCCESS").string();
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr || std::fclose(f) != 0) return Status::IoError(path + ": cannot create");
  return Status::Ok();
}

}  // namespace

RankFigures gather_rank_figures(const Comm& comm, double seconds) {
  RankFigures f;
  f.ranks = static_cast<unsigned>(comm.size());
  const double p = comm.size();
  f.seconds_max = comm.max(seconds);
  f.seconds_mean = comm.sum(seconds) / p;
  const uint64_t rss = dist::peak_rss_bytes();
  f.peak_rss_max = comm.max(rss);
  f.peak_rss_mean = static_cast<uint64_t>(static_cast<double>(comm.sum(rss)) / p);
  const uint64_t sent = comm.bytes_sent();
  f.bytes_sent_max = comm.max(sent);
  f.bytes_sent_mean = static_cast<uint64_t>(static_cast<double>(comm.sum(sent)) / p);
  return f;
}

Result<DedupSummary> run_dedup_distributed(const DedupPaths& paths, const DedupOptions& options,
                                           const ProgressCallback& progress, const Comm& comm,
                                           RankFigures* figures) {
  const auto start = std::chrono::steady_clock::now();
  // Options are the same on every rank: these checks agree without a message.
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({paths.output, paths.report, paths.clusters}));
  if (!paths.work_dir.empty()) {
    return Status::InvalidArgument("--work-dir is not supported in a distributed run yet");
  }
  if (!paths.output_parts.empty() && !paths.output.empty()) {
    return Status::InvalidArgument("--output and --output-parts: give one of them");
  }
  for (const std::string& input : paths.inputs) {
    // mpirun forwards stdin to rank 0 only: another rank would read nothing, silently.
    if (input == "-" || input == "/dev/stdin") {
      return Status::InvalidArgument(
          "stdin ('-') cannot be an input of a distributed run: mpirun gives it to rank 0 only");
    }
  }
  const int rank = comm.rank();
  const int num_ranks = comm.size();
  const bool root = comm.root();
  auto opened = CorpusPass::open(
      paths.inputs, options.read, options.threads, root ? progress : ProgressCallback{},
      Shard{static_cast<unsigned>(rank), static_cast<unsigned>(num_ranks)});
  DOCSIFT_RETURN_IF_ERROR(comm.agree(opened.ok() ? Status::Ok() : opened.status()));
  CorpusPass& pass = *opened.value();

  // Rank 0 opens the outputs (refused when one is an input) before the work, as run_dedup does.
  std::optional<OutputSet> outputs;
  OutputFile* kept = nullptr;
  OutputFile* report_file = nullptr;
  OutputFile* clusters = nullptr;
  Status out_status;
  if (root) {
    outputs.emplace(paths.inputs);
    for (auto [path, file] :
         {std::pair{&paths.output, &kept}, std::pair{&paths.report, &report_file},
          std::pair{&paths.clusters, &clusters}}) {
      auto added = outputs->add(*path);
      if (!added.ok()) {
        out_status = added.status();
        break;
      }
      *file = added.value();
    }
  }
  if (root && out_status.ok() && !paths.output_parts.empty()) {
    out_status = prepare_parts_dir(paths.output_parts, num_ranks);
  }
  DOCSIFT_RETURN_IF_ERROR(comm.broadcast(out_status, 0));
  // --output-parts: every rank writes its own kept records (nothing moves to rank 0).
  OutputSet my_part(paths.inputs);
  OutputFile* part = nullptr;
  if (!paths.output_parts.empty()) {
    auto added = my_part.add(part_path(paths.output_parts, rank));
    if (added.ok()) part = added.value();
    DOCSIFT_RETURN_IF_ERROR(comm.agree(added.ok() ? Status::Ok() : added.status()));
  }

  // Pass 1 on every rank: features of its shard.
  DedupSummary summary;
  FeatureScan scan(options, pass.threads());
  summary.simd_path = scan.simd_path();
  DocFeatureTable local;
  DocOrigins origins;
  uint64_t text_bytes = 0;
  const Status read = pass.read("read", [&](std::span<Record> batch, size_t first) {
    scan.add(batch, local, first);
    for (const Record& rec : batch) {
      text_bytes += rec.text.size();
      origins.add(rec);
    }
    return Status::Ok();
  });
  // Exact keys stay on their rank and are exchanged by key (pipeline/internal/
  // distributed_exact.h): one key per document here, in document order.
  const bool exact_exchange = options.method == DedupMethod::kExact;
  std::vector<Key128> doc_keys;
  std::vector<uint64_t> doc_lengths;
  if (exact_exchange) {
    const std::vector<Key128> distinct = scan.cluster_keys();
    doc_keys.reserve(local.exact_cluster.size());
    for (uint32_t c : local.exact_cluster) doc_keys.push_back(distinct[c]);
    doc_lengths.assign(local.lengths.begin(), local.lengths.end());
    local.exact_cluster = {};
  }
  scan.release_keys();

  // MinHash with estimated verification exchanges band records (pipeline/internal/
  // distributed_minhash.h): signatures stay on their rank. SimHash fingerprints and --verify
  // exact's shingle sets still go to rank 0 with the documents' ids and lengths.
  const bool band_exchange =
      options.method == DedupMethod::kMinHash && options.verify == VerifyMode::kEstimate;
  MappedArray<uint32_t> my_signatures;
  // Gather to rank 0, one rank after the other; rank 0 decides the run's status.
  const std::vector<uint64_t> docs_of_rank = comm.allgather(pass.docs());
  std::vector<uint64_t> first_doc_of_rank{0};
  for (uint64_t c : docs_of_rank) first_doc_of_rank.push_back(first_doc_of_rank.back() + c);
  std::optional<GlobalTable> global;
  Status status;
  {
    std::string mine = pack_shard(read, pass, local, origins, text_bytes, !band_exchange);
    if (band_exchange) my_signatures = std::move(local.signatures);
    local = DocFeatureTable{};
    if (root) {
      global.emplace();
      global->first_doc_of_rank.push_back(0);
      for (int r = 0; r < num_ranks; ++r) {
        std::string bytes = r == 0 ? std::move(mine) : comm.recv(r);
        if (status.ok()) status = global->add(r, bytes, options);
        global->first_doc_of_rank.push_back(global->first_doc_of_rank.back() + docs_of_rank[r]);
      }
    } else {
      comm.send(0, mine);
    }
  }
  DOCSIFT_RETURN_IF_ERROR(comm.broadcast(status, 0));

  // Group: exact and MinHash on every rank (key and band exchange), the other methods on rank 0.
  Grouping g;
  const char* method = dedup_method_name(options.method);
  detail::ExactGroupingResult exact;
  if (exact_exchange) {
    pass.progress("group");
    const bool want_all = !paths.clusters.empty();  // the same on every rank
    status = detail::distributed_exact_grouping(comm, doc_keys, doc_lengths, first_doc_of_rank,
                                                options, want_all, &exact);
    doc_keys = {};
    doc_lengths = {};
    if (status.ok() && root) {
      summary.docs_read = global->ids.size();
      summary.bytes_read = global->bytes_read;
      summary.text_bytes = global->text_bytes;
      summary.docs_skipped = global->skipped.size();
      summary.duplicate_groups = exact.duplicate_groups;
      summary.largest_group = exact.largest_group;
      summary.large_groups = exact.large_groups;
      summary.docs_kept = exact.docs_kept;
      summary.docs_removed = summary.docs_read - summary.docs_kept;
      if (want_all) {  // the --clusters file lists every document
        const size_t n = global->ids.size();
        DOCSIFT_ASSERT(exact.rows.size() == n);
        g.cluster_of.resize(n);
        g.kept_of.resize(n);
        g.similarity.assign(n, 1.0f);
        g.cluster_size.assign(exact.docs_kept, 0);
        for (const detail::ExactRow& row : exact.rows) {
          g.cluster_of[row.doc] = row.cluster;
          g.kept_of[row.doc] = row.kept;
          g.cluster_size[row.cluster] = row.size;
        }
      }
    }
  } else if (band_exchange || root) {
    pass.progress("group");
    NearDupStats stats;
    auto grouped = band_exchange ? detail::distributed_minhash_grouping(
                                       comm, my_signatures.span(), first_doc_of_rank,
                                       root ? std::span<const uint64_t>(global->table.lengths)
                                            : std::span<const uint64_t>(),
                                       options, pass.threads(), &stats)
                                 : group_documents(global->table, options, pass.threads(), &stats);
    my_signatures = MappedArray<uint32_t>{};
    status = grouped.ok() ? Status::Ok() : grouped.status();
    if (grouped.ok() && root) {
      g = std::move(grouped).value();
      summary.candidate_pairs = stats.candidate_pairs;
      summary.num_bands = stats.num_bands;
      summary.rows_per_band = stats.rows_per_band;
      summary.docs_read = global->ids.size();
      summary.bytes_read = global->bytes_read;
      summary.text_bytes = global->text_bytes;
      summary.docs_skipped = global->skipped.size();
      detail::count_groups(g, options, summary);
    }
  }
  DOCSIFT_RETURN_IF_ERROR(comm.broadcast(status, 0));

  // Kept flags to each rank, then every rank re-reads its shard and streams its kept records.
  std::string flags;
  if (exact_exchange) {
    flags = std::move(exact.kept_flags);
  } else if (root) {
    for (int r = num_ranks - 1; r >= 0; --r) {
      const uint64_t first = global->first_doc_of_rank[r];
      std::string f(docs_of_rank[r], '\0');
      for (uint64_t d = 0; d < docs_of_rank[r]; ++d) f[d] = g.kept_of[first + d] == first + d;
      if (r == 0) {
        flags = std::move(f);
      } else {
        comm.send(r, f);
      }
    }
  } else {
    flags = comm.recv(0);
  }
  std::string buffer;
  auto flush = [&] {
    if (buffer.empty()) return;
    if (part) {
      part->write(buffer);
    } else if (root) {
      if (kept) kept->write(buffer);
    } else {
      comm.send(0, buffer);
    }
    buffer.clear();
  };
  const bool write_kept = part != nullptr || (root ? kept != nullptr : !paths.output.empty());
  const bool send_kept = write_kept && part == nullptr;
  status = Status::Ok();
  if (write_kept) {
    status = pass.reread("write", [&](std::span<Record> batch, size_t first) {
      for (size_t i = 0; i < batch.size(); ++i) {
        if (flags[first + i]) append_kept_record(buffer, batch[i]);
        if (buffer.size() >= kChunkBytes) flush();
      }
      return Status::Ok();
    });
    flush();
  }
  if (!root) {
    if (send_kept) comm.send(0, std::string_view());  // end of this rank's records
    comm.send(0, status);
  } else {
    for (int r = 1; r < num_ranks; ++r) {
      if (send_kept) {
        for (std::string bytes = comm.recv(r); !bytes.empty(); bytes = comm.recv(r)) {
          if (status.ok()) kept->write(bytes);
        }
      }
      const Status theirs = comm.recv_status(r);
      if (status.ok()) status = theirs;
    }
    if (status.ok()) {
      DedupReport report(report_file, paths.report_format);
      const std::vector<uint64_t>& lengths = global->table.lengths;
      if (exact_exchange) {  // rows of the removed documents (of all with --clusters)
        for (const detail::ExactRow& row : exact.rows) {
          if (row.kept == row.doc) continue;
          report.duplicate(global->ids[row.doc], global->ids[row.kept], row.cluster, 1.0f, method);
          summary.text_bytes_removed += lengths[row.doc];
        }
        exact.rows = {};
      } else {
        for (size_t d = 0; d < g.kept_of.size(); ++d) {
          if (g.kept_of[d] == d) continue;
          report.duplicate(global->ids[d], global->ids[g.kept_of[d]], g.cluster_of[d],
                           g.similarity[d], method);
          summary.text_bytes_removed += lengths[d];
        }
      }
      for (const SkippedRecord& s : global->skipped) report.skipped(s);
      if (clusters) write_cluster_file(global->ids, g, *clusters);
      if (part == nullptr) status = outputs->commit();
    }
  }
  DOCSIFT_RETURN_IF_ERROR(comm.broadcast(status, 0));
  if (part) {
    // Parts first, on every rank; then rank 0's files and the marker that all of them are there.
    DOCSIFT_RETURN_IF_ERROR(comm.agree(my_part.commit()));
    if (root) {
      status = outputs->commit();
      if (status.ok()) status = write_success_marker(paths.output_parts);
    }
    DOCSIFT_RETURN_IF_ERROR(comm.broadcast(status, 0));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const RankFigures f = gather_rank_figures(comm, summary.seconds);
  if (figures) *figures = f;
  summary.seconds = f.seconds_max;
  return summary;
}

}  // namespace docsift
