#pragma once
// Fixed-width 64-bit term identifiers.
//
// Layout: the low 4 bits are the TermIdKind, the upper 60 bits a payload. Dictionary terms
// (IRIs, blank nodes, literals) carry a sequence number that grows with every new term, so
// new ids are always appended to the id->term table. Small canonical xsd:integer and
// xsd:boolean literals are inlined: their payload is the value itself, so FILTERs and
// ORDER BY on them need no dictionary lookup. Ids are stored big-endian in every index,
// so index order is numeric id order.

#include <cstdint>
#include <optional>

namespace wsiskg::store {

using TermId = std::uint64_t;

enum class TermIdKind : std::uint8_t {
  Special = 0,  // kAnyTerm, kDefaultGraph, kAnyNamedGraph
  Iri = 1,
  BlankNode = 2,
  SimpleLiteral = 3,  // xsd:string
  LangLiteral = 4,
  TypedLiteral = 5,  // any other datatype, not inlined
  InlineInteger = 6,
  InlineBoolean = 7,
};

inline constexpr unsigned kKindBits = 4;
inline constexpr TermId kKindMask = (TermId{1} << kKindBits) - 1;

constexpr TermIdKind kind_of(TermId id) { return static_cast<TermIdKind>(id & kKindMask); }
constexpr std::uint64_t payload_of(TermId id) { return id >> kKindBits; }
constexpr TermId make_term_id(TermIdKind kind, std::uint64_t payload) {
  return (payload << kKindBits) | static_cast<TermId>(kind);
}

// In a pattern: this position is unbound.
inline constexpr TermId kAnyTerm = 0;
// The graph position of a default-graph quad.
inline constexpr TermId kDefaultGraph = make_term_id(TermIdKind::Special, 1);
// In a pattern's graph position: any named graph (not the default graph).
inline constexpr TermId kAnyNamedGraph = make_term_id(TermIdKind::Special, 2);

// Inline integers cover [-2^59, 2^59); the payload is offset so unsigned order is numeric order.
inline constexpr std::int64_t kInlineIntegerMin = -(std::int64_t{1} << 59);
inline constexpr std::int64_t kInlineIntegerMax = (std::int64_t{1} << 59) - 1;

constexpr std::optional<TermId> inline_integer(std::int64_t value) {
  if (value < kInlineIntegerMin || value > kInlineIntegerMax) return std::nullopt;
  return make_term_id(TermIdKind::InlineInteger,
                      static_cast<std::uint64_t>(value - kInlineIntegerMin));
}
constexpr std::int64_t inline_integer_value(TermId id) {
  return static_cast<std::int64_t>(payload_of(id)) + kInlineIntegerMin;
}
constexpr TermId inline_boolean(bool value) {
  return make_term_id(TermIdKind::InlineBoolean, value ? 1 : 0);
}

constexpr bool is_literal_id(TermId id) {
  auto kind = kind_of(id);
  return kind >= TermIdKind::SimpleLiteral && kind <= TermIdKind::InlineBoolean;
}

}  // namespace wsiskg::store
