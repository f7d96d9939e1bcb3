#pragma once
// The CSS and JavaScript inlined into every HTML report (report/html_report.h). The script reads
// the JSON in #report-data, draws the page for its "kind" ("topics" or "clean") with
// textContent only, and sets data-ready="1" on <body> when done (tests wait for it).

namespace docsift::detail {

extern const char* const kReportCss;
extern const char* const kReportJs;

}  // namespace docsift::detail
