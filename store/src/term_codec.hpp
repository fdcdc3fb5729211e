#pragma once
// Byte encoding of dictionary terms (the id2term value and the term2id hash input), and the
// inline ids of small canonical integers and booleans.
//
// Encoding: one tag byte (the TermIdKind) then the fields. Only the language tag and the datatype
// carry a length prefix (LEB128); the lexical form / IRI / label runs to the end, so any byte,
// NUL included, is allowed.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wsiskg/rdf/term.hpp"
#include "wsiskg/store/term_id.hpp"

namespace wsiskg::store::codec {

// The inline id of a canonical xsd:integer (as std::to_string prints it, in range) or
// xsd:boolean ("true"/"false"); nullopt for every other term.
std::optional<TermId> inline_id(const rdf::TermRef& term);

// Replaces `out` with the encoding of a non-inline term; returns its kind.
TermIdKind encode(const rdf::TermRef& term, std::string& out);

// The term of an inline id.
rdf::Term decode_inline(TermId id);
// The term of a dictionary id from its encoding. Blank nodes get the store-unique label
// "b" + lowercase hex of the sequence number.
rdf::Term decode(TermId id, std::string_view encoded);

// XXH3-128 of an encoding, as the 16-byte big-endian term2id key.
using Hash = std::array<unsigned char, 16>;
Hash hash(std::string_view encoded);

}  // namespace wsiskg::store::codec
