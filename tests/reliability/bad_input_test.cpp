// Bad input, tried systematically: every case in bad_inputs/cases.tsv runs the real binary and
// must give the documented exit code and a message (with its position) on stderr; cases that
// try to write and fail must leave the store byte-for-byte unchanged.

#include <gtest/gtest.h>
#include <lmdb.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"

namespace wsiskg::reliability {
namespace {

const fs::path kBad = WSISKG_BAD_INPUTS;

struct Case {
  std::string id, category, setup;
  int exit_code = 0;
  std::string out, err;  // expected substrings; empty: no check
  std::string arguments;
  int line = 0;
};

std::string unescape(const std::string& text) {
  if (text == "-") return {};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 't')) {
      out += text[++i] == 'n' ? '\n' : '\t';
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) {
    if (separator != ' ' || !part.empty()) parts.push_back(part);
  }
  return parts;
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::ifstream in(kBad / "cases.tsv");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f.size() != 7)
      throw std::runtime_error("cases.tsv:" + std::to_string(number) + ": 7 fields");
    cases.push_back(
        {f[0], f[1], f[2], std::stoi(f[3]), unescape(f[4]), unescape(f[5]), f[6], number});
  }
  return cases;
}

std::string substitute(std::string text, const std::string& name, const std::string& value) {
  for (auto at = text.find(name); at != std::string::npos;
       at = text.find(name, at + value.size())) {
    text.replace(at, name.size(), value);
  }
  return text;
}

// The large inputs, made once per test run.
class Generated {
 public:
  Generated() {
    const std::string big(std::size_t{100} << 20, 'x');
    write("huge-line.nt", "<http://example.org/a> <http://example.org/p> " + big);
    write("huge-literal.nt", "<http://example.org/a> <http://example.org/p> \"" + big + "\" .\n");
    const std::string prefix = "@prefix ex: <http://example.org/> .\n";
    write("deep-collection.ttl",
          prefix + "ex:a ex:p " + repeat("( ", 100000) + repeat(") ", 100000) + ".\n");
    write("deep-bnode.ttl", prefix + "ex:a ex:p " + repeat("[ ex:p ", 100000) + "ex:b" +
                                repeat(" ]", 100000) + " .\n");
    write("deep-bnode.trig", prefix + "ex:g { ex:a ex:p " + repeat("[ ex:p ", 100000) + "ex:b" +
                                 repeat(" ]", 100000) + " . }\n");
    write("deep-ok.ttl",
          prefix + "ex:a ex:p " + repeat("[ ex:p ", 999) + "ex:b" + repeat(" ]", 999) + " .\n");
    const std::string rdf_open =
        "<?xml version=\"1.0\"?>\n<rdf:RDF "
        "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
        " xmlns:ex=\"http://example.org/\">\n";
    write("deep-elements.rdf", rdf_open + repeat("<rdf:Description><ex:p>", 50000) +
                                   repeat("</ex:p></rdf:Description>", 50000) + "\n</rdf:RDF>\n");
    write("many-bad-lines.ttl",
          "<http://example.org/a> <http://example.org/p> \"kept\" .\n" + repeat("x y\n", 200000));
    constexpr int kLevels = 10000;
    write("deep-group.rq",
          "SELECT * WHERE " + repeat("{ ", kLevels) + "?s ?p ?o " + repeat("} ", kLevels));
    write("deep-expr.rq", "SELECT ?x WHERE { BIND(" + repeat("(", kLevels) + "1" +
                              repeat(" + 1)", kLevels) + " AS ?x) }");
    write("deep-path.rq", "SELECT * WHERE { ?s " + repeat("(", kLevels) +
                              "<http://example.org/next>" + repeat(")", kLevels) + " ?o }");
    write("deep-not.rq", "SELECT * WHERE { ?s ?p ?o FILTER(" + repeat("!", kLevels) + "true) }");
    const std::string ten_mb(std::size_t{10} << 20, 'y');
    write("huge-literal.rq", "SELECT (STRLEN(?l) AS ?n) WHERE { BIND(\"" + ten_mb + "\" AS ?l) }");
    write("huge-literal-pattern.rq", "SELECT ?s WHERE { ?s ?p \"" + ten_mb + "\" }");
  }
  const fs::path& path() const { return dir_.path(); }

 private:
  static std::string repeat(const std::string& text, int times) {
    std::string out;
    out.reserve(text.size() * static_cast<std::size_t>(times));
    for (int i = 0; i < times; ++i) out += text;
    return out;
  }
  void write(const std::string& name, const std::string& content) {
    write_file(dir_.path() / name, content);
  }
  TempDirectory dir_;
};

const Generated& generated() {
  static const Generated instance;
  return instance;
}

// A base store, made once and copied for each case.
const fs::path& base_store() {
  static TempDirectory dir;
  static const fs::path store = [] {
    auto path = dir.path() / "base.db";
    auto r = Wsiskg(path).run({"import", "-q", (kBad / "store-base.ttl").string()});
    if (r.exit_code != 0) throw std::runtime_error("cannot build the base store: " + r.err);
    return path;
  }();
  return store;
}

void check_lmdb(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + ": " + mdb_strerror(rc));
}

// Rewrites the store's format version, as a newer wsiskg would have written it.
void set_format_version(const fs::path& store, std::uint32_t version) {
  MDB_env* env = nullptr;
  check_lmdb(mdb_env_create(&env), "env create");
  std::unique_ptr<MDB_env, decltype(&mdb_env_close)> owner(env, &mdb_env_close);
  check_lmdb(mdb_env_set_maxdbs(env, 16), "maxdbs");
  check_lmdb(mdb_env_open(env, store.c_str(), 0, 0664), "env open");
  MDB_txn* txn = nullptr;
  check_lmdb(mdb_txn_begin(env, nullptr, 0, &txn), "txn begin");
  MDB_dbi meta;
  check_lmdb(mdb_dbi_open(txn, "meta", 0, &meta), "dbi open");
  std::string key = "format_version";
  MDB_val k{key.size(), key.data()}, v{sizeof version, &version};
  check_lmdb(mdb_put(txn, meta, &k, &v, 0), "put");
  check_lmdb(mdb_txn_commit(txn), "commit");
}

// An LMDB environment some other program made.
void make_foreign_lmdb(const fs::path& store) {
  fs::create_directories(store);
  MDB_env* env = nullptr;
  check_lmdb(mdb_env_create(&env), "env create");
  std::unique_ptr<MDB_env, decltype(&mdb_env_close)> owner(env, &mdb_env_close);
  check_lmdb(mdb_env_open(env, store.c_str(), 0, 0664), "env open");
  MDB_txn* txn = nullptr;
  check_lmdb(mdb_txn_begin(env, nullptr, 0, &txn), "txn begin");
  MDB_dbi main;
  check_lmdb(mdb_dbi_open(txn, nullptr, 0, &main), "dbi open");
  std::string key = "someone else's", value = "data";
  MDB_val k{key.size(), key.data()}, v{value.size(), value.data()};
  check_lmdb(mdb_put(txn, main, &k, &v, 0), "put");
  check_lmdb(mdb_txn_commit(txn), "commit");
}

void prepare(const std::string& setup, const fs::path& store) {
  if (setup == "none") return;
  if (setup == "not-a-store") {
    fs::create_directories(store);
    write_file(store / "notes.txt", "not a store\n");
  } else if (setup == "foreign-lmdb") {
    make_foreign_lmdb(store);
  } else if (setup == "file") {
    write_file(store, "a file, not a directory\n");
  } else {
    copy_store(base_store(), store);
    if (setup == "newer-version") set_format_version(store, 2);
    if (setup == "read-only") {
      for (const auto& entry : fs::directory_iterator(store)) {
        fs::permissions(entry.path(),
                        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
      }
      fs::permissions(store, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                 fs::perms::group_exec | fs::perms::others_read |
                                 fs::perms::others_exec);
    }
    if (setup != "base" && setup != "newer-version" && setup != "read-only") {
      throw std::runtime_error("unknown setup '" + setup + "'");
    }
  }
}

TEST(BadInputs, EveryCaseGivesItsExitCodeAndMessageAndLeavesTheStoreUnchanged) {
  auto cases = load_cases();
  ASSERT_GT(cases.size(), 50u);
  const std::string gen = generated().path().string();
  TempDirectory work;
  std::map<std::string, int> per_category, passed_per_category;
  int writes_checked = 0;
  int number = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE("cases.tsv:" + std::to_string(c.line) + " " + c.id);
    ++per_category[c.category];
    const fs::path store = work.path() / ("store" + std::to_string(number++));
    prepare(c.setup, store);

    std::vector<std::string> args;
    for (const auto& word : split(c.arguments, ' ')) {
      args.push_back(substitute(substitute(word, "{bad}", kBad.string()), "{gen}", gen));
    }
    const bool writes = args[0] == "import" || args[0] == "clear";
    const bool has_data = fs::is_regular_file(store / "data.mdb");
    const bool readable = c.setup == "base" || c.setup == "read-only";
    std::string data_before = has_data ? read_file(store / "data.mdb") : std::string();
    Wsiskg wsiskg(store);
    std::string export_before = readable ? wsiskg.export_all() : std::string();

    SpawnOptions options;
    options.as_unprivileged_user = c.setup == "read-only";  // root could write anyway
    ChildProcess child(wsiskg.argv(args), options);
    while (!child.finished() && child.elapsed_seconds() < 60) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const bool hung = !child.finished();
    auto result = child.wait();  // kills a hung child
    EXPECT_FALSE(hung) << "still running after 60 s";
    EXPECT_EQ(result.signal, 0) << "killed by signal " << result.signal << "\n" << result.err;
    EXPECT_EQ(result.exit_code, c.exit_code) << result.err;
    const std::string err = substitute(c.err, "{bad}", kBad.string());
    EXPECT_NE(result.err.find(err), std::string::npos) << "stderr lacks: " << err << "\n"
                                                       << result.err.substr(0, 2000);
    EXPECT_NE(result.out.find(c.out), std::string::npos) << "stdout lacks: " << c.out << "\n"
                                                         << result.out.substr(0, 2000);
    bool unchanged = true;
    if (writes && result.exit_code != 0) {
      ++writes_checked;
      if (has_data) {
        unchanged = read_file(store / "data.mdb") == data_before;
        EXPECT_TRUE(unchanged) << "data.mdb changed";
      }
      if (readable) {
        bool same = wsiskg.export_all() == export_before;
        EXPECT_TRUE(same) << "the export changed";
        unchanged = unchanged && same;
      }
    }
    if (!hung && result.signal == 0 && result.exit_code == c.exit_code &&
        result.err.find(err) != std::string::npos && result.out.find(c.out) != std::string::npos &&
        unchanged) {
      ++passed_per_category[c.category];
    }
    std::error_code ignored;
    fs::permissions(store, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(store, ignored);
  }
  int total = 0, passed = 0;
  for (const auto& [category, count] : per_category) {
    total += count;
    passed += passed_per_category[category];
    print_figure("bad inputs: " + category, std::to_string(passed_per_category[category]) + " of " +
                                                std::to_string(count) + " as documented");
  }
  print_figure("bad inputs: all", std::to_string(passed) + " of " + std::to_string(total) +
                                      " as documented; " + std::to_string(writes_checked) +
                                      " failed writes left the store byte-for-byte unchanged");
}

// Long flat chains (not nested brackets, so the parser's depth guard lets them through) make
// left-deep operator trees 10,000 levels deep; every later pass recurses over them. Each must end
// in an answer or a positioned error (65), never a crash.
TEST(BadInputs, LongQueryChainsDoNotCrash) {
  constexpr int kLength = 10000;
  auto chain = [](const std::string& first, const std::string& next) {
    std::string text = first;
    for (int i = 1; i < kLength; ++i) text += next;
    return text;
  };
  const std::map<std::string, std::string> queries{
      {"10,000 UNIONs", "SELECT ?s WHERE { " + chain("{ ?s ?p ?o }", " UNION { ?s ?p ?o }") + " }"},
      {"10,000 sibling groups",
       "SELECT * WHERE { " + chain("{ ?s ?p ?o }", " { ?s ?p ?o }") + " }"},
      {"10,000 OPTIONALs",
       "SELECT * WHERE { ?s ?p ?o " + chain("", " OPTIONAL { ?s ?p ?o }") + " }"},
      {"10,000 MINUSes", "SELECT * WHERE { ?s ?p ?o " + chain("", " MINUS { ?s ?p 1 }") + " }"},
      {"10,000 BINDs",
       "SELECT * WHERE { ?s ?p ?o " + chain("BIND(1 AS ?b)", " BIND(1 AS ?b)") + " }"},
      {"10,000 || operands",
       "SELECT * WHERE { ?s ?p ?o FILTER(" + chain("?o = 1", " || ?o = 1") + ") }"},
      {"10,000 + operands", "SELECT (" + chain("1", " + 1") + " AS ?x) WHERE { }"},
  };
  TempDirectory work;
  const fs::path store = work.path() / "store";
  copy_store(base_store(), store);
  int ok = 0;
  for (const auto& [name, text] : queries) {
    SCOPED_TRACE(name);
    write_file(work.path() / "query.rq", text + " LIMIT 1");
    ChildProcess child(Wsiskg(store).argv(
        {"query", "--timeout", "20", "-f", (work.path() / "query.rq").string()}));
    auto result = child.wait();
    EXPECT_EQ(result.signal, 0) << "killed by signal " << result.signal;
    bool answered = result.exit_code == 0;
    bool refused = result.exit_code == 65 && result.err.find("<query>:") != std::string::npos;
    EXPECT_TRUE(answered || refused) << "exit " << result.exit_code << "\n" << result.err;
    ok += result.signal == 0 && (answered || refused);
  }
  print_figure("bad inputs: query-chains", std::to_string(ok) + " of " +
                                               std::to_string(queries.size()) +
                                               " 10,000-element chains answered or refused");
}

}  // namespace
}  // namespace wsiskg::reliability
