using Interphase.Models;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>Physics of the symmetric-cell simulator checked against analytic results.</summary>
public class SymmetricPhysicsTests
{
    const double MA = Si.MilliampPerCm2;

    [Fact]
    public void PureOhmicCellGivesVEqualsIR()
    {
        // Ohmium: 1e-3 S/cm, 100 µm → 10 Ω cm²; kinetics effectively reversible; pressed at 50 MPa the
        // contact is full from the start (1 − exp(−p/H)), so no constriction resistance
        var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: "50 MPa"));
        var r = CellFactory.Run(cell, "Plate at 0.5 mA/cm2 for 1 h", "Strip at 0.5 mA/cm2 for 1 h");
        double asr = 100e-6 / (1e-3 * 100); // Ω m²
        foreach (var p in r.Series.Skip(1))
        {
            Assert.Equal(p.CurrentDensity * asr, p.Voltage, 6);
        }
        Assert.Contains(r.Series, p => p.CurrentDensity < 0 && p.Voltage < 0); // plating electrode 1: negative
        Assert.Contains(r.Series, p => p.CurrentDensity > 0 && p.Voltage > 0);
        Assert.Equal(5.0, r.MeanOverpotential * 1e3, 3); // 0.5 mA/cm² × 10 Ω cm² = 5 mV
    }

    [Fact]
    public void ButlerVolmerReducesToItsLinearAndTafelLimits()
    {
        var bv = new ButlerVolmer(10.0, 0.5, 0.5, 298.15);
        double rct = Si.GasConstant * 298.15 / (Si.Faraday * 10.0);
        Assert.Equal(rct, bv.LinearResistance, 12);
        // linear: |i| ≪ i0
        double i = 0.01;
        Assert.Equal(i * rct, bv.Overpotential(i), 8);
        // Tafel: i ≫ i0 → η = (RT/(αF)) ln(i/i0)
        double big = 1e4;
        double tafel = Si.GasConstant * 298.15 / (0.5 * Si.Faraday) * Math.Log(big / 10.0);
        Assert.Equal(tafel, bv.Overpotential(big), 4);
        // asymmetric α: Newton inverse agrees with the forward law
        var asym = new ButlerVolmer(3.0, 0.3, 0.7, 330);
        foreach (var x in new[] { -500.0, -2, 0.5, 40 })
            Assert.Equal(x, asym.Current(asym.Overpotential(x)), 8);
    }

    [Fact]
    public void CellWithFiniteKineticsAddsTwoButlerVolmerDrops()
    {
        // Thermium: σ(25 °C) = 2e-3 S/cm; TestMetal|Thermium i0 = 1 mA/cm², no interphase
        // 100 MPa: resupply (0.1 + 0.03·100 mA/cm²) exceeds the current, so no voids open
        var cell = CellFactory.Cell(CellFactory.Symmetric("Thermium", "200 um", pressure: "100 MPa"));
        var r = CellFactory.Run(cell, "Strip at 2 mA/cm2 for 1 s");
        var p = r.Series[^1];
        var bv = new ButlerVolmer(10.0, 0.5, 0.5, 298.15);
        double i = 2 * MA;
        double rEl = 200e-6 / 0.2;
        double expected = i * rEl + 2 * bv.Overpotential(i);
        Assert.Equal(expected, p.Voltage, 4);
    }

    [Fact]
    public void ChargePlatedEqualsChargeStrippedAndMetalReturns()
    {
        var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium"));
        var r = CellFactory.Run(cell, "Repeat 3 times: Plate 1 mAh/cm2 at 0.5 mA/cm2; Strip 1 mAh/cm2 at 0.5 mA/cm2");
        Assert.Equal(3, r.Cycles.Count);
        foreach (var c in r.Cycles)
        {
            Assert.Equal(1.0, c.ChargePlated / Si.MahPerCm2, 6);
            Assert.Equal(c.ChargePlated, c.ChargeStripped, 6);
        }
        Assert.Equal(100e-6, r.Series[^1].Left.MetalM, 9);
        Assert.Equal(100e-6, r.Series[^1].Right.MetalM, 9);
        // mid-cycle: electrode 1 gained 4.85 µm per mAh/cm² (V_m/(zF))
        var afterPlate = r.Series.First(p => Math.Abs(p.TimeS - 2 * 3600) < 1e-6);
        Assert.Equal(100e-6 + 1 * Si.MahPerCm2 * 6.94e-3 / 534 / Si.Faraday, afterPlate.Left.MetalM, 9);
    }

    [Fact]
    public void ThickerLayerGivesLargerOhmicDrop()
    {
        double V(string thickness) =>
            CellFactory.Run(CellFactory.Cell(CellFactory.Symmetric("Ohmium", interlayer: thickness)), "Strip at 0.1 mA/cm2 for 10 min").Series[^1].Voltage;
        var v5 = V("5 um");
        var v10 = V("10 um");
        var v20 = V("20 um");
        Assert.True(v5 < v10 && v10 < v20);
        // each Layerite micrometre adds 1e-4 cm / 1e-5 S/cm = 10 Ω cm² per side: 2 × 5 µm × 10 Ω cm²/µm × 0.1 mA/cm²
        Assert.Equal(2 * 5 * 10 * 0.1e-3, v10 - v5, 6);
    }

    [Fact]
    public void HigherTemperatureLowersOverpotential()
    {
        double Mean(string t) => CellFactory.Run(CellFactory.Cell(CellFactory.Symmetric("Thermium", temperature: t)),
            "Repeat 2 times: Plate at 0.5 mA/cm2 for 1 h; Strip at 0.5 mA/cm2 for 1 h").MeanOverpotential;
        var m25 = Mean("25 degC");
        var m60 = Mean("60 degC");
        var m80 = Mean("80 degC");
        Assert.True(m60 < m25 && m80 < m60, $"{m25} {m60} {m80}");
        // bulk conductivity follows Arrhenius with 0.3 eV: the 25→60 °C ratio is at least the electrolyte's share
        Assert.True(m25 / m60 > 2.5);
    }

    [Fact]
    public void HigherStackPressureDelaysVoids()
    {
        // stripping at 0.5 mA/cm² for 2 h: above the critical stripping current at 1–3 MPa (0.045 + i_c(p)),
        // below it at 4 MPa (1.0 mA/cm²); the contact settles where creep under p/φ keeps up
        double Contact(string p) => CellFactory.Run(CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: p)),
            "Strip at 0.5 mA/cm2 for 2 h").Series[^1].Left.Contact;
        var c1 = Contact("1 MPa");
        var c2 = Contact("2 MPa");
        var c3 = Contact("3 MPa");
        Assert.True(c1 < c2 && c2 < c3 && c3 < 0.95, $"{c1} {c2} {c3}");
        // beyond Tabor's 2.4 MPa saturation the contact still responds, and at 4 MPa creep keeps it full
        Assert.Equal(1.0, Contact("4 MPa"), 9);
    }

    [Fact]
    public void VoidsRaiseTheOverpotentialAndPlatingRefillsNone()
    {
        // at 2 MPa: 0.5 mA/cm² is far above the critical stripping current (0.056 mA/cm²), and the plating
        // electrode's pressed contact (0.57) creeps shut, so no filament short interrupts the test
        var cell = CellFactory.Cell(CellFactory.Symmetric("Thermium", pressure: "2 MPa"));
        // the contact may change by 0.002 per time step (default 0.02): with creep alone closing the voids
        // (decision 0028) the implicit step's O(dt) error told plating and rest apart by 1e-3 at the default
        // (0.9058 against 0.9048; 0.91315 against 0.91303 at 0.002, 0.91404 against 0.91403 at 0.0002)
        static SimulationResult Run(SymmetricCell c, params string[] steps) =>
            new SymmetricSimulator(c, new SimulationOptions { MaxContactChange = 0.002 }).Run(Interphase.Protocols.ProtocolParser.ParseLines(steps));
        var r = Run(cell, "Strip at 0.5 mA/cm2 for 2 h", "Plate at 0.5 mA/cm2 for 2 h");
        Assert.False(r.ShortCircuit);
        var endStrip = r.Series.Last(p => p.CurrentDensity > 0);
        var startStrip = r.Series.First(p => p.CurrentDensity > 0);
        Assert.True(endStrip.Left.Contact < startStrip.Left.Contact);
        // the stripping electrode's own drop rises as its contact shrinks
        var st0 = new SideState { Phi = startStrip.Left.Contact, Metal = cell.Left.MetalThickness };
        var st1 = new SideState { Phi = endStrip.Left.Contact, Metal = cell.Left.MetalThickness };
        var k = new SideConditions(); k.Set(cell.Left, cell.TemperatureK, cell.StackPressure);
        double j = 0.5 * Si.MilliampPerCm2;
        Assert.True(ElectrodeSideDynamics.Drop(cell.Left, st1, k, j) > ElectrodeSideDynamics.Drop(cell.Left, st0, k, j));
        // plating fills no void: the contact recovers exactly as during a rest of the same length (creep only)
        var rest = Run(cell, "Strip at 0.5 mA/cm2 for 2 h", "Rest for 2 h");
        Assert.True(endStrip.Left.Contact < 0.9);
        Assert.True(r.Series[^1].Left.Contact > endStrip.Left.Contact);
        Assert.Equal(rest.Series[^1].Left.Contact, r.Series[^1].Left.Contact, 3);
        // at twice the plating current it is still the same
        var fast = Run(cell, "Strip at 0.5 mA/cm2 for 2 h", "Plate at 1 mA/cm2 for 2 h");
        Assert.Equal(rest.Series[^1].Left.Contact, fast.Series[^1].Left.Contact, 3);
    }

    [Fact]
    public void ParabolicInterphaseGrowsAsSquareRootOfTime()
    {
        var cell = CellFactory.Cell(CellFactory.Symmetric("Reactium"));
        var r = CellFactory.Run(cell, "Rest for 100 h", "Rest for 300 h");
        var at100 = r.Series.First(p => Math.Abs(p.TimeS - 100 * 3600) < 1).Left.InterphaseM;
        var at400 = r.Series[^1].Left.InterphaseM;
        // L² = L0² + 2kt, k = 1e-18 m²/s
        Assert.Equal(Math.Sqrt(1e-18 + 2e-18 * 100 * 3600), at100, 12);
        Assert.Equal(Math.Sqrt(1e-18 + 2e-18 * 400 * 3600), at400, 12);
    }

    [Fact]
    public void APeriodClauseSpacesASymmetricStepsSeries()
    {
        // 'Plate … for 1 h (5 minute period)': twelve points at 5, 10, … 60 min; the rest after it keeps its own spacing
        var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: "50 MPa"));
        var r = CellFactory.Run(cell, "Plate at 0.5 mA/cm2 for 1 h (5 minute period)", "Rest for 1 h");
        var plate = r.Series.Where(p => p.CurrentDensity != 0).Select(p => p.TimeS).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => 300.0 * n), plate.Select(t => Math.Round(t, 6)));
        var plain = CellFactory.Run(cell, "Plate at 0.5 mA/cm2 for 1 h", "Rest for 1 h");
        Assert.NotEqual(12, plain.Series.Count(p => p.CurrentDensity != 0));
    }
}
