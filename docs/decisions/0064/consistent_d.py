#!/usr/bin/env python3
"""Decision 0064: the salt diffusivity that makes a binary electrolyte's steady Bruce-Vincent current fraction
rho+ = 1/(1 + 2 R T kappa chi (1 - t+0)^2 / (F^2 D c0)) equal to its measured value, with chi = 1 and t+0 = rho+
(the Nernst-Einstein value of D for kappa and t+: then rho+ = t+ exactly), and what it moves.
Inputs: the library's files (data/materials) and domain.md's measurements. Debian python3, standard library only."""
import math

R, F = 8.314462618, 96485.33212

def rho_plus(kappa, D, c0, t, T, chi=1.0):
    return 1.0 / (1.0 + 2 * R * T * kappa * chi * (1 - t) ** 2 / (F ** 2 * D * c0))

def d_consistent(kappa, c0, t, T):
    """D (m2/s) at temperature T for which rho+ = t with chi = 1: 2 t (1 - t) R T kappa / (F^2 c0)."""
    return 2 * t * (1 - t) * R * T * kappa / (F ** 2 * c0)

def vtf(s_ref, T_ref, T, B=1375.0, T0=210.0):
    return s_ref * math.sqrt(T_ref / T) * math.exp(-B / (T - T0) + B / (T_ref - T0))

T40, T50, T60 = 313.15, 323.15, 333.15
c0 = 1300.0
print("PEO-LiTFSI (domain.md D: 2.84e-5 S/cm and t+ 0.28 at 40 degC; B: 2.4e-4 S/cm taken at 60 degC)")
k40, k60 = vtf(2.4e-2, T60, T40), 2.4e-2
D40 = d_consistent(k40, c0, 0.28, T40)
D60 = D40 * k60 / k40            # the file's law D(T) = D_ref sigma(T)/sigma(T_ref)
print(f"  kappa(40) {k40*1e-2:.4g} S/cm; consistent D {D40*1e4:.4g} cm2/s at 40 degC -> D_ref {D60*1e4:.4g} cm2/s at 60 degC "
      f"(file before: 5e-8, x{5e-12/D60:.3f})")
for T, lab in ((T40, "40"), (T50, "50"), (T60, "60")):
    kT = vtf(2.4e-2, T60, T)
    print(f"  rho+ at {lab} degC: old D {rho_plus(kT, 5e-12*kT/k60, c0, 0.28, T):.3f}, new D {rho_plus(kT, D60*kT/k60, c0, 0.28, T):.3f}")

print("PT-PEO (domain.md D: 1.06e-4 S/cm and t+ 0.54 at 40 degC)")
kpt = 1.06e-2
Dpt = d_consistent(kpt, c0, 0.54, T40)
print(f"  consistent D {Dpt*1e4:.4g} cm2/s at 40 degC (file before: 2e-8, x{2e-12/Dpt:.3f}); "
      f"rho+ old {rho_plus(kpt, 2e-12, c0, 0.54, T40):.3f}, new {rho_plus(kpt, Dpt, c0, 0.54, T40):.3f}")
Dpt_scaled = D60 * (k40 / k60) * (kpt / k40)
print(f"  PT-PEO's old derivation (PEO's D_ref to 40 degC, times the conductivity ratio 3.73) with the new PEO D: "
      f"{Dpt_scaled*1e4:.3g} cm2/s -> rho+ {rho_plus(kpt, Dpt_scaled, c0, 0.54, T40):.3f}")

print("What the PEO change moves (B: 90 um at 0.2 mA/cm2, 60 degC)")
i, L = 2.0, 90e-6
for lab, D in (("before", 5e-12), ("after", D60)):
    tS = math.pi * D * (c0 * F / (2 * i * (1 - 0.28))) ** 2 / 3600
    ilim = 2 * F * c0 * D / ((1 - 0.28) * L)
    tau = L ** 2 / (math.pi ** 2 * D)
    print(f"  {lab}: Sand time {tS:.2f} h, limiting current {ilim/10:.3f} mA/cm2, diffusion time L^2/(pi^2 D) {tau:.0f} s, "
          f"theta window upper bound 0.2/i_lim {0.2/(ilim/10):.3f}")
print("Nucleation-spot window of Li|PEO-LiTFSI theta (upper bound: B grows fibres; lower bound: D's PT-PEO at 50 degC, 100 um, no short)")
for lab, Dp in (("PT-PEO before", 2e-12), ("PT-PEO after", Dpt)):
    kpt50 = vtf(kpt, T40, T50)
    D50 = Dp * kpt50 / kpt
    ilim = 2 * F * c0 * D50 / ((1 - 0.54) * 100e-6)
    print(f"  {lab}: limiting current at 50 degC {ilim/10:.3f} mA/cm2 -> theta lower bound 0.2/i_lim {0.2/(ilim/10):.3f}")
