// Entry point: codepoint-escape pre-pass, nesting guard, X3 parse, validation, and turning any
// failure into a wsiskg::Error with line:column, the source line, a caret and what was expected.
#include <fmt/format.h>

#include <algorithm>

#include "rules.hpp"
#include "text.hpp"
#include "validate.hpp"
#include "wsiskg/query/parser.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query {

namespace {

// What is at `offset`, for "found …" in messages.
std::string describe_found(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "end of input";
  std::size_t end = offset;
  while (end < text.size() && end - offset < 20 && text[end] != ' ' && text[end] != '\t' &&
         text[end] != '\n' && text[end] != '\r')
    ++end;
  if (end == offset) end = offset + 1;
  return fmt::format("'{}'", text.substr(offset, end - offset));
}

[[noreturn]] void fail(std::string_view original, std::string_view source, std::size_t offset,
                       const std::string& what) {
  parser::LineInfo at = parser::locate(original, offset);
  std::string caret;
  std::size_t prefix_len = 0;
  for (std::size_t i = at.line_start;
       i < at.line_start + at.line_text.size() && prefix_len + 1 < at.column; ++i) {
    unsigned char c = static_cast<unsigned char>(original[i]);
    if ((c & 0xC0) == 0x80) continue;
    caret += c == '\t' ? '\t' : ' ';
    ++prefix_len;
  }
  caret += '^';
  std::string message = fmt::format("{}\n  {}\n  {}", what, at.line_text, caret);
  throw Error(ErrorKind::BadData, SourcePosition{std::string(source), at.line, at.column}, message);
}

std::string expected_list(const std::vector<std::string>& expected) {
  if (expected.empty()) return "";
  if (expected.size() == 1) return "; expected " + expected.front();
  std::string out = "; expected one of: ";
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (i > 0) out += ", ";
    out += expected[i];
  }
  return out;
}

}  // namespace

Query parse_query(std::string_view text, std::string_view source_name, std::string_view base_iri) {
  namespace x3 = boost::spirit::x3;
  parser::Preprocessed pre;
  std::size_t error_offset = 0;
  std::string error;
  if (!parser::preprocess(text, pre, error_offset, error))
    fail(text, source_name, error_offset, error);
  std::string_view body = pre.text;

  if (std::size_t deep = parser::find_excess_nesting(body, kMaxNestingDepth);
      deep != std::string_view::npos)
    fail(text, source_name, pre.original_offset(deep),
         fmt::format("brackets nested deeper than {} levels", kMaxNestingDepth));

  parser::ParseState state;
  state.text_begin = body.data();
  state.base = std::string(base_iri);
  const char* first = body.data();
  const char* last = body.data() + body.size();
  Query query;
  try {
    auto const grammar = x3::with<parser::state_tag>(std::ref(state))[parser::query_unit];
    bool ok = x3::phrase_parse(first, last, grammar, parser::skipper, query);
    x3::skip_over(first, last, x3::make_context<x3::skipper_tag>(parser::skipper));
    if (!ok || first != last) {
      const char* at =
          state.furthest != nullptr && state.furthest >= first ? state.furthest : first;
      if (ok && at == first) state.expected = {"end of query"};
      std::size_t offset = static_cast<std::size_t>(at - body.data());
      fail(text, source_name, pre.original_offset(offset),
           fmt::format(
               "syntax error: unexpected {}{}", describe_found(body, offset),
               expected_list(at == state.furthest ? state.expected : std::vector<std::string>{})));
    }
  } catch (const parser::ParseFailure& failure) {
    fail(text, source_name,
         pre.original_offset(static_cast<std::size_t>(failure.where - body.data())),
         failure.message);
  }
  try {
    parser::validate(query, body);
  } catch (const parser::ValidationError& invalid) {
    fail(text, source_name, pre.original_offset(invalid.offset), invalid.message);
  }
  return query;
}

}  // namespace wsiskg::query
