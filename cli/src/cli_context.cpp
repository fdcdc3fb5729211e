#include "cli_context.hpp"

#include <fmt/format.h>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::cli {

namespace {

void require_existing_store(const std::string& store_directory) {
  if (!std::filesystem::exists(store_directory)) {
    throw Error(ErrorKind::MissingInput,
                fmt::format("no store at '{}': import data first (wsiskg import FILE), or choose "
                            "another with --store DIR or ${}",
                            store_directory, kStoreEnvironmentVariable));
  }
}

}  // namespace

store::Store CliContext::open_for_reading() const {
  require_existing_store(store_directory);
  store::OpenOptions options;
  options.read_only = true;
  return store::Store::open(store_directory, options);
}

store::Store CliContext::open_for_writing(bool must_exist) const {
  if (must_exist) require_existing_store(store_directory);
  store::OpenOptions options;
  options.writer_wait =
      std::chrono::milliseconds(static_cast<std::int64_t>(lock_timeout_seconds * 1000));
  return store::Store::open(store_directory, options);
}

}  // namespace wsiskg::cli
