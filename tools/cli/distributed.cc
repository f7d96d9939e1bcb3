#include "distributed.h"

#include <cstdio>
#include <string>

#include "cli_common.h"

namespace docsift::cli {

void print_rank_figures(const RankFigures& f) {
  char secs[96];
  std::snprintf(secs, sizeof secs, "time max %.2f s, mean %.2f s", f.seconds_max, f.seconds_mean);
  print_row("ranks", std::to_string(f.ranks) + " ranks: " + secs + "; peak memory max " +
                         human_bytes(static_cast<double>(f.peak_rss_max)) + ", mean " +
                         human_bytes(static_cast<double>(f.peak_rss_mean)) + "; sent max " +
                         human_bytes(static_cast<double>(f.bytes_sent_max)) + ", mean " +
                         human_bytes(static_cast<double>(f.bytes_sent_mean)));
}

}  // namespace docsift::cli
