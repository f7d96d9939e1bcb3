#include "pipeline/artifacts/duplicate_grouping.h"

#include <cstdint>
#include <vector>

namespace docsift {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

Status broken(size_t d, const std::string& what) {
  return Status::InvalidInput("duplicate grouping: document " + std::to_string(d) + ": " + what);
}

}  // namespace

Status validate_duplicate_grouping(const Grouping& g) {
  const size_t n = g.cluster_of.size();
  if (g.kept_of.size() != n || g.similarity.size() != n) {
    return Status::InvalidInput("duplicate grouping: " + std::to_string(n) + " cluster_of, " +
                                std::to_string(g.kept_of.size()) + " kept_of and " +
                                std::to_string(g.similarity.size()) +
                                " similarity entries (must be equal)");
  }
  const size_t num_groups = g.cluster_size.size();
  std::vector<uint32_t> kept_of_group(num_groups, kNone);
  std::vector<uint64_t> members(num_groups, 0);
  size_t groups_seen = 0;
  for (size_t d = 0; d < n; ++d) {
    const uint32_t c = g.cluster_of[d];
    const uint32_t k = g.kept_of[d];
    if (c >= num_groups) {
      return broken(d,
                    "duplicate group " + std::to_string(c) + " of " + std::to_string(num_groups));
    }
    if (c > groups_seen) {
      return broken(d, "duplicate group " + std::to_string(c) + " starts before group " +
                           std::to_string(groups_seen) + " (ids not dense in first-member order)");
    }
    if (c == groups_seen) ++groups_seen;
    if (k >= n) return broken(d, "kept document " + std::to_string(k) + " out of range");
    if (g.cluster_of[k] != c) {
      return broken(d, "kept document " + std::to_string(k) + " is in another duplicate group");
    }
    if (g.kept_of[k] != k) {
      return broken(d, "kept document " + std::to_string(k) + " is itself not kept");
    }
    if (kept_of_group[c] == kNone) kept_of_group[c] = k;
    if (kept_of_group[c] != k) {
      return broken(d, "duplicate group " + std::to_string(c) + " keeps both " +
                           std::to_string(kept_of_group[c]) + " and " + std::to_string(k));
    }
    const float s = g.similarity[d];
    if (!(s >= 0.0f && s <= 1.0f) || (k == d && s != 1.0f)) {
      return broken(
          d, "similarity " + std::to_string(s) + " (must be in [0, 1], and 1 for a kept document)");
    }
    ++members[c];
  }
  if (groups_seen != num_groups) {
    return Status::InvalidInput("duplicate grouping: " + std::to_string(num_groups) +
                                " group sizes for " + std::to_string(groups_seen) + " groups");
  }
  for (size_t c = 0; c < num_groups; ++c) {
    if (members[c] != g.cluster_size[c]) {
      return Status::InvalidInput("duplicate grouping: group " + std::to_string(c) + " has " +
                                  std::to_string(members[c]) + " members, cluster_size says " +
                                  std::to_string(g.cluster_size[c]));
    }
  }
  return Status::Ok();
}

Status save_duplicate_grouping(const Grouping& g, const OptionsText& options,
                               const std::string& path) {
  DOCSIFT_RETURN_IF_ERROR(validate_duplicate_grouping(g));
  BinaryFileWriter w;
  const uint64_t counts[] = {g.cluster_of.size(), g.cluster_size.size()};
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kDuplicateGroupingFormat, options, counts));
  w.put_array<uint32_t>(g.cluster_of);
  w.put_array<uint32_t>(g.kept_of);
  w.put_array<float>(g.similarity);
  w.put_array<uint32_t>(g.cluster_size);
  return w.commit();
}

Result<Grouping> load_duplicate_grouping(const std::string& path, const OptionsText* expected,
                                         OptionsText* made_with) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(path, kDuplicateGroupingFormat, expected, 2));
  const uint64_t n = r.counts()[0];
  const uint64_t num_groups = r.counts()[1];
  const uint64_t left = r.payload_bytes_left();
  if (n > left / 12 || num_groups > n || left != 12 * n + 4 * num_groups) {
    return Status::InvalidInput(
        r.error_prefix() + "corrupt duplicate grouping: " + std::to_string(n) + " documents and " +
        std::to_string(num_groups) + " groups do not fill the " + std::to_string(left) +
        " payload bytes");
  }
  Grouping g;
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &g.cluster_of));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &g.kept_of));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &g.similarity));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(num_groups, &g.cluster_size));
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  const Status valid = validate_duplicate_grouping(g);
  if (!valid.ok()) return Status::InvalidInput(r.error_prefix() + valid.message());
  if (made_with) *made_with = r.options();
  return g;
}

}  // namespace docsift
