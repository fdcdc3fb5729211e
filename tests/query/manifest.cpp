#include "manifest.hpp"

#include <serd/serd.h>

#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace wsiskg::query::testing {

namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr std::string_view kQt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
constexpr std::string_view kUt = "http://www.w3.org/2009/sparql/tests/test-update#";
constexpr std::string_view kDawgt = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";
constexpr std::string_view kSd = "http://www.w3.org/ns/sparql-service-description#";

// A node as text: IRIs as-is, blank nodes as "_:label", literals as their lexical form.
using Graph = std::multimap<std::pair<std::string, std::string>, std::string>;

struct Reader {
  SerdEnv* env;
  Graph* graph;
};

std::string node_text(const Reader& r, const SerdNode* node) {
  switch (node->type) {
    case SERD_URI:
    case SERD_CURIE: {
      SerdNode expanded = serd_env_expand_node(r.env, node);
      std::string text(reinterpret_cast<const char*>(expanded.buf), expanded.n_bytes);
      serd_node_free(&expanded);
      return text;
    }
    case SERD_BLANK:
      return "_:" + std::string(reinterpret_cast<const char*>(node->buf), node->n_bytes);
    default:
      return std::string(reinterpret_cast<const char*>(node->buf), node->n_bytes);
  }
}

SerdStatus on_base(void* handle, const SerdNode* uri) {
  return serd_env_set_base_uri(static_cast<Reader*>(handle)->env, uri);
}
SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  return serd_env_set_prefix(static_cast<Reader*>(handle)->env, name, uri);
}
SerdStatus on_statement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode* s,
                        const SerdNode* p, const SerdNode* o, const SerdNode*, const SerdNode*) {
  auto* r = static_cast<Reader*>(handle);
  r->graph->emplace(std::make_pair(node_text(*r, s), node_text(*r, p)), node_text(*r, o));
  return SERD_SUCCESS;
}

Graph read_turtle(const std::string& path) {
  Graph graph;
  std::string base_text = "file://" + path;
  SerdNode base =
      serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base_text.c_str()));
  std::unique_ptr<SerdEnv, decltype(&serd_env_free)> env(serd_env_new(&base), &serd_env_free);
  Reader state{env.get(), &graph};
  std::unique_ptr<SerdReader, decltype(&serd_reader_free)> reader(
      serd_reader_new(SERD_TURTLE, &state, nullptr, on_base, on_prefix, on_statement, nullptr),
      &serd_reader_free);
  if (serd_reader_read_file(reader.get(), reinterpret_cast<const uint8_t*>(path.c_str())) !=
      SERD_SUCCESS)
    throw std::runtime_error("cannot read manifest " + path);
  return graph;
}

std::vector<std::string> objects(const Graph& g, const std::string& s, std::string_view p) {
  std::vector<std::string> out;
  auto [lo, hi] = g.equal_range({s, std::string(p)});
  for (auto it = lo; it != hi; ++it) out.push_back(it->second);
  return out;
}
std::string object(const Graph& g, const std::string& s, std::string_view p) {
  auto all = objects(g, s, p);
  return all.empty() ? std::string() : all.front();
}
std::vector<std::string> list_items(const Graph& g, std::string head) {
  std::vector<std::string> items;
  const std::string nil = std::string(kRdf) + "nil";
  while (!head.empty() && head != nil) {
    items.push_back(object(g, head, std::string(kRdf) + "first"));
    head = object(g, head, std::string(kRdf) + "rest");
  }
  return items;
}
std::string file_path(const std::string& iri) {
  return iri.starts_with("file://") ? iri.substr(7) : iri;
}

void read_into(const std::string& path, std::vector<ManifestTest>& out,
               std::set<std::string>& seen) {
  if (!seen.insert(path).second) return;
  Graph g = read_turtle(path);
  const std::string type = std::string(kRdf) + "type";
  const std::string manifest_type = std::string(kMf) + "Manifest";
  for (const auto& [key, value] : g) {
    if (key.second != type || value != manifest_type) continue;
    const std::string& manifest = key.first;
    for (const auto& head : objects(g, manifest, std::string(kMf) + "include"))
      for (const auto& included : list_items(g, head)) read_into(file_path(included), out, seen);
    for (const auto& head : objects(g, manifest, std::string(kMf) + "entries")) {
      for (const auto& test : list_items(g, head)) {
        ManifestTest t;
        t.iri = test;
        t.name = object(g, test, std::string(kMf) + "name");
        std::string full_type = object(g, test, type);
        t.type = full_type.substr(full_type.find_last_of("#/") + 1);
        std::string action = object(g, test, std::string(kMf) + "action");
        const std::string result = object(g, test, std::string(kMf) + "result");
        if (!result.starts_with("_:")) t.result = file_path(result);
        t.requires_ = objects(g, test, std::string(kMf) + "requires");
        t.approval = object(g, test, std::string(kDawgt) + "approval");
        t.lax_cardinality = object(g, test, std::string(kMf) + "resultCardinality") ==
                            std::string(kMf) + "LaxCardinality";
        if (action.starts_with("_:")) {
          for (const auto& d : objects(g, action, std::string(kQt) + "data"))
            t.data.push_back(file_path(d));
          for (const auto& d : objects(g, action, std::string(kQt) + "graphData"))
            if (!d.starts_with("_:")) t.graph_data.push_back(file_path(d));
          t.service_data = !objects(g, action, std::string(kQt) + "serviceData").empty();
          t.entailment = !objects(g, action, std::string(kSd) + "entailmentRegime").empty();
          std::string query = object(g, action, std::string(kQt) + "query");
          if (query.empty()) query = object(g, action, std::string(kUt) + "request");
          action = query;
        }
        t.action = file_path(action);
        t.manifest = path;
        out.push_back(std::move(t));
      }
    }
  }
}

}  // namespace

std::vector<ManifestTest> read_manifest_tree(const std::string& manifest_path) {
  std::vector<ManifestTest> tests;
  std::set<std::string> seen;
  read_into(manifest_path, tests, seen);
  return tests;
}

}  // namespace wsiskg::query::testing
