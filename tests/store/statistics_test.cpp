// Predicate statistics (exact, maintained per transaction) and store statistics.
#include <gtest/gtest.h>

#include <map>
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

// Brute-force figures per predicate over all graphs.
std::map<TermId, PredicateStatistics> brute_force(const std::set<std::array<TermId, 4>>& quads) {
  std::map<TermId, std::set<TermId>> subjects, objects;
  std::map<TermId, PredicateStatistics> out;
  for (const auto& q : quads) {
    auto& stats = out[q[1]];
    stats.predicate = q[1];
    ++stats.quads;
    subjects[q[1]].insert(q[0]);
    objects[q[1]].insert(q[2]);
  }
  for (auto& [p, stats] : out) {
    stats.distinct_subjects = subjects[p].size();
    stats.distinct_objects = objects[p].size();
  }
  return out;
}

void expect_exact(const ReadTransaction& txn, const std::set<std::array<TermId, 4>>& quads,
                  const std::vector<TermId>& predicates) {
  auto expected = brute_force(quads);
  for (TermId p : predicates) {
    auto got = txn.predicate_statistics(p);
    auto it = expected.find(p);
    if (it == expected.end()) {
      EXPECT_FALSE(got.has_value()) << "predicate " << p;
      continue;
    }
    ASSERT_TRUE(got.has_value()) << "predicate " << p;
    EXPECT_EQ(got->predicate, p);
    EXPECT_EQ(got->quads, it->second.quads) << "predicate " << p;
    EXPECT_EQ(got->distinct_subjects, it->second.distinct_subjects) << "predicate " << p;
    EXPECT_EQ(got->distinct_objects, it->second.distinct_objects) << "predicate " << p;
  }
  auto all = txn.all_predicate_statistics();
  EXPECT_EQ(all.size(), expected.size());
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].quads, all[i].quads);
}

TEST(Statistics, PredicateStatisticsStayExact) {
  TempDir dir;
  auto store = Store::open(dir.store());
  std::vector<TermId> terms, predicates, graphs{kDefaultGraph};
  std::set<std::array<TermId, 4>> quads;
  std::mt19937 rng(11);
  {
    auto txn = store.begin_write();
    for (int i = 0; i < 50; ++i) terms.push_back(txn.intern(iri("t" + std::to_string(i))));
    for (int i = 0; i < 5; ++i) predicates.push_back(txn.intern(iri("p" + std::to_string(i))));
    for (int i = 0; i < 2; ++i) graphs.push_back(txn.intern(iri("g" + std::to_string(i))));
    std::vector<IdQuad> batch;
    for (int i = 0; i < 3000; ++i) {
      IdQuad q{terms[rng() % 50], predicates[rng() % 4], terms[rng() % 50], graphs[rng() % 3]};
      batch.push_back(q);
      quads.insert({q.subject, q.predicate, q.object, q.graph});
    }
    txn.insert_batch(batch);
    // Same triple in two graphs counts twice in quads but once in distinct subjects/objects.
    txn.insert({terms[0], predicates[4], terms[1], graphs[1]});
    txn.insert({terms[0], predicates[4], terms[1], graphs[2]});
    quads.insert({terms[0], predicates[4], terms[1], graphs[1]});
    quads.insert({terms[0], predicates[4], terms[1], graphs[2]});
    txn.commit();
  }
  expect_exact(store.begin_read(), quads, predicates);
  {
    // Erase a few hundred, including every quad of one predicate.
    auto txn = store.begin_write();
    std::vector<std::array<TermId, 4>> gone;
    for (const auto& q : quads) {
      if (q[1] == predicates[2] || rng() % 7 == 0) gone.push_back(q);
    }
    for (const auto& q : gone) {
      EXPECT_TRUE(txn.erase({q[0], q[1], q[2], q[3]}));
      quads.erase(q);
    }
    txn.commit();
  }
  {
    auto read = store.begin_read();
    expect_exact(read, quads, predicates);
    EXPECT_FALSE(read.predicate_statistics(predicates[2]).has_value());
  }
  {
    // Aborted changes leave the statistics alone.
    auto txn = store.begin_write();
    txn.clear_all();
  }
  expect_exact(store.begin_read(), quads, predicates);
}

TEST(Statistics, StoreStatistics) {
  TempDir dir;
  auto store = Store::open(dir.store());
  {
    auto txn = store.begin_write();
    TermId s = txn.intern(iri("s")), p = txn.intern(iri("p"));
    TermId g1 = txn.intern(iri("g1")), g2 = txn.intern(iri("g2"));
    std::vector<IdQuad> batch;
    for (int i = 0; i < 10; ++i) {
      batch.push_back({s, p, *inline_integer(i), kDefaultGraph});
      batch.push_back({s, p, *inline_integer(i), i < 4 ? g1 : g2});
    }
    txn.insert_batch(batch);
    txn.intern(Term::literal("unused"));
    txn.commit();
  }
  auto stats = store.begin_read().statistics();
  EXPECT_EQ(stats.quads, 20u);
  EXPECT_EQ(stats.default_graph_quads, 10u);
  EXPECT_EQ(stats.named_graphs, 2u);
  EXPECT_EQ(stats.dictionary_terms, 5u);  // s p g1 g2 "unused"; integers are inline
  EXPECT_EQ(stats.disk_bytes, std::filesystem::file_size(dir.store() / "data.mdb"));
  EXPECT_GT(stats.used_bytes, 0u);
  EXPECT_LE(stats.used_bytes, stats.disk_bytes);
  EXPECT_GE(stats.map_bytes, stats.used_bytes);
}

TEST(Statistics, EstimatesFromPredicateStatistics) {
  TempDir dir;
  auto store = Store::open(dir.store());
  TermId p, type, cls;
  {
    auto txn = store.begin_write();
    p = txn.intern(iri("p"));
    type = txn.intern(iri("type"));
    cls = txn.intern(iri("Class"));
    std::vector<IdQuad> batch;
    for (int i = 0; i < 5000; ++i) {
      TermId s = txn.intern(iri("s" + std::to_string(i)));
      batch.push_back({s, type, cls, kDefaultGraph});
      batch.push_back({s, p, *inline_integer(i % 100), kDefaultGraph});
    }
    txn.insert_batch(batch);
    txn.commit();
  }
  auto read = store.begin_read();
  // One bound component: always exact.
  auto c = read.estimate({kAnyTerm, type, kAnyTerm, kDefaultGraph}, 10);
  EXPECT_TRUE(c.exact);
  EXPECT_EQ(c.rows, 5000u);
  // P+O beyond the budget: quads(P) / distinct objects(P).
  c = read.estimate({kAnyTerm, p, *inline_integer(7), kDefaultGraph}, 10);
  EXPECT_FALSE(c.exact);
  EXPECT_EQ(c.rows, 50u);
  EXPECT_EQ(read.count({kAnyTerm, p, *inline_integer(7), kDefaultGraph}), 50u);
  c = read.estimate({kAnyTerm, type, cls, kDefaultGraph}, 100);
  EXPECT_FALSE(c.exact);
  EXPECT_EQ(c.rows, 5000u);
  // Within the budget: exact.
  c = read.estimate({kAnyTerm, p, *inline_integer(7), kDefaultGraph}, 50);
  EXPECT_TRUE(c.exact);
  EXPECT_EQ(c.rows, 50u);
}

}  // namespace
}  // namespace wsiskg::store
