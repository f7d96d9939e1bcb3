// append_record_with_text replaces only the text value of a JSONL line.

#include "io/record_writer.h"

#include <gtest/gtest.h>

namespace docsift {
namespace {

TEST(RecordWriter, ReplacesOnlyTheTextValueKeepingOtherBytes) {
  Record rec;
  rec.id = "a";
  rec.has_raw = true;
  rec.raw = R"({ "meta": {"text": "nested"}, "id" : "a",  "text" : "old \"text\"" , "z":[1, 2]})";
  std::string out;
  append_record_with_text(out, rec, "new\ntext");
  EXPECT_EQ(out, R"({ "meta": {"text": "nested"}, "id" : "a",  "text" : "new\ntext" , "z":[1, 2]})"
                 "\n");
}

TEST(RecordWriter, CustomTextFieldAndNonJsonRecords) {
  Record rec;
  rec.has_raw = true;
  rec.raw = R"({"body":"x","text":"keep"})";
  std::string out;
  append_record_with_text(out, rec, "y", "body");
  EXPECT_EQ(out, R"({"body":"y","text":"keep"})"
                 "\n");

  Record plain;
  plain.id = "dir/a.txt";
  plain.text = "old";
  out.clear();
  append_record_with_text(out, plain, "new \"q\"");
  EXPECT_EQ(out, R"({"id":"dir/a.txt","text":"new \"q\""})"
                 "\n");
}

}  // namespace
}  // namespace docsift
