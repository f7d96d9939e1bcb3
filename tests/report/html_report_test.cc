// report/: the 2-D projection against distances known in advance, and the HTML writers'
// escaping and clipping.

#include "report/html_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "report/cluster_map.h"

namespace docsift {
namespace {

double distance(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

TEST(ProjectTwoD, RecoversPlanarPointsUpToRotation) {
  std::mt19937 rng(7);
  std::normal_distribution<double> coord(0, 3);
  for (int k : {2, 3, 5, 12}) {
    std::vector<Point2> p(static_cast<size_t>(k));
    for (Point2& q : p) q = {coord(rng), coord(rng)};
    Eigen::MatrixXd gram(k, k);
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) gram(i, j) = p[i].x * p[j].x + p[i].y * p[j].y;
    const std::vector<Point2> xy = project_2d(gram);
    ASSERT_EQ(xy.size(), p.size());
    double cx = 0, cy = 0;
    for (int i = 0; i < k; ++i) {
      cx += xy[i].x;
      cy += xy[i].y;
      for (int j = 0; j < k; ++j) {
        EXPECT_NEAR(distance(xy[i], xy[j]), distance(p[i], p[j]), 1e-9) << k << " " << i << j;
      }
    }
    EXPECT_NEAR(cx, 0, 1e-6);
    EXPECT_NEAR(cy, 0, 1e-6);  // a zero eigenvalue: sqrt of rounding noise
  }
}

TEST(ProjectTwoD, UnitVectorCosinesKeepTheirChordDistances) {
  // Three unit vectors in a plane of R^3: cosines are a Gram matrix of rank 2.
  const double a[3] = {0.0, 1.0, 2.5};
  Eigen::MatrixXd cos(3, 3);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) cos(i, j) = std::cos(a[i] - a[j]);
  const std::vector<Point2> xy = project_2d(cos);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_NEAR(distance(xy[i], xy[j]), std::sqrt(2 - 2 * std::cos(a[i] - a[j])), 1e-9);
}

TEST(ProjectTwoD, SmallAndSignFixed) {
  EXPECT_TRUE(project_2d(Eigen::MatrixXd(0, 0)).empty());
  const auto one = project_2d(Eigen::MatrixXd::Ones(1, 1));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].x, 0);
  EXPECT_EQ(one[0].y, 0);
  Eigen::MatrixXd two(2, 2);
  two << 1, 0.2, 0.2, 1;
  const auto xy = project_2d(two);
  EXPECT_NEAR(distance(xy[0], xy[1]), std::sqrt(1.6), 1e-12);
  EXPECT_GT(std::max(std::abs(xy[0].x), std::abs(xy[1].x)), 0);
  EXPECT_GT(std::abs(xy[0].x) >= std::abs(xy[1].x) ? xy[0].x : xy[1].x, 0);  // sign rule
  EXPECT_NEAR(xy[0].y, 0, 1e-9);
}

TEST(JsonForScript, NothingCanCloseTheScript) {
  const std::string in = "{\"t\":\"</script><!-- a&b > \xE2\x80\xA8 \xE2\x80\xA9 \xE2\x80\xA6\"}";
  const std::string out = json_for_script(in);
  EXPECT_EQ(out,
            "{\"t\":\"\\u003c/script\\u003e\\u003c!-- a\\u0026b \\u003e \\u2028 \\u2029 "
            "\xE2\x80\xA6\"}");
  EXPECT_EQ(out.find('<'), std::string::npos);
}

TEST(ClipText, CutsByColumnsBetweenCharacters) {
  EXPECT_EQ(clip_text("abc", 3), "abc");
  EXPECT_EQ(clip_text("abcd", 3), "abc\xE2\x80\xA6");
  EXPECT_EQ(clip_text("\xD0\x96\xD0\x96\xD0\x96", 2), "\xD0\x96\xD0\x96\xE2\x80\xA6");
  EXPECT_EQ(clip_text("", 0), "");
  // Columns, not code points: wide CJK takes 2, a combining mark stays with its letter.
  EXPECT_EQ(clip_text("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4),
            "\xE6\x97\xA5\xE6\x9C\xAC\xE2\x80\xA6");
  EXPECT_EQ(clip_text("e\xCC\x81"
                      "e\xCC\x81",
                      1),
            "e\xCC\x81\xE2\x80\xA6");
}

TEST(HtmlReport, PagesEmbedTheDataEscaped) {
  TopicReport t;
  t.clusters.push_back({3, {"bank", "<b>rates</b>"}, "Title", "doc-1", 0.5, -0.25});
  t.members.push_back({"doc-1", 0, 0.9, "first </script> line"});
  t.members_total = 1;
  const std::string page = topic_report_html(t);
  EXPECT_EQ(page, topic_report_html(t));  // deterministic
  EXPECT_NE(page.find("\"labels\":[\"bank\",\"\\u003cb\\u003erates\\u003c/b\\u003e\"]"),
            std::string::npos);
  EXPECT_NE(page.find("[\"doc-1\",0,0.9,\"first \\u003c/script\\u003e line\"]"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);

  CleanReport c;
  c.docs_before = 10;
  c.docs_after = 8;
  c.groups.push_back({{"k", 1, "kept text"}, {{"r", 0.75, "kept txt"}}});
  c.repeated.push_back({"Subscribe & save", 4, 3});
  const std::string clean = clean_report_html(c);
  EXPECT_NE(clean.find("\"kept\":{\"id\":\"k\",\"similarity\":1,\"excerpt\":\"kept text\"}"),
            std::string::npos);
  EXPECT_NE(clean.find("\"text\":\"Subscribe \\u0026 save\",\"occurrences\":4,\"documents\":3"),
            std::string::npos);
}

}  // namespace
}  // namespace docsift
