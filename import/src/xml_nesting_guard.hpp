#pragma once
// raptor 2's RDF/XML parser has no bound on element nesting and slows down with the square of
// the depth (5,000 levels: 0.5 s; 50,000: about a minute), so the depth is checked before the
// bytes reach it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wsiskg::import::detail {

// Follows XML text chunk by chunk (skipping comments, CDATA sections, processing instructions,
// declarations and quoted attribute values) and reports where element nesting first exceeds
// the limit, with its line and column.
class XmlNestingGuard {
 public:
  static constexpr std::uint32_t kMaxDepth = 1000;

  struct TooDeep {
    std::size_t offset;  // in the chunk: the '<' of the element one level too deep
    std::uint64_t line;
    std::uint64_t column;
  };
  std::optional<TooDeep> scan(std::string_view chunk);

 private:
  void enter_declaration(char c);  // "<!" did not open a comment or CDATA: skip to its '>'

  enum class State : std::uint8_t {
    Text,
    Open,         // after '<'
    StartTag,     // inside <name …>
    Quoted,       // inside an attribute value
    EndTag,       // inside </name …>
    Bang,         // after "<!": a comment, a CDATA section or a declaration
    BangDash,     // after "<!-"
    CdataOpen,    // matching "<![CDATA["
    Comment,      // inside <!-- … -->
    Cdata,        // inside <![CDATA[ … ]]>
    Declaration,  // inside <!DOCTYPE …> (with its internal subset) or similar
    Instruction,  // inside <? … ?>
  };
  State state_ = State::Text;
  char quote_ = '"';
  char previous_ = 0;           // the byte before this one inside a tag
  std::uint8_t matched_ = 0;    // bytes of "[CDATA[" or of a closing "-->" / "]]>" / "?>" seen
  std::uint32_t brackets_ = 0;  // '[' depth inside a declaration
  std::uint32_t depth_ = 0;
  std::uint64_t line_ = 1;
  std::uint64_t column_ = 0;     // of the byte just read
  std::uint64_t open_line_ = 1;  // where the current tag's '<' is
  std::uint64_t open_column_ = 0;
};

}  // namespace wsiskg::import::detail
