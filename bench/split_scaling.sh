#!/bin/bash
# Strong scaling of one cortex member split over ranks (docs/scaling.md): the set-ups run
# interleaved, REPEATS times, and the medians of the simulated second are printed.
#   bench/split_scaling.sh [density-scale] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
S=${1:-0.02}
REPEATS=${2:-3}
OUT=$(mktemp -d)
MODEL=ensembles/models/cortex-synthetic.json
for rep in $(seq "$REPEATS"); do
  for setup in "1 1 multicore" "2 1 multicore" "2 1 niodev" "1 2 multicore"; do
    set -- $setup
    ./doka simulate "$MODEL" --density-scale "$S" --t-warmup-ms 200 --t-sim-ms 1000 --json \
      --ranks "$1" --threads "$2" --device "$3" > "$OUT/$rep-$1-$2-$3.json"
  done
done
python3 - "$OUT" <<'PY'
import json, glob, statistics, sys
runs = {}
for f in sorted(glob.glob(sys.argv[1] + "/*.json")):
    rep, p, t, dev = f.rsplit("/", 1)[1][:-5].split("-")
    d = json.load(open(f))
    runs.setdefault((p, t, dev), []).append(d)
base = None
for (p, t, dev), ds in runs.items():
    sim = statistics.median(d["sim_s"] for d in ds)
    base = base or sim
    shares = ds[0].get("per_rank", [ds[0]["rank_share"]])
    sent = sum(s["spikesSent"] for s in shares)
    spikes = sum(s["spikes"] for s in shares)
    print(f"P={p} threads={t} {dev:9s} sim {sim:6.2f} s  speed-up {base / sim:4.2f}  "
          f"store/rank {max(s['synapseBytes'] for s in shares) / 1e6:6.1f} MB  "
          f"in exchanges {max(s['exchangeS'] for s in shares):5.2f} s  sent/spikes {sent / spikes:4.2f}")
PY
