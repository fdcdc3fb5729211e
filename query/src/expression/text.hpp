#pragma once
// Text support for the string built-ins: UTF-8 code-point counting and slicing (SPARQL string
// functions count characters, not bytes), Unicode case mapping (ICU), XPath regular expressions
// (PCRE2 in UTF mode with match limits against catastrophic backtracking), hashes (OpenSSL),
// percent-encoding and random identifiers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wsiskg::query::expression::text {

std::size_t length(std::string_view utf8);  // code points
// Code points [start, start + count) (0-based, clamped), as a byte slice of `utf8`.
std::string_view slice(std::string_view utf8, std::size_t start, std::size_t count);
std::string to_upper(std::string_view utf8);
std::string to_lower(std::string_view utf8);

// Regular expressions with XPath flags (i s m x q). nullopt: invalid pattern/flags, or the
// match limit was hit (reported as an evaluation error).
std::optional<bool> regex_search(std::string_view input, std::string_view pattern,
                                 std::string_view flags);
// fn:replace: every non-overlapping match replaced; `$N` refers to groups, `\$` and `\\` are
// escapes. Errors (nullopt) for an invalid pattern/replacement or a pattern matching "".
std::optional<std::string> regex_replace(std::string_view input, std::string_view pattern,
                                         std::string_view replacement, std::string_view flags);

enum class Hash { Md5, Sha1, Sha256, Sha384, Sha512 };
std::string hex_digest(Hash hash, std::string_view data);  // lower-case hex

std::string encode_for_uri(std::string_view utf8);  // RFC 3986 unreserved kept, rest %XX
std::string random_uuid();                          // RFC 4122 version 4, lower-case
double random_unit();                               // uniform in [0, 1)

}  // namespace wsiskg::query::expression::text
