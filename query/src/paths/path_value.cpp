// Path values <-> their literal form (path_value.hpp). The reader accepts exactly what
// rdf::to_ntriples writes (IRIs with \uXXXX escapes, literals with ECHAR/UCHAR escapes).
#include "wsiskg/query/path_value.hpp"

#include <cstdint>

#include "wsiskg/rdf/utf8.hpp"

namespace wsiskg::query {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  bool consume(std::string_view token) {
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }

  std::optional<rdf::Term> term() {
    if (at_end()) return std::nullopt;
    char c = text_[pos_];
    if (c == '<') {
      auto iri = iri_body();
      if (!iri) return std::nullopt;
      return rdf::Term::iri(*iri);
    }
    if (c == '_' && consume("_:")) {
      std::size_t end = text_.find(' ', pos_);
      if (end == std::string_view::npos) end = text_.size();
      std::string label(text_.substr(pos_, end - pos_));
      pos_ = end;
      return rdf::Term::blank(label);
    }
    if (c == '"') {
      ++pos_;
      std::string lexical;
      for (;;) {
        if (at_end()) return std::nullopt;
        char d = text_[pos_++];
        if (d == '"') break;
        if (d != '\\') {
          lexical += d;
          continue;
        }
        if (at_end()) return std::nullopt;
        char e = text_[pos_++];
        switch (e) {
          case 'n':
            lexical += '\n';
            break;
          case 'r':
            lexical += '\r';
            break;
          case 't':
            lexical += '\t';
            break;
          case 'b':
            lexical += '\b';
            break;
          case 'f':
            lexical += '\f';
            break;
          case 'u':
          case 'U': {
            auto cp = hex(e == 'u' ? 4 : 8);
            if (!cp) return std::nullopt;
            rdf::append_utf8(lexical, *cp);
            break;
          }
          default:
            lexical += e;
        }
      }
      if (consume("@")) {
        std::size_t start = pos_;
        while (!at_end() && text_[pos_] != ' ') ++pos_;
        return rdf::Term::lang_literal(lexical, text_.substr(start, pos_ - start));
      }
      if (consume("^^")) {
        auto datatype = iri_body();
        if (!datatype) return std::nullopt;
        return rdf::Term::literal(lexical, *datatype);
      }
      return rdf::Term::literal(lexical);
    }
    return std::nullopt;
  }

 private:
  std::optional<std::uint32_t> hex(std::size_t digits) {
    if (pos_ + digits > text_.size()) return std::nullopt;
    const auto value = rdf::parse_hex(text_.substr(pos_, digits));
    pos_ += digits;
    return value;
  }
  std::optional<std::string> iri_body() {
    if (!consume("<")) return std::nullopt;
    std::string iri;
    for (;;) {
      if (at_end()) return std::nullopt;
      char c = text_[pos_++];
      if (c == '>') return iri;
      if (c == '\\') {
        if (at_end()) return std::nullopt;
        char e = text_[pos_++];
        auto cp = e == 'u' ? hex(4) : e == 'U' ? hex(8) : std::nullopt;
        if (!cp) return std::nullopt;
        rdf::append_utf8(iri, *cp);
      } else {
        iri += c;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string path_arrow_form(const PathValue& path, const TermSpelling& spell) {
  auto show = [&](const rdf::Term& t) { return spell ? spell(t) : rdf::to_ntriples(t); };
  if (path.nodes.empty()) return {};
  std::string text = show(path.nodes.front());
  for (std::size_t i = 0; i < path.steps.size() && i + 1 < path.nodes.size(); ++i) {
    const PathValue::Step& step = path.steps[i];
    text += step.forward ? " -" : " <-";
    text += show(step.predicate);
    text += step.forward ? "-> " : "- ";
    text += show(path.nodes[i + 1]);
  }
  return text;
}

rdf::Term path_term(const PathValue& path) {
  return rdf::Term::literal(path_arrow_form(path), kPathDatatype);
}

std::optional<PathValue> decode_path_term(const rdf::Term& term) {
  if (!is_path_term(term)) return std::nullopt;
  Reader in(term.value);
  PathValue path;
  auto first = in.term();
  if (!first) return std::nullopt;
  path.nodes.push_back(std::move(*first));
  while (!in.at_end()) {
    bool forward;
    if (in.consume(" -")) {
      forward = true;
    } else if (in.consume(" <-")) {
      forward = false;
    } else {
      return std::nullopt;
    }
    auto predicate = in.term();
    if (!predicate || !predicate->is_iri() || !in.consume(forward ? "-> " : "- "))
      return std::nullopt;
    auto node = in.term();
    if (!node) return std::nullopt;
    path.steps.push_back({std::move(*predicate), forward});
    path.nodes.push_back(std::move(*node));
  }
  return path;
}

}  // namespace wsiskg::query
