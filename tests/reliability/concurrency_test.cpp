// Concurrency: readers in other processes during imports see only committed states; a second
// writer waits (bounded, configurable) or fails clearly; a killed writer leaves no stale lock.

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "generated_data.hpp"

namespace wsiskg::reliability {
namespace {

using namespace std::chrono_literals;

// Per-predicate counts in one snapshot: a checksum of the whole state in one query.
const std::string kCountsQuery =
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p";

using Counts = std::map<std::string, std::uint64_t>;

// Parses the TSV answer of kCountsQuery ("?p\t?n" header, then one row per predicate).
Counts parse_counts(const std::string& tsv) {
  Counts counts;
  std::istringstream lines(tsv);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    counts[line.substr(0, tab)] = std::stoull(line.substr(tab + 1));
  }
  return counts;
}

Counts counts_of(const Wsiskg& store) {
  auto result = store.run({"query", "--format", "tsv", kCountsQuery});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return parse_counts(result.out);
}

TEST(Concurrency, ReadersDuringImportsSeeOnlyCommittedStates) {
  constexpr int kFiles = 5;
  constexpr int kReaders = 3;
  TempDirectory dir;
  Wsiskg store(dir.path() / "store");
  std::vector<fs::path> files;
  std::vector<std::uint64_t> sizes{30000, 60000, 40000, 80000, 50000};
  for (int i = 0; i < kFiles; ++i) {
    files.push_back(dir.path() / ("part" + std::to_string(i) + ".nt"));
    write_ntriples(files.back(), {.name = "part" + std::to_string(i),
                                  .count = sizes[static_cast<std::size_t>(i)],
                                  .seed = static_cast<std::uint64_t>(100 + i),
                                  .own_predicate_every = 7});
  }
  auto first = store.run({"import", "-q", files[0].string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // The committed states, computed on a copy imported one file at a time beforehand.
  std::vector<Counts> committed;
  {
    Wsiskg reference(dir.path() / "reference");
    for (const auto& file : files) {
      auto r = reference.run({"import", "-q", file.string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      committed.push_back(counts_of(reference));
    }
  }

  std::atomic<bool> writing{true};
  std::atomic<int> queries{0}, failures{0}, inconsistent{0};
  std::vector<std::set<std::size_t>> seen(kReaders);
  std::vector<std::string> problems(kReaders);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      // At least one query after the writer is done, so the final state is read too.
      bool last = false;
      while (!last) {
        last = !writing.load();
        auto result = store.run({"query", "--format", "tsv", kCountsQuery});
        ++queries;
        if (result.exit_code != 0) {
          ++failures;
          problems[static_cast<std::size_t>(r)] = result.err;
          continue;
        }
        Counts counts = parse_counts(result.out);
        auto match = std::find(committed.begin(), committed.end(), counts);
        if (match == committed.end()) {
          ++inconsistent;
          problems[static_cast<std::size_t>(r)] = result.out;
        } else {
          seen[static_cast<std::size_t>(r)].insert(
              static_cast<std::size_t>(match - committed.begin()));
        }
      }
    });
  }
  int imports = 0;
  for (int i = 1; i < kFiles; ++i) {
    auto r = store.run({"import", "-q", files[static_cast<std::size_t>(i)].string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    imports += r.exit_code == 0;
  }
  writing = false;
  for (auto& t : readers) t.join();

  std::set<std::size_t> all_seen;
  for (const auto& s : seen) all_seen.insert(s.begin(), s.end());
  EXPECT_EQ(failures.load(), 0) << problems[0] << problems[1] << problems[2];
  EXPECT_EQ(inconsistent.load(), 0) << problems[0] << problems[1] << problems[2];
  EXPECT_TRUE(all_seen.contains(kFiles - 1)) << "no reader saw the final state";
  EXPECT_GE(all_seen.size(), 2u) << "readers never overlapped a commit";
  EXPECT_EQ(counts_of(store), committed.back());
  print_figure("concurrency: readers during writer",
               std::to_string(kReaders) + " reader processes, " + std::to_string(queries.load()) +
                   " queries during " + std::to_string(imports) + " committed imports; " +
                   std::to_string(all_seen.size()) + " of " + std::to_string(kFiles) +
                   " committed states observed; " + std::to_string(failures.load()) + " failed, " +
                   std::to_string(inconsistent.load()) + " inconsistent");
}

// Starts an import of `file` and returns once it holds the writer lock (its pid is recorded).
std::unique_ptr<ChildProcess> start_writer(const Wsiskg& store, const fs::path& file) {
  auto child = std::make_unique<ChildProcess>(store.argv({"import", "-q", file.string()}));
  auto pid = std::to_string(child->pid());
  while (!child->finished() && read_file(store.store() / "writer.lock").rfind(pid, 0) != 0) {
    std::this_thread::sleep_for(1ms);
  }
  return child;
}

struct TwoWriterFiles {
  TempDirectory dir;
  fs::path big, small;
  TwoWriterFiles() : big(dir.path() / "big.nt"), small(dir.path() / "small.nt") {
    write_ntriples(big, {.name = "big", .count = 300000, .seed = 3});
    write_ntriples(small, {.name = "small", .count = 1000, .seed = 4});
  }
};

TEST(Concurrency, SecondWriterFailsClearlyAfterItsBoundedWait) {
  TwoWriterFiles files;
  Wsiskg store(files.dir.path() / "store");
  ASSERT_EQ(store.run({"import", "-q", files.small.string()}).exit_code, 0);
  std::string before = store.export_all();

  auto first = start_writer(store, files.big);
  ASSERT_FALSE(first->finished()) << "the first import ended before the second started";
  auto second = store.run({"--lock-timeout", "0.2", "import", "-q", files.small.string()});
  bool first_still_running = !first->finished();
  EXPECT_EQ(second.exit_code, 74) << second.err;
  EXPECT_NE(second.err.find("another process (pid " + std::to_string(first->pid()) +
                            ") is writing to the store"),
            std::string::npos)
      << second.err;
  EXPECT_NE(second.err.find("waited 0."), std::string::npos) << second.err;
  EXPECT_TRUE(first_still_running);

  // The same wait set through the environment.
  SpawnOptions env_wait;
  env_wait.env["WSISKG_LOCK_TIMEOUT"] = "0.1";
  auto third = store.run({"import", "-q", files.small.string()}, env_wait);
  if (!first->finished()) {
    EXPECT_EQ(third.exit_code, 74) << third.err;
    EXPECT_NE(third.err.find("waited 0.1"), std::string::npos) << third.err;
  }

  auto first_result = first->wait();
  EXPECT_EQ(first_result.exit_code, 0) << first_result.err;
  // Neither failed writer changed anything; the store holds both files exactly once.
  auto stats = store.run({"stats"});
  EXPECT_NE(stats.out.find("statements     301,000"), std::string::npos) << stats.out;
  print_figure("concurrency: second writer with --lock-timeout 0.2 / WSISKG_LOCK_TIMEOUT=0.1",
               "fails after its wait, exit 74, names the holder's pid; store intact");
}

TEST(Concurrency, SecondWriterWaitsAndSucceedsAfterTheFirst) {
  TwoWriterFiles files;
  Wsiskg store(files.dir.path() / "store");
  auto first = start_writer(store, files.big);
  ASSERT_FALSE(first->finished());
  // Watch both: when did the first end, and how long did the second wait for the lock (its
  // run time minus the import time it reports, which starts once it holds the lock)?
  ChildProcess second_child(store.argv({"--lock-timeout", "120", "import", files.small.string()}));
  double first_end = -1;
  while (!second_child.finished()) {
    if (first_end < 0 && first->finished()) first_end = second_child.elapsed_seconds();
    std::this_thread::sleep_for(1ms);
  }
  auto second = second_child.wait();
  auto first_result = first->wait();
  EXPECT_EQ(first_result.exit_code, 0) << first_result.err;
  EXPECT_GE(first_end, 0) << "the second writer finished before the first";
  auto in = second.err.rfind(" in ");
  ASSERT_NE(in, std::string::npos) << second.err;
  double import_seconds = std::stod(second.err.substr(in + 4));
  double waited = second.seconds - import_seconds;
  EXPECT_GE(waited, 0.5 * first_end) << "the second writer did not wait for the first";
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("imported 1,000 statements: 1,000 added"), std::string::npos)
      << second.err;
  auto stats = store.run({"stats"});
  EXPECT_NE(stats.out.find("statements     301,000"), std::string::npos) << stats.out;
  // Both writers' data, each exactly once: the export has one line per statement.
  std::string exported = store.export_all();
  EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n'), 301000);
  print_figure("concurrency: two writers at once",
               "second waited " + std::to_string(waited) +
                   " s for the lock, then committed; 301,000 = 300,000 + 1,000");
}

TEST(Concurrency, KilledWriterLeavesNoStaleLock) {
  TwoWriterFiles files;
  Wsiskg store(files.dir.path() / "store");
  ASSERT_EQ(store.run({"import", "-q", files.small.string()}).exit_code, 0);
  std::string before = store.export_all();
  int restarts = 0;
  for (int round = 0; round < 3; ++round) {
    auto writer = start_writer(store, files.big);
    ASSERT_FALSE(writer->finished());
    std::this_thread::sleep_for(std::chrono::milliseconds(50 * round));
    writer->send(SIGKILL);
    auto killed = writer->wait();
    if (killed.signal != SIGKILL) continue;
    // writer.lock still names the dead pid, and LMDB's lock file has its mutex: neither blocks.
    auto next = store.run({"--lock-timeout", "1", "import", "-q", files.small.string()});
    EXPECT_EQ(next.exit_code, 0) << next.err;
    EXPECT_LT(next.seconds, 5.0);
    EXPECT_EQ(store.export_all(), before);
    ++restarts;
  }
  EXPECT_GT(restarts, 0);
  // And a full import after the kills.
  auto full = store.run({"--lock-timeout", "1", "import", "-q", files.big.string()});
  EXPECT_EQ(full.exit_code, 0) << full.err;
  print_figure("concurrency: writer SIGKILLed holding the lock",
               std::to_string(restarts) + " restarts, next writer took the lock at once");
}

}  // namespace
}  // namespace wsiskg::reliability
