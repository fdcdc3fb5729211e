#!/usr/bin/env bash
# Path search benchmark: generate a scale-free graph, import it with `wsiskg import`, time the
# searches in-process with bench_paths, then the same reachability question as a query in our
# engine (plain `p+` and the path extension) and in Oxigraph; print Markdown tables.
#
#   bench/paths/run.sh [NODES] [EDGES_PER_NODE]     (default 1100000 x 5: 1.1M nodes, 5.5M edges)
#
# Environment: BUILD_DIR (default build), BENCH_TMP (scratch, default a fresh mktemp dir; the
# store is ~750 MiB for the default size, the N-Triples ~690 MiB), PAIRS (100), SOURCES (1000),
# RUNS (20), DIRECTION (out|both), QUERY_RUNS (3: repeats of the query-level reachability),
# OX_RUNS (1: Oxigraph takes ~4 min to load and over a minute per run at the default size),
# REACH_FROM (n17: start node of the reachability rows), REUSE=1 (keep $BENCH_TMP/store and
# graph.nt from an earlier run with the same sizes), SKIP_OXIGRAPH=1.
# Needs node and npm for the Oxigraph row (`npm install oxigraph` into the scratch folder).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
NODES=${1:-1100000}
PER_NODE=${2:-5}
BUILD_DIR=${BUILD_DIR:-build}
QUERY_RUNS=${QUERY_RUNS:-3}
REACH_FROM=${REACH_FROM:-n17}
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
STORE="$SCRATCH/store"
DATA="$SCRATCH/graph.nt"

if [ "${REUSE:-0}" = 1 ] && [ -d "$STORE" ] && [ -s "$DATA" ]; then
  echo "bench: reusing $STORE and $DATA" >&2
else
  echo "generating $NODES nodes x $PER_NODE edges" >&2
  "$GENERATE" "$NODES" "$PER_NODE" 42 > "$DATA"
  rm -rf "$STORE"
  "$WSISKG" --store "$STORE" import "$DATA" >&2
fi
"$BENCH" "$STORE" --pairs "${PAIRS:-100}" --sources "${SOURCES:-1000}" \
  --runs "${RUNS:-20}" --direction "${DIRECTION:-out}" --reach-from "$REACH_FROM"

# The same reachability question as a SPARQL query: every node reachable from $REACH_FROM over
# the four edge predicates. Ours: `wsiskg query --time --repeat N` (parse + plan + execute +
# TSV output, in one process, median); Oxigraph: Store.query in node, all rows materialised.
B="http://bench.wsiskg.org"
PLUS="(<$B/cites>|<$B/links>|<$B/partOf>|<$B/mentions>)+"
PLAIN="SELECT ?o WHERE { <$B/$REACH_FROM> $PLUS ?o }"
EXTENSION="SELECT ?o WHERE { <$B/$REACH_FROM> ANY SHORTEST ($PLUS AS ?path) ?o }"
ours() {  # prints "median_ms rows"
  "$WSISKG" --store "$STORE" query --format tsv --time --repeat "$QUERY_RUNS" "$1" 2>&1 >/dev/null \
    | grep '^time_ms=' | tail -1 | sed -E 's/time_ms=([0-9.]+) rows=([0-9]+).*/\1 \2/'
}
echo
echo "Reachability from <$B/$REACH_FROM> as a query (wsiskg: median of $QUERY_RUNS runs; Oxigraph: ${OX_RUNS:-1}):"
echo
echo '| engine | query | median ms | rows |'
echo '| --- | --- | ---: | ---: |'
echo "bench: wsiskg plain p+" >&2
read -r ms rows <<< "$(ours "$PLAIN")"
echo "| wsiskg | \`<s> (cites\\|links\\|partOf\\|mentions)+ ?o\` | $ms | $rows |"
if "$WSISKG" --store "$STORE" query --explain "$EXTENSION" >/dev/null 2>&1; then
  echo "bench: wsiskg extension" >&2
  read -r ms rows <<< "$(ours "$EXTENSION")"
  echo "| wsiskg | \`<s> ANY SHORTEST ((…)+ AS ?path) ?o\` | $ms | $rows |"
else
  echo "| wsiskg | \`<s> ANY SHORTEST ((…)+ AS ?path) ?o\` | skipped: this build does not parse the path extension | - |"
fi
if [ "${SKIP_OXIGRAPH:-0}" = 1 ] || ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "| Oxigraph | \`<s> (cites\\|links\\|partOf\\|mentions)+ ?o\` | skipped (SKIP_OXIGRAPH or no node/npm) | - |"
else
  echo "bench: installing oxigraph (npm) into $SCRATCH/oxigraph" >&2
  mkdir -p "$SCRATCH/oxigraph"
  [ -f "$SCRATCH/oxigraph/package.json" ] || echo '{"private": true}' > "$SCRATCH/oxigraph/package.json"
  (cd "$SCRATCH/oxigraph" && npm install --silent --no-audit --no-fund oxigraph >&2)
  OX_VERSION=$(node -p "require('$SCRATCH/oxigraph/node_modules/oxigraph/package.json').version")
  echo "bench: oxigraph $OX_VERSION (loads the N-Triples in memory first)" >&2
  read -r load_s ms rows <<< "$(node --max-old-space-size=8192 "$HERE/oxigraph_paths.mjs" \
    "$SCRATCH/oxigraph" "$DATA" "${OX_RUNS:-1}" "$PLAIN")"
  echo "| Oxigraph $OX_VERSION (npm, in-memory; load ${load_s} s) | \`<s> (cites\\|links\\|partOf\\|mentions)+ ?o\` | $ms | $rows |"
fi
