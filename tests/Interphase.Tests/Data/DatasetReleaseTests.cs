using System.Text.RegularExpressions;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Reports;

namespace Interphase.Tests.Data;

/// <summary>
/// <see cref="CyclingDataset.Release"/> and <see cref="AnalysisOptions.AfterRead"/>: interphase analyze lets go of the
/// temperature before the analysis and of the energy counters before the outputs (issue 11, the memory of analyze;
/// docs/decisions/0051-analyze-releases-unread-columns.md). A released column must throw when read, never pass for an
/// absent one, and nothing analyze writes may depend on one.
/// </summary>
public class DatasetReleaseTests
{
    static CyclingDataset WithEveryColumn()
    {
        var d = Synthetic.Build(Synthetic.Symmetric(4, 1e-3, 600), 30, (t, s, q, i) => 3.7 + Math.Sign(i) * 0.05, counters: true);
        int n = d.Count;
        double[] Column(double scale) => Enumerable.Range(0, n).Select(i => scale * i).ToArray();
        return new CyclingDataset(d.Info, d.TimeS, d.Voltage, d.Current, d.Step, d.Cycle, d.StepIndex, d.ChargeCapacity,
            d.DischargeCapacity, Column(0.5), Column(0.25), Column(0.125));
    }

    [Fact]
    public void ReleasedColumnsThrowWhenReadAndTheOthersStayAsTheyWere()
    {
        var d = WithEveryColumn();
        var kept = new object[] { d.TimeS, d.Voltage, d.Current, d.Step, d.Cycle, d.StepIndex, d.ChargeCapacity, d.DischargeCapacity };
        var temperature = d.TemperatureC!.ToArray();

        d.Release(DatasetColumns.EnergyCounters);
        Assert.Equal(DatasetColumns.EnergyCounters, d.ReleasedColumns);
        Assert.Throws<InvalidOperationException>(() => d.ChargeEnergy);
        Assert.Throws<InvalidOperationException>(() => d.DischargeEnergy);
        Assert.Throws<InvalidOperationException>(() => d.HasEnergyCounters);
        // the temperature is still there, value for value
        Assert.Equal(temperature, d.TemperatureC!);

        d.Release(DatasetColumns.Temperature);
        Assert.Equal(DatasetColumns.EnergyCounters | DatasetColumns.Temperature, d.ReleasedColumns);
        // a released temperature is not an absent one (null): reading it throws
        Assert.Throws<InvalidOperationException>(() => d.TemperatureC);

        var after = new object[] { d.TimeS, d.Voltage, d.Current, d.Step, d.Cycle, d.StepIndex, d.ChargeCapacity, d.DischargeCapacity };
        for (int k = 0; k < kept.Length; k++) Assert.Same(kept[k], after[k]);
        Assert.True(d.HasCapacityCounters);
    }

    /// <summary>
    /// Every output analyze writes, for a full cell (Neware .nda with energy counters and temperature), a symmetric
    /// cell, an open-circuit record and a file with impedance sweeps between its cycling steps, is the same when the
    /// temperature is released after reading and the energy counters after the analysis, as analyze does.
    /// </summary>
    [SharedDataFact]
    public void AnalyzeWritesTheSameWithTheColumnsReleased()
    {
        var dir = TestPaths.TempDir();
        var symmetric = Synthetic.WriteCsv(
            Synthetic.Build(Synthetic.Symmetric(8, 1e-3, 1800, 300), 20, (t, s, q, i) => Math.Sign(i) * 0.04 + 1e-3 * Math.Sin(t / 50)),
            Path.Combine(dir, "symmetric.csv"));
        string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);
        var files = new (string Path, CellKind Kind, bool Interleaved)[]
        {
            (SharedFiles.Neware("TestFile.nda"), CellKind.Full, false),
            (symmetric, CellKind.Symmetric, false),
            (Fixture("ocv.issue_149.mpr"), CellKind.OpenCircuit, false),
            (Fixture("mb.mpr"), CellKind.Symmetric, true),
        };
        var nda = Measurement.Analyze(files[0].Path).Data!;
        Assert.True(nda.HasEnergyCounters && nda.TemperatureC is not null, "TestFile.nda has energy counters and a temperature");
        foreach (var (path, kind, interleaved) in files)
        {
            var whole = Measurement.Analyze(path);
            Assert.Equal(kind, whole.Kind);
            Assert.Equal(interleaved, whole.Interleaved is not null);
            var released = Measurement.Analyze(path, new AnalysisOptions { AfterRead = d => d.Release(DatasetColumns.Temperature) });
            Assert.Equal(DatasetColumns.Temperature, released.Data!.ReleasedColumns);
            released.Data.Release(DatasetColumns.EnergyCounters);

            var a = Path.Combine(dir, Path.GetFileName(path) + "-whole");
            var b = Path.Combine(dir, Path.GetFileName(path) + "-released");
            var names = MeasurementWriter.Write(whole, a).Select(Path.GetFileName).ToList();
            Assert.Equal(names, MeasurementWriter.Write(released, b).Select(Path.GetFileName).ToList());
            Assert.Contains("report.html", names);
            foreach (var name in names.Select(x => x!))
                Assert.True(Text(Path.Combine(a, name)) == Text(Path.Combine(b, name)), $"{Path.GetFileName(path)}: {name} differs with the columns released");
        }
    }

    /// <summary>A file's text, with report.html's date of writing taken out.</summary>
    static string Text(string path) => Regex.Replace(File.ReadAllText(path), "<time datetime=\"[^\"]*\">[^<]*</time>", "");
}
