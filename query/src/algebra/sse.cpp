// S-expression rendering of algebra trees and expressions (the notation of the spec's
// examples and of Jena's SSE), for tests and query explanation.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "wsiskg/query/algebra.hpp"

namespace wsiskg::query::algebra {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

std::string term(const rdf::Term& t) {
  return rdf::to_ntriples(t);
}
std::string node(const VarOrTerm& n) {
  if (const auto* v = std::get_if<Var>(&n)) return "?" + v->name;
  return term(std::get<rdf::Term>(n));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string path(const ast::Path& p) {
  using Kind = ast::Path::Kind;
  auto children = [&](std::string_view head) {
    std::string out = fmt::format("({}", head);
    for (const auto& c : p.children) out += " " + path(c);
    return out + ")";
  };
  switch (p.kind) {
    case Kind::Iri:
      return "<" + p.iri + ">";
    case Kind::Sequence:
      return children("seq");
    case Kind::Alternative:
      return children("alt");
    case Kind::Inverse:
      return children("reverse");
    case Kind::ZeroOrMore:
      return children("path*");
    case Kind::OneOrMore:
      return children("path+");
    case Kind::ZeroOrOne:
      return children("path?");
    case Kind::Negated: {
      std::string out = "(notoneof";
      for (const auto& i : p.negated) out += (i.inverse ? " ^<" : " <") + i.iri + ">";
      return out + ")";
    }
  }
  return "?";
}

const char* binary_op(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Or:
      return "||";
    case ast::BinaryOp::And:
      return "&&";
    case ast::BinaryOp::Equal:
      return "=";
    case ast::BinaryOp::NotEqual:
      return "!=";
    case ast::BinaryOp::Less:
      return "<";
    case ast::BinaryOp::Greater:
      return ">";
    case ast::BinaryOp::LessEqual:
      return "<=";
    case ast::BinaryOp::GreaterEqual:
      return ">=";
    case ast::BinaryOp::Add:
      return "+";
    case ast::BinaryOp::Subtract:
      return "-";
    case ast::BinaryOp::Multiply:
      return "*";
    case ast::BinaryOp::Divide:
      return "/";
  }
  return "?";
}

const char* aggregate_name(ast::AggregateOp op) {
  switch (op) {
    case ast::AggregateOp::Count:
      return "count";
    case ast::AggregateOp::Sum:
      return "sum";
    case ast::AggregateOp::Min:
      return "min";
    case ast::AggregateOp::Max:
      return "max";
    case ast::AggregateOp::Avg:
      return "avg";
    case ast::AggregateOp::Sample:
      return "sample";
    case ast::AggregateOp::GroupConcat:
      return "group_concat";
  }
  return "?";
}

std::string aggregate(const ast::Aggregate& a) {
  std::string out = fmt::format("({}", aggregate_name(a.op));
  if (a.distinct) out += " distinct";
  if (a.separator) out += " (separator " + term(rdf::Term::literal(*a.separator)) + ")";
  if (a.arg) out += " " + to_sse(**a.arg);
  return out + ")";
}

std::string list(const std::vector<Expression>& args) {
  std::string out;
  for (const auto& a : args) out += " " + to_sse(a);
  return out;
}

}  // namespace

std::string to_sse(const Expression& e) {
  return std::visit(
      overloaded{
          [](const Var& v) { return "?" + v.name; },
          [](const rdf::Term& t) { return term(t); },
          [](const ast::BinaryExpr& b) {
            return fmt::format("({} {} {})", binary_op(b.op), to_sse(*b.lhs), to_sse(*b.rhs));
          },
          [](const ast::UnaryExpr& u) {
            const char* op = u.op == ast::UnaryOp::Not     ? "!"
                             : u.op == ast::UnaryOp::Minus ? "-"
                                                           : "+";
            return fmt::format("({} {})", op, to_sse(*u.operand));
          },
          [](const ast::InExpr& in) {
            return fmt::format("({} {}{})", in.negated ? "notin" : "in", to_sse(*in.lhs),
                               list(in.list));
          },
          [](const ast::BuiltinCall& c) {
            return fmt::format("({}{})", lower(c.name), list(c.args));
          },
          [](const ast::FunctionCall& c) {
            return fmt::format("(<{}>{}{})", c.iri, c.distinct ? " distinct" : "", list(c.args));
          },
          [](const ast::Aggregate& a) { return aggregate(a); },
          [](const ast::ExistsExpr& x) {
            return fmt::format("({} {})", x.negated ? "notexists" : "exists",
                               to_sse(translate_pattern(*x.pattern)));
          },
      },
      e.node);
}

std::string path_search_keywords(const ast::PathSearch& search) {
  std::string out;
  switch (search.selector) {
    case ast::PathSelector::Any:
      out = "ANY";
      break;
    case ast::PathSelector::All:
      out = "ALL";
      break;
    case ast::PathSelector::AnyShortest:
      out = "ANY SHORTEST";
      break;
    case ast::PathSelector::AllShortest:
      out = "ALL SHORTEST";
      break;
    case ast::PathSelector::ShortestK:
      out = fmt::format("SHORTEST {}", search.k);
      break;
  }
  switch (search.restrictor) {
    case ast::PathRestrictor::Walk:
      return out + " WALK";
    case ast::PathRestrictor::Trail:
      return out + " TRAIL";
    case ast::PathRestrictor::Simple:
      return out + " SIMPLE";
    case ast::PathRestrictor::Acyclic:
      return out + " ACYCLIC";
  }
  return out;
}

std::string to_sse(const Node& n) {
  return std::visit(
      overloaded{
          [](const Bgp& b) {
            std::string out = "(bgp";
            for (const auto& t : b.triples)
              out += fmt::format(" (triple {} {} {})", node(t.subject), node(t.predicate),
                                 node(t.object));
            return out + ")";
          },
          [](const PathPattern& p) {
            return fmt::format("(path {} {} {})", node(p.subject), path(p.path), node(p.object));
          },
          [](const PathSearch& p) {
            // (pathsearch "ANY SHORTEST WALK" ?p ?s (path+ <p>) ?o); `_` without a variable.
            return fmt::format("(pathsearch \"{}\" {} {} {} {})", path_search_keywords(p.search),
                               p.search.var ? "?" + p.search.var->name : std::string("_"),
                               node(p.subject), path(p.search.path), node(p.object));
          },
          [](const Join& j) {
            return fmt::format("(join {} {})", to_sse(*j.left), to_sse(*j.right));
          },
          [](const LeftJoin& j) {
            return fmt::format("(leftjoin {} {}{})", to_sse(*j.left), to_sse(*j.right),
                               j.condition ? " " + to_sse(*j.condition) : "");
          },
          [](const Filter& f) {
            std::string conditions = f.conditions.size() == 1
                                         ? to_sse(f.conditions[0])
                                         : "(exprlist" + list(f.conditions) + ")";
            return fmt::format("(filter {} {})", conditions, to_sse(*f.input));
          },
          [](const Union& u) {
            return fmt::format("(union {} {})", to_sse(*u.left), to_sse(*u.right));
          },
          [](const Minus& m) {
            return fmt::format("(minus {} {})", to_sse(*m.left), to_sse(*m.right));
          },
          [](const Graph& g) {
            return fmt::format("(graph {} {})", node(g.name), to_sse(*g.input));
          },
          [](const Service& s) {
            return fmt::format("(service {}{} {})", s.silent ? "silent " : "", node(s.endpoint),
                               to_sse(*s.input));
          },
          [](const Extend& e) {
            return fmt::format("(extend ((?{} {})) {})", e.var.name, to_sse(e.expression),
                               to_sse(*e.input));
          },
          [](const Table& t) {
            std::string out = "(table (vars";
            for (const auto& v : t.data.vars) out += " ?" + v.name;
            out += ")";
            for (const auto& row : t.data.rows) {
              out += " (row";
              for (std::size_t i = 0; i < row.size(); ++i)
                if (row[i]) out += fmt::format(" [?{} {}]", t.data.vars[i].name, term(*row[i]));
              out += ")";
            }
            return out + ")";
          },
          [](const Group& g) {
            std::string out = "(group (";
            for (std::size_t i = 0; i < g.keys.size(); ++i)
              out += (i ? " " : "") + to_sse(g.keys[i]);
            out += ") (";
            for (std::size_t i = 0; i < g.aggregates.size(); ++i)
              out += fmt::format("{}(?{} {})", i ? " " : "", g.aggregates[i].var.name,
                                 aggregate(g.aggregates[i].aggregate));
            return out + ") " + to_sse(*g.input) + ")";
          },
          [](const OrderBy& o) {
            std::string out = "(order (";
            for (std::size_t i = 0; i < o.conditions.size(); ++i)
              out += fmt::format("{}({} {})", i ? " " : "",
                                 o.conditions[i].descending ? "desc" : "asc",
                                 to_sse(o.conditions[i].expression));
            return out + ") " + to_sse(*o.input) + ")";
          },
          [](const Project& p) {
            std::string out = "(project (";
            for (std::size_t i = 0; i < p.vars.size(); ++i)
              out += (i ? " ?" : "?") + p.vars[i].name;
            return out + ") " + to_sse(*p.input) + ")";
          },
          [](const Distinct& d) { return "(distinct " + to_sse(*d.input) + ")"; },
          [](const Reduced& r) { return "(reduced " + to_sse(*r.input) + ")"; },
          [](const Slice& s) {
            return fmt::format("(slice {} {} {})", s.offset ? std::to_string(*s.offset) : "_",
                               s.limit ? std::to_string(*s.limit) : "_", to_sse(*s.input));
          },
      },
      n.op);
}

}  // namespace wsiskg::query::algebra
