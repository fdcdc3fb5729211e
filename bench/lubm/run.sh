#!/usr/bin/env bash
# LUBM query benchmark: the 14 LUBM queries on LUBM(10) with entailments materialised
# (lubm10-inferred.nt.gz, 1.74M triples), wsiskg against Oxigraph (npm, in-memory) in the same run.
#
#   bench/lubm/run.sh
#
# Environment: WSISKG (binary, default build/wsiskg), WSISKG_SHARED_DIR (default ../shared),
# RUNS (default 5; medians reported), BENCH_TMP (scratch space, default a fresh mktemp dir; it
# gets the store and `npm install oxigraph`). Needs hyperfine, node (>= 18) and npm.
# Prints a Markdown table on stdout; exits 1 if any row count differs from the LUBM reference.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
WSISKG=${WSISKG:-build/wsiskg}
SHARED=${WSISKG_SHARED_DIR:-../shared}
RUNS=${RUNS:-5}
LUBM="$SHARED/bench/lubm"
DATA="$LUBM/lubm10-inferred.nt.gz"
[ -x "$WSISKG" ] || { echo "bench: build first (./build.sh build); no $WSISKG" >&2; exit 1; }
[ -f "$DATA" ] && [ -d "$LUBM/queries" ] \
  || { echo "bench: skipped: no LUBM data at $DATA (set WSISKG_SHARED_DIR)" >&2; exit 0; }
for tool in hyperfine node npm; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done
WSISKG=$(cd "$(dirname "$WSISKG")" && pwd)/$(basename "$WSISKG")
if [ -n "${BENCH_TMP:-}" ]; then SCRATCH=$BENCH_TMP; mkdir -p "$SCRATCH"; else
  SCRATCH=$(mktemp -d); trap 'rm -rf "$SCRATCH"' EXIT; fi
STORE="$SCRATCH/store"
QUERIES=("$LUBM"/queries/q*.rq)

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Median wall time in ms of a hyperfine JSON export (hyperfine's "median" is in seconds).
hyperfine_ms() { node -e 'const r = require(process.argv[1]).results[0];
  console.log((r.median * 1000).toFixed(3))' "$1"; }

# The "with inference" LUBM(10) column of the data README: the reference row count per query.
declare -A REF
while read -r q n; do REF[$q]=${n//,/}; done < <(
  awk '/LUBM\(10\) with inference/ { on = 1; next } on && /^\| q[0-9]+ / { gsub(/ /, ""); split($0, c, "|"); print c[2], c[4] } on && /^$/ { exit }' \
    "$LUBM/README.md")
[ "${#REF[@]}" -eq "${#QUERIES[@]}" ] || { echo "bench: cannot read reference counts from $LUBM/README.md" >&2; exit 1; }

echo "bench: importing $DATA into $STORE" >&2
rm -rf "$STORE"
"$WSISKG" --store "$STORE" --quiet import "$DATA"

echo "bench: installing oxigraph (npm) into $SCRATCH/oxigraph" >&2
mkdir -p "$SCRATCH/oxigraph"
[ -f "$SCRATCH/oxigraph/package.json" ] || echo '{"private": true}' > "$SCRATCH/oxigraph/package.json"
(cd "$SCRATCH/oxigraph" && npm install --silent --no-audit --no-fund oxigraph >&2)
echo "bench: running oxigraph (loads the data in memory first)" >&2
node "$HERE/oxigraph_bench.mjs" "$SCRATCH/oxigraph" "$DATA" "$RUNS" "${QUERIES[@]}" > "$SCRATCH/oxigraph.tsv"
OX_VERSION=$(node -p "require('$SCRATCH/oxigraph/node_modules/oxigraph/package.json').version")

# Ours, warm: one process, the query run RUNS times, median of parse+plan+execute+output.
# Ours, cold: the whole process as a shell user runs it (output discarded), hyperfine median.
declare -A OURS_ROWS OURS_WARM OURS_COLD
for path in "${QUERIES[@]}"; do
  q=$(basename "$path" .rq)
  echo "bench: wsiskg $q" >&2
  line=$("$WSISKG" --store "$STORE" query -f "$path" --format tsv --default-graph store \
           --time --repeat "$RUNS" 2>&1 >/dev/null | grep '^time_ms=' | tail -1)
  OURS_WARM[$q]=$(sed -E 's/.*time_ms=([0-9.]+).*/\1/' <<< "$line")
  OURS_ROWS[$q]=$(sed -E 's/.*rows=([0-9]+).*/\1/' <<< "$line")
  hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$SCRATCH/$q.json" \
    "$WSISKG --store $STORE query -f $path --format tsv --default-graph store" >/dev/null
  OURS_COLD[$q]=$(hyperfine_ms "$SCRATCH/$q.json")
done

# Process start to first row: a trivial query, whole process, 20 runs after 3 warm-ups.
hyperfine -N --style none --warmup 3 --runs 20 --export-json "$SCRATCH/first-row.json" \
  "$WSISKG --store $STORE query --format tsv 'SELECT * WHERE { ?s ?p ?o } LIMIT 1'" >/dev/null
FIRST_ROW=$(hyperfine_ms "$SCRATCH/first-row.json")

mismatch=0
echo "LUBM(10) with entailments materialised ($(basename "$DATA")), $RUNS runs per cell, medians;" \
  "$("$WSISKG" --version | tail -1) vs Oxigraph $OX_VERSION (npm, WebAssembly, in-memory Store)."
echo
echo '| query | reference rows | wsiskg rows | oxigraph rows | wsiskg warm ms | wsiskg cold ms | oxigraph warm ms | ratio warm (ours/oxigraph) |'
echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
ratios=()
while IFS=$'\t' read -r q ox_ms ox_rows; do
  ref=${REF[$q]}
  mark=""
  if [ "${OURS_ROWS[$q]}" != "$ref" ] || [ "$ox_rows" != "$ref" ]; then mark=" **MISMATCH**"; mismatch=1; fi
  ratio=$(awk -v a="${OURS_WARM[$q]}" -v b="$ox_ms" 'BEGIN { printf "%.4f", a / b }')
  # Unrounded for the geometric mean: a ratio shown as 0.0000 must not make it 0.
  ratios+=("$(awk -v a="${OURS_WARM[$q]}" -v b="$ox_ms" 'BEGIN { printf "%.9g", a / b }')")
  printf '| %s%s | %s | %s | %s | %s | %s | %s | %s |\n' "$q" "$mark" "$ref" "${OURS_ROWS[$q]}" "$ox_rows" \
    "${OURS_WARM[$q]}" "${OURS_COLD[$q]}" "$ox_ms" "$ratio"
done < "$SCRATCH/oxigraph.tsv"
echo
printf 'Geometric mean of the warm ratios (ours/oxigraph): %s; slowest ratio: %s (target: geomean <= 0.5, every ratio <= 1).\n' \
  "$(printf '%s\n' "${ratios[@]}" | awk '{ s += log($1) } END { printf "%.4f", exp(s / NR) }')" \
  "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1 | awk '{ printf "%.4f", $1 }')"
printf 'Process start to first row (`SELECT * WHERE { ?s ?p ?o } LIMIT 1`, hyperfine median of 20): %s ms (target < 20 ms).\n' "$FIRST_ROW"
echo
echo 'wsiskg warm: `--time --repeat N` in one process (parse+plan+execute+TSV output, without process start and store open).'
echo 'wsiskg cold: the whole `wsiskg query` process, output discarded (page cache warm).'
echo 'Oxigraph: warm only (`Store.query` in the same node process, all rows materialised); a cold Oxigraph run'
echo "would include loading the 1.74M triples into memory (seconds), so it is not comparable and not reported."
[ "$mismatch" -eq 0 ] || { echo "bench: row counts differ from the LUBM reference (see MISMATCH)" >&2; exit 1; }
