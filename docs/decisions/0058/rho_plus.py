#!/usr/bin/env python3
"""Decision 0058: the steady current fraction rho+ of a Bruce-Vincent hold for a binary salt,
rho+ = 1/(1 + 2 R T kappa chi (1 - t+0)^2 / (F^2 D c0)) (z = 1, linear in the small hold voltage),
from Newman's concentrated-solution flux laws with thermodynamic factor chi = 1 + dln f/dln c.
Inputs are the library's values (data/materials) and the sourced LP30 values named below. Debian python3, standard library only."""
import math as np

R, F = 8.314462618, 96485.33212

def rho_plus(kappa, D, c0, t, T, chi=1.0):
    """kappa S/m, D m2/s, c0 mol/m3, T K."""
    return 1.0 / (1.0 + 2 * R * T * kappa * chi * (1 - t) ** 2 / (F ** 2 * D * c0))

def chi_needed(rho, kappa, D, c0, t, T):
    return (1 / rho - 1) * F ** 2 * D * c0 / (2 * R * T * kappa * (1 - t) ** 2)

def d_needed(rho, kappa, c0, t, T, chi=1.0):
    return 2 * R * T * kappa * chi * (1 - t) ** 2 / (F ** 2 * c0 * (1 / rho - 1))

def vtf(s_ref, T_ref, T, B=1375.0, T0=210.0):
    return s_ref * np.sqrt(T_ref / T) * np.exp(-B / (T - T0) + B / (T_ref - T0))

print("(a) library values, chi = 1")
# PEO-LiTFSI: 2.4e-4 S/cm at 60 degC (VTF B 1375 K, T0 210 K), D 5e-8 cm2/s at 60 degC scaled with sigma(T), c0 1.3 M, t+ 0.28
T40, T60 = 313.15, 333.15
k40 = vtf(2.4e-2, T60, T40)
D40 = 5e-12 * k40 / 2.4e-2
r_peo = rho_plus(k40, D40, 1300, 0.28, T40)
print(f"  PEO-LiTFSI 40 degC: kappa {k40*1e-2:.3g} S/cm, D {D40*1e4:.3g} cm2/s -> rho+ {r_peo:.3f} (simulated hold, interfaces negligible: I_ss/I_0 0.51)")
print(f"  PEO-LiTFSI 60 degC: rho+ {rho_plus(2.4e-2, 5e-12, 1300, 0.28, T60):.3f} (kappa and D scale together, so only T moves it)")
# PT-PEO: 1.06e-4 S/cm, D 2e-8 cm2/s at 40 degC, c0 1.3 M, t+ 0.54
r_pt = rho_plus(1.06e-2, 2e-12, 1300, 0.54, T40)
print(f"  PT-PEO 40 degC: rho+ {r_pt:.3f} (simulated + analysed: 0.713; measured 0.54)")
# LP30: 1.10e-2 S/cm, D 2.8e-6 cm2/s at 25 degC, 1 M, t+ 0.38
T25 = 298.15
r_lp = rho_plus(1.10, 2.8e-10, 1000, 0.38, T25)
print(f"  LP30 25 degC: rho+ {r_lp:.3f} (simulated + analysed: 0.62)")

print("(a') what would give PEO-LiTFSI's 0.28 at 40 degC")
chi = chi_needed(0.28, k40, D40, 1300, 0.28, T40)
print(f"  t+0 = 0.28 held, D held: chi = {chi:.2f}")
print(f"  chi = 1, t+ held: D = {d_needed(0.28, k40, 1300, 0.28, T40)*1e4:.3g} cm2/s at 40 degC "
      f"(x{D40/d_needed(0.28, k40, 1300, 0.28, T40):.2f} lower; 60 degC value {d_needed(0.28, k40, 1300, 0.28, T40)*1e4*2.4e-2/k40:.3g})")
for t0 in (0.28, 0.2, 0.1, 0.0, -0.2, -0.4):
    print(f"  t+0 = {t0:5.2f}: chi for rho+ 0.28 = {chi_needed(0.28, k40, D40, 1300, t0, T40):.2f}")
print(f"  PT-PEO: t+0 = 0.54 held, chi for rho+ 0.54 = {chi_needed(0.54, 1.06e-2, 2e-12, 1300, 0.54, T40):.2f}")

print("(a'') LP30 with sourced thermodynamic factors")
# Valoen & Reimers (2005), J. Electrochem. Soc. 152, A882, LiPF6 in PC:EC:DMC, as coded in PyBaMM (Ai2020 set):
# chi = (0.601 - 0.24 c^0.5 + 0.982 (1 - 0.0052 (T - Tref)) c^1.5)/(1 - t+0), t+0 = 0.38, c in mol/L
def chi_vr(c, T, Tref=T25, t0=0.38):
    return (0.601 - 0.24 * c ** 0.5 + 0.982 * (1 - 0.0052 * (T - Tref)) * c ** 1.5) / (1 - t0)
x = chi_vr(1.0, T25)
print(f"  Valoen-Reimers chi(1 M, 25 degC) = {x:.3f}; 60 degC {chi_vr(1.0, 333.15):.3f}, 0 degC {chi_vr(1.0, 273.15):.3f}")
print(f"  library kappa, D, t+0 0.38 with that chi: rho+ {rho_plus(1.10, 2.8e-10, 1000, 0.38, T25, x):.3f}")
# Landesfeind & Gasteiger (2019), J. Electrochem. Soc. 166, A3079, LiPF6 in EC:DMC 1:1 (w:w), as coded in PyBaMM
c, T = 1.0, T25
p = [-5.58, 7.17, 3.80e-2, 1.91, -6.65e-2, -5.08e-5, 1.1e-1, -6.10e-3, 1.51e-4]
poly = lambda p: p[0] + p[1]*c + p[2]*T + p[3]*c**2 + p[4]*c*T + p[5]*T**2 + p[6]*c**3 + p[7]*c**2*T + p[8]*c*T**2
chi_lg = poly(p)
t_lg = poly([-7.91, 2.45e-1, 5.28e-2, 6.98e-1, -1.08e-2, -8.21e-5, 7.43e-4, -2.22e-3, 3.07e-5])
q = [7.98e-1, 2.28e2, -1.22, 5.09e-1, -4e-3, 3.79e-3]
k_lg = q[0]*(1 + (T - q[1]))*c*(1 + q[2]*np.sqrt(c) + q[3]*(1 + q[4]*np.exp(1000/T))*c)/(1 + c**4*(q[5]*np.exp(1000/T))) / 10
s = [1.47e3, 1.33, -1.69e3, -5.63e2]
D_lg = s[0]*np.exp(s[1]*c)*np.exp(s[2]/T)*np.exp(s[3]*c/T)*1e-10
print(f"  Landesfeind EC:DMC 1:1, 1 M, 25 degC: kappa {k_lg:.3f} S/m, D {D_lg:.3g} m2/s, t+0 {t_lg:.3f}, chi {chi_lg:.3f}"
      f" -> rho+ {rho_plus(k_lg, D_lg, 1000, t_lg, T, chi_lg):.3f} (chi = 1: {rho_plus(k_lg, D_lg, 1000, t_lg, T):.3f})")

print("(b) what each option moves (B: bare Li | PEO-LiTFSI 90 um, 0.2 mA/cm2, 60 degC)")
i, L, c0, D60 = 2.0, 90e-6, 1300, 5e-12
for label, D, t in (("library", D60, 0.28), ("D / 2.44", D60 / 2.44, 0.28)):
    tS = np.pi * D * (c0 * F / (2 * i * (1 - t))) ** 2 / 3600  # Sand (binary, z = 1): pi D (c0 F)^2 / (4 (i (1 - t+))^2)
    ilim = 2 * F * c0 * D / ((1 - t) * L)
    print(f"  {label}: Sand time {tS:.2f} h, limiting current {ilim/10:.3f} mA/cm2 (i/ilim {i/ilim:.2f})")
