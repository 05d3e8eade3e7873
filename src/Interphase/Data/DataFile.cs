using System.Text;
using Interphase.Data.Arbin;
using Interphase.Data.BioLogic;
using Interphase.Data.Delimited;
using Interphase.Data.Eis;
using Interphase.Data.Gamry;
using Interphase.Data.Neware;

namespace Interphase.Data;

/// <summary>The file formats Interphase reads measurements from.</summary>
public enum DataFormat
{
    BioLogicMpt, BioLogicMpr, ArbinCsv,
    /// <summary>Arbin MITS Pro's result file, an Access (Jet 4) database.</summary>
    ArbinRes,
    /// <summary>Arbin's Excel export (.xlsx: Global_Info and Channel_ sheets).</summary>
    ArbinXlsx,
    /// <summary>Basytec BTS result export (text, '~' header lines).</summary>
    BasytecText,
    /// <summary>Novonix UHPC CSV ([Summary], [Protocol], [Data]).</summary>
    NovonixCsv, MaccorText, NewareNda, NewareNdax, NewareExport, GamryDta, DelimitedText,
    /// <summary>Interphase's own timeseries.csv (a simulation or an analysis), so results can be analysed and compared.</summary>
    InterphaseTimeseries,
    /// <summary>Impedance-only formats (Scribner ZPlot/ZView, Autolab, CH Instruments, VersaStudio .par, headerless f, Z', Z'', Zahner's binary .ism, Ivium .idf/.ids, PalmSens .pssession).</summary>
    ImpedanceText,
}

/// <summary>What a file holds: cycling records (time, voltage, current) or impedance spectra.</summary>
public enum DataKind { Cycling, Impedance }

/// <summary>How to read a file: a column mapping for text files, and the electrode area for files that
/// state current densities only (Interphase's simulated timeseries).</summary>
public sealed record ReadOptions
{
    public ColumnMapping? Mapping { get; init; }
    /// <summary>m²; turns a current density column into a current.</summary>
    public double? AreaM2 { get; init; }
}

/// <summary>What <see cref="DataFile.Detect"/> found, and why.</summary>
public sealed record DetectedFile(string Path, DataFormat Format, DataKind Kind, string Description);

/// <summary>
/// Recognises a measurement file by its content (magic bytes, first lines, column names), not by
/// its extension, and reads it with the matching reader. Every problem is an
/// <see cref="InputException"/> naming the file and, where it applies, the line or byte.
/// </summary>
public static class DataFile
{
    const int HeadBytes = 1 << 16;

    /// <summary>Opens a file for reading; a missing file, a folder or a permission problem is the user's mistake.</summary>
    public static FileStream OpenRead(string path)
    {
        if (Directory.Exists(path)) throw new InputException("this is a folder: expected a measurement file", path);
        if (!File.Exists(path)) throw new InputException("file not found: expected a measurement file (.mpt, .mpr, .csv, .txt, .nda, .ndax, .DTA, …)", path);
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot open the file: {e.Message}", path); }
    }

    static byte[] Head(string path)
    {
        using var s = OpenRead(path);
        var b = new byte[(int)Math.Min(HeadBytes, s.Length)];
        int n = 0;
        while (n < b.Length)
        {
            int r = s.Read(b, n, b.Length - n);
            if (r == 0) break;
            n += r;
        }
        return n == b.Length ? b : b[..n];
    }

    /// <summary>Decides the format and kind from the first 64 KB of the file.</summary>
    public static DetectedFile Detect(string path)
    {
        var head = Head(path);
        if (head.Length == 0) throw new InputException("the file is empty: expected a measurement file", path);
        if (MprFile.Sniff(head))
        {
            using var f = MprFile.Open(path);
            return new(path, DataFormat.BioLogicMpr, BioLogicTechniques.IsImpedance(f.Technique) ? DataKind.Impedance : DataKind.Cycling,
                $"BioLogic .mpr ({f.Technique})");
        }
        if (NdaReader.Sniff(head)) return new(path, DataFormat.NewareNda, DataKind.Cycling, "Neware .nda");
        if (NdaxReader.Sniff(head) && ArbinXlsxReader.IsWorkbook(path))
        {
            ArbinXlsxReader.Identify(path);
            return new(path, DataFormat.ArbinXlsx, DataKind.Cycling, "Arbin .xlsx export");
        }
        if (NdaxReader.Sniff(head))
        {
            NdaxReader.Identify(path);
            return new(path, DataFormat.NewareNdax, DataKind.Cycling, "Neware .ndax");
        }
        if (ArbinResReader.Sniff(head))
        {
            ArbinResReader.Identify(path);
            return new(path, DataFormat.ArbinRes, DataKind.Cycling, "Arbin .res (Access database)");
        }
        if (MptFile.Sniff(head))
        {
            using var f = MptFile.Open(path);
            var code = BioLogicTechniques.FromLongName(f.Technique);
            return new(path, DataFormat.BioLogicMpt, BioLogicTechniques.IsImpedance(code) ? DataKind.Impedance : DataKind.Cycling, $"BioLogic .mpt ({code})");
        }
        if (GamryCurveReader.Sniff(head))
            return GamryCurveReader.IsImpedance(head)
                ? new(path, DataFormat.GamryDta, DataKind.Impedance, "Gamry .DTA (impedance table)")
                : new(path, DataFormat.GamryDta, DataKind.Cycling, "Gamry .DTA (curves)");
        if (ZahnerIsmReader.Sniff(head, new FileInfo(path).Length))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "Zahner .ism impedance file");
        if (IviumReader.Sniff(head))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "Ivium .idf/.ids impedance file");
        if (PalmSensSessionReader.Sniff(head))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "PalmSens .pssession");
        int nul = Array.IndexOf(head, (byte)0);
        if (nul >= 0)
            throw new InputException($"at byte {nul}: this is a binary file of an unknown kind; expected BioLogic .mpr, Neware .nda or .ndax, Arbin .res, or a text export", path);

        var text = System.Text.Unicode.Utf8.IsValid(head) ? Encoding.UTF8.GetString(head) : Encoding.Latin1.GetString(head);
        var physical = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var lines = physical.Where(l => l.Trim().Length > 0).Take(5).ToArray();
        var first = lines.FirstOrDefault() ?? "";
        if (MaccorText.HeaderLine(physical) is { } maccorHeader)
            return new(path, DataFormat.MaccorText, DataKind.Cycling, $"Maccor text export (column header on line {maccorHeader + 1})");
        if (CyclerExports.BasytecHeaderLine(physical) is { } basytecHeader)
            return new(path, DataFormat.BasytecText, DataKind.Cycling, $"Basytec export (column header on line {basytecHeader + 1})");
        if (CyclerExports.NovonixHeaderLine(physical) is { } novonixHeader)
            return new(path, DataFormat.NovonixCsv, DataKind.Cycling, $"Novonix CSV (column header on line {novonixHeader + 1})");
        if (first.StartsWith("ZPLOT", StringComparison.Ordinal) || text.Contains("End Comments", StringComparison.Ordinal))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "Scribner ZPlot impedance file");
        if (text.Contains("Z60W", StringComparison.Ordinal))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "ZView (Z60W) impedance file, as Autolab exports it");
        // ZPlot's older layout opens with a quoted title ("ZPlotW Data File: …") and quotes its column line
        if (first.TrimStart('"').StartsWith("ZPlot", StringComparison.OrdinalIgnoreCase) || physical.Take(200).Any(l => l.Contains("Freq(Hz)", StringComparison.Ordinal) && l.Contains("Z'(a)", StringComparison.Ordinal)))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "Scribner ZPlot impedance file");
        if (VersaStudioParReader.Sniff(physical))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "VersaStudio .par (its impedance segments)");
        if (EisFile.IsChInstruments(physical))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "CH Instruments impedance text");
        // a column line naming a frequency and Z' and Z'' (or |Z| and a phase) below metadata lines: Autolab .P00, PowerSuite, …
        int impedanceHeader = Array.FindIndex(physical, 0, Math.Min(physical.Length, 60), DelimitedSpectrumReader.IsImpedanceHeader);
        if (impedanceHeader >= 0)
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, $"delimited impedance table (column line {impedanceHeader + 1})");

        if (first.StartsWith("time_h,", StringComparison.Ordinal) && first.Contains("voltage_V", StringComparison.Ordinal))
            return new(path, DataFormat.InterphaseTimeseries, DataKind.Cycling, "Interphase timeseries.csv");
        var h = first.ToLowerInvariant();
        bool Has(params string[] any) => any.Any(a => h.Contains(a, StringComparison.Ordinal));
        if (Has("data_point", "cycle_index", "test_time") || CyclerExports.IsArbinCsv(h))
            return new(path, DataFormat.ArbinCsv, DataKind.Cycling, "Arbin CSV export");
        if (Has("freq", "frequency") && Has("z'", "zre", "re(z)", "z_re", "z real", "zreal", "z' ", "-z''", "z''"))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "delimited impedance table");
        if (Has("status") && Has("current(ma)", "current (ma)", "current(a)") || Has("record id", "record index", "dchg. cap", "chg. cap"))
            return new(path, DataFormat.NewareExport, DataKind.Cycling, "Neware text export");
        if (AllNumeric(first))
            return new(path, DataFormat.ImpedanceText, DataKind.Impedance, "headerless numeric table (read as frequency, Z', Z'')");
        return new(path, DataFormat.DelimitedText, DataKind.Cycling, "delimited text with a header");
    }

    /// <summary>
    /// Interphase's timeseries.csv: time_h, voltage_V, and current_mA when an analysis wrote it; a
    /// simulation writes current_density_mA_cm2 only, which needs the area (the summary.json next to
    /// the file states it, else <paramref name="areaM2"/>).
    /// </summary>
    static CyclingDataset ReadTimeseries(string path, double? areaM2)
    {
        string header;
        using (var s = new StreamReader(OpenRead(path))) header = s.ReadLine() ?? "";
        var names = header.Split(',');
        var items = new List<string> { "time=time_h[h]", "voltage=voltage_V[V]" };
        items.Add(names.Contains("current_mA") ? "current=current_mA[mA]" : "current_density=current_density_mA_cm2[mA/cm2]");
        var (summaryArea, summaryMass) = SummaryGeometry(path);
        var area = areaM2 ?? summaryArea;
        var d = DelimitedCyclingReader.Read(path, DelimitedPreset.Interphase, ColumnMapping.Parse(items, path), area);
        return d.WithInfo(d.Info with { FileAreaM2 = area, FileActiveMassKg = summaryMass });
    }

    /// <summary>
    /// The electrode area (m²) and cathode active mass (kg) that the summary.json next to an Interphase
    /// timeseries.csv states: area_cm2, and active_mass_mg (an analysis) or active_mass_mg_cm2 × area
    /// (a full-cell simulation).
    /// </summary>
    public static (double? AreaM2, double? MassKg) SummaryGeometry(string timeseriesPath)
    {
        var summary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(timeseriesPath)) ?? ".", "summary.json");
        if (!File.Exists(summary)) return (null, null);
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
            double? Get(string key) => doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number && v.GetDouble() > 0 ? v.GetDouble() : null;
            var cm2 = Get("area_cm2");
            var mg = Get("active_mass_mg") ?? (Get("active_mass_mg_cm2") is { } l && cm2 is { } a ? l * a : null);
            return (cm2 * 1e-4, mg * 1e-6);
        }
        catch (System.Text.Json.JsonException) { return (null, null); }
    }

    static bool AllNumeric(string line)
    {
        var parts = line.Split([',', ';', '\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && parts.All(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    /// <summary>
    /// The impedance spectra of an impedance file, read by the EIS engine's readers
    /// (<see cref="EisFile"/>: the text formats and BioLogic's binary .mpr). A new sweep starts
    /// where the frequency jumps back.
    /// </summary>
    public static IReadOnlyList<ImpedanceSpectrum> ReadSpectra(DetectedFile f)
    {
        if (f.Kind != DataKind.Impedance)
            throw new InputException($"this is a cycling record ({f.Description}), not an impedance spectrum", f.Path);
        return EisFile.ReadAll(f.Path);
    }

    /// <summary>Reads a cycling file of any supported format into the unified dataset.</summary>
    public static CyclingDataset ReadCycling(string path, ReadOptions? options = null) => ReadCycling(Detect(path), options);

    public static CyclingDataset ReadCycling(DetectedFile f, ReadOptions? options = null)
    {
        if (f.Kind == DataKind.Impedance)
            throw new InputException($"this is an impedance file ({f.Description}), not a cycling record", f.Path);
        var mapping = options?.Mapping;
        return f.Format switch
        {
            DataFormat.BioLogicMpt => BioLogicReader.ReadMpt(f.Path),
            DataFormat.BioLogicMpr => BioLogicReader.ReadMpr(f.Path),
            DataFormat.NewareNda => NdaReader.Read(f.Path),
            DataFormat.NewareNdax => NdaxReader.Read(f.Path),
            DataFormat.GamryDta => GamryCurveReader.Read(f.Path),
            DataFormat.ArbinRes => ArbinResReader.Read(f.Path),
            DataFormat.ArbinXlsx => ArbinXlsxReader.Read(f.Path),
            DataFormat.ArbinCsv => CyclerExports.ReadArbinCsv(f.Path, mapping, options?.AreaM2),
            DataFormat.BasytecText => CyclerExports.ReadBasytec(f.Path, mapping, options?.AreaM2),
            DataFormat.NovonixCsv => CyclerExports.ReadNovonix(f.Path, mapping, options?.AreaM2),
            DataFormat.MaccorText => MaccorText.Read(f.Path, mapping, options?.AreaM2),
            DataFormat.NewareExport => NewareText.Read(f.Path, mapping, options?.AreaM2),
            DataFormat.InterphaseTimeseries => ReadTimeseries(f.Path, options?.AreaM2),
            _ => DelimitedCyclingReader.Read(f.Path, DelimitedPreset.Generic, mapping, options?.AreaM2),
        };
    }
}
