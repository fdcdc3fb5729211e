#pragma once
// UTF-8 and the \u/\U escapes every RDF syntax and SPARQL share (Unicode 15 table 3-7 for what
// is well-formed): used by the importers' checks, the SPARQL parser and the path-value reader.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wsiskg::rdf {

// Appends the UTF-8 encoding of code point `cp`.
void append_utf8(std::string& out, std::uint32_t cp);

// The value of hexadecimal digits (a \u or \U escape's), or nullopt for any other character.
std::optional<std::uint32_t> parse_hex(std::string_view digits);

// Length of the well-formed UTF-8 sequence starting at text[i] (1-4), or 0 when it is
// ill-formed: a bad lead byte, an overlong form, a surrogate, above U+10FFFF, a bad or missing
// continuation byte.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < low || second > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if (next < 0x80 || next > 0xBF) return 0;
  }
  return length;
}

// Offset of the first byte of an ill-formed UTF-8 sequence, or nullopt when `text` is
// well-formed.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

}  // namespace wsiskg::rdf
