// wsiskg import FILE... — load RDF documents in one atomic transaction.

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include "cli_context.hpp"
#include "progress_line.hpp"
#include "wsiskg/import/format.hpp"
#include "wsiskg/import/importer.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

struct ImportArguments {
  std::vector<std::string> files;
  std::string format;
  std::string graph;
  std::string base;
  bool lenient = false;
};

// SIGINT / SIGTERM during an import: the handler only records the signal; the importer polls it
// between batches and before the commit, then rolls back (exit 75). SA_RESETHAND: a second
// signal terminates at once, which is just as safe (LMDB never sees a half-written commit).
volatile std::sig_atomic_t received_signal = 0;

extern "C" void record_signal(int signal) {
  received_signal = signal;
}

class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction action {};
    action.sa_handler = record_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static std::optional<std::string> why() {
    if (received_signal == 0) return std::nullopt;
    return fmt::format("interrupted by {}: the import was rolled back, the store is unchanged",
                       received_signal == SIGINT ? "SIGINT" : "SIGTERM");
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::string strip_angle_brackets(std::string iri) {
  if (iri.size() >= 2 && iri.front() == '<' && iri.back() == '>') iri = iri.substr(1, iri.size() - 2);
  return iri;
}

int run_import(const CliContext& ctx, const ImportArguments& args) {
  import::ImportOptions options;
  if (!args.format.empty()) {
    options.format = import::format_from_name(args.format);
    if (!options.format) {
      throw Error(ErrorKind::Usage,
                  fmt::format("unknown format '{}' (use nt, nq, ttl, trig or rdfxml)", args.format));
    }
  }
  if (!args.graph.empty()) options.graph = strip_angle_brackets(args.graph);
  if (!args.base.empty()) options.base = strip_angle_brackets(args.base);
  options.lenient = args.lenient;

  ProgressLine progress(!ctx.quiet);
  options.on_progress = [&](const import::ImportProgress& p) {
    double rate = p.seconds > 0 ? static_cast<double>(p.statements) / p.seconds : 0;
    progress.show(fmt::format("importing: {} statements  {}/s  {} read", format_count(p.statements),
                              format_rate(rate), format_bytes(p.bytes_read)));
  };
  options.on_skipped = [&](const Error& e) {
    progress.clear();
    fmt::print(stderr, "wsiskg: skipped: {}\n", e.what());
  };

  InterruptGuard interrupts;
  options.cancelled = &InterruptGuard::why;
  store::Store store = ctx.open_for_writing();
  if (auto why = InterruptGuard::why()) throw Error(ErrorKind::Cancelled, *why);
  import::ImportReport report = import::import_files(store, args.files, options);
  progress.clear();

  if (!ctx.quiet) {
    double rate = report.seconds > 0 ? static_cast<double>(report.statements_read) / report.seconds
                                     : 0;
    std::string skipped =
        args.lenient ? fmt::format(", {} bad statements skipped", format_count(report.skipped))
                     : std::string();
    fmt::print(stderr, "imported {} statements: {} added, {} duplicates{} in {:.2f} s ({}/s)\n",
               format_count(report.statements_read), format_count(report.added),
               format_count(report.duplicates), skipped, report.seconds, format_rate(rate));
  }
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ImportArguments>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Load RDF files into the store, all in one atomic transaction: on any error nothing changes");
  cmd->add_option("files", args->files, "Files to import ('-' for standard input; .gz is read "
                                        "transparently)")
      ->required();
  cmd->add_option("--format", args->format,
                  "nt, nq, ttl, trig or rdfxml (default: from each file's extension)");
  cmd->add_option("--graph", args->graph,
                  "Put the files' default-graph triples into this named graph (an IRI)");
  cmd->add_option("--base", args->base, "Base IRI for relative IRIs (default: each file's URI)");
  cmd->add_flag("--lenient", args->lenient,
                "Skip bad statements (each is reported with its position) and load the rest");
  cmd->footer("Exit status 65 with file:line:column on bad data; the store is then unchanged.");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_import(ctx, *args); }; });
}

}  // namespace wsiskg::cli
