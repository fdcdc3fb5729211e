#include "child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace wsiskg::reliability {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void copy_store(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    fs::copy_file(entry.path(), to / entry.path().filename());
  }
}

namespace {

// Everything execve needs, prepared before fork (the child may only make async-signal-safe
// calls).
struct ExecPlan {
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
};

ExecPlan make_plan(const std::vector<std::string>& args, const SpawnOptions& options) {
  ExecPlan plan;
  plan.argv_storage = args;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto name = entry.substr(0, entry.find('='));
    if (!options.env.contains(name)) plan.env_storage.push_back(entry);
  }
  for (const auto& [name, value] : options.env) plan.env_storage.push_back(name + "=" + value);
  for (auto& a : plan.argv_storage) plan.argv.push_back(a.data());
  plan.argv.push_back(nullptr);
  for (auto& e : plan.env_storage) plan.envp.push_back(e.data());
  plan.envp.push_back(nullptr);
  return plan;
}

[[noreturn]] void child_fail(const char* what) {
  ::write(2, what, std::strlen(what));
  ::_exit(127);
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const SpawnOptions& options) {
  ExecPlan plan = make_plan(argv, options);
  std::string in = options.stdin_file ? options.stdin_file->string() : "/dev/null";
  std::string out = (io_.path() / "stdout").string();
  std::string err = (io_.path() / "stderr").string();
  std::string cwd = options.working_directory.string();
  bool drop = options.as_unprivileged_user && ::geteuid() == 0;
  if (drop) {
    // The unprivileged child writes its output here.
    fs::permissions(io_.path(), fs::perms::all);
  }
  start_ = std::chrono::steady_clock::now();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    ::setpgid(0, 0);  // a signal for this child never reaches the test
    if (drop && (::setgid(65534) != 0 || ::setuid(65534) != 0)) child_fail("setuid failed\n");
    int fd_in = ::open(in.c_str(), O_RDONLY);
    int fd_out = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int fd_err = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd_in < 0 || fd_out < 0 || fd_err < 0) child_fail("cannot open stdio files\n");
    ::dup2(fd_in, 0);
    ::dup2(fd_out, 1);
    ::dup2(fd_err, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) child_fail("chdir failed\n");
    ::execve(plan.argv[0], plan.argv.data(), plan.envp.data());
    child_fail("execve failed\n");
  }
}

ChildProcess::~ChildProcess() {
  if (!result_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

void ChildProcess::send(int signal) const {
  if (!result_) ::kill(pid_, signal);
}

void ChildProcess::reaped(int status, const ::rusage& usage) {
  ProcessResult r;
  r.seconds = elapsed_seconds();
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.max_rss_kib = usage.ru_maxrss;
  r.out = read_file(io_.path() / "stdout");
  r.err = read_file(io_.path() / "stderr");
  result_ = std::move(r);
}

bool ChildProcess::finished() {
  if (result_) return true;
  int status = 0;
  ::rusage usage{};
  pid_t done = ::wait4(pid_, &status, WNOHANG, &usage);
  if (done == pid_) reaped(status, usage);
  return result_.has_value();
}

ProcessResult ChildProcess::wait() {
  while (!result_) {
    int status = 0;
    ::rusage usage{};
    pid_t done = ::wait4(pid_, &status, 0, &usage);
    if (done == pid_) {
      reaped(status, usage);
    } else if (done < 0 && errno != EINTR) {
      throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
    }
  }
  return *result_;
}

std::optional<std::uint64_t> ChildProcess::bytes_written() const {
  if (result_) return std::nullopt;
  std::ifstream io("/proc/" + std::to_string(pid_) + "/io");
  std::string key;
  std::uint64_t value = 0;
  while (io >> key >> value) {
    if (key == "wchar:") return value;
  }
  return std::nullopt;
}

double ChildProcess::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

ProcessResult run(const std::vector<std::string>& argv, const SpawnOptions& options) {
  ChildProcess child(argv, options);
  return child.wait();
}

const std::string& Wsiskg::binary() {
  static const std::string path = WSISKG_BINARY;
  return path;
}

std::vector<std::string> Wsiskg::argv(const std::vector<std::string>& args) const {
  std::vector<std::string> all{binary(), "--store", store_.string()};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

ProcessResult Wsiskg::run(const std::vector<std::string>& args, const SpawnOptions& options) const {
  return reliability::run(argv(args), options);
}

std::string Wsiskg::export_all() const {
  auto result = run({"export", "--format", "nq"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.out;
}

std::string fingerprint(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

void print_figure(const std::string& what, const std::string& value) {
  std::printf("[reliability figure] %s: %s\n", what.c_str(), value.c_str());
  std::fflush(stdout);
}

}  // namespace wsiskg::reliability
