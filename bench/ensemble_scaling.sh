#!/usr/bin/env bash
# Many members on one machine (docs/scaling.md, "Many members on one machine"): runs copies of
# ensembles/scale-100.json with 2 (one member per core: the cost of one member), 4, 25 and 100 members,
# one after another in one go, and prints each run's start-up, summed slowest task, overhead and checkpoints.
#   bench/ensemble_scaling.sh [members ...]      (default: 2 4 25 100)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${DOKA_BENCH_DIR:-$(mktemp -d /tmp/doka-scaling.XXXXXX)}"
models="$PWD/ensembles/models"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2 4 25 100)
./doka build >/dev/null
for n in "${sizes[@]}"; do
    extra=""
    [ "$n" -eq 2 ] && extra='"membersPerRank": 1, '
    sed -e "s|\"members\": 100,|\"members\": $n, $extra|" -e "s|\"name\": \"scale-100\"|\"name\": \"scale-$n\"|" \
        -e "s|models/cortex-synthetic.json|$models/cortex-synthetic.json|" ensembles/scale-100.json > "$out/scale-$n.json"
    rm -rf "$out/run-$n"
    ./doka run "$out/scale-$n.json" --run-dir "$out/run-$n" --quiet >/dev/null
done
echo "members | per rank | startup s | slowest sum s | per member s | overhead % | checkpoints MB in s | wall s"
for n in "${sizes[@]}"; do
    python3 - "$out/run-$n/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t = s["timing_s"]
n, k = s["members"], s["members_per_rank"]
tasks = -(-n // k)
print(f'{n} | {k} | {t["startup"]:.1f} | {t["members_simulation_slowest_sum"]:.2f} | '
      f'{t["members_simulation_slowest_sum"] * tasks / n:.3f} | {100 * s["overhead_fraction"]:.2f} | '
      f'{s["checkpoint"]["bytes"] / 1e6:.1f} in {s["checkpoint"]["seconds"]:.2f} | {s["wall_s"]:.1f}')
PY
done
echo "runs in $out"
