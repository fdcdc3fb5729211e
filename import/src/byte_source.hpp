#pragma once
// One way in for every parser: a plain file, standard input ("-") or a gzip stream (zlib
// reads uncompressed input transparently, so all three go through gzread), or a string held
// in memory. Counts bytes for progress reports.

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wsiskg::import::detail {

class ByteSource {
 public:
  // Opens `path` ("-" = standard input). Throws Error(MissingInput) when it cannot be opened
  // or is a directory.
  static ByteSource open_file(const std::string& path);
  // Reads from `text`, which must outlive the source.
  static ByteSource from_memory(std::string_view text, std::string name);

  ByteSource(ByteSource&& other) noexcept;
  ByteSource& operator=(ByteSource&&) = delete;
  ByteSource(const ByteSource&) = delete;
  ~ByteSource();

  // Fills `buf` with up to `size` bytes, fewer only at the end of input. Throws Error(Io) on a
  // read error and Error(BadData) on a corrupt or truncated gzip stream (a truncated one with
  // the line and column where the uncompressed text stops).
  std::size_t read(char* buf, std::size_t size);

  const std::string& name() const { return name_; }
  bool in_memory() const { return gz_ == nullptr; }
  // Bytes consumed from the underlying file (compressed bytes for .gz when known).
  std::uint64_t bytes_read() const;

 private:
  ByteSource() = default;

  std::string name_;
  gzFile gz_ = nullptr;
  std::string_view memory_;
  std::uint64_t delivered_ = 0;  // uncompressed bytes handed out

  // Where the uncompressed text read so far ends (gzip only: for a cut-short file's error).
  void advance_position(const char* data, std::size_t n);
  std::uint64_t line_ = 1;
  std::uint64_t column_ = 0;  // bytes after the last newline
};

}  // namespace wsiskg::import::detail
