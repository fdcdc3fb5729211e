#!/usr/bin/env bash
# Path search benchmark: generate a scale-free graph, import it with `wsiskg import`, time the
# searches in-process with bench_paths, print a Markdown table.
#
#   bench/paths/run.sh [NODES] [EDGES_PER_NODE]     (default 1100000 x 5: 1.1M nodes, 5.5M edges)
#
# Environment: BUILD_DIR (default build), BENCH_TMP (scratch, default a fresh mktemp dir; the
# store is ~750 MiB for the default size), PAIRS (100), SOURCES (1000), RUNS (20),
# DIRECTION (out|both).
set -euo pipefail
cd "$(dirname "$0")/../.."
NODES=${1:-1100000}
PER_NODE=${2:-5}
BUILD_DIR=${BUILD_DIR:-build}
find_binary() {  # the CLI lands in $BUILD_DIR or $BUILD_DIR/cli depending on the generator
  for candidate in "$BUILD_DIR/$1" "$BUILD_DIR/cli/$1" "$BUILD_DIR/bench/paths/$1"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  echo "bench: build first (cmake --build $BUILD_DIR --target wsiskg bench_paths generate_scale_free); no $1" >&2
  exit 1
}
WSISKG=$(find_binary wsiskg)
GENERATE=$(find_binary generate_scale_free)
BENCH=$(find_binary bench_paths)
SCRATCH=${BENCH_TMP:-$(mktemp -d)}
[ -n "${BENCH_TMP:-}" ] || trap 'rm -rf "$SCRATCH"' EXIT

echo "generating $NODES nodes x $PER_NODE edges" >&2
"$GENERATE" "$NODES" "$PER_NODE" 42 > "$SCRATCH/graph.nt"
rm -rf "$SCRATCH/store"
"$WSISKG" --store "$SCRATCH/store" import "$SCRATCH/graph.nt" >&2
rm -f "$SCRATCH/graph.nt"
"$BENCH" "$SCRATCH/store" --pairs "${PAIRS:-100}" --sources "${SOURCES:-1000}" \
  --runs "${RUNS:-20}" --direction "${DIRECTION:-out}"
