#include "environment.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <utility>

#include "meta.hpp"
#include "writer_lock.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kDefaultMapSize = std::size_t{1} << 40;  // 1 TiB of address space

std::size_t configured_map_size() {
  if (const char* text = std::getenv("WSISKG_MAP_SIZE"); text != nullptr && *text != '\0') {
    char* end = nullptr;
    unsigned long long value = std::strtoull(text, &end, 10);
    if (end != nullptr && *end == '\0' && value >= (std::size_t{1} << 20)) return value;
    throw Error(
        ErrorKind::Usage,
        fmt::format("WSISKG_MAP_SIZE must be a byte count of at least 1 MiB, not '{}'", text));
  }
  return kDefaultMapSize;
}

// Process-wide registry: one environment per store directory (by device and inode).
std::mutex registry_mutex;
std::map<std::pair<dev_t, ino_t>, std::weak_ptr<Environment>> registry;

lmdb::Env create_env(const fs::path& directory, unsigned flags, int& rc) {
  MDB_env* raw = nullptr;
  lmdb::check(mdb_env_create(&raw), "env create");
  lmdb::Env env(raw);
  lmdb::check(mdb_env_set_maxdbs(raw, 16), "set maxdbs");
  lmdb::check(mdb_env_set_maxreaders(raw, 254), "set maxreaders");
  lmdb::check(mdb_env_set_mapsize(raw, configured_map_size()), "set mapsize");
  rc = mdb_env_open(raw, directory.c_str(), flags, 0664);
  return env;
}

struct DbSpec {
  const char* name;
  unsigned flags;
  MDB_dbi* handle;
};

std::uint32_t read_u32(const MDB_val& v) {
  std::uint32_t value = 0;
  std::memcpy(&value, v.mv_data, std::min<std::size_t>(v.mv_size, 4));
  return value;
}

}  // namespace

std::shared_ptr<Environment> Environment::open(const fs::path& directory,
                                               const OpenOptions& options) {
  std::error_code ec;
  auto status = fs::status(directory, ec);
  if (!fs::exists(status)) {
    if (options.read_only || !options.create_if_missing) {
      throw Error(ErrorKind::MissingInput,
                  fmt::format("store directory {} does not exist", directory.string()));
    }
    fs::create_directories(directory, ec);
    if (ec) {
      throw Error(ErrorKind::Io, fmt::format("cannot create the store directory {}: {}",
                                             directory.string(), ec.message()));
    }
  } else if (!fs::is_directory(status)) {
    throw Error(ErrorKind::Io,
                fmt::format("{} is not a directory, so it cannot be a store", directory.string()));
  }
  bool has_data = fs::exists(directory / "data.mdb", ec);
  if (!has_data) {
    bool empty = fs::is_empty(directory, ec);
    if (!empty || options.read_only) {
      throw Error(ErrorKind::Io, fmt::format("{} is not a wsiskg store (it holds no data.mdb{})",
                                             directory.string(), empty ? "" : " and is not empty"));
    }
    if (!options.create_if_missing) {
      throw Error(ErrorKind::MissingInput, fmt::format("no store in {}", directory.string()));
    }
  }

  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) {
    throw Error(ErrorKind::Io,
                fmt::format("cannot stat {}: {}", directory.string(), std::strerror(errno)));
  }
  std::lock_guard guard(registry_mutex);
  auto key = std::make_pair(info.st_dev, info.st_ino);
  if (auto it = registry.find(key); it != registry.end()) {
    // An environment inherited through fork() belongs to the parent; never share it.
    if (auto existing = it->second.lock(); existing && existing->pid_ == ::getpid()) {
      if (existing->read_only_ && !options.read_only) {
        throw Error(ErrorKind::Io,
                    fmt::format("the store {} is already open read-only in this process",
                                directory.string()));
      }
      return existing;
    }
  }
  std::erase_if(registry, [](const auto& entry) { return entry.second.expired(); });

  std::shared_ptr<Environment> env(new Environment());
  env->directory_ = directory;
  env->read_only_ = options.read_only;
  env->pid_ = ::getpid();
  unsigned flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0);
  int rc = 0;
  env->env_ = create_env(directory, flags, rc);
  if (options.read_only && (rc == EACCES || rc == EROFS)) {
    // A read-only directory or file system: LMDB cannot open lock.mdb for writing. Read without
    // the reader table; safe as long as nobody writes meanwhile (they could not, here).
    env->env_ = create_env(directory, flags | MDB_NOLOCK, rc);
  }
  if (rc != MDB_SUCCESS) {
    env->env_ = lmdb::Env();
    throw Error(ErrorKind::Io,
                fmt::format("cannot open the store {}: {}", directory.string(), mdb_strerror(rc)));
  }
  env->open_databases(options);
  registry[key] = env;
  return env;
}

void Environment::open_databases(const OpenOptions& options) {
  const std::array<DbSpec, 5> plain{{{"meta", 0, &dbis_.meta},
                                     {"id2term", 0, &dbis_.id2term},
                                     {"term2id", 0, &dbis_.term2id},
                                     {"prefixes", 0, &dbis_.prefixes},
                                     {"predstats", 0, &dbis_.predstats}}};
  auto open_all = [&](MDB_txn* txn, unsigned extra) -> int {
    for (const auto& spec : plain) {
      if (int rc = mdb_dbi_open(txn, spec.name, spec.flags | extra, spec.handle); rc != 0) {
        return rc;
      }
    }
    for (const auto& index : all_layouts()) {
      int rc = mdb_dbi_open(txn, index.name, MDB_DUPSORT | MDB_DUPFIXED | extra,
                            &dbis_.index[static_cast<std::size_t>(index.id)]);
      if (rc != 0) return rc;
    }
    return 0;
  };
  auto check_version = [&](MDB_txn* txn) -> bool {
    MDB_val value;
    if (!lmdb::get(txn, dbis_.meta, lmdb::val(meta::kFormatVersion), value)) return false;
    auto version = read_u32(value);
    if (version != kFormatVersion) {
      throw Error(ErrorKind::Io,
                  fmt::format("store {} has format version {}; this wsiskg reads version {}",
                              directory_.string(), version, kFormatVersion));
    }
    return true;
  };
  auto not_a_store = [&] {
    return Error(ErrorKind::Io,
                 fmt::format("{} is not a wsiskg store (its LMDB environment has no wsiskg "
                             "metadata)",
                             directory_.string()));
  };

  // An existing store needs no write transaction (which could wait on another writer).
  {
    MDB_txn* txn = nullptr;
    lmdb::check(mdb_txn_begin(env(), nullptr, MDB_RDONLY, &txn), "read transaction begin");
    int rc = open_all(txn, 0);
    if (rc == MDB_SUCCESS) {
      bool versioned = false;
      try {
        versioned = check_version(txn);
      } catch (...) {
        mdb_txn_abort(txn);
        throw;
      }
      if (versioned) {
        lmdb::check(mdb_txn_commit(txn), "read transaction commit");  // keeps the dbi handles
        return;
      }
      rc = MDB_NOTFOUND;
    }
    mdb_txn_abort(txn);
    if (rc != MDB_NOTFOUND && rc != MDB_INCOMPATIBLE) lmdb::check(rc, "database open");
    if (rc == MDB_INCOMPATIBLE || read_only_) throw not_a_store();
  }

  // A fresh store: create the databases and stamp the format version.
  auto lock = WriterLock::acquire(directory_, options.writer_wait);
  MDB_txn* txn = nullptr;
  lmdb::check(mdb_txn_begin(env(), nullptr, 0, &txn), "write transaction begin");
  try {
    MDB_dbi main_dbi;
    lmdb::check(mdb_dbi_open(txn, nullptr, 0, &main_dbi), "main database open");
    bool fresh = lmdb::entries(txn, main_dbi) == 0;
    lmdb::check(open_all(txn, MDB_CREATE), "database create");
    if (!check_version(txn)) {
      if (!fresh) throw not_a_store();
      std::uint32_t version = kFormatVersion;
      std::uint64_t next_sequence = 1;
      MDB_val key = lmdb::val(meta::kFormatVersion), value = lmdb::val(&version, 4);
      lmdb::check(mdb_put(txn, dbis_.meta, &key, &value, 0), "put");
      key = lmdb::val(meta::kNextSequence);
      value = lmdb::val(&next_sequence, 8);
      lmdb::check(mdb_put(txn, dbis_.meta, &key, &value, 0), "put");
    }
  } catch (...) {
    mdb_txn_abort(txn);
    throw;
  }
  lmdb::check(mdb_txn_commit(txn), "write transaction commit");
}

void Environment::maybe_grow_map() {
  MDB_envinfo info;
  MDB_stat stat;
  lmdb::check(mdb_env_info(env(), &info), "env info");
  lmdb::check(mdb_env_stat(env(), &stat), "env stat");
  std::size_t used = (info.me_last_pgno + 1) * static_cast<std::size_t>(stat.ms_psize);
  if (used > info.me_mapsize / 2) {
    lmdb::check(mdb_env_set_mapsize(env(), info.me_mapsize * 2), "grow map");
  }
}

MDB_txn* Environment::begin(bool write) {
  std::lock_guard guard(mutex_);
  // mdb_env_set_mapsize is only allowed while this process has no transaction open.
  if (write && active_transactions_ == 0) maybe_grow_map();
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  if (rc == MDB_MAP_RESIZED && active_transactions_ == 0) {
    // Another process grew the map: adopt its size and retry.
    lmdb::check(mdb_env_set_mapsize(env(), 0), "adopt map size");
    rc = mdb_txn_begin(env(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  }
  lmdb::check(rc, write ? "write transaction begin" : "read transaction begin");
  ++active_transactions_;
  return txn;
}

void Environment::end(MDB_txn* txn, bool commit) {
  int rc = MDB_SUCCESS;
  if (commit) {
    rc = mdb_txn_commit(txn);
  } else {
    mdb_txn_abort(txn);
  }
  {
    std::lock_guard guard(mutex_);
    --active_transactions_;
  }
  lmdb::check(rc, "transaction commit");
}

}  // namespace wsiskg::store
