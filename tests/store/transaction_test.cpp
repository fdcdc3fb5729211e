// Write transactions: inserts, duplicates, erases, clears, abort, MVCC, persistence, prefixes.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "temp_store.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::store {
namespace {

using rdf::Term;
using testing::iri;
using testing::TempDir;

std::vector<IdQuad> all_quads(const ReadTransaction& txn) {
  std::vector<IdQuad> out;
  auto cursor = txn.scan({kAnyTerm, kAnyTerm, kAnyTerm, kAnyTerm});
  IdQuad q;
  while (cursor.next(q)) out.push_back(q);
  return out;
}

struct Ids {
  TermId s, p, o, g, g2;
};
Ids make_ids(WriteTransaction& txn) {
  return {txn.intern(iri("s")), txn.intern(iri("p")), txn.intern(Term::literal("o")),
          txn.intern(iri("g")), txn.intern(iri("g2"))};
}

TEST(Transaction, InsertReportsDuplicates) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  auto id = make_ids(txn);
  IdQuad q{id.s, id.p, id.o, kDefaultGraph};
  IdQuad named{id.s, id.p, id.o, id.g};
  EXPECT_TRUE(txn.insert(q));
  EXPECT_FALSE(txn.insert(q));
  EXPECT_TRUE(txn.insert(named));  // same triple, other graph: another quad
  EXPECT_FALSE(txn.insert(named));
  EXPECT_EQ(txn.statistics().quads, 2u);
  EXPECT_EQ(txn.statistics().default_graph_quads, 1u);
  EXPECT_TRUE(txn.contains(q));
  EXPECT_TRUE(txn.contains(named));
  EXPECT_FALSE(txn.contains({id.s, id.p, id.o, id.g2}));
}

TEST(Transaction, InsertRejectsWildcards) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  auto id = make_ids(txn);
  EXPECT_THROW(txn.insert({kAnyTerm, id.p, id.o, kDefaultGraph}), Error);
  EXPECT_THROW(txn.insert({id.s, id.p, id.o, kAnyNamedGraph}), Error);
  EXPECT_THROW(txn.insert({id.s, id.p, id.o, kAnyTerm}), Error);
  std::vector<IdQuad> batch{{id.s, id.p, kAnyTerm, kDefaultGraph}};
  EXPECT_THROW(txn.insert_batch(batch), Error);
}

TEST(Transaction, InsertBatchCountsOnlyNewQuads) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  auto id = make_ids(txn);
  TermId o2 = txn.intern(iri("o2"));
  std::vector<IdQuad> batch{{id.s, id.p, o2, kDefaultGraph},
                            {id.s, id.p, id.o, id.g},
                            {id.s, id.p, id.o, kDefaultGraph},
                            {id.s, id.p, o2, kDefaultGraph},
                            {id.s, id.p, id.o, id.g}};
  EXPECT_EQ(txn.insert_batch(batch), 3u);  // two in-batch duplicates
  EXPECT_TRUE(
      std::is_sorted(batch.begin(), batch.begin() + 3, [](const IdQuad& a, const IdQuad& b) {
        return std::tie(a.subject, a.predicate, a.object) <
               std::tie(b.subject, b.predicate, b.object);
      }));
  std::vector<IdQuad> again{{id.s, id.p, o2, kDefaultGraph},  // stored
                            {id.s, id.p, o2, id.g},           // new
                            {id.s, id.p, id.o, id.g}};        // stored
  EXPECT_EQ(txn.insert_batch(again), 1u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, kAnyTerm, kAnyTerm}), 4u);
  // Every index got the new quads exactly once.
  for (TermId graph : {kDefaultGraph, kAnyNamedGraph}) {
    EXPECT_EQ(txn.count({id.s, kAnyTerm, kAnyTerm, graph}), 2u);
    EXPECT_EQ(txn.count({kAnyTerm, id.p, kAnyTerm, graph}), 2u);
    EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, o2, graph}), 1u);
  }
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, kAnyTerm, id.g}), 2u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, o2, id.g}), 1u);
  EXPECT_EQ(txn.count({kAnyTerm, id.p, kAnyTerm, id.g}), 2u);
  std::vector<IdQuad> empty;
  EXPECT_EQ(txn.insert_batch(empty), 0u);
}

// Batches landing before, between and after stored entries (ordinary puts and appends mixed).
TEST(Transaction, InterleavedBatchesKeepIndexesConsistent) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  std::vector<TermId> terms;
  for (int i = 0; i < 60; ++i) terms.push_back(txn.intern(iri("t" + std::to_string(i))));
  TermId g = txn.intern(iri("graph"));
  std::mt19937 rng(3);
  std::set<std::array<TermId, 4>> expected;
  for (int round = 0; round < 6; ++round) {
    std::vector<IdQuad> batch;
    for (int i = 0; i < 3000; ++i) {
      // Later rounds use larger ids more often, so parts of each batch sort after the store.
      auto pick = [&] { return terms[std::min<std::size_t>(59, rng() % (20 + round * 8))]; };
      IdQuad q{pick(), pick(), pick(), rng() % 3 == 0 ? g : kDefaultGraph};
      batch.push_back(q);
    }
    std::size_t fresh = 0;
    for (const auto& q : batch)
      fresh += expected.insert({q.subject, q.predicate, q.object, q.graph}).second;
    EXPECT_EQ(txn.insert_batch(batch), fresh) << "round " << round;
  }
  txn.commit();
  auto read = store.begin_read();
  auto quads = all_quads(read);
  std::set<std::array<TermId, 4>> got;
  for (const auto& q : quads) got.insert({q.subject, q.predicate, q.object, q.graph});
  EXPECT_EQ(quads.size(), expected.size());
  EXPECT_EQ(got, expected);
  // Each index agrees with the brute-force counts.
  for (TermId t : {terms[0], terms[10], terms[40]}) {
    for (TermId graph : {kDefaultGraph, kAnyNamedGraph, g}) {
      std::uint64_t s = 0, p = 0, o = 0;
      for (const auto& e : expected) {
        bool in = graph == kAnyNamedGraph ? e[3] != kDefaultGraph : e[3] == graph;
        if (!in) continue;
        s += e[0] == t;
        p += e[1] == t;
        o += e[2] == t;
      }
      EXPECT_EQ(read.count({t, kAnyTerm, kAnyTerm, graph}), s);
      EXPECT_EQ(read.count({kAnyTerm, t, kAnyTerm, graph}), p);
      EXPECT_EQ(read.count({kAnyTerm, kAnyTerm, t, graph}), o);
    }
  }
}

TEST(Transaction, EraseRemovesFromEveryIndex) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  auto id = make_ids(txn);
  IdQuad q{id.s, id.p, id.o, kDefaultGraph};
  IdQuad named{id.s, id.p, id.o, id.g};
  txn.insert(q);
  txn.insert(named);
  EXPECT_TRUE(txn.erase(q));
  EXPECT_FALSE(txn.erase(q));
  EXPECT_FALSE(txn.contains(q));
  EXPECT_TRUE(txn.contains(named));
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, id.o, kDefaultGraph}), 0u);
  EXPECT_EQ(txn.count({kAnyTerm, id.p, kAnyTerm, kDefaultGraph}), 0u);
  EXPECT_TRUE(txn.erase(named));
  for (TermId graph : {kAnyNamedGraph, id.g}) {
    EXPECT_EQ(txn.count({id.s, kAnyTerm, kAnyTerm, graph}), 0u);
    EXPECT_EQ(txn.count({kAnyTerm, id.p, kAnyTerm, graph}), 0u);
    EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, id.o, graph}), 0u);
  }
  EXPECT_TRUE(txn.named_graphs().empty());
}

TEST(Transaction, AbortAndDestroyLeaveNothing) {
  TempDir dir;
  auto store = Store::open(dir.store());
  {
    auto txn = store.begin_write();
    auto id = make_ids(txn);
    txn.insert({id.s, id.p, id.o, kDefaultGraph});
    txn.set_prefix("ex", "http://example.org/");
    txn.abort();
    EXPECT_THROW(txn.insert({id.s, id.p, id.o, kDefaultGraph}), Error);
    EXPECT_THROW(txn.commit(), Error);
  }
  {
    auto txn = store.begin_write();
    auto id = make_ids(txn);
    txn.insert({id.s, id.p, id.o, id.g});
    // destroyed without commit
  }
  auto read = store.begin_read();
  EXPECT_EQ(read.statistics().quads, 0u);
  EXPECT_EQ(read.statistics().dictionary_terms, 0u);
  EXPECT_FALSE(read.find(iri("s")).has_value());
  EXPECT_TRUE(read.prefixes().empty());
  EXPECT_TRUE(read.all_predicate_statistics().empty());
}

TEST(Transaction, SnapshotIsolation) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto before = store.begin_read();
  IdQuad q;
  {
    auto txn = store.begin_write();
    auto id = make_ids(txn);
    q = {id.s, id.p, id.o, kDefaultGraph};
    txn.insert(q);
    EXPECT_FALSE(before.contains(q));  // uncommitted writes are invisible
    txn.commit();
  }
  auto after = store.begin_read();
  EXPECT_TRUE(after.contains(q));
  EXPECT_FALSE(before.contains(q));  // the older snapshot stays as it was
  EXPECT_FALSE(before.find(iri("s")).has_value());
  EXPECT_EQ(after.find(iri("s")), q.subject);
  EXPECT_EQ(before.count({kAnyTerm, kAnyTerm, kAnyTerm, kAnyTerm}), 0u);
}

// Readers on other threads run alongside the writer and each sees one committed state.
TEST(Transaction, ConcurrentReadersSeeWholeCommits) {
  TempDir dir;
  auto store = Store::open(dir.store());
  TermId p;
  {
    auto txn = store.begin_write();
    p = txn.intern(iri("p"));
    txn.commit();
  }
  std::atomic<bool> done{false};
  std::atomic<int> bad{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto read = store.begin_read();
        // Each commit adds 100 quads for p in one transaction.
        auto n = read.count({kAnyTerm, p, kAnyTerm, kDefaultGraph});
        if (n % 100 != 0 || read.statistics().quads != n) ++bad;
        ++reads;
      }
    });
  }
  for (int round = 0; round < 20; ++round) {
    auto txn = store.begin_write();
    std::vector<IdQuad> batch;
    for (int i = 0; i < 100; ++i)
      batch.push_back({p, p, *inline_integer(round * 100 + i), kDefaultGraph});
    txn.insert_batch(batch);
    txn.commit();
  }
  while (reads < 20) std::this_thread::yield();
  done = true;
  for (auto& thread : readers) thread.join();
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(store.begin_read().count({kAnyTerm, p, kAnyTerm, kDefaultGraph}), 2000u);
}

TEST(Transaction, ReopenPersists) {
  TempDir dir;
  IdQuad q;
  {
    auto store = Store::open(dir.store());
    auto txn = store.begin_write();
    auto id = make_ids(txn);
    q = {id.s, id.p, id.o, id.g};
    txn.insert(q);
    txn.set_prefix("ex", "http://example.org/");
    txn.commit();
  }
  auto store = Store::open(dir.store());
  auto read = store.begin_read();
  EXPECT_TRUE(read.contains(q));
  EXPECT_EQ(read.decode(q.object), Term::literal("o"));
  EXPECT_EQ(read.named_graphs(), std::vector<TermId>{q.graph});
  EXPECT_EQ(read.prefixes().size(), 1u);
}

TEST(Transaction, ClearGraphAndClearAll) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  auto id = make_ids(txn);
  std::vector<IdQuad> batch;
  for (int i = 0; i < 100; ++i) {
    TermId o = *inline_integer(i);
    batch.push_back({id.s, id.p, o, kDefaultGraph});
    batch.push_back({id.s, id.p, o, id.g});
    if (i < 30) batch.push_back({id.o, id.p, o, id.g2});
  }
  txn.insert_batch(batch);
  txn.commit();

  txn = store.begin_write();
  EXPECT_EQ(txn.clear_graph(id.g), 100u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, kAnyTerm, id.g}), 0u);
  EXPECT_EQ(txn.count({id.s, kAnyTerm, kAnyTerm, kAnyNamedGraph}), 0u);
  EXPECT_EQ(txn.count({kAnyTerm, id.p, kAnyTerm, kAnyNamedGraph}), 30u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, *inline_integer(5), kAnyNamedGraph}), 1u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, kAnyTerm, kDefaultGraph}), 100u);
  EXPECT_EQ(txn.named_graphs(), std::vector<TermId>{id.g2});
  EXPECT_EQ(txn.clear_graph(id.g), 0u);
  EXPECT_EQ(txn.clear_graph(kDefaultGraph), 100u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, kAnyTerm, kDefaultGraph}), 0u);
  EXPECT_EQ(txn.count({kAnyTerm, kAnyTerm, kAnyTerm, kAnyTerm}), 30u);
  txn.commit();
  {
    auto read = store.begin_read();
    auto stats = read.predicate_statistics(id.p);
    ASSERT_TRUE(stats.has_value());
    EXPECT_EQ(stats->quads, 30u);
    EXPECT_EQ(stats->distinct_subjects, 1u);
  }
  txn = store.begin_write();
  EXPECT_EQ(txn.clear_all(), 30u);
  EXPECT_EQ(txn.statistics().quads, 0u);
  EXPECT_TRUE(txn.named_graphs().empty());
  txn.commit();
  auto read = store.begin_read();
  EXPECT_FALSE(read.predicate_statistics(id.p).has_value());
  EXPECT_EQ(read.decode(id.s), iri("s"));  // the dictionary stays
  EXPECT_TRUE(all_quads(read).empty());
}

TEST(Transaction, Prefixes) {
  TempDir dir;
  auto store = Store::open(dir.store());
  {
    auto txn = store.begin_write();
    txn.set_prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    txn.set_prefix("", "http://example.org/default#");
    txn.set_prefix("ex", "http://example.org/old#");
    txn.set_prefix("ex", "http://example.org/");
    txn.set_prefix("a-b", "http://example.org/ab#");
    txn.commit();
  }
  auto read = store.begin_read();
  std::vector<std::pair<std::string, std::string>> expected{
      {"", "http://example.org/default#"},
      {"a-b", "http://example.org/ab#"},
      {"ex", "http://example.org/"},
      {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}};
  EXPECT_EQ(read.prefixes(), expected);
}

TEST(Transaction, CursorMayOutliveItsTransaction) {
  TempDir dir;
  auto store = Store::open(dir.store());
  std::optional<QuadCursor> cursor;
  {
    auto txn = store.begin_write();
    auto id = make_ids(txn);
    txn.insert({id.s, id.p, id.o, kDefaultGraph});
    cursor.emplace(txn.scan({}));
    txn.commit();
  }
  IdQuad q;
  EXPECT_THROW(cursor->next(q), Error);
  cursor.reset();  // must not touch the freed LMDB cursor
  auto read = std::make_optional(store.begin_read());
  auto c2 = read->scan({});
  read.reset();
  EXPECT_THROW(c2.next(q), Error);
}

TEST(Transaction, WriteInvalidatesOpenCursorsOfItsTransaction) {
  TempDir dir;
  auto store = Store::open(dir.store());
  auto txn = store.begin_write();
  auto id = make_ids(txn);
  txn.insert({id.s, id.p, id.o, kDefaultGraph});
  auto cursor = txn.scan({});
  IdQuad q;
  EXPECT_TRUE(cursor.next(q));
  EXPECT_FALSE(txn.insert({id.s, id.p, id.o, kDefaultGraph}));  // no change: still valid
  EXPECT_FALSE(cursor.next(q));
  auto second = txn.scan({});
  txn.insert({id.o, id.p, id.s, kDefaultGraph});
  EXPECT_THROW(second.next(q), Error);
  auto fresh = txn.scan({});  // a new cursor sees both
  int n = 0;
  while (fresh.next(q)) ++n;
  EXPECT_EQ(n, 2);
}

TEST(Transaction, BigBatch) {
  TempDir dir;
  auto store = Store::open(dir.store());
  constexpr int kQuads = 200'000;
  std::vector<IdQuad> batch;
  std::vector<TermId> predicates;
  {
    auto txn = store.begin_write();
    for (int i = 0; i < 20; ++i) predicates.push_back(txn.intern(iri("p" + std::to_string(i))));
    TermId g = txn.intern(iri("g"));
    for (int i = 0; i < kQuads; ++i) {
      TermId s = txn.intern(iri("s" + std::to_string(i / 10)));
      batch.push_back({s, predicates[i % 20], *inline_integer(i), i % 4 == 0 ? g : kDefaultGraph});
    }
    std::shuffle(batch.begin(), batch.end(), std::mt19937(1));
    EXPECT_EQ(txn.insert_batch(batch), static_cast<std::uint64_t>(kQuads));
    EXPECT_EQ(txn.insert_batch(batch), 0u);
    txn.commit();
  }
  auto read = store.begin_read();
  auto stats = read.statistics();
  EXPECT_EQ(stats.quads, static_cast<std::uint64_t>(kQuads));
  EXPECT_EQ(stats.default_graph_quads, static_cast<std::uint64_t>(kQuads * 3 / 4));
  EXPECT_EQ(stats.named_graphs, 1u);
  EXPECT_EQ(all_quads(read).size(), static_cast<std::size_t>(kQuads));
  EXPECT_EQ(read.count({kAnyTerm, predicates[3], kAnyTerm, kAnyTerm}), kQuads / 20u);
  auto p0 = read.predicate_statistics(predicates[0]);
  ASSERT_TRUE(p0.has_value());
  EXPECT_EQ(p0->quads, kQuads / 20u);
  EXPECT_EQ(p0->distinct_objects, kQuads / 20u);
  EXPECT_EQ(p0->distinct_subjects, kQuads / 20u);  // every 10th subject, 20 predicates
}

}  // namespace
}  // namespace wsiskg::store
