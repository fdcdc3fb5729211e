#pragma once
// A check serd 0.30 leaves out (the other, full UTF-8 validation, is rdf::invalid_utf8_at): its
// recursive-descent reader has no bound on how deeply Turtle/TriG blank-node lists and collections
// nest (a few ten thousand levels overflow the stack).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wsiskg::import::detail {

// Follows Turtle/TriG text chunk by chunk (skipping IRIs, strings and comments) and reports
// where '[' or '(' nesting first exceeds the limit.
class NestingGuard {
 public:
  static constexpr std::uint32_t kMaxDepth = 1000;

  void reset() { *this = NestingGuard(); }
  // Offset in `chunk` of the bracket that goes one level too deep, or nullopt.
  std::optional<std::size_t> scan(std::string_view chunk);

 private:
  enum class State : std::uint8_t {
    Normal,
    Iri,
    Comment,
    Quote1,  // one quote seen: a short string, or the start of "" / """
    Quote2,  // two quotes: an empty string, or a long string's opening
    Short,   // inside "…" or '…'
    Long,    // inside """…""" or '''…'''
  };
  State state_ = State::Normal;
  char quote_ = '"';
  bool escaped_ = false;      // the previous byte was a backslash
  std::uint8_t closing_ = 0;  // quotes seen towards the end of a long string
  std::uint32_t depth_ = 0;
};

}  // namespace wsiskg::import::detail
