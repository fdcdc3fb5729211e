#include "wsiskg/graph/path_text.hpp"

namespace wsiskg::graph {

std::string arrow_form(const Path& path, const TermSpeller& spell) {
  std::string text = spell(path.nodes.front());
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    const Step& step = path.steps[i];
    bool forward = step.direction == Direction::Forward;
    text += forward ? " -" : " <-";
    text += spell(step.predicate);
    text += forward ? "-> " : "- ";
    text += spell(path.nodes[i + 1]);
  }
  return text;
}

}  // namespace wsiskg::graph
