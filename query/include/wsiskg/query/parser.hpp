#pragma once
// SPARQL 1.1 Query parser (Boost.Spirit X3). Syntax and the static rules of the spec (scoping,
// aggregates, blank-node labels) are checked; any problem throws wsiskg::Error of kind BadData
// whose position is the offending line:column and whose message quotes the line with a caret
// and says what was expected.

#include <cstddef>
#include <string_view>

#include "wsiskg/query/ast.hpp"

namespace wsiskg::query {

// Brackets ( [ { may nest at most this deep; deeper input is rejected, never recursed into.
inline constexpr std::size_t kMaxNestingDepth = 200;

// Parses one query. `source_name` is used in error positions ("<query>", a file name, …);
// `base_iri`, when given, is the base for relative IRIs until a BASE declaration replaces it
// (e.g. the query file's location, as the W3C tests with FROM <data.ttl> expect).
Query parse_query(std::string_view text, std::string_view source_name = "<query>",
                  std::string_view base_iri = {});

}  // namespace wsiskg::query
