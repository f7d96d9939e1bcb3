#include "core/binary_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "common/test_files.h"
#include "core/xxh3.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

constexpr BinaryFormat kTestFormat{{'T', 'E', 'S', 'T'}, 1, "test table"};

class BinaryFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("docsift_binary_file_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

OptionsText sample_options(unsigned ngram = 5) {
  return OptionsText{{"method", "minhash"}, {"unit", "word"},    {"ngram", std::to_string(ngram)},
                     {"seed", "1"},         {"num_perm", "128"}, {"fold_digits", "0"}};
}

using testing::read_file;  // common/test_files.h
using testing::write_file;

// A file with counts {n, 7} and payload: n uint64, n uint32, n float, n uint8.
struct Sample {
  std::vector<uint64_t> u64;
  std::vector<uint32_t> u32;
  std::vector<float> f32;
  std::vector<uint8_t> u8;
};

Sample random_sample(uint64_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  Sample s;
  for (size_t i = 0; i < n; ++i) {
    s.u64.push_back(rng());
    s.u32.push_back(static_cast<uint32_t>(rng()));
    s.f32.push_back(static_cast<float>(rng() % 1000) / 1000.0f);
    s.u8.push_back(static_cast<uint8_t>(rng()));
  }
  return s;
}

Status write_sample(const std::string& p, const Sample& s, const OptionsText& options,
                    const BinaryFormat& format = kTestFormat) {
  BinaryFileWriter w;
  const uint64_t counts[] = {s.u64.size(), 7};
  DOCSIFT_RETURN_IF_ERROR(w.open(p, format, options, counts));
  w.put_array<uint64_t>(s.u64);
  w.put_array<uint32_t>(s.u32);
  w.put_array<float>(s.f32);
  w.put_array<uint8_t>(s.u8);
  return w.commit();
}

Status read_sample(const std::string& p, const OptionsText* expected, Sample* s) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(p, kTestFormat, expected, 2));
  const uint64_t n = r.counts()[0];
  if (r.counts()[1] != 7) return Status::InvalidInput("bad second count");
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &s->u64));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &s->u32));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &s->f32));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &s->u8));
  return r.finish();
}

TEST(OptionsText, CanonicalTextAndFingerprint) {
  const OptionsText o = sample_options();
  EXPECT_EQ(o.text(), "method=minhash\nunit=word\nngram=5\nseed=1\nnum_perm=128\nfold_digits=0\n");
  EXPECT_EQ(o.fingerprint(), XXH3_64bits(o.text().data(), o.text().size()));
  EXPECT_NE(o.fingerprint(), sample_options(3).fingerprint());
  EXPECT_EQ(OptionsText().add("a", uint64_t{12}).text(), "a=12\n");
}

TEST(OptionsText, DifferenceNamesTheOptions) {
  EXPECT_EQ(describe_options_difference(sample_options().text(), sample_options().text(), "x"), "");
  EXPECT_EQ(describe_options_difference(sample_options(5).text(), sample_options(3).text(),
                                        "signatures.bin"),
            "signatures.bin was made with ngram=5, this run uses ngram=3");
  OptionsText a{{"ngram", "5"}, {"seed", "2"}, {"unit", "word"}};
  OptionsText b{{"ngram", "3"}, {"seed", "1"}, {"extra", "on"}};
  EXPECT_EQ(describe_options_difference(a.text(), b.text(), "f"),
            "f was made with ngram=5, seed=2, unit=word, extra=(absent), this run uses ngram=3, "
            "seed=1, unit=(absent), extra=on");
  OptionsText c{{"seed", "2"}, {"ngram", "5"}, {"unit", "word"}};
  EXPECT_EQ(describe_options_difference(a.text(), c.text(), "f"),
            "f was made with the same options in another order");
}

TEST_F(BinaryFileTest, RoundTripsOnRandomInput) {
  for (size_t n : {0u, 1u, 3u, 17u, 1000u}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const Sample in = random_sample(n + 1, n);
    const OptionsText options = sample_options();
    ASSERT_TRUE(write_sample(path("a.bin"), in, options).ok());
    Sample out;
    const Status st = read_sample(path("a.bin"), &options, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(out.u64, in.u64);
    EXPECT_EQ(out.u32, in.u32);
    EXPECT_EQ(out.f32, in.f32);
    EXPECT_EQ(out.u8, in.u8);
    // Same values, same bytes.
    const std::string first = read_file(path("a.bin"));
    ASSERT_TRUE(write_sample(path("b.bin"), out, options).ok());
    EXPECT_EQ(read_file(path("b.bin")), first);
  }
}

TEST_F(BinaryFileTest, LayoutIsTheDocumentedOne) {
  const Sample in = random_sample(9, 3);
  const OptionsText options = sample_options();
  ASSERT_TRUE(write_sample(path("a.bin"), in, options).ok());
  const std::string bytes = read_file(path("a.bin"));
  auto u32_at = [&](size_t off) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(bytes[off + i]);
    return v;
  };
  auto u64_at = [&](size_t off) { return u32_at(off) | uint64_t{u32_at(off + 4)} << 32; };
  const size_t text = options.text().size();
  const size_t payload = 3 * (8 + 4 + 4 + 1);
  ASSERT_EQ(bytes.size(), 24 + text + 16 + payload + 8);
  EXPECT_EQ(bytes.substr(0, 4), "TEST");
  EXPECT_EQ(u32_at(4), 1u);
  EXPECT_EQ(u64_at(8), options.fingerprint());
  EXPECT_EQ(u32_at(16), text);
  EXPECT_EQ(u32_at(20), 2u);
  EXPECT_EQ(bytes.substr(24, text), options.text());
  EXPECT_EQ(u64_at(24 + text), 3u);
  EXPECT_EQ(u64_at(24 + text + 8), 7u);
  EXPECT_EQ(u64_at(24 + text + 16), in.u64[0]);
  EXPECT_EQ(u64_at(bytes.size() - 8), XXH3_64bits(bytes.data(), bytes.size() - 8));
}

TEST_F(BinaryFileTest, RefusesWrongMagicVersionAndOptions) {
  const Sample in = random_sample(3, 17);
  const OptionsText options = sample_options(5);
  ASSERT_TRUE(write_sample(path("a.bin"), in, options).ok());
  Sample out;

  constexpr BinaryFormat kOther{{'O', 'T', 'H', 'R'}, 1, "other table"};
  ASSERT_TRUE(write_sample(path("magic.bin"), in, options, kOther).ok());
  Status st = read_sample(path("magic.bin"), &options, &out);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_NE(st.message().find("not a docsift test table: bad magic"), std::string::npos)
      << st.message();

  constexpr BinaryFormat kV3{{'T', 'E', 'S', 'T'}, 3, "test table"};
  ASSERT_TRUE(write_sample(path("v3.bin"), in, options, kV3).ok());
  st = read_sample(path("v3.bin"), &options, &out);
  EXPECT_NE(st.message().find("format version 3, this docsift reads 1"), std::string::npos)
      << st.message();

  const OptionsText other = sample_options(3);
  st = read_sample(path("a.bin"), &other, &out);
  EXPECT_EQ(st.message(), path("a.bin") + " was made with ngram=5, this run uses ngram=3");

  // nullptr accepts any options and reports them.
  BinaryFileReader r;
  ASSERT_TRUE(r.open(path("a.bin"), kTestFormat, nullptr, 2).ok());
  EXPECT_EQ(r.options(), options);
  st = BinaryFileReader().open(path("a.bin"), kTestFormat, nullptr, 3);
  EXPECT_NE(st.message().find("2 element counts, expected 3"), std::string::npos) << st.message();
}

TEST_F(BinaryFileTest, EveryPrefixAndEveryFlippedByteIsRefused) {
  const Sample in = random_sample(4, 3);
  const OptionsText options = sample_options();
  ASSERT_TRUE(write_sample(path("a.bin"), in, options).ok());
  const std::string bytes = read_file(path("a.bin"));
  for (size_t len = 0; len < bytes.size(); ++len) {
    write_file(path("cut.bin"), std::string_view(bytes).substr(0, len));
    Sample out;
    const Status st = read_sample(path("cut.bin"), nullptr, &out);
    EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << "prefix " << len << ": " << st.message();
  }
  for (size_t pos = 0; pos < bytes.size(); ++pos) {
    std::string flipped = bytes;
    flipped[pos] = static_cast<char>(flipped[pos] ^ (1 << (pos % 8)));
    write_file(path("flip.bin"), flipped);
    Sample out;
    const Status st = read_sample(path("flip.bin"), nullptr, &out);
    EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << "byte " << pos << ": " << st.message();
  }
  // Which check fires, by region.
  auto message_after_flip = [&](size_t pos) {
    std::string flipped = bytes;
    flipped[pos] = static_cast<char>(flipped[pos] ^ 1);
    write_file(path("flip.bin"), flipped);
    Sample out;
    return read_sample(path("flip.bin"), nullptr, &out).message();
  };
  EXPECT_NE(message_after_flip(0).find("bad magic"), std::string::npos);
  EXPECT_NE(message_after_flip(4).find("format version"), std::string::npos);
  EXPECT_NE(message_after_flip(30).find("fingerprint does not match"), std::string::npos);
  EXPECT_NE(message_after_flip(bytes.size() - 20).find("checksum mismatch"), std::string::npos);
  EXPECT_NE(message_after_flip(bytes.size() - 1).find("checksum mismatch"), std::string::npos);
}

TEST_F(BinaryFileTest, HugeCountsAreRefusedWithoutAllocating) {
  BinaryFileWriter w;
  const uint64_t counts[] = {uint64_t{1} << 61};
  ASSERT_TRUE(w.open(path("a.bin"), kTestFormat, OptionsText{{"k", "v"}}, counts).ok());
  w.put_u64(5);
  ASSERT_TRUE(w.commit().ok());
  BinaryFileReader r;
  ASSERT_TRUE(r.open(path("a.bin"), kTestFormat, nullptr, 1).ok());
  std::vector<uint64_t> values;
  const Status st = r.read_array(r.counts()[0], &values);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_NE(st.message().find("only 8 bytes left"), std::string::npos) << st.message();
  EXPECT_TRUE(values.empty());
}

TEST_F(BinaryFileTest, UnreadPayloadIsRefused) {
  const Sample in = random_sample(5, 4);
  ASSERT_TRUE(write_sample(path("a.bin"), in, sample_options()).ok());
  BinaryFileReader r;
  ASSERT_TRUE(r.open(path("a.bin"), kTestFormat, nullptr, 2).ok());
  std::vector<uint64_t> u64;
  ASSERT_TRUE(r.read_array(4, &u64).ok());
  const Status st = r.finish();
  EXPECT_NE(st.message().find("bytes after the payload"), std::string::npos) << st.message();
}

TEST_F(BinaryFileTest, WriterReplacesOnlyOnCommit) {
  const OptionsText options = sample_options();
  ASSERT_TRUE(write_sample(path("a.bin"), random_sample(1, 3), options).ok());
  const std::string before = read_file(path("a.bin"));
  {
    BinaryFileWriter w;
    const uint64_t counts[] = {1, 7};
    ASSERT_TRUE(w.open(path("a.bin"), kTestFormat, options, counts).ok());
    w.put_u64(1);
    // destroyed without commit
  }
  EXPECT_EQ(read_file(path("a.bin")), before);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir_)) {
    ++files;
    EXPECT_EQ(e.path().filename(), "a.bin");
  }
  EXPECT_EQ(files, 1u);
  BinaryFileWriter w;
  const uint64_t counts[] = {0};
  const Status st = w.open(path("missing/dir/a.bin"), kTestFormat, options, counts);
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(BinaryFileReader().open(path("nope.bin"), kTestFormat, nullptr, 0).code(),
            StatusCode::kIoError);
}

}  // namespace
}  // namespace docsift
