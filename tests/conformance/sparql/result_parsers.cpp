// Readers for the W3C expected-result files: SPARQL XML (expat), SPARQL JSON (nlohmann_json),
// TSV, CSV, and rs:ResultSet graphs.

#include <expat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "result_set.hpp"
#include "wsiskg/import/parser.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::conformance::sparql {

namespace {

[[noreturn]] void bad(const std::string& source, const std::string& message) {
  throw Error(ErrorKind::BadData, source + ": " + message);
}

std::size_t column_of(ResultSet& set, const std::string& name) {
  auto it = std::ranges::find(set.variables, name);
  if (it != set.variables.end()) return static_cast<std::size_t>(it - set.variables.begin());
  set.variables.push_back(name);  // a binding for an undeclared variable: keep it visible
  for (auto& row : set.rows) row.resize(set.variables.size());
  return set.variables.size() - 1;
}

// --- SPARQL XML ---------------------------------------------------------------------------

struct SrxState {
  ResultSet set;
  bool in_results = false;
  std::string binding;  // current binding's variable
  std::string text;
  bool collecting = false;
  std::string datatype, language;
};

const char* attribute(const XML_Char** atts, std::string_view name) {
  for (int i = 0; atts[i] != nullptr; i += 2) {
    if (name == atts[i]) return atts[i + 1];
  }
  return nullptr;
}

void XMLCALL srx_start(void* data, const XML_Char* name, const XML_Char** atts) {
  auto* s = static_cast<SrxState*>(data);
  const std::string_view element = name;
  if (element == "variable") {
    if (const char* v = attribute(atts, "name")) s->set.variables.emplace_back(v);
  } else if (element == "results") {
    s->in_results = true;
  } else if (element == "result") {
    s->set.rows.emplace_back(s->set.variables.size());
  } else if (element == "binding") {
    const char* v = attribute(atts, "name");
    s->binding = v != nullptr ? v : "";
  } else if (element == "uri" || element == "literal" || element == "bnode" ||
             element == "boolean") {
    s->collecting = true;
    s->text.clear();
    const char* dt = attribute(atts, "datatype");
    const char* lang = attribute(atts, "xml:lang");
    s->datatype = dt != nullptr ? dt : "";
    s->language = lang != nullptr ? lang : "";
  }
}

void XMLCALL srx_end(void* data, const XML_Char* name) {
  auto* s = static_cast<SrxState*>(data);
  const std::string_view element = name;
  if (element == "boolean") {
    s->set.kind = ResultSet::Kind::Boolean;
    s->set.boolean = s->text == "true";
    s->collecting = false;
    return;
  }
  if (element != "uri" && element != "literal" && element != "bnode") return;
  s->collecting = false;
  if (s->set.rows.empty()) return;
  rdf::Term term;
  if (element == "uri") {
    term = rdf::Term::iri(s->text);
  } else if (element == "bnode") {
    term = rdf::Term::blank(s->text);
  } else if (!s->language.empty()) {
    term = rdf::Term::lang_literal(s->text, s->language);
  } else if (!s->datatype.empty()) {
    term = rdf::Term::literal(s->text, s->datatype);
  } else {
    term = rdf::Term::literal(s->text);
  }
  const std::size_t col = column_of(s->set, s->binding);
  s->set.rows.back()[col] = std::move(term);
}

void XMLCALL srx_text(void* data, const XML_Char* text, int len) {
  auto* s = static_cast<SrxState*>(data);
  if (s->collecting) s->text.append(text, static_cast<std::size_t>(len));
}

// --- TSV / CSV ------------------------------------------------------------------------------

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = line.find(sep, start);
    out.push_back(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string unescape(std::string_view text, const std::string& source) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i >= text.size()) bad(source, "dangling backslash");
    switch (text[i]) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '"':
        out += '"';
        break;
      case '\'':
        out += '\'';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        const std::size_t n = text[i] == 'u' ? 4 : 8;
        if (i + n >= text.size()) bad(source, "short \\u escape");
        append_utf8(out, std::stoul(std::string(text.substr(i + 1, n)), nullptr, 16));
        i += n;
        break;
      }
      default:
        bad(source, "unknown escape \\" + std::string(1, text[i]));
    }
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<rdf::Term> tsv_term(std::string_view f, const std::string& source) {
  if (f.empty()) return std::nullopt;
  if (f.front() == '<' && f.back() == '>') {
    return rdf::Term::iri(unescape(f.substr(1, f.size() - 2), source));
  }
  if (f.starts_with("_:")) return rdf::Term::blank(f.substr(2));
  if (f.front() == '"') {
    std::size_t end = 1;
    while (end < f.size() && f[end] != '"') end += f[end] == '\\' ? 2 : 1;
    if (end >= f.size()) bad(source, "unterminated string in " + std::string(f));
    std::string lexical = unescape(f.substr(1, end - 1), source);
    std::string_view rest = f.substr(end + 1);
    if (rest.starts_with("@")) return rdf::Term::lang_literal(lexical, rest.substr(1));
    if (rest.starts_with("^^<") && rest.ends_with(">")) {
      return rdf::Term::literal(lexical, unescape(rest.substr(3, rest.size() - 4), source));
    }
    if (!rest.empty()) bad(source, "unexpected text after a literal: " + std::string(f));
    return rdf::Term::literal(lexical);
  }
  if (f == "true" || f == "false") return rdf::Term::literal(f, rdf::xsd::kBoolean);
  std::string_view body = f;
  if (body.front() == '+' || body.front() == '-') body.remove_prefix(1);
  if (all_digits(body)) return rdf::Term::literal(f, rdf::xsd::kInteger);
  if (body.find_first_of("eE") != std::string_view::npos) {
    // TSV may abbreviate numbers, and the W3C files spell some doubles "1.0e6" for the term
    // "1.0E6": bare doubles are read with the exponent marker as 'E' (on both sides of a
    // comparison, since the engine's TSV output is read back with this function too).
    std::string lexical(f);
    std::ranges::replace(lexical, 'e', 'E');
    return rdf::Term::literal(lexical, rdf::xsd::kDouble);
  }
  if (body.find('.') != std::string_view::npos) return rdf::Term::literal(f, rdf::xsd::kDecimal);
  bad(source, "cannot read TSV term " + std::string(f));
}

// RFC 4180 records (fields may hold quoted commas, quotes and line breaks).
std::vector<std::vector<std::string>> csv_records(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // CRLF and LF both end a record
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

// --- graphs -------------------------------------------------------------------------------

constexpr std::string_view kRs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";
constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

std::string rs(std::string_view local) {
  return std::string(kRs) + std::string(local);
}

}  // namespace

ResultSet parse_srx(std::string_view text, const std::string& source) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreate(nullptr), &XML_ParserFree);
  SrxState state;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), srx_start, srx_end);
  XML_SetCharacterDataHandler(parser.get(), srx_text);
  if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR) {
    bad(source, "XML error at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                    ": " + XML_ErrorString(XML_GetErrorCode(parser.get())));
  }
  return std::move(state.set);
}

ResultSet parse_srj(std::string_view text, const std::string& source) {
  ResultSet set;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    bad(source, e.what());
  }
  if (doc.contains("head") && doc["head"].contains("vars")) {
    for (const auto& v : doc["head"]["vars"]) set.variables.push_back(v.get<std::string>());
  }
  if (doc.contains("boolean")) {
    set.kind = ResultSet::Kind::Boolean;
    set.boolean = doc["boolean"].get<bool>();
    return set;
  }
  for (const auto& binding : doc.at("results").at("bindings")) {
    set.rows.emplace_back(set.variables.size());
    for (const auto& [name, value] : binding.items()) {
      const std::string type = value.at("type").get<std::string>();
      const std::string lexical = value.at("value").get<std::string>();
      rdf::Term term;
      if (type == "uri") {
        term = rdf::Term::iri(lexical);
      } else if (type == "bnode") {
        term = rdf::Term::blank(lexical);
      } else if (value.contains("xml:lang")) {
        term = rdf::Term::lang_literal(lexical, value["xml:lang"].get<std::string>());
      } else if (value.contains("datatype")) {
        term = rdf::Term::literal(lexical, value["datatype"].get<std::string>());
      } else {
        term = rdf::Term::literal(lexical);
      }
      const std::size_t col = column_of(set, name);
      set.rows.back()[col] = std::move(term);
    }
  }
  return set;
}

ResultSet parse_tsv(std::string_view text, const std::string& source) {
  ResultSet set;
  auto lines = lines_of(text);
  if (lines.empty()) bad(source, "no header line");
  for (auto name : split(lines[0], '\t')) {
    if (name.starts_with("?") || name.starts_with("$")) name.remove_prefix(1);
    set.variables.emplace_back(name);
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto fields = split(lines[i], '\t');
    if (fields.size() != set.variables.size()) {
      bad(source, "line " + std::to_string(i + 1) + " has " + std::to_string(fields.size()) +
                      " fields, expected " + std::to_string(set.variables.size()));
    }
    Row row;
    for (auto f : fields) row.push_back(tsv_term(f, source));
    set.rows.push_back(std::move(row));
  }
  return set;
}

ResultSet parse_csv(std::string_view text, const std::string& source) {
  ResultSet set;
  auto records = csv_records(text);
  if (records.empty()) bad(source, "no header line");
  set.variables = records[0];
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].size() != set.variables.size()) {
      bad(source, "record " + std::to_string(i + 1) + " has " + std::to_string(records[i].size()) +
                      " fields, expected " + std::to_string(set.variables.size()));
    }
    Row row;
    for (const auto& f : records[i]) {
      if (f.empty()) {
        row.emplace_back();
      } else if (f.starts_with("_:")) {
        row.push_back(rdf::Term::blank(f.substr(2)));
      } else {
        row.push_back(rdf::Term::literal(f));
      }
    }
    set.rows.push_back(std::move(row));
  }
  return set;
}

ResultSet result_set_from_graph(std::span<const rdf::Quad> triples) {
  ResultSet set;
  std::multimap<std::pair<rdf::Term, std::string>, rdf::Term> index;  // (s, p) -> o
  std::optional<rdf::Term> root;
  for (const auto& t : triples) {
    index.emplace(std::make_pair(t.subject, t.predicate.value), t.object);
    if (t.predicate.value == kRdfType && t.object.is_iri() && t.object.value == rs("ResultSet")) {
      root = t.subject;
    }
  }
  if (!root) {
    set.kind = ResultSet::Kind::Graph;
    for (auto t : triples) {
      t.graph.reset();
      set.triples.push_back(std::move(t));
    }
    return set;
  }
  auto objects = [&](const rdf::Term& s, const std::string& p) {
    std::vector<rdf::Term> out;
    auto [lo, hi] = index.equal_range({s, p});
    for (auto it = lo; it != hi; ++it) out.push_back(it->second);
    return out;
  };
  if (auto b = objects(*root, rs("boolean")); !b.empty()) {
    set.kind = ResultSet::Kind::Boolean;
    set.boolean = b.front().value == "true" || b.front().value == "1";
    return set;
  }
  for (const auto& v : objects(*root, rs("resultVariable"))) set.variables.push_back(v.value);
  std::vector<std::pair<long long, Row>> indexed;
  for (const auto& solution : objects(*root, rs("solution"))) {
    Row row(set.variables.size());
    for (const auto& binding : objects(solution, rs("binding"))) {
      auto vars = objects(binding, rs("variable"));
      auto values = objects(binding, rs("value"));
      if (vars.empty() || values.empty()) continue;
      const std::size_t col = column_of(set, vars.front().value);
      row.resize(set.variables.size());
      row[col] = values.front();
    }
    auto idx = objects(solution, rs("index"));
    indexed.emplace_back(idx.empty() ? 0 : std::stoll(idx.front().value), std::move(row));
  }
  std::ranges::stable_sort(indexed, {}, &std::pair<long long, Row>::first);
  for (auto& [i, row] : indexed) {
    row.resize(set.variables.size());
    set.rows.push_back(std::move(row));
  }
  return set;
}

ResultSet read_result_file(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  const std::string source = file.string();
  if (ext == ".ttl" || ext == ".nt" || ext == ".rdf") {
    std::vector<rdf::Quad> quads;
    import::ParseCallbacks callbacks;
    callbacks.on_statement = [&](const import::StatementView& st) {
      quads.push_back(
          {st.subject.to_term(), st.predicate.to_term(), st.object.to_term(), std::nullopt});
    };
    import::parse_file(source, {}, callbacks);
    return result_set_from_graph(quads);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::MissingInput, "cannot read " + source);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (ext == ".srx") return parse_srx(text, source);
  if (ext == ".srj") return parse_srj(text, source);
  if (ext == ".tsv") return parse_tsv(text, source);
  if (ext == ".csv") return parse_csv(text, source);
  bad(source, "unknown result file type " + ext);
}

}  // namespace wsiskg::conformance::sparql
