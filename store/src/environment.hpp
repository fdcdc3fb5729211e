#pragma once
// The LMDB environment of one store directory, shared by every Store opened on it in this
// process (LMDB forbids opening one environment twice in a process: its POSIX record locks would
// collide), with the database handles and transaction bookkeeping for map growth.

#include <sys/types.h>

#include <array>
#include <filesystem>
#include <memory>
#include <mutex>

#include "index_layout.hpp"
#include "lmdb.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::store {

struct Dbis {
  MDB_dbi meta = 0;
  MDB_dbi id2term = 0;
  MDB_dbi term2id = 0;
  MDB_dbi prefixes = 0;
  MDB_dbi predstats = 0;
  std::array<MDB_dbi, kIndexCount> index{};
  MDB_dbi operator[](IndexId id) const { return index[static_cast<std::size_t>(id)]; }
};

class Environment {
 public:
  // Opens or returns the process's environment for `directory` (see Store::open for checks).
  static std::shared_ptr<Environment> open(const std::filesystem::path& directory,
                                           const OpenOptions& options);
  ~Environment() = default;
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  MDB_env* env() const { return env_.get(); }
  const Dbis& dbis() const { return dbis_; }
  const std::filesystem::path& directory() const { return directory_; }
  bool read_only() const { return read_only_; }

  // Begins a transaction, growing the map first for writers when it is over half full and
  // adopting a map grown by another process. Pair every begin() with end().
  MDB_txn* begin(bool write);
  // Commits (throws on failure) or aborts `txn`.
  void end(MDB_txn* txn, bool commit);

 private:
  Environment() = default;
  void open_databases(const OpenOptions& options);
  void maybe_grow_map();

  lmdb::Env env_;
  Dbis dbis_;
  std::filesystem::path directory_;
  bool read_only_ = false;
  pid_t pid_ = 0;  // the process that opened it
  std::mutex mutex_;
  int active_transactions_ = 0;
};

// What a Store object holds: the shared environment plus this Store's own options.
struct StoreHandle {
  std::shared_ptr<Environment> env;
  std::filesystem::path directory;  // as this Store was opened
  OpenOptions options;
};

}  // namespace wsiskg::store
