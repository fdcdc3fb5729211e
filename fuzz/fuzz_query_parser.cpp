// libFuzzer target: the SPARQL parser alone (text -> AST). A wsiskg::Error is the parser's
// answer to bad input; any other exception, a sanitizer report or a crash is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "wsiskg/query/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wsiskg::fuzz::expect_only_wsiskg_errors([&] {
    // A base makes relative IRIs resolve, so the IRI resolver is fuzzed as well.
    (void)wsiskg::query::parse_query(text, "<fuzz>", "http://example.org/base/");
  });
  return 0;
}
