#include "wsiskg/graph/triple_source.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "wsiskg/rdf/term.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::graph {

namespace {

bool is_numeric_datatype(std::string_view datatype) {
  if (!datatype.starts_with(rdf::xsd::kNamespace)) return false;
  std::string_view local = datatype.substr(rdf::xsd::kNamespace.size());
  static constexpr std::string_view kNumeric[] = {
      "integer",         "decimal",      "double",
      "float",           "long",         "int",
      "short",           "byte",         "nonNegativeInteger",
      "positiveInteger", "unsignedLong", "unsignedInt",
      "unsignedShort",   "unsignedByte", "nonPositiveInteger",
      "negativeInteger"};
  return std::ranges::find(kNumeric, local) != std::end(kNumeric);
}

}  // namespace

std::optional<double> TripleSource::numeric_value(TermId term) const {
  if (store::kind_of(term) == store::TermIdKind::InlineInteger) {
    return static_cast<double>(store::inline_integer_value(term));
  }
  return std::nullopt;
}

StoreTripleSource::StoreTripleSource(const store::ReadTransaction& txn, TermId graph)
    : txn_(txn), graph_(graph) {
  std::size_t named =
      (graph == store::kAnyTerm || graph == store::kAnyNamedGraph) ? txn.named_graphs().size() : 0;
  may_repeat_ = graph == store::kAnyTerm ? named > 0 : named > 1;
  if (graph == store::kAnyTerm && named == 0) graph_ = store::kDefaultGraph;
}

void StoreTripleSource::scan(TermId subject, TermId predicate, TermId object,
                             const Sink& sink) const {
  store::QuadPattern pattern{subject, predicate, object, graph_};
  store::QuadCursor cursor = txn_.scan(pattern);
  store::IdQuad quad;
  while (cursor.next(quad)) {
    if (!sink(Triple{quad.subject, quad.predicate, quad.object})) return;
  }
}

std::optional<double> StoreTripleSource::numeric_value(TermId term) const {
  if (auto inline_value = TripleSource::numeric_value(term)) return inline_value;
  if (store::kind_of(term) != store::TermIdKind::TypedLiteral) return std::nullopt;
  rdf::Term literal = txn_.decode(term);
  if (!is_numeric_datatype(literal.datatype)) return std::nullopt;
  const char* begin = literal.value.c_str();
  char* end = nullptr;
  double value = std::strtod(begin, &end);
  if (end == begin || *end != '\0') return std::nullopt;
  return value;
}

void MemoryTripleSource::scan(TermId subject, TermId predicate, TermId object,
                              const Sink& sink) const {
  for (const Triple& t : triples_) {
    if ((subject == store::kAnyTerm || t.subject == subject) &&
        (predicate == store::kAnyTerm || t.predicate == predicate) &&
        (object == store::kAnyTerm || t.object == object)) {
      if (!sink(t)) return;
    }
  }
}

std::vector<TermId> instances_of(const TripleSource& source, TermId type_predicate, TermId klass) {
  std::vector<TermId> instances;
  source.scan(store::kAnyTerm, type_predicate, klass, [&](const Triple& t) {
    instances.push_back(t.subject);
    return true;
  });
  std::ranges::sort(instances);
  auto [first, last] = std::ranges::unique(instances);
  instances.erase(first, last);
  return instances;
}

}  // namespace wsiskg::graph
