#include "execution/graph_cursor.hpp"

#include <algorithm>
#include <tuple>

namespace wsiskg::query::exec {

using store::kAnyNamedGraph;
using store::kAnyTerm;
using store::kDefaultGraph;

std::string GraphSpec::describe() const {
  switch (kind) {
    case Kind::Single:
      return graph == kDefaultGraph ? "default" : "graph";
    case Kind::UnionAll:
      return "union";
    case Kind::Merge:
      return "merge";
    case Kind::Empty:
      return "empty";
    case Kind::Variable:
      return "named";
  }
  return {};
}

void GraphCursor::open(ExecContext& ctx, const GraphFacts& facts, const GraphSpec& spec,
                       store::QuadPattern pattern, TermId bound_graph) {
  ctx_ = &ctx;
  pattern_ = pattern;
  runs_.clear();
  run_ = 0;
  cursor_.reset();
  dedup_named_ = check_default_ = have_last_ = buffered_ = hash_dedup_ = false;
  seen_.clear();
  buffer_.clear();
  buffer_pos_ = 0;
  switch (spec.kind) {
    case GraphSpec::Kind::Single:
      runs_.push_back(spec.graph);
      break;
    case GraphSpec::Kind::Empty:
      break;
    case GraphSpec::Kind::UnionAll:
      if (facts.has_default) runs_.push_back(kDefaultGraph);
      if (facts.has_named) {
        runs_.push_back(kAnyNamedGraph);
        dedup_named_ = true;
        check_default_ = facts.has_default;
      }
      break;
    case GraphSpec::Kind::Variable:
      if (bound_graph != kAnyTerm) {
        if (store::kind_of(bound_graph) != store::TermIdKind::Iri) break;
        if (spec.restricted &&
            std::find(spec.graphs.begin(), spec.graphs.end(), bound_graph) == spec.graphs.end())
          break;
        runs_.push_back(bound_graph);
      } else if (spec.restricted) {
        runs_ = spec.graphs;
      } else if (facts.has_named) {
        runs_.push_back(kAnyNamedGraph);
      }
      break;
    case GraphSpec::Kind::Merge: {
      // Rare (FROM with several graphs): collect, sort, deduplicate.
      buffered_ = true;
      for (TermId g : spec.graphs) {
        pattern.graph = g;
        auto c = ctx.txn.scan(pattern);
        store::IdQuad q;
        while (c.next(q)) {
          q.graph = kDefaultGraph;
          buffer_.push_back(q);
          ctx.tick();
        }
      }
      std::sort(buffer_.begin(), buffer_.end(), [](const auto& a, const auto& b) {
        return std::tie(a.subject, a.predicate, a.object) <
               std::tie(b.subject, b.predicate, b.object);
      });
      buffer_.erase(std::unique(buffer_.begin(), buffer_.end()), buffer_.end());
      ctx.charge(buffer_.size() * sizeof(store::IdQuad));
      break;
    }
  }
}

bool GraphCursor::open_next_run() {
  if (run_ >= runs_.size()) return false;
  store::QuadPattern p = pattern_;
  p.graph = runs_[run_++];
  cursor_.emplace(ctx_->txn.scan(p));
  // Duplicates across named graphs are adjacent only when the index ends with G.
  hash_dedup_ = dedup_named_ && p.graph == kAnyNamedGraph &&
                cursor_->order().components[3] != store::Component::Graph;
  return true;
}

bool GraphCursor::next(store::IdQuad& quad) {
  if (buffered_) {
    if (buffer_pos_ >= buffer_.size()) return false;
    quad = buffer_[buffer_pos_++];
    return true;
  }
  for (;;) {
    if (!cursor_ && !open_next_run()) return false;
    while (cursor_->next(quad)) {
      ctx_->tick();
      if (!dedup_named_ || quad.graph == kDefaultGraph) return true;
      if (have_last_ && quad.subject == last_.subject && quad.predicate == last_.predicate &&
          quad.object == last_.object)
        continue;
      have_last_ = true;
      last_ = quad;
      if (hash_dedup_ && !seen_.insert({quad.subject, quad.predicate, quad.object}).second)
        continue;
      if (check_default_ &&
          ctx_->txn.contains({quad.subject, quad.predicate, quad.object, kDefaultGraph}))
        continue;
      return true;
    }
    cursor_.reset();
  }
}

double estimate_pattern(ExecContext& ctx, const GraphSpec& spec, store::QuadPattern pattern) {
  switch (spec.kind) {
    case GraphSpec::Kind::Empty:
      return 0;
    case GraphSpec::Kind::Single:
      pattern.graph = spec.graph;
      break;
    case GraphSpec::Kind::UnionAll:
      pattern.graph = kAnyTerm;
      break;
    case GraphSpec::Kind::Variable:
      pattern.graph = kAnyNamedGraph;
      break;
    case GraphSpec::Kind::Merge: {
      double total = 0;
      for (TermId g : spec.graphs) {
        pattern.graph = g;
        total += static_cast<double>(ctx.txn.estimate(pattern).rows);
      }
      return total;
    }
  }
  return static_cast<double>(ctx.txn.estimate(pattern).rows);
}

}  // namespace wsiskg::query::exec
