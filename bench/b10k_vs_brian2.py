#!/usr/bin/env python3
"""B10k side by side: Doka's engine against Brian 2 (C++ standalone) on the same machine, in one go.

For each repetition both simulators run the B10k network (10,000 LIF neurons, 1 s; see
docs/engine.md) at the same thread count, one after the other, and the ratio of their
simulation wall times (Brian's time inside Network::run over Doka's simulation phase) is
printed. Brian's code generation and compilation are not counted, nor is either build phase.

Needs Debian's python3-brian (the system /usr/bin/python3) and g++, plus the peer script
../shared/bench/brian2_b10k.py (or --brian-script).

  bench/b10k_vs_brian2.py --threads 1 --repeat 3
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_json(cmd, cwd=ROOT):
    out = subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if not lines:
        sys.exit("no JSON line from: " + " ".join(cmd) + "\n" + out)
    return json.loads(lines[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--brian-script", default=os.path.join(ROOT, "..", "shared", "bench", "brian2_b10k.py"))
    p.add_argument("--python", default="/usr/bin/python3", help="a python with Brian 2 (Debian's python3-brian)")
    args = p.parse_args()
    if not os.path.exists(args.brian_script):
        sys.exit("Brian 2 benchmark script not found: " + args.brian_script + " (use --brian-script)")

    doka_cmd = [os.path.join(ROOT, "doka"), "bench", "b10k", "--threads", str(args.threads), "--json"]
    brian_cmd = [args.python, args.brian_script, "--mode", "cpp", "--threads", str(args.threads),
                 "--dir", "/tmp/brian2_b10k_%d" % os.getpid()]
    ratios, doka_s, brian_s = [], [], []
    for r in range(args.repeat):
        d = run_json(doka_cmd)
        b = run_json(brian_cmd)
        doka_s.append(d["wall_s"])
        brian_s.append(b["sim_s"])
        ratios.append(b["sim_s"] / d["wall_s"])
        print("run %d: doka %.3f s (%d spikes, %.3g events/s, %.2f B/synapse, %.0f MB peak) | brian2 cpp %.3f s"
              " (%d spikes, %.0f MB peak) | brian2/doka = %.2f"
              % (r + 1, d["wall_s"], d["spikes"], d["events_per_s"], d["bytes_per_synapse"], d["peak_rss_mb"],
                 b["sim_s"], b["n_spikes"], b["binary_peak_rss_MB"], ratios[-1]), flush=True)
    print(json.dumps({"threads": args.threads, "repeat": args.repeat,
                      "doka_wall_s_median": statistics.median(doka_s),
                      "brian2_sim_s_median": statistics.median(brian_s),
                      "ratio_median": statistics.median(ratios),
                      "ratios": ratios}))


if __name__ == "__main__":
    main()
