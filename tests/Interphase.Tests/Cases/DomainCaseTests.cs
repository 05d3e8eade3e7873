using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Cases;

/// <summary>
/// The shipped cases against domain.md's measured symmetric-cell numbers (within 20 %) and their
/// qualitative story. docs/cases.md ("Calibrated on, or predicted") says for every number whether a
/// library value or a case choice was calibrated on it or the model predicts it.
/// <para>
/// Naming: a test whose assertions only re-check a number that a value was calibrated on ends in
/// <c>_RegressionOfCalibration</c>. It cannot confirm the model, only that the calibration still
/// holds (it fails when a change moves the calibrated value or what depends on it). Every other test
/// checks a prediction or a mechanism. A test that mixed both was split in two.
/// </para>
/// </summary>
public class DomainCaseTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly Dictionary<string, SimulationResult> Cache = new();
    static readonly object CacheLock = new();

    internal static SimulationResult Run(string name, string? protocolFile = null)
    {
        var key = name + "|" + protocolFile;
        lock (CacheLock)
        {
            if (Cache.TryGetValue(key, out var r)) return r;
            var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
            var protocol = ProtocolParser.ParseFile(protocolFile is null ? spec.ProtocolFile! : Path.Combine(TestPaths.Cases, protocolFile));
            r = new SymmetricSimulator(SymmetricCell.Build(spec, Lib)).Run(protocol);
            Cache[key] = r;
            return r;
        }
    }

    static void Within(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            $"{what}: {actual:G4} is not within {rel:P0} of the measured {expected:G4}");

    static double MeanMv(string name) => Run(name).MeanOverpotential * 1e3;

    /// <summary>Predictions: bare Li from the interphase calibrated on R1/R2 and the 60-cycle test length; NW from its porosities.</summary>
    [Theory]
    [InlineData("A-bare-Li-LPSCl", 25)]
    [InlineData("A-Li2Se-NW-LPSCl", 10)]
    public void SystemA_MeanOverpotentialsAt0p1MilliampPerCm2(string name, double measuredMv) =>
        Within(measuredMv, MeanMv(name), 0.20, $"{name} mean overpotential (mV)");

    /// <summary>
    /// NR: the 8 mm / 0.3 mm geometry of the A cases was chosen to make NR's 9 mV agree with its R1 + R2.
    /// NP: its porosity (0.55) was chosen so that the NP layer presses thinner than NR and its overpotential falls below NR's.
    /// </summary>
    [Theory]
    [InlineData("A-Li2Se-NR-LPSCl", 9)]
    [InlineData("A-Li2Se-NP-LPSCl", 8)]
    public void SystemA_MeanOverpotentialsOfNanorodsAndNanoparticles_RegressionOfCalibration(string name, double measuredMv) =>
        Within(measuredMv, MeanMv(name), 0.20, $"{name} mean overpotential (mV)");

    [Fact]
    public void SystemA_Story_BareLiGrowsAnInterphaseProtectedLiStaysFlat()
    {
        var bare = Run("A-bare-Li-LPSCl");
        var nr = Run("A-Li2Se-NR-LPSCl");
        var nw = Run("A-Li2Se-NW-LPSCl");
        var np = Run("A-Li2Se-NP-LPSCl");
        // bare Li: the Li2S/Li3P/LiCl interphase grows and the overpotential rises cycle after cycle
        Assert.True(bare.Cycles[^1].MeanAbsVoltage > 1.8 * bare.Cycles[0].MeanAbsVoltage);
        Assert.True(bare.Series[^1].Left.InterphaseM > 5 * bare.Series[0].Left.InterphaseM);
        // dense NR/NP layers stop it: flat overpotential, no interphase
        Assert.Equal(nr.Cycles[0].MeanAbsVoltage, nr.Cycles[^1].MeanAbsVoltage, 4);
        Assert.Equal(0, nr.Series[^1].Left.InterphaseM);
        // the porous NW layer stops it only partly
        Assert.InRange(nw.Series[^1].Left.InterphaseM, 1e-12, 0.5 * bare.Series[^1].Left.InterphaseM);
        // ordering: bare ≫ NW > NR, NP; and nobody shorts at 0.1 mA/cm²
        Assert.True(MeanMv("A-bare-Li-LPSCl") > 1.5 * MeanMv("A-Li2Se-NW-LPSCl"));
        Assert.True(MeanMv("A-Li2Se-NW-LPSCl") > MeanMv("A-Li2Se-NR-LPSCl"));
        Assert.True(MeanMv("A-Li2Se-NW-LPSCl") > MeanMv("A-Li2Se-NP-LPSCl"));
        Assert.All(new[] { bare, nr, nw, np }, r => Assert.False(r.ShortCircuit));
        // the NW layer is the thickest after pressing (it stays porous)
        double T(SimulationResult r) => r.Derived["interlayer_thickness_um_e1_Li2Se"];
        Assert.True(T(nw) > T(nr) && T(nw) > T(np));
    }

    /// <summary>R1 and R2 of bare Li and Li2Se-NR are what Li|Li6PS5Cl's interphase and i0, Li2Se's conductivity and Li|Li2Se's i0 were calibrated on.</summary>
    [Fact]
    public void SystemA_ImpedanceAfterOneCycle_RegressionOfCalibration()
    {
        // domain.md: bare Li R1 = 62 Ω, R2 = 91 Ω; Li/Li2Se-NR R1 = 81 Ω, R2 = 65 Ω (circuit R0 + R1‖CPE + R2‖CPE + W)
        var bare = Assert.Single(Run("A-bare-Li-LPSCl").Spectra);
        var nr = Assert.Single(Run("A-Li2Se-NR-LPSCl").Spectra);
        Assert.Equal(1, bare.AfterCycle);
        Within(62, bare.RInterphase, 0.2, "bare R1");
        Within(91, bare.RChargeTransfer, 0.2, "bare R2");
        Within(81, nr.RInterphase, 0.2, "NR R1");
        Within(65, nr.RChargeTransfer, 0.2, "NR R2");
        // the protected cell's interphase/layer resistance is the larger of the two, its charge transfer the smaller
        Assert.True(nr.RInterphase > bare.RInterphase && nr.RChargeTransfer < bare.RChargeTransfer);
        // fitting the simulated spectra with R0-p(R1,CPE1)-p(R2,CPE2), as a measured spectrum is fitted, finds the same
        Within(62, bare.Fitted["R1_ohm"], 0.2, "bare R1 fitted to the simulated spectrum");
        Within(91, bare.Fitted["R2_ohm"], 0.2, "bare R2 fitted to the simulated spectrum");
        Within(81, nr.Fitted["R1_ohm"], 0.2, "NR R1 fitted to the simulated spectrum");
        Within(65, nr.Fitted["R2_ohm"], 0.2, "NR R2 fitted to the simulated spectrum");
        Assert.Equal(1, bare.Fitted["converged"]);
    }

    /// <summary>Li|Li6PS5Cl's nucleation-site fraction (1) was chosen so that this ramp shorts inside the literature's 0.5–1.5 mA/cm².</summary>
    [Fact]
    public void SystemA_BareLiCriticalCurrentDensity_RegressionOfCalibration()
    {
        var bare = Run("A-bare-Li-LPSCl", "A-ccd.protocol");
        Assert.True(bare.ShortCircuit);
        Assert.InRange(bare.CriticalCurrentDensity!.Value / Si.MilliampPerCm2, 0.5, 1.5); // cold-pressed Li6PS5Cl, physics-notes §1.5
    }

    [Fact]
    public void SystemA_ProtectedLiRaisesTheCriticalCurrentDensityAndTheShortCollapsesTheVoltage()
    {
        var bare = Run("A-bare-Li-LPSCl", "A-ccd.protocol");
        var nr = Run("A-Li2Se-NR-LPSCl", "A-ccd.protocol");
        Assert.True(bare.ShortCircuit);
        var ccd = bare.CriticalCurrentDensity!.Value / Si.MilliampPerCm2;
        Assert.True(nr.CriticalCurrentDensity is null || nr.CriticalCurrentDensity.Value / Si.MilliampPerCm2 > ccd);
        // after the short the voltage collapses to the shunt value
        var after = bare.Series.Where(p => p.Shorted).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, p => Assert.True(Math.Abs(p.Voltage) < 0.002));
    }

    /// <summary>Li|PEO-LiTFSI's nucleation-site fraction (0.091) was calibrated on this short.</summary>
    [Fact]
    public void SystemB_BareLiShortsNear140Hours_RegressionOfCalibration()
    {
        var bare = Run("B-bare-Li-PEO");
        Assert.True(bare.ShortCircuit);
        Within(140, bare.ShortCircuitTimeS!.Value / Si.Hour, 0.2, "bare Li short-circuit time (h)");
    }

    [Fact]
    public void SystemB_TheDualConductiveLayerLastsBeyond600HoursWithoutANucleationSpike()
    {
        var bare = Run("B-bare-Li-PEO");
        var dcpl = Run("B-DCPL-Li-PEO");
        Assert.False(dcpl.ShortCircuit);
        Assert.True(dcpl.Series[^1].TimeS / Si.Hour >= 600);
        Assert.True(dcpl.Series.All(p => Math.Abs(p.Voltage) <= 0.5));
        Assert.True(dcpl.MeanOverpotential < bare.MeanOverpotential);
        // the lithiophilic layer removes the nucleation spike of the first plating on the fresh surface (5.6 mV above the
        // cycle's mean on bare Li, 2.9 mV on the layer). From the second cycle on the salt's transient within each half
        // cycle (τ = L²/(π²D) = 394 s since decision 0064 lowered D) sets the spread of both cells, 3.3–3.8 mV
        Assert.True(dcpl.Cycles[0].MaxAbsVoltage - dcpl.Cycles[0].MeanAbsVoltage < bare.Cycles[0].MaxAbsVoltage - bare.Cycles[0].MeanAbsVoltage);
    }

    [Fact]
    public void SystemD_PolythiopheneElectrolyteLowersOverpotentialAndDoesNotShort()
    {
        var peo = Run("D-Li-PEO");
        var pt = Run("D-Li-PT-PEO");
        Assert.True(pt.MeanOverpotential < 0.6 * peo.MeanOverpotential);
        Assert.False(pt.ShortCircuit);
        // overpotential rises with the current density steps 0.025 → 0.2 mA/cm²
        double Step(SimulationResult r, int cycle) => r.Cycles.First(c => c.Cycle == cycle).MeanAbsVoltage;
        Assert.True(Step(pt, 5) < Step(pt, 15) && Step(pt, 15) < Step(pt, 25) && Step(pt, 25) < Step(pt, 35));
    }

    [Fact]
    public void SystemE_AmalgamWetsAndHealsBareLiFailsWithinHours()
    {
        var am = Run("E-amalgam-Li-LLTO");
        var bare = Run("E-bare-Li-LLTO");
        // domain.md: at 5 mA/cm² the amalgam cell's overpotential falls from ≈80 mV to ≈10 mV and stays flat
        // for 500 h. Compared with the interfacial (IR-free) overpotential: the LLTO pellet's own ohmic drop
        // at 5 mA/cm² is far larger than both (see data/cases/E-*.yaml).
        var rEl = am.Derived["electrolyte_asr_ohm_cm2"] * 1e-4;
        var first = am.Series.Skip(1).First();
        // the ohmic path of that moment: the bulk beyond the amalgam zones' fronts and their matrix (decision 0055)
        var rPath = Interphase.Tests.Simulation.AmalgamZonePathTests.PathAsr(SymmetricCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "E-amalgam-Li-LLTO.yaml"), Lib), Lib), first);
        Within(80, (Math.Abs(first.Voltage) - Math.Abs(first.CurrentDensity) * rPath) * 1e3, 0.2, "initial interfacial overpotential (mV)");
        var late = am.Cycles.Where(c => c.Cycle >= 5).ToList();
        Within(10, late.Average(c => c.MeanAbsInterfacial) * 1e3, 0.2, "interfacial overpotential after the initial stage (mV)");
        Assert.InRange(late[^1].MeanAbsInterfacial / late[0].MeanAbsInterfacial, 0.9, 1.1);
        Assert.True(am.Series[^1].TimeS / Si.Hour >= 500);
        Assert.False(am.ShortCircuit);
        // the stripping side turns liquid and wets completely; the LLTO is not reduced
        Assert.Contains(am.Series, p => p.Left.AmalgamLiquidFraction > 0.1);
        Assert.True(am.Series.Max(p => p.Left.Contact) > 0.99);
        Assert.True(am.Series[^1].Left.InterphaseM < 2 * am.Series[0].Left.InterphaseM);
        // bare Li on LLTO at 1 MPa: the stripping electrode loses contact within minutes (5 mA/cm² is far above
        // its critical stripping current), the interfacial overpotential rises sharply, and the cell fails within
        // hours, by the 10 V stop or by a short from the plating electrode, whose pressed contact plating does
        // not restore (docs/cases.md, E)
        var firstTenMinutes = bare.Series.Where(p => p.StepIndex == 1 && p.TimeS <= 600).ToList();
        double lowest = firstTenMinutes.Min(p => p.Right.Contact);
        Assert.True(lowest < 0.5 * bare.Series[0].Right.Contact, $"bare Li contact within 10 min {lowest:G3} of {bare.Series[0].Right.Contact:G3}");
        var failed = bare.ShortCircuit ? bare.ShortCircuitTimeS!.Value : bare.Series[^1].TimeS;
        Assert.True(failed / Si.Hour < 3);
        var beforeFailure = bare.Series.Where(p => !p.Shorted && p.CurrentDensity != 0).ToList();
        Assert.True(beforeFailure.Max(p => Math.Abs(p.Voltage) - Math.Abs(p.CurrentDensity) * rEl) > 20 * late[0].MeanAbsInterfacial);
    }
}
