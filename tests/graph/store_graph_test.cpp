// Both graph models over a real store: graph scopes, a triple in several graphs, typed
// literal weights, and hubs whose other predicates the filter rejects.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "graph_test_support.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::graph::testing {
namespace {

class TempStore {
 public:
  TempStore() {
    std::string pattern = (std::filesystem::temp_directory_path() / "wsiskg-graph-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    store_.emplace(store::Store::open(path_ / "store"));
  }
  ~TempStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  store::Store& store() { return *store_; }

 private:
  std::filesystem::path path_;
  std::optional<store::Store> store_;
};

rdf::Term ex(const std::string& local) {
  return rdf::Term::iri("http://example.org/" + local);
}

class StoreGraphTest : public ::testing::TestWithParam<Model> {
 protected:
  // Adds (s p o) to `graph` ("" = default graph).
  void add(const std::string& s, const std::string& p, const std::string& o,
           const std::string& graph = "") {
    pending_.push_back(
        {ex(s), ex(p), ex(o), graph.empty() ? std::nullopt : std::optional<rdf::Term>(ex(graph))});
  }
  void add_literal(const std::string& s, const std::string& p, rdf::Term literal) {
    pending_.push_back({ex(s), ex(p), std::move(literal), std::nullopt});
  }
  void commit() {
    auto txn = db_.store().begin_write();
    for (const rdf::Quad& q : pending_) {
      store::IdQuad quad{txn.intern(q.subject), txn.intern(q.predicate), txn.intern(q.object),
                         q.graph ? txn.intern(*q.graph) : store::kDefaultGraph};
      txn.insert(quad);
    }
    txn.commit();
    pending_.clear();
  }
  TermId id(const store::ReadTransaction& txn, const std::string& local) {
    auto found = txn.find(ex(local));
    EXPECT_TRUE(found.has_value()) << local;
    return found.value_or(store::kAnyTerm);
  }
  std::vector<std::string> run(const store::ReadTransaction& txn, PathMode mode,
                               const std::string& from, const std::string& to, EdgeFilter filter,
                               PathResult* out = nullptr) {
    StoreTripleSource source(txn, filter.graph);
    auto graph = make_graph(GetParam(), source, filter);
    PathQuery query;
    query.mode = mode;
    query.sources = {id(txn, from)};
    query.targets = {id(txn, to)};
    PathResult result = find_paths(*graph, query);
    std::vector<std::string> lines;
    for (const Path& path : result.paths) {
      std::string line;
      for (std::size_t i = 0; i < path.nodes.size(); ++i) {
        if (i > 0) {
          const Step& step = path.steps[i - 1];
          std::string p = txn.decode(step.predicate).value.substr(19);
          line += step.direction == Direction::Forward ? " -" + p + "-> " : " <-" + p + "- ";
        }
        line += txn.decode(path.nodes[i]).value.substr(19);  // after http://example.org/
      }
      lines.push_back(line);
    }
    if (out) *out = std::move(result);
    return lines;
  }

  TempStore db_;
  std::vector<rdf::Quad> pending_;
};

TEST_P(StoreGraphTest, ATripleInSeveralGraphsIsOneEdge) {
  add("a", "p", "b", "g1");
  add("a", "p", "b", "g2");
  add("a", "p", "b");
  add("b", "p", "c", "g2");
  commit();
  auto txn = db_.store().begin_read();
  EXPECT_THAT(run(txn, PathMode::AllShortest, "a", "c", {}),
              ::testing::ElementsAre("a -p-> b -p-> c"));
  EdgeFilter only_g1;
  only_g1.graph = id(txn, "g1");
  EXPECT_TRUE(run(txn, PathMode::Shortest, "a", "c", only_g1).empty());
  EdgeFilter default_graph;
  default_graph.graph = store::kDefaultGraph;
  EXPECT_THAT(run(txn, PathMode::Shortest, "a", "b", default_graph),
              ::testing::ElementsAre("a -p-> b"));
  EXPECT_TRUE(run(txn, PathMode::Shortest, "a", "c", default_graph).empty());
}

TEST_P(StoreGraphTest, HubsWithManyRejectedEdgesStillYieldTheAdmittedOnes) {
  // "hub" has 600 edges of a predicate the filter rejects, and the two it admits.
  for (int i = 0; i < 600; ++i) add("hub", "noise", "n" + std::to_string(i));
  for (int i = 0; i < 600; ++i) add("m" + std::to_string(i), "noise", "hub");
  add("hub", "p", "x");
  add("hub", "q", "y");
  add("start", "p", "hub");
  add("y", "p", "x");
  commit();
  auto txn = db_.store().begin_read();
  EdgeFilter filter;
  std::get<PredicateSet>(filter.selector).predicates = {id(txn, "p"), id(txn, "q")};
  EXPECT_THAT(run(txn, PathMode::AllSimple, "start", "x", filter),
              ::testing::ElementsAre("start -p-> hub -p-> x", "start -p-> hub -q-> y -p-> x"));
  filter.direction = TraversalDirection::Backward;
  EXPECT_THAT(run(txn, PathMode::AllSimple, "x", "start", filter),
              ::testing::ElementsAre("x <-p- hub <-p- start", "x <-p- y <-q- hub <-p- start"));
}

TEST_P(StoreGraphTest, TypedLiteralWeightsAreRead) {
  add("a", "slow", "b");
  add("b", "slow", "d");
  add("a", "fast", "c");
  add("c", "fast", "x");
  add("x", "fast", "d");
  add_literal("slow", "cost", rdf::Term::literal("2.5", rdf::xsd::kDecimal));
  add_literal("fast", "cost", rdf::Term::literal("1", rdf::xsd::kInteger));
  commit();
  auto txn = db_.store().begin_read();
  EdgeFilter filter;
  filter.weight.property = id(txn, "cost");
  PathResult result;
  EXPECT_THAT(run(txn, PathMode::Shortest, "a", "d", filter, &result),
              ::testing::ElementsAre("a -fast-> c -fast-> x -fast-> d"));
  ASSERT_EQ(result.paths.size(), 1u);
  EXPECT_EQ(result.paths[0].cost, 3.0);
  add("a", "negative", "d");
  add_literal("negative", "cost", rdf::Term::literal("-1", rdf::xsd::kInteger));
  commit();
  auto txn2 = db_.store().begin_read();
  EXPECT_THROW(run(txn2, PathMode::Shortest, "a", "d", filter), Error);
}

INSTANTIATE_TEST_SUITE_P(Models, StoreGraphTest,
                         ::testing::Values(Model::Implicit, Model::Snapshot),
                         [](const auto& info) { return model_name(info.param); });

}  // namespace
}  // namespace wsiskg::graph::testing
