#include "writer_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {
namespace {

std::string read_holder(int fd) {
  char buffer[32] = {};
  ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

WriterLock WriterLock::acquire(const std::filesystem::path& directory,
                               std::chrono::milliseconds wait) {
  auto path = directory / "writer.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0664);
  if (fd < 0) {
    throw Error(ErrorKind::Io, fmt::format("cannot open the writer lock {}: {}", path.string(),
                                           std::strerror(errno)));
  }
  WriterLock lock(fd);
  auto start = std::chrono::steady_clock::now();
  auto pause = std::chrono::milliseconds(1);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      throw Error(ErrorKind::Io,
                  fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno)));
    }
    auto waited = std::chrono::steady_clock::now() - start;
    if (waited >= wait) {
      auto holder = read_holder(fd);
      auto seconds = std::chrono::duration<double>(waited).count();
      std::string who = holder.empty() ? std::string("another process")
                        : holder == std::to_string(::getpid())
                            ? fmt::format("this process (pid {}) already", holder)
                            : fmt::format("another process (pid {})", holder);
      throw Error(ErrorKind::Io, fmt::format("{} is writing to the store {}; waited {:.1f} s", who,
                                             directory.string(), seconds));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
  // Record the holder for the message a waiting writer prints; best effort.
  auto pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return lock;
}

void WriterLock::release() {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));  // closing drops the flock
}

}  // namespace wsiskg::store
