#include "large_stack.hpp"

#include <fmt/format.h>
#include <pthread.h>

#include <cerrno>
#include <cstring>
#include <exception>

namespace wsiskg::cli {

namespace {

struct Job {
  const std::function<int()>* command;
  int result = 0;
  std::exception_ptr error;
};

void* run_job(void* argument) {
  auto* job = static_cast<Job*>(argument);
  try {
    job->result = (*job->command)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

// RAII for the thread attributes.
class ThreadAttributes {
 public:
  ThreadAttributes() { ok_ = pthread_attr_init(&attr_) == 0; }
  ~ThreadAttributes() {
    if (ok_) pthread_attr_destroy(&attr_);
  }
  ThreadAttributes(const ThreadAttributes&) = delete;
  ThreadAttributes& operator=(const ThreadAttributes&) = delete;
  bool set_stack_size(std::size_t bytes) {
    return ok_ && pthread_attr_setstacksize(&attr_, bytes) == 0;
  }
  const pthread_attr_t* get() const { return &attr_; }

 private:
  pthread_attr_t attr_{};
  bool ok_ = false;
};

}  // namespace

int run_on_large_stack(const std::function<int()>& command, std::size_t stack_bytes) {
  Job job{&command, 0, nullptr};
  ThreadAttributes attributes;
  pthread_t thread{};
  const int rc = attributes.set_stack_size(stack_bytes)
                     ? pthread_create(&thread, attributes.get(), run_job, &job)
                     : EINVAL;
  if (rc != 0) {  // no big thread available (address space limit?): run here, and say so
    fmt::print(stderr,
               "wsiskg: warning: cannot reserve a {} MiB stack ({}); deeply nested input may "
               "fail\n",
               stack_bytes >> 20, std::strerror(rc));
    return command();
  }
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
  return job.result;
}

}  // namespace wsiskg::cli
