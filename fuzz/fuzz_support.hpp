#pragma once
// Shared by the fuzz targets: what counts as an expected outcome.

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

#include "wsiskg/rdf/error.hpp"

namespace wsiskg::fuzz {

// Runs `body`; wsiskg::Error is how the program rejects bad input, so it is swallowed. Anything
// else escaping is a bug: print it and abort so libFuzzer records the input as a crash.
template <typename Body>
void expect_only_wsiskg_errors(Body&& body) {
  try {
    body();
  } catch (const wsiskg::Error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: unexpected %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz: unexpected non-std exception\n");
    std::abort();
  }
}

}  // namespace wsiskg::fuzz
