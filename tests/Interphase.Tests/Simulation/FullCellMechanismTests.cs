using System.Numerics;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The symmetric cells' interface mechanisms in a full cell (issue 9, items 2, 3 and 5): dendrite onset
/// from the simulated salt profile (SandOnset), the electronic leak (ElectronicLeakage: self-discharge,
/// coulombic efficiency, impedance) and the filament's conduction before the short.
/// </summary>
public class FullCellMechanismTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>The shipped bare Li | PEO-LiTFSI | LiFePO4 cell of system B, changed only where it says.</summary>
    static FullCell B(string overrides = "")
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "B-LFP-bare-Li.yaml")).Replace("protocol_file: B-full.protocol", "");
        if (overrides.Length > 0) text += "\noverrides:\n" + overrides;
        return FullCell.Build(CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "B-full-test.yaml")), Lib), Lib);
    }

    static FullCellResult Run(FullCell cell, int pointsPerStep, params string[] steps) =>
        new FullCellSimulator(cell, new SimulationOptions { PointsPerStep = pointsPerStep }).Run(ProtocolParser.ParseLines(steps));

    // ---------------------------------------------------------------- onset from the salt profile

    [Fact]
    public void APolymerFullCellsOnsetComesAtSandsTimeOfTheFocusedCurrentFromTheSimulatedSaltProfile()
    {
        // 200 mA/g on 1.4 mg/cm² of LFP is 0.28 mA/cm²; plating on θ = 0.14 of the Li (decision 0072) gives 2 mA/cm² at the
        // spots, above PEO-LiTFSI's limiting current: the spots run out of salt at Sand's time of that current (124 s; 31 s
        // with θ = 0.07 and the D_salt calibrated in decision 0064, 75 s with the former 5e-8 cm²/s), not at once
        var cell = B();
        var r = Run(cell, 1200, "Charge at 200 mA/g for 10 min");
        Assert.NotNull(r.Onset);
        double i = 200 * Si.MilliampPerCm2 * 1.4 / 1000;                   // mA/g · mg/cm² → A/m²
        Assert.Equal(i, r.Onset!.CurrentDensity, 9);
        Assert.Equal("anode", r.Onset.Electrode);
        double focus = r.Series[0].Anode.Contact * cell.Anode.Paths[0].Kinetics.NucleationSiteFraction;
        double sand = SandOnset.SandTime(cell.SaltDiffusivity!(cell.TemperatureK), cell.Concentration!.InitialConcentration,
            cell.TransferenceNumber, cell.Anode.MetalProps.ChargeNumber, i / focus);
        Assert.InRange(sand, 100, 150);
        // the onset is the start of the 1 s step in which the spot's face empties; the rule used without the profile
        // (depleted while the focused current exceeds the limiting current) starts fibres in the first step
        Assert.True(Math.Abs(r.Onset.TimeS / sand - 1) < 0.1, $"onset {r.Onset.TimeS:G4} s, Sand's time {sand:G4} s");
        Assert.Contains(r.Events, e => e.Kind == "dendrite_onset");

        // a charge that ends before Sand's time grows no fibre; the filament stays at zero
        var brief = Run(cell, 1200, "Charge at 200 mA/g for 20 s");
        Assert.Null(brief.Onset);
        Assert.Equal(0, brief.Series[^1].Anode.FilamentM);
    }

    [Fact]
    public void WithoutFocusingThePolymerFullCellGrowsNoFibresBelowTheLimitingCurrent()
    {
        // θ = 1: 0.28 mA/cm² is far below PEO-LiTFSI's limiting current over 90 µm, so the face never runs out
        var r = Run(B("  \"Li|PEO-LiTFSI.nucleation_site_fraction\": 1\n"), 12, "Charge at 200 mA/g until 4.0 V");
        Assert.Null(r.Onset);
        Assert.Equal(0, r.Series[^1].Anode.FilamentM);
    }

    [Fact]
    public void AnAnodeFilamentLowersTheSeparatorResistanceInTheFullCellsImpedance()
    {
        // as in a symmetric cell (FilamentConduction): fibres covering φθ of the cross-section leave the ions L − h there
        var cell = B();
        var fresh = Run(cell, 12, "Measure EIS from 1 MHz to 10 mHz");
        var grown = Run(cell, 12, "Charge at 200 mA/g for 10 min", "Measure EIS from 1 MHz to 10 mHz");
        double h = grown.Series[^1].Anode.FilamentM, l = cell.SeparatorThickness;
        Assert.True(h > 1e-6, $"{h} m of fibres");
        double a = grown.Series[^1].Anode.Contact * cell.Anode.Paths[0].Kinetics.NucleationSiteFraction;
        double expected = fresh.Spectra[0].RBulk / (1 + a * h / (l - h));
        Assert.Equal(expected, grown.Spectra[0].RBulk, 9);
        Assert.True(grown.Spectra[0].RBulk < fresh.Spectra[0].RBulk);
    }

    // ---------------------------------------------------------------- electronic leak

    const string NoDegradation = "degradation: {anode_interphase: off, cathode_interphase: off, contact_loss: off, active_material_loss: off, short_circuit: off}\n";

    /// <summary>TestMetal | Ohmium 100 µm | TestLFP, electrolyte electronic conductivity σ_e (S/cm; 0: an insulator).</summary>
    static FullCell Leaky(double sigmaE) => FullCellFactory.Cell(FullCellFactory.Lfp(extra: NoDegradation +
        (sigmaE > 0 ? $"overrides:\n  Ohmium.electronic_conductivity: {sigmaE:R} S/cm\n" : "")));

    [Fact]
    public void TheElectronicLeakLowersTheCoulombicEfficiencyByTheChargeItPasses()
    {
        // R_e = L/σ_e = 100 µm / 1e-8 S/cm = 1e6 Ω cm²: the leak takes V/R_e ≈ 3.4 µA/cm², 2 % of C/2
        string[] steps = ["Repeat 3 times: Charge at 0.5C until 3.9 V; Discharge at 0.5C until 2.8 V"];
        var off = FullCellFactory.Run(Leaky(0), steps);
        var on = FullCellFactory.Run(Leaky(1e-8), steps);
        Assert.Null(off.LeakageAsr);
        Assert.NotNull(on.LeakageAsr);
        double rE = on.LeakageAsr!.Value;
        Assert.Equal(100, rE, 6); // Ω m²
        var c0 = off.Cycles[1];
        var c = on.Cycles[1];
        Assert.True(Math.Abs(c0.CoulombicEfficiency - 1) < 2e-3, $"without the leak: CE {c0.CoulombicEfficiency}");
        // a cycle that returns to its start loses what the leak passed: 1 − CE = ∫V dt/(R_e·Q_c), ∫V dt = E/|i| per half
        double loss = (c.ChargeEnergy / c.ChargeCurrent + c.DischargeEnergy / c.DischargeCurrent) / (rE * c.ChargeCapacity);
        Assert.InRange(loss, 0.02, 0.06);
        double lost = 1 - c.CoulombicEfficiency;
        Assert.True(Math.Abs(lost / loss - 1) < 0.1, $"CE {c.CoulombicEfficiency}: lost {lost}, the leak passed {loss} of the charge");
    }

    [Fact]
    public void AtOpenCircuitTheLeakSelfDischargesTheCell()
    {
        string[] steps = ["Charge at 0.5C for 1 h", "Rest for 20 h"];
        var off = FullCellFactory.Run(Leaky(0), steps);
        var cell = Leaky(1e-8);
        var on = FullCellFactory.Run(cell, steps);
        FullTimePoint Rest0(FullCellResult r) => r.Series.Last(p => p.StepIndex == 1);
        // the cathode takes back the lithium the leak's current brings over the rest: Δx·Q_full = ∫V/R_e dt
        var rest = on.Series.Where(p => p.StepIndex == 2).Prepend(Rest0(on)).ToList();
        double passed = rest.Zip(rest.Skip(1)).Sum(p => 0.5 * (p.First.Voltage + p.Second.Voltage) * (p.Second.TimeS - p.First.TimeS)) / on.LeakageAsr!.Value;
        double taken = (on.Series[^1].Cathode.Stoichiometry - Rest0(on).Cathode.Stoichiometry) * cell.Cathode.FullCharge;
        Assert.True(passed > 0.1 * cell.Cathode.FullCharge, $"{passed} C/m² of {cell.Cathode.FullCharge} C/m²");
        Assert.True(Math.Abs(taken / passed - 1) < 0.02, $"cathode took {taken} C/m², the leak passed {passed} C/m²");
        // no leak: the rest changes the average stoichiometry by nothing
        Assert.Equal(Rest0(off).Cathode.Stoichiometry, off.Series[^1].Cathode.Stoichiometry, 9);
    }

    [Fact]
    public void TheLeakLiesInParallelWithTheFullCellsImpedance()
    {
        const string eis = "Measure EIS from 1 MHz to 1 mHz";
        var off = FullCellFactory.Run(Leaky(0), eis).Spectra[0];
        // σ_e = 1e-5 S/cm: R_e = 1000 Ω on 1 cm², below the as-made cell's low-frequency impedance
        var on = FullCellFactory.Run(Leaky(1e-5), eis).Spectra[0];
        Assert.Null(off.RElectronic);
        Assert.NotNull(on.RElectronic);
        double rE = on.RElectronic!.Value;
        Assert.Equal(1000, rE, 6);
        for (int k = 0; k < off.Impedance.Length; k++)
        {
            Complex expected = off.Impedance[k] * rE / (off.Impedance[k] + rE);
            Assert.True(Complex.Abs(on.Impedance[k] - expected) <= 1e-9 * Complex.Abs(expected), $"{on.FrequencyHz[k]} Hz: {on.Impedance[k]} vs {expected}");
        }
        // the low-frequency end: the leak caps it below R_e
        Assert.True(Complex.Abs(off.Impedance[^1]) > 2 * rE, $"{off.Impedance[^1]}");
        Assert.True(Complex.Abs(on.Impedance[^1]) < rE, $"{on.Impedance[^1]}");
    }
}
