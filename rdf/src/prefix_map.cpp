#include "wsiskg/rdf/prefix_map.hpp"

#include <algorithm>
#include <cctype>

namespace wsiskg::rdf {

namespace {

// Conservative: only local names that need no escaping in a prefixed name.
bool is_plain_local_name(std::string_view local) {
  if (local.empty()) return true;
  if (local.back() == '.') return false;
  return std::ranges::all_of(local, [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& PrefixMap::well_known() {
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

PrefixMap::PrefixMap(std::vector<std::pair<std::string, std::string>> prefixes)
    : prefixes_(std::move(prefixes)) {
  for (const auto& known : well_known()) {
    bool taken = std::ranges::any_of(prefixes_, [&](const auto& p) {
      return p.first == known.first || p.second == known.second;
    });
    if (!taken) prefixes_.push_back(known);
  }
  std::ranges::stable_sort(prefixes_, [](const auto& a, const auto& b) {
    return a.second.size() > b.second.size();
  });
}

std::optional<std::string> PrefixMap::shorten(std::string_view iri) const {
  for (const auto& [prefix, ns] : prefixes_) {
    if (ns.empty() || !iri.starts_with(ns)) continue;
    std::string_view local = iri.substr(ns.size());
    if (is_plain_local_name(local)) return prefix + ":" + std::string(local);
  }
  return std::nullopt;
}

std::string PrefixMap::show(const Term& term) const {
  if (term.is_iri()) {
    if (auto name = shorten(term.value)) return *name;
  }
  return to_ntriples(term);
}

std::optional<std::string> PrefixMap::expand(std::string_view prefixed_name) const {
  auto colon = prefixed_name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view prefix = prefixed_name.substr(0, colon);
  for (const auto& [name, ns] : prefixes_) {
    if (name == prefix) return ns + std::string(prefixed_name.substr(colon + 1));
  }
  return std::nullopt;
}

}  // namespace wsiskg::rdf
