#!/usr/bin/python3
"""doka-brian2: a Doka ensemble member that is a Brian 2 network.

Serves Doka's member protocol, version 1 (docs/external.md): one JSON object per line on stdin, one
answer per line on stdout. The network is described in a JSON file (the first argument), for example
ensembles/models/brian2-ei.json:

    {"dt_ms": 0.1,
     "populations": [{"name": "E", "n": 800, "tau_m_ms": 20, "v_th_mV": 20, "v_reset_mV": 10,
                      "t_ref_ms": 2, "k_ext": 200, "j_ext_mV": 0.5}, ...],
     "connections": [{"from": "E", "to": "I", "p": 0.1, "weight_mV": 0.5, "delay_ms": 1.5,
                      "gain": "g"}, ...],
     "parameters": {"bg_rate_hz": 8.0, "g": 5.0}}

Neurons are leaky integrate-and-fire with delta synapses; each population's background is k_ext
Poisson inputs at bg_rate_hz each, of weight j_ext_mV, in the diffusion approximation (so that the
rate is a variable the filter can change between windows). A connection's weight is multiplied by
the parameter its "gain" names, if any. Parameters: bg_rate_hz and every gain. Observables: rate_<population>
(the population's rate in each bin, Hz).

The same seed gives the same numbers; save/restore covers the network, the random generator and the
parameters, so a restored member continues bit for bit. Everything Brian prints goes to stderr: stdout
carries the protocol only.
"""
import json
import os
import pickle
import sys
import time

PROTOCOL = 1
NAME = "doka-brian2 1.0"


class Member:
    def __init__(self, spec, seed, bin_ms):
        import brian2 as b2
        import numpy as np
        self.b2, self.np = b2, np
        b2.prefs.codegen.target = os.environ.get("DOKA_BRIAN2_TARGET", "numpy")
        b2.seed(seed)
        b2.defaultclock.dt = spec.get("dt_ms", 0.1) * b2.ms
        self.bin = bin_ms * b2.ms
        self.params = dict(spec["parameters"])
        eqs = """dv/dt = (-v + j_ext * k_ext * nu_ext * tau)/tau + j_ext * sqrt(k_ext * nu_ext) * xi : volt (unless refractory)
                 tau : second (constant)
                 k_ext : 1 (constant)
                 j_ext : volt (constant)
                 nu_ext : Hz (shared)"""
        self.groups = {}
        for p in spec["populations"]:
            g = b2.NeuronGroup(p["n"], eqs, threshold="v > %r*mV" % p["v_th_mV"],
                               reset="v = %r*mV" % p["v_reset_mV"], refractory=p["t_ref_ms"] * b2.ms,
                               method="euler", name="pop_" + p["name"])
            g.tau = p["tau_m_ms"] * b2.ms
            g.k_ext = p["k_ext"]
            g.j_ext = p["j_ext_mV"] * b2.mV
            g.v = "rand() * %r * mV" % p["v_th_mV"]
            self.groups[p["name"]] = g
        self.synapses = []
        for i, c in enumerate(spec["connections"]):
            s = b2.Synapses(self.groups[c["from"]], self.groups[c["to"]], "gain : 1 (shared)",
                            on_pre="v_post += gain * %r * mV" % c["weight_mV"], delay=c["delay_ms"] * b2.ms,
                            name="syn_%d_%s_%s" % (i, c["from"], c["to"]))
            s.connect(p=c["p"])
            self.synapses.append((s, c.get("gain")))
        self.counts = {n: b2.SpikeMonitor(g, record=False, name="count_" + n) for n, g in self.groups.items()}
        first = spec["populations"][0]["name"]
        self.raster = b2.SpikeMonitor(self.groups[first], name="raster_" + first)
        self.net = b2.Network(*self.groups.values(), *(s for s, _ in self.synapses), *self.counts.values(), self.raster)
        self.apply()
        self.last = {}
        self.window_start_ms = 0.0

    def names(self):
        return list(self.params)

    def observables(self):
        return ["rate_" + n for n in self.groups]

    def apply(self):
        for g in self.groups.values():
            g.nu_ext = self.params["bg_rate_hz"] * self.b2.Hz
        for s, gain in self.synapses:
            s.gain = 1.0 if gain is None else self.params[gain]

    def set(self, values):
        unknown = [k for k in values if k not in self.params]
        if unknown:
            raise ValueError("unknown parameter(s) %s; this network has %s" % (unknown, self.names()))
        self.params.update({k: float(v) for k, v in values.items()})
        self.apply()

    def now_ms(self):
        return float(self.net.t / self.b2.ms)

    def advance(self, to_ms):
        """Runs bin by bin to to_ms, recording each population's rate per bin."""
        b2, np = self.b2, self.np
        start = self.now_ms()
        if to_ms < start - 1e-9:
            raise ValueError("cannot advance backwards: the network is at %r ms, asked for %r ms" % (start, to_ms))
        bin_ms = float(self.bin / b2.ms)
        bins = int(round((to_ms - start) / bin_ms))
        if abs(bins * bin_ms - (to_ms - start)) > 1e-6:
            raise ValueError("advance by %r ms is not a whole number of %r ms bins" % (to_ms - start, bin_ms))
        rates = {n: [] for n in self.groups}
        for _ in range(bins):
            before = {n: int(m.count[:].sum()) for n, m in self.counts.items()}
            self.net.run(self.bin)
            for n, m in self.counts.items():
                rates[n].append((int(m.count[:].sum()) - before[n]) / len(self.groups[n]) / (bin_ms / 1000))
        self.last = {"rate_" + n: r for n, r in rates.items()}
        self.window_start_ms = start
        return self.now_ms()

    def observe(self, names):
        missing = [n for n in names if n not in self.last]
        if missing:
            raise ValueError("no values of %s: observables %s, after an advance" % (missing, self.observables()))
        return {n: self.last[n] for n in names}

    def write_raster(self, path, max_neurons):
        np = self.np
        t = np.asarray(self.raster.t / self.b2.ms)
        i = np.asarray(self.raster.i[:])
        keep = (t >= self.window_start_ms - 1e-9) & (i < max_neurons)
        with open(path, "w") as f:
            f.write("time_ms,neuron\n")
            for tt, ii in zip(t[keep], i[keep]):
                f.write("%.4f,%d\n" % (tt - self.window_start_ms, ii))
        return int(keep.sum())

    def save(self, path):
        # Brian's store holds every object's state and the random generator; ours holds the rest.
        tmp = path + ".brian"
        self.net.store("doka", filename=tmp)
        with open(tmp, "rb") as f:
            brian_state = f.read()
        os.remove(tmp)
        with open(path, "wb") as f:
            pickle.dump({"brian": brian_state, "params": self.params, "last": self.last,
                         "window_start_ms": self.window_start_ms}, f, protocol=4)
        return os.path.getsize(path)

    def restore(self, path):
        with open(path, "rb") as f:
            state = pickle.load(f)
        tmp = path + ".brian"
        with open(tmp, "wb") as f:
            f.write(state["brian"])
        self.net.restore("doka", filename=tmp, restore_random_state=True)
        os.remove(tmp)
        self.params = state["params"]
        self.last = state["last"]
        self.window_start_ms = state["window_start_ms"]
        self.apply()
        return self.now_ms()


def serve(network_file, requests, answers):
    with open(network_file) as f:
        spec = json.load(f)
    member = None
    for line in requests:
        if not line.strip():
            continue
        op = "?"
        try:
            req = json.loads(line)
            op = req.get("op", "?")
            if op == "hello":
                if req.get("protocol") != PROTOCOL:
                    raise ValueError("this adapter speaks protocol %d, not %r" % (PROTOCOL, req.get("protocol")))
                member = Member(spec, int(req["seed"]) % 2**32, float(req["bin_ms"]))
                neurons = sum(len(g) for g in member.groups.values())
                synapses = sum(len(s) for s, _ in member.synapses)
                answer = {"op": "hello", "protocol": PROTOCOL, "program": NAME + " (Brian " + member.b2.__version__ + ")",
                          "parameters": member.names(), "observables": member.observables(), "neurons": neurons,
                          "synapses": synapses, "raster": True}
            elif member is None and op != "shutdown":
                raise ValueError("the first request must be hello")
            elif op == "set":
                member.set(req["parameters"])
                answer = {"op": "set"}
            elif op == "advance":
                t0 = time.perf_counter()
                t = member.advance(float(req["to_ms"]))
                answer = {"op": "advance", "t_ms": t, "sim_s": time.perf_counter() - t0}
            elif op == "observe":
                answer = {"op": "observe", "values": member.observe(req["names"])}
            elif op == "raster":
                answer = {"op": "raster", "spikes": member.write_raster(req["path"], int(req["max_neurons"]))}
            elif op == "save":
                answer = {"op": "save", "bytes": member.save(req["path"])}
            elif op == "restore":
                answer = {"op": "restore", "t_ms": member.restore(req["path"])}
            elif op == "shutdown":
                answers.write(json.dumps({"op": "shutdown"}) + "\n")
                answers.flush()
                return
            else:
                raise ValueError("unknown op %r" % op)
        except Exception as e:  # every failure is an answer: Doka reports it naming the member
            answer = {"op": "error", "request": op, "message": "%s: %s" % (type(e).__name__, e)}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: doka_brian2.py <network.json>")
    protocol_out = sys.stdout
    sys.stdout = sys.stderr  # whatever Brian or numpy print must not enter the protocol
    serve(sys.argv[1], sys.stdin, protocol_out)
