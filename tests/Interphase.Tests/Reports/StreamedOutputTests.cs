using System.Text;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;

namespace Interphase.Tests.Reports;

/// <summary>
/// The time series streamed to another core while the solver runs (docs/decisions/0032-streamed-outputs.md) gives
/// the same files, byte for byte, as the writer that makes them from the result after the run: for a run cut short
/// in the middle of a step, for a full cell, in CSV and Parquet, whatever the chunk size; a failure leaves no file.
/// </summary>
public class StreamedOutputTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static SymmetricCell Symmetric(string name) => SymmetricCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib), Lib);
    static FullCell Full(string name) => FullCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib), Lib);

    /// <summary>Every file of two output folders, by name, with its bytes.</summary>
    static void SameFolders(string expected, string actual)
    {
        var e = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Order(StringComparer.Ordinal).ToList();
        var a = Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(e, a);
        Assert.Contains(e, f => f.StartsWith("timeseries.", StringComparison.Ordinal));
        foreach (var f in e)
        {
            var x = File.ReadAllBytes(Path.Combine(expected, f));
            var y = File.ReadAllBytes(Path.Combine(actual, f));
            if (!x.AsSpan().SequenceEqual(y))
            {
                int i = 0;
                while (i < Math.Min(x.Length, y.Length) && x[i] == y[i]) i++;
                string At(byte[] b) => System.Text.Encoding.UTF8.GetString(b, Math.Max(0, i - 80), Math.Min(160, b.Length - Math.Max(0, i - 80)));
                Assert.Fail($"{f}: {y.Length} bytes differ from the after-the-run file's {x.Length} at byte {i}: '{At(y)}' where it has '{At(x)}'");
            }
        }
    }

    // the report's "Generated at" is the clock's: both writers get the same one
    static readonly DateTimeOffset When = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    static HtmlReport SymmetricReport(SimulationResult r) { var page = SimulationReport.Build(r); page.GeneratedAt = When; return page; }
    static HtmlReport FullReport(FullCellResult r) { var page = FullCellReport.Build(r); page.GeneratedAt = When; return page; }

    static void InTwoFolders(Action<string, string> test)
    {
        string a = TestPaths.TempDir(), b = TestPaths.TempDir();
        try { test(a, b); }
        finally
        {
            if (Directory.Exists(a)) Directory.Delete(a, true);
            if (Directory.Exists(b)) Directory.Delete(b, true);
        }
    }

    /// <summary>A symmetric run's time series streamed in chunks of <paramref name="rows"/> points (the writers' stream, with another chunk size).</summary>
    static TableStream<TimePoint> SymmetricStream(SymmetricCell cell, TableFormat format, int rows)
    {
        var layout = SimulationWriter.SeriesLayout.Of(cell);
        return new TableStream<TimePoint>(layout.Columns(), layout.Fill, format == TableFormat.Csv, rows);
    }

    [Theory]
    // a current ramp that shorts: the run stops inside a plating step at the short
    [InlineData("A-bare-Li-LPSCl", "A-ccd.protocol", TableFormat.Csv, 128)]
    [InlineData("A-bare-Li-LPSCl", "A-ccd.protocol", TableFormat.Csv, 7)]
    [InlineData("A-bare-Li-LPSCl", "A-ccd.protocol", TableFormat.Parquet, 128)]
    // an amalgam cell (two more columns per electrode), cut off mid-step by the instrument's compliance
    [InlineData("E-amalgam-Li-LLTO", "Plate at 0.1 mA/cm2 for 2 h; Strip at 0.1 mA/cm2 for 2 h; Plate at 400 mA/cm2 for 1 h", TableFormat.Csv, 5)]
    // a polymer with a salt profile (the salt ratio columns), with an output period
    [InlineData("B-bare-Li-PEO", "Repeat 3 times: Plate at 0.2 mA/cm2 for 1 h (5 minute period); Strip at 0.2 mA/cm2 for 1 h", TableFormat.Csv, 3)]
    public void AStreamedSymmetricRunWritesTheFilesOfTheAfterTheRunWriter(string name, string protocol, TableFormat format, int rows)
    {
        var cell = Symmetric(name);
        var steps = protocol.EndsWith(".protocol", StringComparison.Ordinal)
            ? ProtocolParser.Parse(File.ReadAllText(Path.Combine(TestPaths.Cases, protocol)), protocol)
            : ProtocolParser.ParseLines(protocol.Split("; "));
        var stream = SymmetricStream(cell, format, rows);
        var r = new SymmetricSimulator(cell) { Recorded = stream.Add }.Run(steps);
        if (protocol == "A-ccd.protocol") Assert.True(r.ShortCircuit, "the ramp should short");
        if (name.StartsWith("E-", StringComparison.Ordinal)) Assert.Equal("compliance", r.StopReason);
        Assert.Equal(r.Series.Count, stream.Count);
        Assert.True(r.Series.Count > rows, $"{r.Series.Count} points");
        InTwoFolders((after, streamed) =>
        {
            SimulationWriter.Write(r, after, "p", SymmetricReport, format);
            SimulationWriter.Write(r, streamed, "p", SymmetricReport, format, streamed: stream);
            SameFolders(after, streamed);
        });
    }

    [Theory]
    [InlineData("D-LFP-PEO", "Repeat 4 times: Charge at 0.5C until 3.8 V; Discharge at 0.5C until 2.5 V", TableFormat.Csv)]
    [InlineData("D-LFP-PEO", "Repeat 4 times: Charge at 0.5C until 3.8 V; Discharge at 0.5C until 2.5 V", TableFormat.Parquet)]
    // a layer grown on the cathode during the run (the polymerisation charge column, formation.csv)
    [InlineData("D-LFP-PT-formation", "Charge at 0.2C until 3.8 V; Discharge at 0.2C until 2.5 V", TableFormat.Csv)]
    // a conversion cathode (other columns, conversion_profiles.csv)
    [InlineData("C-FeS2-LPS-solid", "Discharge at 0.1C until 1.0 V; Charge at 0.1C until 3.0 V", TableFormat.Csv)]
    public void AStreamedFullCellRunWritesTheFilesOfTheAfterTheRunWriter(string name, string protocol, TableFormat format)
    {
        var cell = Full(name);
        var stream = FullCellWriter.StreamTimeSeries(cell, format);
        var r = new FullCellSimulator(cell) { Recorded = stream.Add }.Run(ProtocolParser.ParseLines(protocol.Split("; ")));
        Assert.Equal(r.Series.Count, stream.Count);
        if (r.Formation is not null) Assert.Contains("polymerisation_charge_mAh_cm2", stream.Names);
        InTwoFolders((after, streamed) =>
        {
            FullCellWriter.Write(r, after, "p", FullReport, format);
            FullCellWriter.Write(r, streamed, "p", FullReport, format, streamed: stream);
            SameFolders(after, streamed);
        });
    }

    [Fact]
    public void TheSimulatorHandsOverEveryRecordedPointInOrder()
    {
        var cell = Symmetric("A-bare-Li-LPSCl");
        var seen = new List<TimePoint>();
        var r = new SymmetricSimulator(cell) { Recorded = seen.Add }.Run(ProtocolParser.ParseLines(["Plate at 0.1 mA/cm2 for 1 h (10 minute period)", "Strip at 0.1 mA/cm2 for 30 min"]));
        Assert.Equal(r.Series, seen);
        var full = Full("D-LFP-PEO");
        var fseen = new List<FullTimePoint>();
        var f = new FullCellSimulator(full) { Recorded = fseen.Add }.Run(ProtocolParser.ParseLines(["Charge at 0.5C until 3.8 V (1 minute period)", "Rest for 10 min"]));
        Assert.Equal(f.Series, fseen);
    }

    [Fact]
    public void AStreamOfAnotherRunIsRefused()
    {
        var cell = Symmetric("A-bare-Li-LPSCl");
        var stream = SimulationWriter.StreamTimeSeries(cell, TableFormat.Csv);
        new SymmetricSimulator(cell) { Recorded = stream.Add }.Run(ProtocolParser.ParseLines(["Plate at 0.1 mA/cm2 for 1 h"]));
        var other = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(["Plate at 0.1 mA/cm2 for 2 h"]));
        var parent = TestPaths.TempDir();
        try
        {
            var dir = Path.Combine(parent, "out");
            Assert.Throws<InvalidOperationException>(() => SimulationWriter.Write(other, dir, streamed: stream));
            Assert.False(Directory.Exists(dir), "nothing is written for a refused stream");
            // and one made for the other format
            var parquet = SimulationWriter.StreamTimeSeries(cell, TableFormat.Parquet);
            var r = new SymmetricSimulator(cell) { Recorded = parquet.Add }.Run(ProtocolParser.ParseLines(["Plate at 0.1 mA/cm2 for 1 h"]));
            Assert.Throws<InvalidOperationException>(() => SimulationWriter.Write(r, dir, format: TableFormat.Csv, streamed: parquet));
            Assert.False(Directory.Exists(dir), "nothing is written for a stream of the other format");
        }
        finally
        {
            Directory.Delete(parent, true);
        }
    }

    [Fact]
    public void AWriterThatFailsWhileTheStreamedTableIsBeingWrittenLeavesNoFile()
    {
        var cell = Symmetric("A-bare-Li-LPSCl");
        var layout = SimulationWriter.SeriesLayout.Of(cell);
        // the other core is held inside the last chunk until the report has failed
        using var release = new ManualResetEventSlim(false);
        int filled = 0;
        var stream = new TableStream<TimePoint>(layout.Columns(), (in TimePoint p, Span<double> row) =>
        {
            if (++filled == 300) release.Wait(TimeSpan.FromSeconds(30));
            layout.Fill(p, row);
        }, formatCsv: true, rowsPerChunk: 64);
        var r = new SymmetricSimulator(cell) { Recorded = stream.Add }.Run(ProtocolParser.ParseLines(["Repeat 10 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"]));
        Assert.True(r.Series.Count > 300);
        var dir = TestPaths.TempDir();
        try
        {
            var e = Assert.Throws<IOException>(() => SimulationWriter.Write(r, dir, report: _ =>
            {
                release.Set();
                throw new IOException("disk full (test)");
            }, streamed: stream));
            Assert.Equal("disk full (test)", e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AFailureOnTheOtherCoreIsThrownByTheWriterAndLeavesNoFile()
    {
        var cell = Symmetric("A-bare-Li-LPSCl");
        var layout = SimulationWriter.SeriesLayout.Of(cell);
        int filled = 0;
        var stream = new TableStream<TimePoint>(layout.Columns(), (in TimePoint p, Span<double> row) =>
        {
            if (++filled == 100) throw new InvalidDataException("row 100 (test)");
            layout.Fill(p, row);
        }, formatCsv: true, rowsPerChunk: 16);
        var r = new SymmetricSimulator(cell) { Recorded = stream.Add }.Run(ProtocolParser.ParseLines(["Repeat 3 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"]));
        var dir = TestPaths.TempDir();
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => SimulationWriter.Write(r, dir, report: SimulationReport.Build, streamed: stream));
            Assert.Equal("row 100 (test)", e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
    /// <summary>
    /// The stream's writer thread ends when no block has come for a while, so that a run that fails (and never completes
    /// its stream) leaves no thread waiting for ever; a block that comes later starts a new one, and the table is whole.
    /// </summary>
    [Fact]
    public void AnIdleWriterThreadEndsAndALaterBlockStartsAnother()
    {
        var cell = Symmetric("A-bare-Li-LPSCl");
        var r = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(["Repeat 4 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"]));
        var layout = SimulationWriter.SeriesLayout.Of(cell);
        var stream = new TableStream<TimePoint>(layout.Columns(), layout.Fill, formatCsv: true, rowsPerChunk: 16) { IdleMilliseconds = 20 };
        int half = r.Series.Count / 2;
        for (int k = 0; k < half; k++) stream.Add(r.Series[k]);
        Assert.True(half >= 16);
        // no block for a while: the thread ends by itself (waited for up to a minute; it takes about 20 ms)
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (stream.WriterRunning && waited.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(10);
        Assert.False(stream.WriterRunning, "the idle writer thread did not end");
        for (int k = half; k < r.Series.Count; k++) stream.Add(r.Series[k]);
        stream.Complete();
        Assert.False(stream.WriterRunning);
        using var ms = new MemoryStream();
        stream.WriteCsvTo(ms);
        Assert.Equal(SimulationWriter.TimeSeriesCsv(r), Encoding.UTF8.GetString(ms.ToArray()));
    }
}
