// docsift._docsift: the Python bindings. Each function converts its arguments, releases the GIL,
// calls the library's jobs and stages (pipeline/in_memory.h, vector/cluster.h, index/lsh_index.h,
// the CLI's add_all_commands) and converts the result to numpy arrays. No algorithm lives here.
//
// Texts: any iterable of str, read in the CLI's batches with the GIL held (ASCII strings without a
// copy of their own, others through a temporary UTF-8 bytes object freed at once, so CPython's
// cached UTF-8 copy is never created), then worked on with the GIL released. Ctrl-C is checked
// between batches.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app.h"
#include "index/lsh_index.h"
#include "index/lsh_params.h"
#include "io/record.h"
#include "io/record_batch.h"
#include "passages/strip.h"
#include "pipeline/in_memory.h"
#include "vector/cluster.h"

namespace py = pybind11;
using namespace docsift;

namespace {

PyObject* g_text_type_error = nullptr;  // docsift.TextTypeError(TypeError, ValueError)

[[noreturn]] void raise_status(const Status& s) {
  switch (s.code()) {
    case StatusCode::kIoError:
      PyErr_SetString(PyExc_OSError, s.message().c_str());
      break;
    case StatusCode::kResourceExhausted:
      PyErr_SetString(PyExc_MemoryError, s.message().c_str());
      break;
    default:
      PyErr_SetString(PyExc_ValueError, s.message().c_str());
  }
  throw py::error_already_set();
}

[[noreturn]] void raise_value(const std::string& message) {
  PyErr_SetString(PyExc_ValueError, message.c_str());
  throw py::error_already_set();
}

template <class T>
T unwrap(Result<T> r) {
  if (!r.ok()) raise_status(r.status());
  return std::move(r).value();
}

// A batch of texts as one UTF-8 buffer plus views into it.
struct TextBatch {
  std::string bytes;
  std::vector<size_t> ends;
  std::vector<std::string_view> views() const {
    std::vector<std::string_view> v(ends.size());
    size_t b = 0;
    for (size_t i = 0; i < ends.size(); ++i) {
      v[i] = std::string_view(bytes).substr(b, ends[i] - b);
      b = ends[i];
    }
    return v;
  }
  void clear() {
    bytes.clear();
    ends.clear();
  }
};

// Reads an iterable of str in batches (GIL held).
class TextReader {
 public:
  explicit TextReader(py::handle texts) {
    if (PyUnicode_Check(texts.ptr()) || PyBytes_Check(texts.ptr())) {
      PyErr_SetString(g_text_type_error,
                      "texts must be an iterable of str, not a single str or bytes");
      throw py::error_already_set();
    }
    iter_ = py::reinterpret_steal<py::object>(PyObject_GetIter(texts.ptr()));
    if (!iter_) throw py::error_already_set();
  }

  // Appends texts to `batch` until it holds max_docs texts or max_bytes bytes or the iterable
  // ends; false when nothing was left.
  bool next(TextBatch& batch, size_t max_docs, size_t max_bytes) {
    batch.clear();
    while (batch.ends.size() < max_docs && batch.bytes.size() < max_bytes) {
      if (!each_utf8([&](const char* p, size_t n) { batch.bytes.append(p, n); })) break;
      batch.ends.push_back(batch.bytes.size());
    }
    return !batch.ends.empty();
  }

  // The same into records (text only), for the stages that take records: one copy of the text.
  bool next(std::vector<Record>& batch, size_t max_docs, size_t max_bytes) {
    batch.clear();
    size_t bytes = 0;
    while (batch.size() < max_docs && bytes < max_bytes) {
      Record* rec = nullptr;
      if (!each_utf8([&](const char* p, size_t n) {
            rec = &batch.emplace_back();
            rec->text.assign(p, n);
            bytes += n;
          })) {
        break;
      }
    }
    return !batch.empty();
  }

 private:
  // Calls put(utf8, size) for the next item; false at the end of the iterable.
  template <class Put>
  bool each_utf8(const Put& put) {
    py::object item = py::reinterpret_steal<py::object>(PyIter_Next(iter_.ptr()));
    if (!item) {
      if (PyErr_Occurred()) throw py::error_already_set();
      return false;
    }
    PyObject* o = item.ptr();
    if (!PyUnicode_Check(o)) {
      PyErr_Format(g_text_type_error, "texts[%zu] is %s, not str", index_, Py_TYPE(o)->tp_name);
      throw py::error_already_set();
    }
    if (PyUnicode_IS_ASCII(o)) {  // the str's own bytes are its UTF-8
      put(static_cast<const char*>(PyUnicode_DATA(o)),
          static_cast<size_t>(PyUnicode_GET_LENGTH(o)));
    } else {
      py::object utf8 = py::reinterpret_steal<py::object>(PyUnicode_AsUTF8String(o));
      if (!utf8) throw py::error_already_set();  // lone surrogates
      put(PyBytes_AS_STRING(utf8.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(utf8.ptr())));
    }
    ++index_;
    return true;
  }

  py::object iter_;
  size_t index_ = 0;
};

// The CLI's batches (io/record_batch.h): small enough that converting one overlaps the work on
// the previous one, large enough to keep every worker busy.
constexpr size_t kBatchDocs = BatchLimits{}.max_docs;
constexpr size_t kBatchBytes = BatchLimits{}.max_bytes;

void check_signals() {
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

// Every text of `texts` (for the stages that need them all).
TextBatch read_all(py::handle texts) {
  TextReader reader(texts);
  TextBatch all, batch;
  while (reader.next(batch, kBatchDocs, kBatchBytes)) {
    const size_t base = all.bytes.size();
    all.bytes += batch.bytes;
    for (size_t e : batch.ends) all.ends.push_back(base + e);
    check_signals();
  }
  return all;
}

template <class T>
py::array_t<T> to_array(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
  return a;
}

ShingleUnit parse_unit(const std::string& unit) {
  if (unit == "word") return ShingleUnit::kWord;
  if (unit == "char") return ShingleUnit::kChar;
  raise_value("unit must be word or char, not " + unit);
}

DedupOptions dedup_options(const std::string& method, double threshold, unsigned num_perm,
                           unsigned ngram, const std::string& unit, uint64_t seed,
                           const std::string& keep, unsigned threads) {
  DedupOptions o;
  if (method == "exact") {
    o.method = DedupMethod::kExact;
  } else if (method == "minhash") {
    o.method = DedupMethod::kMinHash;
  } else if (method == "simhash") {
    o.method = DedupMethod::kSimHash;
  } else {
    raise_value("method must be exact, minhash or simhash, not " + method);
  }
  if (keep == "first") {
    o.keep = KeepPolicy::kFirst;
  } else if (keep == "longest") {
    o.keep = KeepPolicy::kLongest;
  } else {
    raise_value("keep must be first or longest, not " + keep);
  }
  o.threshold = threshold;
  o.num_perm = num_perm;
  o.ngram = ngram;
  o.unit = parse_unit(unit);
  o.seed = seed;
  o.threads = threads;
  return o;
}

// Feeds every text of `texts` to a TextDedup in batches: a worker thread (which never touches
// Python) works on batch i while this thread, holding the GIL, converts batch i + 1.
std::unique_ptr<TextDedup> scan_texts(py::handle texts, const DedupOptions& options) {
  auto dedup = unwrap(TextDedup::create(options));
  TextReader reader(texts);
  std::vector<Record> current, next;
  std::thread worker;
  std::exception_ptr failed;  // an exception of the worker (std::bad_alloc), rethrown here
  auto join = [&] {
    if (!worker.joinable()) return;
    py::gil_scoped_release release;
    worker.join();
  };
  try {
    bool more = reader.next(current, kBatchDocs, kBatchBytes);
    while (more) {
      worker = std::thread([&dedup, &current, &failed] {
        try {
          dedup->add(current);
        } catch (...) {
          failed = std::current_exception();
        }
      });
      more = reader.next(next, kBatchDocs, kBatchBytes);
      join();
      if (failed) std::rethrow_exception(failed);
      std::swap(current, next);
      check_signals();
    }
  } catch (...) {
    join();  // the worker holds references to this frame
    throw;
  }
  return dedup;
}

py::dict dedup(py::handle texts, const std::string& method, double threshold, unsigned num_perm,
               unsigned ngram, const std::string& unit, uint64_t seed, const std::string& keep,
               unsigned threads) {
  const DedupOptions options =
      dedup_options(method, threshold, num_perm, ngram, unit, seed, keep, threads);
  auto scan = scan_texts(texts, options);
  Result<Grouping> grouped = Status::Ok();
  {
    py::gil_scoped_release release;
    grouped = scan->finish();
  }
  const Grouping g = unwrap(std::move(grouped));
  const size_t n = g.kept_of.size();
  py::array_t<int64_t> duplicate_of(static_cast<py::ssize_t>(n));
  py::array_t<int64_t> group(static_cast<py::ssize_t>(n));
  py::array_t<bool> kept(static_cast<py::ssize_t>(n));
  auto dup = duplicate_of.mutable_unchecked<1>();
  auto grp = group.mutable_unchecked<1>();
  auto kep = kept.mutable_unchecked<1>();
  for (size_t d = 0; d < n; ++d) {
    const bool k = g.kept_of[d] == d;
    dup(d) = k ? -1 : static_cast<int64_t>(g.kept_of[d]);
    grp(d) = g.cluster_of[d];
    kep(d) = k;
  }
  py::dict out;
  out["duplicate_of"] = duplicate_of;
  out["similarity"] = to_array(g.similarity);
  out["group"] = group;
  out["kept"] = kept;
  return out;
}

py::array_t<uint32_t> minhash(py::handle texts, unsigned num_perm, unsigned ngram,
                              const std::string& unit, uint64_t seed, unsigned threads) {
  DedupOptions o = dedup_options("minhash", 0.8, num_perm, ngram, unit, seed, "first", threads);
  auto scan = scan_texts(texts, o);
  const std::span<const uint32_t> sig = scan->signatures();
  py::array_t<uint32_t> out(
      {static_cast<py::ssize_t>(scan->size()), static_cast<py::ssize_t>(num_perm)});
  if (!sig.empty()) std::memcpy(out.mutable_data(), sig.data(), sig.size() * sizeof(uint32_t));
  return out;
}

py::dict passages(py::handle texts, const std::string& unit, unsigned min_words, bool near,
                  double threshold, const std::string& shingle_unit, unsigned ngram,
                  unsigned num_perm, unsigned min_docs, const std::string& boilerplate,
                  bool lines, unsigned line_min_docs, uint64_t seed, unsigned threads,
                  size_t max_memory) {
  PassageOptions o;
  if (unit == "block") {
    o.unit = PassageUnit::kBlock;
  } else if (unit == "sentence") {
    o.unit = PassageUnit::kSentence;
  } else {
    raise_value("unit must be block or sentence, not " + unit);
  }
  if (boilerplate == "remove") {
    o.boilerplate = BoilerplateMode::kRemove;
  } else if (boilerplate == "keep-first") {
    o.boilerplate = BoilerplateMode::kKeepFirst;
  } else {
    raise_value("boilerplate must be remove or keep-first, not " + boilerplate);
  }
  o.min_words = min_words;
  o.near = near;
  o.threshold = threshold;
  o.shingle_unit = parse_unit(shingle_unit);
  o.ngram = ngram;
  o.num_perm = num_perm;
  o.min_docs = min_docs;
  o.lines.enabled = lines;
  o.lines.min_docs = line_min_docs;
  o.seed = seed;
  o.threads = threads;
  o.max_memory = max_memory;
  const TextBatch all = read_all(texts);
  Result<TextPassages> found = Status::Ok();
  {
    py::gil_scoped_release release;
    const std::vector<std::string_view> views = all.views();
    found = find_passages(views, o);
  }
  const TextPassages p = unwrap(std::move(found));
  const std::vector<std::string_view> views = all.views();
  // Python str index of a UTF-8 byte offset: the code points before it.
  auto char_offset = [&](uint32_t doc, uint32_t byte) {
    const std::string_view t = views[doc].substr(0, byte);
    return static_cast<int64_t>(std::count_if(
        t.begin(), t.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  const size_t n = p.rows.size();
  std::vector<int64_t> char_start(n), char_end(n), of_char_start(n), of_char_end(n);
  std::vector<int64_t> doc(n), start(n), end(n), cut_start(n), of_doc(n), of_start(n), of_end(n),
      documents(n);
  std::vector<double> similarity(n);
  py::array_t<bool> removed(static_cast<py::ssize_t>(n));
  py::list kinds;
  auto rem = removed.mutable_unchecked<1>();
  py::str within("within"), across("across"), line("line");
  for (size_t i = 0; i < n; ++i) {
    const TextPassageRow& r = p.rows[i];
    doc[i] = r.doc;
    start[i] = r.start;
    end[i] = r.end;
    cut_start[i] = r.cut_start;
    of_doc[i] = r.of_doc;
    of_start[i] = r.of_start;
    of_end[i] = r.of_end;
    documents[i] = r.documents;
    similarity[i] = r.similarity;
    rem(i) = r.removed;
    char_start[i] = char_offset(r.doc, r.start);
    char_end[i] = char_offset(r.doc, r.end);
    of_char_start[i] = char_offset(r.of_doc, r.of_start);
    of_char_end[i] = char_offset(r.of_doc, r.of_end);
    kinds.append(std::strcmp(r.kind, "within") == 0 ? within
                 : std::strcmp(r.kind, "line") == 0 ? line
                                                    : across);
  }
  py::dict out;
  out["doc"] = to_array(doc);
  out["start"] = to_array(start);
  out["end"] = to_array(end);
  out["kind"] = py::module_::import("numpy").attr("array")(kinds, py::arg("dtype") = "<U6");
  out["duplicate_of_doc"] = to_array(of_doc);
  out["duplicate_of_start"] = to_array(of_start);
  out["duplicate_of_end"] = to_array(of_end);
  out["similarity"] = to_array(similarity);
  out["documents"] = to_array(documents);
  out["removed"] = removed;
  out["cut_start"] = to_array(cut_start);
  out["char_start"] = to_array(char_start);
  out["char_end"] = to_array(char_end);
  out["duplicate_of_char_start"] = to_array(of_char_start);
  out["duplicate_of_char_end"] = to_array(of_char_end);
  out["num_texts"] = all.ends.size();  // for the ids check of a generator (popped in Python)
  return out;
}

py::list strip(py::handle texts, py::array_t<int64_t, py::array::forcecast> doc,
               py::array_t<int64_t, py::array::forcecast> cut_start,
               py::array_t<int64_t, py::array::forcecast> end,
               py::array_t<bool, py::array::forcecast> removed) {
  const TextBatch all = read_all(texts);
  const size_t n = all.ends.size();
  const py::ssize_t rows = doc.size();
  if (cut_start.size() != rows || end.size() != rows || removed.size() != rows) {
    raise_value("passages: columns doc, cut_start, end and removed differ in length");
  }
  std::vector<std::vector<Cut>> cuts(n);
  auto d = doc.unchecked<1>();
  auto cs = cut_start.unchecked<1>();
  auto e = end.unchecked<1>();
  auto r = removed.unchecked<1>();
  for (py::ssize_t i = 0; i < rows; ++i) {
    if (!r(i)) continue;
    if (d(i) < 0 || static_cast<size_t>(d(i)) >= n) {
      raise_value("passages: row " + std::to_string(i) + " names document " + std::to_string(d(i)) +
                  " of " + std::to_string(n));
    }
    cuts[d(i)].push_back({static_cast<uint32_t>(cs(i)), static_cast<uint32_t>(e(i))});
  }
  // Line rows ("line") follow a document's passage rows and may overlap them: sort and merge.
  for (std::vector<Cut>& doc_cuts : cuts) {
    std::sort(doc_cuts.begin(), doc_cuts.end(),
              [](const Cut& a, const Cut& b) { return a.marker_begin < b.marker_begin; });
    size_t kept = 0;
    for (const Cut& c : doc_cuts) {
      if (kept > 0 && c.marker_begin < doc_cuts[kept - 1].end) {
        doc_cuts[kept - 1].end = std::max(doc_cuts[kept - 1].end, c.end);
      } else {
        doc_cuts[kept++] = c;
      }
    }
    doc_cuts.resize(kept);
  }
  const std::vector<std::string_view> views = all.views();
  std::vector<std::string> out(n);
  for (size_t i = 0; i < n; ++i) {
    for (const Cut& c : cuts[i]) {
      if (c.marker_begin > c.end || c.end > views[i].size()) {
        raise_value("passages: a cut of document " + std::to_string(i) +
                    " lies outside its text (are these the texts the passages came from?)");
      }
    }
  }
  {
    py::gil_scoped_release release;
    for (size_t i = 0; i < n; ++i) out[i] = strip_passages(views[i], cuts[i]);
  }
  py::list result;
  for (const std::string& s : out) result.append(py::str(s));
  return result;
}

py::dict cluster(py::handle texts, size_t k, uint64_t seed, unsigned threads, unsigned ngram,
                 double min_df, double max_df, size_t k_max, size_t num_labels, unsigned n_init,
                 unsigned max_iter, bool keep_boilerplate) {
  ClusterOptions o;
  o.kmeans.k = k;  // 0 = auto
  o.kmeans.seed = seed;
  o.kmeans.threads = threads;
  o.tfidf.threads = threads;
  o.tfidf.ngram = ngram;
  o.tfidf.min_df = min_df;
  o.tfidf.max_df = max_df;
  o.k_max = k_max;
  o.labels.num_labels = num_labels;
  o.kmeans.n_init = n_init;
  o.kmeans.max_iter = max_iter;
  if (ngram < 1 || ngram > 2) raise_value("ngram must be 1 or 2");
  const TextBatch all = read_all(texts);
  if (all.ends.empty()) raise_status(Status::InvalidInput("no documents to cluster"));
  if (k > all.ends.size()) {
    raise_status(Status::InvalidArgument("k " + std::to_string(k) + " is more than the " +
                                         std::to_string(all.ends.size()) +
                                         " documents to cluster"));
  }
  Result<ClusterResult> clustered = Status::Ok();
  {
    py::gil_scoped_release release;
    std::vector<std::string_view> views = all.views();
    std::vector<std::string> cleaned;
    Status stripped_ok = Status::Ok();
    if (!keep_boilerplate) {  // as `docsift cluster`: without the boilerplate passages
      cleaned.assign(views.begin(), views.end());
      PassageOptions p;
      p.threads = threads;
      auto stripped = strip_duplicate_passages(cleaned, p, /*keep_reprints=*/true);
      if (!stripped.ok()) stripped_ok = stripped.status();
      views.assign(cleaned.begin(), cleaned.end());
    }
    clustered = stripped_ok.ok() ? cluster_documents(views, NormalizeOptions{}, o)
                                 : Result<ClusterResult>(stripped_ok);
  }
  const ClusterResult r = unwrap(std::move(clustered));
  std::vector<int64_t> labels(r.docs.size());
  std::vector<float> scores(r.docs.size());
  for (size_t i = 0; i < r.docs.size(); ++i) {
    labels[i] = r.docs[i].cluster;
    scores[i] = r.docs[i].score;
  }
  std::vector<int64_t> representatives, sizes;
  std::vector<std::vector<std::string>> cluster_labels;
  for (const ClusterSummary& c : r.clusters) {
    representatives.push_back(static_cast<int64_t>(c.representative));
    sizes.push_back(static_cast<int64_t>(c.size));
    cluster_labels.push_back(c.labels);
  }
  py::dict out;
  out["labels"] = to_array(labels);
  out["scores"] = to_array(scores);
  out["cluster_labels"] = cluster_labels;
  out["representatives"] = to_array(representatives);
  out["sizes"] = to_array(sizes);
  out["k"] = r.k;
  return out;
}

// Runs one CLI command in-process; returns its exit status (CLI11 prints help and usage itself).
int run_cli(const std::vector<std::string>& args) {
  std::vector<std::string> argv_storage;
  argv_storage.push_back("docsift");
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  py::gil_scoped_release release;
  CLI::App app{"docsift"};
  int exit_status = 0;
  cli::add_all_commands(app, exit_status);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const std::bad_alloc&) {
    return 4;
  } catch (const std::length_error&) {
    return 4;
  }
  return exit_status;
}

// docsift.LshIndex: the library's LshIndex over uint32 signature rows.
class PyLshIndex {
 public:
  PyLshIndex(unsigned num_perm, double threshold, unsigned bands, unsigned rows,
             size_t max_bucket_size, unsigned threads)
      : index_(make(num_perm, threshold, bands, rows, max_bucket_size, threads)) {}
  explicit PyLshIndex(LshIndex index) : index_(std::move(index)) {}

  void add(py::array_t<uint32_t, py::array::c_style | py::array::forcecast> signatures,
           py::object ids) {
    const unsigned k = index_.options().num_perm;
    if (signatures.ndim() != 2 || signatures.shape(1) != static_cast<py::ssize_t>(k)) {
      raise_value("signatures must have shape (n, " + std::to_string(k) + ")");
    }
    const size_t n = static_cast<size_t>(signatures.shape(0));
    std::vector<uint64_t> id(n);
    if (ids.is_none()) {
      for (size_t i = 0; i < n; ++i) id[i] = next_id_ + i;
    } else {
      auto a = py::array_t<uint64_t, py::array::c_style | py::array::forcecast>::ensure(ids);
      if (!a || a.ndim() != 1 || static_cast<size_t>(a.size()) != n) {
        raise_value("ids must be a 1-D array of " + std::to_string(n) + " integers");
      }
      std::copy(a.data(), a.data() + n, id.begin());
    }
    Status s;
    {
      py::gil_scoped_release release;
      s = index_.add({signatures.data(), n * k}, id);
    }
    if (!s.ok()) raise_status(s);
    for (uint64_t i : id) next_id_ = std::max(next_id_, i + 1);
  }

  py::array_t<uint64_t> query(py::array_t<uint32_t, py::array::c_style | py::array::forcecast> s) {
    const unsigned k = index_.options().num_perm;
    if (s.ndim() != 1 || s.size() != static_cast<py::ssize_t>(k)) {
      raise_value("signature must have " + std::to_string(k) + " values");
    }
    std::vector<uint64_t> ids;
    {
      py::gil_scoped_release release;
      ids = index_.query({s.data(), k});
    }
    return to_array(ids);
  }

  py::array_t<uint64_t> candidate_pairs() const {
    std::vector<IdPair> pairs;
    {
      py::gil_scoped_release release;
      pairs = index_.candidate_pairs();
    }
    py::array_t<uint64_t> out({static_cast<py::ssize_t>(pairs.size()), py::ssize_t{2}});
    auto o = out.mutable_unchecked<2>();
    for (size_t i = 0; i < pairs.size(); ++i) {
      o(i, 0) = pairs[i].a;
      o(i, 1) = pairs[i].b;
    }
    return out;
  }

  void save(const std::string& path) const {
    Status s;
    {
      py::gil_scoped_release release;
      s = index_.save(path);
    }
    if (!s.ok()) raise_status(s);
  }

  static PyLshIndex load(const std::string& path, unsigned threads) {
    Result<LshIndex> r = Status::Ok();
    {
      py::gil_scoped_release release;
      r = LshIndex::load(path, nullptr, threads);
    }
    PyLshIndex out(unwrap(std::move(r)));
    out.next_id_ = out.index_.size();  // automatic ids go on from len(index)
    return out;
  }

  size_t size() const { return index_.size(); }
  unsigned num_perm() const { return index_.options().num_perm; }
  unsigned bands() const { return index_.options().params.num_bands; }
  unsigned rows() const { return index_.options().params.rows_per_band; }

 private:
  static LshIndex make(unsigned num_perm, double threshold, unsigned bands, unsigned rows,
                       size_t max_bucket_size, unsigned threads) {
    LshIndexOptions o;
    o.num_perm = num_perm;
    o.params = unwrap(resolve_lsh_params(num_perm, threshold, bands, rows));
    o.max_bucket_size = max_bucket_size;
    o.threads = threads;
    return unwrap(LshIndex::create(o));
  }
  LshIndex index_;
  uint64_t next_id_ = 0;
};

}  // namespace

PYBIND11_MODULE(_docsift, m) {
  m.doc() = "docsift: corpus deduplication, passage cleaning and topic clustering (C++ core)";
  g_text_type_error = PyErr_NewExceptionWithDoc(
      "docsift.TextTypeError",
      "An item of texts is not a str, or of ids not a str or int (a TypeError and a ValueError).",
      py::make_tuple(py::handle(PyExc_TypeError), py::handle(PyExc_ValueError)).ptr(), nullptr);
  m.attr("TextTypeError") = py::handle(g_text_type_error);
  m.attr("__version__") = cli::version_number();
  m.def("dedup", &dedup, py::arg("texts"), py::kw_only(), py::arg("method"), py::arg("threshold"),
        py::arg("num_perm"), py::arg("ngram"), py::arg("unit"), py::arg("seed"), py::arg("keep"),
        py::arg("threads"));
  m.def("minhash", &minhash, py::arg("texts"), py::kw_only(), py::arg("num_perm"), py::arg("ngram"),
        py::arg("unit"), py::arg("seed"), py::arg("threads"));
  m.def("passages", &passages, py::arg("texts"), py::kw_only(), py::arg("unit"),
        py::arg("min_words"), py::arg("near"), py::arg("threshold"), py::arg("shingle_unit"),
        py::arg("ngram"), py::arg("num_perm"), py::arg("min_docs"), py::arg("boilerplate"),
        py::arg("lines"), py::arg("line_min_docs"), py::arg("seed"), py::arg("threads"),
        py::arg("max_memory"));
  m.def("strip", &strip, py::arg("texts"), py::arg("doc"), py::arg("cut_start"), py::arg("end"),
        py::arg("removed"));
  m.def("cluster", &cluster, py::arg("texts"), py::kw_only(), py::arg("k"), py::arg("seed"),
        py::arg("threads"), py::arg("ngram"), py::arg("min_df"), py::arg("max_df"),
        py::arg("k_max"), py::arg("num_labels"), py::arg("n_init"), py::arg("max_iter"),
        py::arg("keep_boilerplate"));
  m.def("run_cli", &run_cli, py::arg("args"));
  py::class_<PyLshIndex>(m, "LshIndex")
      .def(py::init<unsigned, double, unsigned, unsigned, size_t, unsigned>(),
           py::arg("num_perm") = 128, py::arg("threshold") = 0.8, py::arg("bands") = 0,
           py::arg("rows") = 0, py::arg("max_bucket_size") = 64, py::arg("threads") = 0)
      .def("add", &PyLshIndex::add, py::arg("signatures"), py::arg("ids") = py::none())
      .def("query", &PyLshIndex::query, py::arg("signature"))
      .def("candidate_pairs", &PyLshIndex::candidate_pairs)
      .def("save", &PyLshIndex::save, py::arg("path"))
      .def_static("load", &PyLshIndex::load, py::arg("path"), py::arg("threads") = 0)
      .def("__len__", &PyLshIndex::size)
      .def_property_readonly("num_perm", &PyLshIndex::num_perm)
      .def_property_readonly("bands", &PyLshIndex::bands)
      .def_property_readonly("rows", &PyLshIndex::rows);
}
