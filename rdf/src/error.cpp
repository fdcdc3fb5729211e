#include "wsiskg/rdf/error.hpp"

#include <fmt/format.h>

namespace wsiskg {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage:
      return 64;
    case ErrorKind::BadData:
      return 65;
    case ErrorKind::MissingInput:
      return 66;
    case ErrorKind::Io:
      return 74;
    case ErrorKind::Cancelled:
      return 75;
  }
  return 70;
}

std::string to_string(const SourcePosition& position) {
  return fmt::format("{}:{}:{}", position.source, position.line, position.column);
}

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(message), kind_(kind), message_(message) {}

Error::Error(ErrorKind kind, SourcePosition position, const std::string& message)
    : std::runtime_error(fmt::format("{}: {}", to_string(position), message)),
      kind_(kind),
      position_(std::move(position)),
      message_(message) {}

}  // namespace wsiskg
