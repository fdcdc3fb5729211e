#pragma once
// Text helpers around the grammar: escape decoding, the codepoint-escape pre-pass with its
// offset map, the bracket-depth guard, and line:column computation for messages.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wsiskg::query::parser {

inline constexpr std::string_view kRdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
inline constexpr std::string_view kRdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
inline constexpr std::string_view kRdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
inline constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

// ECHAR decoding of a string literal body (\t \b \n \r \f \" \' \\).
std::string unescape_string(std::string_view body);
// PN_LOCAL_ESC decoding (`\~` -> `~`); %XX stays as written, per the spec.
std::string unescape_local_name(std::string_view local);

// The query text after replacing \uXXXX and \UXXXXXXXX (§19.2) in one pass, so an escape never
// produces a further escape. `origin[i]` is the offset in the original text of output byte i.
struct Preprocessed {
  std::string text;
  std::vector<std::size_t> origin;  // empty when nothing was replaced (identity map)
  std::size_t original_offset(std::size_t offset) const {
    if (origin.empty()) return offset;
    return offset < origin.size() ? origin[offset] : origin.back() + 1;
  }
};
// Throws ParseFailure-like information through `error_offset`/`error` on a bad escape or
// invalid UTF-8: returns false and sets them.
bool preprocess(std::string_view text, Preprocessed& out, std::size_t& error_offset,
                std::string& error);

// Finds the first point where ( [ { nest deeper than `limit`, skipping strings, IRIs and
// comments. Returns the offset of that bracket, or npos.
std::size_t find_excess_nesting(std::string_view text, std::size_t limit);

// 1-based line and column (in code points) of `offset`, and the text of that line.
struct LineInfo {
  std::size_t line = 1;
  std::size_t column = 1;
  std::string_view line_text;
  std::size_t line_start = 0;
};
LineInfo locate(std::string_view text, std::size_t offset);

}  // namespace wsiskg::query::parser
