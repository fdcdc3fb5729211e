#pragma once
// Where graphs get their edges: the store's indexes, or (for tests and tools) a triple vector.

#include <functional>
#include <optional>
#include <vector>

#include "wsiskg/store/term_id.hpp"

namespace wsiskg::store {
class ReadTransaction;
}

namespace wsiskg::graph {

using store::TermId;

struct Triple {
  TermId subject = store::kAnyTerm;
  TermId predicate = store::kAnyTerm;
  TermId object = store::kAnyTerm;
  friend bool operator==(const Triple&, const Triple&) = default;
  friend auto operator<=>(const Triple&, const Triple&) = default;
};

class TripleSource {
 public:
  using Sink = std::function<bool(const Triple&)>;  // false: stop the scan
  virtual ~TripleSource() = default;

  // Calls `sink` for every triple matching the pattern (kAnyTerm = unbound) until it returns
  // false. A triple stored in several graphs may be reported once per graph when may_repeat().
  virtual void scan(TermId subject, TermId predicate, TermId object, const Sink& sink) const = 0;
  virtual bool may_repeat() const { return false; }
  // The number a literal id stands for; nullopt for IRIs, blank nodes and non-numeric literals.
  virtual std::optional<double> numeric_value(TermId term) const;
};

// Scans a store snapshot in one graph scope (see store::QuadPattern::graph). "Every graph"
// becomes "the default graph" when the store has no named graphs: one index run, not two.
class StoreTripleSource final : public TripleSource {
 public:
  explicit StoreTripleSource(const store::ReadTransaction& txn, TermId graph = store::kAnyTerm);
  void scan(TermId subject, TermId predicate, TermId object, const Sink& sink) const override;
  bool may_repeat() const override { return may_repeat_; }
  std::optional<double> numeric_value(TermId term) const override;

 private:
  const store::ReadTransaction& txn_;
  TermId graph_;
  bool may_repeat_;
};

// An in-memory triple list (linear scans): small graphs, tests, generators.
class MemoryTripleSource final : public TripleSource {
 public:
  explicit MemoryTripleSource(std::vector<Triple> triples) : triples_(std::move(triples)) {}
  void scan(TermId subject, TermId predicate, TermId object, const Sink& sink) const override;
  const std::vector<Triple>& triples() const { return triples_; }

 private:
  std::vector<Triple> triples_;
};

// Every subject with `type_predicate` (rdf:type) `klass`, ascending and distinct.
std::vector<TermId> instances_of(const TripleSource& source, TermId type_predicate, TermId klass);

}  // namespace wsiskg::graph
