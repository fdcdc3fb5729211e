// RDF/XML through raptor2, fed chunk by chunk from the same byte source as the serd syntaxes.
// raptor is C: callbacks catch, remember the exception, abort the parse; we rethrow after.

#include <raptor2/raptor2.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser_internal.hpp"
#include "wsiskg/rdf/error.hpp"
#include "xml_nesting_guard.hpp"

namespace wsiskg::import::detail {

namespace {

constexpr std::size_t kChunkSize = std::size_t{1} << 20;

struct WorldDeleter {
  void operator()(raptor_world* world) const { raptor_free_world(world); }
};
struct ParserDeleter {
  void operator()(raptor_parser* parser) const { raptor_free_parser(parser); }
};
struct UriDeleter {
  void operator()(raptor_uri* uri) const { raptor_free_uri(uri); }
};

std::string_view uri_view(raptor_uri* uri) {
  std::size_t length = 0;
  const unsigned char* text = raptor_uri_as_counted_string(uri, &length);
  return {reinterpret_cast<const char*>(text), length};
}

class RaptorParse {
 public:
  RaptorParse(ByteSource& source, const ParseOptions& options, const ParseCallbacks& callbacks)
      : source_(source), callbacks_(callbacks), lenient_(options.lenient) {
    world_.reset(raptor_new_world());
    if (!world_) throw Error(ErrorKind::Io, "cannot start the RDF/XML parser");
    raptor_world_set_log_handler(world_.get(), this, &RaptorParse::on_log);
    // Generated blank node ids must not collide with rdf:nodeID values in the document.
    static char prefix[] = "genid0x";
    raptor_world_set_generate_bnodeid_parameters(world_.get(), prefix, 1);
    if (raptor_world_open(world_.get()) != 0) {
      throw Error(ErrorKind::Io, "cannot start the RDF/XML parser");
    }
    parser_.reset(raptor_new_parser(world_.get(), "rdfxml"));
    if (!parser_) throw Error(ErrorKind::Io, "cannot start the RDF/XML parser");
    raptor_parser_set_statement_handler(parser_.get(), this, &RaptorParse::on_statement);
  }

  void run(const std::string& base) {
    std::unique_ptr<raptor_uri, UriDeleter> base_uri(
        raptor_new_uri(world_.get(), reinterpret_cast<const unsigned char*>(base.c_str())));
    if (raptor_parser_parse_start(parser_.get(), base_uri.get()) != 0) {
      throw Error(ErrorKind::Io, source_.name() + ": cannot start parsing");
    }
    std::vector<unsigned char> buffer(kChunkSize);
    bool end = false;
    while (!end) {
      std::size_t n = source_.read(reinterpret_cast<char*>(buffer.data()), buffer.size());
      end = n < buffer.size();
      if (callbacks_.on_progress) callbacks_.on_progress(source_.bytes_read());
      const auto too_deep = nesting_.scan({reinterpret_cast<const char*>(buffer.data()), n});
      if (too_deep) {  // raptor gets what comes before the offending element, then we stop
        n = too_deep->offset;
        end = false;
      }
      const int rc = raptor_parser_parse_chunk(parser_.get(), buffer.data(), n, end ? 1 : 0);
      if (failure_) std::rethrow_exception(failure_);
      if (first_error_) throw *first_error_;
      if (rc != 0 && !lenient_) {
        throw Error(ErrorKind::BadData, source_.name() + ": RDF/XML parse failed");
      }
      if (rc != 0) break;  // raptor cannot go on; what it reported was delivered
      if (too_deep) {
        fail(Error(ErrorKind::BadData, {source_.name(), too_deep->line, too_deep->column},
                   "XML elements nested deeper than " + std::to_string(XmlNestingGuard::kMaxDepth) +
                       " levels"));
        if (failure_) std::rethrow_exception(failure_);
        if (first_error_) throw *first_error_;
        break;  // lenient: reported; like a fatal XML error, nothing after it is read
      }
    }
  }

 private:
  static void on_log(void* handle, raptor_log_message* message) {
    auto& self = *static_cast<RaptorParse*>(handle);
    if (message->level < RAPTOR_LOG_LEVEL_ERROR || self.failure_) return;
    SourcePosition position{self.source_.name(), 0, 0};
    // libxml errors come without a locator line: fall back to where the parser is.
    const raptor_locator* where = message->locator;
    if (where == nullptr || where->line <= 0) where = raptor_parser_get_locator(self.parser_.get());
    if (where != nullptr) {
      position.line = where->line > 0 ? static_cast<std::uint64_t>(where->line) : 0;
      position.column = where->column > 0 ? static_cast<std::uint64_t>(where->column) : 0;
    }
    // No line at all (e.g. libxml's "Document is empty" for binary garbage): the document's start.
    if (position.line == 0) position = {self.source_.name(), 1, 1};
    std::string text = message->text != nullptr ? message->text : "RDF/XML error";
    if (auto at = text.find(" line 0 and"); at != std::string::npos) text.erase(at, 7);
    self.fail(Error(ErrorKind::BadData, std::move(position), text));
  }

  // Strict: remember the first error and stop; lenient: report it and go on.
  void fail(Error error) {
    if (!lenient_) {
      if (!first_error_) first_error_.emplace(std::move(error));
      raptor_parser_parse_abort(parser_.get());
      return;
    }
    if (!callbacks_.on_error) return;
    try {
      callbacks_.on_error(error);
    } catch (...) {
      failure_ = std::current_exception();
      raptor_parser_parse_abort(parser_.get());
    }
  }

  SourcePosition here() const {
    const raptor_locator* where = raptor_parser_get_locator(parser_.get());
    SourcePosition position{source_.name(), 0, 0};
    if (where != nullptr && where->line > 0)
      position.line = static_cast<std::uint64_t>(where->line);
    return position;
  }

  // raptor passes IRIs through unchecked; refuse what the IRIREF production forbids, as
  // serd's strict mode does for the other syntaxes.
  static const char* bad_iri_character(std::string_view iri) {
    for (unsigned char c : iri) {
      if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
          c == '^' || c == '`' || c == '\\') {
        return "invalid IRI character";
      }
    }
    return nullptr;
  }

  bool check_iris(const StatementView& view) {
    const rdf::TermRef* terms[] = {&view.subject, &view.predicate, &view.object};
    for (const rdf::TermRef* term : terms) {
      std::string_view iri;
      if (term->kind == rdf::TermKind::Iri) {
        iri = term->value;
      } else if (term->kind == rdf::TermKind::Literal) {
        iri = term->datatype;
      }
      if (const char* problem = bad_iri_character(iri)) {
        fail(Error(ErrorKind::BadData, here(),
                   std::string(problem) + " in <" + std::string(iri) + ">"));
        return false;
      }
    }
    return true;
  }

  static void on_statement(void* handle, raptor_statement* statement) {
    auto& self = *static_cast<RaptorParse*>(handle);
    if (self.failure_ || self.first_error_) return;
    try {
      StatementView view;
      view.subject = term(*statement->subject);
      view.predicate = term(*statement->predicate);
      view.object = self.object(*statement->object);
      if (statement->graph != nullptr) view.graph = term(*statement->graph);
      if (self.check_iris(view)) self.callbacks_.on_statement(view);
    } catch (...) {
      self.failure_ = std::current_exception();
      raptor_parser_parse_abort(self.parser_.get());
    }
  }

  static rdf::TermRef term(const raptor_term& t) {
    switch (t.type) {
      case RAPTOR_TERM_TYPE_URI:
        return {rdf::TermKind::Iri, uri_view(t.value.uri)};
      case RAPTOR_TERM_TYPE_BLANK:
        return {rdf::TermKind::BlankNode,
                {reinterpret_cast<const char*>(t.value.blank.string), t.value.blank.string_len}};
      case RAPTOR_TERM_TYPE_LITERAL:
        return {
            rdf::TermKind::Literal,
            {reinterpret_cast<const char*>(t.value.literal.string), t.value.literal.string_len}};
      case RAPTOR_TERM_TYPE_UNKNOWN:
        break;
    }
    throw Error(ErrorKind::BadData, "RDF/XML parser produced an unknown term");
  }

  rdf::TermRef object(const raptor_term& t) {
    rdf::TermRef ref = term(t);
    if (t.type != RAPTOR_TERM_TYPE_LITERAL) return ref;
    const auto& literal = t.value.literal;
    if (literal.language != nullptr && literal.language_len > 0) {
      language_.assign(reinterpret_cast<const char*>(literal.language), literal.language_len);
      std::ranges::transform(language_, language_.begin(),
                             [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      ref.datatype = rdf::kRdfLangString;
      ref.language = language_;
    } else if (literal.datatype != nullptr) {
      ref.datatype = uri_view(literal.datatype);
    }
    return ref;
  }

  ByteSource& source_;
  const ParseCallbacks& callbacks_;
  bool lenient_;
  std::unique_ptr<raptor_world, WorldDeleter> world_;
  std::unique_ptr<raptor_parser, ParserDeleter> parser_;
  std::exception_ptr failure_;
  std::optional<Error> first_error_;
  std::string language_;
  XmlNestingGuard nesting_;
};

}  // namespace

void parse_rdfxml(ByteSource& source, const std::string& base, const ParseOptions& options,
                  const ParseCallbacks& callbacks) {
  RaptorParse parse(source, options, callbacks);
  parse.run(base);
}

}  // namespace wsiskg::import::detail
