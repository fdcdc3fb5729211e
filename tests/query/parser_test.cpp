// Unit tests of the SPARQL parser's AST and error reporting.
#include "wsiskg/query/parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "wsiskg/query/scope.hpp"
#include "wsiskg/rdf/error.hpp"

namespace {

using namespace wsiskg::query;
using wsiskg::rdf::Term;

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

const ast::TriplesBlock& first_block(const Query& q) {
  return std::get<ast::TriplesBlock>(q.select.where.elements.at(0));
}
const ast::TriplePattern& first_triple(const Query& q) {
  return first_block(q).triples.at(0);
}
const Term& term(const ast::VarOrTerm& n) {
  return std::get<Term>(n);
}
const ast::Path& path_of(const ast::TriplePattern& t) {
  return std::get<ast::Path>(t.predicate);
}

// The error thrown for `text`; fails the test when it parses.
wsiskg::Error error_of(std::string_view text) {
  try {
    (void)parse_query(text);
  } catch (const wsiskg::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a syntax error for: " << text;
  return wsiskg::Error(wsiskg::ErrorKind::BadData, "none");
}

TEST(QueryParser, ResolvesPrefixesAndBase) {
  Query q = parse_query(
      "BASE <http://base.example/dir/sub>\n"
      "PREFIX ex: <http://ex.example/ns#>\n"
      "PREFIX : <http://default.example/>\n"
      "SELECT * WHERE { ex:a <../rel> ex: . :x :y :z }");
  EXPECT_EQ(q.base, "http://base.example/dir/sub");
  ASSERT_EQ(q.prefixes.size(), 2u);
  const auto& t = first_triple(q);
  EXPECT_EQ(term(t.subject), Term::iri("http://ex.example/ns#a"));
  EXPECT_EQ(std::get<Term>(t.predicate), Term::iri("http://base.example/rel"));
  EXPECT_EQ(term(t.object), Term::iri("http://ex.example/ns#"));
  EXPECT_EQ(term(first_block(q).triples.at(1).object), Term::iri("http://default.example/z"));
}

TEST(QueryParser, ExternalBaseAppliesUntilBaseDeclaration) {
  Query q =
      parse_query("SELECT * FROM <data.ttl> { ?s ?p ?o }", "q.rq", "file:///tests/dataset/q.rq");
  EXPECT_EQ(q.dataset.at(0).iri, "file:///tests/dataset/data.ttl");
  Query declared = parse_query("BASE <http://b/x/> SELECT * FROM <d> {}", "q.rq", "file:///t/q.rq");
  EXPECT_EQ(declared.dataset.at(0).iri, "http://b/x/d");
  Query none = parse_query("SELECT * FROM <d> {}");
  EXPECT_EQ(none.dataset.at(0).iri, "d");  // no base at all: left relative
}

// RFC 3986 §5.4.1 and §5.4.2 examples.
TEST(QueryParser, RelativeIrisResolveAsRfc3986) {
  const std::pair<const char*, const char*> cases[] = {
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g:h", "g:h"},
  };
  for (const auto& [reference, expected] : cases) {
    Query q = parse_query("BASE <http://a/b/c/d;p?q> SELECT * { <" + std::string(reference) +
                          "> ?p ?o }");
    EXPECT_EQ(term(first_triple(q).subject), Term::iri(expected)) << reference;
  }
}

TEST(QueryParser, PrefixedNameEscapesAndTrailingDot) {
  Query q = parse_query(
      "PREFIX ex: <http://ex/>\nSELECT * { ex:a\\~b\\.c ex:p%41 ex:o.d. ex:s ex:1:2 ex:o }");
  const auto& triples = first_block(q).triples;
  ASSERT_EQ(triples.size(), 2u);
  EXPECT_EQ(term(triples[0].subject), Term::iri("http://ex/a~b.c"));
  EXPECT_EQ(std::get<Term>(triples[0].predicate), Term::iri("http://ex/p%41"));  // kept as-is
  EXPECT_EQ(term(triples[0].object), Term::iri("http://ex/o.d"));
  EXPECT_EQ(std::get<Term>(triples[1].predicate), Term::iri("http://ex/1:2"));
}

TEST(QueryParser, UnknownPrefixReportsPosition) {
  wsiskg::Error e = error_of("PREFIX ex: <http://ex/>\nSELECT * {\n  ?s nope:p ?o }");
  ASSERT_TRUE(e.position().has_value());
  EXPECT_EQ(e.kind(), wsiskg::ErrorKind::BadData);
  EXPECT_EQ(e.position()->source, "<query>");
  EXPECT_EQ(e.position()->line, 3u);
  EXPECT_EQ(e.position()->column, 6u);
  EXPECT_NE(e.message().find("unknown prefix 'nope:'"), std::string::npos) << e.message();
}

TEST(QueryParser, LiteralsAndEscapes) {
  Query q = parse_query(
      "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
      "SELECT * { ?s ?p \"a\\tb\\\"c\", 'x'@en-US, \"7\"^^xsd:int, 1, -1.50, +2e3, true, FALSE,\n"
      "  '''it's \"long\"\nline''', \"\\u00e9\\U0001F46A\" }");
  const auto& t = first_block(q).triples;
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(term(t[0].object), Term::literal("a\tb\"c"));
  EXPECT_EQ(term(t[1].object), Term::lang_literal("x", "en-us"));
  EXPECT_EQ(term(t[2].object), Term::literal("7", "http://www.w3.org/2001/XMLSchema#int"));
  EXPECT_EQ(term(t[3].object), Term::literal("1", wsiskg::rdf::xsd::kInteger));
  EXPECT_EQ(term(t[4].object), Term::literal("-1.50", wsiskg::rdf::xsd::kDecimal));
  EXPECT_EQ(term(t[5].object), Term::literal("+2e3", wsiskg::rdf::xsd::kDouble));
  EXPECT_EQ(term(t[6].object), Term::literal("true", wsiskg::rdf::xsd::kBoolean));
  EXPECT_EQ(term(t[7].object), Term::literal("false", wsiskg::rdf::xsd::kBoolean));
  EXPECT_EQ(term(t[8].object), Term::literal("it's \"long\"\nline"));
  EXPECT_EQ(term(t[9].object), Term::literal("\xC3\xA9\xF0\x9F\x91\xAA"));
}

TEST(QueryParser, CodepointEscapesApplyToTheWholeQueryOnce) {
  // \u003F is '?': the escape is decoded before parsing, so this is the variable ?x.
  Query q = parse_query("SELECT \\u003Fx { ?s ?p ?x }");
  ASSERT_EQ(q.select.items.size(), 1u);
  EXPECT_EQ(q.select.items[0].var.name, "x");
  // \u005C is a backslash; it must not start a second escape.
  EXPECT_THROW(parse_query("SELECT * { ?s ?p \\u005Cu0031 }"), wsiskg::Error);
  wsiskg::Error e = error_of("SELECT * { ?s ?p '\\uD800' }");
  EXPECT_EQ(e.position()->column, 19u);
}

TEST(QueryParser, KeywordsAreCaseInsensitiveExceptA) {
  Query q = parse_query("select DISTINCT ?s wHeRe { ?s a ?o } limit 5 OFFSET 2");
  EXPECT_EQ(q.select.modifier, ast::SelectModifier::Distinct);
  EXPECT_EQ(std::get<Term>(first_triple(q).predicate), Term::iri(std::string(kRdf) + "type"));
  EXPECT_EQ(q.select.modifiers.limit, 5u);
  EXPECT_EQ(q.select.modifiers.offset, 2u);
  EXPECT_THROW(parse_query("SELECT * { ?s A ?o }"), wsiskg::Error);
}

TEST(QueryParser, PathPrecedence) {
  Query q = parse_query("PREFIX : <http://e/>\nSELECT * { ?s :a/^:b*|:c+ ?o . ?s !(:x|^a) ?o }");
  const ast::Path& p = path_of(first_triple(q));
  ASSERT_EQ(p.kind, ast::Path::Kind::Alternative);
  ASSERT_EQ(p.children.size(), 2u);
  const ast::Path& seq = p.children[0];
  ASSERT_EQ(seq.kind, ast::Path::Kind::Sequence);
  EXPECT_EQ(seq.children[0].iri, "http://e/a");
  ASSERT_EQ(seq.children[1].kind, ast::Path::Kind::Inverse);
  EXPECT_EQ(seq.children[1].children[0].kind, ast::Path::Kind::ZeroOrMore);  // ^(:b*)
  EXPECT_EQ(p.children[1].kind, ast::Path::Kind::OneOrMore);
  const ast::Path& neg = path_of(first_block(q).triples.at(1));
  ASSERT_EQ(neg.kind, ast::Path::Kind::Negated);
  ASSERT_EQ(neg.negated.size(), 2u);
  EXPECT_EQ(neg.negated[0], (ast::Path::NegatedItem{"http://e/x", false}));
  EXPECT_EQ(neg.negated[1], (ast::Path::NegatedItem{std::string(kRdf) + "type", true}));
}

TEST(QueryParser, QuestionMarkAfterPathIsAVariableWhenNamed) {
  Query q = parse_query("PREFIX : <http://e/>\nSELECT * { ?s :p ?o . ?s :p? ?o }");
  const auto& triples = first_block(q).triples;
  EXPECT_EQ(std::get<Term>(triples[0].predicate), Term::iri("http://e/p"));
  EXPECT_EQ(std::get<ast::Var>(triples[0].object).name, "o");
  EXPECT_EQ(path_of(triples[1]).kind, ast::Path::Kind::ZeroOrOne);
}

TEST(QueryParser, ExpressionPrecedence) {
  Query q = parse_query("SELECT * { FILTER(?a || ?b && 1 + 2 * -3 < 4 || ?x NOT IN (1, 2)) }");
  const auto& f = std::get<ast::Filter>(q.select.where.elements.at(0)).condition;
  const auto& top = std::get<ast::BinaryExpr>(f.node);  // (a || (b && …)) || (x NOT IN …)
  EXPECT_EQ(top.op, ast::BinaryOp::Or);
  EXPECT_TRUE(std::get<ast::InExpr>(top.rhs->node).negated);
  const auto& left = std::get<ast::BinaryExpr>(top.lhs->node);
  EXPECT_EQ(left.op, ast::BinaryOp::Or);
  const auto& conj = std::get<ast::BinaryExpr>(left.rhs->node);
  EXPECT_EQ(conj.op, ast::BinaryOp::And);
  const auto& less = std::get<ast::BinaryExpr>(conj.rhs->node);
  EXPECT_EQ(less.op, ast::BinaryOp::Less);
  const auto& sum = std::get<ast::BinaryExpr>(less.lhs->node);
  EXPECT_EQ(sum.op, ast::BinaryOp::Add);
  const auto& product = std::get<ast::BinaryExpr>(sum.rhs->node);
  EXPECT_EQ(product.op, ast::BinaryOp::Multiply);
  EXPECT_EQ(std::get<Term>(product.rhs->node), Term::literal("-3", wsiskg::rdf::xsd::kInteger));
}

TEST(QueryParser, AggregatesAndGrouping) {
  Query q = parse_query(
      "SELECT ?g (COUNT(DISTINCT ?x) AS ?n) (GROUP_CONCAT(?y ; separator = \", \") AS ?all)\n"
      "  (COUNT(*) AS ?rows)\n"
      "WHERE { ?g ?x ?y } GROUP BY ?g HAVING (SUM(?y) > 2) ORDER BY DESC(?n) ?g");
  ASSERT_EQ(q.select.items.size(), 4u);
  const auto& count = std::get<ast::Aggregate>(q.select.items[1].expression->node);
  EXPECT_EQ(count.op, ast::AggregateOp::Count);
  EXPECT_TRUE(count.distinct);
  const auto& concat = std::get<ast::Aggregate>(q.select.items[2].expression->node);
  EXPECT_EQ(concat.op, ast::AggregateOp::GroupConcat);
  EXPECT_EQ(concat.separator, ", ");
  EXPECT_FALSE(std::get<ast::Aggregate>(q.select.items[3].expression->node).arg.has_value());
  ASSERT_EQ(q.select.modifiers.group_by.size(), 1u);
  ASSERT_EQ(q.select.modifiers.having.size(), 1u);
  ASSERT_EQ(q.select.modifiers.order_by.size(), 2u);
  EXPECT_TRUE(q.select.modifiers.order_by[0].descending);
}

TEST(QueryParser, StaticRulesAreEnforced) {
  EXPECT_THROW(parse_query("SELECT * { ?s ?p ?o } GROUP BY ?s"), wsiskg::Error);
  EXPECT_THROW(parse_query("SELECT ?o { ?s ?p ?o } GROUP BY ?s"), wsiskg::Error);
  EXPECT_THROW(parse_query("SELECT (1 AS ?x) { ?s ?p ?x }"), wsiskg::Error);
  EXPECT_THROW(parse_query("SELECT * { FILTER(COUNT(?x) > 1) }"), wsiskg::Error);
  EXPECT_THROW(parse_query("SELECT * { _:a ?p ?o OPTIONAL { _:a ?q ?r } }"), wsiskg::Error);
  EXPECT_NO_THROW(parse_query("SELECT * { _:a ?p ?o FILTER(true) _:a ?q ?r }"));
  wsiskg::Error e = error_of("SELECT * {\n  ?s ?p ?o .\n  BIND(1 AS ?o)\n}");
  EXPECT_EQ(e.position()->line, 3u);
  EXPECT_EQ(e.position()->column, 3u);
  EXPECT_NE(e.message().find("?o is already in scope"), std::string::npos);
}

TEST(QueryParser, BlankNodeSyntaxExpands) {
  Query q = parse_query("PREFIX : <http://e/>\nSELECT * { ?s :p [ :q 1 ] ; :r (1 ?x) }");
  const auto& triples = first_block(q).triples;
  // ?s :p _:b . _:b :q 1 . ?s :r _:l1 . _:l1 first 1 . _:l1 rest _:l2 . _:l2 first ?x . rest nil
  ASSERT_EQ(triples.size(), 7u);
  const Term& bnode = term(triples[0].object);
  EXPECT_TRUE(bnode.is_blank());
  EXPECT_TRUE(bnode.value.starts_with(ast::kGeneratedBlankPrefix));
  EXPECT_EQ(term(triples[1].subject), bnode);
  int nil_count = 0;
  for (const auto& t : triples)
    if (const auto* o = std::get_if<Term>(&t.object); o && o->value == std::string(kRdf) + "nil")
      ++nil_count;
  EXPECT_EQ(nil_count, 1);
}

TEST(QueryParser, GraphPatternsAndValues) {
  Query q = parse_query(
      "PREFIX : <http://e/>\n"
      "SELECT * FROM <http://g/default> FROM NAMED <http://g/n> {\n"
      "  { ?s :p ?o } UNION { ?s :q ?o } OPTIONAL { ?o :r ?z FILTER(?z) }\n"
      "  MINUS { ?s :x 1 } GRAPH ?g { ?s ?p2 ?o2 } BIND(STR(?o) AS ?str)\n"
      "  VALUES ?v { 1 UNDEF } { SELECT ?s { ?s ?p ?o } LIMIT 1 }\n"
      "  FILTER NOT EXISTS { ?s :gone true }\n"
      "} VALUES (?a ?b) { (1 2) (UNDEF :x) }");
  ASSERT_EQ(q.dataset.size(), 2u);
  EXPECT_TRUE(q.dataset[1].named);
  const auto& e = q.select.where.elements;
  ASSERT_EQ(e.size(), 8u);
  EXPECT_EQ(std::get<ast::UnionPattern>(e[0]).alternatives.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ast::OptionalPattern>(e[1]));
  EXPECT_TRUE(std::holds_alternative<ast::MinusPattern>(e[2]));
  EXPECT_EQ(std::get<ast::Var>(std::get<ast::GraphPattern>(e[3]).name).name, "g");
  EXPECT_EQ(std::get<ast::BuiltinCall>(std::get<ast::Bind>(e[4]).expression.node).name, "STR");
  const auto& inline_values = std::get<ast::InlineData>(e[5]);
  ASSERT_EQ(inline_values.rows.size(), 2u);
  EXPECT_FALSE(inline_values.rows[1][0].has_value());
  const auto& sub = std::get<ast::Box<ast::GroupGraphPattern>>(e[6]);
  EXPECT_EQ(std::get<ast::SubSelect>(sub->elements.at(0)).query->modifiers.limit, 1u);
  EXPECT_TRUE(std::get<ast::ExistsExpr>(std::get<ast::Filter>(e[7]).condition.node).negated);
  ASSERT_TRUE(q.select.values.has_value());
  EXPECT_EQ(q.select.values->rows[1][1], Term::iri("http://e/x"));
  EXPECT_THROW(parse_query("SELECT * {} VALUES (?a ?b) { (1) }"), wsiskg::Error);
}

TEST(QueryParser, QueryForms) {
  Query c = parse_query("CONSTRUCT WHERE { ?s ?p ?o }");
  EXPECT_EQ(c.form, ast::QueryForm::Construct);
  EXPECT_TRUE(c.construct_where);
  EXPECT_EQ(c.construct_template.size(), 1u);
  Query d = parse_query("DESCRIBE * ");
  EXPECT_TRUE(d.describe_all);
  EXPECT_FALSE(d.has_where);
  Query a = parse_query("ASK FROM NAMED <http://g> { GRAPH <http://g> { ?s ?p ?o } }");
  EXPECT_EQ(a.form, ast::QueryForm::Ask);
  EXPECT_THROW(parse_query("CONSTRUCT WHERE { ?s ?p/?q ?o }"), wsiskg::Error);
}

TEST(QueryParser, SyntaxErrorShowsLineColumnCaretAndExpected) {
  wsiskg::Error e = error_of("PREFIX : <http://e/>\nSELECT * WHERE {\n\t?s :p ?o ;\n  ?x }\n");
  ASSERT_TRUE(e.position().has_value());
  EXPECT_EQ(e.position()->line, 4u);
  EXPECT_EQ(e.position()->column, 6u);
  const std::string& m = e.message();
  EXPECT_NE(m.find("syntax error: unexpected '}'"), std::string::npos) << m;
  EXPECT_NE(m.find("expected one of:"), std::string::npos) << m;
  EXPECT_NE(m.find("variable"), std::string::npos) << m;
  EXPECT_NE(m.find("\n    ?x }\n       ^"), std::string::npos) << m;
  EXPECT_EQ(std::string(e.what()).rfind("<query>:4:6: ", 0), 0u) << e.what();

  wsiskg::Error eof = error_of("SELECT * WHERE { ?s ?p ?o");
  EXPECT_EQ(eof.position()->column, 26u);
  EXPECT_NE(eof.message().find("unexpected end of input"), std::string::npos) << eof.message();
}

TEST(QueryParser, UnterminatedStringIsNamed) {
  wsiskg::Error e = error_of("SELECT * {\n  ?s ?p \"abc }");
  EXPECT_EQ(e.position()->line, 2u);
  EXPECT_EQ(e.position()->column, 9u);
  EXPECT_NE(e.message().find("unterminated string literal"), std::string::npos) << e.message();
  EXPECT_THROW(parse_query("SELECT * { ?s ?p 'bad \\q escape' }"), wsiskg::Error);
}

TEST(QueryParser, WrongArityIsReported) {
  wsiskg::Error e = error_of("SELECT * { FILTER(STRLEN(?a, ?b)) }");
  EXPECT_EQ(e.position()->column, 19u);
  EXPECT_NE(e.message().find("STRLEN takes 1 argument, not 2"), std::string::npos) << e.message();
}

TEST(QueryParser, NestingDepthIsBounded) {
  const std::size_t deep = 10000;
  for (auto [open, close] : {std::pair{"(", ")"}, std::pair{"{", "}"}, std::pair{"[", "]"}}) {
    std::string text = "SELECT * { FILTER";
    for (std::size_t i = 0; i < deep; ++i) text += open;
    text += "1";
    for (std::size_t i = 0; i < deep; ++i) text += close;
    text += " }";
    wsiskg::Error e = error_of(text);
    EXPECT_NE(e.message().find("nested deeper than 200 levels"), std::string::npos) << open;
    EXPECT_EQ(e.position()->line, 1u);
  }
  // Just inside the bound, a deep expression still parses.
  std::string ok = "SELECT * { FILTER";
  for (std::size_t i = 0; i < kMaxNestingDepth - 1; ++i) ok += "(";
  ok += "1";
  for (std::size_t i = 0; i < kMaxNestingDepth - 1; ++i) ok += ")";
  ok += " }";
  EXPECT_NO_THROW(parse_query(ok));
  std::string groups = "SELECT * ";
  for (std::size_t i = 0; i < kMaxNestingDepth; ++i) groups += "{ OPTIONAL ";
  groups += "{ }";
  for (std::size_t i = 0; i < kMaxNestingDepth; ++i) groups += " }";
  EXPECT_THROW(parse_query(groups), wsiskg::Error);
}

// ---- The path-search extension (README, "Paths in queries") ----

const ast::PathSearch& search_of(const ast::TriplePattern& t) {
  return std::get<ast::PathSearch>(t.predicate);
}

TEST(QueryParserPathSearch, SelectorsRestrictorsAndVariable) {
  struct Case {
    const char* text;
    ast::PathSelector selector;
    std::uint64_t k;
    ast::PathRestrictor restrictor;
  };
  const Case cases[] = {
      {"ANY", ast::PathSelector::Any, 1, ast::PathRestrictor::Walk},
      {"any shortest", ast::PathSelector::AnyShortest, 1, ast::PathRestrictor::Walk},
      {"ALL SHORTEST trail", ast::PathSelector::AllShortest, 1, ast::PathRestrictor::Trail},
      {"ALL SIMPLE", ast::PathSelector::All, 1, ast::PathRestrictor::Simple},
      {"All Acyclic", ast::PathSelector::All, 1, ast::PathRestrictor::Acyclic},
      {"SHORTEST 3 WALK", ast::PathSelector::ShortestK, 3, ast::PathRestrictor::Walk},
      {"ANY ACYCLIC", ast::PathSelector::Any, 1, ast::PathRestrictor::Acyclic},
  };
  for (const Case& c : cases) {
    Query q = parse_query(std::string("PREFIX : <http://e/> SELECT * { :a ") + c.text +
                          " (:p+ AS ?path) ?o }");
    const ast::PathSearch& s = search_of(first_triple(q));
    EXPECT_EQ(s.selector, c.selector) << c.text;
    EXPECT_EQ(s.k, c.k) << c.text;
    EXPECT_EQ(s.restrictor, c.restrictor) << c.text;
    ASSERT_TRUE(s.var.has_value()) << c.text;
    EXPECT_EQ(s.var->name, "path");
    EXPECT_EQ(s.path.kind, ast::Path::Kind::OneOrMore);
    EXPECT_EQ(s.offset, std::string_view("PREFIX : <http://e/> SELECT * { :a ").size()) << c.text;
  }
}

TEST(QueryParserPathSearch, PathInsideIsAnyPropertyPathAndVariableIsOptional) {
  Query q = parse_query(
      "PREFIX : <http://e/> SELECT ?o { :a ANY SHORTEST (:p/^:q|!(:r) ) ?o ; :name ?n . "
      "?x all shortest (a) ?y }");
  const auto& block = first_block(q);
  ASSERT_EQ(block.triples.size(), 3u);
  const ast::PathSearch& s = search_of(block.triples[0]);
  EXPECT_FALSE(s.var.has_value());
  EXPECT_EQ(s.path.kind, ast::Path::Kind::Alternative);
  EXPECT_EQ(std::get<Term>(block.triples[1].predicate), Term::iri("http://e/name"));
  const ast::PathSearch& single = search_of(block.triples[2]);
  EXPECT_EQ(single.path.kind, ast::Path::Kind::Iri);  // a lone IRI stays a Path here
  EXPECT_EQ(single.path.iri, std::string(kRdf) + "type");
}

TEST(QueryParserPathSearch, StandardQueriesAreUnchanged) {
  // Words that only look like selectors: prefixed names and a prefix called `any`.
  Query q = parse_query(
      "PREFIX any: <http://any/> PREFIX ALL: <http://all/> SELECT * { ?s any:x ?o . ?o ALL:y "
      "?z }");
  EXPECT_EQ(std::get<Term>(first_triple(q).predicate), Term::iri("http://any/x"));
  // An error in a standard query does not mention the extension's keywords.
  wsiskg::Error e = error_of("SELECT * WHERE { ?s }");
  EXPECT_EQ(e.message().find("ANY"), std::string::npos) << e.message();
  EXPECT_EQ(e.message().find("SHORTEST"), std::string::npos) << e.message();
}

TEST(QueryParserPathSearch, ErrorsHavePositions) {
  wsiskg::Error all_walk = error_of("SELECT * {\n  ?s ALL (<p>* AS ?x) ?o }");
  EXPECT_EQ(all_walk.position()->line, 2u);
  EXPECT_EQ(all_walk.position()->column, 6u);
  EXPECT_NE(all_walk.message().find("ALL WALK"), std::string::npos) << all_walk.message();
  EXPECT_NE(error_of("SELECT * { ?s ALL WALK (<p> AS ?x) ?o }").message().find("ALL WALK"),
            std::string::npos);

  wsiskg::Error zero = error_of("SELECT * { ?s SHORTEST 0 (<p> AS ?x) ?o }");
  EXPECT_EQ(zero.position()->column, 24u);
  EXPECT_NE(zero.message().find("k >= 1"), std::string::npos) << zero.message();

  wsiskg::Error missing_paren = error_of("SELECT * { ?s ANY SHORTEST <p> ?o }");
  EXPECT_EQ(missing_paren.position()->column, 28u);
  EXPECT_NE(missing_paren.message().find("'('"), std::string::npos) << missing_paren.message();

  wsiskg::Error bad_mode = error_of("SELECT * { ?s ANY CYCLIC (<p> AS ?x) ?o }");
  EXPECT_EQ(bad_mode.position()->column, 19u);
  EXPECT_NE(bad_mode.message().find("TRAIL"), std::string::npos) << bad_mode.message();

  wsiskg::Error no_var = error_of("SELECT * { ?s ANY (<p> AS) ?o }");
  EXPECT_EQ(no_var.position()->column, 26u);
  EXPECT_NE(no_var.message().find("variable"), std::string::npos) << no_var.message();

  wsiskg::Error k_missing = error_of("SELECT * { ?s SHORTEST (<p> AS ?x) ?o }");
  EXPECT_EQ(k_missing.position()->column, 24u);
}

TEST(QueryParserPathSearch, PathVariableIsNotAnRdfTerm) {
  wsiskg::Error own = error_of("SELECT * { ?s ANY (<p> AS ?s) ?o }");
  EXPECT_EQ(own.position()->column, 15u);
  EXPECT_NE(own.message().find("path variable ?s"), std::string::npos) << own.message();
  wsiskg::Error other = error_of("SELECT * { ?s ANY (<p> AS ?x) ?o . ?x <q> ?y }");
  EXPECT_NE(other.message().find("path variable ?x"), std::string::npos) << other.message();
  wsiskg::Error twice =
      error_of("SELECT * { ?s ANY (<p> AS ?x) ?o . ?a ANY SHORTEST (<q> AS ?x) ?b }");
  EXPECT_EQ(twice.position()->column, 39u);
  EXPECT_NE(twice.message().find("another path pattern"), std::string::npos) << twice.message();
  wsiskg::Error bind = error_of("SELECT * { ?s ANY (<p> AS ?x) ?o BIND(1 AS ?x) }");
  EXPECT_NE(bind.message().find("already in scope"), std::string::npos) << bind.message();
  // In another group it is a join on the path value: allowed.
  EXPECT_NO_THROW(parse_query("SELECT * { ?s ANY (<p> AS ?x) ?o { ?x ?y ?z } FILTER(BOUND(?x)) }"));
  // Not in CONSTRUCT templates (no paths there at all).
  EXPECT_THROW(parse_query("CONSTRUCT { ?s ANY (<p> AS ?x) ?o } WHERE { ?s <p> ?o }"),
               wsiskg::Error);
}

TEST(QueryParserPathSearch, SelectStarIncludesThePathVariable) {
  Query q = parse_query("SELECT * { ?s ANY SHORTEST (<p>+ AS ?path) ?o }");
  EXPECT_TRUE(q.select.select_all);
  std::vector<std::string> vars;
  EXPECT_NO_THROW(vars = wsiskg::query::in_scope_variables(q.select));
  EXPECT_EQ(vars, (std::vector<std::string>{"s", "o", "path"}));
}

}  // namespace
