#include "io/record_writer.h"

#include "io/json_writer.h"

namespace docsift {

void append_kept_record(std::string& out, const Record& rec) {
  if (rec.has_raw) {
    out.append(rec.raw);
  } else {
    JsonObject(out).field("id", rec.id).field("text", rec.text).close();
  }
  out.push_back('\n');
}

}  // namespace docsift
