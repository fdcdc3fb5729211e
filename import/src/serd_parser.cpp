// N-Triples, N-Quads, Turtle and TriG through serd's streaming reader.
//
// serd is C: nothing may be thrown through its frames. Every callback catches, stores the
// exception and returns a status that makes serd stop; parse_serd rethrows once serd returns.
//
// Relative IRIs and @base/BASE are resolved here (wsiskg/rdf/iri.hpp), not by serd 0.30, which
// keeps dot segments. Errors found in a statement serd accepted (undefined prefix, surrogate
// escape) get serd's cursor position by poisoning the rest of serd's page: serd then stops at
// the next byte with a syntax error whose position we keep and whose message we replace.

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
#include "serd_syntax.hpp"
#include "statement_buffer.hpp"
#include "text_checks.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/rdf/iri.hpp"
#include "wsiskg/rdf/utf8.hpp"

namespace wsiskg::import::detail {

namespace {

constexpr std::size_t kFilePageSize = std::size_t{1} << 20;
constexpr std::size_t kMemoryPageSize = std::size_t{64} << 10;
// Lenient mode starts a reader (and serd allocates its page) after every bad statement and
// replays the rest of the page: a small page keeps that cost near the bad line's length, where
// a 1 MiB one made 10,000 bad lines take seconds (the kernel zeroing each fresh page).
constexpr std::size_t kLenientPageSize = std::size_t{1} << 10;

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

std::string_view view(const SerdNode& node) {
  return {reinterpret_cast<const char*>(node.buf), node.n_bytes};
}
std::string_view view(const SerdChunk& chunk) {
  return {reinterpret_cast<const char*>(chunk.buf), chunk.len};
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
        syntax_(serd_syntax(format).value_or(SERD_TURTLE)),
        lenient_(options.lenient),
        page_size_(options.lenient      ? kLenientPageSize
                   : source.in_memory() ? kMemoryPageSize
                                        : kFilePageSize),
        base_(base) {
    SerdNode base_node =
        serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base_.c_str()));
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
    serd_page_ = nullptr;  // the last reader's page goes with it
    serd_page_length_ = 0;
    fed_lines_ = 0;
    fed_column_ = 0;
    nesting_.reset();
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
    take_unplaced_error();
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
      const bool stopped = failure_ || first_error_ || invalid_;
      if (st == SERD_SUCCESS && !stopped) {
        flush_pending();
        continue;
      }
      if (st <= SERD_FAILURE && !stopped) {  // end of input
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
    take_unplaced_error();
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
    if (invalid_) {  // serd is to stop at its next byte (see poison_page)
      std::memset(buf, kPoison, size);
      return size;
    }
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
    guard_nesting(buf, n);
    serd_page_ = buf;
    serd_page_length_ = n;
    count_lines(buf, n);
    return n;
  }

  // Too deep a nesting would overflow serd's stack: poison the page from the offending bracket
  // on, so serd stops there with a positioned error (our message, see on_error).
  void guard_nesting(char* buf, std::size_t n) {
    if (invalid_ || (syntax_ != SERD_TURTLE && syntax_ != SERD_TRIG)) return;
    if (auto at = nesting_.scan({buf, n})) {
      invalid_ = "blank node lists and collections nested deeper than " +
                 std::to_string(NestingGuard::kMaxDepth) + " levels";
      std::memset(buf + *at, kPoison, n - *at);
    }
  }

  // Keeps fed_lines_/fed_column_ (the end of the input so far) with memchr, which is
  // vectorised: a byte loop (not vectorised at -O2) cost ~15% of an N-Triples parse.
  void count_lines(const char* data, std::size_t n) {
    const char* const end = data + n;
    const char* line_start = nullptr;
    for (const char* at = data; at < end;) {
      const auto* newline =
          static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
      if (newline == nullptr) break;
      ++fed_lines_;
      line_start = newline + 1;
      at = line_start;
    }
    fed_column_ =
        line_start == nullptr ? fed_column_ + n : static_cast<std::size_t>(end - line_start);
  }

  // serd reads its page in place and keeps no copy of the bytes ahead of its cursor, so
  // overwriting them makes it fail at the cursor with a positioned error (see on_error).
  // serd emits a statement after its last term (a literal with its tag or datatype), so it
  // next expects punctuation, another term or a new statement: '@' is none of them and,
  // at a statement start, a bad directive (serd's N-Quads reader reports nothing for a
  // control byte there, but does for '@').
  void poison_page() {
    if (serd_page_ != nullptr) std::memset(serd_page_, kPoison, serd_page_length_);
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
    if (self.invalid_) {  // serd stopped at the poison: our message, serd's position
      self.error_line_ = error->line;
      SourcePosition position{self.source_.name(), self.line_offset_ + error->line, error->col};
      self.first_error_.emplace(ErrorKind::BadData, std::move(position), *self.invalid_);
      self.invalid_.reset();
      return error->status;
    }
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

  // serd stopped without reading the poison: the bad statement ended the input (a final '.'
  // with nothing after it), so the end of the input is where it ends.
  void take_unplaced_error() {
    if (!invalid_ || failure_ || first_error_) return;
    error_line_ = fed_lines_ + 1;
    SourcePosition position{source_.name(), line_offset_ + error_line_, fed_column_};
    first_error_.emplace(ErrorKind::BadData, std::move(position), *invalid_);
    invalid_.reset();
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
  // A relative base resolves against the current one (Turtle §6.3, RFC 3986 §5.1).
  static SerdStatus on_base(void* handle, const SerdNode* uri) {
    auto& self = *static_cast<SerdParse*>(handle);
    if (self.failure_) return SERD_ERR_INTERNAL;
    try {
      self.base_ = rdf::resolve_iri(view(*uri), self.base_);
    } catch (...) {
      self.failure_ = std::current_exception();
      return SERD_ERR_INTERNAL;
    }
    // serd's env resolves nothing now (all relative IRIs come here); keep it in step anyway.
    const SerdNode base_node =
        serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(self.base_.c_str()));
    return serd_env_set_base_uri(self.env_.get(), &base_node);
  }

  // The namespace IRI is resolved before serd stores it, so prefixed names expand to
  // absolute IRIs without serd's resolver.
  static SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto& self = *static_cast<SerdParse*>(handle);
    if (self.failure_) return SERD_ERR_INTERNAL;
    try {
      std::string iri(self.iri(*uri, self.scratch_[0]));
      const SerdNode iri_node =
          serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(iri.c_str()));
      const SerdStatus st = serd_env_set_prefix(self.env_.get(), name, &iri_node);
      if (st != SERD_SUCCESS || !self.callbacks_.on_prefix) return st;
      self.callbacks_.on_prefix(view(*name), iri);
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
    if (self.invalid_) return SERD_SUCCESS;  // the statement is bad: drop what serd still emits
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
      // Found after serd read the statement; serd tells sinks no position, so make it stop
      // at its cursor with an error (on_error). Lenient mode then drops the statement and
      // resumes on the next line, as after a syntax error.
      self.invalid_ = e.message;
      self.poison_page();
      return SERD_SUCCESS;  // serd ignores some failures and reads on: let it hit the poison
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
    const std::string_view text = view(node);
    if (rdf::has_scheme(text)) return text;
    scratch = rdf::resolve_iri(text, base_);
    return scratch;
  }

  // serd 0.30 turns \uD800-\uDFFF escapes into (invalid) UTF-8 for surrogates: ED A0-BF xx.
  static void check_no_surrogates(const SerdNode& node) {
    const std::string_view text = view(node);
    check_utf8(text);
    for (auto at = text.find('\xED'); at != std::string_view::npos;
         at = text.find('\xED', at + 1)) {
      if (at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) >= 0xA0) {
        throw InvalidStatement{"surrogate code point (\\uD800-\\uDFFF) in '" + std::string(text) +
                               "'"};
      }
    }
  }

  // serd checks lead bytes only; overlong forms and bad continuations get through it.
  static void check_utf8(std::string_view text) {
    auto at = rdf::invalid_utf8_at(text);
    if (!at || (static_cast<unsigned char>(text[*at]) == 0xED && *at + 1 < text.size() &&
                static_cast<unsigned char>(text[*at + 1]) >= 0xA0)) {
      return;  // well-formed, or a surrogate (reported below, with its own message)
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*at]));
    throw InvalidStatement{"invalid UTF-8 byte " + std::string(byte) + " after '" +
                           std::string(text.substr(0, *at)) + "'"};
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
  std::string base_;                          // absolute; changed by @base/BASE
  std::unique_ptr<SerdEnv, EnvDeleter> env_;  // outlives readers: prefixes survive restarts
  std::unique_ptr<SerdReader, ReaderDeleter> reader_;
  std::exception_ptr failure_;        // from a callback or the byte source: always fatal
  std::optional<Error> first_error_;  // the first syntax error serd reported
  std::string scratch_[5];            // subject, predicate, object, datatype/lang, graph

  // An error in a statement serd accepted, waiting for serd to stop at the poison.
  static constexpr unsigned char kPoison = '@';
  std::optional<std::string> invalid_;
  char* serd_page_ = nullptr;  // serd's page buffer, as last filled
  std::size_t serd_page_length_ = 0;
  std::uint64_t fed_lines_ = 0;  // newlines given to the current reader
  std::size_t fed_column_ = 0;   // bytes given to it after the last of them
  NestingGuard nesting_;         // '[' / '(' depth of the current reader's input

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
