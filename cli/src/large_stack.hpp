#pragma once
// Runs a command on a thread with a large stack. Queries are trees, and a flat chain in the
// text (10,000 UNION branches, `a || b || …`, `p/p/…/p`) becomes a tree as deep as it is long;
// the parser, translator, optimizer and evaluator all recurse over it. The main thread's 8 MiB
// overflows at a few thousand levels; pages of a bigger stack are only committed when touched.

#include <cstddef>
#include <functional>

namespace wsiskg::cli {

inline constexpr std::size_t kCommandStackBytes = std::size_t{1} << 30;  // 1 GiB reserved

// Calls `command` on a thread with `stack_bytes` of stack and returns its result; exceptions
// propagate to the caller. Falls back to the calling thread if such a thread cannot be made.
int run_on_large_stack(const std::function<int()>& command,
                       std::size_t stack_bytes = kCommandStackBytes);

}  // namespace wsiskg::cli
