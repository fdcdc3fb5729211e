#!/usr/bin/env bash
# Collects seed corpora for the fuzz targets from the shared W3C suites into a scratch directory
# OUTSIDE the repository (the shared data is never copied into the repo):
#
#   fuzz/seed_corpus.sh [OUT_DIR] [SHARED_DIR]
#
# OUT_DIR defaults to ${TMPDIR:-/tmp}/wsiskg-fuzz-seeds, SHARED_DIR to ../shared beside the
# checkout. Creates OUT_DIR/<target>/ for every target, each file named by its content hash so
# duplicates collapse. The committed regression inputs (fuzz/regressions/<target>/) are added too.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${TMPDIR:-/tmp}/wsiskg-fuzz-seeds}
shared=${2:-$repo/../shared}
w3c=$shared/w3c
[ -d "$w3c" ] || { echo "seed_corpus.sh: no W3C suites at $w3c" >&2; exit 66; }
case "$(cd "$out" 2>/dev/null && pwd || true)" in
  "$repo"|"$repo"/*) echo "seed_corpus.sh: OUT_DIR must be outside the repository" >&2; exit 64 ;;
esac

# add TARGET FILE...: copy each file as OUT/TARGET/<sha1>.
add() {
  local target=$1; shift
  mkdir -p "$out/$target"
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$out/$target/$(sha1sum "$f" | cut -c1-40)"
  done
}

# collect TARGET DIR EXT...: add every file under DIR with one of the extensions.
collect() {
  local target=$1 dir=$2; shift 2
  local expr=() ext
  for ext in "$@"; do expr+=(-o -name "*.$ext"); done
  local files=()
  mapfile -d '' files < <(find "$dir" -type f \( -false "${expr[@]}" \) -print0)
  add "$target" "${files[@]}"
}

# SPARQL: every query of the SPARQL 1.0 and 1.1 suites (evaluation and syntax tests, positive
# and negative), for both the parser and the evaluator.
for target in fuzz_query_parser fuzz_query_eval; do
  collect "$target" "$w3c/sparql" rq
done
# RDF syntaxes: the RDF 1.1 suites (positive and negative tests) plus the SPARQL suites' data.
collect fuzz_import_ntriples "$w3c" nt
collect fuzz_import_nquads "$w3c" nq
collect fuzz_import_turtle "$w3c" ttl
collect fuzz_import_trig "$w3c" trig
collect fuzz_import_rdfxml "$w3c" rdf
collect fuzz_import_rdfxml "$repo/ontologies" rdf owl xml
collect fuzz_import_turtle "$repo/ontologies" ttl
collect fuzz_import_trig "$repo/ontologies" trig

# Past findings.
for dir in "$repo"/fuzz/regressions/*/; do
  [ -d "$dir" ] || continue
  add "$(basename "$dir")" "$dir"*
done

for dir in "$out"/*/; do
  printf '%-24s %5d files\n' "$(basename "$dir")" "$(find "$dir" -type f | wc -l)"
done
