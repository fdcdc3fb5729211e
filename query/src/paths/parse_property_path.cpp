// A property path on its own, read by the query parser: the text becomes the verb of a
// one-pattern query, so the grammar (and its error messages) is exactly the one queries use.
#include <fmt/format.h>

#include "wsiskg/query/parser.hpp"
#include "wsiskg/query/path_expression.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query {

ast::Path parse_property_path(std::string_view text, const rdf::PrefixMap& prefixes) {
  std::string query;
  for (const auto& [prefix, iri] : prefixes.entries())
    query += fmt::format("PREFIX {}: <{}> ", prefix, iri);
  constexpr std::string_view kLead = "SELECT * WHERE { ?s ";
  query += "\n";
  query += kLead;
  query += text;
  query += "\n ?o }";
  auto bad = [&](const std::string& why) {
    return Error(ErrorKind::BadData, fmt::format("property path '{}': {}", text, why));
  };
  Query parsed;
  try {
    parsed = parse_query(query, "<path>");
  } catch (const Error& e) {
    std::string message = e.message().substr(0, e.message().find('\n'));
    if (e.position() && e.position()->line == 2 && e.position()->column > kLead.size())
      throw bad(fmt::format("column {}: {}", e.position()->column - kLead.size(), message));
    if (e.position() && e.position()->line == 3) {  // ran past the expression's end
      constexpr std::string_view kFound = "unexpected '?o'";
      if (auto at = message.find(kFound); at != std::string::npos)
        message.replace(at, kFound.size(), "unexpected end of the expression");
      throw bad(fmt::format("column {}: {}", text.size() + 1, message));
    }
    throw bad(message);
  }
  const auto& elements = parsed.select.where.elements;
  const auto* block = elements.size() == 1 ? std::get_if<ast::TriplesBlock>(&elements[0]) : nullptr;
  if (block == nullptr || block->triples.size() != 1)
    throw bad("not a single property path expression");
  const ast::TriplePattern& t = block->triples[0];
  const auto* s = std::get_if<ast::Var>(&t.subject);
  const auto* o = std::get_if<ast::Var>(&t.object);
  if (s == nullptr || o == nullptr || s->name != "s" || o->name != "o")
    throw bad("not a single property path expression");
  if (const auto* path = std::get_if<ast::Path>(&t.predicate)) return *path;
  if (const auto* iri = std::get_if<rdf::Term>(&t.predicate)) {
    ast::Path single;
    single.iri = iri->value;
    return single;
  }
  throw bad("a variable or path search is not a property path");
}

}  // namespace wsiskg::query
