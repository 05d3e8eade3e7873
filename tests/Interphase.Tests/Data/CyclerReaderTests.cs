using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Data.Neware;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>Arbin, Maccor and Neware files of ../shared/data against PROVENANCE.md.</summary>
public class CyclerReaderTests
{
    const double MahC = 3.6; // 1 mAh = 3.6 C

    static double MaxWhere(double[] x, Func<int, bool> keep) => Enumerable.Range(0, x.Length).Where(keep).Max(i => x[i]);

    [SharedDataFact]
    public void Arbin_RowsCyclesCapacitiesCurrentAndVoltage()
    {
        var f = DataFile.Detect(Arbin);
        Assert.Equal(DataFormat.ArbinCsv, f.Format);
        var d = DataFile.ReadCycling(f);
        Assert.Equal(2142, d.Count);
        Assert.Equal("15", d.Info.Header["columns"]);
        Assert.Equal("Arbin CSV", d.Info.Format);
        Assert.Equal(1, d.Cycle.Min());
        Assert.Equal(2, d.Cycle.Max());
        Close(1.0719 * 3600, MaxWhere(d.ChargeCapacity, i => d.Cycle[i] == 1), 1e-4, "cycle 1 max charge capacity (C)");
        Close(1.0724 * 3600, MaxWhere(d.DischargeCapacity, i => d.Cycle[i] == 1), 1e-4, "cycle 1 max discharge capacity (C)");
        Close(1.0725 * 3600, MaxWhere(d.ChargeCapacity, i => d.Cycle[i] == 2), 1e-4, "cycle 2 max charge capacity (C)");
        Close(1.0729 * 3600, MaxWhere(d.DischargeCapacity, i => d.Cycle[i] == 2), 1e-4, "cycle 2 max discharge capacity (C)");
        Close(-4.40, d.Current.Min(), 1e-3, "smallest current (A)");
        Close(6.64, d.Current.Max(), 1e-3, "largest current (A)");
        Assert.InRange(d.Voltage.Min(), 1.99, 2.01);
        Assert.InRange(d.Voltage.Max(), 3.59, 3.61);
        Assert.NotNull(d.TemperatureC);
        Close(29.18314, d.TemperatureC![0], 1e-9, "first temperature (°C)");
        Assert.Equal(0, d.TimeS[0]);
        Close(6308.4823, d.TimeS[^1], 1e-9, "last time (s)");
    }

    [SharedDataFact]
    public void Maccor_TitleLineRowsColumnsAndState()
    {
        var f = DataFile.Detect(Maccor);
        Assert.Equal(DataFormat.MaccorText, f.Format);
        var d = DataFile.ReadCycling(f);
        Assert.Equal(333, d.Count);
        Assert.All(d.Step, s => Assert.Equal(StepType.Discharge, s));
        Assert.All(d.Current, i => Assert.True(i < 0, "discharge current is negative"));
        Assert.All(d.Cycle, c => Assert.Equal(37, c));
        Assert.All(d.StepIndex, s => Assert.Equal(44, s));
        Close(4.8400091554, -d.Current[0], 1e-9, "first current (A)");
        Close(0.0191579754 * 3600, d.DischargeCapacity[0], 1e-9, "first Amp-hr (C)");
        Close(769270.57 - 769267.24, d.TimeS[^1], 1e-6, "time span (s)");
        Assert.Contains("Procedure", d.Info.Header["title"]);
        Assert.Equal("52", d.Info.Header["channel"]);
        Assert.Equal(38, d.Info.Header["columns"] is { } c ? int.Parse(c) : 0);
    }

    [SharedDataFact]
    public void NewareVersion29_RecordsStatusesCyclesAndCapacities()
    {
        var path = Neware("new_nda_file.nda");
        var d = NdaReader.Read(path, out var status);
        Assert.Equal(DataFormat.NewareNda, DataFile.Detect(path).Format);
        Assert.Equal(439, d.Count);
        Assert.Equal("29", d.Info.Header["nda version"]);
        Close(1.0e-6, d.Info.FileActiveMassKg!.Value, 1e-9, "active mass (kg)");
        Assert.Equal(1585135010, d.Info.StartTime!.Value.ToUnixTimeSeconds());
        var counts = status.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(286, counts["Rest"]);
        Assert.Equal(102, counts["CC_DChg"]);
        Assert.Equal(51, counts["CC_Chg"]);
        Assert.Equal(6, StepRuns(d.StepIndex));
        Close(0.0505e-3, d.Current.Max(), 1e-6, "largest current (A)");
        Close(-0.0505e-3, d.Current.Min(), 1e-6, "smallest current (A)");
        Close(-0.101, d.Voltage.Min(), 1e-6, "lowest voltage");
        Close(-0.0849, d.Voltage.Max(), 1e-6, "highest voltage");

        // NewareNDA numbers cycles "charge first": a charge after a discharge opens a cycle
        var seg = Segmentation.Of(d, new SegmentationOptions { CycleStart = CycleStart.Charge });
        Assert.Equal(2, seg.CycleCount);
        Close(6.5306e-5 * MahC, MaxWhere(d.DischargeCapacity, i => seg.RowCycle[i] == 1), 1e-4, "cycle 1 discharge");
        Close(6.9653e-4 * MahC, MaxWhere(d.ChargeCapacity, i => seg.RowCycle[i] == 2), 1e-4, "cycle 2 charge");
        Close(7.00919e-3 * MahC, MaxWhere(d.DischargeCapacity, i => seg.RowCycle[i] == 2), 1e-5, "cycle 2 discharge");
        // test time accumulates the step times: the wall clock ran 12 min 2 s
        Assert.InRange(d.TimeS[^1], 715, 725);
    }

    [SharedDataFact]
    public void NewareVersion130_RecordsStatusesCyclesCapacitiesAndEnergies()
    {
        var path = Neware("TestFile.nda");
        var d = NdaReader.Read(path, out var status);
        Assert.Equal(6670, d.Count);
        Assert.Equal("130", d.Info.Header["nda version"]);
        var counts = status.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3469, counts["CC_Chg"]);
        Assert.Equal(1719, counts["Rest"]);
        Assert.Equal(1306, counts["CC_DChg"]);
        Assert.Equal(176, counts["CV_Chg"]);
        Assert.Equal(11, StepRuns(d.StepIndex));
        Close(-3000.96e-3, d.Current.Min(), 1e-5, "smallest current (A)");
        Close(1200.77e-3, d.Current.Max(), 1e-5, "largest current (A)");
        Close(1.7206, d.Voltage.Min(), 1e-4, "lowest voltage");
        Close(4.2001, d.Voltage.Max(), 1e-4, "highest voltage");
        Assert.NotNull(d.TemperatureC);
        // the instrument's cycle (u32 at byte 36 of a BTS 9.1 record, from 0): BTSDA's export of this file (fastnda's
        // TestFile.parquet, decision 0083) has cycle 1 in rows 1–1115, 2 in rows 1116–4477 and 3 in rows 4478–6670
        for (int i = 0; i < d.Count; i++)
            Assert.True(d.Cycle[i] == (i < 1115 ? 1 : i < 4477 ? 2 : 3), $"row {i + 1}: cycle {d.Cycle[i]}");

        var seg = Segmentation.Of(d, new SegmentationOptions { CycleStart = CycleStart.Charge });
        Assert.Equal(3, seg.CycleCount);
        Close(3790.168 * MahC, MaxWhere(d.DischargeCapacity, i => seg.RowCycle[i] == 1), 1e-6, "cycle 1 discharge capacity");
        Close(12466.08 * MahC, MaxWhere(d.DischargeEnergy, i => seg.RowCycle[i] == 1), 1e-6, "cycle 1 discharge energy (J)");
        Close(5655.088 * MahC, MaxWhere(d.ChargeCapacity, i => seg.RowCycle[i] == 2), 1e-6, "cycle 2 charge capacity");
        Close(5806.646 * MahC, MaxWhere(d.DischargeCapacity, i => seg.RowCycle[i] == 2), 1e-6, "cycle 2 discharge capacity");
        Close(21306.24 * MahC, MaxWhere(d.ChargeEnergy, i => seg.RowCycle[i] == 2), 1e-6, "cycle 2 charge energy");
        Close(20246.45 * MahC, MaxWhere(d.DischargeEnergy, i => seg.RowCycle[i] == 2), 1e-6, "cycle 2 discharge energy");
        Close(5659.856 * MahC, MaxWhere(d.ChargeCapacity, i => seg.RowCycle[i] == 3), 1e-6, "cycle 3 charge capacity");
    }

    /// <summary>Runs of equal step numbers (NewareNDA's renumbered 'Step').</summary>
    static int StepRuns(int[] step)
    {
        int runs = step.Length > 0 ? 1 : 0;
        for (int i = 1; i < step.Length; i++) if (step[i] != step[i - 1]) runs++;
        return runs;
    }
}
