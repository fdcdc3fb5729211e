// libFuzzer targets for the import parsers, one binary per format (WSISKG_FUZZ_FORMAT is set by
// fuzz/CMakeLists.txt): the input is parsed from memory, strictly and then leniently, and every
// statement's terms are touched so ASan sees reads of whatever the parser handed out.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "wsiskg/import/parser.hpp"
#include "wsiskg/rdf/term.hpp"

namespace {

using wsiskg::import::Format;

constexpr Format kFormat = Format::WSISKG_FUZZ_FORMAT;

// Where each input's work ends up, so the compiler cannot drop it.
volatile std::size_t observed = 0;

std::size_t touch(const wsiskg::rdf::TermRef& term) {
  // Serialising reads every byte of the lexical form, datatype and language tag.
  return wsiskg::rdf::to_ntriples(term.to_term()).size();
}

void parse(std::string_view text, bool lenient) {
  wsiskg::import::ParseOptions options;
  options.format = kFormat;
  options.base = "http://example.org/base/doc";
  options.lenient = lenient;
  std::size_t sink = 0;
  wsiskg::import::ParseCallbacks callbacks;
  callbacks.on_statement = [&](const wsiskg::import::StatementView& s) {
    sink += touch(s.subject) + touch(s.predicate) + touch(s.object);
    if (s.graph) sink += touch(*s.graph);
  };
  callbacks.on_prefix = [&](std::string_view prefix, std::string_view iri) {
    sink += prefix.size() + iri.size();
  };
  callbacks.on_error = [&](const wsiskg::Error& e) { sink += e.message().size(); };
  wsiskg::fuzz::expect_only_wsiskg_errors(
      [&] { wsiskg::import::parse_string(text, kFormat, "<fuzz>", options, callbacks); });
  observed = observed + sink;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse(text, /*lenient=*/false);
  parse(text, /*lenient=*/true);
  return 0;
}
