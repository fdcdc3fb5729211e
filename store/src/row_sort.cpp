#include "row_sort.hpp"

#include <algorithm>

namespace wsiskg::store {
namespace {

constexpr unsigned kDigitBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::uint64_t kDigitMask = kBuckets - 1;

}  // namespace

void radix_sort(std::vector<Row>& rows, std::size_t components, std::vector<Row>& scratch) {
  if (rows.size() < 2 || components == 0) return;
  if (rows.size() < 256) {  // small: a comparison sort is cheaper than histograms
    std::stable_sort(rows.begin(), rows.end(), [components](const Row& a, const Row& b) {
      for (std::size_t c = 0; c < components; ++c) {
        if (a.v[c] != b.v[c]) return a.v[c] < b.v[c];
      }
      return false;
    });
    return;
  }
  // Bits that differ between rows, per component: constant digits need no pass.
  std::array<std::uint64_t, 4> any{}, all{~0ull, ~0ull, ~0ull, ~0ull};
  for (const Row& row : rows) {
    for (std::size_t c = 0; c < components; ++c) {
      any[c] |= row.v[c];
      all[c] &= row.v[c];
    }
  }
  scratch.resize(rows.size());
  std::vector<std::size_t> counts(kBuckets);
  for (std::size_t c = components; c-- > 0;) {
    std::uint64_t varying = any[c] ^ all[c];
    for (unsigned shift = 0; shift < 64; shift += kDigitBits) {
      if (((varying >> shift) & kDigitMask) == 0) continue;
      std::fill(counts.begin(), counts.end(), 0);
      for (const Row& row : rows) ++counts[(row.v[c] >> shift) & kDigitMask];
      std::size_t sum = 0;
      for (auto& count : counts) {
        std::size_t n = count;
        count = sum;
        sum += n;
      }
      for (const Row& row : rows) scratch[counts[(row.v[c] >> shift) & kDigitMask]++] = row;
      rows.swap(scratch);
    }
  }
}

}  // namespace wsiskg::store
