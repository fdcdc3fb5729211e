#include "text_checks.hpp"

#include <cstring>

namespace wsiskg::import::detail {

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
