#include "byte_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <utility>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::import::detail {

namespace {
constexpr unsigned kGzBufferSize = 1U << 20;  // zlib's input buffer; its default (8 KiB) is slow
}

ByteSource ByteSource::open_file(const std::string& path) {
  ByteSource source;
  source.name_ = path;
  int fd = -1;
  if (path == "-") {
    fd = ::dup(STDIN_FILENO);  // gzclose closes its descriptor; keep our stdin open
  } else {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    throw Error(ErrorKind::MissingInput, "cannot open '" + path + "': " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Error(ErrorKind::MissingInput, "cannot open '" + path + "': Is a directory");
  }
  source.gz_ = ::gzdopen(fd, "rb");
  if (source.gz_ == nullptr) {
    ::close(fd);
    throw Error(ErrorKind::Io, "cannot open '" + path + "': out of memory");
  }
  ::gzbuffer(source.gz_, kGzBufferSize);
  return source;
}

ByteSource ByteSource::from_memory(std::string_view text, std::string name) {
  ByteSource source;
  source.name_ = std::move(name);
  source.memory_ = text;
  return source;
}

ByteSource::ByteSource(ByteSource&& other) noexcept
    : name_(std::move(other.name_)),
      gz_(std::exchange(other.gz_, nullptr)),
      memory_(other.memory_),
      delivered_(other.delivered_) {}

ByteSource::~ByteSource() {
  if (gz_ != nullptr) ::gzclose(gz_);
}

std::size_t ByteSource::read(char* buf, std::size_t size) {
  if (gz_ == nullptr) {
    const std::size_t n = std::min(size, memory_.size());
    std::memcpy(buf, memory_.data(), n);
    memory_.remove_prefix(n);
    delivered_ += n;
    return n;
  }
  std::size_t total = 0;
  while (total < size) {
    const auto want = static_cast<unsigned>(std::min<std::size_t>(size - total, INT_MAX));
    const int n = ::gzread(gz_, buf + total, want);
    if (n > 0) {
      advance_position(buf + total, static_cast<std::size_t>(n));
      total += static_cast<std::size_t>(n);
      continue;
    }
    int code = Z_OK;
    const char* message = ::gzerror(gz_, &code);
    if (n == 0 && code == Z_OK) break;  // end of input
    if (code == Z_BUF_ERROR) {  // the compressed data stops mid-stream: the file is cut short
      throw Error(ErrorKind::BadData, SourcePosition{name_, line_, column_ + 1},
                  "unexpected end of gzip stream (the file is cut short here, after " +
                      std::to_string(delivered_ + total) + " uncompressed bytes)");
    }
    if (code == Z_ERRNO) {
      throw Error(ErrorKind::Io, name_ + ": read error: " + std::strerror(errno));
    }
    throw Error(ErrorKind::BadData, name_ + ": corrupt gzip stream: " + message);
  }
  delivered_ += total;
  return total;
}

void ByteSource::advance_position(const char* data, std::size_t n) {
  const char* const end = data + n;
  const char* line_start = nullptr;
  for (const char* at = data;;) {
    const auto* newline =
        static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (newline == nullptr) break;
    ++line_;
    line_start = at = newline + 1;
  }
  column_ = line_start == nullptr ? column_ + n : static_cast<std::size_t>(end - line_start);
}

std::uint64_t ByteSource::bytes_read() const {
  if (gz_ != nullptr) {
    const z_off_t offset = ::gzoffset(gz_);
    if (offset >= 0) return static_cast<std::uint64_t>(offset);
  }
  return delivered_;
}

}  // namespace wsiskg::import::detail
