#pragma once
// Index rows (ids in an index's component order) and a stable LSD radix sort for them. Bulk
// inserts sort each batch once per index; radix passes over only the bits that vary beat
// comparison sorts several times over on millions of rows.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace wsiskg::store {

struct Row {
  std::array<std::uint64_t, 4> v;
};
inline bool operator<(const Row& a, const Row& b) {
  if (a.v[0] != b.v[0]) return a.v[0] < b.v[0];
  if (a.v[1] != b.v[1]) return a.v[1] < b.v[1];
  if (a.v[2] != b.v[2]) return a.v[2] < b.v[2];
  return a.v[3] < b.v[3];
}
inline bool operator==(const Row& a, const Row& b) {
  return a.v == b.v;
}

// Stably sorts `rows` by components [0, components), keeping the existing order among ties.
// `scratch` is reused between calls.
void radix_sort(std::vector<Row>& rows, std::size_t components, std::vector<Row>& scratch);

}  // namespace wsiskg::store
