// A table for people: "?var" headers, aligned columns, prefixed names, readable literals, and a
// row-count footer. Column widths come from the first rows (kept in memory up to kWidthSample),
// so a huge result still streams after that.

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "output.hpp"
#include "term_syntax.hpp"
#include "wsiskg/query/path_value.hpp"

namespace wsiskg::query::results {

namespace {

constexpr std::size_t kDefaultCellLimit = 60;
constexpr std::size_t kWidthSample = 1000;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

// Display width counted in Unicode code points (UTF-8 lead bytes).
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `text` cut to at most `limit` code points, ending in an ellipsis when cut.
std::string truncate_cell(std::string text, std::size_t limit) {
  if (limit == 0 || display_width(text) <= limit) return text;
  std::size_t points = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (points == limit - 1) break;
      ++points;
    }
  }
  text.resize(i);
  text += kEllipsis;
  return text;
}

std::size_t cell_limit(std::FILE* out) {
  winsize size{};
  if (::isatty(::fileno(out)) != 0 && ::ioctl(::fileno(out), TIOCGWINSZ, &size) == 0 &&
      size.ws_col > kDefaultCellLimit) {
    return size.ws_col;
  }
  return kDefaultCellLimit;
}

class TableWriter final : public SolutionWriter {
 public:
  TableWriter(std::FILE* out, rdf::PrefixMap prefixes)
      : SolutionWriter("a table"),
        out_(out),
        prefixes_(std::move(prefixes)),
        limit_(cell_limit(out)) {}

  void begin_solutions(std::span<const std::string> variables) override {
    header_.clear();
    for (const auto& name : variables) header_.push_back("?" + name);
    widths_.assign(header_.size(), 0);
    for (std::size_t i = 0; i < header_.size(); ++i) widths_[i] = display_width(header_[i]);
  }

  void solution(SolutionRow row) override {
    std::vector<std::string> cells(header_.size());
    for (std::size_t i = 0; i < cells.size() && i < row.size(); ++i) {
      if (!row[i]) continue;
      // A path is the answer itself: never cut it.
      cells[i] = is_path_term(*row[i]) ? show(*row[i]) : truncate_cell(show(*row[i]), limit_);
    }
    ++rows_;
    if (started_) {
      write_row(cells);
      return;
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
      widths_[i] = std::max(widths_[i], display_width(cells[i]));
    }
    pending_.push_back(std::move(cells));
    if (pending_.size() >= kWidthSample) start();
  }

  void end_solutions() override {
    if (!started_) start();
    out_.write(rows_ == 1 ? "1 row\n" : std::to_string(rows_) + " rows\n");
    out_.flush();
  }

  void boolean(bool value) override {
    out_.write(value ? "true\n" : "false\n");
    out_.flush();
  }

 private:
  void start() {
    started_ = true;
    if (!header_.empty()) {
      write_row(header_);
      std::vector<std::string> rule;
      for (std::size_t width : widths_) {
        std::string dashes;
        for (std::size_t k = 0; k < width; ++k) dashes += "\xE2\x94\x80";  // ─
        rule.push_back(std::move(dashes));
      }
      write_row(rule);
    }
    for (const auto& cells : pending_) write_row(cells);
    pending_.clear();
  }

  void write_row(const std::vector<std::string>& cells) {
    if (cells.empty()) return;
    line_.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i != 0) line_ += "  ";
      line_ += cells[i];
      if (i + 1 < cells.size()) {
        const std::size_t width = display_width(cells[i]);
        if (width < widths_[i]) line_.append(widths_[i] - width, ' ');
      }
    }
    while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    line_ += '\n';
    out_.write(line_);
  }

  std::string show(const rdf::Term& term) {
    if (auto path = decode_path_term(term))  // `wsis:UNESCO -wsis:facilitates-> al:C3 …`
      return path_arrow_form(*path, [&](const rdf::Term& t) { return show(t); });
    switch (term.kind) {
      case rdf::TermKind::Iri:
        return prefixes_.show(term);
      case rdf::TermKind::BlankNode:
        return "_:" + blanks_(term.value);
      case rdf::TermKind::Literal:
        break;
    }
    if (has_turtle_shorthand(term)) return term.value;
    std::string text = "\"";
    rdf::append_escaped_literal_text(text, term.value);
    text += '"';
    if (!term.language.empty()) {
      text += '@';
      text += term.language;
    } else if (!term.datatype.empty() && term.datatype != rdf::xsd::kString) {
      text += "^^";
      text += prefixes_.show(rdf::Term::iri(term.datatype));
    }
    return text;
  }

  Output out_;
  rdf::PrefixMap prefixes_;
  std::size_t limit_;
  std::vector<std::string> header_;
  std::vector<std::size_t> widths_;
  std::vector<std::vector<std::string>> pending_;
  bool started_ = false;
  std::uint64_t rows_ = 0;
  std::string line_;
  BlankLabels blanks_;
};

}  // namespace

std::unique_ptr<ResultSink> make_table_writer(std::FILE* out, rdf::PrefixMap prefixes) {
  return std::make_unique<TableWriter>(out, std::move(prefixes));
}

}  // namespace wsiskg::query::results
