// WriteTransaction: interning, quad inserts/erases (single and bulk), clears, commit.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <future>

#include "row_sort.hpp"
#include "transaction_impl.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {
namespace {

constexpr std::array<IndexId, 3> kDefaultIndexes{IndexId::Spo, IndexId::Pos, IndexId::Osp};
constexpr std::array<IndexId, 6> kNamedIndexes{IndexId::Gspo, IndexId::Spog, IndexId::Posg,
                                               IndexId::Ospg, IndexId::Gpos, IndexId::Gosp};

std::span<const IndexId> indexes_for(const IdQuad& quad) {
  if (quad.graph == kDefaultGraph) return kDefaultIndexes;
  return kNamedIndexes;
}

Row row_of(const IndexLayout& index, const IdQuad& quad) {
  Row row{};
  for (std::size_t i = 0; i < index.arity(); ++i) row.v[i] = quad[index.order[i]];
  return row;
}

// How many leading components of `target` a stable sort must order when its input is in
// `primary` order: ties keep primary order, which must then be target's remaining order.
std::size_t sort_prefix(const IndexLayout& primary, const IndexLayout& target) {
  std::size_t n = target.arity();
  for (std::size_t k = 0; k < n; ++k) {
    std::vector<Component> rest;
    for (std::size_t i = 0; i < n; ++i) {
      Component c = primary.order[i];
      if (std::find(target.order.begin(), target.order.begin() + k, c) ==
          target.order.begin() + k) {
        rest.push_back(c);
      }
    }
    if (std::equal(rest.begin(), rest.end(), target.order.begin() + k)) return k;
  }
  return n;
}

struct Entry {
  unsigned char key[8];
  unsigned char dup[24];
  MDB_val k() { return lmdb::val(key, 8); }
};

Entry encode_row(const IndexLayout& index, const Row& row) {
  Entry entry;
  lmdb::store_be64(entry.key, row.v[0]);
  for (std::size_t i = 1; i < index.arity(); ++i)
    lmdb::store_be64(entry.dup + (i - 1) * 8, row.v[i]);
  return entry;
}

Row row_from_entry(const IndexLayout& index, const MDB_val& key, const MDB_val& dup) {
  Row row{};
  row.v[0] = lmdb::load_be64(key.mv_data);
  for (std::size_t i = 1; i < index.arity(); ++i) {
    row.v[i] = lmdb::load_be64(static_cast<const unsigned char*>(dup.mv_data) + (i - 1) * 8);
  }
  return row;
}

// Writes sorted, distinct rows into one index, one key (run of rows) at a time. Duplicate
// values that sort after the key's stored ones go in with a single appending MDB_MULTIPLE put
// (no per-item search); only values interleaving with stored ones need ordinary puts. Keys
// after the index's last key are appended with MDB_APPEND.
// `fresh`, when given, receives whether each row was new. Returns how many were new.
std::uint64_t write_rows(MDB_txn* txn, MDB_dbi dbi, const IndexLayout& index,
                         std::span<const Row> rows, std::vector<std::uint8_t>* fresh,
                         std::vector<unsigned char>& dups) {
  lmdb::Cursor cursor(txn, dbi);
  const std::size_t dup_size = index.dup_size();
  MDB_val key, data;
  bool has_last = cursor.get(key, data, MDB_LAST);
  const std::uint64_t last_key = has_last ? lmdb::load_be64(key.mv_data) : 0;
  if (fresh) fresh->assign(rows.size(), 0);
  std::uint64_t added = 0;

  auto append_run = [&](std::size_t from, std::size_t to, unsigned flags) {
    dups.resize((to - from) * dup_size);
    for (std::size_t j = from; j < to; ++j) {
      for (std::size_t c = 1; c < index.arity(); ++c) {
        lmdb::store_be64(dups.data() + (j - from) * dup_size + (c - 1) * 8, rows[j].v[c]);
      }
    }
    unsigned char key_bytes[8];
    lmdb::store_be64(key_bytes, rows[from].v[0]);
    MDB_val k = lmdb::val(key_bytes, 8);
    MDB_val d[2] = {lmdb::val(dups.data(), dup_size), MDB_val{to - from, nullptr}};
    int rc = mdb_cursor_put(cursor.get(), &k, d, flags | MDB_MULTIPLE | MDB_APPENDDUP);
    if (rc == MDB_KEYEXIST || (rc == MDB_SUCCESS && d[1].mv_size != to - from)) {
      throw Error(ErrorKind::Io, fmt::format("index {} rejected an ordered append", index.name));
    }
    lmdb::check(rc, "cursor put multiple");
    added += to - from;
    if (fresh) std::fill(fresh->begin() + from, fresh->begin() + to, 1);
  };

  for (std::size_t i = 0; i < rows.size();) {
    std::size_t end = i + 1;
    while (end < rows.size() && rows[end].v[0] == rows[i].v[0]) ++end;
    if (!has_last || rows[i].v[0] > last_key) {
      append_run(i, end, MDB_APPEND);  // a new key after every stored one
      has_last = true;
      i = end;
      continue;
    }
    unsigned char key_bytes[8];
    lmdb::store_be64(key_bytes, rows[i].v[0]);
    key = lmdb::val(key_bytes, 8);
    std::size_t tail = i;  // rows from here on sort after the key's stored values
    if (cursor.get(key, data, MDB_SET_KEY)) {
      lmdb::check(mdb_cursor_get(cursor.get(), &key, &data, MDB_LAST_DUP), "cursor get");
      Row stored = row_from_entry(index, key, data);
      tail = std::upper_bound(rows.begin() + i, rows.begin() + end, stored) - rows.begin();
      for (std::size_t j = i; j < tail; ++j) {
        Entry entry = encode_row(index, rows[j]);
        MDB_val k = entry.k(), d = lmdb::val(entry.dup, dup_size);
        if (cursor.put(k, d, MDB_NODUPDATA)) {
          ++added;
          if (fresh) (*fresh)[j] = 1;
        }
      }
    }
    if (tail < end) append_run(tail, end, 0);
    i = end;
  }
  return added;
}

// One secondary index's rows, sorted. `quads` is in primary order, so a stable sort on a prefix
// of the components suffices (see sort_prefix).
struct SortedRows {
  std::vector<Row> rows;
  std::vector<Row> scratch;
};
void sort_rows(std::span<const IdQuad> quads, const IndexLayout& primary, const IndexLayout& index,
               SortedRows& out) {
  out.rows.clear();
  out.rows.reserve(quads.size());
  for (const IdQuad& quad : quads) out.rows.push_back(row_of(index, quad));
  radix_sort(out.rows, sort_prefix(primary, index), out.scratch);
}

// Whether `first` sorts after the index's last entry (or the index is empty).
bool sorts_after_last(MDB_txn* txn, MDB_dbi dbi, const IndexLayout& index, const Row& first) {
  lmdb::Cursor cursor(txn, dbi);
  MDB_val key, data;
  if (!cursor.get(key, data, MDB_LAST)) return true;
  return row_from_entry(index, key, data) < first;
}

void put_quad(MDB_txn* txn, const Dbis& dbis, IndexId id, const IdQuad& quad) {
  const IndexLayout& index = layout(id);
  Entry entry = encode_row(index, row_of(index, quad));
  MDB_val k = entry.k(), d = lmdb::val(entry.dup, index.dup_size());
  int rc = mdb_put(txn, dbis[id], &k, &d, MDB_NODUPDATA);
  if (rc != MDB_KEYEXIST) lmdb::check(rc, "put");
}

bool del_quad(MDB_txn* txn, const Dbis& dbis, IndexId id, const IdQuad& quad) {
  const IndexLayout& index = layout(id);
  Entry entry = encode_row(index, row_of(index, quad));
  MDB_val k = entry.k(), d = lmdb::val(entry.dup, index.dup_size());
  int rc = mdb_del(txn, dbis[id], &k, &d);
  if (rc == MDB_NOTFOUND) return false;
  lmdb::check(rc, "delete");
  return true;
}

void empty_db(MDB_txn* txn, MDB_dbi dbi) {
  lmdb::check(mdb_drop(txn, dbi, 0), "drop");
}

// Every distinct key of an index (used to find the predicates of pos/posg).
std::vector<TermId> keys_of(MDB_txn* txn, MDB_dbi dbi) {
  std::vector<TermId> keys;
  lmdb::Cursor cursor(txn, dbi);
  MDB_val key, value;
  for (bool ok = cursor.get(key, value, MDB_FIRST); ok;
       ok = cursor.get(key, value, MDB_NEXT_NODUP)) {
    keys.push_back(lmdb::load_be64(key.mv_data));
  }
  return keys;
}

}  // namespace

WriteTransaction::WriteTransaction(std::unique_ptr<Impl> impl) : ReadTransaction(std::move(impl)) {}
WriteTransaction::WriteTransaction(WriteTransaction&&) noexcept = default;
WriteTransaction& WriteTransaction::operator=(WriteTransaction&&) noexcept = default;
WriteTransaction::~WriteTransaction() = default;

namespace {
ReadTransaction::Impl& live(const std::unique_ptr<ReadTransaction::Impl>& impl) {
  if (!impl) throw Error(ErrorKind::Usage, "use of a moved-from transaction");
  return *impl;
}
}  // namespace

TermId WriteTransaction::intern(rdf::TermRef term) {
  auto& impl = live(impl_);
  impl.txn();  // throws once ended
  return impl.write_state().dictionary->intern(term);
}

bool WriteTransaction::insert(const IdQuad& quad) {
  check_quad(quad);
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  auto indexes = indexes_for(quad);
  {
    const IndexLayout& primary = layout(indexes.front());
    Entry entry = encode_row(primary, row_of(primary, quad));
    MDB_val k = entry.k(), d = lmdb::val(entry.dup, primary.dup_size());
    int rc = mdb_put(txn, impl.dbis()[primary.id], &k, &d, MDB_NODUPDATA);
    if (rc == MDB_KEYEXIST) return false;
    lmdb::check(rc, "put");
  }
  ++impl.life()->index_writes;
  for (IndexId id : indexes.subspan(1)) put_quad(txn, impl.dbis(), id, quad);
  impl.write_state().touched_predicates.insert(quad.predicate);
  return true;
}

bool WriteTransaction::erase(const IdQuad& quad) {
  check_quad(quad);
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  auto indexes = indexes_for(quad);
  if (!del_quad(txn, impl.dbis(), indexes.front(), quad)) return false;
  ++impl.life()->index_writes;
  for (IndexId id : indexes.subspan(1)) del_quad(txn, impl.dbis(), id, quad);
  impl.write_state().touched_predicates.insert(quad.predicate);
  return true;
}

std::uint64_t WriteTransaction::insert_batch(std::span<IdQuad> quads) {
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  for (const IdQuad& quad : quads) check_quad(quad);
  if (quads.empty()) return 0;
  ++impl.life()->index_writes;
  // Default-graph quads first in s,p,o order, then named ones in g,s,p,o order: each group is
  // then in its primary index's order.
  std::sort(quads.begin(), quads.end(), [](const IdQuad& a, const IdQuad& b) {
    bool an = a.graph != kDefaultGraph, bn = b.graph != kDefaultGraph;
    if (an != bn) return bn;
    if (a.graph != b.graph) return a.graph < b.graph;
    if (a.subject != b.subject) return a.subject < b.subject;
    if (a.predicate != b.predicate) return a.predicate < b.predicate;
    return a.object < b.object;
  });
  auto split = std::partition_point(quads.begin(), quads.end(),
                                    [](const IdQuad& q) { return q.graph == kDefaultGraph; });
  std::vector<Row> rows;
  std::vector<unsigned char> dups;
  std::vector<std::uint8_t> fresh;
  std::vector<IdQuad> added;
  SortedRows sorted[2];  // one being written, one being sorted
  std::uint64_t total = 0;
  auto& touched = impl.write_state().touched_predicates;
  auto write_group = [&](std::span<const IdQuad> group, std::span<const IndexId> indexes) {
    if (group.empty()) return;
    const IndexLayout& primary = layout(indexes.front());
    const MDB_dbi primary_dbi = impl.dbis()[primary.id];
    rows.clear();
    rows.reserve(group.size());
    for (const IdQuad& quad : group) {
      Row row = row_of(primary, quad);
      if (rows.empty() || !(rows.back() == row)) rows.push_back(row);
    }
    auto distinct = [&] {
      if (rows.size() == group.size()) return group;
      added.clear();
      for (std::size_t i = 0; i < group.size(); ++i) {
        if (i == 0 || !(group[i] == group[i - 1])) added.push_back(group[i]);
      }
      return std::span<const IdQuad>(added);
    };
    // The secondary indexes are sorted on a helper thread, one ahead of the one being written.
    auto secondaries = indexes.subspan(1);
    std::future<void> sorting;
    std::span<const IdQuad> added_quads;
    auto start_sort = [&](std::size_t k) {
      sorting = std::async(std::launch::async | std::launch::deferred, sort_rows, added_quads,
                           std::cref(primary), std::cref(layout(secondaries[k])),
                           std::ref(sorted[k % 2]));
    };
    // Rows sorting after everything stored are all new: sort the first secondary index while
    // the primary is written (the common case of a fresh import).
    bool all_new = sorts_after_last(txn, primary_dbi, primary, rows.front());
    if (all_new) {
      added_quads = distinct();
      start_sort(0);
    }
    std::uint64_t new_now = write_rows(txn, primary_dbi, primary, rows, &fresh, dups);
    total += new_now;
    if (!all_new) {
      // Only quads new to the primary index go to the others (in primary order).
      if (new_now == group.size()) {
        added_quads = group;
      } else {
        added.clear();
        std::size_t at = 0;
        for (std::size_t i = 0; i < group.size(); ++i) {
          if (i > 0 && group[i] == group[i - 1]) continue;
          if (fresh[at++]) added.push_back(group[i]);
        }
        added_quads = added;
      }
      if (added_quads.empty()) return;
      start_sort(0);
    }
    for (std::size_t k = 0; k < secondaries.size(); ++k) {
      sorting.get();
      if (k + 1 < secondaries.size()) start_sort(k + 1);
      const IndexLayout& index = layout(secondaries[k]);
      const auto& ready = sorted[k % 2].rows;
      write_rows(txn, impl.dbis()[index.id], index, ready, nullptr, dups);
      if (index.id == IndexId::Pos || index.id == IndexId::Posg) {
        for (std::size_t i = 0; i < ready.size(); ++i) {
          if (i == 0 || ready[i].v[0] != ready[i - 1].v[0]) touched.insert(ready[i].v[0]);
        }
      }
    }
  };
  write_group(std::span<const IdQuad>(quads.begin(), split), kDefaultIndexes);
  write_group(std::span<const IdQuad>(split, quads.end()), kNamedIndexes);
  return total;
}

std::uint64_t WriteTransaction::clear_graph(TermId graph) {
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  const Dbis& dbis = impl.dbis();
  auto& touched = impl.write_state().touched_predicates;
  if (graph == kAnyTerm) {
    throw Error(ErrorKind::Usage, "clear_graph needs a graph; use clear_all for everything");
  }
  ++impl.life()->index_writes;
  if (graph == kDefaultGraph || graph == kAnyNamedGraph) {
    bool named = graph == kAnyNamedGraph;
    auto indexes =
        named ? std::span<const IndexId>(kNamedIndexes) : std::span<const IndexId>(kDefaultIndexes);
    std::uint64_t removed = lmdb::entries(txn, dbis[indexes.front()]);
    for (TermId p : keys_of(txn, dbis[named ? IndexId::Posg : IndexId::Pos])) touched.insert(p);
    for (IndexId id : indexes) empty_db(txn, dbis[id]);
    return removed;
  }
  std::vector<IdQuad> quads;
  {
    IndexScan scan(txn, dbis, plan_scans(QuadPattern{kAnyTerm, kAnyTerm, kAnyTerm, graph}).front());
    IdQuad quad;
    while (scan.next(quad)) quads.push_back(quad);
  }
  for (const IdQuad& quad : quads) {
    for (IndexId id : {IndexId::Spog, IndexId::Posg, IndexId::Ospg}) del_quad(txn, dbis, id, quad);
    touched.insert(quad.predicate);
  }
  unsigned char key_bytes[8];
  lmdb::store_be64(key_bytes, graph);
  for (IndexId id : {IndexId::Gspo, IndexId::Gpos, IndexId::Gosp}) {
    MDB_val key = lmdb::val(key_bytes, 8);
    int rc = mdb_del(txn, dbis[id], &key, nullptr);
    if (rc != MDB_NOTFOUND) lmdb::check(rc, "delete graph");
  }
  return quads.size();
}

std::uint64_t WriteTransaction::clear_all() {
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  const Dbis& dbis = impl.dbis();
  std::uint64_t removed =
      lmdb::entries(txn, dbis[IndexId::Spo]) + lmdb::entries(txn, dbis[IndexId::Gspo]);
  ++impl.life()->index_writes;
  for (const auto& index : all_layouts()) empty_db(txn, dbis[index.id]);
  empty_db(txn, dbis.predstats);
  impl.write_state().touched_predicates.clear();
  return removed;
}

void WriteTransaction::set_prefix(std::string_view prefix, std::string_view iri) {
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  std::string key_text = "p";  // a leading byte so the empty prefix is a valid key
  key_text += prefix;
  if (key_text.size() > static_cast<std::size_t>(mdb_env_get_maxkeysize(impl.env().env()))) {
    throw Error(ErrorKind::Usage,
                fmt::format("namespace prefix of {} bytes is too long", prefix.size()));
  }
  MDB_val key = lmdb::val(key_text), value = lmdb::val(iri);
  lmdb::check(mdb_put(txn, impl.dbis().prefixes, &key, &value, 0), "put prefix");
}

void WriteTransaction::commit() {
  auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  auto& state = impl.write_state();
  state.dictionary->flush();
  PredicateStatisticsUpdater statistics(txn, impl.dbis(), state.dictionary->next_sequence());
  for (TermId predicate : state.touched_predicates) statistics.update(predicate);
  state.touched_predicates.clear();
  impl.finish(true);
}

void WriteTransaction::abort() {
  live(impl_).finish(false);
}

}  // namespace wsiskg::store
