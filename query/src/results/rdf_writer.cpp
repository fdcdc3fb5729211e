// CONSTRUCT / DESCRIBE results as N-Triples (streamed line by line) or Turtle (collected, then
// written by serd with the prefixes the triples actually use).

#include <serd/serd.h>

#include <memory>
#include <set>
#include <vector>

#include "output.hpp"
#include "wsiskg/query/path_value.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::results {

namespace {

// A path value (path-search extension) reaching a CONSTRUCT template through BIND: a path is
// not an RDF term, so there is no triple to write. (A template naming a path variable directly
// is rejected when the query is parsed.)
void reject_paths(const rdf::Quad& t) {
  for (const rdf::Term* term : {&t.subject, &t.object})
    if (is_path_term(*term))
      throw Error(ErrorKind::Usage,
                  "CONSTRUCT produced a triple holding a path value; a path is not an RDF term");
}

rdf::Term relabel(const rdf::Term& term, BlankLabels& blanks) {
  if (!term.is_blank()) return term;
  return rdf::Term::blank(blanks(term.value));
}

class NTriplesWriter final : public GraphWriter {
 public:
  explicit NTriplesWriter(std::FILE* out) : GraphWriter("N-Triples"), out_(out) {}
  void begin_graph() override {}
  void triple(const rdf::Quad& t) override {
    reject_paths(t);
    line_ = rdf::to_nquads_line(
        {relabel(t.subject, blanks_), t.predicate, relabel(t.object, blanks_), std::nullopt});
    line_ += '\n';
    out_.write(line_);
  }
  void end_graph() override { out_.flush(); }

 private:
  Output out_;
  std::string line_;
  BlankLabels blanks_;
};

SerdNode serd_node(SerdType type, const std::string& text) {
  return serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(text.c_str()),
                                  text.size());
}
SerdNode serd_node(const rdf::Term& term) {
  switch (term.kind) {
    case rdf::TermKind::Iri:
      return serd_node(SERD_URI, term.value);
    case rdf::TermKind::BlankNode:
      return serd_node(SERD_BLANK, term.value);
    case rdf::TermKind::Literal:
      return serd_node(SERD_LITERAL, term.value);
  }
  return SERD_NODE_NULL;
}

struct EnvDeleter {
  void operator()(SerdEnv* env) const { serd_env_free(env); }
};
struct WriterDeleter {
  void operator()(SerdWriter* writer) const { serd_writer_free(writer); }
};

class TurtleWriter final : public GraphWriter {
 public:
  TurtleWriter(std::FILE* out, rdf::PrefixMap prefixes)
      : GraphWriter("Turtle"), out_(out), prefixes_(std::move(prefixes)) {}
  void begin_graph() override {}
  void triple(const rdf::Quad& t) override {
    reject_paths(t);
    triples_.push_back(
        {relabel(t.subject, blanks_), t.predicate, relabel(t.object, blanks_), std::nullopt});
  }
  void end_graph() override {
    std::unique_ptr<SerdEnv, EnvDeleter> env(serd_env_new(nullptr));
    const auto style =
        static_cast<SerdStyle>(SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED | SERD_STYLE_BULK);
    std::unique_ptr<SerdWriter, WriterDeleter> writer(
        serd_writer_new(SERD_TURTLE, style, env.get(), nullptr, &serd_file_sink, out_.file()));
    for (const auto& [prefix, ns] : used_prefixes()) {
      const SerdNode name = serd_node(SERD_LITERAL, prefix);
      const SerdNode iri = serd_node(SERD_URI, ns);
      serd_env_set_prefix(env.get(), &name, &iri);
      serd_writer_set_prefix(writer.get(), &name, &iri);
    }
    for (const rdf::Quad& t : triples_) {
      const SerdNode s = serd_node(t.subject);
      const SerdNode p = serd_node(t.predicate);
      const SerdNode o = serd_node(t.object);
      SerdNode datatype = SERD_NODE_NULL;
      SerdNode lang = SERD_NODE_NULL;
      if (t.object.is_literal()) {
        if (!t.object.language.empty()) {
          lang = serd_node(SERD_LITERAL, t.object.language);
        } else if (!t.object.datatype.empty() && t.object.datatype != rdf::xsd::kString) {
          datatype = serd_node(SERD_URI, t.object.datatype);
        }
      }
      if (serd_writer_write_statement(writer.get(), 0, nullptr, &s, &p, &o,
                                      datatype.buf != nullptr ? &datatype : nullptr,
                                      lang.buf != nullptr ? &lang : nullptr) != SERD_SUCCESS) {
        throw Error(ErrorKind::Io, "cannot write a CONSTRUCT result triple as Turtle");
      }
    }
    serd_writer_finish(writer.get());
    writer.reset();  // flushes serd's buffer
    out_.flush();
  }

 private:
  // The prefixes whose namespace shortens some IRI of the result, in the map's order.
  std::vector<std::pair<std::string, std::string>> used_prefixes() const {
    std::set<std::string> used;
    auto note = [&](std::string_view iri) {
      if (auto name = prefixes_.shorten(iri)) used.insert(name->substr(0, name->find(':')));
    };
    for (const rdf::Quad& t : triples_) {
      for (const rdf::Term* term : {&t.subject, &t.predicate, &t.object}) {
        if (term->is_iri()) note(term->value);
      }
      if (t.object.is_literal() && t.object.language.empty() &&
          t.object.datatype != rdf::xsd::kString) {
        note(t.object.datatype);
      }
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& entry : prefixes_.entries()) {
      if (used.contains(entry.first)) out.push_back(entry);
    }
    return out;
  }

  Output out_;
  rdf::PrefixMap prefixes_;
  std::vector<rdf::Quad> triples_;
  BlankLabels blanks_;
};

}  // namespace

std::unique_ptr<ResultSink> make_ntriples_writer(std::FILE* out) {
  return std::make_unique<NTriplesWriter>(out);
}
std::unique_ptr<ResultSink> make_turtle_writer(std::FILE* out, rdf::PrefixMap prefixes) {
  return std::make_unique<TurtleWriter>(out, std::move(prefixes));
}

}  // namespace wsiskg::query::results
