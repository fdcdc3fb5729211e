#include "quad_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {
namespace {

constexpr std::array<IndexId, 3> kDefaultIndexes{IndexId::Spo, IndexId::Pos, IndexId::Osp};
// gspo first so an unbound scan over named graphs comes grouped by graph.
constexpr std::array<IndexId, 4> kAnyNamedIndexes{IndexId::Gspo, IndexId::Spog, IndexId::Posg,
                                                  IndexId::Ospg};
constexpr std::array<IndexId, 3> kOneGraphIndexes{IndexId::Gspo, IndexId::Gpos, IndexId::Gosp};

ScanPlan make_plan(std::span<const IndexId> candidates, const IdQuad& bound_values,
                   const std::array<bool, 4>& bound) {
  std::size_t bound_count = std::count(bound.begin(), bound.end(), true);
  for (IndexId id : candidates) {
    const IndexLayout& index = layout(id);
    bool fits = true;
    for (std::size_t i = 0; i < bound_count; ++i) {
      if (!bound[static_cast<std::size_t>(index.order[i])]) fits = false;
    }
    if (!fits) continue;
    ScanPlan plan;
    plan.index = id;
    plan.bound = bound_count;
    if (bound_count > 0) plan.key = bound_values[index.order[0]];
    for (std::size_t i = 1; i < bound_count; ++i) {
      lmdb::store_be64(plan.prefix.data() + (i - 1) * 8, bound_values[index.order[i]]);
    }
    plan.prefix_bytes = bound_count > 1 ? (bound_count - 1) * 8 : 0;
    return plan;
  }
  throw Error(ErrorKind::Io, "no index answers the quad pattern");  // unreachable by design
}

}  // namespace

std::vector<ScanPlan> plan_scans(const QuadPattern& pattern) {
  IdQuad values{pattern.subject, pattern.predicate, pattern.object, pattern.graph};
  std::array<bool, 4> bound{pattern.subject != kAnyTerm, pattern.predicate != kAnyTerm,
                            pattern.object != kAnyTerm, false};
  std::vector<ScanPlan> plans;
  if (pattern.graph == kDefaultGraph || pattern.graph == kAnyTerm) {
    plans.push_back(make_plan(kDefaultIndexes, values, bound));
  }
  if (pattern.graph == kAnyNamedGraph || pattern.graph == kAnyTerm) {
    plans.push_back(make_plan(kAnyNamedIndexes, values, bound));
  }
  if (plans.empty()) {
    bound[3] = true;
    plans.push_back(make_plan(kOneGraphIndexes, values, bound));
  }
  return plans;
}

ScanOrder scan_order(const std::vector<ScanPlan>& plans) {
  ScanOrder order;
  order.components = layout(plans.front().index).order;
  order.sorted = plans.size() == 1;
  return order;
}

void check_quad(const IdQuad& quad) {
  auto term = [](TermId id) { return id != kAnyTerm && kind_of(id) != TermIdKind::Special; };
  if (!term(quad.subject) || !term(quad.predicate) || !term(quad.object) ||
      quad.graph == kAnyTerm || quad.graph == kAnyNamedGraph ||
      (kind_of(quad.graph) == TermIdKind::Special && quad.graph != kDefaultGraph)) {
    throw Error(ErrorKind::Usage,
                fmt::format("not a storable quad: ({:#x} {:#x} {:#x} {:#x})", quad.subject,
                            quad.predicate, quad.object, quad.graph));
  }
}

IndexScan::IndexScan(MDB_txn* txn, const Dbis& dbis, const ScanPlan& plan)
    : cursor_(txn, dbis[plan.index]),
      layout_(layout(plan.index)),
      plan_(plan),
      dup_size_(layout_.dup_size()) {}

bool IndexScan::matches(const unsigned char* item) const {
  return plan_.prefix_bytes == 0 || std::memcmp(item, plan_.prefix.data(), plan_.prefix_bytes) == 0;
}

// Moves to the first matching duplicate of the bound key (first) or of the next key.
bool IndexScan::position(bool first) {
  MDB_val key, data;
  unsigned char key_bytes[8];
  if (plan_.bound > 0) {
    if (!first) return false;
    lmdb::store_be64(key_bytes, plan_.key);
    key = lmdb::val(key_bytes, 8);
    if (plan_.prefix_bytes > 0) {
      // The zero padding sorts before every real id, so this lands on the first match.
      data = lmdb::val(plan_.prefix.data(), dup_size_);
      if (!cursor_.get(key, data, MDB_GET_BOTH_RANGE)) return false;
    } else if (!cursor_.get(key, data, MDB_SET_KEY)) {
      return false;
    }
  } else if (!cursor_.get(key, data, first ? MDB_FIRST : MDB_NEXT_NODUP)) {
    return false;
  }
  key_ = lmdb::load_be64(key.mv_data);
  load_block(data);
  return true;
}

void IndexScan::load_block(const MDB_val& current) {
  MDB_val key, page{0, nullptr};
  int rc = mdb_cursor_get(cursor_.get(), &key, &page, MDB_GET_MULTIPLE);
  if (rc == MDB_SUCCESS && page.mv_data != nullptr && page.mv_size >= dup_size_) {
    // The page holds the whole run of duplicates around `current`; start at `current`.
    block_ = static_cast<const unsigned char*>(page.mv_data);
    block_size_ = page.mv_size / dup_size_;
    std::size_t lo = 0, hi = block_size_;
    while (lo < hi) {
      std::size_t mid = (lo + hi) / 2;
      if (std::memcmp(block_ + mid * dup_size_, current.mv_data, dup_size_) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    index_ = lo;
    more_blocks_ = true;
  } else {
    if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) lmdb::check(rc, "cursor get multiple");
    // A key with a single value is stored without a duplicate page.
    block_ = static_cast<const unsigned char*>(current.mv_data);
    block_size_ = 1;
    index_ = 0;
    more_blocks_ = false;
  }
}

bool IndexScan::next_block() {
  if (!more_blocks_) return false;
  MDB_val key, page{0, nullptr};
  if (!cursor_.get(key, page, MDB_NEXT_MULTIPLE) || page.mv_data == nullptr) {
    more_blocks_ = false;
    return false;
  }
  block_ = static_cast<const unsigned char*>(page.mv_data);
  block_size_ = page.mv_size / dup_size_;
  index_ = 0;
  return true;
}

bool IndexScan::next(IdQuad& out) {
  while (true) {
    switch (state_) {
      case State::Start:
        state_ = position(true) ? State::InKey : State::Done;
        break;
      case State::InKey:
        if (index_ < block_size_) {
          const unsigned char* item = block_ + index_ * dup_size_;
          if (!matches(item)) {
            state_ = State::Done;  // prefixes exist only with a bound key
            break;
          }
          ++index_;
          out = decode_entry(layout_, key_, item);
          return true;
        }
        if (!next_block() && !position(false)) state_ = State::Done;
        break;
      case State::Done:
        return false;
    }
  }
}

std::uint64_t IndexScan::count(std::uint64_t limit) {
  std::uint64_t total = 0;
  while (total <= limit) {
    switch (state_) {
      case State::Start:
        state_ = position(true) ? State::InKey : State::Done;
        break;
      case State::InKey: {
        std::size_t end = block_size_;
        if (plan_.prefix_bytes > 0 && index_ < block_size_ &&
            !matches(block_ + (block_size_ - 1) * dup_size_)) {
          // Matches are a contiguous run from index_: binary search its end.
          std::size_t lo = index_, hi = block_size_;
          while (lo < hi) {
            std::size_t mid = (lo + hi) / 2;
            if (matches(block_ + mid * dup_size_)) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
          end = lo;
          state_ = State::Done;
        }
        total += end - std::min(index_, end);
        index_ = end;
        if (state_ == State::Done) break;
        if (!next_block() && !position(false)) state_ = State::Done;
        break;
      }
      case State::Done:
        return total;
    }
  }
  return total;
}

std::uint64_t count_plan(MDB_txn* txn, const Dbis& dbis, const ScanPlan& plan,
                         std::uint64_t limit) {
  if (plan.bound == 0) return lmdb::entries(txn, dbis[plan.index]);
  if (plan.bound == 1) {
    lmdb::Cursor cursor(txn, dbis[plan.index]);
    unsigned char key_bytes[8];
    lmdb::store_be64(key_bytes, plan.key);
    MDB_val key = lmdb::val(key_bytes, 8), data;
    if (!cursor.get(key, data, MDB_SET_KEY)) return 0;
    std::size_t count = 0;
    lmdb::check(mdb_cursor_count(cursor.get(), &count), "cursor count");
    return count;
  }
  IndexScan scan(txn, dbis, plan);
  return scan.count(limit);
}

}  // namespace wsiskg::store
