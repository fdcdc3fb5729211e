#pragma once
// Shared by the serd and raptor front ends.

#include <string>

#include "byte_source.hpp"
#include "wsiskg/import/parser.hpp"

namespace wsiskg::import::detail {

// `base` is the absolute base IRI to resolve relative references against.
void parse_serd(ByteSource& source, Format format, const std::string& base,
                const ParseOptions& options, const ParseCallbacks& callbacks);
void parse_rdfxml(ByteSource& source, const std::string& base, const ParseOptions& options,
                  const ParseCallbacks& callbacks);

// "file:///abs/path" for a local file (percent-encoding what IRIs cannot hold).
std::string file_uri(const std::string& path);

}  // namespace wsiskg::import::detail
