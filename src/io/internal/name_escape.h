#pragma once
// Ids and source names made from file names must be valid UTF-8 (they go into JSON outputs),
// and file names on Linux are arbitrary bytes. escape_file_name percent-encodes, reversibly:
//   '%'                          -> "%25"   (always, so that the encoding can be undone)
//   a byte that does not start   -> "%XX"   (upper-case hex, one per byte)
//   a valid UTF-8 sequence
// and keeps every other byte (all valid UTF-8, '/' included) as it is. unescape_file_name
// inverts it. Examples: "caf\xE9.txt" -> "caf%E9.txt", "50%.txt" -> "50%25.txt",
// "é.txt" -> "é.txt".

#include <string>
#include <string_view>

namespace docsift::detail {

std::string escape_file_name(std::string_view name);
// Decodes "%XX" (hex, either case); a '%' not followed by two hex digits is kept as it is.
std::string unescape_file_name(std::string_view escaped);

}  // namespace docsift::detail
