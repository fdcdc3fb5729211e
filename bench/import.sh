#!/usr/bin/env bash
# Import benchmark: `wsiskg import` against serdi's raw parse rate, same files, same run.
#
#   bench/import.sh [RUNS]        (default 3; median reported)
#
# Environment: WSISKG (binary, default build/wsiskg), WSISKG_SHARED_DIR (default ../shared),
# BENCH_TMP (scratch space, default a fresh mktemp dir). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WSISKG=${WSISKG:-build/wsiskg}
SHARED=${WSISKG_SHARED_DIR:-../shared}
LUBM="$SHARED/bench/lubm"
[ -x "$WSISKG" ] || { echo "bench: build first (./build.sh build); no $WSISKG" >&2; exit 1; }
[ -d "$LUBM" ] || { echo "bench: skipped: no LUBM data at $LUBM" >&2; exit 0; }
command -v serdi >/dev/null || { echo "bench: needs serdi (apt-get install serdi)" >&2; exit 1; }
SCRATCH=${BENCH_TMP:-$(mktemp -d)}
trap 'rm -rf "$SCRATCH"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Wall seconds and peak RSS (KiB) of one command: "seconds kib".
measure() { /usr/bin/time -f '%e %M' -o "$SCRATCH/time" "$@" >/dev/null 2>"$SCRATCH/stderr" \
  || { cat "$SCRATCH/stderr" >&2; exit 1; }; cat "$SCRATCH/time"; }

printf '| data | statements | serdi .nt (stmt/s) | wsiskg .nt (stmt/s) | ratio | serdi gz pipe (stmt/s) | wsiskg .gz (stmt/s) | ratio | peak RSS | bytes/stmt |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in lubm1 lubm10 lubm10-inferred; do
  gz="$LUBM/$name.nt.gz"
  [ -f "$gz" ] || continue
  plain="$SCRATCH/$name.nt"
  zcat "$gz" > "$plain"
  statements=$(wc -l < "$plain")
  serdi_plain=() serdi_gz=() ours_plain=() ours_gz=() rss=()
  for _ in $(seq "$RUNS"); do
    serdi_plain+=("$(measure serdi -i ntriples -o ntriples "$plain" | cut -d' ' -f1)")
    serdi_gz+=("$(measure sh -c "zcat '$gz' | serdi -i ntriples -o ntriples -" | cut -d' ' -f1)")
    rm -rf "$SCRATCH/store"
    read -r seconds kib < <(measure "$WSISKG" --store "$SCRATCH/store" import --quiet "$plain")
    ours_plain+=("$seconds"); rss+=("$kib")
    rm -rf "$SCRATCH/store"
    read -r seconds kib < <(measure "$WSISKG" --store "$SCRATCH/store" import --quiet "$gz")
    ours_gz+=("$seconds"); rss+=("$kib")
  done
  bytes=$(stat -c %s "$SCRATCH/store/data.mdb")
  rate() { awk -v n="$statements" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
  sp=$(printf '%s\n' "${serdi_plain[@]}" | median); op=$(printf '%s\n' "${ours_plain[@]}" | median)
  sg=$(printf '%s\n' "${serdi_gz[@]}" | median); og=$(printf '%s\n' "${ours_gz[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)
  printf '| %s | %s | %s | %s | %.2f | %s | %s | %.2f | %d MiB | %.0f |\n' "$name" "$statements" \
    "$(rate "$sp")" "$(rate "$op")" "$(awk -v a="$sp" -v b="$op" 'BEGIN{print a/b}')" \
    "$(rate "$sg")" "$(rate "$og")" "$(awk -v a="$sg" -v b="$og" 'BEGIN{print a/b}')" \
    $((peak / 1024)) "$(awk -v b="$bytes" -v n="$statements" 'BEGIN{print b/n}')"
  rm -f "$plain"
done
