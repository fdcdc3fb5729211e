#include "output.hpp"

#include <cerrno>
#include <cstring>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::query::results {

namespace {
[[noreturn]] void write_failed() {
  const int error = errno != 0 ? errno : EIO;
  throw Error(ErrorKind::Io, std::string("cannot write query results: ") + std::strerror(error));
}
bool keepable(std::string_view label) {
  if (label.empty()) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(label.front())) return false;
  for (char c : label) {
    if (!alnum(c) && c != '_' && c != '-') return false;
  }
  return true;
}
}  // namespace

void Output::write(std::string_view text) {
  if (text.empty()) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) write_failed();
}

void Output::flush() {
  errno = 0;
  if (std::fflush(out_) != 0 || std::ferror(out_) != 0) write_failed();
}

const std::string& BlankLabels::operator()(const std::string& label) {
  if (keepable(label)) return label;
  auto it = renamed_.find(label);
  if (it == renamed_.end()) {
    it = renamed_.emplace(label, "_b" + std::to_string(renamed_.size())).first;
  }
  return it->second;
}

void SolutionWriter::begin_graph() {
  throw Error(ErrorKind::Usage, "CONSTRUCT/DESCRIBE triples cannot be written as " +
                                    std::string(format_name_) + "; choose nt or ttl");
}
void SolutionWriter::triple(const rdf::Quad&) {
  begin_graph();
}
void SolutionWriter::end_graph() {
  begin_graph();
}

void GraphWriter::begin_solutions(std::span<const std::string>) {
  throw Error(ErrorKind::Usage, "SELECT results cannot be written as " + std::string(format_name_) +
                                    "; choose table, csv, tsv, json or xml");
}
void GraphWriter::solution(SolutionRow) {
  begin_solutions({});
}
void GraphWriter::end_solutions() {
  begin_solutions({});
}
void GraphWriter::boolean(bool) {
  throw Error(ErrorKind::Usage, "ASK results cannot be written as " + std::string(format_name_) +
                                    "; choose table, csv, tsv, json or xml");
}

}  // namespace wsiskg::query::results
