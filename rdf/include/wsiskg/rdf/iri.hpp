#pragma once
// RFC 3986 §5.2 reference resolution, for relative IRIs and relative @base/BASE in Turtle,
// TriG and SPARQL (serd 0.30 merges paths but keeps "." and ".." segments, §5.2.4), and for
// SPARQL's IRI() function.
// IRIs are handled as opaque byte strings split on the ASCII delimiters ":/?#", which is all
// resolution needs (RFC 3987 §6.5: IRIs resolve like URIs).

#include <string>
#include <string_view>

namespace wsiskg::rdf {

// True when `iri` begins with a scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
bool has_scheme(std::string_view iri);

// RFC 3986 §5.2.4: removes "." and ".." segments from a path.
std::string remove_dot_segments(std::string_view path);

// RFC 3986 §5.2.2 (strict): resolves `reference` against the absolute IRI `base`. A reference
// with a scheme only has its dot segments removed.
std::string resolve_iri(std::string_view reference, std::string_view base);

}  // namespace wsiskg::rdf
