#pragma once
// Human-facing spelling of terms: prefixed names where a prefix is known, N-Triples otherwise.

#include <string>
#include <utility>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::cli {

class TermDisplay {
 public:
  // Well-known prefixes (rdf, rdfs, xsd, owl, skos, dcterms) plus the given ones.
  explicit TermDisplay(std::vector<std::pair<std::string, std::string>> prefixes);
  std::string show(const rdf::Term& term) const;

 private:
  std::vector<std::pair<std::string, std::string>> prefixes_;  // longest namespace first
};

}  // namespace wsiskg::cli
