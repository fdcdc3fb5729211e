// Store: opening a directory and starting transactions.
#include "wsiskg/store/store.hpp"

#include <fmt/format.h>

#include "transaction_impl.hpp"
#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store {

Store Store::open(const std::filesystem::path& directory, const OpenOptions& options) {
  auto env = Environment::open(directory, options);
  return Store(std::make_shared<StoreHandle>(StoreHandle{std::move(env), directory, options}));
}

Store::Store(std::shared_ptr<StoreHandle> handle) : handle_(std::move(handle)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

ReadTransaction Store::begin_read() const {
  if (!handle_) throw Error(ErrorKind::Usage, "use of a moved-from store");
  return ReadTransaction(std::make_unique<ReadTransaction::Impl>(handle_->env, nullptr));
}

WriteTransaction Store::begin_write() {
  if (!handle_) throw Error(ErrorKind::Usage, "use of a moved-from store");
  if (handle_->options.read_only) {
    throw Error(ErrorKind::Usage,
                fmt::format("the store {} was opened read-only", handle_->directory.string()));
  }
  auto state = std::make_unique<WriteState>();
  // Our own lock first, so a busy store fails after writer_wait instead of blocking in LMDB.
  state->lock = WriterLock::acquire(handle_->env->directory(), handle_->options.writer_wait);
  return WriteTransaction(std::make_unique<ReadTransaction::Impl>(handle_->env, std::move(state)));
}

const std::filesystem::path& Store::directory() const {
  return handle_->directory;
}
bool Store::read_only() const {
  return handle_->options.read_only;
}

}  // namespace wsiskg::store
