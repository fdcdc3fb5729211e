#include "execution/exec_context.hpp"

#include <fmt/format.h>

#include "wsiskg/query/path_value.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::exec {

const rdf::Term& TermTable::decode(TermId id) {
  if (store::kind_of(id) == kLocalTermKind) return locals_.at(store::payload_of(id));
  auto it = cache_.find(id);
  if (it != cache_.end()) return it->second;
  if (store::kind_of(id) == kLocalPathKind) {
    const graph::Path& path = *paths_.at(store::payload_of(id));
    PathValue value;
    for (TermId node : path.nodes) value.nodes.push_back(decode(node));
    for (const graph::Step& step : path.steps)
      value.steps.push_back({decode(step.predicate), step.direction == graph::Direction::Forward});
    rdf::Term term = path_term(value);
    // The term re-encodes to this id (BIND(?p AS ?q) joins with ?p).
    local_ids_.emplace(term, id);
    return cache_.emplace(id, std::move(term)).first->second;
  }
  return cache_.emplace(id, txn_.decode(id)).first->second;
}

namespace {
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {  // splitmix64 finaliser over h ^ v
  std::uint64_t z = (h ^ v) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
}  // namespace

std::size_t TermTable::PathHash::operator()(const graph::Path& path) const {
  std::uint64_t h = path.nodes.size();
  for (TermId node : path.nodes) h = mix(h, node);
  for (const graph::Step& step : path.steps)
    h = mix(h, step.predicate * 2 + (step.direction == graph::Direction::Forward ? 0 : 1));
  return static_cast<std::size_t>(h);
}

TermId TermTable::intern_path(graph::Path&& path) {
  auto it = path_ids_.find(path);
  if (it != path_ids_.end()) return it->second;
  TermId id = store::make_term_id(kLocalPathKind, paths_.size());
  auto [inserted, ok] = path_ids_.emplace(std::move(path), id);
  paths_.push_back(&inserted->first);
  return id;
}

TermId TermTable::encode(const rdf::Term& term) {
  // Blank nodes made by the query (BNODE(), templates) are never the store's nodes.
  if (!term.is_blank()) {
    if (auto id = txn_.find(term)) return *id;
  }
  auto it = local_ids_.find(term);
  if (it != local_ids_.end()) return it->second;
  TermId id = store::make_term_id(kLocalTermKind, locals_.size());
  locals_.push_back(term);
  local_ids_.emplace(term, id);
  return id;
}

ExecContext::ExecContext(const store::ReadTransaction& t, std::chrono::milliseconds timeout,
                         std::uint64_t memory_limit, std::string base_iri)
    : txn(t),
      terms(t),
      constants(expression::make_query_constants(std::move(base_iri))),
      timeout_(timeout),
      limit_(memory_limit) {
  if (timeout.count() > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() + timeout;
  }
}

void ExecContext::check_deadline() {
  if (has_deadline_ && std::chrono::steady_clock::now() > deadline_)
    throw Error(ErrorKind::Cancelled, fmt::format("query cancelled: timeout of {:.3g} s exceeded",
                                                  static_cast<double>(timeout_.count()) / 1000.0));
}

void ExecContext::charge(std::uint64_t bytes) {
  used_ += bytes;
  if (limit_ != 0 && used_ > limit_)
    throw Error(
        ErrorKind::Cancelled,
        fmt::format("query cancelled: memory limit of {} MiB exceeded", limit_ / (1024 * 1024)));
  tick();
}

expression::Value RowContext::variable(std::string_view name) const {
  auto it = scope_.find(std::string(name));
  if (it == scope_.end() || row_ == nullptr) return std::nullopt;
  TermId id = (*row_)[static_cast<std::size_t>(it->second)];
  if (id == store::kAnyTerm) return std::nullopt;
  return ctx_.terms.decode(id);
}

bool RowContext::exists(const ast::ExistsExpr& e) {
  return ctx_.exists && row_ != nullptr && ctx_.exists(e, scope_, *row_);
}

rdf::Term RowContext::blank_node(std::optional<std::string_view> label) {
  if (label) {
    if (ctx_.labelled_blanks_solution != ctx_.solution) {
      ctx_.labelled_blanks.clear();
      ctx_.labelled_blanks_solution = ctx_.solution;
    }
    auto it = ctx_.labelled_blanks.find(std::string(*label));
    if (it != ctx_.labelled_blanks.end()) return it->second;
  }
  rdf::Term t = rdf::Term::blank(fmt::format("qb{}", ctx_.next_blank++));
  if (label) ctx_.labelled_blanks.emplace(std::string(*label), t);
  return t;
}

}  // namespace wsiskg::query::exec
