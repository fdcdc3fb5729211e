// Property paths (SPARQL 1.1 §9, §18.4): `*`, `+` and `?` with set semantics (a visited set, so
// cycles terminate), the other forms with bag semantics. The search runs from the bound end
// (forward from the subject, backward from the object); results per start node are cached, so
// a closure that does not depend on the current row is computed once.
#include <fmt/format.h>

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "execution/operators.hpp"

namespace wsiskg::query::exec {

namespace {

using Kind = ast::Path::Kind;
using store::kAnyTerm;

// Evaluates paths in one active graph (never a graph variable).
class PathEval {
 public:
  PathEval(ExecContext& ctx, GraphSpec graph, GraphFacts facts)
      : ctx_(ctx), graph_(std::move(graph)), facts_(facts) {}

  // Ends reached from `start` (forward) or starts reaching it (backward).
  void step(const ast::Path& p, TermId start, bool fwd, std::vector<TermId>& out) {
    ctx_.tick();
    switch (p.kind) {
      case Kind::Iri: {
        auto pid = predicate(p.iri);
        if (!pid || is_local(start)) return;
        store::QuadPattern qp;
        qp.predicate = *pid;
        (fwd ? qp.subject : qp.object) = start;
        scan(qp, [&](const store::IdQuad& q) { out.push_back(fwd ? q.object : q.subject); });
        return;
      }
      case Kind::Inverse:
        step(p.children[0], start, !fwd, out);
        return;
      case Kind::Sequence: {
        std::vector<TermId> frontier{start}, next;
        const std::size_t n = p.children.size();
        for (std::size_t i = 0; i < n; ++i) {
          const auto& child = p.children[fwd ? i : n - 1 - i];
          next.clear();
          for (TermId x : frontier) step(child, x, fwd, next);
          frontier.swap(next);
        }
        out.insert(out.end(), frontier.begin(), frontier.end());
        return;
      }
      case Kind::Alternative:
        for (const auto& c : p.children) step(c, start, fwd, out);
        return;
      case Kind::ZeroOrOne: {
        std::vector<TermId> tmp;
        step(p.children[0], start, fwd, tmp);
        std::unordered_set<TermId> seen{start};
        out.push_back(start);
        for (TermId t : tmp)
          if (seen.insert(t).second) out.push_back(t);
        return;
      }
      case Kind::ZeroOrMore:
      case Kind::OneOrMore: {
        std::unordered_set<TermId> visited;
        std::vector<TermId> frontier, next;
        if (p.kind == Kind::ZeroOrMore) {
          visited.insert(start);
          out.push_back(start);
          frontier.push_back(start);
        } else {
          step(p.children[0], start, fwd, next);
          for (TermId t : next)
            if (visited.insert(t).second) {
              out.push_back(t);
              frontier.push_back(t);
            }
        }
        while (!frontier.empty()) {
          next.clear();
          for (TermId x : frontier) step(p.children[0], x, fwd, next);
          frontier.clear();
          for (TermId t : next)
            if (visited.insert(t).second) {
              out.push_back(t);
              frontier.push_back(t);
            }
          ctx_.charge(0);
        }
        ctx_.charge(visited.size() * 16);
        ctx_.release(visited.size() * 16);
        return;
      }
      case Kind::Negated: {
        if (is_local(start)) return;
        std::unordered_set<TermId> excluded = negated_ids(p);
        store::QuadPattern qp;
        (fwd ? qp.subject : qp.object) = start;
        scan(qp, [&](const store::IdQuad& q) {
          if (!excluded.count(q.predicate)) out.push_back(fwd ? q.object : q.subject);
        });
        return;
      }
    }
  }

  // Every (start, end) pair, both ends free.
  void all_pairs(const ast::Path& p, std::vector<std::pair<TermId, TermId>>& out) {
    switch (p.kind) {
      case Kind::Iri: {
        auto pid = predicate(p.iri);
        if (!pid) return;
        store::QuadPattern qp;
        qp.predicate = *pid;
        scan(qp, [&](const store::IdQuad& q) { out.emplace_back(q.subject, q.object); });
        return;
      }
      case Kind::Inverse: {
        std::vector<std::pair<TermId, TermId>> tmp;
        all_pairs(p.children[0], tmp);
        for (auto& [a, b] : tmp) out.emplace_back(b, a);
        return;
      }
      case Kind::Alternative:
        for (const auto& c : p.children) all_pairs(c, out);
        return;
      case Kind::Negated: {
        std::unordered_set<TermId> excluded = negated_ids(p);
        scan(store::QuadPattern{}, [&](const store::IdQuad& q) {
          if (!excluded.count(q.predicate)) out.emplace_back(q.subject, q.object);
        });
        return;
      }
      default: {
        std::vector<TermId> ends;
        for (TermId n : nodes(p)) {
          ends.clear();
          step(p, n, true, ends);
          for (TermId e : ends) out.emplace_back(n, e);
        }
        return;
      }
    }
  }

  // Whether `t` occurs in the graph (as a subject or an object).
  bool is_node(TermId t) {
    if (is_local(t)) return false;
    for (bool subject : {true, false}) {
      store::QuadPattern qp;
      (subject ? qp.subject : qp.object) = t;
      GraphCursor c;
      c.open(ctx_, facts_, graph_, qp);
      store::IdQuad q;
      if (c.next(q)) return true;
    }
    return false;
  }

 private:
  template <class F>
  void scan(store::QuadPattern qp, F&& f) {
    GraphCursor c;
    c.open(ctx_, facts_, graph_, qp);
    store::IdQuad q;
    while (c.next(q)) f(q);
  }
  std::optional<TermId> predicate(const std::string& iri) {
    auto it = predicates_.find(iri);
    if (it != predicates_.end()) return it->second;
    auto id = ctx_.terms.find(rdf::Term::iri(iri));
    predicates_.emplace(iri, id);
    return id;
  }
  std::unordered_set<TermId> negated_ids(const ast::Path& p) {
    std::unordered_set<TermId> ids;
    for (const auto& item : p.negated)
      if (auto id = predicate(item.iri)) ids.insert(*id);
    return ids;
  }
  // Start candidates when both ends are free: every node of the graph for zero-length paths,
  // else the subjects (or objects) the first step can leave from.
  const std::vector<TermId>& nodes(const ast::Path& p) {
    if (nodes_ready_) return nodes_;
    (void)p;
    std::unordered_set<TermId> set;
    scan(store::QuadPattern{}, [&](const store::IdQuad& q) {
      set.insert(q.subject);
      set.insert(q.object);
    });
    nodes_.assign(set.begin(), set.end());
    std::sort(nodes_.begin(), nodes_.end());
    ctx_.charge(nodes_.size() * 24);
    nodes_ready_ = true;
    return nodes_;
  }

  ExecContext& ctx_;
  GraphSpec graph_;
  GraphFacts facts_;
  std::unordered_map<std::string, std::optional<TermId>> predicates_;
  std::vector<TermId> nodes_;
  bool nodes_ready_ = false;
};

class PathScan final : public ExpandingOperator {
 public:
  PathScan(ExecContext& ctx, OperatorPtr input, PatternTerm s, ast::Path path, PatternTerm o,
           GraphSpec graph, GraphFacts facts, std::string text)
      : ExpandingOperator(ctx),
        input_(std::move(input)),
        s_(s),
        o_(o),
        path_(std::move(path)),
        graph_(std::move(graph)),
        facts_(facts),
        text_(std::move(text)) {}
  std::string name() const override { return "PathScan"; }
  std::string detail() const override { return text_; }
  std::vector<const Operator*> children() const override { return {input_.get()}; }

 protected:
  void do_open() override {
    input_->open();
    clear_queue();
  }
  bool expand_next() override {
    if (!input_->next(in_)) return false;
    expand();
    return true;
  }

 private:
  struct GraphState {
    std::unique_ptr<PathEval> eval;
    std::unordered_map<TermId, std::vector<TermId>> forward, backward;
    std::optional<std::vector<std::pair<TermId, TermId>>> pairs;
  };

  TermId value(const PatternTerm& t) const {
    return t.is_var() ? in_[static_cast<std::size_t>(t.slot)] : t.constant;
  }

  GraphState& state_for(TermId g) {
    auto it = states_.find(g);
    if (it != states_.end()) return it->second;
    GraphSpec spec = graph_;
    if (graph_.kind == GraphSpec::Kind::Variable) {
      spec.kind = GraphSpec::Kind::Single;
      spec.graph = g;
    }
    auto& st = states_[g];
    st.eval = std::make_unique<PathEval>(ctx_, spec, facts_);
    return st;
  }

  void expand() {
    if (graph_.kind != GraphSpec::Kind::Variable) {
      expand_in(state_for(store::kAnyTerm), store::kAnyTerm);
      return;
    }
    TermId g = in_[static_cast<std::size_t>(graph_.slot)];
    if (g != kAnyTerm) {
      if (graph_.restricted &&
          std::find(graph_.graphs.begin(), graph_.graphs.end(), g) == graph_.graphs.end())
        return;
      expand_in(state_for(g), g);
      return;
    }
    if (!graph_list_) {
      graph_list_ = graph_.restricted ? graph_.graphs : ctx_.txn.named_graphs();
    }
    for (TermId each : *graph_list_) expand_in(state_for(each), each);
  }

  void emit(TermId s, TermId o, TermId g) {
    Row out = in_;
    auto set = [&](const PatternTerm& t, TermId v) {
      if (!t.is_var()) return true;
      TermId& slot = out[static_cast<std::size_t>(t.slot)];
      if (slot == kAnyTerm) slot = v;
      return slot == v;
    };
    if (!set(s_, s) || !set(o_, o)) return;
    if (graph_.kind == GraphSpec::Kind::Variable) {
      TermId& slot = out[static_cast<std::size_t>(graph_.slot)];
      if (slot == kAnyTerm) slot = g;
      if (slot != g) return;
    }
    queue(std::move(out));
  }

  // With both ends variables, a path's zero-length matches are the graph's nodes (§18.4
  // ZeroLengthPath), so an end bound by the row to a term outside the graph (from VALUES, say)
  // matches nothing; any longer path would make it a node.
  bool may_start(GraphState& st, TermId t) {
    return !s_.is_var() || !o_.is_var() || st.eval->is_node(t);
  }

  void expand_in(GraphState& st, TermId g) {
    TermId s = value(s_), o = value(o_);
    if (s != kAnyTerm) {
      auto it = st.forward.find(s);
      if (it == st.forward.end()) {
        std::vector<TermId> ends;
        if (may_start(st, s)) st.eval->step(path_, s, true, ends);
        ctx_.charge(ends.size() * 8);
        it = st.forward.emplace(s, std::move(ends)).first;
      }
      for (TermId e : it->second)
        if (o == kAnyTerm || e == o) emit(s, e, g);
    } else if (o != kAnyTerm) {
      auto it = st.backward.find(o);
      if (it == st.backward.end()) {
        std::vector<TermId> starts;
        if (may_start(st, o)) st.eval->step(path_, o, false, starts);
        ctx_.charge(starts.size() * 8);
        it = st.backward.emplace(o, std::move(starts)).first;
      }
      for (TermId b : it->second) emit(b, o, g);
    } else {
      if (!st.pairs) {
        st.pairs.emplace();
        st.eval->all_pairs(path_, *st.pairs);
        ctx_.charge(st.pairs->size() * 16);
      }
      for (auto& [a, b] : *st.pairs) emit(a, b, g);
    }
  }

  OperatorPtr input_;
  PatternTerm s_, o_;
  ast::Path path_;
  GraphSpec graph_;
  GraphFacts facts_;
  std::string text_;
  Row in_;
  std::map<TermId, GraphState> states_;
  std::optional<std::vector<TermId>> graph_list_;
};

}  // namespace

OperatorPtr make_path_scan(ExecContext& ctx, OperatorPtr input, PatternTerm s, ast::Path path,
                           PatternTerm o, GraphSpec graph, GraphFacts facts, std::string text) {
  return std::make_unique<PathScan>(ctx, std::move(input), s, std::move(path), o, std::move(graph),
                                    facts, std::move(text));
}

}  // namespace wsiskg::query::exec
