#include "wsiskg/import/format.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace wsiskg::import {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<Format> format_from_name(std::string_view name) {
  const std::string n = lowered(name);
  if (n == "nt" || n == "ntriples" || n == "n-triples") return Format::NTriples;
  if (n == "nq" || n == "nquads" || n == "n-quads") return Format::NQuads;
  if (n == "ttl" || n == "turtle") return Format::Turtle;
  if (n == "trig") return Format::TriG;
  if (n == "rdfxml" || n == "rdf/xml" || n == "xml" || n == "rdf" || n == "owl") {
    return Format::RdfXml;
  }
  return std::nullopt;
}

std::optional<Format> format_from_path(const std::filesystem::path& path) {
  std::filesystem::path p = path;
  if (lowered(p.extension().string()) == ".gz") p = p.stem();
  std::string ext = lowered(p.extension().string());
  if (ext.empty()) return std::nullopt;
  ext.erase(0, 1);
  if (ext == "nt") return Format::NTriples;
  if (ext == "nq") return Format::NQuads;
  if (ext == "ttl") return Format::Turtle;
  if (ext == "trig") return Format::TriG;
  if (ext == "rdf" || ext == "owl" || ext == "xml") return Format::RdfXml;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::NTriples:
      return "nt";
    case Format::NQuads:
      return "nq";
    case Format::Turtle:
      return "ttl";
    case Format::TriG:
      return "trig";
    case Format::RdfXml:
      return "rdfxml";
  }
  return "unknown";
}

bool has_graphs(Format format) {
  return format == Format::NQuads || format == Format::TriG;
}

}  // namespace wsiskg::import
