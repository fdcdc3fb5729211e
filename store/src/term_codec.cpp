#include "term_codec.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <charconv>

#include "lmdb.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store::codec {
namespace {

bool is_canonical_integer(std::string_view lexical, std::int64_t& value) {
  if (lexical.empty() || lexical.size() > 20) return false;
  auto [end, ec] = std::from_chars(lexical.data(), lexical.data() + lexical.size(), value);
  if (ec != std::errc{} || end != lexical.data() + lexical.size()) return false;
  // Lexical identity: only the spelling std::to_string would produce is inlined.
  char buffer[24];
  auto [out, ec2] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec2 == std::errc{} && std::string_view(buffer, out - buffer) == lexical;
}

void append_varint(std::string& out, std::size_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

std::size_t read_varint(std::string_view& in) {
  std::size_t value = 0;
  for (unsigned shift = 0; !in.empty() && shift < 64; shift += 7) {
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    value |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  throw Error(ErrorKind::Io, "corrupt term encoding in the store dictionary");
}

std::string_view take_prefixed(std::string_view& in) {
  std::size_t length = read_varint(in);
  if (length > in.size()) throw Error(ErrorKind::Io, "corrupt term encoding in the dictionary");
  auto field = in.substr(0, length);
  in.remove_prefix(length);
  return field;
}

}  // namespace

std::optional<TermId> inline_id(const rdf::TermRef& term) {
  if (term.kind != rdf::TermKind::Literal || !term.language.empty()) return std::nullopt;
  if (term.datatype == rdf::xsd::kInteger) {
    std::int64_t value = 0;
    if (is_canonical_integer(term.value, value)) return inline_integer(value);
  } else if (term.datatype == rdf::xsd::kBoolean) {
    if (term.value == "true") return inline_boolean(true);
    if (term.value == "false") return inline_boolean(false);
  }
  return std::nullopt;
}

TermIdKind encode(const rdf::TermRef& term, std::string& out) {
  out.clear();
  TermIdKind kind = TermIdKind::Iri;
  switch (term.kind) {
    case rdf::TermKind::Iri:
      kind = TermIdKind::Iri;
      out += static_cast<char>(kind);
      break;
    case rdf::TermKind::BlankNode:
      kind = TermIdKind::BlankNode;
      out += static_cast<char>(kind);
      break;
    case rdf::TermKind::Literal:
      if (!term.language.empty()) {
        kind = TermIdKind::LangLiteral;
        out += static_cast<char>(kind);
        append_varint(out, term.language.size());
        // Language tags compare case-insensitively; rdf::Term keeps them lower-cased.
        for (char c : term.language) {
          out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
      } else if (term.datatype.empty() || term.datatype == rdf::xsd::kString) {
        kind = TermIdKind::SimpleLiteral;
        out += static_cast<char>(kind);
      } else {
        kind = TermIdKind::TypedLiteral;
        out += static_cast<char>(kind);
        append_varint(out, term.datatype.size());
        out += term.datatype;
      }
      break;
  }
  out += term.value;
  return kind;
}

rdf::Term decode_inline(TermId id) {
  switch (kind_of(id)) {
    case TermIdKind::InlineInteger:
      return rdf::Term::literal(std::to_string(inline_integer_value(id)), rdf::xsd::kInteger);
    case TermIdKind::InlineBoolean:
      return rdf::Term::literal(payload_of(id) != 0 ? "true" : "false", rdf::xsd::kBoolean);
    default:
      throw Error(ErrorKind::Io, fmt::format("term id {:#x} is not an inline literal", id));
  }
}

rdf::Term decode(TermId id, std::string_view encoded) {
  if (encoded.empty() ||
      static_cast<unsigned char>(encoded.front()) != static_cast<unsigned char>(kind_of(id))) {
    throw Error(ErrorKind::Io, fmt::format("corrupt dictionary entry for term id {:#x}", id));
  }
  encoded.remove_prefix(1);
  switch (kind_of(id)) {
    case TermIdKind::Iri:
      return rdf::Term::iri(encoded);
    case TermIdKind::BlankNode:
      return rdf::Term::blank(fmt::format("b{:x}", payload_of(id)));
    case TermIdKind::SimpleLiteral:
      return rdf::Term::literal(encoded);
    case TermIdKind::LangLiteral: {
      auto language = take_prefixed(encoded);
      return {rdf::TermKind::Literal, std::string(encoded), std::string(rdf::kRdfLangString),
              std::string(language)};
    }
    case TermIdKind::TypedLiteral: {
      auto datatype = take_prefixed(encoded);
      return rdf::Term::literal(encoded, datatype);
    }
    default:
      throw Error(ErrorKind::Io, fmt::format("term id {:#x} is not a dictionary id", id));
  }
}

Hash hash(std::string_view encoded) {
  XXH128_hash_t h = XXH3_128bits(encoded.data(), encoded.size());
  Hash out;
  lmdb::store_be64(out.data(), h.high64);
  lmdb::store_be64(out.data() + 8, h.low64);
  return out;
}

}  // namespace wsiskg::store::codec
