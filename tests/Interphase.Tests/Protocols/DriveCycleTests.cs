using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Tests.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Protocols;

/// <summary>Drive cycles: a step whose current follows a (time, current) profile from a CSV file.</summary>
public class DriveCycleTests
{
    /// <summary>Writes <paramref name="csv"/> and a protocol file with <paramref name="steps"/> into a new folder; returns the protocol's path.</summary>
    static string Protocol(string csv, params string[] steps)
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "profile.csv"), csv);
        var path = Path.Combine(dir, "test.protocol");
        File.WriteAllLines(path, steps);
        return path;
    }

    // 0.3 mA/cm2 for 5 min, falling linearly to 0.1, a regenerative pulse of -0.2 mA/cm2 and back up
    const string Mixed = "# a test profile\nTime [s],Current [mA/cm2]\n0,0.3\n300,0.3\n600,0.1\n660,-0.2\n720,-0.2\n780,0.25\n1500,0.05\n";

    /// <summary>∫ I dt of <see cref="Mixed"/> by trapezoids (mA/cm2 · s), worked by hand: 90 + 60 + (-3) + (-12) + 1.5 + 108.</summary>
    const double MixedIntegral = 90 + 60 - 3 - 12 + 1.5 + 108;

    static FullCellResult Run(string protocolFile) =>
        new FullCellSimulator(FullCellFactory.Cell(FullCellFactory.Lfp())).Run(ProtocolParser.ParseFile(protocolFile));

    [Fact]
    public void The_charge_passed_equals_the_profiles_integral()
    {
        Assert.Equal(MixedIntegral, CurrentProfile.Load(Path.Combine(Path.GetDirectoryName(Protocol(Mixed))!, "profile.csv"), default).Integral(1500) / 10, 12);   // SI: 1 mA/cm2 = 10 A/m²
        var r = Run(Protocol(Mixed, "Charge at 1C until 3.9 V", "Discharge with profile profile.csv"));
        var step = r.Series.Where(p => p.StepIndex == 2).ToList();
        Assert.Equal(1500, step[^1].TimeS - r.Series.Last(p => p.StepIndex == 1).TimeS, 6);
        // signed like the current: a discharge profile passes −∫I dt (A/m² s); 1 mA/cm2 = 10 A/m²
        Assert.Equal(-MixedIntegral * 10, step[^1].StepCapacity, 6);
        // the regenerative pulse charges the cell: the current follows the profile's sign within the step
        Assert.Contains(step, p => p.CurrentDensity > 0);
        Assert.Equal("protocol_completed", r.StopReason);
    }

    [Fact]
    public void A_cut_off_ends_the_profile_early()
    {
        // a heavy profile (3 to 9 mA/cm2, many C) that the cell cannot follow to its end
        var csv = "Time [s],Current [mA/cm2]\n0,3\n600,9\n3600,9\n";
        var r = Run(Protocol(csv, "Charge at 1C until 3.9 V", "Discharge with profile profile.csv until 2.8 V", "Rest for 10 min"));
        var step = r.Series.Where(p => p.StepIndex == 2).ToList();
        double lasted = step[^1].TimeS - r.Series.Last(p => p.StepIndex == 1).TimeS;
        Assert.True(lasted < 3000, $"the step lasted {lasted} s");
        Assert.InRange(step[^1].Voltage, 2.799, 2.8);   // the cut-off located to 1 mV (StepControl.Locate)
        // only the step ended: the rest after it ran
        Assert.Contains(r.Series, p => p.StepIndex == 3);
        Assert.Equal("protocol_completed", r.StopReason);
    }

    [Fact]
    public void PyBaMMs_drive_cycle_layout_is_read_and_a_C_rate_profile_scales_with_the_capacity()
    {
        var csv = "# Based on a drive cycle,\n# time [s],current [C]\n0,0.5\n60,0.5\n";
        var path = Protocol(csv, "Charge at 1C until 3.9 V", "Discharge with profile profile.csv");
        var cell = FullCellFactory.Cell(FullCellFactory.Lfp());
        var r = new FullCellSimulator(cell).Run(ProtocolParser.ParseFile(path));
        var step = r.Series.Where(p => p.StepIndex == 2).ToList();
        double oneC = cell.Cathode.NominalCapacity * cell.Cathode.ActiveMass / 3600;
        Assert.Equal(-0.5 * oneC * 60, step[^1].StepCapacity, 9);
    }

    [Fact]
    public void The_READMEs_drive_cycle_runs_its_profile_on_a_shipped_cell()
    {
        var lib = Interphase.Materials.MaterialLibrary.Load(TestPaths.Library);
        var cell = FullCell.Build(Interphase.Cells.CellSpec.Load(Path.Combine(TestPaths.Cases, "D-LFP-PT-PEO.yaml"), lib), lib);
        var protocolFile = Path.Combine(TestPaths.RepoRoot, "docs", "examples", "drive-cycle.protocol");
        var protocol = ProtocolParser.ParseFile(protocolFile);
        var profile = Assert.Single(protocol.Steps.OfType<CurrentStep>(), s => s.Profile is not null).Profile!;
        var r = new FullCellSimulator(cell).Run(protocol);
        Assert.Equal("protocol_completed", r.StopReason);
        var step = r.Series.Where(p => p.StepIndex == 3).ToList();
        double oneC = cell.Cathode.NominalCapacity * cell.Cathode.ActiveMass / 3600;
        // it ran the whole profile (it never reaches 2.8 V): the charge is the profile's integral
        Assert.Equal(profile.DurationS, step[^1].TimeS - r.Series.Last(p => p.StepIndex == 2).TimeS, 6);
        Assert.Equal(-profile.Integral(profile.DurationS) * oneC, step[^1].StepCapacity, 6);
    }

    [Theory]
    [InlineData("Time [s],Current [mA]\n0,1\n10,2\n10,3\n", 4, "must increase")]
    [InlineData("0,1\n10,2\n", 1, "header naming the columns")]
    [InlineData("Time [s],Current [mA]\n0,1\n10,abc\n", 3, "expected a number in column 2")]
    [InlineData("Time [s],Power [W]\n0,1\n10,2\n", 1, "constant-power")]
    [InlineData("Time [s],Current [mA]\n0,1\n", 2, "at least two rows")]
    public void A_bad_profile_is_refused_on_one_line_naming_its_line(string csv, int line, string message)
    {
        var e = Assert.Throws<InputException>(() => ProtocolParser.ParseFile(Protocol(csv, "Discharge with profile profile.csv")));
        Assert.Contains(message, e.Message);
        Assert.EndsWith("profile.csv", e.Location.File);
        Assert.Equal(line, e.Location.Line);
    }

    [Fact]
    public void A_quoted_file_name_a_period_and_a_for_are_read()
    {
        var dir = Path.GetDirectoryName(Protocol(Mixed))!;
        File.Copy(Path.Combine(dir, "profile.csv"), Path.Combine(dir, "my profile.csv"));
        File.WriteAllText(Path.Combine(dir, "p2.protocol"), "Discharge with profile \"my profile.csv\" for 10 min until 2.5 V (30 s period)\n");
        var step = Assert.IsType<CurrentStep>(Assert.Single(ProtocolParser.ParseFile(Path.Combine(dir, "p2.protocol")).Steps));
        Assert.Equal(30, step.PeriodS);
        Assert.Equal(600, step.DurationS);
        Assert.Equal(1500, step.Profile!.DurationS);
        Assert.IsType<VoltageCondition>(step.Until);
    }

    [Fact]
    public void A_missing_profile_and_a_for_beyond_its_end_are_refused()
    {
        var e = Assert.Throws<InputException>(() => ProtocolParser.ParseFile(Protocol(Mixed, "Discharge with profile nowhere.csv")));
        Assert.Contains("not found", e.Message);
        e = Assert.Throws<InputException>(() => ProtocolParser.ParseFile(Protocol(Mixed, "Discharge with profile profile.csv for 2 h")));
        Assert.Contains("the profile lasts 1500 s", e.Message);
        e = Assert.Throws<InputException>(() => ProtocolParser.ParseFile(Protocol(Mixed, "Discharge at 1C with profile profile.csv")));
        Assert.Contains("not both", e.Message);
    }

    // ---- symmetric cells: a plating/stripping profile (docs/decisions/0032-streamed-outputs.md)

    /// <summary>Ohmium at 50 MPa: full contact, reversible kinetics, V = i·R with R = 100 µm / 1e-3 S/cm = 10 Ω cm² (SymmetricPhysicsTests).</summary>
    static SymmetricCell Ohmic() => CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: "50 MPa"));
    const double OhmicAsr = 100e-6 / (1e-3 * 100); // Ω m²

    /// <summary>
    /// ∫ of the positive and of the negative part of <see cref="Mixed"/> (mA/cm2 · s), worked by hand. The fall from 0.1
    /// to −0.2 between 600 and 660 s crosses zero at 620 s: +1 over 600–620, −4 over 620–660; the rise from −0.2 to
    /// 0.25 between 720 and 780 s crosses zero at 746.67 s: −2.6667 and +4.1667.
    /// </summary>
    const double MixedPositive = 90 + 60 + 1 + 25.0 / 6 + 108, MixedNegative = 4 + 12 + 8.0 / 3;

    [Fact]
    public void A_symmetric_profile_plates_and_strips_the_profiles_integrals()
    {
        Assert.Equal(MixedIntegral, MixedPositive - MixedNegative, 9);
        var r = new SymmetricSimulator(Ohmic()).Run(ProtocolParser.ParseFile(Protocol(Mixed, "Plate with profile profile.csv")));
        Assert.Equal("protocol_completed", r.StopReason);
        Assert.Equal(1500, r.Series[^1].TimeS, 6);
        // a Plate step: positive values plate electrode 1, the negative part strips it; 1 mA/cm2·s = 10 C/m²
        var c = Assert.Single(r.Cycles);
        Assert.Equal(MixedPositive * 10, c.ChargePlated, 9);
        Assert.Equal(MixedNegative * 10, c.ChargeStripped, 9);
        // the cycle's current density is the profile's time-mean |i|
        Assert.Equal((MixedPositive + MixedNegative) / 1500 * 10, c.CurrentDensity, 9);
        // the metal moves with the net charge: electrode 1 gains what electrode 2 loses
        double gained = r.Series[^1].Left.MetalM - r.Series[0].Left.MetalM;
        Assert.Equal(-gained, r.Series[^1].Right.MetalM - r.Series[0].Right.MetalM, 12);
        var steady = new SymmetricSimulator(Ohmic()).Run(ProtocolParser.ParseLines([$"Plate at {MixedIntegral / 1500} mA/cm2 for 1500 s"]));
        Assert.Equal(steady.Series[^1].Left.MetalM - steady.Series[0].Left.MetalM, gained, 12);
    }

    [Fact]
    public void A_symmetric_profiles_voltage_follows_the_current_and_its_sign()
    {
        var r = new SymmetricSimulator(Ohmic()).Run(ProtocolParser.ParseFile(Protocol(Mixed, "Plate with profile profile.csv", "Strip with profile profile.csv")));
        // V = i·R at every point, the current being the profile's mean over the interval that ends there
        // (to 0.1 µV of a few mV: the fixture's kinetics are fast, not infinitely so)
        foreach (var p in r.Series.Skip(1)) Assert.Equal(p.CurrentDensity * OhmicAsr, p.Voltage, tolerance: 1e-7);
        // a Plate step plates electrode 1 (V < 0) where the profile is positive and strips it (V > 0) in its regenerative
        // part; a Strip step the other way
        var plate = r.Series.Where(p => p.StepIndex == 1).ToList();
        var strip = r.Series.Where(p => p.StepIndex == 2).ToList();
        Assert.Contains(plate, p => p.Voltage < 0);
        Assert.Contains(plate, p => p.Voltage > 0);
        double t1 = plate[^1].TimeS;
        foreach (var p in plate.Concat(strip))
        {
            double tau = p.StepIndex == 1 ? p.TimeS : p.TimeS - t1;
            // the profile at the end of the interval (its mean over the interval has the same sign: no interval spans a zero)
            double value = CurrentProfile.Load(Path.Combine(Path.GetDirectoryName(Protocol(Mixed))!, "profile.csv"), default).At(tau);
            if (Math.Abs(value) < 1e-9) continue;
            Assert.Equal(p.StepIndex == 1 ? -Math.Sign(value) : Math.Sign(value), Math.Sign(p.Voltage));
        }
        // one cycle: the Plate step then the Strip step, each passing the same charges in opposite directions
        var c = Assert.Single(r.Cycles);
        Assert.Equal((MixedPositive + MixedNegative) * 10, c.ChargePlated, 9);
        Assert.Equal((MixedPositive + MixedNegative) * 10, c.ChargeStripped, 9);
    }

    [Fact]
    public void A_symmetric_profile_in_mA_is_divided_by_the_area()
    {
        var cell = Ohmic();
        double areaCm2 = cell.Area * 1e4;
        string inMa = $"Time [s],Current [mA]\n0,{0.3 * areaCm2:R}\n600,{-0.2 * areaCm2:R}\n";
        string inDensity = "Time [s],Current [mA/cm2]\n0,0.3\n600,-0.2\n";
        var a = new SymmetricSimulator(cell).Run(ProtocolParser.ParseFile(Protocol(inMa, "Strip with profile profile.csv")));
        var b = new SymmetricSimulator(cell).Run(ProtocolParser.ParseFile(Protocol(inDensity, "Strip with profile profile.csv")));
        Assert.Equal(b.Series.Count, a.Series.Count);
        for (int k = 0; k < a.Series.Count; k++) Assert.Equal(b.Series[k].CurrentDensity, a.Series[k].CurrentDensity, 12);
        // 0.3 → −0.2 mA/cm2 in 600 s crosses zero at 360 s: stripped 0.5·0.3·360, plated 0.5·0.2·240 (mA/cm2·s)
        Assert.Equal(54 * 10, b.Cycles.Single().ChargeStripped, 9);
        Assert.Equal(24 * 10, b.Cycles.Single().ChargePlated, 9);
    }

    [Fact]
    public void The_shipped_symmetric_drive_cycle_runs_on_a_shipped_cell()
    {
        var lib = Interphase.Materials.MaterialLibrary.Load(TestPaths.Library);
        var cell = SymmetricCell.Build(Interphase.Cells.CellSpec.Load(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), lib), lib);
        var protocol = ProtocolParser.ParseFile(Path.Combine(TestPaths.RepoRoot, "docs", "examples", "symmetric-pulses.protocol"));
        var profile = protocol.Flatten().Select(s => s.step).OfType<CurrentStep>().First().Profile!;
        var r = new SymmetricSimulator(cell).Run(protocol);
        Assert.Equal("protocol_completed", r.StopReason);
        Assert.Equal(20, r.Cycles.Count(c => c.Complete));
        // the table's positive and negative parts, worked by hand (mA/cm2·s): 0.5 for 600 s, the switch to −0.2 in 1 s
        // crossing zero after 5/7 s, −0.2 for 119 s, back to 0 in 1 s
        double positive = 0.5 * 600 + 0.5 * 0.5 * (5.0 / 7), negative = 0.5 * 0.2 * (2.0 / 7) + 0.2 * 119 + 0.5 * 0.2 * 1;
        Assert.Equal(positive - negative, profile.Integral(profile.DurationS) / 10, 9);
        // each cycle plates electrode 1 with the Plate step's positive part and the Strip step's reverse pulse, and strips
        // it with the rest: plated = stripped = both parts (1 mA/cm2·s = 10 C/m²)
        foreach (var c in r.Cycles)
        {
            Assert.Equal((positive + negative) * 10, c.ChargePlated, 6);
            Assert.Equal((positive + negative) * 10, c.ChargeStripped, 6);
        }
    }

    [Fact]
    public void A_symmetric_cell_refuses_a_C_rate_profile_and_a_capacity_on_one_line()
    {
        var e = Assert.Throws<InputException>(() => new SymmetricSimulator(Ohmic()).Run(ProtocolParser.ParseFile(Protocol("Time [s],Current [C]\n0,1\n60,1\n", "Plate with profile profile.csv"))));
        Assert.Contains("not a C-rate", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        e = Assert.Throws<InputException>(() => new SymmetricSimulator(Ohmic()).Run(ProtocolParser.ParseFile(Protocol(Mixed, "Plate with profile profile.csv until 0.01 mAh/cm2"))));
        Assert.Contains("not a capacity", e.Message);
        e = Assert.Throws<InputException>(() => new SymmetricSimulator(Ohmic()).Run(ProtocolParser.ParseFile(Protocol(Mixed, "Discharge with profile profile.csv"))));
        Assert.Contains("Plate and Strip", e.Message);
    }
}
