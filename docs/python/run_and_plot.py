#!/usr/bin/env python3
"""Drive Interphase from Python: simulate a shipped cell, read its outputs, plot them with matplotlib.

    python3 docs/python/run_and_plot.py                     # runs `interphase` from PATH
    python3 docs/python/run_and_plot.py --interphase "dotnet run --project src/Interphase.Cli --"
    python3 docs/python/run_and_plot.py --parquet           # Parquet outputs, read with pandas (needs pyarrow)

It writes out/python-example/ (Interphase's outputs) and out/python-example/voltage.png, and prints the
mean overpotential of each cycle. Only the standard library and matplotlib are needed for CSV outputs.
"""
import argparse
import csv
import json
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def simulate(interphase, cell, out, steps, parquet):
    cmd = shlex.split(interphase) + ["simulate", str(cell), "--out", str(out), "--overwrite", "--quiet"]
    for s in steps:
        cmd += ["--step", s]
    if parquet:
        cmd += ["--format", "parquet"]
    # Interphase reports a bad input on one line and exits 1 (2 for a usage error): show it and stop
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"interphase failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads((out / "summary.json").read_text())


def read_table(out, name, parquet):
    """A table as a dict of column name -> list of floats (None for an empty cell)."""
    if parquet:
        import pandas as pd  # pandas.read_parquet needs pyarrow or fastparquet
        frame = pd.read_parquet(out / f"{name}.parquet")
        return {c: [None if pd.isna(v) else float(v) for v in frame[c]] for c in frame.columns}
    with open(out / f"{name}.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return {c: [float(r[c]) if r[c] != "" else None for r in rows] for c in rows[0]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--interphase", default="interphase", help="the command that runs Interphase")
    ap.add_argument("--cell", default=str(REPO / "data/cases/A-bare-Li-LPSCl.yaml"))
    ap.add_argument("--out", default="out/python-example")
    ap.add_argument("--parquet", action="store_true", help="write and read Parquet instead of CSV")
    args = ap.parse_args()

    out = Path(args.out)
    steps = ["Repeat 5 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h"]
    summary = simulate(args.interphase, args.cell, out, steps, args.parquet)
    series = read_table(out, "timeseries", args.parquet)
    cycles = read_table(out, "cycles", args.parquet)

    for c, mv in zip(cycles["cycle"], cycles["mean_abs_overpotential_mV"]):
        print(f"cycle {int(c)}: mean |overpotential| {mv:.2f} mV" if mv is not None else f"cycle {int(c)}: n/a")
    print(f"run mean {summary['mean_overpotential_mV']:.2f} mV, stop reason {summary['stop_reason']}")

    import matplotlib
    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(3.5, 2.6), dpi=200)  # a single journal column
    ax.plot(series["time_h"], [1e3 * v for v in series["voltage_V"]], lw=0.8)
    ax.set_xlabel("time (h)")
    ax.set_ylabel("cell voltage (mV)")
    ax.set_title(summary.get("cell", ""), fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "voltage.png")
    print(f"wrote {out / 'voltage.png'}")


if __name__ == "__main__":
    main()
