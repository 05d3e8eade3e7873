#!/usr/bin/env python3
"""Decision 0072: PT-PEO's salt diffusivity calibrated on domain.md D's t+ = 0.54 (as decision 0064 did for PEO-LiTFSI
on 0.28), and the window of the Li nucleation-spot fraction theta that B's and D's calibration measurements leave.
Inputs: the library's files (data/materials) and domain.md's measurements. Debian python3, standard library only."""
import math

R, F = 8.314462618, 96485.33212
T40, T50, T60 = 313.15, 323.15, 333.15
c0 = 1300.0                                   # mol/m3, both polymer files

def rho_plus(kappa, D, t, T, chi=1.0):
    return 1.0 / (1.0 + 2 * R * T * kappa * chi * (1 - t) ** 2 / (F ** 2 * D * c0))

def d_consistent(kappa, t, T):
    """Nernst-Einstein D (m2/s) for kappa (S/m) and t: then rho+ = t with chi = 1."""
    return 2 * t * (1 - t) * R * T * kappa / (F ** 2 * c0)

def vtf(s_ref, T_ref, T, B=1375.0, T0=210.0):
    return s_ref * math.sqrt(T_ref / T) * math.exp(-B / (T - T0) + B / (T_ref - T0))

def i_lim(D, t, L):
    """Steady limiting current 2 F c0 D / ((1 - t) L), A/m2."""
    return 2 * F * c0 * D / ((1 - t) * L)

# PT-PEO: kappa 1.06e-4 S/cm and t+ 0.54 at 40 degC (domain.md D), reference temperature 40 degC
k_pt = 1.06e-2
D_old = 2.0e-12
D_new = d_consistent(k_pt, 0.54, T40)
print(f"PT-PEO consistent D at 40 degC: {D_new*1e4:.4g} cm2/s (file before 2e-8, x{D_old/D_new:.3f} lower now)")
print(f"  rho+ at 40 degC: before {rho_plus(k_pt, D_old, 0.54, T40):.3f}, after {rho_plus(k_pt, D_new, 0.54, T40):.3f}")
k_pt50 = vtf(k_pt, T40, T50)
for lab, D in (("before", D_old), ("after", D_new)):
    D50 = D * k_pt50 / k_pt
    il = i_lim(D50, 0.54, 100e-6) / 10       # mA/cm2
    print(f"  {lab}: D(50 degC) {D50*1e4:.3g} cm2/s, rho+(50) {rho_plus(k_pt50, D50, 0.54, T50):.3f}, "
          f"limiting current of D's 100 um at 50 degC {il:.3f} mA/cm2 -> theta lower bound 0.2/i_lim {0.2/il:.4f}")

# PEO-LiTFSI (decision 0064): D_ref 2.08e-8 cm2/s at 60 degC, B's 90 um at 60 degC
D_peo = 2.08e-12
il_B = i_lim(D_peo, 0.28, 90e-6) / 10
print(f"PEO-LiTFSI, B (90 um, 60 degC): limiting current {il_B:.3f} mA/cm2 -> theta upper bound 0.2/i_lim {0.2/il_B:.4f}")

lo, hi = 0.2 / (i_lim(D_new * k_pt50 / k_pt, 0.54, 100e-6) / 10), 0.2 / il_B
lo0, hi0 = 0.057, 0.103                          # the window of the original choice 0.07 (interfaces.yaml, b55e483)
print(f"window now {lo:.4f} - {hi:.4f}; the original window {lo0} - {hi0} and its choice 0.07")
print(f"  0.07 in the original window: linear position {(0.07-lo0)/(hi0-lo0):.2f}, logarithmic {math.log(0.07/lo0)/math.log(hi0/lo0):.2f}, "
      f"margins x{0.07/lo0:.2f} above the lower, x{hi0/0.07:.2f} below the upper bound")
g = math.sqrt(lo * hi)
print(f"  geometric mean of the new window {g:.4f} (margin x{g/lo:.2f} to each bound); arithmetic mean {(lo+hi)/2:.4f}")
