#pragma once
// Namespace prefixes for showing IRIs to people: `wsis:facilitates` instead of the full IRI.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::rdf {

class PrefixMap {
 public:
  // The well-known prefixes (rdf, rdfs, xsd, owl, skos, dcterms) plus `prefixes`; a given prefix
  // or namespace replaces the well-known one it collides with.
  explicit PrefixMap(std::vector<std::pair<std::string, std::string>> prefixes = {});

  static const std::vector<std::pair<std::string, std::string>>& well_known();

  // `prefix:local` when a namespace matches and the local part needs no escaping.
  std::optional<std::string> shorten(std::string_view iri) const;
  // A prefixed name for IRIs where possible, N-Triples syntax otherwise.
  std::string show(const Term& term) const;
  // The IRI of `prefix:local`, if the prefix is known.
  std::optional<std::string> expand(std::string_view prefixed_name) const;

  const std::vector<std::pair<std::string, std::string>>& entries() const { return prefixes_; }

 private:
  std::vector<std::pair<std::string, std::string>> prefixes_;  // longest namespace first
};

}  // namespace wsiskg::rdf
