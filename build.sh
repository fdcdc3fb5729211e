#!/usr/bin/env bash
# The one entry point for building wsiskg on Debian (bookworm or later).
#
#   ./build.sh demo    install what is missing, build, load the WSIS knowledge base, show it
#   ./build.sh test    install what is missing, build, run every test (what CI runs)
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
)

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

case "${1:-}" in
  demo)  install_missing_packages; configure_and_build; run_demo ;;
  test)  install_missing_packages; configure_and_build; run_tests ;;
  build) install_missing_packages; configure_and_build ;;
  *) echo "usage: ./build.sh demo|test|build" >&2; exit 64 ;;
esac
