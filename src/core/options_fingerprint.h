#pragma once
// OptionsText: the canonical text of the options that shaped an artifact (a signature table, an
// index, a grouping), and its fingerprint. A stored artifact records both, so that loading it
// under other options is refused with a message that names the option that differs, as
// datatrove's MinhashConfig fingerprint does.
//
//   OptionsText opt{{"method", "minhash"}, {"unit", "word"}, {"ngram", "5"}, {"seed", "1"},
//                   {"num_perm", "128"}, {"fold_digits", "0"}};
//   opt.text();         //
//   "method=minhash\nunit=word\nngram=5\nseed=1\nnum_perm=128\nfold_digits=0\n"
//   describe_options_difference(stored.text(), opt.text(), "signatures.bin");
//     // "signatures.bin was made with ngram=5, this run uses ngram=3"
//
// The text is one "name=value\n" line per option, in the order the options were added: callers
// add them in a fixed order, so the same options always give the same bytes. Names are
// non-empty and hold no '=' or newline; values hold no newline (asserted).
//
// Guarantees: the fingerprint is XXH3-64 (seed 0) of the text, stable across versions and
// machines. Plain value type; pure functions.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/assert.h"
#include "core/xxh3.h"

namespace docsift {

class OptionsText {
 public:
  OptionsText() = default;
  OptionsText(std::initializer_list<std::pair<std::string_view, std::string_view>> options) {
    for (const auto& [name, value] : options) add(name, value);
  }

  // Appends one option. Returns *this so calls chain.
  OptionsText& add(std::string_view name, std::string_view value) {
    DOCSIFT_ASSERT(!name.empty());
    DOCSIFT_ASSERT(name.find_first_of("=\n") == std::string_view::npos);
    DOCSIFT_ASSERT(value.find('\n') == std::string_view::npos);
    text_.append(name).append("=").append(value).append("\n");
    return *this;
  }
  OptionsText& add(std::string_view name, uint64_t value) {
    return add(name, std::string_view(std::to_string(value)));
  }
  // Appends every line of another options text (for an artifact that records the options of
  // its inputs as well as its own).
  OptionsText& append(const OptionsText& other) {
    text_ += other.text_;
    return *this;
  }

  const std::string& text() const { return text_; }
  uint64_t fingerprint() const { return XXH3_64bits(text_.data(), text_.size()); }
  bool empty() const { return text_.empty(); }

  // Wraps text read from a file (not checked: describe_options_difference copes with any text).
  static OptionsText from_text(std::string text) {
    OptionsText o;
    o.text_ = std::move(text);
    return o;
  }

  friend bool operator==(const OptionsText&, const OptionsText&) = default;

 private:
  std::string text_;
};

// The (name, value) pairs of an options text, in order. A line without '=' becomes a name with
// an empty value; an unterminated last line counts as a line.
inline std::vector<std::pair<std::string, std::string>> parse_options_text(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(std::string(line), std::string());
    } else {
      out.emplace_back(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
    }
  }
  return out;
}

// "" when the two texts are equal; otherwise one line naming every option that differs:
// "<what> was made with ngram=5, seed=2, this run uses ngram=3, seed=1". An option present on
// one side only shows as "name=(absent)" on the other. Texts with the same options in another
// order are reported as such.
inline std::string describe_options_difference(std::string_view stored, std::string_view wanted,
                                               std::string_view what) {
  if (stored == wanted) return std::string();
  const auto a = parse_options_text(stored);
  const auto b = parse_options_text(wanted);
  auto find = [](const auto& list, const std::string& name) -> const std::string* {
    for (const auto& [n, v] : list) {
      if (n == name) return &v;
    }
    return nullptr;
  };
  std::string made, uses;
  auto note = [&](const std::string& name, const std::string* x, const std::string* y) {
    if (!made.empty()) {
      made += ", ";
      uses += ", ";
    }
    made += name + "=" + (x ? *x : std::string("(absent)"));
    uses += name + "=" + (y ? *y : std::string("(absent)"));
  };
  for (const auto& [name, value] : a) {
    const std::string* other = find(b, name);
    if (other == nullptr || *other != value) note(name, &value, other);
  }
  for (const auto& [name, value] : b) {
    if (find(a, name) == nullptr) note(name, nullptr, &value);
  }
  std::string out(what);
  if (made.empty()) return out + " was made with the same options in another order";
  return out + " was made with " + made + ", this run uses " + uses;
}

}  // namespace docsift
