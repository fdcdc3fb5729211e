// Property path -> epsilon-free automaton by the Glushkov (position) construction: every IRI
// occurrence (after `^` is pushed to the leaves) is a position and a state; a transition into a
// position's state carries that position's edge test. No epsilon transitions ever exist, so the
// search needs no closure step, and the state count is one more than the number of leaves.
#include <algorithm>

#include "wsiskg/query/path_expression.hpp"

namespace wsiskg::query {

namespace {

using graph::AutomatonState;
using graph::Direction;
using Kind = ast::Path::Kind;

// One position: the edge test every transition into it uses.
struct Leaf {
  std::vector<graph::TermId> predicates;
  bool negated = false;
  Direction direction = Direction::Forward;
};

// Glushkov sets of a sub-expression (positions numbered from 1; 0 is the start state).
struct Sets {
  bool nullable = false;
  std::vector<AutomatonState> first, last;
};

void append(std::vector<AutomatonState>& out, const std::vector<AutomatonState>& more) {
  out.insert(out.end(), more.begin(), more.end());
}

class Glushkov {
 public:
  explicit Glushkov(const IriLookup& lookup) : lookup_(lookup) {}

  graph::PathAutomaton build(const ast::Path& path) {
    Sets top = visit(path, false);
    graph::PathAutomaton automaton;
    automaton.state_count = static_cast<std::uint32_t>(leaves_.size() + 1);
    automaton.start = 0;
    automaton.accepting.assign(automaton.state_count, false);
    automaton.accepting[0] = top.nullable;
    for (AutomatonState s : top.last) automaton.accepting[s] = true;
    for (AutomatonState to : top.first) add_transition(automaton, 0, to);
    std::sort(follow_.begin(), follow_.end());
    follow_.erase(std::unique(follow_.begin(), follow_.end()), follow_.end());
    for (const auto& [from, to] : follow_) add_transition(automaton, from, to);
    return automaton;
  }

 private:
  void add_transition(graph::PathAutomaton& automaton, AutomatonState from, AutomatonState to) {
    const Leaf& leaf = leaves_[to - 1];
    // A plain test with no known predicate matches nothing: leave the transition out (an empty
    // set must not be read as "any predicate").
    if (!leaf.negated && leaf.predicates.empty()) return;
    automaton.transitions.push_back({from, to, leaf.predicates, leaf.negated, leaf.direction});
  }

  AutomatonState add_leaf(Leaf leaf) {
    std::sort(leaf.predicates.begin(), leaf.predicates.end());
    leaf.predicates.erase(std::unique(leaf.predicates.begin(), leaf.predicates.end()),
                          leaf.predicates.end());
    leaves_.push_back(std::move(leaf));
    return static_cast<AutomatonState>(leaves_.size());
  }

  Sets single(AutomatonState position) { return Sets{false, {position}, {position}}; }

  // `inverted`: under an odd number of `^`, directions flip and sequences run backwards.
  Sets visit(const ast::Path& p, bool inverted) {
    switch (p.kind) {
      case Kind::Iri: {
        Leaf leaf;
        leaf.direction = inverted ? Direction::Backward : Direction::Forward;
        if (auto id = lookup_(p.iri)) leaf.predicates.push_back(*id);
        return single(add_leaf(std::move(leaf)));
      }
      case Kind::Inverse:
        return visit(p.children.at(0), !inverted);
      case Kind::Sequence: {
        Sets result{true, {}, {}};
        const std::size_t n = p.children.size();
        for (std::size_t i = 0; i < n; ++i) {
          Sets next = visit(p.children[inverted ? n - 1 - i : i], inverted);
          for (AutomatonState from : result.last)
            for (AutomatonState to : next.first) follow_.emplace_back(from, to);
          if (result.nullable) append(result.first, next.first);
          if (next.nullable) {
            append(result.last, next.last);
          } else {
            result.last = next.last;
          }
          result.nullable = result.nullable && next.nullable;
        }
        return result;
      }
      case Kind::Alternative: {
        Sets result;
        for (const auto& child : p.children) {
          Sets c = visit(child, inverted);
          result.nullable = result.nullable || c.nullable;
          append(result.first, c.first);
          append(result.last, c.last);
        }
        return result;
      }
      case Kind::ZeroOrMore:
      case Kind::OneOrMore: {
        Sets c = visit(p.children.at(0), inverted);
        for (AutomatonState from : c.last)
          for (AutomatonState to : c.first) follow_.emplace_back(from, to);
        if (p.kind == Kind::ZeroOrMore) c.nullable = true;
        return c;
      }
      case Kind::ZeroOrOne: {
        Sets c = visit(p.children.at(0), inverted);
        c.nullable = true;
        return c;
      }
      case Kind::Negated: {
        // `!(a|^b)`: forward edges not labelled a, or backward edges not labelled b (SPARQL
        // §9.3: with only forward items only forward edges, with only inverse ones only
        // backward edges; `!()` is any forward edge).
        Leaf forward, backward;
        forward.negated = backward.negated = true;
        forward.direction = inverted ? Direction::Backward : Direction::Forward;
        backward.direction = inverted ? Direction::Forward : Direction::Backward;
        bool any_forward = false, any_backward = false;
        for (const auto& item : p.negated) {
          (item.inverse ? any_backward : any_forward) = true;
          if (auto id = lookup_(item.iri))
            (item.inverse ? backward : forward).predicates.push_back(*id);
        }
        Sets result;
        if (any_forward || !any_backward) {
          AutomatonState s = add_leaf(std::move(forward));
          result.first.push_back(s);
          result.last.push_back(s);
        }
        if (any_backward) {
          AutomatonState s = add_leaf(std::move(backward));
          result.first.push_back(s);
          result.last.push_back(s);
        }
        return result;
      }
    }
    return {};
  }

  const IriLookup& lookup_;
  std::vector<Leaf> leaves_;
  std::vector<std::pair<AutomatonState, AutomatonState>> follow_;
};

std::string sparql(const ast::Path& p, bool nested) {
  auto join = [&](std::string_view separator) {
    std::string out;
    for (const auto& c : p.children) {
      if (!out.empty()) out += separator;
      out += sparql(c, true);
    }
    return nested ? "(" + out + ")" : out;
  };
  switch (p.kind) {
    case Kind::Iri:
      return "<" + p.iri + ">";
    case Kind::Sequence:
      return join("/");
    case Kind::Alternative:
      return join("|");
    case Kind::Inverse:
      return "^" + sparql(p.children.at(0), true);
    case Kind::ZeroOrMore:
      return sparql(p.children.at(0), true) + "*";
    case Kind::OneOrMore:
      return sparql(p.children.at(0), true) + "+";
    case Kind::ZeroOrOne:
      return sparql(p.children.at(0), true) + "?";
    case Kind::Negated: {
      std::string out;
      for (const auto& item : p.negated) {
        if (!out.empty()) out += "|";
        out += (item.inverse ? "^<" : "<") + item.iri + ">";
      }
      return p.negated.size() == 1 ? "!" + out : "!(" + out + ")";
    }
  }
  return {};
}

}  // namespace

graph::PathAutomaton compile_path_automaton(const ast::Path& path, const IriLookup& lookup) {
  return Glushkov(lookup).build(path);
}

std::string path_to_sparql(const ast::Path& path) {
  return sparql(path, false);
}

}  // namespace wsiskg::query
