#pragma once
// Commands show terms with prefixed names where a prefix is known (rdf::PrefixMap).

#include "wsiskg/rdf/prefix_map.hpp"

namespace wsiskg::cli {

using TermDisplay = rdf::PrefixMap;

}  // namespace wsiskg::cli
