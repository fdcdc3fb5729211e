#include <algorithm>
#include <cctype>

#include "output.hpp"
#include "wsiskg/query/results.hpp"

namespace wsiskg::query {

std::optional<ResultFormat> result_format_from_name(std::string_view name) {
  std::string lower(name);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "table") return ResultFormat::Table;
  if (lower == "csv") return ResultFormat::Csv;
  if (lower == "tsv") return ResultFormat::Tsv;
  if (lower == "json" || lower == "srj") return ResultFormat::Json;
  if (lower == "xml" || lower == "srx") return ResultFormat::Xml;
  if (lower == "nt" || lower == "ntriples" || lower == "n-triples") return ResultFormat::NTriples;
  if (lower == "ttl" || lower == "turtle") return ResultFormat::Turtle;
  return std::nullopt;
}

std::unique_ptr<ResultSink> make_result_writer(ResultFormat format, std::FILE* out,
                                               ResultWriterOptions options) {
  switch (format) {
    case ResultFormat::Table:
      return results::make_table_writer(out, std::move(options.prefixes));
    case ResultFormat::Csv:
      return results::make_csv_writer(out);
    case ResultFormat::Tsv:
      return results::make_tsv_writer(out);
    case ResultFormat::Json:
      return results::make_json_writer(out);
    case ResultFormat::Xml:
      return results::make_xml_writer(out);
    case ResultFormat::NTriples:
      return results::make_ntriples_writer(out);
    case ResultFormat::Turtle:
      return results::make_turtle_writer(out, std::move(options.prefixes));
  }
  return nullptr;
}

}  // namespace wsiskg::query
