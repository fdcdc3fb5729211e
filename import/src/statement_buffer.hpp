#pragma once
// Parsed statements copied out of a parser's buffers into one arena, in document order, with
// the prefix declarations between them. Used to hold back a statement until serd has read all
// of it (lenient mode) and to hand batches from the parser thread to the importer.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wsiskg/import/parser.hpp"

namespace wsiskg::import::detail {

class StatementBuffer {
 public:
  void add(const StatementView& statement) {
    Entry entry;
    entry.terms[0] = store(statement.subject);
    entry.terms[1] = store(statement.predicate);
    entry.terms[2] = store(statement.object);
    entry.has_graph = statement.graph.has_value();
    if (entry.has_graph) entry.terms[3] = store(*statement.graph);
    entries_.push_back(entry);
  }

  void add_prefix(std::string_view prefix, std::string_view iri) {
    Entry entry;
    entry.is_prefix = true;
    entry.terms[0].value = keep(prefix);
    entry.terms[1].value = keep(iri);
    entries_.push_back(entry);
  }

  // Calls on_statement / on_prefix for every entry, in order.
  template <typename OnStatement, typename OnPrefix>
  void replay(OnStatement&& on_statement, OnPrefix&& on_prefix) const {
    for (const Entry& entry : entries_) {
      if (entry.is_prefix) {
        on_prefix(get(entry.terms[0].value), get(entry.terms[1].value));
        continue;
      }
      StatementView view;
      view.subject = load(entry.terms[0]);
      view.predicate = load(entry.terms[1]);
      view.object = load(entry.terms[2]);
      if (entry.has_graph) view.graph = load(entry.terms[3]);
      on_statement(view);
    }
  }

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void clear() {
    entries_.clear();
    arena_.clear();
  }

 private:
  struct Span {  // 32 bits suffice: a buffer holds one statement or one batch
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  struct StoredTerm {
    rdf::TermKind kind = rdf::TermKind::Iri;
    Span value, datatype, language;
  };
  struct Entry {
    StoredTerm terms[4];
    bool has_graph = false;
    bool is_prefix = false;
  };

  Span keep(std::string_view text) {
    Span span{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(text.size())};
    arena_.append(text);
    return span;
  }
  StoredTerm store(const rdf::TermRef& term) {
    return {term.kind, keep(term.value), keep(term.datatype), keep(term.language)};
  }
  std::string_view get(Span span) const { return {arena_.data() + span.offset, span.size}; }
  rdf::TermRef load(const StoredTerm& t) const {
    return {t.kind, get(t.value), get(t.datatype), get(t.language)};
  }

  std::string arena_;
  std::vector<Entry> entries_;
};

}  // namespace wsiskg::import::detail
