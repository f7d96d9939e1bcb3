// io/date_field.h: dates against values computed by hand (and by `date -u -d ... +%s`), bad
// dates named in the error, durations, and the field text of a JSON line.

#include "io/date_field.h"

#include <gtest/gtest.h>

namespace docsift {
namespace {

TEST(DateField, ParsesIsoDatesAndTimes) {
  EXPECT_EQ(*parse_date("1970-01-01"), 0);
  EXPECT_EQ(*parse_date("1970-01-02"), 86400);
  EXPECT_EQ(*parse_date("2024-03-09"), 1709942400);  // date -u -d 2024-03-09 +%s
  EXPECT_EQ(*parse_date("2024-02-29T10:15:30Z"), 1709201730);
  EXPECT_EQ(*parse_date("2024-03-09T10:15:00+06:00"), 1709957700);
  EXPECT_EQ(*parse_date("2024-03-09 10:15"), 1709979300);
  EXPECT_EQ(*parse_date("2024-03-09T10:15:00.250-0130"), 1709984700);
  EXPECT_EQ(*parse_date("1969-12-31"), -86400);
  EXPECT_EQ(*parse_date("2000-03-01"), 951868800);
  EXPECT_EQ(*parse_date("1709942400"), 1709942400);  // a number: seconds
  EXPECT_EQ(*parse_date("1709942400.75"), 1709942400);
}

TEST(DateField, RefusesBadDatesNamingThem) {
  for (const char* bad :
       {"", "2024-13-01", "2023-02-29", "2024-04-31", "2024-3-9", "09.03.2024", "2024-03-09T25:00",
        "2024-03-09T10:15:00+", "2024-03-09x", "yesterday", "17.5.3", "12."}) {
    auto r = parse_date(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find(std::string("\"") + bad + "\""), std::string::npos)
        << r.status().message();
  }
  EXPECT_TRUE(parse_date("1900-02-28").ok());
  EXPECT_FALSE(parse_date("1900-02-29").ok());
}

TEST(DateField, Durations) {
  EXPECT_EQ(*parse_duration("3d"), 3 * 86400);
  EXPECT_EQ(*parse_duration("0d"), 0);
  EXPECT_EQ(*parse_duration("90m"), 5400);
  EXPECT_EQ(*parse_duration("12h"), 43200);
  EXPECT_EQ(*parse_duration("2w"), 14 * 86400);
  EXPECT_EQ(*parse_duration("45s"), 45);
  for (const char* bad : {"", "d", "3", "-1d", "3x", "3.5d", "99999999999999999d"})
    EXPECT_FALSE(parse_duration(bad).ok()) << bad;
}

TEST(DateField, FieldText) {
  EXPECT_EQ(*json_field_text(R"({"id":1,"date":"2024-03-09","t":"x"})", "date"), "2024-03-09");
  EXPECT_EQ(*json_field_text(R"({"ts":1709942400})", "ts"), "1709942400");
  EXPECT_EQ(*json_field_text(R"({"d":"caf\u00e9"})", "d"), "caf\xC3\xA9");
  EXPECT_FALSE(json_field_text(R"({"id":1})", "date").ok());
  EXPECT_FALSE(json_field_text(R"({"date":null})", "date").ok());
  EXPECT_FALSE(json_field_text(R"([1,2])", "date").ok());
  EXPECT_FALSE(json_field_text("not json", "date").ok());
}

}  // namespace
}  // namespace docsift
