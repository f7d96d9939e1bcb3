#include "vector/cluster_report.h"

#include <gtest/gtest.h>

namespace docsift {
namespace {

TEST(ClusterReport, MetadataLines) {
  // Dates and times with at most two words of letters.
  EXPECT_TRUE(is_metadata_line(" date 2024-03-09 07.03.2024, 20:14 6446"));
  EXPECT_TRUE(is_metadata_line("Published 9 March 2024, 08:15"));
  EXPECT_TRUE(is_metadata_line("07.03.2024"));
  EXPECT_TRUE(is_metadata_line("Обновлено 12/03/2024"));
  // Fewer than two letters, or shorter than 8 characters.
  EXPECT_TRUE(is_metadata_line(""));
  EXPECT_TRUE(is_metadata_line("   \t "));
  EXPECT_TRUE(is_metadata_line("--- 6446 / 12 ---"));
  EXPECT_TRUE(is_metadata_line("№ 3 (1024)"));
  EXPECT_TRUE(is_metadata_line("Share"));
  EXPECT_TRUE(is_metadata_line("  ТАСС  "));
  EXPECT_TRUE(is_metadata_line("Advertisement"));
  // Titles: enough words, even with a time or a number in them.
  EXPECT_FALSE(is_metadata_line("Central bank raises rates at 10:00 meeting"));
  EXPECT_FALSE(is_metadata_line("Инфляция в марте 2024 года замедлилась"));
  EXPECT_FALSE(is_metadata_line("GDP grew 3.5 percent"));  // 3.5 is not a date
  EXPECT_FALSE(is_metadata_line("Brexit talks"));          // 12 characters
  EXPECT_FALSE(is_metadata_line("Ұлттық банк базалық мөлшерлемені өзгертпеді"));
  EXPECT_FALSE(is_metadata_line("Talks end 2024-03-09 with a deal on grain"));
}

TEST(ClusterReport, TitleSkipsMetadata) {
  EXPECT_EQ(representative_title(" date 2024-03-09 07.03.2024, 20:14 6446\n\n6446\nBank keeps "
                                 "rates on hold\nThe central bank said..."),
            "Bank keeps rates on hold");
  EXPECT_EQ(representative_title("\r\n  Подписаться\r\nЦены на бензин выросли \r\n"),
            "Цены на бензин выросли");
  // Every line metadata: the first non-empty one.
  EXPECT_EQ(representative_title("\n 07.03.2024 \n20:14\n"), "07.03.2024");
  EXPECT_EQ(representative_title(""), "");
  // Long lines are cut at a word boundary, by code points.
  EXPECT_EQ(representative_title("один два три четыре", 12), "один два...");
  EXPECT_EQ(representative_title("one two three", 13), "one two three");
  EXPECT_EQ(representative_title("abcdefghijklmnop qr", 8), "abcdefgh...");
  // A one-line document (gen_topics) gives its start.
  EXPECT_EQ(representative_title("Markets rally. Banks gain on rates", 16), "Markets rally....");
}

}  // namespace
}  // namespace docsift
