#pragma once
// Thin RAII wrappers and helpers around the LMDB C API. Every LMDB failure becomes a
// wsiskg::Error(Io) naming the operation.

#include <lmdb.h>

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

namespace wsiskg::store::lmdb {

[[noreturn]] void throw_error(int rc, std::string_view operation);

inline void check(int rc, std::string_view operation) {
  if (rc != MDB_SUCCESS) throw_error(rc, operation);
}

inline MDB_val val(const void* data, std::size_t size) {
  return MDB_val{size, const_cast<void*>(data)};
}
inline MDB_val val(std::string_view bytes) {
  return val(bytes.data(), bytes.size());
}
inline std::string_view view(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// Ids are stored big-endian so memcmp order (LMDB's default) equals numeric order.
inline void store_be64(unsigned char* out, std::uint64_t value) {
  value = __builtin_bswap64(value);
  std::memcpy(out, &value, 8);
}
inline std::uint64_t load_be64(const void* in) {
  std::uint64_t value;
  std::memcpy(&value, in, 8);
  return __builtin_bswap64(value);
}

// An environment handle; closed on destruction.
class Env {
 public:
  Env() = default;
  explicit Env(MDB_env* env) : env_(env) {}
  Env(Env&& other) noexcept : env_(std::exchange(other.env_, nullptr)) {}
  Env& operator=(Env&& other) noexcept {
    std::swap(env_, other.env_);
    return *this;
  }
  ~Env() {
    if (env_ != nullptr) mdb_env_close(env_);
  }
  MDB_env* get() const { return env_; }

 private:
  MDB_env* env_ = nullptr;
};

// A cursor; closed on destruction. Must be destroyed before a write transaction ends (LMDB
// frees write-transaction cursors itself at commit/abort).
class Cursor {
 public:
  Cursor() = default;
  Cursor(MDB_txn* txn, MDB_dbi dbi) { check(mdb_cursor_open(txn, dbi, &cursor_), "cursor open"); }
  Cursor(Cursor&& other) noexcept : cursor_(std::exchange(other.cursor_, nullptr)) {}
  Cursor& operator=(Cursor&& other) noexcept {
    std::swap(cursor_, other.cursor_);
    return *this;
  }
  ~Cursor() { close(); }
  void close() {
    if (cursor_ != nullptr) mdb_cursor_close(std::exchange(cursor_, nullptr));
  }
  // Forget the cursor without closing it (its write transaction already freed it).
  void release() { cursor_ = nullptr; }
  MDB_cursor* get() const { return cursor_; }

  // mdb_cursor_get; false on MDB_NOTFOUND, throws on other errors.
  bool get(MDB_val& key, MDB_val& data, MDB_cursor_op op) {
    int rc = mdb_cursor_get(cursor_, &key, &data, op);
    if (rc == MDB_NOTFOUND) return false;
    check(rc, "cursor get");
    return true;
  }
  // mdb_cursor_put; false on MDB_KEYEXIST, throws on other errors.
  bool put(MDB_val& key, MDB_val& data, unsigned flags) {
    int rc = mdb_cursor_put(cursor_, &key, &data, flags);
    if (rc == MDB_KEYEXIST) return false;
    check(rc, "cursor put");
    return true;
  }

 private:
  MDB_cursor* cursor_ = nullptr;
};

// mdb_get; false on MDB_NOTFOUND.
inline bool get(MDB_txn* txn, MDB_dbi dbi, MDB_val key, MDB_val& data) {
  int rc = mdb_get(txn, dbi, &key, &data);
  if (rc == MDB_NOTFOUND) return false;
  check(rc, "get");
  return true;
}

inline std::uint64_t entries(MDB_txn* txn, MDB_dbi dbi) {
  MDB_stat stat;
  check(mdb_stat(txn, dbi, &stat), "stat");
  return stat.ms_entries;
}

}  // namespace wsiskg::store::lmdb
