#include "text_checks.hpp"

#include <cstring>

namespace wsiskg::import::detail {

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Unicode 15, table 3-7: the allowed range of the second byte depends on the first.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > n || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::optional<std::size_t> NestingGuard::scan(std::string_view chunk) {
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    switch (state_) {
      case State::Normal:
        switch (c) {
          case '[':
          case '(':
            if (++depth_ > kMaxDepth) return i;
            break;
          case ']':
          case ')':
            if (depth_ > 0) --depth_;
            break;
          case '<':
            state_ = State::Iri;
            break;
          case '#':
            state_ = State::Comment;
            break;
          case '"':
          case '\'':
            quote_ = c;
            state_ = State::Quote1;
            break;
          case '\\':  // an escaped character in a local name
            if (i + 1 < chunk.size()) ++i;
            break;
          default:
            break;
        }
        break;
      case State::Iri:
        if (c == '>') state_ = State::Normal;
        break;
      case State::Comment:
        if (c == '\n' || c == '\r') state_ = State::Normal;
        break;
      case State::Quote1:
        if (c == quote_) {
          state_ = State::Quote2;
        } else {
          state_ = State::Short;
          escaped_ = c == '\\';
        }
        break;
      case State::Quote2:
        if (c == quote_) {
          state_ = State::Long;
          escaped_ = false;
          closing_ = 0;
        } else {
          state_ = State::Normal;  // an empty string; look at this byte again
          --i;
        }
        break;
      case State::Short:
        if (escaped_) {
          escaped_ = false;
        } else if (c == '\\') {
          escaped_ = true;
        } else if (c == quote_ || c == '\n' || c == '\r') {
          state_ = State::Normal;
        }
        break;
      case State::Long:
        if (escaped_) {
          escaped_ = false;
          closing_ = 0;
        } else if (c == '\\') {
          escaped_ = true;
          closing_ = 0;
        } else if (c == quote_) {
          if (++closing_ == 3) state_ = State::Normal;
        } else {
          closing_ = 0;
        }
        break;
    }
  }
  return std::nullopt;
}

}  // namespace wsiskg::import::detail
