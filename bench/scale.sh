#!/usr/bin/env bash
# Issue 13's figures on this machine, one after the other: the engine's event loop on
# western-pacific-v1 and the default scenario (`kizuna bench`), a Monte Carlo study of
# western-pacific-v1 (wall time and peak memory; `--runs` scales it), the tracker and its
# scoring at 10,000 targets + 10,000 false alarms a frame, and the WTA benchmark (needs
# ../shared). With a second binary (e.g. one built from commit 820281e) its figures are
# printed beside, measured in the same run.
#
#   bench/scale.sh [BASELINE_KIZUNA] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
base="" runs=20
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) base="$1"; shift ;;
  esac
done
cargo build --release -q -p cli
new=target/release/kizuna
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bins=("$new"); [ -n "$base" ] && bins+=("$base")
echo "== 1. event loop (median of 3), ms"
for scen in western-pacific-v1 western-pacific; do
  for b in "${bins[@]}"; do
    # A baseline older than the v1 scenario knows the same scenario as its default.
    s="$scen"; [ "$b" != "$new" ] && [ "$scen" = western-pacific-v1 ] && s=western-pacific
    [ "$b" != "$new" ] && [ "$scen" = western-pacific ] && continue
    ms=$("$b" bench "$s" --runs 3 --queries 1 | awk '/event loop \(median\)/ {print $4}')
    echo "$scen  $b  $ms"
  done
done
echo "== 2. kizuna mc western-pacific-v1 --runs $runs (2 threads): wall s, peak KB"
for b in "${bins[@]}"; do
  s=western-pacific-v1; [ "$b" != "$new" ] && s=western-pacific
  /usr/bin/time -f "$b  %e s  %M KB" "$b" mc "$s" --runs "$runs" --threads 2 --quiet \
    --out "$work/mc-$(basename "$b")" >/dev/null
done
echo "== 5. tracker, 10,000 targets + 10,000 false alarms x 40 frames"
"$new" gen-bench -n 10000 -c 10000 -s 40 --out "$work/b10k" >/dev/null
for b in "${bins[@]}"; do
  /usr/bin/time -f "$b  whole command %e s, peak %M KB" "$b" track \
    --measurements "$work/b10k/measurements.jsonl" --truth "$work/b10k/truth.jsonl" \
    --out "$work/t-$(basename "$b")" >/dev/null
  grep -E '"ms_per_frame_mean"|"gospa_mean"' "$work/t-$(basename "$b")/metrics.json"
done
echo "== 4. WTA (public instances; 1 s and 10 s)"
if [ -d ../shared/data/wta ] || [ -n "${KIZUNA_SHARED:-}" ]; then
  cargo bench -q -p c2 --features bench --bench wta
else
  echo "skipped: ../shared/data/wta is not here"
fi
