#pragma once
// The nine quad indexes: which components form the key and the fixed-size duplicate values.
// Default-graph indexes hold triples (graph implicit); named-graph indexes hold quads.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "wsiskg/store/quad_pattern.hpp"

namespace wsiskg::store {

enum class IndexId : std::uint8_t { Spo, Pos, Osp, Spog, Posg, Ospg, Gspo, Gpos, Gosp };
inline constexpr std::size_t kIndexCount = 9;

struct IndexLayout {
  IndexId id;
  const char* name;
  bool named;                      // named-graph index (4 components)
  std::array<Component, 4> order;  // key component, then duplicate components (G last
                                   // and implicit for default-graph indexes)
  std::size_t arity() const { return named ? 4 : 3; }
  std::size_t dup_size() const { return (arity() - 1) * 8; }
};

const IndexLayout& layout(IndexId id);
std::span<const IndexLayout> all_layouts();

// Builds the big-endian duplicate value of `quad` for `index` into `out` (dup_size bytes).
void encode_dup(const IndexLayout& index, const IdQuad& quad, unsigned char* out);
// Rebuilds a quad from an index key and duplicate value.
IdQuad decode_entry(const IndexLayout& index, std::uint64_t key, const unsigned char* dup);

inline TermId component(const IdQuad& quad, Component c) {
  return quad[c];
}
inline void set_component(IdQuad& quad, Component c, TermId value) {
  switch (c) {
    case Component::Subject:
      quad.subject = value;
      break;
    case Component::Predicate:
      quad.predicate = value;
      break;
    case Component::Object:
      quad.object = value;
      break;
    case Component::Graph:
      quad.graph = value;
      break;
  }
}

}  // namespace wsiskg::store
