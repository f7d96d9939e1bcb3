#pragma once
// --html FILE for cluster and clean: turns a job's result into the plain structs of
// report/html_report.h and writes the page atomically. Clean's excerpts are the texts its job
// took during its passage pass (CleanSummary::first_removed), stdin included: no pass of its own.
//
//   if (!html.empty()) DOCSIFT_RETURN_IF_ERROR(write_cluster_html(html, inputs, result));

#include <string>
#include <vector>

#include "core/status.h"
#include "io/record.h"
#include "pipeline/clean_job.h"
#include "pipeline/cluster_job.h"

namespace docsift::cli {

// Members on the page: at most this many per cluster, the closest to its centroid first.
inline constexpr size_t kHtmlMembersPerCluster = 500;
// Excerpts of duplicate documents: this many columns (report/html_report.h clip_text).
inline constexpr size_t kHtmlExcerptColumns = 300;

Status write_cluster_html(const std::string& path, const std::vector<std::string>& inputs,
                          const ClusterJobResult& result);

Status write_clean_html(const std::string& path, const std::vector<std::string>& inputs,
                        const CleanSummary& summary);

}  // namespace docsift::cli
