#include "generated_data.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

namespace wsiskg::reliability {

std::uint64_t write_ntriples(const std::filesystem::path& path, const GeneratedTriples& spec) {
  std::ofstream out(path, std::ios::binary);
  std::mt19937_64 random(spec.seed);
  const std::string base = "http://example.org/" + spec.name + "/";
  std::uint64_t own = 0;
  std::string line;
  for (std::uint64_t i = 0; i < spec.count; ++i) {
    // One statement per subject index keeps every statement distinct.
    line = "<" + base + "s/" + std::to_string(i) + "> ";
    if (spec.own_predicate_every != 0 && i % spec.own_predicate_every == 0) {
      line += "<http://example.org/p/" + spec.name + "> <" + base + "o/" +
              std::to_string(random() % 1000) + "> .\n";
      ++own;
    } else {
      switch (random() % 5) {
        case 0:
          line += "<http://example.org/p/knows> <" + base + "s/" +
                  std::to_string(random() % (spec.count + 1)) + "> .\n";
          break;
        case 1:
          line += "<http://example.org/p/label> \"label " + std::to_string(random() % 100000) +
                  " \\\"quoted\\\" caf\xC3\xA9\"@en .\n";
          break;
        case 2:
          line += "<http://example.org/p/size> \"" + std::to_string(random() % 1000000) +
                  "\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n";
          break;
        case 3:
          line += "<http://example.org/p/date> \"20" + std::to_string(10 + random() % 15) +
                  "-01-0" + std::to_string(1 + random() % 9) +
                  "\"^^<http://www.w3.org/2001/XMLSchema#date> .\n";
          break;
        default:
          line += "<http://example.org/p/node> _:n" + std::to_string(random() % 5000) + " .\n";
          break;
      }
    }
    out << line;
  }
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return own;
}

}  // namespace wsiskg::reliability
