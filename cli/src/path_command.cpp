// wsiskg path — paths between nodes or node sets: shortest, all shortest, k shortest (Yen),
// all simple paths up to a length. Search semantics live in graph/DESIGN.md.

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_context.hpp"
#include "graph_argument.hpp"
#include "path_drawing.hpp"
#include "term_display.hpp"
#include "wsiskg/graph/path_pattern.hpp"
#include "wsiskg/graph/path_search.hpp"
#include "wsiskg/graph/path_text.hpp"
#include "wsiskg/query/path_expression.hpp"
#include "wsiskg/query/path_value.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

using graph::TermId;

constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

struct PathArguments {
  std::vector<std::string> endpoints;  // FROM TO, less the ones given by --from-type/--to-type
  std::string from_type, to_type;
  std::vector<std::string> via;
  std::size_t max_length = 0;  // 0: none
  bool shortest = false, all_shortest = false, all_simple = false;
  std::size_t k = 0;
  std::string direction = "out";
  std::string format;
  std::size_t limit = 1000;
  std::size_t timeout_ms = 0;
  std::string weight;
  std::string weight_on = "predicate";
  std::string graph;
  std::string model = "auto";
};

// FROM/TO/--via spelling: <IRI>, an absolute IRI, a prefixed name (the store's prefixes, then
// rdf rdfs xsd owl skos dcterms), or _:label for a store blank node.
class TermResolver {
 public:
  explicit TermResolver(const store::ReadTransaction& txn) : txn_(txn), prefixes_(txn.prefixes()) {}

  rdf::Term term(const std::string& text, std::string_view what) const {
    if (text.size() >= 2 && text.front() == '<' && text.back() == '>') {
      return rdf::Term::iri(text.substr(1, text.size() - 2));
    }
    if (text.starts_with("_:")) return rdf::Term::blank(text.substr(2));
    auto colon = text.find(':');
    if (colon == std::string::npos) {
      throw Error(ErrorKind::Usage, fmt::format("{} '{}' is neither an IRI (<…>) nor a prefixed "
                                                "name (prefix:local)",
                                                what, text));
    }
    if (auto iri = prefixes_.expand(text)) return rdf::Term::iri(*iri);
    std::string prefix = text.substr(0, colon);
    if (text.find("://") != std::string::npos || prefix == "urn" || prefix == "mailto") {
      return rdf::Term::iri(text);
    }
    std::vector<std::string> known;
    for (const auto& p : prefixes_.entries()) known.push_back(p.first + ":");
    std::ranges::sort(known);
    throw Error(ErrorKind::Usage, fmt::format("{} '{}': unknown prefix '{}:' (known: {})", what,
                                              text, prefix, fmt::join(known, " ")));
  }

  TermId resolve(const std::string& text, std::string_view what) const {
    rdf::Term t = term(text, what);
    if (auto id = txn_.find(t)) return *id;
    throw Error(ErrorKind::Usage, fmt::format("unknown {} {}: the store has no such term", what,
                                              rdf::to_ntriples(t)));
  }

 private:
  const store::ReadTransaction& txn_;
  TermDisplay prefixes_;  // the store's prefixes plus rdf rdfs xsd owl skos dcterms
};

// A property-path expression rather than a single predicate?
bool looks_like_path_expression(const std::string& text) {
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>' &&
      text.find('>') == text.size() - 1) {
    return false;
  }
  return text.find_first_of("|^*+?()!/ ") != std::string::npos &&
         text.find("://") == std::string::npos;
}

graph::PathMode choose_mode(const PathArguments& args) {
  int chosen = args.shortest + args.all_shortest + args.all_simple + (args.k > 0);
  if (chosen > 1) {
    throw Error(ErrorKind::Usage,
                "choose one of --shortest, --all-shortest, --k N and --all-simple");
  }
  if (args.all_shortest) return graph::PathMode::AllShortest;
  if (args.all_simple) return graph::PathMode::AllSimple;
  if (args.k > 0) return graph::PathMode::KShortest;
  return graph::PathMode::Shortest;
}

std::string_view mode_name(graph::PathMode mode) {
  switch (mode) {
    case graph::PathMode::Shortest:
      return "shortest";
    case graph::PathMode::AllShortest:
      return "all-shortest";
    case graph::PathMode::KShortest:
      return "k-shortest";
    case graph::PathMode::AllSimple:
      return "all-simple";
  }
  return "?";
}

std::string truncation_note(graph::Truncation truncation, const PathArguments& args) {
  switch (truncation) {
    case graph::Truncation::None:
      return {};
    case graph::Truncation::PathLimit:
      return fmt::format("more paths exist than --limit {}", args.limit);
    case graph::Truncation::LengthLimit:
      return args.max_length > 0
                 ? fmt::format("paths longer than --max-length {} were not searched",
                               args.max_length)
                 : fmt::format("all-simple stopped at the default length {}; raise --max-length",
                               graph::kDefaultSimplePathLength);
    case graph::Truncation::TimeLimit:
      return fmt::format("--timeout {} ms passed; the answer is partial", args.timeout_ms);
  }
  return {};
}

// Decodes each term once.
class Speller {
 public:
  Speller(const store::ReadTransaction& txn, const TermDisplay& display)
      : txn_(txn), display_(display) {}
  const std::string& ntriples(TermId id) { return cached(id).first; }
  const std::string& display(TermId id) { return cached(id).second; }

 private:
  const std::pair<std::string, std::string>& cached(TermId id) {
    auto it = cache_.find(id);
    if (it == cache_.end()) {
      rdf::Term term = txn_.decode(id);
      it = cache_.emplace(id, std::pair{rdf::to_ntriples(term), display_.show(term)}).first;
    }
    return it->second;
  }
  const store::ReadTransaction& txn_;
  const TermDisplay& display_;
  std::map<TermId, std::pair<std::string, std::string>> cache_;
};

void write_tsv(const graph::PathResult& result, Speller& spell) {
  std::string out = "source\ttarget\tlength\tpath\n";
  auto nt = [&](TermId id) { return spell.ntriples(id); };
  for (const graph::Path& path : result.paths) {
    out += fmt::format("{}\t{}\t{}\t{}\n", nt(path.source()), nt(path.target()), path.length(),
                       graph::arrow_form(path, nt));
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

void write_table(const graph::PathResult& result, Speller& spell, bool weighted) {
  auto show = [&](TermId id) { return spell.display(id); };
  if (result.paths.empty()) {
    fmt::print("no path found\n");
  } else {
    std::size_t source_width = 6, target_width = 6;
    for (const auto& path : result.paths) {
      source_width = std::max(source_width, show(path.source()).size());
      target_width = std::max(target_width, show(path.target()).size());
    }
    fmt::print("{:<{}}  {:<{}}  {:>6}{}  {}\n", "source", source_width, "target", target_width,
               "length", weighted ? "    cost" : "", "path");
    for (const auto& path : result.paths) {
      fmt::print("{:<{}}  {:<{}}  {:>6}{}  {}\n", show(path.source()), source_width,
                 show(path.target()), target_width, path.length(),
                 weighted ? fmt::format("  {:>6g}", path.cost) : "", graph::arrow_form(path, show));
    }
  }
}

nlohmann::ordered_json to_json(const graph::PathResult& result, Speller& spell,
                               graph::PathMode mode, const PathArguments& args) {
  auto nt = [&](TermId id) { return spell.ntriples(id); };
  nlohmann::ordered_json paths = nlohmann::ordered_json::array();
  for (const graph::Path& path : result.paths) {
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array(),
                           steps = nlohmann::ordered_json::array();
    for (TermId node : path.nodes) nodes.push_back(nt(node));
    for (const graph::Step& step : path.steps) {
      steps.push_back(
          {{"predicate", nt(step.predicate)},
           {"direction", step.direction == graph::Direction::Forward ? "forward" : "backward"}});
    }
    paths.push_back({{"source", nt(path.source())},
                     {"target", nt(path.target())},
                     {"length", path.length()},
                     {"cost", path.cost},
                     {"nodes", std::move(nodes)},
                     {"steps", std::move(steps)},
                     {"path", graph::arrow_form(path, nt)}});
  }
  nlohmann::ordered_json truncation = nullptr;
  if (result.truncated()) {
    truncation = {{"reason", std::string(graph::to_string(result.truncation))},
                  {"message", truncation_note(result.truncation, args)}};
  }
  return {{"mode", mode_name(mode)},
          {"paths", std::move(paths)},
          {"truncated", result.truncated()},
          {"truncation", truncation},
          {"statistics",
           {{"elapsed_ms", static_cast<double>(result.statistics.elapsed.count()) / 1000.0},
            {"expanded_nodes", result.statistics.expanded_nodes},
            {"searches", result.statistics.searches}}}};
}

// Every node and edge of every path once; sources and targets drawn bold.
std::string to_dot(const graph::PathResult& result, const store::ReadTransaction& txn,
                   const TermDisplay& display) {
  PathDrawing drawing;
  for (const graph::Path& path : result.paths) {
    query::PathValue value;
    for (TermId node : path.nodes) value.nodes.push_back(txn.decode(node));
    for (const graph::Step& step : path.steps)
      value.steps.push_back(
          {txn.decode(step.predicate), step.direction == graph::Direction::Forward});
    drawing.add(value);
  }
  return drawing.dot(display);
}

// `--via` as a property-path expression: the automaton of the expression; `--direction in`
// walks each of its steps backwards, `both` either way (as for predicates).
graph::PathAutomaton via_automaton(const std::string& text, const store::ReadTransaction& txn,
                                   graph::TraversalDirection direction) {
  query::ast::Path path;
  try {
    path = query::parse_property_path(text, rdf::PrefixMap(txn.prefixes()));
  } catch (const Error& e) {
    throw Error(ErrorKind::Usage, fmt::format("--via: {}", e.message()));
  }
  graph::PathAutomaton automaton = query::compile_path_automaton(
      path, [&](const std::string& iri) { return txn.find(rdf::Term::iri(iri)); });
  if (direction == graph::TraversalDirection::Forward) return automaton;
  std::vector<graph::AutomatonTransition> flipped;
  for (auto t : automaton.transitions) {
    t.direction = t.direction == graph::Direction::Forward ? graph::Direction::Backward
                                                           : graph::Direction::Forward;
    flipped.push_back(std::move(t));
  }
  if (direction == graph::TraversalDirection::Backward) {
    automaton.transitions = std::move(flipped);
  } else {
    automaton.transitions.insert(automaton.transitions.end(), flipped.begin(), flipped.end());
  }
  return automaton;
}

// The path-search modes of `wsiskg path` over an expression: paths stay simple (no node
// repeats), as with predicates.
graph::PathPatternQuery pattern_query(const graph::PathQuery& query) {
  graph::PathPatternQuery pattern;
  pattern.sources = query.sources;
  pattern.targets = query.targets;
  pattern.restrictor = graph::PathRestrictor::Acyclic;
  pattern.limits = query.limits;
  switch (query.mode) {
    case graph::PathMode::Shortest:
      pattern.selector = graph::PathSelector::AnyShortest;
      break;
    case graph::PathMode::AllShortest:
      pattern.selector = graph::PathSelector::AllShortest;
      break;
    case graph::PathMode::KShortest:
      pattern.selector = graph::PathSelector::ShortestK;
      pattern.k = query.k;
      break;
    case graph::PathMode::AllSimple:
      pattern.selector = graph::PathSelector::All;
      if (!pattern.limits.max_length) pattern.limits.max_length = graph::kDefaultSimplePathLength;
      break;
  }
  return pattern;
}

int run_path(const CliContext& ctx, const PathArguments& args) {
  graph::PathMode mode = choose_mode(args);
  std::size_t needed = (args.from_type.empty() ? 1 : 0) + (args.to_type.empty() ? 1 : 0);
  if (args.endpoints.size() != needed) {
    throw Error(ErrorKind::Usage,
                needed == 2 ? "give FROM and TO (or --from-type / --to-type)"
                            : fmt::format("give {} node{} besides --from-type / --to-type", needed,
                                          needed == 1 ? "" : "s"));
  }
  std::string format =
      args.format.empty() ? (::isatty(STDOUT_FILENO) ? "table" : "tsv") : args.format;
  static const std::set<std::string> kFormats = {"table", "tsv", "json", "dot", "svg"};
  if (!kFormats.contains(format)) {
    throw Error(ErrorKind::Usage,
                fmt::format("unknown format '{}' (use table, tsv, json, dot or svg)", format));
  }
  graph::EdgeFilter filter;
  if (args.direction == "out") {
    filter.direction = graph::TraversalDirection::Forward;
  } else if (args.direction == "in") {
    filter.direction = graph::TraversalDirection::Backward;
  } else if (args.direction == "both") {
    filter.direction = graph::TraversalDirection::Both;
  } else {
    throw Error(ErrorKind::Usage,
                fmt::format("unknown direction '{}' (use out, in or both)", args.direction));
  }

  store::Store store = ctx.open_for_reading();
  store::ReadTransaction txn = store.begin_read();
  TermResolver resolver(txn);

  std::optional<std::string> expression;
  for (const std::string& via : args.via) {
    if (looks_like_path_expression(via)) {
      if (args.via.size() > 1)
        throw Error(ErrorKind::Usage,
                    fmt::format("--via '{}' is a property-path expression: give it alone (use | "
                                "inside it for alternatives)",
                                via));
      expression = via;
      continue;
    }
    std::get<graph::PredicateSet>(filter.selector)
        .predicates.push_back(resolver.resolve(via, "predicate"));
  }
  if (expression && !args.weight.empty())
    throw Error(ErrorKind::Usage, "--weight works with --via predicates, not with an expression");
  if (!args.graph.empty()) filter.graph = resolve_graph(txn, args.graph);
  if (!args.weight.empty()) {
    filter.weight.property = resolver.resolve(args.weight, "weight property");
    if (args.weight_on == "node") {
      filter.weight.source = graph::WeightSource::Node;
    } else if (args.weight_on != "predicate") {
      throw Error(ErrorKind::Usage, "--weight-on takes 'predicate' or 'node'");
    }
  }

  graph::StoreTripleSource source(txn, filter.graph);
  graph::PathQuery query;
  query.mode = mode;
  query.k = args.k;
  query.limits.max_paths = args.limit;
  if (args.max_length > 0) query.limits.max_length = args.max_length;
  if (args.timeout_ms > 0) query.limits.timeout = std::chrono::milliseconds(args.timeout_ms);
  std::size_t next = 0;
  auto node_set = [&](const std::string& type, std::string_view what) -> std::vector<TermId> {
    if (type.empty()) return {resolver.resolve(args.endpoints[next++], what)};
    TermId klass = resolver.resolve(type, "class");
    auto rdf_type = txn.find(rdf::Term::iri(kRdfType));
    if (!rdf_type) return {};
    return graph::instances_of(source, *rdf_type, klass);
  };
  query.sources = node_set(args.from_type, "node");
  query.targets = node_set(args.to_type, "node");

  // The implicit model reads only the adjacency a search touches; a snapshot reads every
  // admitted edge first, which one CLI query never earns back (graph/DESIGN.md).
  std::unique_ptr<graph::SearchGraph> search_graph;
  if (args.model != "snapshot" && args.model != "implicit" && args.model != "auto")
    throw Error(ErrorKind::Usage, "--model takes auto, implicit or snapshot");
  graph::PathResult result;
  bool weighted = false;
  if (expression) {
    // A property-path expression: the product of its automaton with the store.
    result = graph::find_pattern_paths(source, via_automaton(*expression, txn, filter.direction),
                                       pattern_query(query));
  } else {
    if (args.model == "snapshot") {
      search_graph = std::make_unique<graph::CsrGraph>(source, filter);
    } else {
      search_graph = std::make_unique<graph::StoreGraph>(source, filter);
    }
    result = graph::find_paths(*search_graph, query);
    weighted = search_graph->weighted();
  }

  TermDisplay display(txn.prefixes());
  Speller spell(txn, display);
  std::string note = truncation_note(result.truncation, args);
  if (format == "tsv") {
    write_tsv(result, spell);
  } else if (format == "table") {
    write_table(result, spell, weighted);
    if (!ctx.quiet) {
      fmt::print("{} path{} ({}, {:.1f} ms){}\n", result.paths.size(),
                 result.paths.size() == 1 ? "" : "s", mode_name(mode),
                 static_cast<double>(result.statistics.elapsed.count()) / 1000.0,
                 note.empty() ? "" : "; truncated: " + note);
    }
    note.clear();  // already said
  } else if (format == "json") {
    fmt::print("{}\n", to_json(result, spell, mode, args).dump(2));
  } else if (format == "dot") {
    fmt::print("{}", to_dot(result, txn, display));
  } else {
    write_svg(to_dot(result, txn, display));
  }
  std::fflush(stdout);
  if (!note.empty()) fmt::print(stderr, "wsiskg: warning: answer truncated: {}\n", note);
  return 0;
}

}  // namespace

void add_path_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<PathArguments>();
  CLI::App* cmd = app.add_subcommand(
      "path", "Find paths between two nodes or node sets (IRIs, <IRI>s or prefixed names)");
  cmd->add_option("FROM TO", args->endpoints,
                  "Source and target node; leave out the one given by --from-type/--to-type");
  cmd->add_option("--from-type", args->from_type, "Every instance of this class is a source");
  cmd->add_option("--to-type", args->to_type, "Every instance of this class is a target");
  cmd->add_option("--via", args->via,
                  "Follow only this predicate (repeat for several; default: every predicate), or "
                  "one SPARQL property-path expression the whole path must match, e.g. "
                  "'wsis:facilitates/^wsis:linksActionLine'");
  cmd->add_option("--max-length", args->max_length, "Longest path in steps");
  auto* shortest =
      cmd->add_flag("--shortest", args->shortest, "One shortest path per pair (default)");
  auto* all_shortest =
      cmd->add_flag("--all-shortest", args->all_shortest, "Every shortest path of each pair");
  auto* k = cmd->add_option("--k", args->k, "The N shortest simple paths of each pair (Yen)");
  auto* all_simple = cmd->add_flag("--all-simple", args->all_simple,
                                   fmt::format("Every simple path up to --max-length (default {})",
                                               graph::kDefaultSimplePathLength));
  shortest->excludes(all_shortest)->excludes(k)->excludes(all_simple);
  all_shortest->excludes(k)->excludes(all_simple);
  k->excludes(all_simple);
  cmd->add_option("--direction", args->direction, "out (subject to object), in, or both")
      ->capture_default_str();
  cmd->add_option("--format", args->format,
                  "table, tsv, json, dot or svg (default: table on a terminal, else tsv)");
  cmd->add_option("--limit", args->limit, "At most this many paths in the answer")
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout_ms, "Stop searching after this many milliseconds");
  cmd->add_option("--weight", args->weight,
                  "Weighted search: step cost is this numeric property (missing: 1)");
  cmd->add_option("--weight-on", args->weight_on,
                  "Read --weight on the step's 'predicate' or on the 'node' it enters")
      ->capture_default_str();
  cmd->add_option("--graph", args->graph, "Only edges in this graph: an IRI, or 'default'");
  cmd->add_option("--model", args->model,
                  "Graph model: auto, implicit (store scans) or snapshot (CSR built first)")
      ->capture_default_str();
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_path(ctx, *args); }; });
}

}  // namespace wsiskg::cli
