#!/usr/bin/env python3
"""Compare two fits.csv of `interphase eis fit` (decision 0082).

Usage: compare-fits.py BEFORE/fits.csv AFTER/fits.csv

A fitted parameter agrees when |after - before| <= 1e-6 |before| or, where the parameter is not
determined, when |after - before| <= 1e-3 of its own standard error (before's). Prints the counts, the
worst cases, the converged counts and chi-square ratios; exits 1 when any parameter disagrees or the
number of converged fits differs.
"""
import csv
import math
import sys


def number(text):
    """A cell as a float; an empty cell (a value that could not be computed) as None."""
    return float(text) if text != "" else None


class InputError(Exception):
    """A file that cannot be read as a fits.csv: reported on one line naming it, exit 1."""


def rows(path):
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("file", "spectrum", "status", "converged", "chi_square") if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}:1: not a fits.csv of `interphase eis fit` (no column {', '.join(missing)})")
            return {(r["file"], r["spectrum"]): r for r in reader}
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None


def main(before_path, after_path):
    before, after = rows(before_path), rows(after_path)
    if before.keys() != after.keys():
        print("the two files do not hold the same spectra")
        return 1
    header = next(iter(before.values())).keys()
    params = [h for h in header if h + "_se" in header]
    total = rel_ok = se_ok = bad = 0
    worst_rel = (0.0, None)
    worst_se = (0.0, None)
    chi_ratio = []
    conv_b = conv_a = 0
    for key, b in before.items():
        a = after[key]
        if b["status"] != "done" or a["status"] != "done":
            if b["status"] != a["status"]:
                print(f"{key}: status {b['status']} -> {a['status']}")
                bad += 1
            continue
        conv_b += b["converged"] == "true"
        conv_a += a["converged"] == "true"
        cb, ca = float(b["chi_square"]), float(a["chi_square"])
        chi_ratio.append(ca / cb - 1 if cb > 0 else 0.0)
        for p in params:
            total += 1
            vb, va, se = number(b[p]), number(a[p]), number(b[p + "_se"])
            if vb is None or va is None or vb == va:
                if vb is None and va is None or vb == va:
                    rel_ok += 1
                    continue
                bad += 1
                print(f"DISAGREES {key} {p}: {b[p]!r} -> {a[p]!r} (one is not computed)")
                continue
            se = se if se is not None else math.inf
            d = abs(va - vb)
            rel = d / abs(vb) if vb != 0 else (0.0 if d == 0 else math.inf)
            if rel <= 1e-6:
                rel_ok += 1
                if rel > worst_rel[0]:
                    worst_rel = (rel, (key, p, vb, va))
                continue
            in_se = d / se if se > 0 and math.isfinite(se) else math.inf
            if in_se <= 1e-3:
                se_ok += 1
                if in_se > worst_se[0]:
                    worst_se = (in_se, (key, p, vb, va, se))
                continue
            bad += 1
            if bad <= 20:
                print(f"DISAGREES {key} {p}: {vb!r} -> {va!r} (relative {rel:.3g}, {in_se:.3g} of its standard error {se:.3g})")
    print(f"spectra {len(before)}; parameters {total}: {rel_ok} within 1e-6 relative, {se_ok} within 1e-3 of their standard error only, {bad} disagree")
    print(f"worst relative (within 1e-6): {worst_rel[0]:.3g} {worst_rel[1]}")
    print(f"worst in standard errors (of those beyond 1e-6 relative): {worst_se[0]:.3g} {worst_se[1]}")
    chi_ratio.sort()
    if chi_ratio:
        print(f"chi_square after/before - 1: min {chi_ratio[0]:.3g}, median {chi_ratio[len(chi_ratio)//2]:.3g}, max {chi_ratio[-1]:.3g}")
    print(f"converged: before {conv_b}, after {conv_a}")
    return 0 if bad == 0 and conv_a == conv_b else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(main(sys.argv[1], sys.argv[2]))
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
