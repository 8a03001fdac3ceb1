#!/usr/bin/python3
"""PD14 cross-check: Doka's engine against Brian 2 on the same microcircuit specification.

Runs `./doka simulate pd14 --n-scale S --json` and a Brian 2 (C++ standalone) implementation of
the same spec (shared/spec/pd14-microcircuit.md: populations, fixed-total-number wiring from the
connection probabilities, Gaussian weights and delays clipped as specified, Poisson background
K_ext x 8 Hz, iaf_psc_exp neurons with Gaussian initial potentials), then prints rate, CV ISI and
synchrony (3 ms bins) per population side by side. Brian runs down-scaled in neuron numbers
(in-degrees kept, k-scale 1, so no compensation is involved); full scale in Brian is possible
but slow to build here.

Needs Debian's python3-brian (run with /usr/bin/python3) and g++.

  bench/pd14_vs_brian2.py --n-scale 0.1 --threads 2
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = ["L2/3e", "L2/3i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"]
FULL_N = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
C = [[0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
     [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
     [0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0],
     [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
     [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
     [0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0],
     [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
     [0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443]]
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
V0_MEAN = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43]
V0_SD = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48]
J = 87.81  # pA
G = -4.0


def run_brian(n_scale, warmup_ms, sim_ms, threads, seed, directory):
    import numpy as np
    import brian2 as b2
    b2.set_device("cpp_standalone", directory=directory, build_on_run=False)
    if threads > 1:
        b2.prefs.devices.cpp_standalone.openmp_threads = threads
    b2.seed(seed)
    rng = np.random.default_rng(seed)
    b2.defaultclock.dt = 0.1 * b2.ms
    dt = 0.1
    n = [int(round(x * n_scale)) for x in FULL_N]
    off = np.concatenate([[0], np.cumsum(n)]).astype(np.int64)
    ns = {"C_m": 250 * b2.pF, "tau_m": 10 * b2.ms, "E_L": -65 * b2.mV, "V_th": -50 * b2.mV,
          "V_reset": -65 * b2.mV, "tau_syn": 0.5 * b2.ms}
    eqs = """
    dv/dt = (E_L - v)/tau_m + (I_ex + I_in)/C_m : volt (unless refractory)
    dI_ex/dt = -I_ex/tau_syn : amp
    dI_in/dt = -I_in/tau_syn : amp
    """
    group = b2.NeuronGroup(int(off[-1]), eqs, threshold="v >= V_th", reset="v = V_reset",
                           refractory=2 * b2.ms, method="exact", namespace=ns)
    group.v = np.concatenate([rng.normal(V0_MEAN[a], V0_SD[a], n[a]) for a in range(8)]) * b2.mV
    pre = {True: ([], [], [], []), False: ([], [], [], [])}
    for a in range(8):          # target
        for s in range(8):      # source
            if C[a][s] == 0:
                continue
            q = math.log(1 - C[a][s]) / math.log(1 - 1.0 / (FULL_N[s] * FULL_N[a]))
            count = int(round(q * n_scale))
            exc = s % 2 == 0
            mean_w = (J if exc else G * J) * (2 if (a == 0 and s == 2) else 1)
            w = rng.normal(mean_w, abs(mean_w) * 0.1, count)
            w = np.maximum(w, 0) if exc else np.minimum(w, 0)
            mean_d = 1.5 if exc else 0.75
            d = np.maximum(rng.normal(mean_d, mean_d * 0.5, count), dt)
            d = np.round(d / dt) * dt
            lists = pre[exc]
            lists[0].append(rng.integers(0, n[s], count) + off[s])
            lists[1].append(rng.integers(0, n[a], count) + off[a])
            lists[2].append(w)
            lists[3].append(d)
    objects = [group]
    for exc, (i, j, w, d) in pre.items():
        syn = b2.Synapses(group, group, model="w : amp", on_pre=("I_ex += w" if exc else "I_in += w"))
        syn.connect(i=np.concatenate(i), j=np.concatenate(j))
        syn.w = np.concatenate(w) * b2.pA
        syn.delay = np.concatenate(d) * b2.ms
        objects.append(syn)
    for a in range(8):
        objects.append(b2.PoissonInput(group[off[a]:off[a + 1]], "I_ex", N=K_EXT[a], rate=8 * b2.Hz,
                                       weight=J * b2.pA))
    mon = b2.SpikeMonitor(group)
    objects.append(mon)
    net = b2.Network(*objects)
    net.run((warmup_ms + sim_ms) * b2.ms)
    t0 = time.perf_counter()
    b2.device.build(directory=directory, compile=True, run=True)
    wall = time.perf_counter() - t0
    i = np.asarray(mon.i[:])
    t = np.asarray(mon.t[:] / b2.ms)
    keep = (t >= warmup_ms) & (t < warmup_ms + sim_ms)
    return statistics(i[keep], t[keep] - warmup_ms, n, off, sim_ms), wall, float(b2.device._last_run_time)


def statistics(i, t, n, off, sim_ms):
    import numpy as np
    out = {}
    bins = int(math.ceil(sim_ms / 3.0))
    for a in range(8):
        sel = (i >= off[a]) & (i < off[a + 1])
        ia, ta = i[sel], t[sel]
        rate = len(ia) / (n[a] * sim_ms * 1e-3)
        order = np.lexsort((ta, ia))
        ia, ta = ia[order], ta[order]
        cvs = []
        for k in np.unique(ia):
            ts = ta[ia == k]
            if len(ts) >= 3:
                isi = np.diff(ts)
                cvs.append(isi.std() / isi.mean())
        counts = np.histogram(ta, bins=bins, range=(0, bins * 3.0))[0]
        sync = counts.var() / counts.mean() if counts.mean() > 0 else float("nan")
        out[NAMES[a]] = {"rate_hz": rate, "cv_isi": float(np.mean(cvs)) if cvs else float("nan"), "synchrony": sync}
    return out


def run_doka(n_scale, warmup_ms, sim_ms, threads, seed):
    cmd = [os.path.join(ROOT, "doka"), "simulate", "pd14", "--n-scale", str(n_scale), "--t-warmup-ms",
           str(warmup_ms), "--t-sim-ms", str(sim_ms), "--threads", str(threads), "--seed", str(seed), "--json"]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    return json.loads([l for l in out.splitlines() if l.startswith("{")][-1])["populations"], wall


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n-scale", type=float, default=0.1)
    p.add_argument("--t-warmup-ms", type=float, default=500)
    p.add_argument("--t-sim-ms", type=float, default=1000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dir", default="/tmp/brian2_pd14_%d" % os.getpid())
    args = p.parse_args()
    doka, doka_wall = run_doka(args.n_scale, args.t_warmup_ms, args.t_sim_ms, args.threads, args.seed)
    brian, brian_wall, brian_run = run_brian(args.n_scale, args.t_warmup_ms, args.t_sim_ms, args.threads, args.seed,
                                             args.dir)
    print("PD14 n-scale %g, %g ms after %g ms warm-up, seed %d, %d threads"
          % (args.n_scale, args.t_sim_ms, args.t_warmup_ms, args.seed, args.threads))
    print("%-6s %9s %9s %7s | %7s %7s | %9s %9s" % ("pop", "doka Hz", "brian Hz", "ratio", "doka CV", "brian CV",
                                                  "doka syn", "brian syn"))
    for name in NAMES:
        d, b = doka[name], brian[name]
        ratio = d["rate_hz"] / b["rate_hz"] if b["rate_hz"] > 0 else float("nan")
        print("%-6s %9.3f %9.3f %7.3f | %7.3f %7.3f | %9.3f %9.3f"
              % (name, d["rate_hz"], b["rate_hz"], ratio, d["cv_isi"] or float("nan"), b["cv_isi"],
                 d["synchrony"] or float("nan"), b["synchrony"]))
    print("wall: doka %.1f s (whole command, incl. JVM start and build); brian2 %.1f s (compile + run),"
          " of which %.1f s in Network::run" % (doka_wall, brian_wall, brian_run))
    print(json.dumps({"n_scale": args.n_scale, "seed": args.seed, "doka": doka, "brian2": brian}))


if __name__ == "__main__":
    main()
