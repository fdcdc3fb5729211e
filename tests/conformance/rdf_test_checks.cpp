#include "rdf_test_checks.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "dataset_isomorphism.hpp"
#include "reference_nquads.hpp"
#include "temp_dir.hpp"
#include "wsiskg/import/exporter.hpp"
#include "wsiskg/import/format.hpp"
#include "wsiskg/import/importer.hpp"
#include "wsiskg/import/parser.hpp"
#include "wsiskg/rdf/error.hpp"
#include "wsiskg/store/store.hpp"

namespace wsiskg::conformance {
namespace {

std::string kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage:
      return "Usage";
    case ErrorKind::BadData:
      return "BadData";
    case ErrorKind::MissingInput:
      return "MissingInput";
    case ErrorKind::Io:
      return "Io";
    case ErrorKind::Cancelled:
      return "Cancelled";
  }
  return "?";
}

std::string mismatch(std::string_view what, const IsomorphismResult& result,
                     const std::vector<rdf::Quad>& actual, const std::vector<rdf::Quad>& expected) {
  return fmt::format(
      "{} is not isomorphic to the expected dataset: {}\nactual ({} quads):\n{}"
      "expected ({} quads):\n{}",
      what, result.explanation, actual.size(), dump_nquads(actual), expected.size(),
      dump_nquads(expected));
}

// The dataset an accepted document must produce: the expected result for evaluation tests,
// the direct parse otherwise.
std::vector<rdf::Quad> reference_dataset(const RdfCase& test) {
  if (test.test.kind == TestKind::Eval) return read_reference_nquads_file(*test.result);
  return parse_quads(test.action, test.action_base);
}

bool is_line_based(const std::filesystem::path& file) {
  auto format = import::format_from_path(file);
  return format == import::Format::NTriples || format == import::Format::NQuads;
}

// The first lines of a file, for messages about files that are deleted after the test.
std::string file_head(const std::filesystem::path& file, int lines) {
  std::ifstream in(file, std::ios::binary);
  std::string out, line;
  for (int i = 0; i < lines && std::getline(in, line); ++i) out += "  " + line + "\n";
  return out;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::vector<rdf::Quad> parse_quads(const std::filesystem::path& file, const std::string& base) {
  std::vector<rdf::Quad> quads;
  import::ParseOptions options;
  options.format = import::format_from_path(file);
  options.base = base;
  import::ParseCallbacks callbacks;
  callbacks.on_statement = [&](const import::StatementView& s) {
    quads.push_back({s.subject.to_term(), s.predicate.to_term(), s.object.to_term(),
                     s.graph ? std::optional<rdf::Term>(s.graph->to_term()) : std::nullopt});
  };
  import::parse_file(file.string(), options, callbacks);
  return quads;
}

std::optional<std::string> check_parser(const RdfCase& test) {
  switch (test.test.kind) {
    case TestKind::PositiveSyntax: {
      std::vector<rdf::Quad> actual;
      try {
        actual = parse_quads(test.action, test.action_base);
      } catch (const Error& e) {
        return fmt::format("a valid document was rejected: {} ({})", e.what(), kind_name(e.kind()));
      }
      // N-Triples/N-Quads documents say what they mean: check the terms, not just acceptance.
      if (is_line_based(test.action)) {
        auto expected = read_reference_nquads_file(test.action);
        auto result = compare_datasets(actual, expected);
        if (!result.isomorphic) {
          return mismatch("the parsed document (against the reference reader)", result, actual,
                          expected);
        }
      }
      return std::nullopt;
    }
    case TestKind::NegativeSyntax:
      try {
        auto quads = parse_quads(test.action, test.action_base);
        return fmt::format("an invalid document was accepted, giving {} quads:\n{}", quads.size(),
                           dump_nquads(quads));
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::BadData) {
          return fmt::format("rejected with {} instead of BadData: {}", kind_name(e.kind()),
                             e.what());
        }
      }
      return std::nullopt;
    case TestKind::Eval: {
      if (!test.result) return "evaluation test without mf:result";
      std::vector<rdf::Quad> actual;
      try {
        actual = parse_quads(test.action, test.action_base);
      } catch (const Error& e) {
        return fmt::format("a valid document was rejected: {} ({})", e.what(), kind_name(e.kind()));
      }
      std::vector<rdf::Quad> expected = read_reference_nquads_file(*test.result);
      auto result = compare_datasets(actual, expected);
      if (!result.isomorphic) return mismatch("the parsed document", result, actual, expected);
      return std::nullopt;
    }
    case TestKind::Other:
      break;
  }
  return "unsupported test type " + test.test.type_iri;
}

std::optional<std::string> check_store_round_trip(const RdfCase& test) {
  if (test.test.kind == TestKind::Other) return "unsupported test type " + test.test.type_iri;
  if (test.test.kind == TestKind::Eval && !test.result) return "evaluation test without mf:result";
  TempDir dir;  // declared first: the store closes before its directory is removed
  auto store = store::Store::open(dir.path() / "store");
  import::ImportOptions options;
  options.format = import::format_from_path(test.action);
  options.base = test.action_base;
  const std::vector<std::string> files{test.action.string()};

  if (test.test.kind == TestKind::NegativeSyntax) {
    try {
      auto report = import::import_files(store, files, options);
      return fmt::format("the import of an invalid document succeeded ({} statements added)",
                         report.added);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::BadData) {
        return fmt::format("import failed with {} instead of BadData: {}", kind_name(e.kind()),
                           e.what());
      }
    }
    auto left = store.begin_read().statistics().quads;
    if (left != 0) return fmt::format("the failed import left {} quads in the store", left);
    return std::nullopt;
  }

  try {
    import::import_files(store, files, options);
  } catch (const Error& e) {
    return fmt::format("the import failed: {} ({})", e.what(), kind_name(e.kind()));
  }
  // N-Quads, and the document's own syntax too, so the Turtle/TriG writers get exercised.
  std::vector<import::Format> formats{import::Format::NQuads};
  if (options.format && *options.format != import::Format::NQuads) {
    formats.push_back(*options.format);
  }
  const std::vector<rdf::Quad> expected = reference_dataset(test);
  for (import::Format format : formats) {
    const std::string name(import::format_name(format));
    const auto exported = dir.path() / ("export." + name);
    {
      std::unique_ptr<std::FILE, FileCloser> out(std::fopen(exported.c_str(), "wb"));
      if (!out) throw Error(ErrorKind::Io, "cannot create " + exported.string());
      auto txn = store.begin_read();
      import::ExportOptions export_options;
      export_options.format = format;
      import::export_store(txn, out.get(), export_options);
      if (std::fflush(out.get()) != 0) {
        throw Error(ErrorKind::Io, "cannot write " + exported.string());
      }
    }
    std::vector<rdf::Quad> actual;
    try {
      actual = parse_quads(exported, "file://" + exported.string());
    } catch (const Error& e) {
      return fmt::format("the store's {} export does not parse: {}\nexport:\n{}", name, e.what(),
                         file_head(exported, 40));
    }
    auto result = compare_datasets(actual, expected);
    if (!result.isomorphic) {
      return mismatch("the store's " + name + " export", result, actual, expected) +
             "export file:\n" + file_head(exported, 40);
    }
  }
  return std::nullopt;
}

}  // namespace wsiskg::conformance
