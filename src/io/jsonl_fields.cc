#include "io/jsonl_fields.h"

#include "io/jsonl_objects.h"

namespace docsift {

Result<std::vector<std::vector<std::string>>> read_jsonl_columns(
    const std::string& path, const std::vector<std::string>& fields) {
  std::vector<std::vector<std::string>> columns(fields.size());
  DOCSIFT_RETURN_IF_ERROR(
      for_each_jsonl_object(path, [&](simdjson::dom::object object, uint64_t) -> std::string {
        for (size_t f = 0; f < fields.size(); ++f) {
          simdjson::dom::element value;
          if (object[fields[f]].get(value) != simdjson::SUCCESS) {
            return "no field \"" + fields[f] + "\"";
          }
          if (value.is_string()) {
            columns[f].emplace_back(std::string_view(value.get_string().value_unsafe()));
          } else {
            columns[f].push_back(simdjson::minify(value));
          }
        }
        return {};
      }));
  return columns;
}

}  // namespace docsift
