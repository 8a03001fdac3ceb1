#!/usr/bin/env python3
"""Reads Doka's outputs with pandas, as they are (docs/python.md).

    python3 docs/examples/read_run.py DIR [DIR ...]

DIR is a run directory (./doka run, ./doka calibrate) or a simulate --out directory. Prints one JSON
object: for every CSV file, its rows and columns as pandas reads them; for a run directory, the
ensemble mean and sd of each parameter at the last window or iteration; for a twin, the rank histogram summed over
the windows.
"""
import json
import pathlib
import sys

import pandas as pd


def read_outputs(directory):
    """Every CSV of a directory, by file name, each with a plain pandas.read_csv."""
    return {f.name: pd.read_csv(f) for f in sorted(pathlib.Path(directory).glob("*.csv"))}


def last_parameters(parameters):
    """parameters.csv (window or iteration, member, one column per parameter): the last one's mean and sd."""
    step = "window" if "window" in parameters else "iteration"
    last = parameters[parameters[step] == parameters[step].max()].drop(columns=[step, "member"])
    return {name: {"mean": float(col.mean()), "sd": float(col.std(ddof=1))} for name, col in last.items()}


def rank_histogram(diagnostics):
    """diagnostics.csv's rank_0 … rank_N columns summed over the windows that have them (twins only)."""
    ranks = diagnostics.filter(regex=r"^rank_\d+$").dropna()
    return [int(v) for v in ranks.sum()] if len(ranks) else None


def main(directories):
    result = {}
    for d in directories:
        frames = read_outputs(d)
        entry = {name: {"rows": len(df), "columns": list(df.columns)} for name, df in frames.items()}
        if "parameters.csv" in frames and "member" in frames["parameters.csv"]:
            entry["last_parameters"] = last_parameters(frames["parameters.csv"])
        if "diagnostics.csv" in frames:
            entry["rank_histogram"] = rank_histogram(frames["diagnostics.csv"])
        result[str(d)] = entry
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
