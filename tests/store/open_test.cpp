// Opening stores: creation, errors for non-stores and other format versions, read-only mode,
// and the bounded wait for the single writer (in this process and across processes).
#include <gtest/gtest.h>
#include <lmdb.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "meta.hpp"
#include "temp_store.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::store {
namespace {

using rdf::Term;
using testing::iri;
using testing::TempDir;
namespace fs = std::filesystem;

template <typename F>
Error catch_error(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no wsiskg::Error thrown";
  return Error(ErrorKind::Usage, "none");
}

void add_one_quad(Store& store) {
  auto txn = store.begin_write();
  TermId s = txn.intern(iri("s"));
  txn.insert({s, s, s, kDefaultGraph});
  txn.commit();
}

TEST(Open, CreatesMissingDirectory) {
  TempDir dir;
  auto path = dir.path() / "a" / "b";
  auto store = Store::open(path);
  EXPECT_TRUE(fs::exists(path / "data.mdb"));
  EXPECT_EQ(store.directory(), path);
  EXPECT_FALSE(store.read_only());
  auto read = store.begin_read();
  EXPECT_EQ(read.statistics().quads, 0u);
  EXPECT_GT(read.statistics().map_bytes, 0u);
}

TEST(Open, EmptyExistingDirectoryBecomesAStore) {
  TempDir dir;
  fs::create_directory(dir.store());
  auto store = Store::open(dir.store());
  add_one_quad(store);
  EXPECT_EQ(store.begin_read().statistics().quads, 1u);
}

TEST(Open, MissingDirectoryWithoutCreate) {
  TempDir dir;
  auto e = catch_error([&] { Store::open(dir.store(), {.read_only = true}); });
  EXPECT_EQ(e.kind(), ErrorKind::MissingInput);
  EXPECT_NE(e.message().find(dir.store().string()), std::string::npos) << e.message();
  e = catch_error([&] { Store::open(dir.store(), {.create_if_missing = false}); });
  EXPECT_EQ(e.kind(), ErrorKind::MissingInput);
  EXPECT_FALSE(fs::exists(dir.store()));
}

TEST(Open, NonEmptyDirectoryIsNotAStore) {
  TempDir dir;
  fs::create_directory(dir.store());
  std::ofstream(dir.store() / "notes.txt") << "hello";
  auto e = catch_error([&] { Store::open(dir.store()); });
  EXPECT_EQ(e.kind(), ErrorKind::Io);
  EXPECT_NE(e.message().find("not a wsiskg store"), std::string::npos) << e.message();
  EXPECT_FALSE(fs::exists(dir.store() / "data.mdb"));
  // A plain file is not a store either.
  e = catch_error([&] { Store::open(dir.store() / "notes.txt"); });
  EXPECT_EQ(e.kind(), ErrorKind::Io);
}

TEST(Open, ForeignLmdbEnvironmentIsNotAStore) {
  TempDir dir;
  fs::create_directory(dir.store());
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  ASSERT_EQ(mdb_env_open(env, dir.store().c_str(), 0, 0664), 0);
  MDB_txn* txn = nullptr;
  MDB_dbi dbi;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  ASSERT_EQ(mdb_dbi_open(txn, nullptr, 0, &dbi), 0);
  MDB_val key{3, const_cast<char*>("abc")}, value{1, const_cast<char*>("x")};
  ASSERT_EQ(mdb_put(txn, dbi, &key, &value, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
  auto e = catch_error([&] { Store::open(dir.store()); });
  EXPECT_EQ(e.kind(), ErrorKind::Io);
  EXPECT_NE(e.message().find("not a wsiskg store"), std::string::npos) << e.message();
}

TEST(Open, FormatVersionMismatch) {
  TempDir dir;
  { Store::open(dir.store()); }
  {  // Rewrite the stored version directly through LMDB.
    MDB_env* env = nullptr;
    ASSERT_EQ(mdb_env_create(&env), 0);
    ASSERT_EQ(mdb_env_set_maxdbs(env, 16), 0);
    ASSERT_EQ(mdb_env_open(env, dir.store().c_str(), 0, 0664), 0);
    MDB_txn* txn = nullptr;
    MDB_dbi dbi;
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
    std::uint32_t version = kFormatVersion + 6;
    MDB_val key{meta::kFormatVersion.size(), const_cast<char*>(meta::kFormatVersion.data())};
    MDB_val value{4, &version};
    ASSERT_EQ(mdb_put(txn, dbi, &key, &value, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  for (bool read_only : {false, true}) {
    auto e = catch_error([&] { Store::open(dir.store(), {.read_only = read_only}); });
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(e.message().find("has format version " + std::to_string(kFormatVersion + 6) +
                               "; this wsiskg reads version " + std::to_string(kFormatVersion)),
              std::string::npos)
        << e.message();
  }
}

TEST(Open, ReadOnlyMode) {
  TempDir dir;
  {
    auto store = Store::open(dir.store());
    add_one_quad(store);
  }
  auto store = Store::open(dir.store(), {.read_only = true});
  EXPECT_TRUE(store.read_only());
  EXPECT_EQ(store.begin_read().statistics().quads, 1u);
  EXPECT_EQ(store.begin_read().find(iri("s")).has_value(), true);
  auto e = catch_error([&] { store.begin_write(); });
  EXPECT_EQ(e.kind(), ErrorKind::Usage);
}

// Creates a store, makes its directory and files unwritable, and reads it back read-only (LMDB
// cannot open lock.mdb for writing there). Returns 0, or a failure code after printing why. Runs
// without gtest assertions so it can run in a child process.
int read_only_directory_scenario(const fs::path& path) {
  try {
    {
      auto store = Store::open(path);
      add_one_quad(store);
    }
    fs::permissions(path / "lock.mdb", fs::perms::owner_read);
    fs::permissions(path / "data.mdb", fs::perms::owner_read);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_exec);
    try {
      Store::open(path);
      std::fprintf(stderr, "read-write open of an unwritable store succeeded\n");
      return 3;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Io) return 4;
    }
    auto store = Store::open(path, {.read_only = true});
    auto quads = store.begin_read().statistics().quads;
    fs::permissions(path, fs::perms::owner_all);
    if (quads != 1) {
      std::fprintf(stderr, "read %llu quads, expected 1\n", static_cast<unsigned long long>(quads));
      return 5;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "read-only directory scenario failed: %s\n", e.what());
    return 2;
  }
}

TEST(Open, ReadOnlyDirectory) {
  TempDir dir;
  if (::geteuid() != 0) {
    EXPECT_EQ(read_only_directory_scenario(dir.store()), 0);
    return;
  }
  // Permissions do not bind root: run the scenario as "nobody" in a child process.
  constexpr uid_t kNobody = 65534;
  ASSERT_EQ(::chown(dir.path().c_str(), kNobody, kNobody), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) ::_exit(99);
    ::_exit(read_only_directory_scenario(dir.store()));
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 99) {
    GTEST_SKIP() << "running as root without permission to switch to uid 65534, so the "
                    "read-only-directory path cannot be exercised";
  }
  EXPECT_EQ(WEXITSTATUS(status), 0) << "see the child's message above";
}

TEST(Open, SameStoreTwiceInOneProcessShares) {
  TempDir dir;
  auto first = Store::open(dir.store());
  auto second = Store::open(dir.store());
  add_one_quad(first);
  EXPECT_EQ(second.begin_read().statistics().quads, 1u);
  auto reader = Store::open(dir.store(), {.read_only = true});
  EXPECT_EQ(reader.begin_read().statistics().quads, 1u);
}

// A small map (WSISKG_MAP_SIZE): a transaction that overflows it fails with a clear Io error and
// leaves the store intact; smaller transactions then grow the map as it fills.
TEST(Open, MapGrowsAndAFullMapIsAClearError) {
  TempDir dir;
  ::setenv("WSISKG_MAP_SIZE", "1048576", 1);
  auto store = Store::open(dir.store());
  ::unsetenv("WSISKG_MAP_SIZE");
  auto initial = store.begin_read().statistics().map_bytes;
  EXPECT_EQ(initial, 1048576u);
  auto make_batch = [](WriteTransaction& txn, int from, int count) {
    std::vector<IdQuad> batch;
    TermId p = txn.intern(iri("p"));
    for (int i = from; i < from + count; ++i) {
      batch.push_back(
          {txn.intern(iri("s" + std::to_string(i))), p, *inline_integer(i), kDefaultGraph});
    }
    return batch;
  };
  {
    auto txn = store.begin_write();
    auto e = catch_error([&] {
      auto batch = make_batch(txn, 0, 100000);
      txn.insert_batch(batch);
      txn.commit();
    });
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(e.message().find("WSISKG_MAP_SIZE"), std::string::npos) << e.message();
  }
  EXPECT_EQ(store.begin_read().statistics().quads, 0u);
  for (int round = 0; round < 8; ++round) {
    auto txn = store.begin_write();
    auto batch = make_batch(txn, round * 2000, 2000);
    EXPECT_EQ(txn.insert_batch(batch), 2000u);
    txn.commit();
  }
  auto stats = store.begin_read().statistics();
  EXPECT_EQ(stats.quads, 16000u);
  EXPECT_GT(stats.map_bytes, initial);
  EXPECT_LE(stats.used_bytes, stats.map_bytes);
}

TEST(WriterLock, SecondWriterInProcessTimesOut) {
  TempDir dir;
  auto first = Store::open(dir.store());
  auto second = Store::open(dir.store(), {.writer_wait = std::chrono::milliseconds(200)});
  auto txn = first.begin_write();
  auto start = std::chrono::steady_clock::now();
  auto e = catch_error([&] { second.begin_write(); });
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(e.kind(), ErrorKind::Io);
  EXPECT_NE(e.message().find("is writing to the store"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find(std::to_string(::getpid())), std::string::npos) << e.message();
  EXPECT_GE(waited, std::chrono::milliseconds(200));
  EXPECT_LT(waited, std::chrono::seconds(5));
  // Readers are never blocked by the writer.
  EXPECT_EQ(second.begin_read().statistics().quads, 0u);
  TermId s = txn.intern(iri("s"));
  txn.insert({s, s, s, kDefaultGraph});
  txn.commit();
  auto next = second.begin_write();  // free again
  EXPECT_TRUE(next.contains({s, s, s, kDefaultGraph}));
}

// A writer in another process: a second writer waits, then names it; once it is killed (no
// commit), its lock and LMDB's writer mutex are gone and its writes are not visible.
TEST(WriterLock, OtherProcessHoldsAndDies) {
  TempDir dir;
  { Store::open(dir.store()); }  // create, then close before forking
  int ready[2], hold[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(hold), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int status = 1;
    try {
      auto store = Store::open(dir.store());
      auto txn = store.begin_write();
      TermId s = txn.intern(iri("child"));
      txn.insert({s, s, s, kDefaultGraph});
      char c = 'r';
      if (::write(ready[1], &c, 1) == 1) {
        [[maybe_unused]] auto n = ::read(hold[0], &c, 1);  // until killed
      }
    } catch (...) {
    }
    ::_exit(status);
  }
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  {
    auto store = Store::open(dir.store(), {.writer_wait = std::chrono::milliseconds(300)});
    auto e = catch_error([&] { store.begin_write(); });
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(e.message().find("another process (pid " + std::to_string(child) + ")"),
              std::string::npos)
        << e.message();
    auto at = e.message().find("; waited ");
    ASSERT_NE(at, std::string::npos) << e.message();
    double waited = std::stod(e.message().substr(at + 9));
    EXPECT_GE(waited, 0.3) << e.message();
    EXPECT_LT(waited, 10.0) << e.message();
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    {
      auto txn = store.begin_write();  // neither lock is stale
      EXPECT_FALSE(txn.find(iri("child")).has_value());
    }
    add_one_quad(store);
    EXPECT_EQ(store.begin_read().statistics().quads, 1u);
  }
  for (int fd : {ready[0], ready[1], hold[0], hold[1]}) ::close(fd);
}

}  // namespace
}  // namespace wsiskg::store
