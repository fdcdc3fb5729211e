#include "index_layout.hpp"

#include "lmdb.hpp"

namespace wsiskg::store {
namespace {

constexpr Component S = Component::Subject;
constexpr Component P = Component::Predicate;
constexpr Component O = Component::Object;
constexpr Component G = Component::Graph;

constexpr std::array<IndexLayout, kIndexCount> kLayouts{{
    {IndexId::Spo, "spo", false, {S, P, O, G}},
    {IndexId::Pos, "pos", false, {P, O, S, G}},
    {IndexId::Osp, "osp", false, {O, S, P, G}},
    {IndexId::Spog, "spog", true, {S, P, O, G}},
    {IndexId::Posg, "posg", true, {P, O, S, G}},
    {IndexId::Ospg, "ospg", true, {O, S, P, G}},
    {IndexId::Gspo, "gspo", true, {G, S, P, O}},
    {IndexId::Gpos, "gpos", true, {G, P, O, S}},
    {IndexId::Gosp, "gosp", true, {G, O, S, P}},
}};

}  // namespace

const IndexLayout& layout(IndexId id) {
  return kLayouts[static_cast<std::size_t>(id)];
}
std::span<const IndexLayout> all_layouts() {
  return kLayouts;
}

void encode_dup(const IndexLayout& index, const IdQuad& quad, unsigned char* out) {
  for (std::size_t i = 1; i < index.arity(); ++i) {
    lmdb::store_be64(out + (i - 1) * 8, quad[index.order[i]]);
  }
}

IdQuad decode_entry(const IndexLayout& index, std::uint64_t key, const unsigned char* dup) {
  IdQuad quad;
  quad.graph = kDefaultGraph;
  set_component(quad, index.order[0], key);
  for (std::size_t i = 1; i < index.arity(); ++i) {
    set_component(quad, index.order[i], lmdb::load_be64(dup + (i - 1) * 8));
  }
  return quad;
}

}  // namespace wsiskg::store
