// for_each_jsonl_object: the one JSONL reader of the evaluators and read_jsonl_columns, on the
// corpus reader's byte handling (compression by content, CRLF, BOM, last line without newline).
#include "io/jsonl_objects.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/jsonl_fields.h"
#include "reader_test_util.h"

namespace docsift {
namespace {
namespace fs = std::filesystem;
using io_testing::gzip;

std::string write(const std::string& name, const std::string& bytes) {
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("docsift_jsonl_objects_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string p = (dir / name).string();
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// The "id" of every object with its line number.
Status ids(const std::string& path, std::vector<std::string>& out) {
  return for_each_jsonl_object(path, [&](simdjson::dom::object obj, uint64_t line) {
    std::string_view id;
    if (obj["id"].get_string().get(id)) return std::string("missing string field \"id\"");
    out.push_back(std::string(id) + "@" + std::to_string(line));
    return std::string();
  });
}

TEST(JsonlObjects, ReadsPlainAndCompressedWithCrlfBomAndBlankLines) {
  const std::string body =
      "\xEF\xBB\xBF{\"id\":\"a\"}\r\n\n  \t\r\n{\"id\":\"b\",\"n\":1}\n{\"id\":\"c\"}";
  for (const std::string& path : {write("plain.jsonl", body), write("z.jsonl.gz", gzip(body)),
                                  write("unnamed.jsonl", gzip(body))}) {
    SCOPED_TRACE(path);
    std::vector<std::string> got;
    ASSERT_TRUE(ids(path, got).ok());
    EXPECT_EQ(got, (std::vector<std::string>{"a@1", "b@4", "c@5"}));
  }
}

TEST(JsonlObjects, ErrorsNameTheFileAndLine) {
  std::vector<std::string> got;
  const std::string bad = write("bad.jsonl", "{\"id\":\"a\"}\n[1, 2]\n");
  Status s = ids(bad, got);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message().rfind(bad + ":2: not a JSON object (", 0), 0u) << s.message();
  const std::string missing = write("missing.jsonl", "{\"id\":\"a\"}\n\n{\"x\":1}\n");
  s = ids(missing, got);
  EXPECT_EQ(s.message(), missing + ":3: missing string field \"id\"");
  EXPECT_EQ(ids(bad + ".absent", got).code(), StatusCode::kIoError);
}

TEST(JsonlObjects, ScalarKeysKeepStringsAndIntegersApart) {
  const std::string p =
      write("keys.jsonl", "{\"k\":\"1\"}\n{\"k\":1}\n{\"k\":18446744073709551615}\n{\"k\":1.5}\n");
  std::vector<std::string> keys;
  ASSERT_TRUE(for_each_jsonl_object(p, [&](simdjson::dom::object obj, uint64_t) {
                std::string key = "none";
                simdjson::dom::element k;
                if (!obj["k"].get(k)) jsonl_scalar_key(k, key);
                keys.push_back(key);
                return std::string();
              }).ok());
  EXPECT_EQ(keys, (std::vector<std::string>{"s:1", "i:1", "i:18446744073709551615", "none"}));
}

TEST(JsonlObjects, ColumnsAreReadByTheSameReader) {
  const std::string p =
      write("cols.jsonl.gz", gzip("{\"id\":\"a\",\"c\":3}\r\n\n{\"id\":\"b\",\"c\":[1]}"));
  auto cols = read_jsonl_columns(p, {"id", "c"});
  ASSERT_TRUE(cols.ok()) << cols.status().message();
  EXPECT_EQ((*cols)[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*cols)[1], (std::vector<std::string>{"3", "[1]"}));
  const std::string q = write("nofield.jsonl", "{\"id\":\"a\"}\n");
  EXPECT_EQ(read_jsonl_columns(q, {"id", "c"}).status().message(), q + ":1: no field \"c\"");
}

}  // namespace
}  // namespace docsift
