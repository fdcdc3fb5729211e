#pragma once
// Mutable state shared by the grammar's semantic actions during one parse: declared prefixes
// and base (prefixed names and relative IRIs are resolved as they are read), the blank-node
// counter, and the furthest position where a token was expected but not found (used to say
// "expected …" when the parse fails).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query::parser {

// Thrown from semantic actions for errors that no alternative can recover from
// (unknown prefix, wrong number of arguments, …).
struct ParseFailure {
  const char* where;
  std::string message;
};

// Resolves `reference` against `base` (RFC 3986 §5.2, wsiskg/rdf/iri.hpp); without a base a
// relative reference stays as written.
std::string resolve_iri(std::string_view base, std::string_view reference);

struct ParseState {
  const char* text_begin = nullptr;
  std::string base;
  std::map<std::string, std::string, std::less<>> prefixes;
  std::vector<std::pair<std::string, std::string>> prefix_declarations;
  std::uint64_t next_blank = 0;

  // Start positions of the enclosing tracked[...] parsers (innermost last), so semantic
  // actions can report where their match began.
  std::vector<const char*> starts;

  const char* furthest = nullptr;
  std::vector<std::string> expected;  // at `furthest`, in first-seen order

  void expect(const char* at, std::string_view what) {
    if (furthest != nullptr && at < furthest) return;
    if (at != furthest) {
      furthest = at;
      expected.clear();
    }
    for (const auto& e : expected)
      if (e == what) return;
    expected.emplace_back(what);
  }

  rdf::Term fresh_blank();
};

}  // namespace wsiskg::query::parser
