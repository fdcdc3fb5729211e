#include "lmdb.hpp"

#include <fmt/format.h>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::store::lmdb {

void throw_error(int rc, std::string_view operation) {
  if (rc == MDB_MAP_FULL) {
    throw Error(ErrorKind::Io,
                fmt::format("the store's memory map is full during {}; set the environment "
                            "variable WSISKG_MAP_SIZE (bytes) to a larger size",
                            operation));
  }
  throw Error(ErrorKind::Io, fmt::format("LMDB {} failed: {}", operation, mdb_strerror(rc)));
}

}  // namespace wsiskg::store::lmdb
