#include "wsiskg/import/exporter.hpp"

#include <serd/serd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "serd_syntax.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::import {

namespace {

SerdSyntax syntax_for(Format format) {
  if (auto syntax = serd_syntax(format)) return *syntax;
  throw Error(ErrorKind::Usage, "cannot write RDF/XML; choose nt, nq, ttl or trig");
}

// A node over all of `text`: serd_node_from_substring() stops at the first NUL byte, and a
// literal may hold U+0000 (the writer escapes it as \u0000). The flags make serd's Turtle
// writer choose a long string for newlines and quotes, as serd_node_from_string() would.
// A std::string, not a view: parts of serd's writer (URI parsing) expect a terminating NUL.
SerdNode node(SerdType type, const std::string& text) {
  std::size_t chars = 0;
  SerdNodeFlags flags = 0;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if ((c & 0xC0U) != 0x80U) ++chars;  // not a UTF-8 continuation byte
    if (c == '\n' || c == '\r') {
      flags |= SERD_HAS_NEWLINE;
    } else if (c == '"') {
      flags |= SERD_HAS_QUOTE;
    }
  }
  return SerdNode{reinterpret_cast<const uint8_t*>(text.c_str()), text.size(), chars, flags, type};
}

SerdNode node(const rdf::Term& term) {
  switch (term.kind) {
    case rdf::TermKind::Iri:
      return node(SERD_URI, term.value);
    case rdf::TermKind::BlankNode:
      return node(SERD_BLANK, term.value);
    case rdf::TermKind::Literal:
      return node(SERD_LITERAL, term.value);
  }
  return SERD_NODE_NULL;
}

struct EnvDeleter {
  void operator()(SerdEnv* env) const { serd_env_free(env); }
};
struct WriterDeleter {
  void operator()(SerdWriter* writer) const { serd_writer_free(writer); }
};

// Streams statements to a FILE* through serd's writer.
class QuadWriter {
 public:
  QuadWriter(Format format, std::FILE* out) : out_(out), graphs_(has_graphs(format)) {
    const SerdSyntax syntax = syntax_for(format);
    const bool abbreviate = syntax == SERD_TURTLE || syntax == SERD_TRIG;
    // N-Triples and N-Quads: plain ASCII with \u escapes, safe for any consumer.
    const auto style = static_cast<SerdStyle>(
        SERD_STYLE_BULK |
        (abbreviate ? (SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED) : SERD_STYLE_ASCII));
    env_.reset(serd_env_new(nullptr));
    writer_.reset(serd_writer_new(syntax, style, env_.get(), nullptr, &serd_file_sink, out_));
  }

  void prefix(const std::string& name, const std::string& iri) {
    const SerdNode name_node = node(SERD_LITERAL, name);
    const SerdNode iri_node = node(SERD_URI, iri);
    serd_env_set_prefix(env_.get(), &name_node, &iri_node);
    serd_writer_set_prefix(writer_.get(), &name_node, &iri_node);
  }

  void write(const rdf::Term& s, const rdf::Term& p, const rdf::Term& o, const rdf::Term* g) {
    const SerdNode sn = node(s);
    const SerdNode pn = node(p);
    const SerdNode on = node(o);
    SerdNode gn = SERD_NODE_NULL;
    if (graphs_ && g != nullptr) gn = node(*g);
    SerdNode datatype = SERD_NODE_NULL;
    SerdNode lang = SERD_NODE_NULL;
    if (o.is_literal()) {
      if (!o.language.empty()) {
        lang = node(SERD_LITERAL, o.language);
      } else if (!o.datatype.empty() && o.datatype != rdf::xsd::kString) {
        datatype = node(SERD_URI, o.datatype);
      }
    }
    const SerdStatus st = serd_writer_write_statement(
        writer_.get(), 0, gn.buf != nullptr ? &gn : nullptr, &sn, &pn, &on,
        datatype.buf != nullptr ? &datatype : nullptr, lang.buf != nullptr ? &lang : nullptr);
    if (st != SERD_SUCCESS) {
      throw Error(ErrorKind::Io, "cannot write statement (serd status " +
                                     std::to_string(static_cast<int>(st)) + ")");
    }
    ++written_;
    if ((written_ & 0xFFFF) == 0) check_stream();
  }

  std::uint64_t finish() {
    serd_writer_finish(writer_.get());
    writer_.reset();  // flushes serd's page buffer
    if (std::fflush(out_) != 0) check_stream(errno);
    check_stream();
    return written_;
  }

 private:
  void check_stream(int error = 0) const {
    if (std::ferror(out_) == 0 && error == 0) return;
    throw Error(ErrorKind::Io,
                std::string("cannot write output: ") + std::strerror(error != 0 ? error : EIO));
  }

  std::FILE* out_;
  bool graphs_;
  std::unique_ptr<SerdEnv, EnvDeleter> env_;
  std::unique_ptr<SerdWriter, WriterDeleter> writer_;
  std::uint64_t written_ = 0;
};

// id -> term with a one-entry memory per position: scans in spo order repeat s and p a lot.
class Decoder {
 public:
  explicit Decoder(const store::ReadTransaction& txn) : txn_(txn) {}
  const rdf::Term& operator()(store::TermId id, int slot) {
    auto& entry = cache_[slot];
    if (entry.id != id || id == store::kAnyTerm) {
      entry.term = txn_.decode(id);
      entry.id = id;
    }
    return entry.term;
  }

 private:
  struct Entry {
    store::TermId id = store::kAnyTerm;
    rdf::Term term;
  };
  const store::ReadTransaction& txn_;
  Entry cache_[4];
};

}  // namespace

std::uint64_t export_store(const store::ReadTransaction& txn, std::FILE* out,
                           const ExportOptions& options) {
  QuadWriter writer(options.format, out);
  const bool abbreviated = options.format == Format::Turtle || options.format == Format::TriG;
  if (abbreviated && options.use_store_prefixes) {
    for (const auto& [prefix, iri] : txn.prefixes()) writer.prefix(prefix, iri);
  }
  std::vector<store::TermId> graphs;
  if (options.graph) {
    graphs.push_back(*options.graph);
  } else {
    graphs.push_back(store::kDefaultGraph);
    const auto named = txn.named_graphs();
    graphs.insert(graphs.end(), named.begin(), named.end());
  }
  Decoder decode(txn);
  for (const store::TermId graph : graphs) {
    store::QuadPattern pattern;
    pattern.graph = graph;
    auto cursor = txn.scan(pattern);
    store::IdQuad quad;
    const bool named = graph != store::kDefaultGraph;
    while (cursor.next(quad)) {
      const rdf::Term* g = named ? &decode(quad.graph, 3) : nullptr;
      writer.write(decode(quad.subject, 0), decode(quad.predicate, 1), decode(quad.object, 2), g);
    }
  }
  return writer.finish();
}

void write_quads(std::span<const rdf::Quad> quads, Format format, std::FILE* out) {
  QuadWriter writer(format, out);
  for (const rdf::Quad& quad : quads) {
    writer.write(quad.subject, quad.predicate, quad.object, quad.graph ? &*quad.graph : nullptr);
  }
  writer.finish();
}

}  // namespace wsiskg::import
