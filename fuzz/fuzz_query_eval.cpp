// libFuzzer target: parse, plan and run a query on a small fixed store, writing the results in
// one of the W3C formats to /dev/null. The store is built once per process (LLVMFuzzerInitialize)
// in a temporary directory under /dev/shm from kDataset: named graphs, literals of many
// datatypes, language tags, blank nodes, lists and cycles, so joins, paths, casts and ordering
// all meet real data. Each query runs under a short timeout and a memory limit: a hostile query
// (cartesian product, path explosion) must end in wsiskg::Error(Cancelled), never in a hang.

#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "fuzz_support.hpp"
#include "wsiskg/import/importer.hpp"
#include "wsiskg/query/engine.hpp"
#include "wsiskg/query/results.hpp"
#include "wsiskg/store/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::string_view kDataset = R"(
@prefix : <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

:a :p :b ; :q 1 ; :r "alpha" ; rdfs:label "A"@en, "Ah"@fr-BE ; a :Thing .
:b :p :c ; :q 2.5 ; :r "beta"^^xsd:string ; rdfs:label "B"@en ; a :Thing .
:c :p :a ; :q -3.0e2 ; :r "" ; a :Other .
:c :p :c .
:d :q "42"^^xsd:integer, "042"^^xsd:int, "4.2"^^xsd:decimal, "INF"^^xsd:double, "NaN"^^xsd:float ;
   :bool true, "0"^^xsd:boolean, "maybe"^^xsd:boolean ;
   :when "2024-02-29T12:30:00Z"^^xsd:dateTime, "2023-01-01"^^xsd:date,
         "2024-02-29T12:30:00.5+05:30"^^xsd:dateTime, "P1Y2M"^^xsd:duration, "12:00:00"^^xsd:time ;
   :odd "abc"^^xsd:integer, "x"^^<http://example.org/unknownType>, "<b>"^^rdf:XMLLiteral ;
   :text "line\nbreak \"quoted\" tab\t", "\u00e9t\u00e9 \U0001F600", "a,b;c\\d" ;
   :list (1 "two" :a (3)) ;
   :blank [ :p :a ; :q [ :p :b ] ] .
_:x :p _:y . _:y :p _:x . _:x :q 7 .
:e :p :e .
:a :knows :b . :b :knows :c . :c :knows :d . :d :knows :a .
:p rdfs:subPropertyOf :knows .

GRAPH :g1 {
  :a :p :d ; :q 10 .
  :d :p :a .
  :g1 :source "first"@en-GB .
}
GRAPH :g2 {
  :b :p :b ; :q "10"^^xsd:decimal .
  _:z :r "in g2" .
}
GRAPH _:g3 { :e :q 0 . }
)";

struct Fixture {
  fs::path directory;
  std::optional<wsiskg::store::Store> store;
  std::FILE* devnull = nullptr;

  ~Fixture() {
    if (devnull != nullptr) std::fclose(devnull);
    store.reset();
    std::error_code ignored;
    fs::remove_all(directory, ignored);
  }
};

std::unique_ptr<Fixture> fixture;

void remove_fixture() {
  fixture.reset();
}

// Solutions go to one of the solution formats, triples to one of the graph formats; which one is
// derived from the input's size so each format sees many queries.
class FormatSink final : public wsiskg::query::ResultSink {
 public:
  FormatSink(std::FILE* out, std::size_t choice) {
    using wsiskg::query::ResultFormat;
    static constexpr ResultFormat kSolutions[] = {ResultFormat::Json, ResultFormat::Xml,
                                                  ResultFormat::Csv, ResultFormat::Tsv,
                                                  ResultFormat::Table};
    static constexpr ResultFormat kGraphs[] = {ResultFormat::NTriples, ResultFormat::Turtle};
    wsiskg::query::ResultWriterOptions options;
    options.prefixes = wsiskg::rdf::PrefixMap({{"ex", "http://example.org/"}});
    solutions_ = wsiskg::query::make_result_writer(kSolutions[choice % 5], out, options);
    graphs_ = wsiskg::query::make_result_writer(kGraphs[choice % 2], out, options);
  }
  void begin_solutions(std::span<const std::string> variables) override {
    solutions_->begin_solutions(variables);
  }
  void solution(wsiskg::query::SolutionRow row) override { solutions_->solution(row); }
  void end_solutions() override { solutions_->end_solutions(); }
  void boolean(bool value) override { solutions_->boolean(value); }
  void begin_graph() override { graphs_->begin_graph(); }
  void triple(const wsiskg::rdf::Quad& triple) override { graphs_->triple(triple); }
  void end_graph() override { graphs_->end_graph(); }

 private:
  std::unique_ptr<wsiskg::query::ResultSink> solutions_;
  std::unique_ptr<wsiskg::query::ResultSink> graphs_;
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture = std::make_unique<Fixture>();
  const fs::path shm = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  fixture->directory = shm / ("wsiskg-fuzz-eval-" + std::to_string(::getpid()));
  fs::remove_all(fixture->directory);
  fs::create_directories(fixture->directory);
  const fs::path data = fixture->directory / "data.trig";
  std::ofstream(data) << kDataset;
  fixture->store = wsiskg::store::Store::open(fixture->directory / "db");
  const std::vector<std::string> files{data.string()};
  const auto report = wsiskg::import::import_files(*fixture->store, files, {});
  if (report.added == 0) {
    std::fprintf(stderr, "fuzz_query_eval: the fixed dataset did not load\n");
    std::abort();
  }
  fixture->devnull = std::fopen("/dev/null", "w");
  std::atexit(remove_fixture);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wsiskg::query::QueryOptions options;
  options.default_graph =
      size % 2 == 0 ? wsiskg::query::DefaultGraph::Union : wsiskg::query::DefaultGraph::Store;
  options.base_iri = "http://example.org/base/";
  options.timeout = 200ms;
  options.memory_limit_bytes = 64u << 20;
  options.predeclared_prefixes = true;
  const auto txn = fixture->store->begin_read();
  wsiskg::fuzz::expect_only_wsiskg_errors([&] {
    FormatSink sink(fixture->devnull, size);
    wsiskg::query::execute_query(txn, text, options, sink);
  });
  // The plan printer walks every operator; cheap next to execution, and a separate code path.
  wsiskg::fuzz::expect_only_wsiskg_errors([&] {
    (void)wsiskg::query::explain_query(txn, text, options, wsiskg::query::ExplainMode::Plan);
  });
  return 0;
}
