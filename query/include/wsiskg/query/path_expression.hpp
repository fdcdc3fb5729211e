#pragma once
// SPARQL property-path expressions outside a query: parsing one on its own (`wsiskg path --via
// 'wsis:facilitates/^wsis:linksActionLine'`) and compiling a path to the epsilon-free automaton
// the path search walks (graph/path_automaton.hpp).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "wsiskg/graph/path_automaton.hpp"
#include "wsiskg/query/ast.hpp"
#include "wsiskg/rdf/prefix_map.hpp"

namespace wsiskg::query {

// Parses `text` as one SPARQL 1.1 property path (`p`, `a`, `^p`, `p/q`, `(p|q)+`, `!(p|^q)`, …).
// Prefixed names use `prefixes`. Errors are wsiskg::Error(BadData) naming the column in `text`.
ast::Path parse_property_path(std::string_view text, const rdf::PrefixMap& prefixes);

// The store id of an IRI, or nullopt when the store has never seen it.
using IriLookup = std::function<std::optional<graph::TermId>(const std::string& iri)>;

// Glushkov construction: one automaton state per IRI occurrence in the path plus the start
// state; a transition into a state carries that occurrence's predicate test and direction.
// `^` is pushed down to the leaves (reversing sequences), `!(a|^b)` becomes the alternative of
// a forward and a backward negated set. IRIs the store does not know match no edge (in a
// negated set they exclude nothing).
graph::PathAutomaton compile_path_automaton(const ast::Path& path, const IriLookup& lookup);

// The path in SPARQL syntax with full IRIs (`(<p>/^<q>)+`), for explain output and messages.
std::string path_to_sparql(const ast::Path& path);

}  // namespace wsiskg::query
