// Limits: the LMDB map (warning in `stats`, growth between writes, a clear error when one import
// does not fit) and measured resource use (store size, peak RSS of an import and a query).

#include <gtest/gtest.h>

#include <string>

#include "child_process.hpp"
#include "generated_data.hpp"

namespace wsiskg::reliability {
namespace {

constexpr const char* kMapWarning = "wsiskg: warning: the store's map is";

SpawnOptions with_map_size(const std::string& bytes) {
  SpawnOptions options;
  options.env["WSISKG_MAP_SIZE"] = bytes;
  return options;
}

TEST(Limits, StatsWarnsWhenTheMapIsNearlyFull) {
  TempDirectory dir;
  auto file = dir.path() / "data.nt";
  write_ntriples(file, {.name = "map", .count = 20000, .seed = 5});
  Wsiskg store(dir.path() / "store");
  auto imported = store.run({"import", "-q", file.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  // The default map (1 TiB of address space): no warning.
  auto roomy = store.run({"stats"});
  ASSERT_EQ(roomy.exit_code, 0) << roomy.err;
  EXPECT_EQ(roomy.err.find(kMapWarning), std::string::npos) << roomy.err;

  // A map no larger than the data: LMDB opens it at the data's size, 100% full.
  auto full = store.run({"stats"}, with_map_size("1048576"));
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_NE(full.err.find(kMapWarning), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("100% full"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("WSISKG_MAP_SIZE"), std::string::npos) << full.err;
  EXPECT_NE(full.out.find("statements     20,000"), std::string::npos) << full.out;
  print_figure("limits: stats with WSISKG_MAP_SIZE=1 MiB on a 20,000-statement store",
               full.err.substr(0, full.err.find('\n')));
}

TEST(Limits, MapGrowsBetweenImportsAndOneTooLargeImportFailsCleanly) {
  TempDirectory dir;
  auto small = dir.path() / "small.nt";
  auto large = dir.path() / "large.nt";
  write_ntriples(small, {.name = "small", .count = 5000, .seed = 8});
  write_ntriples(large, {.name = "large", .count = 200000, .seed = 9});
  Wsiskg store(dir.path() / "store");
  const auto map = with_map_size(std::to_string(std::size_t{4} << 20));

  // Imports that each fit: the map doubles before a write once half of it is used.
  for (int i = 0; i < 8; ++i) {
    auto file = dir.path() / ("part" + std::to_string(i) + ".nt");
    write_ntriples(file, {.name = "part" + std::to_string(i),
                          .count = 3000,
                          .seed = static_cast<std::uint64_t>(20 + i)});
    auto r = store.run({"import", "-q", file.string()}, map);
    ASSERT_EQ(r.exit_code, 0) << "import " << i << ": " << r.err;
  }
  auto stats = store.run({"stats"}, map);
  EXPECT_NE(stats.out.find("statements     24,000"), std::string::npos) << stats.out;
  EXPECT_EQ(stats.out.find("map 4.0 MiB"), std::string::npos) << "the map never grew\n"
                                                              << stats.out;
  std::string before = store.export_all();

  // One import larger than the whole map: a clear error, exit 74, nothing written.
  auto too_large = store.run({"import", "-q", large.string()}, map);
  EXPECT_EQ(too_large.exit_code, 74) << too_large.err;
  EXPECT_NE(too_large.err.find("memory map is full"), std::string::npos) << too_large.err;
  EXPECT_NE(too_large.err.find("WSISKG_MAP_SIZE"), std::string::npos) << too_large.err;
  EXPECT_EQ(store.export_all(), before);
  // With the default map it fits.
  auto fits = store.run({"import", "-q", large.string()});
  EXPECT_EQ(fits.exit_code, 0) << fits.err;
  print_figure("limits: map growth",
               "8 imports grew a 4 MiB map; a 200,000-statement import "
               "into it failed with exit 74, store unchanged");
}

// Resource use on LUBM(1): store size and peak RSS of an import and of a query.
TEST(Limits, MeasuresImportAndQueryMemoryOnLubm1) {
  const fs::path lubm = fs::path(WSISKG_SHARED_DIR) / "bench" / "lubm" / "lubm1.nt.gz";
  if (!fs::exists(lubm)) GTEST_SKIP() << lubm << " not present";
  TempDirectory dir;
  Wsiskg store(dir.path() / "store");
  auto imported = store.run({"import", "-q", lubm.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto size = fs::file_size(store.store() / "data.mdb");
  auto query = store.run({"query", "--format", "tsv",
                          "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  EXPECT_LT(imported.max_rss_kib, 1024 * 1024);
  print_figure("limits: LUBM(1) import", std::to_string(size >> 20) + " MiB store, peak RSS " +
                                             std::to_string(imported.max_rss_kib >> 10) + " MiB, " +
                                             std::to_string(imported.seconds) + " s");
  print_figure("limits: LUBM(1) group-by over all statements",
               "peak RSS " + std::to_string(query.max_rss_kib >> 10) + " MiB");
}

}  // namespace
}  // namespace wsiskg::reliability
