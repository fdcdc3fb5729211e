#include "term_display.hpp"

#include <algorithm>
#include <cctype>

namespace wsiskg::cli {

namespace {

const std::vector<std::pair<std::string, std::string>>& well_known_prefixes() {
  static const std::vector<std::pair<std::string, std::string>> prefixes = {
      {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
      {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
      {"xsd", "http://www.w3.org/2001/XMLSchema#"},
      {"owl", "http://www.w3.org/2002/07/owl#"},
      {"skos", "http://www.w3.org/2004/02/skos/core#"},
      {"dcterms", "http://purl.org/dc/terms/"},
  };
  return prefixes;
}

// Conservative: only locals that need no escaping in a prefixed name.
bool is_plain_local_name(std::string_view local) {
  if (local.empty()) return true;
  if (local.back() == '.') return false;
  return std::ranges::all_of(local, [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

TermDisplay::TermDisplay(std::vector<std::pair<std::string, std::string>> prefixes)
    : prefixes_(std::move(prefixes)) {
  for (const auto& known : well_known_prefixes()) {
    bool taken = std::ranges::any_of(prefixes_, [&](const auto& p) {
      return p.first == known.first || p.second == known.second;
    });
    if (!taken) prefixes_.push_back(known);
  }
  std::ranges::stable_sort(prefixes_, [](const auto& a, const auto& b) {
    return a.second.size() > b.second.size();
  });
}

std::string TermDisplay::show(const rdf::Term& term) const {
  if (term.is_iri()) {
    for (const auto& [prefix, ns] : prefixes_) {
      if (ns.empty() || !term.value.starts_with(ns)) continue;
      std::string_view local = std::string_view(term.value).substr(ns.size());
      if (is_plain_local_name(local)) return prefix + ":" + std::string(local);
    }
  }
  return rdf::to_ntriples(term);
}

}  // namespace wsiskg::cli
