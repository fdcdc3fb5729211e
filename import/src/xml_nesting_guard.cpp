#include "xml_nesting_guard.hpp"

namespace wsiskg::import::detail {

namespace {
constexpr std::string_view kCdataOpen = "[CDATA[";
}  // namespace

std::optional<XmlNestingGuard::TooDeep> XmlNestingGuard::scan(std::string_view chunk) {
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c == '\n') {
      ++line_;
      column_ = 0;
    } else {
      ++column_;
    }
    switch (state_) {
      case State::Text:
        if (c == '<') {
          state_ = State::Open;
          open_line_ = line_;
          open_column_ = column_;
        }
        break;
      case State::Open:
        if (c == '/') {
          state_ = State::EndTag;
          if (depth_ > 0) --depth_;
        } else if (c == '?') {
          state_ = State::Instruction;
          matched_ = 0;
        } else if (c == '!') {
          state_ = State::Bang;
        } else {
          // The '<' came just before (or ended the previous chunk, already passed on).
          if (++depth_ > kMaxDepth) return TooDeep{i > 0 ? i - 1 : 0, open_line_, open_column_};
          state_ = State::StartTag;
          previous_ = c;
        }
        break;
      case State::StartTag:
        if (c == '"' || c == '\'') {
          quote_ = c;
          state_ = State::Quoted;
        } else if (c == '>') {
          if (previous_ == '/' && depth_ > 0) --depth_;  // <empty/>
          state_ = State::Text;
        }
        previous_ = c;
        break;
      case State::Quoted:
        if (c == quote_) state_ = State::StartTag;
        previous_ = c;
        break;
      case State::EndTag:
        if (c == '>') state_ = State::Text;
        break;
      case State::Bang:
        if (c == '-') {
          state_ = State::BangDash;
        } else if (c == kCdataOpen[0]) {
          state_ = State::CdataOpen;
          matched_ = 1;
        } else {
          enter_declaration(c);
        }
        break;
      case State::BangDash:
        if (c == '-') {
          state_ = State::Comment;
          matched_ = 0;
        } else {
          enter_declaration(c);
        }
        break;
      case State::CdataOpen:
        if (c != kCdataOpen[matched_]) {
          enter_declaration(c);
          ++brackets_;  // the '[' matched already, as in <![INCLUDE[ … ]]>
        } else if (++matched_ == kCdataOpen.size()) {
          state_ = State::Cdata;
          matched_ = 0;
        }
        break;
      case State::Comment:  // ends at "-->"
        if (c == '-') {
          if (matched_ < 2) ++matched_;
        } else {
          if (c == '>' && matched_ == 2) state_ = State::Text;
          matched_ = 0;
        }
        break;
      case State::Cdata:  // ends at "]]>"
        if (c == ']') {
          if (matched_ < 2) ++matched_;
        } else {
          if (c == '>' && matched_ == 2) state_ = State::Text;
          matched_ = 0;
        }
        break;
      case State::Declaration:
        if (c == '[') {
          ++brackets_;
        } else if (c == ']') {
          if (brackets_ > 0) --brackets_;
        } else if (c == '>' && brackets_ == 0) {
          state_ = State::Text;
        }
        break;
      case State::Instruction:  // ends at "?>"
        if (c == '>' && matched_ == 1) state_ = State::Text;
        matched_ = c == '?' ? 1 : 0;
        break;
    }
  }
  return std::nullopt;
}

void XmlNestingGuard::enter_declaration(char c) {
  state_ = c == '>' ? State::Text : State::Declaration;
  brackets_ = c == '[' ? 1 : 0;
}

}  // namespace wsiskg::import::detail
