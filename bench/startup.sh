#!/usr/bin/env bash
# Start-up time of the interphase command: the median wall time of N runs of each command line.
#
#   bench/startup.sh [PROGRAM] [N]
#
# PROGRAM defaults to the `interphase` on the PATH (as install.sh installs it); N to 21. Prints one
# line per command line: median, fastest and slowest in milliseconds. Results: bench/results/startup.md.
set -euo pipefail
program="${1:-interphase}"
n="${2:-21}"
here="$(cd "$(dirname "$0")/.." && pwd)"
command -v "$program" >/dev/null 2>&1 || { echo "startup.sh: no program '$program' (run ./install.sh, or pass the path of one)" >&2; exit 2; }

measure() {
  local times=() t0 t1
  "$program" "$@" >/dev/null 2>&1 || { echo "startup.sh: '$program $*' failed" >&2; exit 1; }  # warm the file cache
  for _ in $(seq "$n"); do
    t0=$(date +%s%N)
    "$program" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$*" '
    { t[NR] = $1 }
    END { printf "%-45s median %6.1f ms   min %6.1f ms   max %6.1f ms   (%d runs)\n", label, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, NR }'
}

measure --version
measure --help
measure materials show Li6PS5Cl --library "$here/data/materials"
