// Link spans and hash-like words (text/link_spans.h): each rule on the forms feeds write, and
// the look-alikes of ordinary prose that must not match.

#include "text/link_spans.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace docsift {
namespace {

std::vector<std::string> links_of(std::string_view text) {
  std::vector<TokenSpan> spans;
  find_link_spans(text, spans);
  std::vector<std::string> out;
  for (const TokenSpan& s : spans) {
    EXPECT_LE(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Links = std::vector<std::string>;

TEST(LinkSpans, UrlsDomainsMailsAndHandles) {
  EXPECT_EQ(links_of("Read more: https://mash.ru/news/12345?ref=mBgDVq0QTftmY2Ji."),
            (Links{"https://mash.ru/news/12345?ref=mBgDVq0QTftmY2Ji"}));
  EXPECT_EQ(links_of("Subscribe: t.me/moscowtop02_bot or @Mash_news, (www.shot.com)"),
            (Links{"t.me/moscowtop02_bot", "@Mash_news", "www.shot.com"}));
  EXPECT_EQ(links_of("write to news@baza.ru; site mash.ru"), (Links{"news@baza.ru", "mash.ru"}));
  EXPECT_EQ(links_of("ftp://x\thttp://a.b/c\n"), (Links{"ftp://x", "http://a.b/c"}));
  // Spans are sorted and end where the link ends.
  const std::string text = "a @ab b @x c";
  std::vector<TokenSpan> spans;
  find_link_spans(text, spans);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_EQ(spans[0].end, 5u);
}

TEST(LinkSpans, ProseIsNotALink) {
  EXPECT_EQ(links_of(""), Links{});
  EXPECT_EQ(links_of("The U.S. and e.g. Mr.Smith met at 10.30 on No.5 street."), Links{});
  EXPECT_EQ(links_of("Prices rose 2.5% / year; he said: \"go\". @ noon, a@b"), Links{});
  EXPECT_EQ(links_of("Москва.рф и почта@яндекс.рф"), Links{});  // ASCII only
}

TEST(LinkSpans, HashLikeWords) {
  for (const char* w : {"mBgDVq0QTftmY2Ji", "moscowtop02bot", "moscowtop02_bot", "a1b2c3d4",
                        "mBgDVqQTftmYJi", "AAAAB3NzaC1yc2E"})
    EXPECT_TRUE(is_hash_like(w)) << w;
  for (const char* w : {"", "covid19", "McDonald", "YouTube", "iPhone", "inflation", "2024",
                        "20240311", "Подписывайся", "москва2024", "GDP", "ABCDEFGHIJ", "kamobux3",
                        "iPhone15000", "2024thanniversary", "abc-1234-def"})
    EXPECT_FALSE(is_hash_like(w)) << w;
}

TEST(LinkSpans, LinkLikeWords) {
  for (const char* w : {"t.me", "mash.ru", "moscowtop02_bot", "mash_news", "https", "WWW", "http",
                        "a/b", "x@y", "mBgDVq0QTftmY2Ji"})
    EXPECT_TRUE(is_link_like_word(w)) << w;
  for (const char* w : {"", "U.S", "e.g", "Mr.Smith", "Mash", "inflation", "Tony", "ВВП",
                        "Подписывайся", "covid19"})
    EXPECT_FALSE(is_link_like_word(w)) << w;
}

}  // namespace
}  // namespace docsift
