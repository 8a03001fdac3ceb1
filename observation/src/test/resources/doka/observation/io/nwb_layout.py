"""Checks an NWB 2.x file against the layout rules pynwb relies on when it reads one, with h5py alone
(pynwb is not packaged by Debian). Prints "ok: ..." and exits 0, or prints each broken rule and exits 1.

Usage: python3 nwb_layout.py FILE.nwb
"""
import re
import sys
from datetime import datetime

import h5py
import numpy as np

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NAMESPACES = {"core", "hdmf-common"}
REQUIRED_GROUPS = ["acquisition", "analysis", "processing", "stimulus/presentation", "stimulus/templates", "general"]

problems = []


def need(condition, message):
    if not condition:
        problems.append(message)
    return condition


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def is_text(dataset):
    return h5py.check_string_dtype(dataset.dtype) is not None


def iso_time(value, where):
    value = text(value)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return need(False, f"{where}: '{value}' is not an ISO 8601 date and time")
    return need(parsed.tzinfo is not None, f"{where}: '{value}' has no time zone")


def typed(obj):
    return text(obj.attrs.get("neurodata_type"))


def check_root(f):
    need(typed(f) == "NWBFile" and text(f.attrs.get("namespace")) == "core", "/: expected neurodata_type NWBFile in core")
    need(text(f.attrs.get("nwb_version", "")).startswith("2."), "/: nwb_version must name NWB 2.x")
    for name in ["identifier", "session_description", "session_start_time", "timestamps_reference_time"]:
        if need(name in f and isinstance(f[name], h5py.Dataset), f"/{name}: missing dataset"):
            need(f[name].shape == () and is_text(f[name]), f"/{name}: expected a scalar text dataset")
    for name in ["session_start_time", "timestamps_reference_time"]:
        if name in f:
            iso_time(f[name][()], "/" + name)
    if need("file_create_date" in f, "/file_create_date: missing"):
        dates = f["file_create_date"]
        need(dates.ndim == 1 and dates.shape[0] >= 1 and is_text(dates), "/file_create_date: expected 1-D text")
        for d in dates[()]:
            iso_time(d, "/file_create_date")
    for group in REQUIRED_GROUPS:
        need(isinstance(f.get(group), h5py.Group), f"/{group}: missing group")


def check_typed_objects(f):
    ids = []

    def visit(name, obj):
        if typed(obj) is None:
            return
        need(text(obj.attrs.get("namespace")) in NAMESPACES, f"/{name}: namespace must be one of {sorted(NAMESPACES)}")
        oid = text(obj.attrs.get("object_id", ""))
        need(UUID.match(oid) is not None, f"/{name}: object_id '{oid}' is not a UUID")
        ids.append(oid)

    visit("", f)
    f.visititems(visit)
    need(len(ids) == len(set(ids)), "object_id values repeat")
    return len(ids)


def check_units(f):
    if "units" not in f:
        return 0, 0
    u = f["units"]
    need(typed(u) == "Units" and text(u.attrs.get("namespace")) == "core", "/units: expected neurodata_type Units")
    need("description" in u.attrs, "/units: no description")
    ids = u["id"]
    need(typed(ids) == "ElementIdentifiers" and text(ids.attrs.get("namespace")) == "hdmf-common",
         "/units/id: expected ElementIdentifiers of hdmf-common")
    need(np.issubdtype(ids.dtype, np.integer), "/units/id: expected integers")
    n = ids.shape[0]
    need(len(set(ids[()].tolist())) == n, "/units/id: ids repeat")
    colnames = [text(c) for c in u.attrs.get("colnames", [])]
    need("spike_times" in colnames, "/units: colnames lacks spike_times")
    for c in colnames:
        if not need(c in u, f"/units: colnames names {c}, which is missing"):
            continue
        column = u[c]
        need(typed(column) in ("VectorData", "VectorIndex"), f"/units/{c}: expected VectorData")
        need("description" in column.attrs, f"/units/{c}: no description")
        if c + "_index" not in u:
            need(column.shape[0] == n, f"/units/{c}: {column.shape[0]} rows for {n} ids")
    spikes = 0
    if "spike_times_index" in u:
        index = u["spike_times_index"]
        need(typed(index) == "VectorIndex", "/units/spike_times_index: expected VectorIndex")
        need(np.issubdtype(index.dtype, np.unsignedinteger), "/units/spike_times_index: expected unsigned integers")
        ref = index.attrs.get("target")
        if need(isinstance(ref, h5py.Reference) and bool(ref), "/units/spike_times_index: no target object reference"):
            need(f[ref].name == "/units/spike_times", f"/units/spike_times_index: target is {f[ref].name}")
        ends = index[()]
        spikes = u["spike_times"].shape[0]
        need(ends.shape[0] == n, f"/units/spike_times_index: {ends.shape[0]} entries for {n} ids")
        need(bool(np.all(np.diff(ends.astype(np.int64)) >= 0)), "/units/spike_times_index: decreasing")
        need(n == 0 or int(ends[-1]) == spikes, "/units/spike_times_index: does not end at the spike count")
    return n, spikes


def check_time_series(f):
    series = []
    f.visititems(lambda name, obj: series.append((name, obj)) if typed(obj) == "TimeSeries" else None)
    for name, ts in series:
        if not need("data" in ts, f"/{name}: no data"):
            continue
        need("unit" in ts["data"].attrs, f"/{name}/data: no unit")
        rows = ts["data"].shape[0]
        if "timestamps" in ts:
            need(ts["timestamps"].shape[0] == rows, f"/{name}/timestamps: length differs from data")
        elif need("starting_time" in ts, f"/{name}: neither timestamps nor starting_time"):
            start = ts["starting_time"]
            need("rate" in start.attrs and float(start.attrs["rate"]) > 0, f"/{name}/starting_time: no positive rate")
            need(text(start.attrs.get("unit")) == "seconds", f"/{name}/starting_time: unit must be seconds")
    for name, module in f["processing"].items():
        need(typed(module) == "ProcessingModule" and "description" in module.attrs,
             f"/processing/{name}: expected a ProcessingModule with a description")
    return len(series)


def main(path):
    with h5py.File(path, "r") as f:
        check_root(f)
        objects = check_typed_objects(f)
        units, spikes = check_units(f)
        series = check_time_series(f)
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {units} units, {spikes} spikes, {series} TimeSeries, {objects} typed objects")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
