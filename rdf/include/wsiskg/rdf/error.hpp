#pragma once
// One error type for the whole program: what went wrong, where (file:line:column when known),
// and which class of failure it is, which the CLI maps to a sysexits-style exit code.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace wsiskg {

enum class ErrorKind {
  Usage,         // bad command line or arguments            -> exit 64
  BadData,       // malformed input data or query            -> exit 65
  MissingInput,  // input file not found or not readable     -> exit 66
  Io,            // I/O or store failure                     -> exit 74
  Cancelled,     // timeout, memory guard, signal            -> exit 75
};

int exit_code_for(ErrorKind kind);

struct SourcePosition {
  std::string source;  // file name, "-" or "<stdin>", "<query>"
  std::uint64_t line = 0;
  std::uint64_t column = 0;
};

std::string to_string(const SourcePosition& position);  // "file:line:column"

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message);
  Error(ErrorKind kind, SourcePosition position, const std::string& message);

  ErrorKind kind() const { return kind_; }
  const std::optional<SourcePosition>& position() const { return position_; }
  // The message without the position prefix (what() includes "file:line:column: ").
  const std::string& message() const { return message_; }

 private:
  ErrorKind kind_;
  std::optional<SourcePosition> position_;
  std::string message_;
};

}  // namespace wsiskg
