// json_writer against a naive per-character escaper, and against simdjson's parser (round trip).
#include "io/json_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "io/record.h"
#include "io/record_writer.h"

namespace docsift {
namespace {

std::string naive_escape(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\b')
      out += "\\b";
    else if (c == '\f')
      out += "\\f";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

TEST(JsonWriterTest, EscapesLikeNaiveReference) {
  EXPECT_EQ(
      [] {
        std::string s;
        append_json_string(s, "a\"b\\c\n\x01\x1f\x7f é Ж 😀");
        return s;
      }(),
      "\"a\\\"b\\\\c\\n\\u0001\\u001f\x7f é Ж 😀\"");
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    std::string s(rng() % 40, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? rng() % 0x20 : rng() % 256);
    std::string out = "prefix";
    append_json_string(out, s);
    EXPECT_EQ(out, "prefix" + naive_escape(s));
  }
}

TEST(JsonWriterTest, NumbersHaveAtMostFourDecimalsTrimmed) {
  const std::pair<double, const char*> cases[] = {
      {0.0, "0"},
      {1.0, "1"},
      {0.9, "0.9"},
      {0.8125, "0.8125"},
      {0.91, "0.91"},
      {0.123456, "0.1235"},
      {-0.00001, "0"},
      {-2.5, "-2.5"},
      {1e6, "1000000"},
      {0.00005, "0.0001"},
      {123.45678, "123.4568"},
      {1.0 / 0.0, "null"},
  };
  for (const auto& [value, text] : cases) {
    std::string out;
    append_json_number(out, value);
    EXPECT_EQ(out, text) << value;
  }
}

TEST(JsonWriterTest, ObjectFieldsAndKeptRecords) {
  std::string line;
  JsonObject(line)
      .field("id", "a")
      .field("similarity", 0.91)
      .field("count", int64_t{-3})
      .field("size", uint64_t{7})
      .field("n", 2)
      .field("ok", true)
      .raw_field("ids", "[1,2]")
      .close();
  EXPECT_EQ(line,
            "{\"id\":\"a\",\"similarity\":0.91,\"count\":-3,\"size\":7,\"n\":2,\"ok\":true,"
            "\"ids\":[1,2]}");

  Record rec;
  rec.id = "x\"y";
  rec.text = "t\n";
  std::string kept;
  append_kept_record(kept, rec);
  EXPECT_EQ(kept, "{\"id\":\"x\\\"y\",\"text\":\"t\\n\"}\n");
  rec.has_raw = true;
  rec.raw = "{\"any\": 1}";
  append_kept_record(kept, rec);
  EXPECT_EQ(kept, "{\"id\":\"x\\\"y\",\"text\":\"t\\n\"}\n{\"any\": 1}\n");
}

}  // namespace
}  // namespace docsift
