// Crash safety: `wsiskg import` and `wsiskg clear --all` killed at spread-out moments (SIGKILL),
// the import also interrupted (SIGINT, SIGTERM); each time the store must hold exactly the state
// before or exactly the state after the write, and stats and a full export must work.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "generated_data.hpp"

namespace wsiskg::reliability {
namespace {

using namespace std::chrono_literals;

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : fallback;
}

// The "statements" figure of `wsiskg stats`.
std::uint64_t statements_in(const std::string& stats) {
  auto at = stats.find("statements");
  if (at == std::string::npos) return 0;
  std::string digits;
  for (char c : stats.substr(at + 10, 40)) {
    if (c == '\n') break;
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.empty() ? 0 : std::stoull(digits);
}

// What one state of the store looks like from outside.
struct StoreState {
  std::uint64_t statements = 0;
  std::string export_fingerprint;
};

StoreState observe(const Wsiskg& store) {
  auto stats = store.run({"stats"});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  auto exported = store.run({"export", "--format", "nq"});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  return {statements_in(stats.out), fingerprint(exported.out)};
}

// A write the harness kills: `command` run on a copy of `start_store`, which holds `before`
// and, when the command completes, `after`. The calibration fields come from one run that was
// not killed, watched like the killed ones.
struct WriteOperation {
  std::string name;
  fs::path start_store;
  std::vector<std::string> command;
  StoreState before, after;
  double seconds = 0;
  double commit_start_seconds = 0;  // first moment the child had written > kCommitMark
  std::uint64_t commit_bytes = 0;   // wchar at the last observation before exit
};

// wchar before the commit is a few bytes (the writer lock's pid); LMDB writes its dirty pages
// only at commit, so beyond this mark the commit is under way.
constexpr std::uint64_t kCommitMark = 4096;

// Runs `op` unkilled on a copy of its start store at `result_store`: fills in the timings and
// `after`.
void calibrate(WriteOperation& op, const fs::path& result_store) {
  copy_store(op.start_store, result_store);
  Wsiskg store(result_store);
  ChildProcess child(store.argv(op.command));
  while (!child.finished()) {
    if (auto written = child.bytes_written()) {
      if (*written > kCommitMark && op.commit_start_seconds == 0) {
        op.commit_start_seconds = child.elapsed_seconds();
      }
      op.commit_bytes = std::max(op.commit_bytes, *written);
    }
    std::this_thread::sleep_for(200us);
  }
  auto result = child.wait();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  op.seconds = result.seconds;
  op.after = observe(store);
}

// Files and stores shared by the tests below (made once: generating and the reference runs
// cost seconds).
struct Fixture {
  TempDirectory dir;
  fs::path base_file, big_file, base_store, after_store, cleared_store;
  std::uint64_t big_statements = 0;
  WriteOperation import;  // the big file into the base store
  WriteOperation clear;   // `clear --all` of the store after that import
};

Fixture& fixture() {
  static std::unique_ptr<Fixture> f = [] {
    auto f = std::make_unique<Fixture>();
    f->base_file = f->dir.path() / "base.nt";
    f->big_file = f->dir.path() / "big.nt";
    f->base_store = f->dir.path() / "base.db";
    f->after_store = f->dir.path() / "after.db";
    f->cleared_store = f->dir.path() / "cleared.db";
    write_ntriples(f->base_file, {.name = "base", .count = 2000, .seed = 7});
    f->big_statements = env_number("WSISKG_RELIABILITY_BIG_STATEMENTS", 200000);
    write_ntriples(f->big_file, {.name = "big", .count = f->big_statements, .seed = 11});

    Wsiskg base(f->base_store);
    auto imported = base.run({"import", "-q", f->base_file.string()});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;

    f->import.name = "import";
    f->import.start_store = f->base_store;
    f->import.command = {"import", "-q", f->big_file.string()};
    f->import.before = observe(base);
    calibrate(f->import, f->after_store);
    EXPECT_EQ(f->import.after.statements, f->import.before.statements + f->big_statements);

    f->clear.name = "clear";
    f->clear.start_store = f->after_store;
    f->clear.command = {"clear", "--all"};
    f->clear.before = f->import.after;
    calibrate(f->clear, f->cleared_store);
    EXPECT_EQ(f->clear.after.statements, 0U);
    return f;
  }();
  return *f;
}

enum class KillMode { AtTime, AtCommitProgress };

struct KillOutcome {
  bool killed = false;         // false: the import had already exited
  bool during_commit = false;  // the child had started writing its commit
  bool store_before = false;   // store == state before the import
  bool store_after = false;    // store == state after the import
};

KillOutcome kill_once(const WriteOperation& op, const fs::path& work, KillMode mode,
                      double target) {
  copy_store(op.start_store, work);
  Wsiskg store(work);
  ChildProcess child(store.argv(op.command));
  std::uint64_t last_written = 0;
  for (;;) {
    if (child.finished()) break;
    if (auto written = child.bytes_written()) last_written = *written;
    bool now = mode == KillMode::AtTime ? child.elapsed_seconds() >= target
                                        : static_cast<double>(last_written) >= target;
    if (now) {
      child.send(SIGKILL);
      break;
    }
    std::this_thread::sleep_for(200us);
  }
  auto result = child.wait();
  KillOutcome outcome;
  outcome.killed = result.signal == SIGKILL;
  EXPECT_TRUE(outcome.killed || result.exit_code == 0)
      << op.name << ": exit " << result.exit_code << " signal " << result.signal << "\n"
      << result.err;
  outcome.during_commit = outcome.killed && last_written > kCommitMark;

  // Reopen: stats and a full export must work and show one of the two states.
  StoreState state = observe(store);
  outcome.store_before = state.statements == op.before.statements &&
                         state.export_fingerprint == op.before.export_fingerprint;
  outcome.store_after = state.statements == op.after.statements &&
                        state.export_fingerprint == op.after.export_fingerprint;
  return outcome;
}

// Kills `op` `kills` times (seeded): two of three at a time spread over 0 .. 1.15 x its
// duration (stratified, so they cover the whole run), every third once the commit has written a
// given fraction of its bytes (0 .. 1.02), which puts kills inside the commit however long the
// work before it takes. Each time the store must hold exactly `before` or exactly `after`.
void kill_repeatedly(const WriteOperation& op, std::uint64_t kills, std::uint64_t seed) {
  ASSERT_GT(op.commit_start_seconds, 0)
      << "the calibration " << op.name << " never started its commit";
  ASSERT_GT(op.commit_bytes, kCommitMark);
  print_figure(
      "crash: " + op.name + " (calibration)",
      std::to_string(op.seconds) + " s, commit starts at " +
          std::to_string(op.commit_start_seconds) + " s and writes " +
          (op.commit_bytes >= (1U << 20) ? std::to_string(op.commit_bytes >> 20) + " MiB"
                                         : std::to_string(op.commit_bytes >> 10) + " KiB"));
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const std::uint64_t timed = kills - kills / 3;
  const std::uint64_t in_commit = kills / 3;
  std::uint64_t timed_done = 0, commit_done = 0;
  int load_phase = 0, commit_phase = 0, finished = 0, before = 0, after = 0;
  TempDirectory work;
  std::uint64_t run = 0;
  auto kill_at = [&](KillMode mode, double target) {
    const std::uint64_t i = run++;
    KillOutcome outcome = kill_once(op, work.path() / ("run" + std::to_string(i)), mode, target);
    fs::remove_all(work.path() / ("run" + std::to_string(i)));
    EXPECT_TRUE(outcome.store_before || outcome.store_after)
        << op.name << ": kill " << i << " (" << (mode == KillMode::AtTime ? "at " : "at wchar ")
        << target << ") left a state that is neither before nor after";
    if (!outcome.killed) {
      ++finished;
    } else if (outcome.during_commit) {
      ++commit_phase;
    } else {
      ++load_phase;
    }
    before += outcome.store_before;
    after += outcome.store_after;
  };
  for (std::uint64_t i = 0; i < kills; ++i) {
    KillMode mode =
        (i % 3 == 2 && commit_done < in_commit) ? KillMode::AtCommitProgress : KillMode::AtTime;
    double target = 0;
    if (mode == KillMode::AtTime) {
      target = (static_cast<double>(timed_done++) + unit(random)) / static_cast<double>(timed) *
               1.15 * op.seconds;
    } else {
      double fraction = (static_cast<double>(commit_done++) + unit(random)) /
                        static_cast<double>(in_commit) * 1.02;
      target = static_cast<double>(kCommitMark) +
               fraction * static_cast<double>(op.commit_bytes - kCommitMark);
    }
    kill_at(mode, target);
  }
  // On a busier machine than the calibration's, every kill may land before the end: add later
  // ones (1.5x, 2.25x, ... the calibrated duration) until one finds the store after the write.
  std::uint64_t extra = 0;
  for (double later = 1.5 * op.seconds; after == 0 && extra < 6; later *= 1.5, ++extra) {
    kill_at(KillMode::AtTime, later);
  }
  const std::uint64_t total = kills + extra;
  const std::string what = "crash: " + op.name;
  print_figure(what + ": SIGKILL kill points survived",
               std::to_string(before + after) + " of " + std::to_string(total) +
                   (extra > 0 ? " (" + std::to_string(extra) + " added past the end)" : ""));
  print_figure(what + ": killed before the commit", std::to_string(load_phase));
  print_figure(what + ": killed during commit", std::to_string(commit_phase));
  print_figure(what + ": had already finished", std::to_string(finished));
  print_figure(what + ": store held state before / after",
               std::to_string(before) + " / " + std::to_string(after));
  EXPECT_EQ(before + after, static_cast<int>(total));
  EXPECT_GT(commit_phase, 0) << op.name << ": no kill landed during the commit";
  EXPECT_GT(load_phase, 0) << op.name << ": no kill landed before the commit";
  EXPECT_GT(after, 0) << op.name << ": no run reached the state after";
}

TEST(CrashSafety, SigkillAtSpreadOutMomentsLeavesBeforeOrAfterState) {
  Fixture& f = fixture();
  print_figure("crash: import of big file", std::to_string(f.big_statements) + " statements");
  kill_repeatedly(f.import, env_number("WSISKG_RELIABILITY_KILLS", 51), 20261122);
}

// The other write a user runs: `clear --all` of the store the import filled.
TEST(CrashSafety, SigkillDuringClearLeavesBeforeOrAfterState) {
  Fixture& f = fixture();
  kill_repeatedly(f.clear, env_number("WSISKG_RELIABILITY_CLEAR_KILLS", 15), 20261123);
}

// SIGINT and SIGTERM: the import stops, says it rolled back, exits 75; the store is unchanged.
void interrupt_rolls_back(int signal, const std::string& name) {
  Fixture& f = fixture();
  TempDirectory work;
  int interrupted = 0;
  // A moment well inside the load phase; retried at an earlier one if the import beat it.
  for (double share : {0.3, 0.15, 0.05}) {
    copy_store(f.import.start_store, work.path() / "store");
    Wsiskg store(work.path() / "store");
    ChildProcess child(store.argv(f.import.command));
    double at = share * f.import.commit_start_seconds;
    while (!child.finished() && child.elapsed_seconds() < at) std::this_thread::sleep_for(1ms);
    child.send(signal);
    auto result = child.wait();
    if (result.exit_code == 0) continue;  // finished before the signal: try earlier
    EXPECT_EQ(result.signal, 0) << name << " killed the process instead of stopping it";
    EXPECT_EQ(result.exit_code, 75) << result.err;
    EXPECT_NE(result.err.find("interrupted by " + name), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("rolled back"), std::string::npos) << result.err;
    StoreState state = observe(store);
    EXPECT_EQ(state.statements, f.import.before.statements);
    EXPECT_EQ(state.export_fingerprint, f.import.before.export_fingerprint);
    ++interrupted;
    break;
  }
  ASSERT_EQ(interrupted, 1) << "the import always finished before " << name << " arrived";
  print_figure("crash: " + name + " during import", "rolled back, exit 75, store unchanged");
}

TEST(CrashSafety, SigintRollsBackAndExits75) {
  interrupt_rolls_back(SIGINT, "SIGINT");
}
TEST(CrashSafety, SigtermRollsBackAndExits75) {
  interrupt_rolls_back(SIGTERM, "SIGTERM");
}

}  // namespace
}  // namespace wsiskg::reliability
