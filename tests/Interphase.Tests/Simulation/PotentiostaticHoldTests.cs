using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Potentiostatic holds of symmetric cells (<c>Hold at 5 mV for 30 h</c>): the chronoamperometry of the
/// Bruce–Vincent method. In an ideal binary electrolyte (Nernst–Einstein conductivity, fast kinetics) the
/// current decays from ΔV/R_el to t+·ΔV/R_el as the salt gradient builds (Evans, Vincent &amp; Bruce 1987).
/// </summary>
public class PotentiostaticHoldTests
{
    // Gelium (fixture): D_salt 5e-8 cm²/s, t+ 0.2, c0 1.3 mol/L at 60 °C. Nernst–Einstein for a 1:1 salt:
    // D+ + D− = D_salt/(2 t+ (1 − t+)) = 1.5625e-11 m²/s, κ = F² c0 (D+ + D−)/(RT) = 6.83e-4 S/cm.
    internal static double IdealConductivity()
    {
        double dSum = 5e-12 / (2 * 0.2 * 0.8), T = 333.15;
        return Si.Faraday * Si.Faraday * 1300 * dSum / (Si.GasConstant * T); // S/m
    }

    internal static string Cell(string diffusivity = "5e-8 cm2/s", string extraOverride = "") => CellFactory.Symmetric("Gelium", temperature: "60 degC", pressure: "0.1 MPa",
        electrolyteThickness: "100 um", extra:
        "overrides:\n" + extraOverride +
        $"  Gelium.conductivity.reference_conductivity: {IdealConductivity() / 100:G6} S/cm\n" +
        $"  Gelium.salt_diffusivity: {diffusivity}\n" +
        "  \"TestMetal|Gelium.exchange_current_density\": 1e5 mA/cm2\n" +
        "  \"TestMetal|Gelium.nucleation_site_fraction\": 1\n");

    [Fact]
    public void AHoldOnAnIdealBinaryElectrolyteDecaysToTheTransferenceNumber()
    {
        var cell = CellFactory.Cell(Cell());
        var r = CellFactory.Run(cell, "Hold at 5 mV for 30 h");
        var pts = r.Series.Skip(1).ToList();
        Assert.All(pts, p => Assert.Equal(0.005, p.Voltage, 9));
        // the steady state: only the cations carry the current, I_ss = t+·ΔV/R_el (I_0 = ΔV/R_el at t = 0)
        double rEl = 100e-6 / IdealConductivity();
        double i0 = 0.005 / rEl;
        Assert.Equal(0.2, pts[^1].CurrentDensity / i0, 0.002);
        // the first point (0.08 s) has begun to polarise: the 40-volume salt profile does not resolve the
        // first second (a 2.5 µm volume fills in (1.25 µm)²/D = 0.3 s), so it lies up to 11 % below ΔV/R_el
        Assert.True(pts[0].TimeS < 0.1, $"first point at {pts[0].TimeS} s");
        Assert.InRange(pts[0].CurrentDensity / i0, 0.89, 1.0);
        // it decays monotonically
        for (int k = 1; k < pts.Count; k++) Assert.True(pts[k].CurrentDensity <= pts[k - 1].CurrentDensity * (1 + 1e-9));
    }

    [Fact]
    public void AThermodynamicFactorLowersTheSteadyCurrentFractionAsBalsaraAndNewmanRelate()
    {
        // χ = 1 + d ln f±/d ln c multiplies the concentration overpotential (not the salt balance): the steady state of
        // the same ideal cell is then ρ+ = 1/(1 + 2RTκχ(1 − t+)²/(F²Dc0)) = t+/(t+ + χ(1 − t+)) with the Nernst–Einstein κ
        // (Balsara & Newman, J. Electrochem. Soc. 162, A2720, 2015; decision 0058): 0.2/(0.2 + 2·0.8) = 0.111 for χ = 2,
        // where χ = 1 gives t+ = 0.2
        var cell = CellFactory.Cell(Cell(extraOverride: "  Gelium.thermodynamic_factor: 2\n"));
        var r = CellFactory.Run(cell, "Hold at 5 mV for 30 h");
        double i0 = 0.005 / (100e-6 / IdealConductivity());
        Assert.Equal(0.2 / (0.2 + 2 * 0.8), r.Series[^1].CurrentDensity / i0, 0.002);
    }

    [Fact]
    public void TheThermodynamicFactorScalesTheSaltDiffusionArcOfTheSpectrumAsItScalesTheHold()
    {
        // the finite-length diffusion resistance 2RTχ(1 − t+)²L/(F²Dc0) is the DC concentration resistance, (1 − t+)/t+ = 4
        // times R_el for χ = 1 on this cell: χ = 2 adds another 4 R_el·Re(tanh √(jωτ)/√(jωτ)) at the lowest frequency
        // (0.1 mHz, τ = L²/4D = 500 s: 3.948 R_el)
        double Low(string chi)
        {
            var cell = CellFactory.Cell(Cell(extraOverride: $"  Gelium.thermodynamic_factor: {chi}\n"));
            var s = Assert.Single(CellFactory.Run(cell, "Measure EIS from 1 MHz to 0.1 mHz").Spectra);
            int k = Array.IndexOf(s.FrequencyHz, s.FrequencyHz.Min());
            Assert.Equal(1e-4, s.FrequencyHz[k], 9);
            return s.Impedance[k].Real * cell.Area;
        }
        double rEl = 100e-6 / IdealConductivity();
        var q = System.Numerics.Complex.Sqrt(new System.Numerics.Complex(0, 2 * Math.PI * 1e-4 * (100e-6 * 100e-6 / (4 * 5e-12))));
        Assert.Equal(4 * (System.Numerics.Complex.Tanh(q) / q).Real, (Low("2") - Low("1")) / rEl, 0.004);
    }

    [Fact]
    public void ANonPositiveThermodynamicFactorIsRefused()
    {
        var ex = Assert.Throws<InputException>(() => CellFactory.Cell(Cell(extraOverride: "  Gelium.thermodynamic_factor: 0\n")));
        Assert.Contains("thermodynamic_factor must be positive", ex.Message);
    }

    [Fact]
    public void WithoutASaltGradientTheCurrentDoesNotDecay()
    {
        // a salt diffusivity 10⁶ times larger flattens the profile: the concentration mechanism is off
        var cell = CellFactory.Cell(Cell(diffusivity: "5e-2 cm2/s"));
        var r = CellFactory.Run(cell, "Hold at 5 mV for 5 h");
        double first = r.Series[1].CurrentDensity, last = r.Series[^1].CurrentDensity;
        Assert.True(last / first > 0.99, $"{last / first}");
    }

    [Fact]
    public void AHoldEndsWhenTheCurrentFallsBelowItsLimit()
    {
        var cell = CellFactory.Cell(Cell());
        double i0 = 0.005 / (100e-6 / IdealConductivity()) / Si.MilliampPerCm2;
        // the limit as the protocol line writes it: the hold now ends at its crossing (decision 0049), which may lie above
        // half of i0 by the rounding to four digits
        var limit = double.Parse((0.5 * i0).ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        var r = CellFactory.Run(cell, FormattableString.Invariant($"Hold at 5 mV until {limit:G4} mA/cm2"), "Rest for 1 h");
        var hold = r.Series.Where(p => p.StepIndex == 1).ToList();
        Assert.True(hold[^1].CurrentDensity / Si.MilliampPerCm2 <= limit);
        Assert.True(hold[^2].CurrentDensity / Si.MilliampPerCm2 > limit);
        Assert.True(hold[^1].TimeS < 3600, $"{hold[^1].TimeS}");
    }

    [Fact]
    public void AHoldThatEndsAtAVoltageIsRefusedOnItsLine()
    {
        var cell = CellFactory.Cell(Cell());
        var ex = Assert.Throws<InputException>(() => CellFactory.Run(cell, "Hold at 5 mV until 4 V"));
        Assert.Contains("cannot end at a voltage", ex.Message);
    }

    [Fact]
    public void TheHeldCurrentIsTheRootOfAMonotonicVoltageEvenBeyondALimitingCurrent()
    {
        // V(i) = 0.1·i for |i| < 2, not finite beyond (a depleted face)
        static double V(double i) => Math.Abs(i) < 2 ? 0.1 * i : double.NaN;
        Assert.Equal(1.5, PotentiostaticHold.Current(0.15, V), 9);
        Assert.Equal(-0.5, PotentiostaticHold.Current(-0.05, V), 9);
        Assert.Equal(0, PotentiostaticHold.Current(0, V));
    }

    [Fact]
    public void TheHoldsFirstCurrentIsTheOneTheSpectrumBeforeItImplies()
    {
        // plating focuses on the fraction θ of the contact (θ = 0.1 here), so a small DC voltage meets R_ct/(φθ) on
        // the plating side and R_ct/φ on the stripping side; the impedance at rest must show the same sum
        // (ElectrodeSideDynamics.SmallSignalChargeTransferAsr), as a measured cell's does: the first point of a
        // 10 mV hold carries ΔV/(R_b + R_int + R_ct) of the spectrum taken just before (Bruce–Vincent's I_0).
        // With the charge transfer of the whole contact in the spectrum the current was 5.3 times smaller.
        var cell = CellFactory.Cell(CellFactory.Symmetric("Gelium", temperature: "60 degC", pressure: "0.1 MPa",
            electrolyteThickness: "100 um", extra:
            "overrides:\n" +
            "  \"TestMetal|Gelium.exchange_current_density\": 0.05 mA/cm2\n" +
            "  \"TestMetal|Gelium.nucleation_site_fraction\": 0.1\n"));
        var r = CellFactory.Run(cell, "Measure EIS from 1 MHz to 10 mHz", "Hold at 10 mV for 10 s");
        var s = Assert.Single(r.Spectra);
        double i0 = 0.01 / (s.RBulk + s.RInterphase + s.RChargeTransfer) / cell.Area;
        var first = r.Series.First(p => p.CurrentDensity != 0);
        Assert.InRange(first.CurrentDensity / i0, 0.97, 1.03);
        // and the spectrum's own low-frequency limit (above the salt diffusion) is that same sum
        Assert.InRange(s.Impedance.Select(z => z.Real).Max() * cell.Area * first.CurrentDensity / 0.01, 0.97, 1.3);
    }
}
