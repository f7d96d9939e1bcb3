#include "pipeline/story_step.h"

#include "io/date_field.h"

namespace docsift {

Status RecordDates::add(const Record& rec, const std::string& field) {
  auto where = [&] { return rec.source + ":" + std::to_string(rec.line) + ": "; };
  if (!rec.has_raw) return Status::InvalidInput(where() + "--date-field needs JSON Lines input");
  auto value = json_field_text(rec.raw, field);
  if (!value.ok()) return Status::InvalidInput(where() + value.status().message());
  auto when = parse_date(*value);
  if (!when.ok())
    return Status::InvalidInput(where() + "field \"" + field + "\": " + when.status().message());
  text.push_back(std::move(value).value());
  seconds.push_back(*when);
  return Status::Ok();
}

Status run_story_step(std::span<const std::string_view> texts, std::span<const int64_t> dates,
                      const ClusterJobOptions& options, unsigned threads, ClusterJobResult& out) {
  StoryOptions so = options.story;
  so.tfidf = options.cluster.tfidf;
  so.labels = options.cluster.labels;
  so.threads = threads;
  if (dates.empty()) so.window = 0;
  auto stories = cluster_stories(texts, dates, options.normalize, so);
  if (!stories.ok()) return stories.status();
  out.stories = std::move(stories).value();
  ClusterResult& r = out.result;
  r.docs = out.stories.docs;
  r.k = out.stories.stories.size();
  r.vocabulary_size = out.stories.vocabulary_size;
  r.num_communities = out.stories.num_communities;
  r.clusters.clear();
  for (const StorySummary& s : out.stories.stories) r.clusters.push_back(s.summary);
  for (const DocAssignment& d : r.docs) r.objective += d.score;
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> story_date_ranges(const ClusterJobResult& out) {
  std::vector<std::pair<std::string, std::string>> ranges;
  if (out.dates.empty() || out.stories.stories.size() != out.result.clusters.size()) return ranges;
  for (const StorySummary& s : out.stories.stories)
    ranges.emplace_back(out.dates[s.first_doc], out.dates[s.last_doc]);
  return ranges;
}

}  // namespace docsift
