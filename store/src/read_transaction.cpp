// ReadTransaction and QuadCursor: snapshots, dictionary reads, scans and counts.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "transaction_impl.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {

// --- ReadTransaction::Impl ---------------------------------------------------------------

ReadTransaction::Impl::Impl(std::shared_ptr<Environment> env, std::unique_ptr<WriteState> write)
    : env_(std::move(env)), write_(std::move(write)), life_(std::make_shared<TxnLife>()) {
  life_->write = write_ != nullptr;
  txn_ = env_->begin(life_->write);
  if (write_) {
    try {
      write_->dictionary = std::make_unique<WriteDictionary>(txn_, env_->dbis());
    } catch (...) {
      env_->end(std::exchange(txn_, nullptr), false);
      throw;
    }
  }
}

ReadTransaction::Impl::~Impl() {
  if (txn_ != nullptr) {
    try {
      finish(false);
    } catch (...) {  // aborting cannot fail in a way worth reporting from a destructor
    }
  }
}

MDB_txn* ReadTransaction::Impl::txn() const {
  if (txn_ == nullptr) throw Error(ErrorKind::Usage, "the transaction has already ended");
  return txn_;
}

WriteState& ReadTransaction::Impl::write_state() const {
  if (!write_) throw Error(ErrorKind::Usage, "not a write transaction");
  return *write_;
}

void ReadTransaction::Impl::finish(bool commit) {
  MDB_txn* txn = this->txn();
  txn_ = nullptr;
  life_->ended = true;
  try {
    env_->end(txn, commit);
  } catch (...) {
    if (write_) write_->lock.release();
    throw;
  }
  if (write_) {
    write_->dictionary.reset();
    write_->lock.release();  // only after LMDB released its writer mutex
  }
}

// --- QuadCursor --------------------------------------------------------------------------

QuadCursor::Impl::Impl(std::shared_ptr<TxnLife> life, MDB_txn* txn, const Dbis& dbis,
                       const std::vector<ScanPlan>& plans)
    : life_(std::move(life)), index_writes_(life_->index_writes), order_(scan_order(plans)) {
  scans_.reserve(plans.size());
  for (const auto& plan : plans) scans_.emplace_back(txn, dbis, plan);
}

QuadCursor::Impl::~Impl() {
  // LMDB frees a write transaction's cursors when it ends; closing them again would be a
  // double free.
  if (life_->ended && life_->write) {
    for (auto& scan : scans_) scan.abandon();
  }
}

bool QuadCursor::Impl::next(IdQuad& out) {
  if (life_->ended) throw Error(ErrorKind::Usage, "the cursor's transaction has ended");
  if (life_->index_writes != index_writes_) {
    throw Error(ErrorKind::Usage, "a write in the cursor's transaction invalidated the cursor");
  }
  while (current_ < scans_.size()) {
    if (scans_[current_].next(out)) return true;
    ++current_;
  }
  return false;
}

QuadCursor::QuadCursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QuadCursor::QuadCursor(QuadCursor&&) noexcept = default;
QuadCursor& QuadCursor::operator=(QuadCursor&&) noexcept = default;
QuadCursor::~QuadCursor() = default;
bool QuadCursor::next(IdQuad& out) {
  return impl_->next(out);
}
const ScanOrder& QuadCursor::order() const {
  return impl_->order();
}

// --- ReadTransaction ---------------------------------------------------------------------

ReadTransaction::ReadTransaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReadTransaction::ReadTransaction(ReadTransaction&&) noexcept = default;
ReadTransaction& ReadTransaction::operator=(ReadTransaction&&) noexcept = default;
ReadTransaction::~ReadTransaction() = default;

namespace {
const ReadTransaction::Impl& live(const std::unique_ptr<ReadTransaction::Impl>& impl) {
  if (!impl) throw Error(ErrorKind::Usage, "use of a moved-from transaction");
  return *impl;
}
}  // namespace

std::optional<TermId> ReadTransaction::find(rdf::TermRef term) const {
  const auto& impl = live(impl_);
  if (impl.is_write()) return impl.write_state().dictionary->find(term);
  if (auto id = codec::inline_id(term)) return id;
  std::string encoded;
  codec::encode(term, encoded);
  return lookup_term(impl.txn(), impl.dbis(), encoded, codec::hash(encoded));
}

rdf::Term ReadTransaction::decode(TermId id) const {
  const auto& impl = live(impl_);
  std::optional<std::string_view> pending;
  if (impl.is_write()) pending = impl.write_state().dictionary->pending_encoding(id);
  return decode_term(impl.txn(), impl.dbis(), id, pending);
}

QuadCursor ReadTransaction::scan(const QuadPattern& pattern) const {
  const auto& impl = live(impl_);
  return QuadCursor(std::make_unique<QuadCursor::Impl>(impl.life(), impl.txn(), impl.dbis(),
                                                       plan_scans(pattern)));
}

bool ReadTransaction::contains(const IdQuad& quad) const {
  QuadPattern pattern{quad.subject, quad.predicate, quad.object, quad.graph};
  auto cursor = scan(pattern);
  IdQuad found;
  return cursor.next(found);
}

std::uint64_t ReadTransaction::count(const QuadPattern& pattern) const {
  const auto& impl = live(impl_);
  std::uint64_t total = 0;
  for (const auto& plan : plan_scans(pattern)) total += count_plan(impl.txn(), impl.dbis(), plan);
  return total;
}

Cardinality ReadTransaction::estimate(const QuadPattern& pattern, std::uint64_t scan_budget) const {
  const auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  auto plans = plan_scans(pattern);
  bool constant_time =
      std::all_of(plans.begin(), plans.end(), [](const ScanPlan& plan) { return plan.bound <= 1; });
  if (constant_time) return {count(pattern), true};
  std::uint64_t scanned = 0;
  for (const auto& plan : plans) {
    if (scanned > scan_budget) break;
    scanned += count_plan(txn, impl.dbis(), plan, scan_budget - scanned);
  }
  if (scanned <= scan_budget) return {scanned, true};

  // Too many to count cheaply: estimate from O(1) single-component counts (over all graphs)
  // and predicate statistics, assuming independent components.
  auto all_graphs = [&](TermId s, TermId p, TermId o) {
    return static_cast<double>(count(QuadPattern{s, p, o, kAnyTerm}));
  };
  double total = std::max(1.0, all_graphs(kAnyTerm, kAnyTerm, kAnyTerm));
  double scope =
      static_cast<double>(count(QuadPattern{kAnyTerm, kAnyTerm, kAnyTerm, pattern.graph}));
  bool s = pattern.subject != kAnyTerm, p = pattern.predicate != kAnyTerm,
       o = pattern.object != kAnyTerm;
  double upper = total;
  double rows = total;
  if (p) {
    auto stats = read_predicate_statistics(txn, impl.dbis(), pattern.predicate);
    double quads = stats ? static_cast<double>(stats->quads)
                         : all_graphs(kAnyTerm, pattern.predicate, kAnyTerm);
    double subjects = stats ? std::max<double>(1, stats->distinct_subjects) : 1;
    double objects = stats ? std::max<double>(1, stats->distinct_objects) : 1;
    upper = std::min(upper, quads);
    rows = quads;
    if (s && o) {
      rows = 1;
    } else if (s) {
      rows = quads / subjects;
    } else if (o) {
      rows = quads / objects;
    }
  } else {
    if (s) {
      double c = all_graphs(pattern.subject, kAnyTerm, kAnyTerm);
      rows *= c / total;
      upper = std::min(upper, c);
    }
    if (o) {
      double c = all_graphs(kAnyTerm, kAnyTerm, pattern.object);
      rows *= c / total;
      upper = std::min(upper, c);
    }
  }
  rows *= scope / total;  // the share of the graph scope
  upper = std::min(upper, scope);
  rows = std::min(rows, upper);
  auto estimate = static_cast<std::uint64_t>(rows + 0.5);
  return {std::max(estimate, scan_budget + 1), false};
}

std::optional<PredicateStatistics> ReadTransaction::predicate_statistics(TermId predicate) const {
  const auto& impl = live(impl_);
  return read_predicate_statistics(impl.txn(), impl.dbis(), predicate);
}

std::vector<PredicateStatistics> ReadTransaction::all_predicate_statistics() const {
  const auto& impl = live(impl_);
  std::vector<PredicateStatistics> all;
  lmdb::Cursor cursor(impl.txn(), impl.dbis().predstats);
  MDB_val key, value;
  for (bool ok = cursor.get(key, value, MDB_FIRST); ok; ok = cursor.get(key, value, MDB_NEXT)) {
    if (key.mv_size != 8) throw Error(ErrorKind::Io, "corrupt predicate statistics key");
    all.push_back(decode_predicate_statistics(lmdb::load_be64(key.mv_data), value));
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.quads > b.quads; });
  return all;
}

StoreStatistics ReadTransaction::statistics() const {
  const auto& impl = live(impl_);
  MDB_txn* txn = impl.txn();
  const Dbis& dbis = impl.dbis();
  StoreStatistics stats;
  stats.default_graph_quads = lmdb::entries(txn, dbis[IndexId::Spo]);
  stats.quads = stats.default_graph_quads + lmdb::entries(txn, dbis[IndexId::Gspo]);
  stats.named_graphs = named_graphs().size();
  stats.dictionary_terms = lmdb::entries(txn, dbis.id2term);
  if (impl.is_write()) stats.dictionary_terms += impl.write_state().dictionary->pending_count();
  MDB_envinfo info;
  MDB_stat env_stat;
  lmdb::check(mdb_env_info(impl.env().env(), &info), "env info");
  lmdb::check(mdb_env_stat(impl.env().env(), &env_stat), "env stat");
  stats.map_bytes = info.me_mapsize;
  stats.used_bytes = (info.me_last_pgno + 1) * static_cast<std::uint64_t>(env_stat.ms_psize);
  std::error_code ec;
  auto size = std::filesystem::file_size(impl.env().directory() / "data.mdb", ec);
  stats.disk_bytes = ec ? 0 : size;
  return stats;
}

std::vector<TermId> ReadTransaction::named_graphs() const {
  const auto& impl = live(impl_);
  std::vector<TermId> graphs;
  lmdb::Cursor cursor(impl.txn(), impl.dbis()[IndexId::Gspo]);
  MDB_val key, value;
  for (bool ok = cursor.get(key, value, MDB_FIRST); ok;
       ok = cursor.get(key, value, MDB_NEXT_NODUP)) {
    graphs.push_back(lmdb::load_be64(key.mv_data));
  }
  return graphs;
}

std::vector<std::pair<std::string, std::string>> ReadTransaction::prefixes() const {
  const auto& impl = live(impl_);
  std::vector<std::pair<std::string, std::string>> all;
  lmdb::Cursor cursor(impl.txn(), impl.dbis().prefixes);
  MDB_val key, value;
  for (bool ok = cursor.get(key, value, MDB_FIRST); ok; ok = cursor.get(key, value, MDB_NEXT)) {
    auto prefix = lmdb::view(key);
    if (!prefix.empty()) prefix.remove_prefix(1);  // the 'p' that lets "" be a key
    all.emplace_back(std::string(prefix), std::string(lmdb::view(value)));
  }
  return all;
}

}  // namespace wsiskg::store
