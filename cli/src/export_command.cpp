// wsiskg export — write the store (or one graph) as N-Quads, N-Triples, Turtle or TriG.

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "cli_context.hpp"
#include "graph_argument.hpp"
#include "wsiskg/import/exporter.hpp"
#include "wsiskg/import/format.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

struct ExportArguments {
  std::string format;
  std::string graph;
  std::string output;
};

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

import::Format choose_format(const ExportArguments& args) {
  if (!args.format.empty()) {
    auto format = import::format_from_name(args.format);
    if (!format || *format == import::Format::RdfXml) {
      throw Error(ErrorKind::Usage,
                  fmt::format("unknown export format '{}' (use nq, nt, ttl or trig)", args.format));
    }
    return *format;
  }
  if (!args.output.empty()) {
    if (auto format = import::format_from_path(args.output);
        format && *format != import::Format::RdfXml) {
      return *format;
    }
  }
  return args.graph.empty() ? import::Format::NQuads : import::Format::NTriples;
}

int run_export(const CliContext& ctx, const ExportArguments& args) {
  store::Store store = ctx.open_for_reading();
  store::ReadTransaction txn = store.begin_read();

  import::ExportOptions options;
  options.format = choose_format(args);
  if (!args.graph.empty()) options.graph = resolve_graph(txn, args.graph);

  std::unique_ptr<std::FILE, FileCloser> file;
  std::FILE* out = stdout;
  if (!args.output.empty() && args.output != "-") {
    file.reset(std::fopen(args.output.c_str(), "wb"));
    if (!file) {
      throw Error(ErrorKind::Io,
                  fmt::format("cannot write '{}': {}", args.output, std::strerror(errno)));
    }
    out = file.get();
  }
  std::uint64_t written = import::export_store(txn, out, options);
  if (std::fflush(out) != 0) {
    throw Error(ErrorKind::Io, fmt::format("writing the export failed: {}", std::strerror(errno)));
  }
  if (file && !ctx.quiet) {
    fmt::print(stderr, "exported {} statements to {}\n", written, args.output);
  }
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ExportArguments>();
  CLI::App* cmd = app.add_subcommand("export", "Write the store's statements to stdout or a file");
  cmd->add_option("--format", args->format,
                  "nq, nt, ttl or trig (default: from -o's extension, else nq; nt with --graph)");
  cmd->add_option("--graph", args->graph, "Only this graph: an IRI, or 'default'");
  cmd->add_option("-o,--output", args->output, "Write to this file instead of stdout");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_export(ctx, *args); }; });
}

}  // namespace wsiskg::cli
