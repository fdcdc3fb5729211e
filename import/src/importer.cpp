#include "wsiskg/import/importer.hpp"

#include <xxhash.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "statement_buffer.hpp"
#include "wsiskg/import/parser.hpp"

namespace wsiskg::import {

namespace {

// Quads collected before each insert_batch (16 MiB at 32 bytes each). Small enough that index
// writes start while the parser thread is still reading (LUBM(10): 2.45 s against 2.76 s with
// 2 Mi quads, best of five on a busy machine), large enough for sorted bulk writes.
constexpr std::size_t kBatchSize = std::size_t{1} << 19;
// Statements per hand-over from the parser thread, and how many batches may be in flight
// (each some 5 MB): the parser can run ahead while an insert_batch is being written.
constexpr std::size_t kParsedBatchSize = std::size_t{1} << 15;
// Lenient mode: errors a batch carries at most, so a file of bad lines is reported as it goes
// in bounded memory (1M skipped lines held 190 MB until the end of the file).
constexpr std::size_t kSkippedPerBatch = 1024;
constexpr std::size_t kBatchesInFlight = 16;
constexpr auto kProgressInterval = std::chrono::milliseconds(250);

using Clock = std::chrono::steady_clock;

std::string hex(std::uint64_t value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    value >>= 4;
  }
  return out;
}

// Blank node labels are prefixed with a scope of 12 hex digits: a hash of the file's canonical
// path (so importing the same file again finds the same nodes), or random for stdin.
std::string blank_scope(const std::string& path) {
  if (path == "-") {
    std::random_device device;
    const std::uint64_t value = (std::uint64_t{device()} << 32) ^ device();
    return hex(value, 12);
  }
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
  if (ec) canonical = std::filesystem::absolute(path);
  const std::string text = canonical.string();
  return hex(XXH3_64bits(text.data(), text.size()), 12);
}

// What the parser thread hands over: statements and prefixes of one file, in order, and the
// errors lenient mode skipped. The last batch of a file has `end_of_file`; a failed parse ends
// with `failure`.
struct ParsedBatch {
  std::size_t file = 0;
  detail::StatementBuffer statements;
  std::vector<Error> skipped;
  std::uint64_t bytes_read = 0;  // of this file so far
  bool end_of_file = false;
  std::exception_ptr failure;
};

// A small blocking queue between the two threads.
class BatchChannel {
 public:
  void push(std::unique_ptr<ParsedBatch> batch) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < kBatchesInFlight || closed_; });
    if (closed_) return;
    queue_.push_back(std::move(batch));
    not_empty_.notify_one();
  }
  std::unique_ptr<ParsedBatch> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty(); });
    auto batch = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return batch;
  }
  // The consumer gives up: wake and release the producer.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
  }
  bool closed() {
    std::lock_guard lock(mutex_);
    return closed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<std::unique_ptr<ParsedBatch>> queue_;
  bool closed_ = false;
};

struct StopParsing {};  // thrown inside the parser thread when the importer has failed

// Parses the files one after another on its own thread, so parsing overlaps with interning
// and index writes on the calling thread.
class ParserThread {
 public:
  ParserThread(std::span<const std::string> files, const ImportOptions& options)
      : files_(files), options_(options) {
    thread_ = std::thread([this] { run(); });
  }
  ~ParserThread() {
    channel_.close();
    if (thread_.joinable()) thread_.join();
  }
  ParserThread(const ParserThread&) = delete;
  ParserThread& operator=(const ParserThread&) = delete;

  std::unique_ptr<ParsedBatch> next() { return channel_.pop(); }

 private:
  void run() {
    std::size_t file = 0;
    auto batch = std::make_unique<ParsedBatch>();
    auto hand_over = [&](bool end_of_file) {
      batch->file = file;
      batch->end_of_file = end_of_file;
      batch->bytes_read = file_bytes_.load(std::memory_order_relaxed);
      channel_.push(std::move(batch));
      batch = std::make_unique<ParsedBatch>();
      if (channel_.closed()) throw StopParsing{};
    };
    try {
      for (; file < files_.size(); ++file) {
        file_bytes_.store(0, std::memory_order_relaxed);
        ParseOptions parse_options;
        parse_options.format = options_.format;
        parse_options.base = options_.base;
        parse_options.lenient = options_.lenient;
        ParseCallbacks callbacks;
        callbacks.on_statement = [&](const StatementView& s) {
          batch->statements.add(s);
          if (batch->statements.size() >= kParsedBatchSize) hand_over(false);
        };
        callbacks.on_prefix = [&](std::string_view prefix, std::string_view iri) {
          batch->statements.add_prefix(prefix, iri);
        };
        callbacks.on_error = [&](const Error& error) {
          batch->skipped.push_back(error);
          if (batch->skipped.size() >= kSkippedPerBatch) hand_over(false);
        };
        callbacks.on_progress = [&](std::uint64_t bytes) {
          file_bytes_.store(bytes, std::memory_order_relaxed);
        };
        parse_file(files_[file], parse_options, callbacks);
        hand_over(true);
      }
    } catch (const StopParsing&) {
      return;
    } catch (...) {
      batch->file = file;
      batch->failure = std::current_exception();
      channel_.push(std::move(batch));
    }
  }

  std::span<const std::string> files_;
  const ImportOptions& options_;
  BatchChannel channel_;
  std::atomic<std::uint64_t> file_bytes_{0};
  std::thread thread_;  // last: starts once everything above exists
};

class Importer {
 public:
  Importer(store::Store& store, const ImportOptions& options)
      : options_(options), txn_(store.begin_write()), start_(Clock::now()) {
    buffer_.reserve(kBatchSize);
    if (options.graph) {
      graph_override_ = txn_.intern(rdf::TermRef(rdf::TermKind::Iri, *options.graph));
    }
  }

  void run(std::span<const std::string> files) {
    if (files.empty()) return;
    ParserThread parser(files, options_);
    std::size_t file = files.size();  // the file whose scope is current
    for (;;) {
      const auto batch = parser.next();
      if (batch->failure) std::rethrow_exception(batch->failure);
      if (batch->file != file) {
        file = batch->file;
        scope_ = blank_scope(files[file]);
      }
      batch->statements.replay(
          [this](const StatementView& s) { add(s); },
          [this](std::string_view prefix, std::string_view iri) { txn_.set_prefix(prefix, iri); });
      for (const Error& error : batch->skipped) {
        ++report_.skipped;
        if (options_.on_skipped) options_.on_skipped(error);
      }
      file_bytes_ = batch->bytes_read;
      if (batch->end_of_file) {
        report_.bytes_read += file_bytes_;
        file_bytes_ = 0;
        if (file + 1 == files.size()) break;
      }
      maybe_report_progress();
      check_cancelled();
    }
  }

  ImportReport finish() {
    flush();
    check_cancelled();  // the last moment a rollback is still possible
    txn_.commit();
    report_.duplicates = report_.statements_read - report_.added;
    report_.seconds = seconds();
    if (options_.on_progress) {
      options_.on_progress({report_.statements_read, report_.bytes_read, report_.seconds});
    }
    return report_;
  }

 private:
  void add(const StatementView& s) {
    store::IdQuad quad;
    quad.subject = intern(s.subject);
    quad.predicate = intern(s.predicate);
    quad.object = intern(s.object);
    if (s.graph) {
      quad.graph = intern(*s.graph);
    } else if (graph_override_) {
      quad.graph = *graph_override_;
    }
    buffer_.push_back(quad);
    ++report_.statements_read;
    if (buffer_.size() == kBatchSize) flush();
  }

  store::TermId intern(const rdf::TermRef& term) {
    if (term.kind != rdf::TermKind::BlankNode) return txn_.intern(term);
    label_.assign(scope_);
    label_ += '_';
    label_.append(term.value);
    return txn_.intern(rdf::TermRef(rdf::TermKind::BlankNode, label_));
  }

  void flush() {
    if (buffer_.empty()) return;
    report_.added += txn_.insert_batch(buffer_);
    buffer_.clear();
  }

  void check_cancelled() const {
    if (!options_.cancelled) return;
    if (auto why = options_.cancelled()) throw Error(ErrorKind::Cancelled, *why);
  }

  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  void maybe_report_progress() {
    if (!options_.on_progress) return;
    const auto now = Clock::now();
    if (now - last_progress_ < kProgressInterval) return;
    last_progress_ = now;
    options_.on_progress({report_.statements_read, report_.bytes_read + file_bytes_, seconds()});
  }

  const ImportOptions& options_;
  store::WriteTransaction txn_;
  Clock::time_point start_;
  Clock::time_point last_progress_{};
  std::optional<store::TermId> graph_override_;
  std::vector<store::IdQuad> buffer_;
  std::string scope_;
  std::string label_;
  std::uint64_t file_bytes_ = 0;
  ImportReport report_;
};

}  // namespace

ImportReport import_files(store::Store& store, std::span<const std::string> files,
                          const ImportOptions& options) {
  // Any exception leaves the Importer's transaction uncommitted: nothing is written.
  Importer importer(store, options);
  importer.run(files);
  return importer.finish();
}

}  // namespace wsiskg::import
