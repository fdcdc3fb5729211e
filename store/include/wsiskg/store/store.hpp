#pragma once
// The quad store: an LMDB environment in a directory.
//
// Threading and processes: any number of ReadTransactions (MVCC snapshots) may run at once, in
// this and other processes, while one WriteTransaction is open. A second writer waits up to
// OpenOptions::writer_wait for the first to finish, then fails with ErrorKind::Io naming the
// holder. Every error is a wsiskg::Error.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wsiskg/rdf/term.hpp"
#include "wsiskg/store/quad_pattern.hpp"
#include "wsiskg/store/statistics.hpp"
#include "wsiskg/store/term_id.hpp"

namespace wsiskg::store {

// The on-disk format this build reads and writes; stored in the environment.
inline constexpr std::uint32_t kFormatVersion = 1;

struct OpenOptions {
  bool read_only = false;
  bool create_if_missing = true;  // ignored when read_only
  std::chrono::milliseconds writer_wait{std::chrono::seconds(30)};
};

class Store;
struct StoreHandle;  // the shared LMDB environment (internal)

// Pulls quads matching a pattern, in the order of the index it reads.
class QuadCursor {
 public:
  class Impl;
  explicit QuadCursor(std::unique_ptr<Impl> impl);
  QuadCursor(QuadCursor&&) noexcept;
  QuadCursor& operator=(QuadCursor&&) noexcept;
  ~QuadCursor();

  // Writes the next quad to `out`; false at the end.
  bool next(IdQuad& out);
  const ScanOrder& order() const;

 private:
  std::unique_ptr<Impl> impl_;
};

// A consistent snapshot of the store. Movable, not copyable; must not outlive its Store.
class ReadTransaction {
 public:
  class Impl;
  explicit ReadTransaction(std::unique_ptr<Impl> impl);
  ReadTransaction(ReadTransaction&&) noexcept;
  ReadTransaction& operator=(ReadTransaction&&) noexcept;
  virtual ~ReadTransaction();

  // Dictionary: term -> id without adding (nullopt when the store has never seen the term);
  // id -> term. Blank nodes decode to store-unique labels ("b" + hex sequence number).
  std::optional<TermId> find(rdf::TermRef term) const;
  rdf::Term decode(TermId id) const;

  QuadCursor scan(const QuadPattern& pattern) const;
  bool contains(const IdQuad& quad) const;

  // Exact count of matching quads. O(1) for at most one bound s/p/o component in the default
  // graph or across all named graphs; otherwise a page-wise range count.
  std::uint64_t count(const QuadPattern& pattern) const;
  // Cheap answer for the optimizer: exact where count() is O(1), else exact while the range
  // holds at most `scan_budget` quads, else an estimate from predicate statistics.
  Cardinality estimate(const QuadPattern& pattern, std::uint64_t scan_budget = 1000) const;

  std::optional<PredicateStatistics> predicate_statistics(TermId predicate) const;
  std::vector<PredicateStatistics> all_predicate_statistics() const;  // by quads, descending
  StoreStatistics statistics() const;

  std::vector<TermId> named_graphs() const;
  // Namespace prefixes recorded from imported documents (prefix, IRI), sorted by prefix.
  std::vector<std::pair<std::string, std::string>> prefixes() const;

 protected:
  std::unique_ptr<Impl> impl_;
};

// The one write transaction. Reads through it see its own writes. Destroying it without
// commit() rolls everything back.
class WriteTransaction : public ReadTransaction {
 public:
  explicit WriteTransaction(std::unique_ptr<Impl> impl);
  WriteTransaction(WriteTransaction&&) noexcept;
  WriteTransaction& operator=(WriteTransaction&&) noexcept;
  ~WriteTransaction() override;

  // Returns the term's id, adding it to the dictionary if new.
  TermId intern(rdf::TermRef term);
  bool insert(const IdQuad& quad);  // false if already present
  bool erase(const IdQuad& quad);   // false if absent
  // Bulk insert: sorts `quads` in place and writes every index in key order. Returns how many
  // were new; duplicates within the batch or already stored are counted out.
  std::uint64_t insert_batch(std::span<IdQuad> quads);

  std::uint64_t clear_graph(TermId graph);  // a named graph or kDefaultGraph; returns removed
  std::uint64_t clear_all();

  void set_prefix(std::string_view prefix, std::string_view iri);

  void commit();
  void abort();
};

class Store {
 public:
  // Opens (or creates) the store at `directory`. Fails with ErrorKind::Io when the directory
  // is not a store, its format version differs from kFormatVersion, or it cannot be opened.
  static Store open(const std::filesystem::path& directory, const OpenOptions& options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  ReadTransaction begin_read() const;
  WriteTransaction begin_write();

  const std::filesystem::path& directory() const;
  bool read_only() const;

 private:
  explicit Store(std::shared_ptr<StoreHandle> handle);
  std::shared_ptr<StoreHandle> handle_;
};

}  // namespace wsiskg::store
