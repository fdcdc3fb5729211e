// Crash safety: `wsiskg import` killed at spread-out moments (SIGKILL) or interrupted (SIGINT,
// SIGTERM); each time the store must hold exactly the state before or exactly the state after
// the import, and stats and a full export must work.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>

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

// Files and stores shared by the tests below (made once: generating and the reference import
// cost seconds).
struct Fixture {
  TempDirectory dir;
  fs::path base_file, big_file, base_store, after_store;
  StoreState before, after;
  // From a calibration run that was not killed.
  double import_seconds = 0;
  double commit_start_seconds = 0;  // first moment the child had written > kCommitMark
  std::uint64_t commit_bytes = 0;   // wchar at the last observation before exit
  std::uint64_t big_statements = 0;
};

// wchar before the commit is a few bytes (the writer lock's pid); LMDB writes its dirty pages
// only at commit, so beyond this mark the commit is under way.
constexpr std::uint64_t kCommitMark = 4096;

Fixture& fixture() {
  static std::unique_ptr<Fixture> f = [] {
    auto f = std::make_unique<Fixture>();
    f->base_file = f->dir.path() / "base.nt";
    f->big_file = f->dir.path() / "big.nt";
    f->base_store = f->dir.path() / "base.db";
    f->after_store = f->dir.path() / "after.db";
    write_ntriples(f->base_file, {.name = "base", .count = 2000, .seed = 7});
    f->big_statements = env_number("WSISKG_RELIABILITY_BIG_STATEMENTS", 200000);
    write_ntriples(f->big_file, {.name = "big", .count = f->big_statements, .seed = 11});

    Wsiskg base(f->base_store);
    auto imported = base.run({"import", "-q", f->base_file.string()});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    f->before = observe(base);

    // Calibration: the import not killed, watched like the killed ones.
    copy_store(f->base_store, f->after_store);
    Wsiskg after(f->after_store);
    ChildProcess child(after.argv({"import", "-q", f->big_file.string()}));
    while (!child.finished()) {
      if (auto written = child.bytes_written()) {
        if (*written > kCommitMark && f->commit_start_seconds == 0) {
          f->commit_start_seconds = child.elapsed_seconds();
        }
        f->commit_bytes = std::max(f->commit_bytes, *written);
      }
      std::this_thread::sleep_for(200us);
    }
    auto result = child.wait();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    f->import_seconds = result.seconds;
    f->after = observe(after);
    EXPECT_EQ(f->after.statements, f->before.statements + f->big_statements);
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

KillOutcome kill_once(const Fixture& f, const fs::path& work, KillMode mode, double target) {
  copy_store(f.base_store, work);
  Wsiskg store(work);
  ChildProcess child(store.argv({"import", "-q", f.big_file.string()}));
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
      << "exit " << result.exit_code << " signal " << result.signal << "\n"
      << result.err;
  outcome.during_commit = outcome.killed && last_written > kCommitMark;

  // Reopen: stats and a full export must work and show one of the two states.
  StoreState state = observe(store);
  outcome.store_before = state.statements == f.before.statements &&
                         state.export_fingerprint == f.before.export_fingerprint;
  outcome.store_after = state.statements == f.after.statements &&
                        state.export_fingerprint == f.after.export_fingerprint;
  // The store must also take the import afterwards (locks and free pages are fine).
  return outcome;
}

TEST(CrashSafety, SigkillAtSpreadOutMomentsLeavesBeforeOrAfterState) {
  Fixture& f = fixture();
  ASSERT_GT(f.commit_start_seconds, 0) << "the calibration import never started its commit";
  ASSERT_GT(f.commit_bytes, kCommitMark);
  print_figure("crash: import of big file",
               std::to_string(f.big_statements) + " statements, " +
                   std::to_string(f.import_seconds) + " s, commit starts at " +
                   std::to_string(f.commit_start_seconds) + " s and writes " +
                   std::to_string(f.commit_bytes >> 20) + " MiB");

  const std::uint64_t kills = env_number("WSISKG_RELIABILITY_KILLS", 51);
  // Two of three kills at a time spread over 0 .. 1.15 x the import's duration (stratified, so
  // they cover the whole run); every third once the commit has written a given fraction of its
  // bytes (0 .. 1.02), which puts kills inside the commit however long parsing takes.
  std::mt19937_64 random(20261122);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const std::uint64_t timed = kills - kills / 3;
  const std::uint64_t in_commit = kills / 3;
  std::uint64_t timed_done = 0, commit_done = 0;
  int load_phase = 0, commit_phase = 0, finished = 0, before = 0, after = 0;
  TempDirectory work;
  for (std::uint64_t i = 0; i < kills; ++i) {
    KillMode mode =
        (i % 3 == 2 && commit_done < in_commit) ? KillMode::AtCommitProgress : KillMode::AtTime;
    double target = 0;
    if (mode == KillMode::AtTime) {
      target = (static_cast<double>(timed_done++) + unit(random)) / static_cast<double>(timed) *
               1.15 * f.import_seconds;
    } else {
      double fraction = (static_cast<double>(commit_done++) + unit(random)) /
                        static_cast<double>(in_commit) * 1.02;
      target = static_cast<double>(kCommitMark) +
               fraction * static_cast<double>(f.commit_bytes - kCommitMark);
    }
    KillOutcome outcome = kill_once(f, work.path() / ("run" + std::to_string(i)), mode, target);
    fs::remove_all(work.path() / ("run" + std::to_string(i)));
    EXPECT_TRUE(outcome.store_before || outcome.store_after)
        << "kill " << i << " left a state that is neither before nor after the import";
    if (!outcome.killed) {
      ++finished;
    } else if (outcome.during_commit) {
      ++commit_phase;
    } else {
      ++load_phase;
    }
    before += outcome.store_before;
    after += outcome.store_after;
  }
  print_figure("crash: SIGKILL kill points survived",
               std::to_string(before + after) + " of " + std::to_string(kills));
  print_figure("crash: killed while parsing/loading", std::to_string(load_phase));
  print_figure("crash: killed during commit", std::to_string(commit_phase));
  print_figure("crash: import had already finished", std::to_string(finished));
  print_figure("crash: store held state before / after",
               std::to_string(before) + " / " + std::to_string(after));
  EXPECT_EQ(before + after, static_cast<int>(kills));
  EXPECT_GT(commit_phase, 0) << "no kill landed during the commit";
  EXPECT_GT(load_phase, 0);
  EXPECT_GT(after, 0);
}

// SIGINT and SIGTERM: the import stops, says it rolled back, exits 75; the store is unchanged.
void interrupt_rolls_back(int signal, const std::string& name) {
  Fixture& f = fixture();
  TempDirectory work;
  int interrupted = 0;
  // A moment well inside the load phase; retried at an earlier one if the import beat it.
  for (double share : {0.3, 0.15, 0.05}) {
    copy_store(f.base_store, work.path() / "store");
    Wsiskg store(work.path() / "store");
    ChildProcess child(store.argv({"import", "-q", f.big_file.string()}));
    double at = share * f.commit_start_seconds;
    while (!child.finished() && child.elapsed_seconds() < at) std::this_thread::sleep_for(1ms);
    child.send(signal);
    auto result = child.wait();
    if (result.exit_code == 0) continue;  // finished before the signal: try earlier
    EXPECT_EQ(result.signal, 0) << name << " killed the process instead of stopping it";
    EXPECT_EQ(result.exit_code, 75) << result.err;
    EXPECT_NE(result.err.find("interrupted by " + name), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("rolled back"), std::string::npos) << result.err;
    StoreState state = observe(store);
    EXPECT_EQ(state.statements, f.before.statements);
    EXPECT_EQ(state.export_fingerprint, f.before.export_fingerprint);
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
