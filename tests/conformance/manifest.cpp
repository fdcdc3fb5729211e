#include "manifest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance {
namespace {

std::string iri_of(std::string_view ns, std::string_view local) {
  std::string out(ns);
  out += local;
  return out;
}

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::BadData, "manifest: " + message);
}

// Subject -> predicate -> objects, default graph only (manifests are Turtle).
class Triples {
 public:
  explicit Triples(std::span<const rdf::Quad> quads) {
    for (const auto& q : quads) {
      if (q.graph) continue;
      auto& objects = by_subject_[q.subject][q.predicate.value];
      // A repeated triple is one triple (the N-Quads manifest states one approval twice).
      if (std::ranges::find(objects, q.object) == objects.end()) objects.push_back(q.object);
    }
  }

  std::vector<rdf::Term> objects(const rdf::Term& subject, std::string_view predicate) const {
    auto s = by_subject_.find(subject);
    if (s == by_subject_.end()) return {};
    auto p = s->second.find(std::string(predicate));
    if (p == s->second.end()) return {};
    return p->second;
  }

  // The single object, nullopt when absent; more than one is an error.
  std::optional<rdf::Term> object(const rdf::Term& subject, std::string_view predicate) const {
    auto all = objects(subject, predicate);
    if (all.empty()) return std::nullopt;
    if (all.size() > 1) {
      fail(fmt::format("{} has {} values for <{}>", rdf::to_ntriples(subject), all.size(),
                       predicate));
    }
    return all.front();
  }

  std::vector<rdf::Term> subjects_with(std::string_view predicate, const rdf::Term& object) const {
    std::vector<rdf::Term> out;
    for (const auto& [subject, props] : by_subject_) {
      auto p = props.find(std::string(predicate));
      if (p == props.end()) continue;
      for (const auto& o : p->second) {
        if (o == object) out.push_back(subject);
      }
    }
    return out;
  }

  // Walks an RDF collection from its head.
  std::vector<rdf::Term> list(const rdf::Term& head) const {
    const rdf::Term nil = rdf::Term::iri(iri_of(vocab::kRdf, "nil"));
    std::vector<rdf::Term> items;
    std::set<rdf::Term> seen;
    rdf::Term node = head;
    while (node != nil) {
      if (!seen.insert(node).second) fail("cyclic RDF list at " + rdf::to_ntriples(node));
      auto first = object(node, iri_of(vocab::kRdf, "first"));
      auto rest = object(node, iri_of(vocab::kRdf, "rest"));
      if (!first || !rest) fail("malformed RDF list node " + rdf::to_ntriples(node));
      items.push_back(*first);
      node = *rest;
    }
    return items;
  }

 private:
  std::map<rdf::Term, std::map<std::string, std::vector<rdf::Term>, std::less<>>> by_subject_;
};

std::string text_of(const std::optional<rdf::Term>& term) {
  return term ? term->value : "";
}

}  // namespace

TestKind test_kind_for_type(std::string_view type_iri) {
  if (!type_iri.starts_with(vocab::kRdft)) return TestKind::Other;
  std::string_view local = type_iri.substr(vocab::kRdft.size());
  for (std::string_view syntax : {"NTriples", "NQuads", "Turtle", "Trig"}) {
    std::string prefix = fmt::format("Test{}", syntax);
    if (!local.starts_with(prefix)) continue;
    std::string_view rest = local.substr(prefix.size());
    if (rest == "PositiveSyntax") return TestKind::PositiveSyntax;
    if (rest == "NegativeSyntax") return TestKind::NegativeSyntax;
    if (rest == "Eval") return TestKind::Eval;
  }
  return TestKind::Other;
}

std::string_view iri_local_name(std::string_view iri) {
  auto cut = iri.find_last_of("#/");
  return cut == std::string_view::npos ? iri : iri.substr(cut + 1);
}

Manifest read_manifest(std::span<const rdf::Quad> quads) {
  Triples triples(quads);
  const std::string rdf_type = iri_of(vocab::kRdf, "type");
  auto nodes = triples.subjects_with(rdf_type, rdf::Term::iri(iri_of(vocab::kMf, "Manifest")));
  if (nodes.size() != 1) fail(fmt::format("expected one mf:Manifest node, found {}", nodes.size()));
  const rdf::Term& node = nodes.front();

  Manifest manifest;
  manifest.iri = node.value;
  if (auto label = triples.object(node, iri_of(vocab::kRdfs, "label"))) {
    manifest.label = label->value;
  }
  if (auto base = triples.object(node, iri_of(vocab::kMf, "assumedTestBase"))) {
    manifest.assumed_test_base = base->value;
  }
  for (const auto& head : triples.objects(node, iri_of(vocab::kMf, "include"))) {
    for (const auto& item : triples.list(head)) manifest.includes.push_back(item.value);
  }
  std::set<std::string> seen_tests;
  for (const auto& head : triples.objects(node, iri_of(vocab::kMf, "entries"))) {
    for (const auto& entry : triples.list(head)) {
      ManifestTest test;
      test.iri = entry.value;
      if (!seen_tests.insert(test.iri).second) fail("test listed twice: " + test.iri);
      auto types = triples.objects(entry, rdf_type);
      if (types.size() != 1) {
        fail(fmt::format("test {} has {} rdf:type values", test.iri, types.size()));
      }
      test.type_iri = types.front().value;
      test.kind = test_kind_for_type(test.type_iri);
      auto name = triples.object(entry, iri_of(vocab::kMf, "name"));
      test.name = name ? name->value : std::string(iri_local_name(test.iri));
      auto action = triples.object(entry, iri_of(vocab::kMf, "action"));
      if (!action) fail("test " + test.iri + " has no mf:action");
      test.action = action->value;
      if (auto result = triples.object(entry, iri_of(vocab::kMf, "result"))) {
        test.result = result->value;
      }
      auto approval = triples.object(entry, iri_of(vocab::kRdft, "approval"));
      if (!approval) approval = triples.object(entry, iri_of(vocab::kDawgt, "approval"));
      if (approval) test.approval = std::string(iri_local_name(approval->value));
      test.comment = text_of(triples.object(entry, iri_of(vocab::kRdfs, "comment")));
      manifest.tests.push_back(std::move(test));
    }
  }
  return manifest;
}

std::filesystem::path local_file_for(std::string_view iri, std::string_view base_url,
                                     const std::filesystem::path& directory) {
  if (!iri.starts_with(base_url)) {
    fail(fmt::format("<{}> is not under the suite's base <{}>", iri, base_url));
  }
  std::filesystem::path relative(iri.substr(base_url.size()));
  relative = relative.lexically_normal();
  if (relative.empty() || relative.is_absolute() || *relative.begin() == "..") {
    fail(fmt::format("<{}> does not name a file under <{}>", iri, base_url));
  }
  return directory / relative;
}

}  // namespace wsiskg::conformance
