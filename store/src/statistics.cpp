// Exact per-predicate statistics, recomputed at commit for every predicate a transaction touched.
#include <algorithm>
#include <cstring>

#include "transaction_impl.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {
namespace {

std::size_t count_union(const std::vector<TermId>& a, const std::vector<TermId>& b) {
  std::size_t i = 0, j = 0, n = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      ++i;
    } else if (i == a.size() || b[j] < a[i]) {
      ++j;
    } else {
      ++i;
      ++j;
    }
    ++n;
  }
  return n;
}

}  // namespace

PredicateStatisticsUpdater::PredicateStatisticsUpdater(MDB_txn* txn, const Dbis& dbis,
                                                       std::uint64_t sequence_limit)
    : txn_(txn), dbis_(dbis), sequence_limit_(sequence_limit) {}

void PredicateStatisticsUpdater::update(TermId predicate) {
  PredicateStatistics stats;
  if (seen_.empty()) seen_.assign(sequence_limit_ / 64 + 1, 0);
  subjects_.clear();
  others_.clear();
  int run = 0;
  for (IndexId index : {IndexId::Pos, IndexId::Posg}) {
    QuadPattern pattern{kAnyTerm, predicate, kAnyTerm,
                        index == IndexId::Pos ? kDefaultGraph : kAnyNamedGraph};
    IndexScan scan(txn_, dbis_, plan_scans(pattern).front());
    IdQuad quad;
    // pos and posg both sort by object first: distinct objects are runs.
    auto& distinct = objects_[run++];
    distinct.clear();
    while (scan.next(quad)) {
      ++stats.quads;
      if (distinct.empty() || distinct.back() != quad.object) distinct.push_back(quad.object);
      std::uint64_t sequence = payload_of(quad.subject);
      if (kind_of(quad.subject) > TermIdKind::TypedLiteral || sequence >= sequence_limit_) {
        others_.push_back(quad.subject);
        continue;
      }
      std::uint64_t& word = seen_[sequence / 64];
      std::uint64_t bit = std::uint64_t{1} << (sequence % 64);
      if ((word & bit) == 0) {
        word |= bit;
        subjects_.push_back(quad.subject);
      }
    }
  }
  for (TermId subject : subjects_) seen_[payload_of(subject) / 64] = 0;
  std::sort(others_.begin(), others_.end());
  stats.distinct_subjects =
      subjects_.size() +
      static_cast<std::uint64_t>(std::unique(others_.begin(), others_.end()) - others_.begin());
  stats.distinct_objects = count_union(objects_[0], objects_[1]);

  unsigned char key_bytes[8];
  lmdb::store_be64(key_bytes, predicate);
  MDB_val key = lmdb::val(key_bytes, 8);
  if (stats.quads == 0) {
    int rc = mdb_del(txn_, dbis_.predstats, &key, nullptr);
    if (rc != MDB_NOTFOUND) lmdb::check(rc, "delete predicate statistics");
    return;
  }
  unsigned char value_bytes[24];
  std::memcpy(value_bytes, &stats.quads, 8);
  std::memcpy(value_bytes + 8, &stats.distinct_subjects, 8);
  std::memcpy(value_bytes + 16, &stats.distinct_objects, 8);
  MDB_val value = lmdb::val(value_bytes, 24);
  lmdb::check(mdb_put(txn_, dbis_.predstats, &key, &value, 0), "put predicate statistics");
}

std::optional<PredicateStatistics> read_predicate_statistics(MDB_txn* txn, const Dbis& dbis,
                                                             TermId predicate) {
  unsigned char key_bytes[8];
  lmdb::store_be64(key_bytes, predicate);
  MDB_val value;
  if (!lmdb::get(txn, dbis.predstats, lmdb::val(key_bytes, 8), value)) return std::nullopt;
  return decode_predicate_statistics(predicate, value);
}

PredicateStatistics decode_predicate_statistics(TermId predicate, const MDB_val& value) {
  if (value.mv_size != 24) throw Error(ErrorKind::Io, "corrupt predicate statistics entry");
  PredicateStatistics stats;
  stats.predicate = predicate;
  std::memcpy(&stats.quads, static_cast<const char*>(value.mv_data), 8);
  std::memcpy(&stats.distinct_subjects, static_cast<const char*>(value.mv_data) + 8, 8);
  std::memcpy(&stats.distinct_objects, static_cast<const char*>(value.mv_data) + 16, 8);
  return stats;
}

}  // namespace wsiskg::store
