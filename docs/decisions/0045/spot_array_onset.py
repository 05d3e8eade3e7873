#!/usr/bin/env python3
"""Salt depletion under a periodic array of nucleation spots (decision 0045).

Evaluation only: not part of the model. It asks what lateral diffusion between nucleation spots does to
the Sand-type onset of docs/models.md section 9 item 2, whose column above a spot is 1-D.

Geometry: the unit cell of an array of spots of radius a covering the fraction theta of the plating face,
taken as a cylinder of radius R = a/sqrt(theta) (the diffusion-domain approximation), over a binary-salt
layer of thickness L. The plating face takes salt at q_loc = (1 - t+) i/(theta F) on the spot only, the
counter face releases it uniformly at (1 - t+) i/F; side walls carry no flux. The diffusion equation with
these fluxes switched on at t = 0 is solved exactly in the modes J0(k_n r) cos(m pi z/L), with k_n R the
zeros of J1. The onset is the first time the salt at the spot's centre reaches zero. The steady limit of
an isolated small spot is the disk result of Saito (Rev. Polarogr. 15, 177, 1968), i = 4 F D c a per
spot, seen through the binary-salt factor 1/(1 - t+); as a grows past L the 1-D column of the model is
recovered at short times.

Python 3 with the Debian package python3-mpmath (Bessel zeros and values).
Usage: spot_array_onset.py J_mA_cm2[,J2,...] a_um [a_um ...]
"""
import math
import sys

import mpmath

F = 96485.332
# B-bare-Li-PEO at 60 degC: PEO-LiTFSI's library inputs and the Li|PEO-LiTFSI nucleation site fraction.
D, C0, T_PLUS, L, THETA = 5e-12, 1300.0, 0.28, 90e-6, 0.07


def modes(a, theta=THETA, n_max=250):
    r_cell = a / math.sqrt(theta)
    ks, j0_edge, disk = [0.0], [1.0], [a * a / 2]
    for n in range(1, n_max + 1):
        zero = float(mpmath.besseljzero(1, n))
        k = zero / r_cell
        ks.append(k)
        j0_edge.append(float(mpmath.besselj(0, zero)))
        disk.append(a * float(mpmath.besselj(1, k * a)) / k)   # integral of J0(k r) r dr over the spot
    return r_cell, ks, j0_edge, disk


def centre_concentration(t, i, pre, d=D, c0=C0, t_plus=T_PLUS, thickness=L, theta=THETA, m_max=400):
    """Salt concentration (mol/m3) at the spot's centre on the plating face after t seconds at i (A/m2)."""
    r_cell, ks, j0_edge, disk = pre
    q_mean = (1 - t_plus) * i / F
    q_spot = q_mean / theta
    total = 0.0
    for n, k in enumerate(ks):
        radial_norm = r_cell * r_cell / 2 * j0_edge[n] ** 2
        into_plating_face = -q_spot * disk[n]
        into_counter_face = q_mean * (r_cell * r_cell / 2 if n == 0 else 0.0)
        for m in range(0, m_max + 1):
            if n == 0 and m == 0:
                continue                                        # the mean: salt is conserved
            lam = k * k + (m * math.pi / thickness) ** 2
            norm = radial_norm * (thickness if m == 0 else thickness / 2)
            forcing = (into_plating_face + into_counter_face * (1 if m % 2 == 0 else -1)) / norm
            x = d * lam * t
            total += forcing / (d * lam) * (1 - math.exp(-x) if x < 50 else 1.0)
    return c0 + total


def steady_critical_current(pre):
    """The mean current (A/m2) at which the spot's centre runs out in the steady state."""
    probe = 10.0
    return probe * C0 / (C0 - centre_concentration(1e12, probe, pre))


def onset_s(i, pre, t_max=1e7):
    if centre_concentration(t_max, i, pre) > 0:
        return None
    lo, hi = 1e-2, t_max
    for _ in range(30):
        mid = math.sqrt(lo * hi)
        if centre_concentration(mid, i, pre) > 0:
            lo = mid
        else:
            hi = mid
    return hi


if __name__ == "__main__":
    currents = [float(x) for x in sys.argv[1].split(",")]
    print(f"i_lim = {2 * F * C0 * D / ((1 - T_PLUS) * L) / 10:.3f} mA/cm2 (90 um)")
    for a_um in (float(x) for x in sys.argv[2:]):
        pre = modes(a_um * 1e-6)
        cells = [f"a = {a_um:g} um", f"steady critical mean current {steady_critical_current(pre) / 10:.3f} mA/cm2"]
        for j in currents:
            t = onset_s(j * 10, pre)
            cells.append(f"{j:g} mA/cm2: " + ("no onset in 2778 h" if t is None else f"{t / 3600:.4g} h"))
        print("; ".join(cells), flush=True)
