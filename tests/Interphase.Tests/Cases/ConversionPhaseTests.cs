using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Cases;

/// <summary>
/// FeS2's later cycles (issue 10, docs/models.md §14.4): the converted Fe + 2 Li2S charges through Li2FeS2 to
/// FeS_y + S and discharges back on those phases' plateaus, pyrite never re-forms, the product of particles that lost
/// contact is stranded, and the converted fraction against depth.
/// </summary>
public class ConversionPhaseTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static FullCellResult Case(string name) => FullCellCaseTests.Run(name);

    /// <summary>A shipped case with extra top-level keys (e.g. a degradation switch), run from a copy beside the original.</summary>
    static FullCellResult CaseWith(string name, string extra)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, name + ".yaml")) + "\n" + extra + "\n";
        var spec = CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, name + "-variant.yaml")), Lib);
        return new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolParser.ParseFile(spec.ProtocolFile!));
    }

    static FullCycleStats Cycle(FullCellResult r, int n) => r.Complete.First(c => c.Cycle == n);

    /// <summary>Share of a cycle's discharge (or charge) capacity passed while the cell voltage was above <paramref name="volts"/>.</summary>
    static double ShareAbove(FullCellResult r, int cycle, bool discharge, double volts)
    {
        double above = 0, all = 0;
        var s = r.Series;
        for (int n = 1; n < s.Count; n++)
        {
            var p = s[n];
            if (p.Cycle != cycle || s[n - 1].StepIndex != p.StepIndex || (discharge ? p.CurrentDensity >= 0 : p.CurrentDensity <= 0)) continue;
            double q = Math.Abs(p.CurrentDensity) * (p.TimeS - s[n - 1].TimeS);
            all += q;
            if (0.5 * (p.Voltage + s[n - 1].Voltage) > volts) above += q;
        }
        return all > 0 ? above / all : double.NaN;
    }

    [Fact]
    public void LaterDischargesRunOnTheReformedPhasesNotOnThePyritePlateau()
    {
        // the liquid cell converts fully, so its later cycles show the reformed phases' curve: the first discharge sits on
        // pyrite's single plateau near 1.5 V, the second runs half on FeS_y + S -> Li2FeS2 (2.1 V) and half on
        // Li2FeS2 -> Fe + 2 Li2S (1.55 V), 2 of the 4 electrons each (stoichiometry)
        var liquid = Case("C-FeS2-liquid");
        double first = ShareAbove(liquid, 1, discharge: true, 1.8), second = ShareAbove(liquid, 2, discharge: true, 1.8);
        Assert.True(first < 0.02, $"cycle 1: {first:P1} of the discharge above 1.8 V");
        Assert.InRange(second, 0.4, 0.55);
        Assert.True(Cycle(liquid, 2).MeanDischargeVoltage > Cycle(liquid, 1).MeanDischargeVoltage + 0.2,
            $"mean discharge voltage {Cycle(liquid, 1).MeanDischargeVoltage:F3} V -> {Cycle(liquid, 2).MeanDischargeVoltage:F3} V");
        // the later cycles repeat the second one's curve (pyrite does not come back)
        Assert.InRange(ShareAbove(liquid, 5, discharge: true, 1.8), second - 0.02, second + 0.02);
    }

    [Fact]
    public void ChargeGoesThroughLi2FeS2ThenFeSyPlusSAndPyriteNeverReforms()
    {
        var liquid = Case("C-FeS2-liquid");
        // two charge plateaus of 2 e- each: Fe + 2 Li2S -> Li2FeS2 near 1.9 V, then -> FeS_y + S near 2.45 V
        Assert.InRange(ShareAbove(liquid, 1, discharge: false, 2.2), 0.4, 0.6);
        // the converted fraction of the pyrite never falls: charging does not re-form it
        double xMax = 0;
        foreach (var p in liquid.Series)
        {
            Assert.True(p.Cathode.ConvertedFraction >= xMax - 1e-12, $"X fell from {xMax} to {p.Cathode.ConvertedFraction} at {p.TimeS / 3600:F3} h");
            xMax = Math.Max(xMax, p.Cathode.ConvertedFraction);
        }
        // the product's lithium: all of it out at the end of a full charge, all back at the end of a discharge
        var endCharge = liquid.Series.Last(p => p.Cycle == 1 && p.CurrentDensity > 0);
        var endDischarge = liquid.Series.Last(p => p.Cycle == 2 && p.CurrentDensity < 0);
        Assert.True(endCharge.Cathode.ProductLithiation < 0.03, $"after charge {endCharge.Cathode.ProductLithiation}");
        Assert.True(endDischarge.Cathode.ProductLithiation > 0.97, $"after discharge {endDischarge.Cathode.ProductLithiation}");
    }

    [Fact]
    public void TheLiquidChargesBackMoreThanTheSolidBecauseTheSolidLosesContact()
    {
        // the cycle's efficiency is charge/discharge (the cell starts charged): the liquid refills the gaps and charges
        // back nearly all it converted; in the solid composite the particles that separated from the electrolyte take
        // their product with them, and the rest loses contact as it shrinks on charge
        var solid = Case("C-FeS2-LPS-solid");
        var liquid = Case("C-FeS2-liquid");
        // (charge over discharge from the capacities: the solid cell's charge is below the 1 % of the nominal capacity
        // under which the reported efficiency is null)
        static double Ce(FullCycleStats c) => c.ChargeCapacity / c.DischargeCapacity;
        double ceSolid = Ce(Cycle(solid, 1)), ceLiquid = Ce(Cycle(liquid, 1));
        Assert.True(ceLiquid > 0.9, $"liquid {ceLiquid:P2}");
        Assert.True(ceSolid < 0.1 * ceLiquid, $"solid {ceSolid:P3} vs liquid {ceLiquid:P2}");
        // the mechanism: at the end of the first discharge most of the solid cell's product is in particles that lost contact
        var endDischarge = solid.Series.Last(p => p.Cycle == 1 && p.CurrentDensity < 0);
        Assert.True(endDischarge.Cathode.ReachableProduct < 0.2, $"reachable {endDischarge.Cathode.ReachableProduct}");
        Assert.Equal(1, liquid.Series[^1].Cathode.ReachableProduct, 9);
        // with contact loss switched off the same solid cell converts fully and charges back as the liquid does
        var keep = CaseWith("C-FeS2-LPS-solid", "degradation: {contact_loss: off}");
        double ceKeep = Ce(Cycle(keep, 1));
        Assert.True(ceKeep > 0.5, $"solid without contact loss {ceKeep:P2}");
    }

    [Theory]
    [InlineData(0.3e-6, 0.8e-6)]
    [InlineData(0.0, 0.6e-6)]
    [InlineData(0.9e-6, 0.95e-6)]
    [InlineData(0.5e-6, 0.5e-6)]
    public void TheShellAveragedProfileHoldsTheConvertedVolume(double a, double b)
    {
        // ∫ f(r) 4πr² dr over the particle / its volume = 1 − a b²/R³, the converted fraction of the shrinking core
        const double R = 1e-6;
        int n = 20000;
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            double r = R * (k + 0.5) / n;
            sum += ConversionProfile.ShellAverage(R, a, b, R - r) * 3 * r * r / (R * R * R) * (R / n);
        }
        Assert.Equal(1 - a * b * b / (R * R * R), sum, 4);
        // along the axes the front is a step at R − a and R − b
        Assert.Equal(1, ConversionProfile.AlongAxis(R, a, 0.999 * (R - a)));
        Assert.Equal(0, ConversionProfile.AlongAxis(R, a, 1.001 * (R - a) + 1e-12));
    }

    [Fact]
    public void ProfilesAtTheEndOfEachHalfCycleShowTheCoreShellAndTheFastAxis()
    {
        var solid = Case("C-FeS2-LPS-solid");
        var rows = FullCellWriter.ConversionProfilesCsv(solid)!.TrimEnd().Split('\n');
        var header = rows[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var data = rows.Skip(1).Select(l => l.Split(',').Select(c => c.Length == 0 ? double.NaN : double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        // the first profile is the end of the first discharge: one particle's 41 depths
        var first = data.Take(FullCellWriter.ProfilePoints).ToList();
        Assert.All(first, r => Assert.Equal(first[0][Col("time_h")], r[Col("time_h")]));
        Assert.True(first[0][Col("current_density_mA_cm2")] < 0);
        double x = first[0][Col("converted_fraction")];
        Assert.InRange(x, 0.55, 0.65);
        // core–shell: converted at the surface, pyrite at the centre
        Assert.Equal(1, first[0][Col("converted_shell_average")]);
        Assert.Equal(0, first[^1][Col("converted_shell_average")]);
        // the front has run deeper along the fast axis than along the slow ones
        double fastDepth = first.Where(r => r[Col("converted_fast_axis")] == 1).Max(r => r[Col("depth_um")]);
        double slowDepth = first.Where(r => r[Col("converted_slow_axis")] == 1).Max(r => r[Col("depth_um")]);
        Assert.True(fastDepth > 1.5 * slowDepth, $"fast {fastDepth} um, slow {slowDepth} um");
        // the written shell averages hold the converted volume (Simpson over 40 intervals, weight 3 r²/R³)
        double R = first[^1][Col("depth_um")];
        double sum = 0;
        for (int k = 0; k < first.Count; k++)
        {
            double r = R - first[k][Col("depth_um")];
            double w = k == 0 || k == first.Count - 1 ? 1 : k % 2 == 1 ? 4 : 2;
            sum += w * first[k][Col("converted_shell_average")] * 3 * r * r / (R * R * R);
        }
        sum *= R / (first.Count - 1) / 3;
        Assert.Equal(x, sum, 1);
        Assert.True(Math.Abs(sum - x) < 0.03, $"volume-weighted profile {sum:F4} vs converted fraction {x:F4}");
        // one profile per half cycle that passed current
        int halves = solid.Series.Where((p, n) => p.CurrentDensity != 0 && (n + 1 == solid.Series.Count || solid.Series[n + 1].StepIndex != p.StepIndex)).Count();
        Assert.Equal(halves * FullCellWriter.ProfilePoints, data.Count);
    }
}
