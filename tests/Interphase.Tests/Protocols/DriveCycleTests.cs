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
        var dir = Directory.CreateTempSubdirectory("drive-cycle").FullName;
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

    [Fact]
    public void A_symmetric_cell_refuses_a_profile_on_one_line()
    {
        var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: "50 MPa"));
        var e = Assert.Throws<InputException>(() => new SymmetricSimulator(cell).Run(ProtocolParser.ParseFile(Protocol(Mixed, "Plate with profile profile.csv"))));
        Assert.Contains("full cells", e.Message);
    }
}
