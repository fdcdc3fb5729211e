// N-Triples, N-Quads, Turtle and TriG through serd's streaming reader.
//
// serd is C: nothing may be thrown through its frames. Every callback catches, stores the
// exception and returns a status that makes serd stop; parse_serd rethrows once serd returns.

#include <serd/serd.h>

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser_internal.hpp"
#include "statement_buffer.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::import::detail {

namespace {

constexpr std::size_t kFilePageSize = std::size_t{1} << 20;
constexpr std::size_t kMemoryPageSize = std::size_t{64} << 10;

struct ReaderDeleter {
  void operator()(SerdReader* reader) const { serd_reader_free(reader); }
};
// Ends an incremental read: frees serd's page buffer.
struct StreamCloser {
  SerdReader* reader;
  ~StreamCloser() { serd_reader_end_stream(reader); }
};
struct EnvDeleter {
  void operator()(SerdEnv* env) const { serd_env_free(env); }
};
// An owned node returned by serd_env_expand_node and friends.
struct OwnedNode {
  SerdNode node = SERD_NODE_NULL;
  OwnedNode() = default;
  explicit OwnedNode(SerdNode n) : node(n) {}
  OwnedNode(const OwnedNode&) = delete;
  OwnedNode& operator=(const OwnedNode&) = delete;
  ~OwnedNode() { serd_node_free(&node); }
};

std::string_view view(const SerdNode& node) {
  return {reinterpret_cast<const char*>(node.buf), node.n_bytes};
}
std::string_view view(const SerdChunk& chunk) {
  return {reinterpret_cast<const char*>(chunk.buf), chunk.len};
}

SerdSyntax syntax_for(Format format) {
  switch (format) {
    case Format::NTriples:
      return SERD_NTRIPLES;
    case Format::NQuads:
      return SERD_NQUADS;
    case Format::Turtle:
      return SERD_TURTLE;
    case Format::TriG:
      return SERD_TRIG;
    case Format::RdfXml:
      break;
  }
  return SERD_TURTLE;
}

// serd's messages end in a newline and quote like `this'; make them read like ours.
std::string clean_message(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::ranges::replace(text, '`', '\'');
  return text;
}

// serd (Turtle, TriG) names anonymous nodes "b<n>" and renames document labels of that shape
// to "B<n>", so a label matching b[0-9]+ is always one serd generated.
bool is_generated_label(std::string_view label) {
  return label.size() > 1 && label[0] == 'b' &&
         std::ranges::all_of(label.substr(1), [](char c) { return c >= '0' && c <= '9'; });
}

class SerdParse {
 public:
  SerdParse(ByteSource& source, Format format, const std::string& base, const ParseOptions& options,
            const ParseCallbacks& callbacks)
      : source_(source),
        callbacks_(callbacks),
        syntax_(syntax_for(format)),
        lenient_(options.lenient),
        page_size_(source.in_memory() ? kMemoryPageSize : kFilePageSize) {
    SerdNode base_node =
        serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base.c_str()));
    env_.reset(serd_env_new(&base_node));
  }

  void run() {
    if (lenient_) {
      run_lenient();
    } else {
      run_strict();
    }
    if (callbacks_.on_progress) callbacks_.on_progress(source_.bytes_read());
  }

 private:
  // serd is always strict: in lenient mode we recover ourselves (see run_lenient), so what
  // strict mode rejects is never let through, unlike serd's lax mode which keeps bad IRIs.
  void new_reader() {
    reader_.reset(serd_reader_new(syntax_, this, nullptr, &SerdParse::on_base,
                                  &SerdParse::on_prefix, &SerdParse::on_statement, nullptr));
    serd_reader_set_strict(reader_.get(), true);
    serd_reader_set_error_sink(reader_.get(), &SerdParse::on_error, this);
  }

  const uint8_t* name() const { return reinterpret_cast<const uint8_t*>(source_.name().c_str()); }

  void run_strict() {
    new_reader();
    const SerdStatus st = serd_reader_read_source(
        reader_.get(), &SerdParse::read, &SerdParse::stream_error, this, name(), page_size_);
    // serd 0.30 keeps its page when the first read fails; closing twice is harmless.
    serd_reader_end_stream(reader_.get());
    if (failure_) std::rethrow_exception(failure_);
    if (first_error_) throw *first_error_;
    if (st > SERD_FAILURE) {
      throw Error(ErrorKind::BadData, source_.name() + ": cannot parse (serd status " +
                                          std::to_string(static_cast<int>(st)) + ")");
    }
  }

  // A statement that fails is dropped whole, its first error reported, and a fresh reader
  // (same prefixes and base) starts at the next line.
  void run_lenient() {
    // serd 0.30's read_chunk reads N-Quads with the Turtle grammar, so N-Quads go through
    // read_source; serd emits an N-Quads statement only after its final '.', so nothing of a
    // bad line gets out. The other syntaxes emit triples as they go: hold them per chunk.
    hold_back_ = syntax_ != SERD_NQUADS;
    for (;;) {
      new_reader();
      const bool failed = hold_back_ ? read_chunks() : read_whole();
      if (failure_) std::rethrow_exception(failure_);
      if (!failed) return;
      pending_.clear();
      const Error error = *first_error_;
      first_error_.reset();
      deliver_error(error);
      if (failure_) std::rethrow_exception(failure_);
      if (error_line_ == 0 || !skip_past_line(error_line_)) return;
      ++restarts_;
    }
  }

  // Returns true when serd stopped at a syntax error (in first_error_).
  bool read_whole() {
    const SerdStatus st = serd_reader_read_source(
        reader_.get(), &SerdParse::read, &SerdParse::stream_error, this, name(), page_size_);
    // serd 0.30 keeps its page when the first read fails; closing twice is harmless.
    serd_reader_end_stream(reader_.get());
    return check_stop(st);
  }

  bool read_chunks() {
    serd_reader_start_source_stream(reader_.get(), &SerdParse::read, &SerdParse::stream_error, this,
                                    name(), page_size_);
    const StreamCloser closer{reader_.get()};  // also when a callback throws
    bool failed = false;
    for (;;) {
      const SerdStatus st = serd_reader_read_chunk(reader_.get());
      if (st == SERD_SUCCESS && !failure_ && !first_error_) {
        flush_pending();
        continue;
      }
      if (st <= SERD_FAILURE && !failure_ && !first_error_) {  // end of input
        flush_pending();
        break;
      }
      failed = check_stop(st);
      break;
    }
    return failed;
  }

  bool check_stop(SerdStatus st) {
    if (failure_) return false;
    if (first_error_) return true;
    if (st > SERD_FAILURE) {
      throw Error(ErrorKind::BadData, source_.name() + ": cannot parse (serd status " +
                                          std::to_string(static_cast<int>(st)) + ")");
    }
    return false;
  }

  void flush_pending() {
    try {
      pending_.replay(callbacks_.on_statement, [](std::string_view, std::string_view) {});
      pending_.clear();
    } catch (...) {
      failure_ = std::current_exception();
      std::rethrow_exception(failure_);
    }
  }

  // After an error on `line` of the current reader's input: arrange for the next reader to
  // start right after that line. False when the input ends first.
  bool skip_past_line(std::uint64_t line) {
    std::uint64_t need = line - std::min(line, lines_before_page_);
    std::string_view rest(page_.data(), page_length_);
    for (;;) {
      while (need > 0 && !rest.empty()) {
        const auto newline = rest.find('\n');
        if (newline == std::string_view::npos) {
          rest = {};
          break;
        }
        rest.remove_prefix(newline + 1);
        --need;
      }
      if (need == 0) break;
      // The bad line goes on past what serd has seen: read on to its end.
      std::string more(page_size_, '\0');
      const std::size_t n = source_.read(more.data(), more.size());
      if (n == 0) return false;
      more.resize(n);
      replay_store_ = std::move(more);
      rest = replay_store_;
    }
    replay_store_ = std::string(rest);
    replay_ = replay_store_;
    line_offset_ += line;
    lines_before_page_ = 0;
    page_length_ = 0;
    input_done_ = false;
    return true;
  }

  // --- byte source -------------------------------------------------------------------------
  std::size_t fill(char* buf, std::size_t size) {
    std::size_t n = std::min(size, replay_.size());
    if (n > 0) {
      std::memcpy(buf, replay_.data(), n);
      replay_.remove_prefix(n);
    }
    if (n < size && !input_done_) {
      const std::size_t got = source_.read(buf + n, size - n);
      if (got < size - n) input_done_ = true;
      n += got;
    }
    if (lenient_) {  // keep the page to restart after an error
      lines_before_page_ +=
          static_cast<std::uint64_t>(std::count(page_.data(), page_.data() + page_length_, '\n'));
      page_.assign(buf, buf + n);
      page_length_ = n;
    }
    return n;
  }

  static std::size_t read(void* buf, std::size_t size, std::size_t nmemb, void* stream) {
    auto& self = *static_cast<SerdParse*>(stream);
    if (self.failure_) return 0;
    try {
      const std::size_t n = self.fill(static_cast<char*>(buf), size * nmemb);
      if (self.callbacks_.on_progress) self.callbacks_.on_progress(self.source_.bytes_read());
      return n / size;
    } catch (...) {
      self.failure_ = std::current_exception();
      return 0;
    }
  }
  static int stream_error(void* stream) {
    return static_cast<SerdParse*>(stream)->failure_ ? 1 : 0;
  }

  // --- errors ------------------------------------------------------------------------------
  static SerdStatus on_error(void* handle, const SerdError* error) {
    auto& self = *static_cast<SerdParse*>(handle);
    if (self.failure_ || self.first_error_) return error->status;  // keep the first only
    char buffer[512];
    va_list args;
    va_copy(args, *error->args);
    std::vsnprintf(buffer, sizeof buffer, error->fmt, args);
    va_end(args);
    self.error_line_ = error->line;
    SourcePosition position{self.source_.name(), self.line_offset_ + error->line, error->col};
    self.first_error_.emplace(ErrorKind::BadData, std::move(position), clean_message(buffer));
    return error->status;
  }

  void deliver_error(const Error& error) {
    if (!callbacks_.on_error) return;
    try {
      callbacks_.on_error(error);
    } catch (...) {
      failure_ = std::current_exception();
    }
  }

  // --- directives --------------------------------------------------------------------------
  static SerdStatus on_base(void* handle, const SerdNode* uri) {
    auto& self = *static_cast<SerdParse*>(handle);
    return serd_env_set_base_uri(self.env_.get(), uri);
  }

  static SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto& self = *static_cast<SerdParse*>(handle);
    const SerdStatus st = serd_env_set_prefix(self.env_.get(), name, uri);
    if (st != SERD_SUCCESS || !self.callbacks_.on_prefix) return st;
    try {
      std::string iri;
      self.callbacks_.on_prefix(view(*name), self.iri(*uri, iri));
    } catch (...) {
      self.failure_ = std::current_exception();
      return SERD_ERR_INTERNAL;
    }
    return SERD_SUCCESS;
  }

  // --- statements --------------------------------------------------------------------------
  // A statement serd accepted but RDF does not: thrown while converting its terms.
  struct InvalidStatement {
    std::string message;
  };

  static SerdStatus on_statement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* graph,
                                 const SerdNode* subject, const SerdNode* predicate,
                                 const SerdNode* object, const SerdNode* datatype,
                                 const SerdNode* lang) {
    auto& self = *static_cast<SerdParse*>(handle);
    if (self.failure_) return SERD_ERR_INTERNAL;
    try {
      StatementView statement;
      statement.subject = self.term(*subject, self.scratch_[0]);
      statement.predicate = self.term(*predicate, self.scratch_[1]);
      statement.object = self.object(*object, datatype, lang);
      if (graph != nullptr && graph->type != SERD_NOTHING) {
        statement.graph = self.term(*graph, self.scratch_[4]);
      }
      if (self.hold_back_) {
        self.pending_.add(statement);
      } else {
        self.callbacks_.on_statement(statement);
      }
    } catch (const InvalidStatement& e) {
      // Found after serd read the statement; serd tells sinks no position.
      Error error(ErrorKind::BadData, self.source_.name() + ": " + e.message);
      if (!self.lenient_) {
        self.failure_ = std::make_exception_ptr(error);
        return SERD_ERR_INTERNAL;
      }
      self.deliver_error(error);  // lenient: leave out this triple only
      return self.failure_ ? SERD_ERR_INTERNAL : SERD_SUCCESS;
    } catch (...) {
      self.failure_ = std::current_exception();
      return SERD_ERR_INTERNAL;
    }
    return SERD_SUCCESS;
  }

  // An IRI (resolved against the base) or prefixed name (expanded), as text.
  std::string_view iri(const SerdNode& node, std::string& scratch) {
    if (node.type == SERD_CURIE) {
      SerdChunk prefix{};
      SerdChunk suffix{};
      if (serd_env_expand(env_.get(), &node, &prefix, &suffix) != SERD_SUCCESS) {
        const std::string_view curie = view(node);
        throw InvalidStatement{"undefined prefix '" +
                               std::string(curie.substr(0, curie.find(':'))) + "' in '" +
                               std::string(curie) + "'"};
      }
      scratch.assign(view(prefix));
      scratch.append(view(suffix));
      return scratch;
    }
    if (serd_uri_string_has_scheme(node.buf)) return view(node);
    OwnedNode resolved(serd_env_expand_node(env_.get(), &node));
    if (resolved.node.buf == nullptr) return view(node);
    scratch.assign(view(resolved.node));
    return scratch;
  }

  // serd 0.30 turns \uD800-\uDFFF escapes into (invalid) UTF-8 for surrogates: ED A0-BF xx.
  static void check_no_surrogates(const SerdNode& node) {
    const std::string_view text = view(node);
    for (auto at = text.find('\xED'); at != std::string_view::npos;
         at = text.find('\xED', at + 1)) {
      if (at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) >= 0xA0) {
        throw InvalidStatement{"surrogate code point (\\uD800-\\uDFFF) in '" + std::string(text) +
                               "'"};
      }
    }
  }

  rdf::TermRef term(const SerdNode& node, std::string& scratch) {
    check_no_surrogates(node);
    switch (node.type) {
      case SERD_URI:
      case SERD_CURIE:
        return {rdf::TermKind::Iri, iri(node, scratch)};
      case SERD_BLANK:
        return {rdf::TermKind::BlankNode, blank_label(node, scratch)};
      case SERD_LITERAL:
        return {rdf::TermKind::Literal, view(node)};
      case SERD_NOTHING:
        break;
    }
    return {rdf::TermKind::Iri, view(node)};
  }

  // A restarted reader (lenient mode) numbers its anonymous nodes from b1 again: tell them
  // apart from the earlier readers' with a suffix no document label can have (see above).
  std::string_view blank_label(const SerdNode& node, std::string& scratch) {
    const std::string_view label = view(node);
    if (restarts_ == 0 || !is_generated_label(label)) return label;
    scratch.assign(label);
    scratch += '_';
    scratch += std::to_string(restarts_);
    return scratch;
  }

  rdf::TermRef object(const SerdNode& node, const SerdNode* datatype, const SerdNode* lang) {
    if (node.type != SERD_LITERAL) return term(node, scratch_[2]);
    check_no_surrogates(node);
    if (lang != nullptr && lang->buf != nullptr && lang->n_bytes > 0) {
      // RDF 1.1 compares language tags case-insensitively; keep them lower-cased.
      std::string& tag = scratch_[3];
      tag.assign(view(*lang));
      std::ranges::transform(tag, tag.begin(),
                             [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return {rdf::TermKind::Literal, view(node), rdf::kRdfLangString, tag};
    }
    if (datatype != nullptr && datatype->buf != nullptr && datatype->type != SERD_NOTHING) {
      return {rdf::TermKind::Literal, view(node), iri(*datatype, scratch_[3])};
    }
    return {rdf::TermKind::Literal, view(node)};
  }

  ByteSource& source_;
  const ParseCallbacks& callbacks_;
  SerdSyntax syntax_;
  bool lenient_;
  std::size_t page_size_;
  std::unique_ptr<SerdEnv, EnvDeleter> env_;  // outlives readers: prefixes survive restarts
  std::unique_ptr<SerdReader, ReaderDeleter> reader_;
  std::exception_ptr failure_;        // from a callback or the byte source: always fatal
  std::optional<Error> first_error_;  // the first syntax error serd reported
  std::string scratch_[5];            // subject, predicate, object, datatype/lang, graph

  // Lenient mode: held-back statements and what a restart after an error needs.
  bool hold_back_ = false;  // collect each chunk's statements in pending_
  StatementBuffer pending_;
  std::uint64_t error_line_ = 0;  // line of first_error_ in the current reader's input
  std::vector<char> page_;        // the page serd is reading
  std::size_t page_length_ = 0;
  std::uint64_t lines_before_page_ = 0;  // newlines the current reader saw before page_
  std::uint64_t line_offset_ = 0;        // lines read by earlier readers
  std::string replay_store_;             // input left over from the last reader
  std::string_view replay_;
  bool input_done_ = false;
  unsigned restarts_ = 0;
};

}  // namespace

void parse_serd(ByteSource& source, Format format, const std::string& base,
                const ParseOptions& options, const ParseCallbacks& callbacks) {
  SerdParse parse(source, format, base, options, callbacks);
  parse.run();
}

}  // namespace wsiskg::import::detail
