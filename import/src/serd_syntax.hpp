#pragma once
// The serd syntax of a format; RDF/XML is raptor2's, so it has none.

#include <serd/serd.h>

#include <optional>

#include "wsiskg/import/format.hpp"

namespace wsiskg::import {

inline std::optional<SerdSyntax> serd_syntax(Format format) {
  switch (format) {
    case Format::NTriples:
      return SERD_NTRIPLES;
    case Format::NQuads:
      return SERD_NQUADS;
    case Format::Turtle:
      return SERD_TURTLE;
    case Format::TriG:
      return SERD_TRIG;
    case Format::RdfXml:
      break;
  }
  return std::nullopt;
}

}  // namespace wsiskg::import
