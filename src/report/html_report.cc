#include "report/html_report.h"

#include "io/json_writer.h"
#include "io/output_file.h"
#include "report/internal/html_assets.h"
#include "text/display_width.h"

namespace docsift {
namespace {

std::string string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
  return out;
}

std::string document_json(const CleanDocument& d) {
  std::string out;
  JsonObject(out)
      .field("id", d.id)
      .field("similarity", d.similarity)
      .field("excerpt", d.excerpt)
      .close();
  return out;
}

// The page: fixed head, CSS, the data block, the script. Nothing in it names another resource.
std::string page(std::string_view title, const std::string& json) {
  std::string out;
  out.reserve(json.size() + 32768);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += title;  // a fixed ASCII title, no markup characters
  out += "</title>\n<style>\n";
  out += detail::kReportCss;
  out += "</style>\n</head>\n<body>\n<main id=\"app\"></main>\n";
  out += "<script type=\"application/json\" id=\"report-data\">";
  out += json_for_script(json);
  out += "</script>\n<script>\n";
  out += detail::kReportJs;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string clip_text(std::string_view text, size_t max_columns) {
  std::string cut = clip_to_width(text, max_columns, "");
  if (cut.size() < text.size()) cut += "\xE2\x80\xA6";
  return cut;
}

std::string topic_report_html(const TopicReport& r) {
  std::string clusters = "[";
  for (size_t c = 0; c < r.clusters.size(); ++c) {
    const TopicCluster& t = r.clusters[c];
    if (c) clusters.push_back(',');
    JsonObject(clusters)
        .field("cluster", uint64_t{c})
        .field("size", t.size)
        .raw_field("labels", string_array(t.labels))
        .field("title", t.title)
        .field("representative", t.representative)
        .field("x", t.x)
        .field("y", t.y)
        .close();
  }
  clusters.push_back(']');
  std::string members = "[";
  for (size_t i = 0; i < r.members.size(); ++i) {
    const TopicMember& m = r.members[i];
    if (i) members.push_back(',');
    // Arrays, not objects: a member list can be long.
    members.push_back('[');
    append_json_string(members, m.id);
    members.push_back(',');
    members += std::to_string(m.cluster);
    members.push_back(',');
    append_json_number(members, m.score);
    members.push_back(',');
    append_json_string(members, m.first_line);
    members.push_back(']');
  }
  members.push_back(']');
  std::string json;
  JsonObject(json)
      .field("kind", "topics")
      .raw_field("inputs", string_array(r.inputs))
      .field("docs_read", r.docs_read)
      .field("duplicates_removed", r.duplicates_removed)
      .field("projection", r.projection)
      .raw_field("clusters", clusters)
      .field("members_total", r.members_total)
      .raw_field("members", members)
      .close();
  return page("docsift cluster report", json);
}

std::string clean_report_html(const CleanReport& r) {
  std::string groups = "[";
  for (size_t g = 0; g < r.groups.size(); ++g) {
    if (g) groups.push_back(',');
    std::string removed = "[";
    for (size_t i = 0; i < r.groups[g].removed.size(); ++i) {
      if (i) removed.push_back(',');
      removed += document_json(r.groups[g].removed[i]);
    }
    removed.push_back(']');
    JsonObject(groups)
        .raw_field("kept", document_json(r.groups[g].kept))
        .raw_field("removed", removed)
        .close();
  }
  groups.push_back(']');
  std::string repeated = "[";
  for (size_t i = 0; i < r.repeated.size(); ++i) {
    if (i) repeated.push_back(',');
    JsonObject(repeated)
        .field("text", r.repeated[i].text)
        .field("occurrences", r.repeated[i].occurrences)
        .field("documents", r.repeated[i].documents)
        .close();
  }
  repeated.push_back(']');
  std::string json;
  JsonObject(json)
      .field("kind", "clean")
      .raw_field("inputs", string_array(r.inputs))
      .field("docs_before", r.docs_before)
      .field("docs_after", r.docs_after)
      .field("bytes_before", r.bytes_before)
      .field("bytes_after", r.bytes_after)
      .field("docs_removed", r.docs_removed)
      .field("passages_removed", r.passages_removed)
      .field("groups_total", r.groups_total)
      .field("excerpts_available", r.excerpts_available)
      .raw_field("groups", groups)
      .raw_field("repeated", repeated)
      .close();
  return page("docsift clean report", json);
}

Status write_html_file(const std::string& path, const std::vector<std::string>& inputs,
                       std::string_view html) {
  auto out = OutputFile::open(path, inputs);
  if (!out.ok()) return out.status();
  out.value()->write(html);
  return out.value()->commit();
}

}  // namespace docsift
