// Scans, counts and estimates for all 16 bound/unbound combinations of S, P, O and G, checked
// against a brute-force filter over a random dataset.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <random>
#include <set>
#include <vector>

#include "temp_store.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::store {
namespace {

using rdf::Term;
using testing::iri;
using testing::TempDir;

struct Dataset {
  std::vector<IdQuad> quads;   // distinct
  std::vector<TermId> graphs;  // named graphs used
  TermId empty_graph = 0;      // a graph id with no quads
  TermId absent = 0;           // a term in no quad
};

// ~2000 distinct quads over few subjects/predicates/objects so every pattern has matches.
Dataset build(WriteTransaction& txn) {
  std::mt19937 rng(20240601);
  Dataset data;
  std::vector<TermId> subjects, predicates, objects;
  for (int i = 0; i < 40; ++i) subjects.push_back(txn.intern(iri("s" + std::to_string(i))));
  for (int i = 0; i < 6; ++i) subjects.push_back(txn.intern(Term::blank("b" + std::to_string(i))));
  for (int i = 0; i < 8; ++i) predicates.push_back(txn.intern(iri("p" + std::to_string(i))));
  for (int i = 0; i < 30; ++i) objects.push_back(txn.intern(iri("o" + std::to_string(i))));
  for (int i = 0; i < 20; ++i)
    objects.push_back(
        txn.intern(Term::literal(std::to_string(i * 7 - 30), std::string(rdf::xsd::kInteger))));
  for (int i = 0; i < 10; ++i)
    objects.push_back(txn.intern(Term::literal("lit" + std::to_string(i))));
  objects.push_back(subjects[0]);  // a term both subject and object
  for (int i = 0; i < 3; ++i) data.graphs.push_back(txn.intern(iri("g" + std::to_string(i))));
  data.empty_graph = txn.intern(iri("g-empty"));
  data.absent = txn.intern(iri("absent"));

  std::set<std::array<TermId, 4>> seen;
  auto pick = [&](const std::vector<TermId>& v) {
    // Skewed so some keys hold many duplicates and others only one.
    std::uniform_real_distribution<double> u(0, 1);
    return v[static_cast<std::size_t>(v.size() * u(rng) * u(rng))];
  };
  while (data.quads.size() < 2000) {
    IdQuad q{pick(subjects), pick(predicates), pick(objects), kDefaultGraph};
    int g = static_cast<int>(rng() % 5);
    if (g < 3) q.graph = data.graphs[g];
    if (seen.insert({q.subject, q.predicate, q.object, q.graph}).second) data.quads.push_back(q);
  }
  // A subject with exactly one quad, in each scope (single-value LMDB keys).
  TermId lone = txn.intern(iri("lone"));
  data.quads.push_back({lone, predicates[0], objects[0], kDefaultGraph});
  data.quads.push_back({lone, predicates[1], objects[1], data.graphs[0]});
  return data;
}

bool matches(const QuadPattern& p, const IdQuad& q) {
  auto ok = [](TermId want, TermId have) { return want == kAnyTerm || want == have; };
  bool graph_ok = p.graph == kAnyTerm ||
                  (p.graph == kAnyNamedGraph ? q.graph != kDefaultGraph : p.graph == q.graph);
  return ok(p.subject, q.subject) && ok(p.predicate, q.predicate) && ok(p.object, q.object) &&
         graph_ok;
}

std::array<TermId, 4> tuple(const IdQuad& q, const ScanOrder& order) {
  return {q[order.components[0]], q[order.components[1]], q[order.components[2]],
          q[order.components[3]]};
}

void check_patterns(const ReadTransaction& txn, const Dataset& data) {
  std::mt19937 rng(7);
  std::vector<TermId> graph_modes{kDefaultGraph,  kAnyNamedGraph, kAnyTerm,
                                  data.graphs[0], data.graphs[2], data.empty_graph};
  int checked = 0, estimated = 0;
  for (TermId graph : graph_modes) {
    for (int mask = 0; mask < 8; ++mask) {
      for (int trial = 0; trial < 6; ++trial) {
        // Bound values from a real quad (so most patterns match), and sometimes an absent term.
        const IdQuad& base = data.quads[rng() % data.quads.size()];
        QuadPattern p{kAnyTerm, kAnyTerm, kAnyTerm, graph};
        if (mask & 1) p.subject = trial == 5 ? data.absent : base.subject;
        if (mask & 2) p.predicate = base.predicate;
        if (mask & 4) p.object = base.object;
        std::vector<IdQuad> expected;
        for (const auto& q : data.quads) {
          if (matches(p, q)) expected.push_back(q);
        }
        auto cursor = txn.scan(p);
        const ScanOrder order = cursor.order();
        std::vector<IdQuad> got;
        IdQuad q;
        while (cursor.next(q)) got.push_back(q);
        SCOPED_TRACE(::testing::Message() << "graph " << graph << " mask " << mask << " trial "
                                          << trial << " expect " << expected.size());
        EXPECT_EQ(order.sorted, graph != kAnyTerm);
        // Bound components lead the index order.
        bool specific_graph =
            graph != kDefaultGraph && graph != kAnyNamedGraph && graph != kAnyTerm;
        int bound = std::popcount(static_cast<unsigned>(mask)) + (specific_graph ? 1 : 0);
        IdQuad pattern_values{p.subject, p.predicate, p.object, p.graph};
        for (int i = 0; i < bound && order.sorted; ++i) {
          Component c = order.components[i];
          EXPECT_TRUE(c == Component::Graph ? specific_graph : pattern_values[c] != kAnyTerm)
              << "component " << i;
        }
        if (order.sorted) {
          for (std::size_t i = 1; i < got.size(); ++i) {
            ASSERT_LT(tuple(got[i - 1], order), tuple(got[i], order)) << "at " << i;
          }
        }
        auto key = [](const IdQuad& a) {
          return std::array<TermId, 4>{a.subject, a.predicate, a.object, a.graph};
        };
        auto by_key = [&](const IdQuad& a, const IdQuad& b) { return key(a) < key(b); };
        std::sort(got.begin(), got.end(), by_key);
        std::sort(expected.begin(), expected.end(), by_key);
        ASSERT_EQ(got, expected);
        EXPECT_EQ(txn.count(p), expected.size());
        for (std::uint64_t budget : {0ull, 3ull, 1000000ull}) {
          auto c = txn.estimate(p, budget);
          if (c.exact) {
            EXPECT_EQ(c.rows, expected.size()) << "budget " << budget;
          } else {
            ++estimated;
            EXPECT_GT(expected.size(), budget);
            EXPECT_GT(c.rows, budget);
          }
        }
        EXPECT_TRUE(txn.estimate(p, 1000000).exact);
        if (trial == 0) {
          for (const auto& e : expected) EXPECT_TRUE(txn.contains(e));
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 6 * 8 * 6);
  EXPECT_GT(estimated, 0);  // some patterns exceed the small budgets
}

TEST(Scan, AllPatternsMatchBruteForce) {
  TempDir dir;
  auto store = Store::open(dir.store());
  Dataset data;
  {
    auto txn = store.begin_write();
    data = build(txn);
    // Half through insert_batch, the rest one by one.
    std::vector<IdQuad> first(data.quads.begin(), data.quads.begin() + 1000);
    EXPECT_EQ(txn.insert_batch(first), 1000u);
    for (std::size_t i = 1000; i < data.quads.size(); ++i) EXPECT_TRUE(txn.insert(data.quads[i]));
    check_patterns(txn, data);  // the write transaction reads its own writes
    txn.commit();
  }
  check_patterns(store.begin_read(), data);
  auto read = store.begin_read();
  EXPECT_FALSE(
      read.contains({data.absent, data.quads[0].predicate, data.quads[0].object, kDefaultGraph}));
  auto graphs = read.named_graphs();
  EXPECT_EQ(std::set<TermId>(graphs.begin(), graphs.end()),
            std::set<TermId>(data.graphs.begin(), data.graphs.end()));
  EXPECT_TRUE(std::is_sorted(graphs.begin(), graphs.end()));
}

TEST(Scan, LargeKeysSpanManyPages) {
  // One predicate with 50k objects: scans cross many duplicate pages.
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  TermId s = txn.intern(iri("s")), p = txn.intern(iri("p")), g = txn.intern(iri("g"));
  std::vector<IdQuad> quads;
  for (int i = 0; i < 50000; ++i) {
    quads.push_back({s, p, *inline_integer(i), i % 2 ? g : kDefaultGraph});
  }
  EXPECT_EQ(txn.insert_batch(quads), 50000u);
  txn.commit();
  auto read = store.begin_read();
  for (TermId graph : {kDefaultGraph, g, kAnyNamedGraph}) {
    auto cursor = read.scan({s, p, kAnyTerm, graph});
    IdQuad q;
    std::int64_t expect = graph == kDefaultGraph ? 0 : 1;
    while (cursor.next(q)) {
      ASSERT_EQ(inline_integer_value(q.object), expect);
      expect += 2;
    }
    EXPECT_EQ(expect, 50000 + (graph == kDefaultGraph ? 0 : 1));
    EXPECT_EQ(read.count({s, p, kAnyTerm, graph}), 25000u);
    EXPECT_EQ(read.count({kAnyTerm, p, *inline_integer(49999), graph}),
              graph == kDefaultGraph ? 0u : 1u);
  }
  // Range from the middle of a page run.
  EXPECT_EQ(read.count({s, p, *inline_integer(30000), kAnyTerm}), 1u);
  EXPECT_EQ(read.count({s, kAnyTerm, kAnyTerm, kAnyTerm}), 50000u);
}

}  // namespace
}  // namespace wsiskg::store
