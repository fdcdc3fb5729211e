// Writes a synthetic scale-free graph as N-Triples for the path benchmark.
//
//   generate_scale_free [NODES] [EDGES_PER_NODE] [SEED] > graph.nt
//
// Growth with preferential attachment: node i links to EDGES_PER_NODE earlier nodes, each picked
// as the endpoint of a random earlier edge (probability 0.8, so proportional to degree) or
// uniformly (0.2). Each edge is oriented at random, so in- and out-degrees both follow a power
// law, and gets one of four predicates (40/30/20/10%). Every node is typed bench:Node; one in a
// hundred is also a bench:Sample (a class for --from-type). Deterministic for a given seed.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::uint64_t nodes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  std::uint64_t per_node = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 5;
  std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42;
  if (nodes < 2 || per_node < 1) {
    std::fprintf(stderr, "usage: generate_scale_free [NODES>=2] [EDGES_PER_NODE>=1] [SEED]\n");
    return 64;
  }
  constexpr const char* kNode = "<http://bench.wsiskg.org/n";
  constexpr const char* kPredicates[] = {
      "<http://bench.wsiskg.org/cites>", "<http://bench.wsiskg.org/links>",
      "<http://bench.wsiskg.org/partOf>", "<http://bench.wsiskg.org/mentions>"};
  constexpr const char* kType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::uint32_t> endpoints;  // both ends of every edge so far: degree-weighted pool
  endpoints.reserve(2 * nodes * per_node);
  std::string out;
  out.reserve(1 << 20);
  auto flush = [&] {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  auto predicate = [&]() -> const char* {
    double r = unit(rng);
    return kPredicates[r < 0.4 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 : 3];
  };
  for (std::uint64_t i = 0; i < nodes; ++i) {
    out += kNode + std::to_string(i) + "> " + kType + " <http://bench.wsiskg.org/Node> .\n";
    if (i % 100 == 7) {
      out += kNode + std::to_string(i) + "> " + kType + " <http://bench.wsiskg.org/Sample> .\n";
    }
    if (i == 0) continue;
    for (std::uint64_t e = 0; e < per_node; ++e) {
      std::uint64_t other;
      if (!endpoints.empty() && unit(rng) < 0.8) {
        other = endpoints[std::uniform_int_distribution<std::size_t>(0, endpoints.size() - 1)(rng)];
      } else {
        other = std::uniform_int_distribution<std::uint64_t>(0, i - 1)(rng);
      }
      bool outward = unit(rng) < 0.5;
      std::uint64_t s = outward ? i : other, o = outward ? other : i;
      out += kNode + std::to_string(s) + "> " + predicate() + " " + kNode + std::to_string(o) +
             "> .\n";
      endpoints.push_back(static_cast<std::uint32_t>(i));
      endpoints.push_back(static_cast<std::uint32_t>(other));
    }
    if (out.size() > (1 << 20)) flush();
  }
  flush();
  return std::fflush(stdout) == 0 ? 0 : 74;
}
