#!/usr/bin/env bash
# The one entry point for building wsiskg on Debian (bookworm or later).
#
#   ./build.sh demo    install what is missing, build, load the WSIS knowledge base, show it
#   ./build.sh test    install what is missing, build, run every test (what CI runs): the
#                      suite in build/, again under ASan+UBSan in build-asan/, then a short
#                      smoke run of every libFuzzer target (clang) built in build-fuzz/
#   ./build.sh build   install what is missing and build (binary: build/wsiskg)
#
# Needs root or sudo only when Debian packages are missing.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${WSISKG_BUILD_DIR:-build}
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  liblmdb-dev libserd-dev libraptor2-dev zlib1g-dev libxxhash-dev
  libboost-dev libboost-graph-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  googletest libgtest-dev libgmock-dev libexpat1-dev
  libpcre2-dev libssl-dev libicu-dev
  clang-19 libclang-rt-19-dev llvm-19
)
# clang-19 + libclang-rt-19-dev: libFuzzer and the sanitizer runtimes for fuzz/ (clang 14, the
# bookworm default, rejects libstdc++ 12's ranges::subrange structured bindings the code uses);
# llvm-19: llvm-symbolizer, so sanitizer reports name functions and lines.
FUZZ_CXX=${WSISKG_FUZZ_CXX:-clang++-19}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-19/bin/llvm-symbolizer}
ASAN_BUILD_DIR=${WSISKG_ASAN_BUILD_DIR:-build-asan}
FUZZ_BUILD_DIR=${WSISKG_FUZZ_BUILD_DIR:-build-fuzz}
# Seconds each fuzz target runs in the CI smoke test (after replaying its regression inputs).
FUZZ_SMOKE_SECONDS=${WSISKG_FUZZ_SMOKE_SECONDS:-20}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "build.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  say "building in $BUILD_DIR"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

run_demo() {
  local wsiskg="$BUILD_DIR/wsiskg"
  export WSISKG_STORE=${WSISKG_STORE:-wsiskg.db}
  say "importing the WSIS knowledge base into $WSISKG_STORE"
  "$wsiskg" import ontologies/wsis.ttl ontologies/kb/*.trig
  say "wsiskg stats"
  "$wsiskg" stats --top 5
  say "which action lines does UNESCO facilitate?"
  "$wsiskg" query --format table 'SELECT ?line ?label WHERE {
      ?unesco wsis:acronym "UNESCO" ; wsis:facilitates ?line . ?line rdfs:label ?label }
    ORDER BY ?line'
  say "which agencies connect to SDG 5, and through what?"
  "$wsiskg" path --format table --from-type wsis:Agency '<https://w3id.org/wsiskg/id/sdg/5>' \
    --via wsis:facilitates --via wsis:linksActionLine --via wsis:linksSDG --direction both
}

run_tests() {
  say "running the tests"
  ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" --timeout 1800
}

# The whole suite again, built with AddressSanitizer + UndefinedBehaviorSanitizer: any report
# (memory error, leak, undefined behaviour) aborts the test that caused it.
run_sanitized_tests() {
  say "building with ASan+UBSan in $ASAN_BUILD_DIR"
  local start=$SECONDS
  # -O1 -g1 (line tables; asserts on): sanitizer stacks with file:line, cheaper to compile than
  # -O2 -g. PRE_TEST: GoogleTest cases are listed when ctest runs, not at link time,
  # where the slower instrumented binaries could hit the discovery timeout.
  cmake -S . -B "$ASAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWSISKG_SANITIZE=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST >/dev/null
  cmake --build "$ASAN_BUILD_DIR" --parallel "$(nproc)"
  say "running the tests under ASan+UBSan (built in $((SECONDS - start)) s)"
  start=$SECONDS
  # The crash harness keeps its 51 kill points but imports a smaller file: instrumented imports
  # are several times slower, and the point here is memory errors, not timing.
  ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  WSISKG_RELIABILITY_BIG_STATEMENTS=${WSISKG_RELIABILITY_BIG_STATEMENTS:-50000} \
    ctest --test-dir "$ASAN_BUILD_DIR" --output-on-failure --parallel "$(nproc)" --timeout 3600
  say "ASan+UBSan suite passed in $((SECONDS - start)) s"
}

# Builds the libFuzzer targets with clang and runs each briefly: first every committed regression
# input (fuzz/regressions/<target>/), then FUZZ_SMOKE_SECONDS of fuzzing. New inputs go to a
# scratch corpus, never into the repository.
run_fuzz_smoke() {
  say "building the fuzz targets with clang in $FUZZ_BUILD_DIR"
  local start=$SECONDS
  cmake -S . -B "$FUZZ_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="$FUZZ_CXX" -DWSISKG_FUZZ=ON -DWSISKG_BUILD_TESTS=OFF >/dev/null
  cmake --build "$FUZZ_BUILD_DIR" --parallel "$(nproc)" --target fuzz_all
  say "fuzz targets built in $((SECONDS - start)) s"
  local scratch
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' RETURN
  local target
  for target in fuzz_query_parser fuzz_query_eval fuzz_import_ntriples fuzz_import_nquads \
                fuzz_import_turtle fuzz_import_trig fuzz_import_rdfxml; do
    local fuzzer=$FUZZ_BUILD_DIR/fuzz/$target log=$scratch/$target.log inputs=()
    [ -d "fuzz/regressions/$target" ] && mapfile -t inputs < <(find "fuzz/regressions/$target" -type f)
    mkdir -p "$scratch/$target"
    say "fuzz smoke: $target (${#inputs[@]} regression inputs, then ${FUZZ_SMOKE_SECONDS} s)"
    # Given files, libFuzzer runs each once and exits; then it fuzzes from a scratch corpus seeded
    # with them. A crash, leak, timeout or sanitizer report makes it exit non-zero.
    [ ${#inputs[@]} -eq 0 ] || cp "${inputs[@]}" "$scratch/$target/"
    if ! { { [ ${#inputs[@]} -eq 0 ] || "$fuzzer" "${inputs[@]}"; } &&
           "$fuzzer" -max_total_time="$FUZZ_SMOKE_SECONDS" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
             -print_final_stats=1 -artifact_prefix="$scratch/$target-" "$scratch/$target"
         } >"$log" 2>&1; then
      cat "$log" >&2
      echo "build.sh: $target failed; the input is in $scratch (kept)" >&2
      trap - RETURN
      return 1
    fi
    grep -E '^(Done|stat::number_of_executed_units)' "$log" | tr '\n' ' ' >&2; echo >&2
  done
}

case "${1:-}" in
  demo)  install_missing_packages; configure_and_build; run_demo ;;
  test)  install_missing_packages; configure_and_build; run_tests; run_sanitized_tests
         run_fuzz_smoke ;;
  build) install_missing_packages; configure_and_build ;;
  *) echo "usage: ./build.sh demo|test|build" >&2; exit 64 ;;
esac
