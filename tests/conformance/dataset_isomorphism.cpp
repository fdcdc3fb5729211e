#include "dataset_isomorphism.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>

// Approach: quads without blank nodes must match exactly. For the rest, blank nodes get colours
// by hash-based colour refinement (1-dimensional Weisfeiler-Leman): a node's colour is hashed
// from its previous colour and the sorted signatures of the quads it occurs in, where a
// signature names each position's ground term, the neighbour's colour, or "this node". The
// hashes depend on structure only, so the colours of the two datasets are comparable. When
// refinement leaves several nodes sharing a colour, one node of the smallest such class is
// individualised against each same-coloured candidate on the other side in turn (backtracking),
// and refinement runs again. Every complete candidate mapping is verified quad by quad, so a
// hash collision can only cost time, never give a wrong "isomorphic".

namespace wsiskg::conformance {
namespace {

using Colour = std::uint64_t;

constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::uint64_t combine(std::uint64_t seed, std::uint64_t value) {
  return splitmix64(seed ^ (splitmix64(value) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// Tags for positions that hold no ground term; distinct per position so that roles differ.
constexpr Colour kDefaultGraphTag = 0x6ef1a5e3d2c4b701ULL;
constexpr Colour kSelfTag = 0x1d3c5b7a9f8e6d40ULL;
constexpr Colour kIndividualisedTag = 0x7c0ffee15bad5eedULL;
constexpr Colour kInitialColour = 0x243f6a8885a308d3ULL;

std::uint64_t hash_term(const rdf::Term& term) {
  std::hash<std::string_view> h;
  std::uint64_t seed = combine(0, static_cast<std::uint64_t>(term.kind) + 1);
  seed = combine(seed, h(term.value));
  seed = combine(seed, h(term.datatype));
  return combine(seed, h(term.language));
}

const rdf::Term* term_at(const rdf::Quad& quad, int position) {
  switch (position) {
    case 0:
      return &quad.subject;
    case 1:
      return &quad.predicate;
    case 2:
      return &quad.object;
    default:
      return quad.graph ? &*quad.graph : nullptr;
  }
}

bool has_blank(const rdf::Quad& quad) {
  for (int p = 0; p < 4; ++p) {
    const rdf::Term* t = term_at(quad, p);
    if (t != nullptr && t->is_blank()) return true;
  }
  return false;
}

// The blank-node part of one dataset, with nodes numbered densely.
struct BlankPart {
  std::vector<rdf::Quad> quads;                    // sorted, unique
  std::vector<std::string> labels;                 // node id -> label
  std::vector<std::array<int, 4>> node_at;         // per quad and position: node id or -1
  std::vector<std::array<Colour, 4>> ground;       // per quad and position: term hash or tag
  std::vector<std::vector<std::size_t>> quads_of;  // node id -> quads it occurs in (once each)

  explicit BlankPart(std::vector<rdf::Quad> blank_quads) : quads(std::move(blank_quads)) {
    std::unordered_map<std::string, int> ids;
    node_at.resize(quads.size());
    ground.resize(quads.size());
    for (std::size_t q = 0; q < quads.size(); ++q) {
      for (int p = 0; p < 4; ++p) {
        const rdf::Term* t = term_at(quads[q], p);
        node_at[q][p] = -1;
        if (t == nullptr) {
          ground[q][p] = kDefaultGraphTag;
        } else if (t->is_blank()) {
          auto [it, inserted] = ids.try_emplace(t->value, static_cast<int>(labels.size()));
          if (inserted) {
            labels.push_back(t->value);
            quads_of.emplace_back();
          }
          node_at[q][p] = it->second;
          auto& list = quads_of[static_cast<std::size_t>(it->second)];
          if (list.empty() || list.back() != q) list.push_back(q);
        } else {
          ground[q][p] = hash_term(*t);
        }
      }
    }
  }

  std::size_t size() const { return labels.size(); }

  // One refinement round.
  std::vector<Colour> refine_once(const std::vector<Colour>& colour) const {
    std::vector<Colour> next(colour.size());
    std::vector<Colour> signatures;
    for (std::size_t n = 0; n < colour.size(); ++n) {
      signatures.clear();
      for (std::size_t q : quads_of[n]) {
        Colour sig = 0;
        for (int p = 0; p < 4; ++p) {
          int other = node_at[q][p];
          Colour part = other < 0 ? ground[q][p]
                        : static_cast<std::size_t>(other) == n
                            ? kSelfTag
                            : colour[static_cast<std::size_t>(other)];
          sig = combine(sig, combine(static_cast<Colour>(p), part));
        }
        signatures.push_back(sig);
      }
      std::ranges::sort(signatures);
      Colour c = combine(kInitialColour, colour[n]);
      for (Colour s : signatures) c = combine(c, s);
      next[n] = c;
    }
    return next;
  }
};

std::size_t distinct_count(const std::vector<Colour>& colour) {
  return std::unordered_set<Colour>(colour.begin(), colour.end()).size();
}

std::vector<Colour> sorted_copy(std::vector<Colour> v) {
  std::ranges::sort(v);
  return v;
}

class Matcher {
 public:
  Matcher(const BlankPart& a, const BlankPart& b) : a_(a), b_(b) {}

  bool run() {
    std::vector<Colour> ca(a_.size(), kInitialColour);
    std::vector<Colour> cb(b_.size(), kInitialColour);
    return search(std::move(ca), std::move(cb));
  }

  std::size_t branches() const { return branches_; }

 private:
  // Refines both colourings in lockstep until neither partition splits further. Returns false
  // as soon as the colour multisets differ (no isomorphism can respect them).
  bool refine(std::vector<Colour>& ca, std::vector<Colour>& cb) const {
    std::size_t classes_a = distinct_count(ca);
    std::size_t classes_b = distinct_count(cb);
    for (;;) {
      if (classes_a != classes_b) return false;
      std::vector<Colour> na = a_.refine_once(ca);
      std::vector<Colour> nb = b_.refine_once(cb);
      std::size_t next_a = distinct_count(na);
      std::size_t next_b = distinct_count(nb);
      ca = std::move(na);
      cb = std::move(nb);
      if (next_a == classes_a && next_b == classes_b) break;
      classes_a = next_a;
      classes_b = next_b;
    }
    return sorted_copy(ca) == sorted_copy(cb);
  }

  bool verify(const std::vector<Colour>& ca, const std::vector<Colour>& cb) const {
    std::unordered_map<Colour, std::size_t> b_by_colour;
    for (std::size_t i = 0; i < cb.size(); ++i) b_by_colour.emplace(cb[i], i);
    auto image = [&](int node) {
      return rdf::Term::blank(b_.labels[b_by_colour.at(ca[static_cast<std::size_t>(node)])]);
    };
    for (std::size_t q = 0; q < a_.quads.size(); ++q) {
      rdf::Quad mapped = a_.quads[q];
      const std::array<int, 4>& nodes = a_.node_at[q];
      if (nodes[0] >= 0) mapped.subject = image(nodes[0]);
      if (nodes[1] >= 0) mapped.predicate = image(nodes[1]);
      if (nodes[2] >= 0) mapped.object = image(nodes[2]);
      if (nodes[3] >= 0) mapped.graph = image(nodes[3]);
      if (!std::ranges::binary_search(b_.quads, mapped)) return false;
    }
    return true;  // same size, injective mapping, every image present: a bijection of quads
  }

  bool search(std::vector<Colour> ca, std::vector<Colour> cb) {
    ++branches_;
    if (!refine(ca, cb)) return false;
    // The smallest colour class with more than one node (ties: smallest colour).
    std::unordered_map<Colour, std::size_t> class_size;
    for (Colour c : ca) ++class_size[c];
    std::optional<Colour> pick;
    for (auto [c, n] : class_size) {
      if (n < 2) continue;
      if (!pick || n < class_size[*pick] || (n == class_size[*pick] && c < *pick)) pick = c;
    }
    if (!pick) return verify(ca, cb);
    std::size_t a_node = 0;
    while (ca[a_node] != *pick) ++a_node;
    Colour marked = combine(*pick, kIndividualisedTag);
    for (std::size_t b_node = 0; b_node < cb.size(); ++b_node) {
      if (cb[b_node] != *pick) continue;
      std::vector<Colour> na = ca;
      std::vector<Colour> nb = cb;
      na[a_node] = marked;
      nb[b_node] = marked;
      if (search(std::move(na), std::move(nb))) return true;
    }
    return false;
  }

  const BlankPart& a_;
  const BlankPart& b_;
  std::size_t branches_ = 0;
};

std::vector<rdf::Quad> sorted_unique(std::span<const rdf::Quad> quads) {
  std::vector<rdf::Quad> out(quads.begin(), quads.end());
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

IsomorphismResult compare_datasets(std::span<const rdf::Quad> actual,
                                   std::span<const rdf::Quad> expected) {
  std::vector<rdf::Quad> a = sorted_unique(actual);
  std::vector<rdf::Quad> b = sorted_unique(expected);

  std::vector<rdf::Quad> a_ground, a_blank, b_ground, b_blank;
  for (auto& q : a) (has_blank(q) ? a_blank : a_ground).push_back(std::move(q));
  for (auto& q : b) (has_blank(q) ? b_blank : b_ground).push_back(std::move(q));

  IsomorphismResult result;
  std::vector<rdf::Quad> missing, extra;
  std::ranges::set_difference(b_ground, a_ground, std::back_inserter(missing));
  std::ranges::set_difference(a_ground, b_ground, std::back_inserter(extra));
  if (!missing.empty() || !extra.empty()) {
    result.explanation = fmt::format(
        "ground quads differ: {} expected but missing, {} unexpected\nmissing:\n{}unexpected:\n{}",
        missing.size(), extra.size(), dump_nquads(missing, 20), dump_nquads(extra, 20));
    return result;
  }

  BlankPart pa(std::move(a_blank));
  BlankPart pb(std::move(b_blank));
  if (pa.quads.size() != pb.quads.size() || pa.size() != pb.size()) {
    result.explanation = fmt::format(
        "blank-node parts differ in size: actual {} quads over {} blank nodes, expected {} quads "
        "over {} blank nodes",
        pa.quads.size(), pa.size(), pb.quads.size(), pb.size());
    return result;
  }
  Matcher matcher(pa, pb);
  result.isomorphic = matcher.run();
  if (!result.isomorphic) {
    result.explanation = fmt::format(
        "no blank-node bijection maps the {} quads with blank nodes onto each other ({} search "
        "branches)",
        pa.quads.size(), matcher.branches());
  }
  return result;
}

std::string dump_nquads(std::span<const rdf::Quad> quads, std::size_t max_lines) {
  std::vector<std::string> lines;
  lines.reserve(quads.size());
  for (const auto& q : quads) {
    // Control characters are legal unescaped in N-Quads literals, but not readable in a log.
    std::string line;
    for (unsigned char c : rdf::to_nquads_line(q)) {
      if (c < 0x20 || c == 0x7F) {
        line += fmt::format("\\u{:04X}", c);
      } else {
        line += static_cast<char>(c);
      }
    }
    lines.push_back(std::move(line));
  }
  std::ranges::sort(lines);
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < max_lines; ++i) {
    out += "  ";
    out += lines[i];
    out += '\n';
  }
  if (lines.size() > max_lines) out += fmt::format("  ... {} more\n", lines.size() - max_lines);
  return out;
}

}  // namespace wsiskg::conformance
