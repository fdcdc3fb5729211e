#pragma once
// Path values of the path-search extension (README, "Paths in queries"). Inside the engine a
// path is bound like any value; at the result boundary (ResultSink, expressions) it travels as
// a literal of the reserved datatype kPathDatatype whose lexical form is the path's arrow form
// with N-Triples terms — `<a> -<p>-> <b> <-<q>- <c>`, the same text `wsiskg path --format tsv`
// prints — so any consumer that ignores the datatype still shows the path. Writers and the
// path functions decode it back with decode_path_term().

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::query {

inline constexpr std::string_view kPathDatatype = "https://w3id.org/wsiskg/sparql#Path";

struct PathValue {
  struct Step {
    rdf::Term predicate;
    bool forward = true;  // forward: (node[i] p node[i+1]); backward: (node[i+1] p node[i])
    friend bool operator==(const Step&, const Step&) = default;
  };
  std::vector<rdf::Term> nodes;  // nodes.size() == steps.size() + 1
  std::vector<Step> steps;

  std::size_t length() const { return steps.size(); }
  friend bool operator==(const PathValue&, const PathValue&) = default;
};

using TermSpelling = std::function<std::string(const rdf::Term&)>;

// `a -p-> b <-q- c`, each term spelled by `spell` (default: N-Triples).
std::string path_arrow_form(const PathValue& path, const TermSpelling& spell = {});

rdf::Term path_term(const PathValue& path);
inline bool is_path_term(const rdf::Term& term) {
  return term.is_literal() && term.datatype == kPathDatatype;
}
// The path a path term stands for; nullopt for any other term (or a malformed lexical form).
std::optional<PathValue> decode_path_term(const rdf::Term& term);

}  // namespace wsiskg::query
