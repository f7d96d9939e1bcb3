// OutputFile: nothing appears at the path before commit(), nothing is left after an abort, and
// inputs are never overwritten.
#include "io/output_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace docsift {
namespace {
namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("docsift_out_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  size_t entries() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(OutputFileTest, CommitRenamesAndReplaces) {
  const std::string p = path("out.jsonl");
  std::ofstream(p) << "old contents";
  auto out = OutputFile::open(p, {});
  ASSERT_TRUE(out.ok()) << out.status().message();
  std::string expected;
  for (int i = 0; i < 50000; ++i) {  // ~1.3 MB: crosses the 1 MiB buffer
    std::string line = "{\"id\":" + std::to_string(i) + "}\n";
    (*out)->write(line);
    expected += line;
  }
  const std::string big(3u << 20, 'b');  // larger than the buffer: written through
  (*out)->write(big);
  expected += big;
  EXPECT_EQ(slurp(p), "old contents");                                 // untouched until commit
  EXPECT_FALSE(fs::exists(p + ".tmp." + std::to_string(::getpid())));  // the old, fixed name
  ASSERT_TRUE((*out)->commit().ok());
  EXPECT_EQ(slurp(p), expected);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(OutputFileTest, AbortLeavesNothing) {
  const std::string p = path("out.jsonl");
  {
    auto out = OutputFile::open(p, {});
    ASSERT_TRUE(out.ok());
    (*out)->write(std::string(2u << 20, 'x'));
  }
  EXPECT_FALSE(fs::exists(p));
  EXPECT_EQ(entries(), 0u);
}

TEST_F(OutputFileTest, RefusesToOverwriteInputs) {
  const std::string in = path("in.jsonl");
  std::ofstream(in) << "{}\n";
  fs::create_directories(path("sub/dir"));
  fs::create_symlink(in, path("link.jsonl"));

  auto same = OutputFile::open(in, {"-", in});
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(same.status().message(), "refusing to overwrite input file " + in);

  // Same inode through a symlink, and the same file through a non-normal path.
  EXPECT_FALSE(OutputFile::open(path("link.jsonl"), {in}).ok());
  EXPECT_FALSE(OutputFile::open(path("sub/../in.jsonl"), {in}).ok());
  // Inside an input directory, even when the file does not exist yet.
  auto inside = OutputFile::open(path("sub/dir/new.jsonl"), {path("sub") + "/"});
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.status().code(), StatusCode::kInvalidArgument);
  // A sibling with a common name prefix is fine.
  auto sibling = OutputFile::open(path("sub2.jsonl"), {path("sub"), in});
  EXPECT_TRUE(sibling.ok()) << sibling.status().message();
  EXPECT_EQ(std::string(std::ifstream(in).rdbuf() ? "{}" : ""), "{}");
  EXPECT_FALSE(OutputFile::open(path("sub"), {}).ok());  // a directory
}

TEST_F(OutputFileTest, MissingDirectoryIsAnIoError) {
  auto out = OutputFile::open(path("no/such/dir/out.jsonl"), {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kIoError);
}

TEST_F(OutputFileTest, WritesToDevicesInPlace) {
  auto out = OutputFile::open("/dev/null", {});
  ASSERT_TRUE(out.ok()) << out.status().message();
  (*out)->write("discarded\n");
  EXPECT_TRUE((*out)->commit().ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

}  // namespace
}  // namespace docsift
