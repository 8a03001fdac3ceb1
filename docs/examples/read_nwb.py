#!/usr/bin/env python3
"""Reads an NWB file Doka wrote (simulate --nwb FILE) with h5py alone (docs/python.md).

    python3 docs/examples/read_nwb.py FILE.nwb

Prints one JSON object: the units (count, spikes, spikes per location, the first unit's train) and each
rate time series (samples, start, sampling rate, mean). With pynwb installed it also opens the file with
pynwb and reports what pynwb sees.
"""
import json
import sys

import h5py
import numpy as np


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def spike_trains(units):
    """The ragged spike_times split by spike_times_index (each entry: one past the unit's last spike)."""
    index = units["spike_times_index"]
    times = index.file[index.attrs["target"]][()]  # the index says which dataset it indexes
    return np.split(times, index[()].astype(np.int64)[:-1])


def read_units(f):
    units = f["units"]
    trains = spike_trains(units)
    locations = [text(v) for v in units["location"][()]]
    per_location = {}
    for location, train in zip(locations, trains):
        per_location[location] = per_location.get(location, 0) + len(train)
    return {
        "units": len(units["id"]),
        "spikes": int(sum(len(t) for t in trains)),
        "spikes_per_location": per_location,
        "first_unit": {"id": int(units["id"][0]), "population": text(units["population"][0]),
                       "spike_times_s": trains[0][:5].tolist()} if trains else None,
    }


def read_rates(f, module="rates"):
    series = {}
    for name, ts in f["processing"].get(module, {}).items():
        start = ts["starting_time"]
        data = ts["data"][()]
        series[name] = {"samples": len(data), "start_s": float(start[()]), "rate_hz": float(start.attrs["rate"]),
                        "unit": text(ts["data"].attrs["unit"]), "mean": float(data.mean()) if len(data) else None}
    return series


def read_with_pynwb(path):
    """What pynwb reads, when it is installed (Debian does not package it)."""
    try:
        from pynwb import NWBHDF5IO
    except ImportError:
        return "pynwb is not installed"
    with NWBHDF5IO(path, "r") as io:
        nwb = io.read()
        table = nwb.units.to_dataframe()
        return {"units": len(table), "columns": list(table.columns), "rate_series": len(nwb.processing["rates"].data_interfaces)}


def main(path):
    with h5py.File(path, "r") as f:
        out = {"nwb_version": text(f.attrs["nwb_version"]), "session_start_time": text(f["session_start_time"][()]),
               "units": read_units(f) if "units" in f else None, "rates": read_rates(f)}
    out["pynwb"] = read_with_pynwb(path)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
