// wsiskg query — run a SPARQL query against the store.

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli_context.hpp"
#include "path_drawing.hpp"
#include "wsiskg/query/engine.hpp"
#include "wsiskg/query/path_value.hpp"
#include "wsiskg/query/results.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

struct QueryArguments {
  std::string text;
  std::string file;
  std::string format;
  std::vector<std::string> explain;
  bool explain_given = false;
  double timeout_seconds = 0;
  std::uint64_t memory_limit_mb = 4096;
  bool time = false;
  unsigned repeat = 1;
  std::string default_graph = "union";
};

// Creates the real writer when the first result arrives, so the default format can depend on
// the query form (solutions vs triples) and on whether stdout is a terminal.
class LazyWriter final : public query::ResultSink {
 public:
  LazyWriter(std::optional<query::ResultFormat> format, rdf::PrefixMap prefixes)
      : format_(format), prefixes_(std::move(prefixes)) {}
  void begin_solutions(std::span<const std::string> v) override { get(false).begin_solutions(v); }
  void solution(query::SolutionRow row) override { sink_->solution(row); }
  void end_solutions() override { sink_->end_solutions(); }
  void boolean(bool value) override { get(false).boolean(value); }
  void begin_graph() override { get(true).begin_graph(); }
  void triple(const rdf::Quad& t) override { sink_->triple(t); }
  void end_graph() override { sink_->end_graph(); }

 private:
  query::ResultSink& get(bool graph) {
    if (!sink_) {
      bool tty = isatty(fileno(stdout)) != 0;
      query::ResultFormat f =
          format_ ? *format_
          : graph ? (tty ? query::ResultFormat::Turtle : query::ResultFormat::NTriples)
                  : (tty ? query::ResultFormat::Table : query::ResultFormat::Tsv);
      query::ResultWriterOptions options;
      options.prefixes = prefixes_;
      sink_ = query::make_result_writer(f, stdout, std::move(options));
    }
    return *sink_;
  }
  std::optional<query::ResultFormat> format_;
  rdf::PrefixMap prefixes_;
  std::unique_ptr<query::ResultSink> sink_;
};

// `--format dot|svg`: collects every path value of a SELECT result (path-search extension)
// into one drawing, written at the end.
class PathDrawingSink final : public query::ResultSink {
 public:
  void begin_solutions(std::span<const std::string>) override {}
  void solution(query::SolutionRow row) override {
    for (const auto& term : row) {
      if (!term) continue;
      if (auto path = query::decode_path_term(*term)) {
        drawing.add(*path);
        ++paths;
      }
    }
  }
  void end_solutions() override {}
  void boolean(bool) override { reject(); }
  void begin_graph() override { reject(); }
  void triple(const rdf::Quad&) override {}
  void end_graph() override {}

  PathDrawing drawing;
  std::uint64_t paths = 0;

 private:
  [[noreturn]] static void reject() {
    throw Error(ErrorKind::Usage,
                "--format dot/svg draws the path values of a SELECT result (ASK, CONSTRUCT and "
                "DESCRIBE have none)");
  }
};

// Discards results (repeated runs of --repeat).
class NullSink final : public query::ResultSink {
 public:
  void begin_solutions(std::span<const std::string>) override {}
  void solution(query::SolutionRow) override {}
  void end_solutions() override {}
  void boolean(bool) override {}
  void begin_graph() override {}
  void triple(const rdf::Quad&) override {}
  void end_graph() override {}
};

std::string read_query_text(const QueryArguments& args) {
  if (!args.text.empty() && !args.file.empty())
    throw Error(ErrorKind::Usage, "give the query as TEXT or with -f FILE, not both");
  if (!args.text.empty()) return args.text;
  if (!args.file.empty()) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) throw Error(ErrorKind::MissingInput, fmt::format("cannot read '{}'", args.file));
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  std::ostringstream text;
  text << std::cin.rdbuf();
  return text.str();
}

int run_query(const CliContext& ctx, QueryArguments args) {
  // `--explain 'SELECT …'`: the option swallowed the query text.
  if (!args.explain.empty() && args.explain.front() != "analyze") {
    if (!args.text.empty())
      throw Error(ErrorKind::Usage,
                  fmt::format("--explain takes no value or 'analyze', not '{}'", args.explain[0]));
    args.text = args.explain.front();
    args.explain.clear();
  }
  std::optional<query::ResultFormat> format;
  bool drawing = args.format == "dot" || args.format == "svg";
  if (!args.format.empty() && !drawing) {
    format = query::result_format_from_name(args.format);
    if (!format)
      throw Error(
          ErrorKind::Usage,
          fmt::format("unknown --format '{}' (table, csv, tsv, json, xml, nt, ttl, dot, svg)",
                      args.format));
  }
  query::QueryOptions options;
  options.predeclared_prefixes = true;
  if (args.default_graph == "union")
    options.default_graph = query::DefaultGraph::Union;
  else if (args.default_graph == "store")
    options.default_graph = query::DefaultGraph::Store;
  else
    throw Error(ErrorKind::Usage, fmt::format("--default-graph must be union or store, not '{}'",
                                              args.default_graph));
  options.timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(args.timeout_seconds * 1000));
  options.memory_limit_bytes = args.memory_limit_mb * 1024 * 1024;
  if (args.repeat == 0) throw Error(ErrorKind::Usage, "--repeat must be at least 1");

  std::string text = read_query_text(args);
  store::Store store = ctx.open_for_reading();
  store::ReadTransaction txn = store.begin_read();

  if (args.explain_given) {
    bool analyze = !args.explain.empty() && args.explain.front() == "analyze";
    std::string plan = query::explain_query(
        txn, text, options, analyze ? query::ExplainMode::Analyze : query::ExplainMode::Plan);
    std::fwrite(plan.data(), 1, plan.size(), stdout);
    return 0;
  }

  if (drawing) {
    PathDrawingSink sink;
    query::execute_query(txn, text, options, sink);
    std::string dot = sink.drawing.dot(rdf::PrefixMap(txn.prefixes()));
    if (args.format == "svg") {
      write_svg(dot);
    } else {
      std::fwrite(dot.data(), 1, dot.size(), stdout);
    }
    std::fflush(stdout);
    if (sink.paths == 0)
      fmt::print(stderr,
                 "wsiskg: warning: the result holds no path values; bind one with "
                 "`?s ANY SHORTEST (path AS ?p) ?o` (README, \"Paths in queries\")\n");
    return 0;
  }

  LazyWriter writer(format, rdf::PrefixMap(txn.prefixes()));
  NullSink null;
  std::vector<double> times;
  std::uint64_t rows = 0;
  for (unsigned i = 0; i < args.repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto summary = query::execute_query(
        txn, text, options,
        i == 0 ? static_cast<query::ResultSink&>(writer) : static_cast<query::ResultSink&>(null));
    if (i == 0) std::fflush(stdout);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    rows = summary.rows;
  }
  if (args.time) {
    std::sort(times.begin(), times.end());
    std::size_t n = times.size();
    double median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    fmt::print(stderr, "time_ms={:.3f} rows={}\n", median, rows);
  }
  return 0;
}

}  // namespace

void add_query_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<QueryArguments>();
  CLI::App* cmd =
      app.add_subcommand("query", "Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)");
  cmd->add_option("TEXT", args->text, "The query text (else -f FILE, else standard input)");
  cmd->add_option("-f,--file", args->file, "Read the query from FILE");
  cmd->add_option("--format", args->format,
                  "Result format: table, csv, tsv, json, xml (SELECT/ASK); nt, ttl "
                  "(CONSTRUCT/DESCRIBE); dot, svg (a drawing of the result's path values). "
                  "Default: table (Turtle for graphs) on a terminal, tsv (N-Triples) otherwise");
  auto* explain = cmd->add_option("--explain", args->explain,
                                  "Print the physical plan with estimated rows per operator "
                                  "instead of results; '--explain analyze' also runs the query "
                                  "and adds actual rows and time per operator")
                      ->expected(0, 1);
  cmd->add_option("--timeout", args->timeout_seconds,
                  "Cancel the query after SECONDS (exit 75); default: no limit");
  cmd->add_option("--memory-limit", args->memory_limit_mb,
                  "Cancel the query when its hash tables, sort buffers and path closures exceed "
                  "this many MiB (exit 75); 0: no limit")
      ->default_val(4096);
  cmd->add_flag("--time", args->time,
                "Print 'time_ms=<ms> rows=<n>' to stderr: parse+plan+execute+output, without "
                "process start and store open");
  cmd->add_option("--repeat", args->repeat,
                  "Run the query N times (results printed once); --time reports the median")
      ->default_val(1);
  cmd->add_option("--default-graph", args->default_graph,
                  "What the query's default graph is without FROM: 'union' (default: the RDF "
                  "merge of the default graph and every named graph — the WSIS knowledge base "
                  "keeps each source in its own named graph) or 'store' (the store's default "
                  "graph only, standard SPARQL)")
      ->default_val("union");
  cmd->footer(
      "The store's prefixes (from imported files) and rdf, rdfs, xsd, owl, skos, dcterms may be "
      "used without PREFIX lines; the query's own PREFIX lines take precedence.\n"
      "Exit status: 0 ok (also with no rows), 64 usage error, 65 query syntax error, 66 missing "
      "input, 74 store error, 75 cancelled (--timeout or --memory-limit; the store is only "
      "read, never changed).");
  cmd->callback([&ctx, args, explain] {
    args->explain_given = explain->count() > 0;
    ctx.action = [&ctx, args] { return run_query(ctx, *args); };
  });
}

}  // namespace wsiskg::cli
