#pragma once
// Cross-process writer exclusion with a bounded wait: flock(LOCK_EX) on "<dir>/writer.lock".
// flock belongs to the open file description, so it also excludes a second writer in this
// process, and it vanishes with a killed process (no stale locks).

#include <chrono>
#include <filesystem>
#include <utility>

namespace wsiskg::store {

class WriterLock {
 public:
  WriterLock() = default;
  // Waits up to `wait` for the lock; throws wsiskg::Error(Io) naming the holder on timeout.
  static WriterLock acquire(const std::filesystem::path& directory, std::chrono::milliseconds wait);

  WriterLock(WriterLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  WriterLock& operator=(WriterLock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~WriterLock() { release(); }
  void release();
  bool held() const { return fd_ >= 0; }

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wsiskg::store
