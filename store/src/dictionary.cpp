#include "dictionary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "meta.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {
namespace {

std::uint64_t cache_hash(const codec::Hash& hash) {
  std::uint64_t h = lmdb::load_be64(hash.data() + 8);
  return h == 0 ? 1 : h;
}

[[noreturn]] void collision(std::string_view encoded) {
  throw Error(ErrorKind::Io, fmt::format("XXH3-128 collision in the store dictionary for a term "
                                         "of {} bytes; the store cannot hold both terms",
                                         encoded.size()));
}

}  // namespace

std::optional<TermId> lookup_term(MDB_txn* txn, const Dbis& dbis, std::string_view encoded,
                                  const codec::Hash& hash) {
  MDB_val value;
  if (!lmdb::get(txn, dbis.term2id, lmdb::val(hash.data(), hash.size()), value)) {
    return std::nullopt;
  }
  if (value.mv_size != 8) throw Error(ErrorKind::Io, "corrupt term2id entry in the store");
  TermId id = lmdb::load_be64(value.mv_data);
  auto stored = lookup_encoding(txn, dbis, id);
  if (!stored) throw Error(ErrorKind::Io, fmt::format("dangling term2id entry {:#x}", id));
  if (*stored != encoded) collision(encoded);
  return id;
}

std::optional<std::string_view> lookup_encoding(MDB_txn* txn, const Dbis& dbis, TermId id) {
  unsigned char key[8];
  lmdb::store_be64(key, id);
  MDB_val value;
  if (!lmdb::get(txn, dbis.id2term, lmdb::val(key, 8), value)) return std::nullopt;
  return lmdb::view(value);
}

rdf::Term decode_term(MDB_txn* txn, const Dbis& dbis, TermId id,
                      std::optional<std::string_view> pending) {
  switch (kind_of(id)) {
    case TermIdKind::InlineInteger:
    case TermIdKind::InlineBoolean:
      return codec::decode_inline(id);
    case TermIdKind::Iri:
    case TermIdKind::BlankNode:
    case TermIdKind::SimpleLiteral:
    case TermIdKind::LangLiteral:
    case TermIdKind::TypedLiteral:
      break;
    default:
      throw Error(ErrorKind::Usage, fmt::format("term id {:#x} does not denote a term", id));
  }
  if (!pending) pending = lookup_encoding(txn, dbis, id);
  if (!pending) {
    throw Error(ErrorKind::Io, fmt::format("term id {:#x} is not in the store dictionary", id));
  }
  return codec::decode(id, *pending);
}

// --- TermCache ---------------------------------------------------------------------------

std::optional<TermId> TermCache::find(std::uint64_t hash, std::string_view encoded) const {
  if (slots_.empty()) return std::nullopt;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.hash == 0) return std::nullopt;
    if (slot.hash == hash && slot.length == encoded.size() &&
        std::memcmp(arena_.data() + slot.offset, encoded.data(), encoded.size()) == 0) {
      return slot.id;
    }
  }
}

std::size_t TermCache::insert(std::uint64_t hash, std::string_view encoded, TermId id) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  std::size_t offset = arena_.size();
  arena_.append(encoded);
  std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].hash != 0) i = (i + 1) & mask;
  slots_[i] = Slot{hash, offset, encoded.size(), id};
  ++size_;
  return offset;
}

void TermCache::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
  std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.hash == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void TermCache::clear() {
  slots_ = {};
  arena_ = {};
  size_ = 0;
}

// --- WriteDictionary ---------------------------------------------------------------------

WriteDictionary::WriteDictionary(MDB_txn* txn, const Dbis& dbis) : txn_(txn), dbis_(dbis) {
  MDB_val value;
  if (!lmdb::get(txn, dbis.meta, lmdb::val(meta::kNextSequence), value) || value.mv_size != 8) {
    throw Error(ErrorKind::Io, "the store has no term sequence counter");
  }
  std::memcpy(&next_sequence_, value.mv_data, 8);
  pending_base_ = next_sequence_;
  lmdb_may_know_ = lmdb::entries(txn, dbis.term2id) > 0;
  if (const char* limit = std::getenv("WSISKG_TERM_CACHE_LIMIT"); limit != nullptr) {
    cache_limit_ = std::max<std::size_t>(16, std::strtoull(limit, nullptr, 10));
  }
}

TermId WriteDictionary::intern(const rdf::TermRef& term) {
  if (auto id = codec::inline_id(term)) return *id;
  TermIdKind kind = codec::encode(term, scratch_);
  auto hash = codec::hash(scratch_);
  auto short_hash = cache_hash(hash);
  if (auto id = cache_.find(short_hash, scratch_)) return *id;
  if (lmdb_may_know_) {
    if (auto id = lookup_term(txn_, dbis_, scratch_, hash)) {
      cache_.insert(short_hash, scratch_, *id);
      return *id;
    }
  }
  if (next_sequence_ >= (std::uint64_t{1} << 60)) {
    throw Error(ErrorKind::Io, "the store's term id space is exhausted");
  }
  TermId id = make_term_id(kind, next_sequence_++);
  std::size_t offset = cache_.insert(short_hash, scratch_, id);
  pending_.push_back(Pending{offset, scratch_.size(), hash, id});
  if (cache_.size() >= cache_limit_ || cache_.arena_bytes() >= kCacheBytes) {
    // Bounded memory: write the buffer out and start an empty cache; lookups of older terms
    // go to LMDB from now on.
    flush();
    cache_.clear();
    lmdb_may_know_ = true;
  }
  return id;
}

std::optional<TermId> WriteDictionary::find(const rdf::TermRef& term) {
  if (auto id = codec::inline_id(term)) return id;
  codec::encode(term, scratch_);
  auto hash = codec::hash(scratch_);
  if (auto id = cache_.find(cache_hash(hash), scratch_)) return id;
  if (!lmdb_may_know_) return std::nullopt;
  return lookup_term(txn_, dbis_, scratch_, hash);
}

std::optional<std::string_view> WriteDictionary::pending_encoding(TermId id) const {
  auto sequence = payload_of(id);
  if (sequence < pending_base_ || sequence - pending_base_ >= pending_.size()) return std::nullopt;
  const Pending& entry = pending_[sequence - pending_base_];
  if (entry.id != id) return std::nullopt;  // same sequence, other kind: not a real id
  return cache_.bytes(entry.offset, entry.length);
}

void WriteDictionary::flush() {
  if (!pending_.empty()) {
    // id2term: ids grow with the sequence, so every new id sorts after all stored ones.
    lmdb::Cursor ids(txn_, dbis_.id2term);
    for (const Pending& entry : pending_) {
      unsigned char key[8];
      lmdb::store_be64(key, entry.id);
      MDB_val k = lmdb::val(key, 8);
      MDB_val v = lmdb::val(cache_.bytes(entry.offset, entry.length));
      if (!ids.put(k, v, MDB_APPEND)) {
        throw Error(ErrorKind::Io, fmt::format("term id {:#x} is already in the dictionary; "
                                               "the sequence counter is corrupt",
                                               entry.id));
      }
    }
    ids.close();

    // term2id in hash order: appends when the table is empty, else ordered puts. The sort keys
    // are the hash as two numbers, so the sort does no indirection or memcmp.
    struct Order {
      std::uint64_t high, low;
      std::uint32_t index;
    };
    std::vector<Order> order(pending_.size());
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      order[i] = {lmdb::load_be64(pending_[i].hash.data()),
                  lmdb::load_be64(pending_[i].hash.data() + 8), static_cast<std::uint32_t>(i)};
    }
    std::sort(order.begin(), order.end(), [](const Order& a, const Order& b) {
      return a.high != b.high ? a.high < b.high : a.low < b.low;
    });
    lmdb::Cursor hashes(txn_, dbis_.term2id);
    MDB_val last_key, last_value;
    bool has_last = hashes.get(last_key, last_value, MDB_LAST);
    Order last{};
    if (has_last && last_key.mv_size == 16) {
      last.high = lmdb::load_be64(last_key.mv_data);
      last.low = lmdb::load_be64(static_cast<const char*>(last_key.mv_data) + 8);
    }
    for (const Order& o : order) {
      const Pending& entry = pending_[o.index];
      unsigned char value[8];
      lmdb::store_be64(value, entry.id);
      MDB_val k = lmdb::val(entry.hash.data(), entry.hash.size());
      MDB_val v = lmdb::val(value, 8);
      bool append = !has_last || o.high > last.high || (o.high == last.high && o.low > last.low);
      if (!hashes.put(k, v, append ? MDB_APPEND : MDB_NOOVERWRITE)) {
        collision(cache_.bytes(entry.offset, entry.length));
      }
      if (append) {
        last = o;
        has_last = true;
      }
    }
  }
  MDB_val key = lmdb::val(meta::kNextSequence);
  MDB_val value = lmdb::val(&next_sequence_, 8);
  lmdb::check(mdb_put(txn_, dbis_.meta, &key, &value, 0), "put");
  pending_.clear();
  pending_base_ = next_sequence_;
}

}  // namespace wsiskg::store
