#pragma once
// Source signatures inside text: the byte spans of URLs, bare domains with or without a path
// ("t.me/moscowtop02_bot", "mash.ru/news/123"), e-mail addresses and @handles, and words that
// are hash-like (invite codes, tracking ids). Feeds end their posts with such links; they name
// the source, not the topic, so topic features and labels leave them out (vector/tfidf.h,
// vector/cluster_labels.h).
//
//   std::vector<TokenSpan> spans;
//   find_link_spans("Subscribe: t.me/mash_news or @mash", spans);  // [11, 23) and [27, 32)
//   is_hash_like("mBgDVq0QTftmY2Ji");                               // true
//
// Rules (ASCII only; a link in another script is not recognised):
//   - a chunk is a maximal run of bytes that are not ASCII whitespace, with leading ( [ { < " '
//     and trailing . , ; : ! ? ) ] } > " ' trimmed;
//   - a URL: a chunk holding "://" or starting with "www.";
//   - an e-mail address: a chunk with an '@' that has a letter or digit before it and a domain
//     (as below) after it;
//   - a domain: labels of [A-Za-z0-9-] joined by single dots, the last one 2-24 lower-case ASCII
//     letters ("t.me", "mash.ru"; not "U.S", "e.g" or "Mr.Smith"), then the end of the chunk or
//     one of / ? # : — the whole chunk is the span;
//   - a handle: '@' at the start of a chunk followed by two or more of [A-Za-z0-9_] (up to the
//     first other byte).
// Guarantees: spans sorted, non-overlapping, within the text. Deterministic; no allocation
// besides `out`'s growth. Thread-safe.

#include <string_view>
#include <vector>

#include "text/tokenize.h"

namespace docsift {

// Replaces `out` with the link spans of `text` (any bytes; only ASCII is interpreted).
void find_link_spans(std::string_view text, std::vector<TokenSpan>& out);

// A word that reads as an identifier rather than a word: at least 8 ASCII letters, digits and
// '_', and either a digit with letters or '_' on both sides ("mBgDVq0QTftmY2Ji",
// "moscowtop02_bot", "a1b2c3d4"; not "iPhone15000" or "2024th"), or three or more lower-to-upper
// case changes inside (base64: "mBgDVqQTftmYJi"; "McDonald", "YouTube" have one).
bool is_hash_like(std::string_view word);

// A word (a token as written) that is part of a link or an identifier, never a topic label:
// hash-like, holding '_' or '@' or '/', a domain ("t.me", "mash.ru"), or http, https, www.
bool is_link_like_word(std::string_view word);

}  // namespace docsift
