#pragma once
// The readable arrow form of a path, shared by the CLI's tsv/table output and any tool that
// parses it back: `<a> -<p>-> <b> <-<q>- <c>` (a Forward step is "-p->", a Backward step
// "<-p-", meaning the triple is (c q b)). Terms are spelled by the caller's function.

#include <functional>
#include <string>

#include "wsiskg/graph/path.hpp"

namespace wsiskg::graph {

using TermSpeller = std::function<std::string(TermId)>;

std::string arrow_form(const Path& path, const TermSpeller& spell);

}  // namespace wsiskg::graph
