#pragma once
// A small, independent N-Triples/N-Quads reader used as the test oracle for expected results.
// Evaluation tests compare our Turtle/TriG parser against .nt/.nq files; reading those with the
// same serd-based code under test would let a bug shared by both paths (say, a literal cut at
// a NUL byte) pass unnoticed. It accepts the canonical form the W3C result files use and is not
// a validating parser.

#include <filesystem>
#include <string_view>
#include <vector>

#include "wsiskg/rdf/term.hpp"

namespace wsiskg::conformance {

// Throws wsiskg::Error(BadData) with line:column on input it does not understand,
// MissingInput when the file cannot be read.
std::vector<rdf::Quad> read_reference_nquads(std::string_view text, const std::string& source);
std::vector<rdf::Quad> read_reference_nquads_file(const std::filesystem::path& file);

}  // namespace wsiskg::conformance
