#pragma once
// The term dictionary: id2term (big-endian id -> encoding) and term2id (XXH3-128 of the
// encoding -> id). Reads go straight to LMDB; a write transaction keeps a WriteDictionary that
// caches every term it interned and buffers new ones. The buffer is written (id2term in id
// order with MDB_APPEND, term2id in hash order) at commit, or when the cache reaches its limit
// (then the cache is dropped too, bounding memory: kCacheTerms terms, or the number in the
// environment variable WSISKG_TERM_CACHE_LIMIT, which tests use to force flushes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "environment.hpp"
#include "term_codec.hpp"
#include "wsiskg/rdf/term.hpp"

namespace wsiskg::store {

// Dictionary lookups against what LMDB holds.
std::optional<TermId> lookup_term(MDB_txn* txn, const Dbis& dbis, std::string_view encoded,
                                  const codec::Hash& hash);
std::optional<std::string_view> lookup_encoding(MDB_txn* txn, const Dbis& dbis, TermId id);
// Decodes any id (inline or dictionary); `pending` may supply encodings not yet in LMDB.
rdf::Term decode_term(MDB_txn* txn, const Dbis& dbis, TermId id,
                      std::optional<std::string_view> pending = std::nullopt);

// Open-addressing map from encodings (kept in an arena) to ids.
class TermCache {
 public:
  std::optional<TermId> find(std::uint64_t hash, std::string_view encoded) const;
  // Adds an entry; returns the arena offset of the stored encoding.
  std::size_t insert(std::uint64_t hash, std::string_view encoded, TermId id);
  std::string_view bytes(std::size_t offset, std::size_t length) const {
    return std::string_view(arena_).substr(offset, length);
  }
  std::size_t size() const { return size_; }
  std::size_t arena_bytes() const { return arena_.size(); }
  void clear();

 private:
  struct Slot {
    std::uint64_t hash = 0;  // 0 = empty
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    TermId id = 0;
  };
  void grow();
  std::vector<Slot> slots_;
  std::string arena_;
  std::size_t size_ = 0;
};

class WriteDictionary {
 public:
  WriteDictionary(MDB_txn* txn, const Dbis& dbis);

  TermId intern(const rdf::TermRef& term);
  std::optional<TermId> find(const rdf::TermRef& term);
  // The encoding of a term added in this transaction but not yet flushed.
  std::optional<std::string_view> pending_encoding(TermId id) const;
  std::uint64_t pending_count() const { return pending_.size(); }
  std::uint64_t next_sequence() const { return next_sequence_; }
  // Writes buffered terms and the sequence counter to LMDB.
  void flush();

 private:
  struct Pending {
    std::size_t offset;
    std::size_t length;
    codec::Hash hash;
    TermId id;
  };
  static constexpr std::size_t kCacheTerms = 2 << 20;
  static constexpr std::size_t kCacheBytes = std::size_t{256} << 20;

  MDB_txn* txn_;
  const Dbis& dbis_;
  std::uint64_t next_sequence_ = 1;
  std::uint64_t pending_base_ = 1;  // sequence of pending_[0]
  std::vector<Pending> pending_;
  TermCache cache_;
  std::size_t cache_limit_ = kCacheTerms;
  // False while LMDB holds no term the cache lacks (a fresh store): misses are then new terms
  // without a term2id lookup.
  bool lmdb_may_know_ = true;
  std::string scratch_;
};

}  // namespace wsiskg::store
