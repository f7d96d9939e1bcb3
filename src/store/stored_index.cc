#include "store/stored_index.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "index/lsh_index.h"

namespace docsift {
namespace detail {
namespace {
StoreCrashHook g_crash_hook = nullptr;
}
void set_store_crash_hook(StoreCrashHook hook) { g_crash_hook = hook; }
}  // namespace detail

namespace {

constexpr uint32_t kManifestCounts = 9;

void crash_point(const char* point) {
  if (detail::g_crash_hook != nullptr) detail::g_crash_hook(point);
}

std::string errno_text() { return std::strerror(errno); }

std::string segment_name(uint64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "seg-%08llu.dsx", static_cast<unsigned long long>(number));
  return buf;
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Status sync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open " + dir + ": " + errno_text());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Status::IoError("cannot sync " + dir + ": " + errno_text());
  return Status::Ok();
}

struct Manifest {
  StoredIndexInfo info;
  uint64_t next_segment = 0;
  std::vector<uint64_t> numbers, first_docs, doc_counts;
};

Result<Manifest> read_manifest(const std::string& dir, const OptionsText* expected) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(dir + "/MANIFEST", kManifestFormat, expected, kManifestCounts));
  const auto c = r.counts();
  Manifest m;
  m.info.num_docs = c[0];
  m.info.num_batches = c[1];
  m.info.num_segments = c[2];
  m.next_segment = c[3];
  if (c[4] > 3 || c[5] > kMaxLshNumPerm || c[6] > c[5] || c[8] > 32 ||
      c[2] > r.payload_bytes_left() / 24) {
    return Status::InvalidInput(dir + "/MANIFEST: corrupt counts");
  }
  m.info.layout = StoredIndexLayout{static_cast<StoredKind>(c[4]), static_cast<unsigned>(c[5]),
                                    static_cast<unsigned>(c[6]), static_cast<unsigned>(c[7]),
                                    static_cast<unsigned>(c[8])};
  m.info.options = r.options();
  uint64_t expect_first = 0;
  for (uint64_t s = 0; s < m.info.num_segments; ++s) {
    uint64_t v[3];
    for (uint64_t& x : v) DOCSIFT_RETURN_IF_ERROR(r.read_u64(&x));
    if (v[1] != expect_first || v[0] >= m.next_segment) {
      return Status::InvalidInput(dir + "/MANIFEST: corrupt segment list");
    }
    m.numbers.push_back(v[0]);
    m.first_docs.push_back(v[1]);
    m.doc_counts.push_back(v[2]);
    expect_first += v[2];
  }
  if (expect_first != m.info.num_docs) {
    return Status::InvalidInput(dir + "/MANIFEST: segment sizes do not add up to num_docs");
  }
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  return m;
}

}  // namespace

Result<std::unique_ptr<StoredIndex>> StoredIndex::open(const std::string& dir,
                                                       const OptionsText* expected) {
  if (!file_exists(dir + "/MANIFEST")) {
    return Status::InvalidInput("no docsift index at " + dir +
                                " (no MANIFEST; --update creates one)");
  }
  // A writer may remove segments it has just merged between our reading the manifest and
  // opening them: read the newer manifest and try again.
  for (int attempt = 0;; ++attempt) {
    auto m = read_manifest(dir, expected);
    if (!m.ok()) return m.status();
    std::unique_ptr<StoredIndex> index(new StoredIndex());
    index->dir_ = dir;
    index->info_ = m->info;
    index->next_segment_ = m->next_segment;
    index->segment_numbers_ = m->numbers;
    Status failed = Status::Ok();
    for (size_t s = 0; s < m->numbers.size() && failed.ok(); ++s) {
      const std::string path = dir + "/" + segment_name(m->numbers[s]);
      auto seg = Segment::open(path, m->info.layout, &m->info.options);
      if (!seg.ok()) {
        failed = seg.status();
      } else if (seg->first_doc() != m->first_docs[s] || seg->num_docs() != m->doc_counts[s]) {
        failed = Status::InvalidInput(path + ": does not hold the documents MANIFEST names");
      } else {
        index->info_.bytes_on_disk += seg->file_bytes();
        index->segments_.push_back(std::move(seg).value());
      }
    }
    if (failed.ok()) {
      struct stat st {};
      if (::stat((dir + "/MANIFEST").c_str(), &st) == 0) index->info_.bytes_on_disk += st.st_size;
      return index;
    }
    if (attempt == 3) return failed;
  }
}

Result<std::unique_ptr<StoredIndex>> StoredIndex::open_writer(const std::string& dir,
                                                              const StoredIndexLayout& layout,
                                                              const OptionsText& options) {
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) {
    return Status::IoError("cannot create index directory " + dir + ": " + errno_text());
  }
  const std::string lock_path = dir + "/LOCK";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return Status::IoError("cannot open " + lock_path + ": " + errno_text());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::InvalidInput("index " + dir +
                                " is being written by another process (LOCK is held); one "
                                "writer at a time, try again when it has finished");
  }
  auto close_lock = [fd] { ::close(fd); };
  std::unique_ptr<StoredIndex> index;
  if (file_exists(dir + "/MANIFEST")) {
    auto opened = open(dir, &options);
    if (!opened.ok()) {
      close_lock();
      return opened.status();
    }
    index = std::move(opened).value();
    if (!(index->info_.layout == layout)) {
      close_lock();
      return Status::InvalidInput("index " + dir + " has another layout than this run's options");
    }
  } else {
    index.reset(new StoredIndex());
    index->dir_ = dir;
    index->info_.layout = layout;
    index->info_.options = options;
    Status made = index->write_manifest({}, 0, 0);
    if (!made.ok()) {
      close_lock();
      return made;
    }
  }
  index->lock_fd_ = fd;
  // Leftovers of a writer that died: segments the manifest does not name, temporary files.
  if (DIR* d = ::opendir(dir.c_str())) {
    std::vector<std::string> stale;
    while (dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      const bool tmp = name.find(".tmp.") != std::string::npos;
      bool unnamed = name.rfind("seg-", 0) == 0;
      for (uint64_t n : index->segment_numbers_) unnamed = unnamed && name != segment_name(n);
      if (tmp || unnamed) stale.push_back(dir + "/" + name);
    }
    ::closedir(d);
    for (const std::string& path : stale) std::remove(path.c_str());
  }
  return index;
}

StoredIndex::~StoredIndex() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

const Segment& StoredIndex::segment_of(uint64_t doc) const {
  DOCSIFT_ASSERT(doc < info_.num_docs);
  auto it = std::upper_bound(segments_.begin(), segments_.end(), doc,
                             [](uint64_t d, const Segment& s) { return d < s.first_doc(); });
  return *(it - 1);
}

std::string_view StoredIndex::id(uint64_t doc) const { return segment_of(doc).id(doc); }

std::optional<StoredMatch> StoredIndex::find_exact(const Key128& key) const {
  for (const Segment& s : segments_) {
    if (auto d = s.find_exact(key)) return StoredMatch{*d, 1.0};
  }
  return std::nullopt;
}

uint32_t StoredIndex::count(const Key128& key) const {
  uint64_t sum = 0;
  for (const Segment& s : segments_) sum += s.find_count(key);
  return static_cast<uint32_t>(std::min<uint64_t>(sum, UINT32_MAX));
}

std::optional<StoredMatch> StoredIndex::find_minhash(std::span<const uint32_t> signature,
                                                     double min_similarity) const {
  const StoredIndexLayout& l = info_.layout;
  DOCSIFT_ASSERT(signature.size() == l.num_perm);
  std::vector<uint64_t> candidates;
  for (unsigned b = 0; b < l.num_bands; ++b) {
    const uint64_t key =
        lsh_band_key(signature.subspan(size_t{b} * l.rows_per_band, l.rows_per_band), b);
    for (const Segment& s : segments_) s.find_band(b, key, &candidates);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<uint32_t> stored(l.num_perm);
  for (uint64_t doc : candidates) {
    segment_of(doc).signature(doc, stored);
    unsigned equal = 0;
    for (unsigned i = 0; i < l.num_perm; ++i) equal += stored[i] == signature[i];
    // The same float arithmetic as minhash_similarity (group/verify.h), so a pair verified in
    // one run over all batches is verified here too.
    const float similarity = static_cast<float>(equal) / static_cast<float>(l.num_perm);
    if (similarity >= min_similarity) return StoredMatch{doc, similarity};
  }
  return std::nullopt;
}

std::optional<StoredMatch> StoredIndex::find_simhash(uint64_t fingerprint) const {
  std::vector<uint64_t> found;
  for (unsigned t = 0; t < info_.layout.num_tables(); ++t) {
    for (const Segment& s : segments_) s.find_simhash(t, fingerprint, &found);
  }
  if (found.empty()) return std::nullopt;
  const uint64_t doc = *std::min_element(found.begin(), found.end());
  const int hamming = std::popcount(segment_of(doc).fingerprint(doc) ^ fingerprint);
  return StoredMatch{doc, 1.0 - hamming / 64.0};
}

Status StoredIndex::write_manifest(const std::vector<Segment>& segments, uint64_t num_docs,
                                   uint64_t num_batches) {
  const StoredIndexLayout& l = info_.layout;
  const uint64_t counts[kManifestCounts] = {
      num_docs,   num_batches, segments.size(), next_segment_, static_cast<uint64_t>(l.kind),
      l.num_perm, l.num_bands, l.rows_per_band, l.max_hamming};
  BinaryFileWriter w;
  DOCSIFT_RETURN_IF_ERROR(w.open(dir_ + "/MANIFEST", kManifestFormat, info_.options, counts));
  for (size_t s = 0; s < segments.size(); ++s) {
    w.put_u64(segment_numbers_[s]);
    w.put_u64(segments[s].first_doc());
    w.put_u64(segments[s].num_docs());
  }
  DOCSIFT_RETURN_IF_ERROR(w.commit());
  return sync_dir(dir_);
}

Status StoredIndex::switch_to(std::vector<Segment> segments, uint64_t num_docs,
                              uint64_t num_batches, const std::vector<std::string>& obsolete) {
  DOCSIFT_RETURN_IF_ERROR(sync_dir(dir_));  // the new segments' names are durable
  DOCSIFT_RETURN_IF_ERROR(write_manifest(segments, num_docs, num_batches));
  crash_point("manifest_written");
  segments_ = std::move(segments);
  info_.num_docs = num_docs;
  info_.num_batches = num_batches;
  info_.num_segments = segments_.size();
  for (const std::string& path : obsolete) std::remove(path.c_str());
  info_.bytes_on_disk = 0;
  for (const Segment& s : segments_) info_.bytes_on_disk += s.file_bytes();
  struct stat st {};
  if (::stat((dir_ + "/MANIFEST").c_str(), &st) == 0) info_.bytes_on_disk += st.st_size;
  return Status::Ok();
}

Status StoredIndex::add_batch(const SegmentData& batch) {
  DOCSIFT_ASSERT(lock_fd_ >= 0);
  std::vector<Segment> segments;
  for (const Segment& s : segments_) {
    auto again = Segment::open(s.path(), info_.layout, nullptr);
    if (!again.ok()) return again.status();
    segments.push_back(std::move(again).value());
  }
  std::vector<uint64_t> numbers = segment_numbers_;
  std::vector<std::string> obsolete;
  const uint64_t first = info_.num_docs;
  if (batch.num_docs() > 0) {
    const uint64_t number = next_segment_++;
    const std::string path = dir_ + "/" + segment_name(number);
    DOCSIFT_RETURN_IF_ERROR(write_segment(path, info_.layout, info_.options, first, batch));
    auto seg = Segment::open(path, info_.layout, &info_.options);
    if (!seg.ok()) return seg.status();
    segments.push_back(std::move(seg).value());
    numbers.push_back(number);
    crash_point("segment_written");
    // Binary-counter merging: the newest run of segments absorbs its earlier neighbour while
    // that neighbour holds no more documents than the run.
    size_t run = segments.size() - 1;
    uint64_t run_docs = segments[run].num_docs();
    while (run > 0 && segments[run - 1].num_docs() <= run_docs) {
      --run;
      run_docs += segments[run].num_docs();
    }
    if (run + 1 < segments.size()) {
      std::vector<const Segment*> parts;
      for (size_t s = run; s < segments.size(); ++s) parts.push_back(&segments[s]);
      const uint64_t merged_number = next_segment_++;
      const std::string merged_path = dir_ + "/" + segment_name(merged_number);
      DOCSIFT_RETURN_IF_ERROR(Segment::merge(parts, merged_path, info_.layout, info_.options));
      auto merged = Segment::open(merged_path, info_.layout, &info_.options);
      if (!merged.ok()) return merged.status();
      crash_point("merge_written");
      for (size_t s = run; s < segments.size(); ++s) obsolete.push_back(segments[s].path());
      segments.erase(segments.begin() + static_cast<std::ptrdiff_t>(run), segments.end());
      numbers.resize(run);
      segments.push_back(std::move(merged).value());
      numbers.push_back(merged_number);
    }
  }
  std::swap(segment_numbers_, numbers);
  Status switched =
      switch_to(std::move(segments), first + batch.num_docs(), info_.num_batches + 1, obsolete);
  if (!switched.ok()) std::swap(segment_numbers_, numbers);
  return switched;
}

Status StoredIndex::compact() {
  DOCSIFT_ASSERT(lock_fd_ >= 0);
  DOCSIFT_RETURN_IF_ERROR(verify());
  if (segments_.size() <= 1) return Status::Ok();
  std::vector<const Segment*> parts;
  std::vector<std::string> obsolete;
  for (const Segment& s : segments_) {
    parts.push_back(&s);
    obsolete.push_back(s.path());
  }
  const uint64_t number = next_segment_++;
  const std::string path = dir_ + "/" + segment_name(number);
  DOCSIFT_RETURN_IF_ERROR(Segment::merge(parts, path, info_.layout, info_.options));
  auto merged = Segment::open(path, info_.layout, &info_.options);
  if (!merged.ok()) return merged.status();
  DOCSIFT_RETURN_IF_ERROR(merged->verify());
  crash_point("merge_written");
  std::vector<Segment> segments;
  segments.push_back(std::move(merged).value());
  std::vector<uint64_t> numbers = {number};
  std::swap(segment_numbers_, numbers);
  Status switched = switch_to(std::move(segments), info_.num_docs, info_.num_batches, obsolete);
  if (!switched.ok()) std::swap(segment_numbers_, numbers);
  return switched;
}

Status StoredIndex::verify() const {
  for (const Segment& s : segments_) DOCSIFT_RETURN_IF_ERROR(s.verify());
  return Status::Ok();
}

std::string describe_stored_index(const std::string& dir, const StoredIndexInfo& info) {
  static const char* const kKinds[] = {"exact", "minhash", "simhash", "passage counts"};
  std::string out;
  auto line = [&](const char* name, const std::string& value) {
    out.append(name).append(": ").append(value).append("\n");
  };
  line("index", dir);
  line("method", kKinds[static_cast<unsigned>(info.layout.kind)]);
  line("documents", std::to_string(info.num_docs));
  line("batches", std::to_string(info.num_batches));
  line("segments", std::to_string(info.num_segments));
  line("bytes_on_disk", std::to_string(info.bytes_on_disk));
  if (info.num_docs > 0) {
    line("bytes_per_document", std::to_string(info.bytes_on_disk / info.num_docs));
  }
  out += "options:\n";
  for (const auto& [name, value] : parse_options_text(info.options.text())) {
    out.append("  ").append(name).append("=").append(value).append("\n");
  }
  return out;
}

}  // namespace docsift
