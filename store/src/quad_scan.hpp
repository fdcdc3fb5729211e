#pragma once
// Range scans over the quad indexes. Every bound combination of S, P, O and G is one prefix
// range of one index: the key, then a prefix of the fixed-size duplicate values. Scans read a
// page of duplicates at a time (MDB_GET_MULTIPLE / MDB_NEXT_MULTIPLE).

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "environment.hpp"
#include "index_layout.hpp"
#include "wsiskg/store/quad_pattern.hpp"

namespace wsiskg::store {

struct ScanPlan {
  IndexId index = IndexId::Spo;
  std::size_t bound = 0;                   // leading components of the index order that are bound
  std::uint64_t key = 0;                   // when bound > 0
  std::array<unsigned char, 24> prefix{};  // big-endian dup prefix, zero padded
  std::size_t prefix_bytes = 0;
};

// The scans answering a pattern: one, or two (default then named) for graph == kAnyTerm.
std::vector<ScanPlan> plan_scans(const QuadPattern& pattern);
ScanOrder scan_order(const std::vector<ScanPlan>& plans);

// Whether and how a pattern/quad is valid for a write; throws wsiskg::Error(Usage) if not.
void check_quad(const IdQuad& quad);

class IndexScan {
 public:
  IndexScan(MDB_txn* txn, const Dbis& dbis, const ScanPlan& plan);
  bool next(IdQuad& out);
  // Counts remaining matches, stopping once the count exceeds `limit`.
  std::uint64_t count(std::uint64_t limit = UINT64_MAX);
  // The cursor belongs to a write transaction that has already ended: do not close it.
  void abandon() { cursor_.release(); }

 private:
  bool position(bool first);
  void load_block(const MDB_val& current);
  bool next_block();
  bool matches(const unsigned char* item) const;

  lmdb::Cursor cursor_;
  const IndexLayout& layout_;
  ScanPlan plan_;
  std::size_t dup_size_;
  enum class State { Start, InKey, Done } state_ = State::Start;
  std::uint64_t key_ = 0;
  const unsigned char* block_ = nullptr;
  std::size_t block_size_ = 0;  // items
  std::size_t index_ = 0;
  bool more_blocks_ = false;
};

// Exact count of one plan: O(1) when at most the key is bound, else a counted range scan.
std::uint64_t count_plan(MDB_txn* txn, const Dbis& dbis, const ScanPlan& plan,
                         std::uint64_t limit = UINT64_MAX);

}  // namespace wsiskg::store
