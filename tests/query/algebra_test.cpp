// Unit tests of the AST -> SPARQL algebra translation (SPARQL 1.1 §18.2), compared in
// S-expression form.
#include "wsiskg/query/algebra.hpp"

#include <gtest/gtest.h>

#include "wsiskg/query/parser.hpp"

namespace {

using namespace wsiskg::query;

const std::string kInt = "^^<http://www.w3.org/2001/XMLSchema#integer>";

std::string algebra_of(std::string_view text) {
  return algebra::to_sse(algebra::translate(parse_query(text)).pattern);
}

TEST(QueryAlgebra, BasicGraphPatternAndProjection) {
  EXPECT_EQ(algebra_of("SELECT * { ?s <http://e/p> ?o }"),
            "(project (?s ?o) (bgp (triple ?s <http://e/p> ?o)))");
  EXPECT_EQ(algebra_of("SELECT ?o {}"), "(project (?o) (bgp))");
}

TEST(QueryAlgebra, OptionalTakesItsFilterIntoTheLeftJoin) {
  EXPECT_EQ(algebra_of("SELECT ?s { ?s <p:p> ?o OPTIONAL { ?o <p:q> ?z FILTER(?z > 1) } }"),
            "(project (?s) (leftjoin (bgp (triple ?s <p:p> ?o)) (bgp (triple ?o <p:q> ?z)) "
            "(> ?z \"1\"" +
                kInt + ")))");
  EXPECT_EQ(algebra_of("SELECT ?s { ?s <p:p> ?o OPTIONAL { ?o <p:q> ?z } }"),
            "(project (?s) (leftjoin (bgp (triple ?s <p:p> ?o)) (bgp (triple ?o <p:q> ?z))))");
}

TEST(QueryAlgebra, NestedGroupFilterStaysInsideTheOptional) {
  // §18.2.2.6: only the OPTIONAL group's own FILTERs become the LeftJoin condition; one in a
  // nested group stays a filter over that group (W3C dawg-optional-filter-005-not-simplified).
  EXPECT_EQ(algebra_of("SELECT ?s { ?s <p:p> ?o OPTIONAL { { ?o <p:q> ?z FILTER(?s) } } }"),
            "(project (?s) (leftjoin (bgp (triple ?s <p:p> ?o)) "
            "(filter ?s (bgp (triple ?o <p:q> ?z)))))");
}

TEST(QueryAlgebra, FiltersApplyToTheWholeGroup) {
  EXPECT_EQ(algebra_of("SELECT ?s { ?s <p:p> ?o FILTER(?o) FILTER(!?s) ?s <p:q> ?z }"),
            "(project (?s) (filter (exprlist ?o (! ?s)) (join (bgp (triple ?s <p:p> ?o)) "
            "(bgp (triple ?s <p:q> ?z)))))");
}

TEST(QueryAlgebra, UnionMinusGraphBindValues) {
  EXPECT_EQ(algebra_of("SELECT ?x { { ?x <p:a> 1 } UNION { ?x <p:b> 2 } UNION { ?x <p:c> 3 } }"),
            "(project (?x) (union (union (bgp (triple ?x <p:a> \"1\"" + kInt +
                ")) (bgp (triple ?x <p:b> \"2\"" + kInt + "))) (bgp (triple ?x <p:c> \"3\"" + kInt +
                "))))");
  EXPECT_EQ(algebra_of("SELECT * { ?x <p:a> ?y MINUS { ?x <p:b> ?y } }"),
            "(project (?x ?y) (minus (bgp (triple ?x <p:a> ?y)) (bgp (triple ?x <p:b> ?y))))");
  EXPECT_EQ(
      algebra_of("SELECT * { GRAPH ?g { ?x <p:a> ?y } BIND(STR(?y) AS ?s) }"),
      "(project (?g ?x ?y ?s) (extend ((?s (str ?y))) (graph ?g (bgp (triple ?x <p:a> ?y)))))");
  EXPECT_EQ(algebra_of("SELECT * { VALUES ?v { 1 UNDEF } }"),
            "(project (?v) (table (vars ?v) (row [?v \"1\"" + kInt + "]) (row)))");
  EXPECT_EQ(algebra_of("SELECT ?x { ?x <p:a> ?y } VALUES ?y { <p:o> }"),
            "(project (?x) (join (bgp (triple ?x <p:a> ?y)) (table (vars ?y) (row [?y <p:o>]))))");
}

TEST(QueryAlgebra, PropertyPathsFollowSection18_2_2_4) {
  EXPECT_EQ(algebra_of("SELECT * { ?s <p:a>/^<p:b>/<p:c>* ?o }"),
            "(project (?s ?o) (join (bgp (triple ?s <p:a> ?.p0) (triple ?.p1 <p:b> ?.p0)) "
            "(path ?.p1 (path* <p:c>) ?o)))");
  EXPECT_EQ(algebra_of("SELECT * { ?s !(<p:a>|^<p:b>) ?o }"),
            "(project (?s ?o) (path ?s (alt (notoneof <p:a>) (reverse (notoneof <p:b>))) ?o))");
  EXPECT_EQ(algebra_of("SELECT * { ?s <p:a>|<p:b> ?o . ?o ^<p:c> ?z }"),
            "(project (?s ?o ?z) (join (path ?s (alt <p:a> <p:b>) ?o) "
            "(bgp (triple ?z <p:c> ?o))))");
}

TEST(QueryAlgebra, GroupingAggregatesHavingOrderSlice) {
  EXPECT_EQ(algebra_of("SELECT ?g (COUNT(?x) AS ?n) { ?g <p:p> ?x } GROUP BY ?g "
                       "HAVING (SUM(?x) > 2) ORDER BY DESC(?n) LIMIT 5"),
            "(slice _ 5 (project (?g ?n) (order ((desc ?n)) (extend ((?n ?.agg0)) "
            "(filter (> ?.agg1 \"2\"" +
                kInt +
                ") (group (?g) ((?.agg0 (count ?x)) "
                "(?.agg1 (sum ?x))) (bgp (triple ?g <p:p> ?x))))))))");
  EXPECT_EQ(algebra_of("SELECT DISTINCT (COUNT(*) AS ?c) {}"),
            "(distinct (project (?c) (extend ((?c ?.agg0)) (group (\"1\"" + kInt +
                ") ((?.agg0 (count))) (bgp)))))");
  EXPECT_EQ(algebra_of("SELECT ?k (SAMPLE(?v) AS ?s) { ?x <p:p> ?v } GROUP BY (STR(?x) AS ?k)"),
            "(project (?k ?s) (extend ((?s ?.agg0)) (group (?k) ((?.agg0 (sample ?v))) "
            "(extend ((?k (str ?x))) (bgp (triple ?x <p:p> ?v))))))");
}

TEST(QueryAlgebra, SubSelectAndOtherForms) {
  EXPECT_EQ(algebra_of("SELECT ?x { ?x <p:a> ?y { SELECT ?y { ?y <p:b> ?z } OFFSET 1 } }"),
            "(project (?x) (join (bgp (triple ?x <p:a> ?y)) (slice 1 _ (project (?y) "
            "(bgp (triple ?y <p:b> ?z))))))");
  algebra::TranslatedQuery ask = algebra::translate(parse_query("ASK { ?s ?p ?o }"));
  EXPECT_EQ(ask.form, ast::QueryForm::Ask);
  EXPECT_EQ(algebra::to_sse(ask.pattern), "(project (?s ?p ?o) (bgp (triple ?s ?p ?o)))");
}

TEST(QueryAlgebra, ExistsIsRenderedWithItsTranslatedPattern) {
  EXPECT_EQ(algebra_of("SELECT ?s { ?s ?p ?o FILTER NOT EXISTS { ?s <p:q> ?o } }"),
            "(project (?s) (filter (notexists (bgp (triple ?s <p:q> ?o))) "
            "(bgp (triple ?s ?p ?o))))");
}

TEST(QueryAlgebra, PathSearchIsItsOwnNodeBetweenBgps) {
  // The extension's `?s ANY SHORTEST (path AS ?p) ?o` is not reduced like a property path: it
  // stays one node, joined with the triples around it, and the path inside is kept whole.
  EXPECT_EQ(algebra_of("SELECT * { ?s <p:a> ?t ; ALL SHORTEST TRAIL (<p:p>/<p:q> AS ?x) ?o . "
                       "?o <p:b> ?z }"),
            "(project (?s ?t ?o ?x ?z) (join (join (bgp (triple ?s <p:a> ?t)) (pathsearch "
            "\"ALL SHORTEST TRAIL\" ?x ?s (seq <p:p> <p:q>) ?o)) (bgp (triple ?o <p:b> ?z))))");
  EXPECT_EQ(algebra_of("SELECT ?o { <p:s> SHORTEST 2 (^<p:p> ) ?o }"),
            "(project (?o) (pathsearch \"SHORTEST 2 WALK\" _ <p:s> (reverse <p:p>) ?o))");
}

}  // namespace
