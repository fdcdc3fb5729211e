#pragma once
// Keys of the "meta" database. Values are little-endian fixed-width integers.

#include <string_view>

namespace wsiskg::store::meta {

inline constexpr std::string_view kFormatVersion = "format_version";  // uint32
inline constexpr std::string_view kNextSequence = "next_sequence";    // uint64: next term sequence

}  // namespace wsiskg::store::meta
