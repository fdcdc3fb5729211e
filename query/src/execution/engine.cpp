// execute_query / explain_query: parse -> algebra -> plan -> pull rows -> result sink.
#include "wsiskg/query/engine.hpp"

#include <fmt/format.h>

#include <chrono>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "execution/exec_context.hpp"
#include "optimizer/planner.hpp"
#include "wsiskg/query/algebra.hpp"
#include "wsiskg/query/parser.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/rdf/prefix_map.hpp"

namespace wsiskg::query {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The projected variables of the query pattern (Slice/Distinct/Reduced over Project).
std::vector<std::string> projected(const algebra::Node& node) {
  const algebra::Node* n = &node;
  for (;;) {
    if (const auto* s = std::get_if<algebra::Slice>(&n->op)) {
      n = &*s->input;
    } else if (const auto* d = std::get_if<algebra::Distinct>(&n->op)) {
      n = &*d->input;
    } else if (const auto* r = std::get_if<algebra::Reduced>(&n->op)) {
      n = &*r->input;
    } else {
      break;
    }
  }
  std::vector<std::string> out;
  if (const auto* p = std::get_if<algebra::Project>(&n->op))
    for (const auto& v : p->vars) out.push_back(v.name);
  return out;
}

struct Prepared {
  algebra::TranslatedQuery query;
  std::unique_ptr<exec::ExecContext> ctx;
  std::unique_ptr<optimizer::Planner> planner;
  optimizer::Plan plan;
};

Prepared prepare(const store::ReadTransaction& txn, std::string_view text,
                 const QueryOptions& options, ExecutionSummary& summary) {
  auto t0 = Clock::now();
  Query q = parse_for_store(txn, text, options);
  summary.parse_ms = ms_since(t0);
  auto t1 = Clock::now();
  Prepared p;
  p.query = algebra::translate(q);
  // IRI()/URI() resolve against the query's own BASE (already resolved by the parser) when it
  // declares one, else against the caller's base.
  p.ctx = std::make_unique<exec::ExecContext>(txn, options.timeout, options.memory_limit_bytes,
                                              q.base.empty() ? options.base_iri : q.base);
  p.planner = std::make_unique<optimizer::Planner>(*p.ctx, p.query.dataset, options.default_graph);
  p.plan = p.planner->plan(p.query.pattern);
  summary.plan_ms = ms_since(t1);
  return p;
}

// Output decoding skips the term cache: result rows are mostly distinct terms, so caching
// would only add a hash insert and a copy per value.
std::optional<rdf::Term> decode(exec::ExecContext& ctx, exec::TermId id) {
  if (id == store::kAnyTerm) return std::nullopt;
  if (exec::is_local(id)) return ctx.terms.decode(id);
  return ctx.txn.decode(id);
}

void run_select(Prepared& p, ResultSink& sink, ExecutionSummary& summary) {
  std::vector<std::string> vars = projected(p.query.pattern);
  std::vector<int> slots;
  for (const auto& v : vars) {
    auto it = p.planner->scope().find(v);
    slots.push_back(it == p.planner->scope().end() ? -1 : it->second);
  }
  sink.begin_solutions(vars);
  exec::Row row;
  std::vector<std::optional<rdf::Term>> out(vars.size());
  p.plan.op->open();
  while (p.plan.op->next(row)) {
    for (std::size_t i = 0; i < slots.size(); ++i)
      out[i] =
          slots[i] < 0 ? std::nullopt : decode(*p.ctx, row[static_cast<std::size_t>(slots[i])]);
    sink.solution(out);
    ++summary.rows;
  }
  sink.end_solutions();
}

void run_ask(Prepared& p, ResultSink& sink, ExecutionSummary& summary) {
  exec::Row row;
  p.plan.op->open();
  sink.boolean(p.plan.op->next(row));
  summary.rows = 1;
}

// CONSTRUCT: each solution instantiates the template (fresh blank nodes per solution); triples
// with unbound or ill-placed terms are left out; the result is a set.
void run_construct(Prepared& p, ResultSink& sink, ExecutionSummary& summary) {
  sink.begin_graph();
  std::unordered_set<std::string> seen;
  exec::Row row;
  p.plan.op->open();
  std::uint64_t solution = 0;
  const auto& scope = p.planner->scope();
  while (p.plan.op->next(row)) {
    ++solution;
    auto resolve = [&](const ast::VarOrTerm& t) -> std::optional<rdf::Term> {
      if (const auto* v = std::get_if<ast::Var>(&t)) {
        auto it = scope.find(v->name);
        if (it == scope.end()) return std::nullopt;
        return decode(*p.ctx, row[static_cast<std::size_t>(it->second)]);
      }
      const auto& term = std::get<rdf::Term>(t);
      if (term.is_blank()) return rdf::Term::blank(fmt::format("c{}_{}", solution, term.value));
      return term;
    };
    for (const auto& tp : p.query.construct_template) {
      const auto* pred = std::get_if<rdf::Term>(&tp.predicate);
      std::optional<rdf::Term> s = resolve(tp.subject), o = resolve(tp.object), pr;
      if (pred != nullptr)
        pr = *pred;
      else if (const auto* pv = std::get_if<ast::Var>(&tp.predicate))
        pr = resolve(*pv);
      if (!s || !pr || !o || s->is_literal() || !pr->is_iri()) continue;
      rdf::Quad q{std::move(*s), std::move(*pr), std::move(*o), std::nullopt};
      if (!seen.insert(rdf::to_nquads_line(q)).second) continue;
      sink.triple(q);
      ++summary.rows;
    }
  }
  sink.end_graph();
}

// DESCRIBE: the Concise Bounded Description of each described resource in the query's default
// graph: the triples with the resource as subject and, recursively, those of every blank node
// met as an object of an included triple (each blank node once, so cycles end).
void run_describe(Prepared& p, ResultSink& sink, ExecutionSummary& summary) {
  std::vector<exec::TermId> resources;
  std::set<exec::TermId> seen;
  auto add = [&](exec::TermId id) {
    if (id != store::kAnyTerm && seen.insert(id).second) resources.push_back(id);
  };
  std::vector<int> slots;
  const auto& scope = p.planner->scope();
  if (p.query.describe_all) {
    for (const auto& name : projected(p.query.pattern))
      if (auto it = scope.find(name); it != scope.end()) slots.push_back(it->second);
  }
  for (const auto& d : p.query.describe) {
    if (const auto* v = std::get_if<ast::Var>(&d)) {
      if (auto it = scope.find(v->name); it != scope.end()) slots.push_back(it->second);
    } else if (auto id = p.ctx->terms.find(std::get<rdf::Term>(d))) {
      add(*id);
    }
  }
  exec::Row row;
  p.plan.op->open();
  while (p.plan.op->next(row))
    for (int s : slots) add(row[static_cast<std::size_t>(s)]);
  sink.begin_graph();
  std::unordered_set<std::string> out;
  // `resources` grows while it is walked: blank-node objects are appended once (`seen`).
  for (std::size_t i = 0; i < resources.size(); ++i) {
    exec::TermId r = resources[i];
    if (exec::is_local(r) || store::is_literal_id(r)) continue;
    exec::GraphCursor cursor;
    store::QuadPattern qp;
    qp.subject = r;
    cursor.open(*p.ctx, p.planner->facts(), p.planner->default_graph(), qp);
    store::IdQuad quad;
    while (cursor.next(quad)) {
      rdf::Quad q{p.ctx->terms.decode(quad.subject), p.ctx->terms.decode(quad.predicate),
                  p.ctx->terms.decode(quad.object), std::nullopt};
      if (store::kind_of(quad.object) == store::TermIdKind::BlankNode) add(quad.object);
      if (!out.insert(rdf::to_nquads_line(q)).second) continue;
      sink.triple(q);
      ++summary.rows;
    }
  }
  sink.end_graph();
}

}  // namespace

Query parse_for_store(const store::ReadTransaction& txn, std::string_view text,
                      const QueryOptions& options) {
  try {
    return parse_query(text, "<query>", options.base_iri);
  } catch (const Error& original) {
    if (!options.predeclared_prefixes || original.kind() != ErrorKind::BadData) throw;
    // Retry with the known prefixes declared first; the query's own PREFIX lines come later
    // and win. Errors are reported against the original text.
    rdf::PrefixMap prefixes(txn.prefixes());
    std::string with;
    for (const auto& [prefix, iri] : prefixes.entries())
      with += fmt::format("PREFIX {}: <{}> ", prefix, iri);
    with += "\n";
    with += text;
    try {
      return parse_query(with, "<query>", options.base_iri);
    } catch (const Error& retried) {
      // The retry got past the prefixes: its error is the real one. The declarations take
      // line 1, so the query's own lines are one further down.
      const auto& at = retried.position();
      if (retried.kind() != ErrorKind::BadData || !at || at->line < 2) throw original;
      throw Error(retried.kind(), SourcePosition{at->source, at->line - 1, at->column},
                  retried.message());
    }
  }
}

ExecutionSummary execute_query(const store::ReadTransaction& txn, std::string_view text,
                               const QueryOptions& options, ResultSink& sink) {
  ExecutionSummary summary;
  Prepared p = prepare(txn, text, options, summary);
  auto t = Clock::now();
  switch (p.query.form) {
    case ast::QueryForm::Select:
      run_select(p, sink, summary);
      break;
    case ast::QueryForm::Ask:
      run_ask(p, sink, summary);
      break;
    case ast::QueryForm::Construct:
      run_construct(p, sink, summary);
      break;
    case ast::QueryForm::Describe:
      run_describe(p, sink, summary);
      break;
  }
  summary.execute_ms = ms_since(t);
  return summary;
}

std::string explain_query(const store::ReadTransaction& txn, std::string_view text,
                          const QueryOptions& options, ExplainMode mode) {
  ExecutionSummary summary;
  Prepared p = prepare(txn, text, options, summary);
  if (mode == ExplainMode::Analyze) {
    p.ctx->analyze = true;
    auto t = Clock::now();
    exec::Row row;
    p.plan.op->open();
    std::uint64_t rows = 0;
    while (p.plan.op->next(row)) ++rows;
    double total = ms_since(t);
    return optimizer::explain_tree(*p.plan.op, true) +
           fmt::format("rows={} parse={:.3f} ms plan={:.3f} ms execute={:.3f} ms\n", rows,
                       summary.parse_ms, summary.plan_ms, total);
  }
  return optimizer::explain_tree(*p.plan.op, false);
}

}  // namespace wsiskg::query
