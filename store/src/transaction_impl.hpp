#pragma once
// The state behind ReadTransaction / WriteTransaction and QuadCursor.

#include <memory>
#include <unordered_set>
#include <vector>

#include "dictionary.hpp"
#include "environment.hpp"
#include "quad_scan.hpp"
#include "writer_lock.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::store {

// Shared with cursors so they know whether their transaction has ended.
// Also counts quad-index writes: a cursor reads index pages in place, which a write in its own
// transaction may move, so a cursor refuses to continue after one.
struct TxnLife {
  bool ended = false;
  bool write = false;
  std::uint64_t index_writes = 0;
};

struct WriteState {
  WriterLock lock;
  std::unique_ptr<WriteDictionary> dictionary;
  std::unordered_set<TermId> touched_predicates;  // their statistics are recomputed at commit
};

class ReadTransaction::Impl {
 public:
  // Begins a read transaction, or a write transaction holding `lock`.
  Impl(std::shared_ptr<Environment> env, std::unique_ptr<WriteState> write);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  MDB_txn* txn() const;  // throws once the transaction has ended
  const Dbis& dbis() const { return env_->dbis(); }
  Environment& env() const { return *env_; }
  WriteState& write_state() const;
  bool is_write() const { return write_ != nullptr; }
  const std::shared_ptr<TxnLife>& life() const { return life_; }
  // Commits or aborts, releasing the writer lock afterwards.
  void finish(bool commit);

 private:
  std::shared_ptr<Environment> env_;
  MDB_txn* txn_ = nullptr;
  std::unique_ptr<WriteState> write_;
  std::shared_ptr<TxnLife> life_;
};

class QuadCursor::Impl {
 public:
  Impl(std::shared_ptr<TxnLife> life, MDB_txn* txn, const Dbis& dbis,
       const std::vector<ScanPlan>& plans);
  ~Impl();
  bool next(IdQuad& out);
  const ScanOrder& order() const { return order_; }

 private:
  std::shared_ptr<TxnLife> life_;
  std::uint64_t index_writes_;
  std::vector<IndexScan> scans_;
  std::size_t current_ = 0;
  ScanOrder order_;
};

// Recomputes exact statistics of predicates from pos and posg and stores them. Reuses its
// buffers across predicates; distinct subjects are counted in a bitmap over term sequence
// numbers (all below `sequence_limit`).
class PredicateStatisticsUpdater {
 public:
  PredicateStatisticsUpdater(MDB_txn* txn, const Dbis& dbis, std::uint64_t sequence_limit);
  void update(TermId predicate);

 private:
  MDB_txn* txn_;
  const Dbis& dbis_;
  std::uint64_t sequence_limit_;
  std::vector<std::uint64_t> seen_;  // bitmap by sequence number
  std::vector<TermId> subjects_;     // set bits to clear afterwards
  std::vector<TermId> others_;       // subjects that are not dictionary terms
  std::vector<TermId> objects_[2];
};
std::optional<PredicateStatistics> read_predicate_statistics(MDB_txn* txn, const Dbis& dbis,
                                                             TermId predicate);
// A predstats value: quads, distinct subjects, distinct objects (native-endian uint64 each).
PredicateStatistics decode_predicate_statistics(TermId predicate, const MDB_val& value);

}  // namespace wsiskg::store
