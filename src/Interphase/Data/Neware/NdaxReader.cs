using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Interphase.Data.Neware;

/// <summary>
/// Neware BTS 8 archives (.ndax): a zip of XML descriptions (TestInfo.xml, Step.xml,
/// VersionInfo.xml) and paged binary parts (<see cref="NdcFile"/>): the records' voltage and current
/// (data.ndc), run information (data_runInfo.ndc: times, capacity and energy counters), the steps
/// (data_step.ndc: cycle, step index, status) and auxiliary channels (data_AUX_*.ndc). Layouts:
/// <see cref="NdcLayout"/>. The older archives of .ndc versions 2 and 5 keep whole records in data.ndc
/// (NdaxWholeRecords.cs).
/// <para>
/// The instrument writes run information only when something changes (a new step, a change of
/// logging interval, …), not at every record. Between two run-information records the records
/// follow one another at the logging interval the earlier one states, and the capacity and energy
/// counters grow by the current (and power) of each record over that interval: this is how BTSDA
/// fills the same records, and the reader reproduces BTSDA's exports (docs/data.md).
/// </para>
/// The time is the test time as BTSDA counts it: the step time plus the length of every earlier
/// step (the step time of its last record).
/// </summary>
public static partial class NdaxReader
{
    const int TemperatureChannel = 103;

    /// <summary>A zip archive's first bytes (a local file header).</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) => head.StartsWith("PK\u0003\u0004"u8);

    /// <summary>
    /// Checks that a zip archive is a Neware .ndax (its directory lists data.ndc), refusing a damaged
    /// archive or another kind of zip with one line.
    /// </summary>
    public static void Identify(string path)
    {
        using var zip = Open(path);
        if (zip.GetEntry("data.ndc") is null)
            throw new InputException("this zip archive holds no data.ndc: it is not a Neware .ndax (expected a measurement file)", path);
    }

    /// <summary>One run-information record: the counters (mAh, mWh) and times the instrument wrote at record <see cref="Number"/>.</summary>
    readonly record struct Run(int Number, double StepTimeS, double QChargeMah, double QDischargeMah, double EChargeMwh,
        double EDischargeMwh, double IntervalS, double UnixS, uint StepNumber);

    /// <summary>One step as it ran: its cycle (from 1), the program's step index and its status code.</summary>
    readonly record struct Step(int Cycle, int Index, int Status);

    public static CyclingDataset Read(string path) => Read(path, out _);

    /// <summary>Reads the archive; the status name of every row comes back in <paramref name="statuses"/>.</summary>
    public static CyclingDataset Read(string path, out string[] statuses)
    {
        using var zip = Open(path);
        var notes = new List<string>();
        var data = Part(zip, "data.ndc", path) ?? throw new InputException("the archive holds no data.ndc: expected a Neware .ndax", path);
        if (data.FileType != 1) throw NdcFile.Damaged(path, data.Entry, 0, $"file type {data.FileType}: expected 1 (records)");
        if (WholeVersions.Contains(data.Version)) return ReadWholeRecords(zip, data, path, statusesWanted: true, out statuses);
        var layout = NdcLayout.Of(data.Version) ?? throw NdcFile.Damaged(path, data.Entry, 2,
            $".ndc version {data.Version} is not read (known: {string.Join(", ", WholeVersions.Concat(NdcLayout.Known))}); export the test as CSV from BTSDA");
        var runPart = Part(zip, "data_runInfo.ndc", path) ?? throw new InputException(
            $"the archive holds no data_runInfo.ndc: expected the times and counters of .ndc version {layout.Version} in it", path);
        var stepPart = Part(zip, "data_step.ndc", path) ?? throw new InputException(
            $"the archive holds no data_step.ndc: expected the steps of .ndc version {layout.Version} in it", path);
        Expect(runPart, 18, layout.Version, path);
        Expect(stepPart, 7, layout.Version, path);

        var volts = new List<double>();
        var milliamps = new List<double>();
        var numbers = new List<int>();
        data.ForEachRecord(NdcLayout.RecordSize, (n, r) =>
        {
            numbers.Add(n);
            volts.Add(BinaryPrimitives.ReadSingleLittleEndian(r) * layout.VoltsPerUnit);
            milliamps.Add(BinaryPrimitives.ReadSingleLittleEndian(r[4..]) * layout.MilliampsPerUnit);
        });
        if (numbers.Count == 0) throw new InputException("the archive holds no records (data.ndc is empty)", path);
        var runs = Runs(runPart, layout);
        if (runs.Count == 0) throw new InputException("data_runInfo.ndc holds no run information: the records' times are unknown", path);
        var steps = Steps(stepPart, layout);
        var temperature = Temperature(zip, path, notes);
        var info = TestInfo(zip);

        var b = new CyclingDatasetBuilder(numbers.Count);
        var names = new List<string>(numbers.Count);
        int j = 0, since = 0, ordinal = 0, stepNo = -1, skipped = 0, filled = 0, missingSteps = 0;
        Run last = default;
        bool known = false;
        double incQ = 0, incE = 0, offset = 0, stepLength = 0;
        DateTimeOffset? start = null;
        for (int i = 0; i < numbers.Count; i++)
        {
            int n = numbers[i];
            while (j < runs.Count && runs[j].Number < n) j++;
            double v = volts[i], ma = milliamps[i];
            if (j < runs.Count && runs[j].Number == n)
            {
                last = runs[j++];
                known = true;
                since = 0;
                incQ = incE = 0;
                if ((int)last.StepNumber != stepNo) { stepNo = (int)last.StepNumber; NewStep(); }
            }
            else if (!known) { skipped++; continue; }
            else
            {
                since++;
                filled++;
                incQ += last.IntervalS * ma / 3600;
                incE += last.IntervalS * ma * v / 3600;
            }
            double stepTime = last.StepTimeS + since * last.IntervalS;
            stepLength = Math.Max(stepLength, stepTime);
            double unix = last.UnixS + since * last.IntervalS;
            // the first record's date, if it is one (1990 to 2100)
            if (b.Count == 0 && unix is > 631_152_000 and < 4_102_444_800) start = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unix * 1000));

            var step = ordinal <= steps.Count ? steps[ordinal - 1] : (Step?)null;
            if (step is null) missingSteps++;
            var name = step is { } s ? NewareStatus.Name(s.Status) : "unknown step";
            names.Add(name);
            var row = CyclingRow.Empty;
            row.TimeS = offset + stepTime;
            row.Voltage = v;
            row.Current = ma * 1e-3;
            row.Step = NewareStatus.Classify(name, row.Current);
            row.Cycle = step?.Cycle ?? -1;
            row.StepIndex = step?.Index ?? -1;
            row.ChargeCapacity = (last.QChargeMah + Math.Max(incQ, 0)) * 3.6;
            row.DischargeCapacity = (last.QDischargeMah + Math.Max(-incQ, 0)) * 3.6;
            row.ChargeEnergy = (last.EChargeMwh + Math.Max(incE, 0)) * 3.6;
            row.DischargeEnergy = (last.EDischargeMwh + Math.Max(-incE, 0)) * 3.6;
            row.TemperatureC = temperature is not null && temperature.TryGetValue(n, out var tc) ? tc : double.NaN;
            if (row.Invalid() is { } why) throw new InputException($"entry data.ndc, record {n}: {why}", path);
            b.Add(row);
        }
        if (b.Count == 0) throw new InputException("no record of data.ndc has run information: the records' times are unknown", path);
        if (skipped > 0) notes.Add($"{skipped} records before the first run information dropped (their time is unknown)");
        if (filled > 0) notes.Add($"{filled} of {b.Count} records lie between run-information records: their times and counters were carried forward at the logging interval, as BTSDA does");
        if (missingSteps > 0) notes.Add($"{missingSteps} records belong to steps that data_step.ndc does not list: their step type comes from the sign of the current");
        statuses = [.. names];
        return b.Build(Info(path, layout.Version, start, info, notes));

        void NewStep()
        {
            ordinal++;
            offset += stepLength;
            stepLength = 0;
        }
    }

    static ZipArchive Open(string path)
    {
        var s = DataFile.OpenRead(path);
        try
        {
            var zip = new ZipArchive(s, ZipArchiveMode.Read);
            // the directory is read on first use: read it here, where a damaged one is reported
            _ = zip.Entries.Count;
            return zip;
        }
        catch (InvalidDataException e)
        {
            long end = s.Length;
            s.Dispose();
            throw new InputException($"at byte {end}: the zip directory that ends a .ndax cannot be read (truncated or damaged file?): {e.Message}", path);
        }
    }

    /// <summary>An entry's bytes, or null when the archive has no such entry; an entry that cannot be unpacked is refused by name.</summary>
    static byte[]? Bytes(ZipArchive zip, string name, string path)
    {
        var e = zip.GetEntry(name);
        if (e is null) return null;
        if (e.Length > int.MaxValue) throw NdcFile.Damaged(path, name, 0, $"the directory says the entry holds {e.Length} bytes: more than can be read (damaged file?)");
        try
        {
            using var s = e.Open();
            using var m = new MemoryStream((int)Math.Min(e.Length, 1 << 26));
            s.CopyTo(m);
            if (m.Length != e.Length)
                throw NdcFile.Damaged(path, name, m.Length, $"the entry unpacks to {m.Length} bytes, its directory says {e.Length} (damaged file)");
            return m.ToArray();
        }
        catch (Exception x) when (x is InvalidDataException or IOException)
        {
            throw new InputException($"entry {name}: cannot be unpacked ({x.Message}): damaged or truncated .ndax?", path);
        }
    }

    static NdcFile? Part(ZipArchive zip, string name, string path) => Bytes(zip, name, path) is { } b ? NdcFile.Of(b, name, path) : null;

    static void Expect(NdcFile f, int fileType, int version, string path)
    {
        if (f.FileType != fileType) throw NdcFile.Damaged(path, f.Entry, 0, $"file type {f.FileType}: expected {fileType}");
        if (f.Version != version) throw NdcFile.Damaged(path, f.Entry, 2, $".ndc version {f.Version}: expected {version}, the version of data.ndc");
    }

    /// <summary>The run information, ordered by record number, the first of any repeated number kept.</summary>
    static List<Run> Runs(NdcFile part, NdcLayout layout)
    {
        var runs = new List<Run>();
        part.ForEachRecord(layout.RunInfoSize, (_, r) =>
        {
            int number = (int)BinaryPrimitives.ReadUInt32LittleEndian(r[41..]);
            if (number == 0) return;
            double ms = BinaryPrimitives.ReadUInt32LittleEndian(r) + ((long)r[4] << 32);
            double scale = layout.MahPerUnit;
            runs.Add(new Run(number, ms / 1000,
                BinaryPrimitives.ReadSingleLittleEndian(r[5..]) * scale, BinaryPrimitives.ReadSingleLittleEndian(r[9..]) * scale,
                BinaryPrimitives.ReadSingleLittleEndian(r[13..]) * scale, BinaryPrimitives.ReadSingleLittleEndian(r[17..]) * scale,
                BinaryPrimitives.ReadInt32LittleEndian(r[29..]) / 1000.0,
                BinaryPrimitives.ReadUInt32LittleEndian(r[33..]) + BinaryPrimitives.ReadUInt16LittleEndian(r[45..]) / 1000.0,
                BinaryPrimitives.ReadUInt32LittleEndian(r[37..])));
        });
        runs.Sort((a, b) => a.Number.CompareTo(b.Number));
        int w = 0;
        for (int i = 0; i < runs.Count; i++)
            if (w == 0 || runs[i].Number != runs[w - 1].Number) runs[w++] = runs[i];
        runs.RemoveRange(w, runs.Count - w);
        return runs;
    }

    /// <summary>The steps in the order they ran.</summary>
    static List<Step> Steps(NdcFile part, NdcLayout layout)
    {
        var steps = new List<Step>();
        part.ForEachRecord(layout.StepSize, (_, r) =>
        {
            int index = (int)BinaryPrimitives.ReadUInt32LittleEndian(r[4..]);
            if (index != 0) steps.Add(new Step((int)BinaryPrimitives.ReadUInt32LittleEndian(r) + 1, index, r[24]));
        });
        return steps;
    }

    /// <summary>
    /// The first temperature channel (TestInfo.xml names each auxiliary channel's type; 103 is a
    /// temperature in °C), by record number, or null when there is none.
    /// </summary>
    static Dictionary<int, double>? Temperature(ZipArchive zip, string path, List<string> notes)
    {
        var doc = Xml(zip, "TestInfo.xml");
        var channels = doc?.Descendants().Where(e => e.Name.LocalName.StartsWith("Aux", StringComparison.Ordinal) &&
                e.Attribute("RealChlID") is not null && e.Attribute("ChlType")?.Value == TemperatureChannel.ToString(CultureInfo.InvariantCulture))
            .Select(e => e.Attribute("RealChlID")!.Value).ToList() ?? [];
        foreach (var channel in channels)
        {
            // a channel's part is data_AUX_{RealChlID}_{ChlType − 100}_{n}.ndc: one unit can hold a voltage (102) and a temperature (103)
            var entry = zip.Entries.FirstOrDefault(e => Regex.IsMatch(e.FullName, $@"^data_AUX_{Regex.Escape(channel)}_{TemperatureChannel - 100}_\d+\.ndc$"));
            if (entry is null) continue;
            var part = NdcFile.Of(Bytes(zip, entry.FullName, path)!, entry.FullName, path);
            if (part.FileType != 5 || NdcLayout.Of(part.Version) is not { AuxFloats: true })
            {
                notes.Add($"auxiliary channel {entry.FullName} (file type {part.FileType}, .ndc version {part.Version}) not read");
                continue;
            }
            var t = new Dictionary<int, double>();
            part.ForEachRecord(NdcLayout.AuxSize, (n, r) => t[n] = BinaryPrimitives.ReadSingleLittleEndian(r));
            if (channels.Count > 1) notes.Add($"temperature from {entry.FullName}, the first of {channels.Count} temperature channels");
            return t;
        }
        return VoltageTemperatureChannel(zip, doc, path, notes);
    }

    /// <summary>
    /// The temperature of the first voltage-and-temperature channel (ChlType 6) of a version-16 archive
    /// (<see cref="NdcVoltageTemperatureAux"/>), or null. Its auxiliary voltage is not kept: the dataset has no column for it.
    /// </summary>
    static Dictionary<int, double>? VoltageTemperatureChannel(ZipArchive zip, XDocument? doc, string path, List<string> notes)
    {
        var ids = doc?.Descendants().Where(e => e.Name.LocalName.StartsWith("Aux", StringComparison.Ordinal) && e.Attribute("AuxID") is not null &&
                e.Attribute("ChlType")?.Value == NdcVoltageTemperatureAux.ChannelType.ToString(CultureInfo.InvariantCulture))
            .Select(e => e.Attribute("AuxID")!.Value).ToList() ?? [];
        foreach (var id in ids)
        {
            string name = NdcVoltageTemperatureAux.EntryName(id);
            if (Bytes(zip, name, path) is not { } bytes) continue;
            var part = NdcFile.Of(bytes, name, path);
            if (part.FileType != 5 || part.Version != NdcVoltageTemperatureAux.Version)
            {
                notes.Add($"auxiliary channel {name} (file type {part.FileType}, .ndc version {part.Version}) not read");
                continue;
            }
            var t = NdcVoltageTemperatureAux.Temperatures(part, path);
            notes.Add($"temperature from {name} (auxiliary channel {id}); its auxiliary voltage is not kept (the dataset has no column for it)");
            return t;
        }
        return null;
    }

    /// <summary>The dataset's description: the .ndc version and TestInfo.xml's values in the header.</summary>
    static DatasetInfo Info(string path, int ndcVersion, DateTimeOffset? start, IEnumerable<(string, string)> info, IReadOnlyList<string> notes)
    {
        var header = new Dictionary<string, string> { ["ndc version"] = ndcVersion.ToString(CultureInfo.InvariantCulture) };
        foreach (var (k, val) in info) header[k] = val;
        return new DatasetInfo
        {
            Format = "Neware .ndax",
            Source = path,
            Instrument = $"Neware BTS (.ndax, .ndc version {ndcVersion})",
            // the instrument's wall clock, whose time zone the file does not give
            StartTime = start,
            Header = header,
            Notes = notes,
        };
    }

    /// <summary>Header values from TestInfo.xml and VersionInfo.xml worth showing.</summary>
    static IEnumerable<(string, string)> TestInfo(ZipArchive zip)
    {
        var test = Xml(zip, "TestInfo.xml")?.Descendants("TestInfo").FirstOrDefault();
        foreach (var (key, attr) in new[] { ("barcode", "Barcode"), ("remark", "Remark"), ("step file", "StepName"), ("start time (local)", "StartTime") })
            if (test?.Attribute(attr)?.Value is { Length: > 0 } v) yield return (key, v);
        if (Xml(zip, "VersionInfo.xml")?.Descendants("config").FirstOrDefault()?.Attribute("SortVersion")?.Value is { Length: > 0 } client)
            yield return ("client", client);
    }

    /// <summary>
    /// An XML entry, or null when it is absent or not XML (the descriptions are informative; the data
    /// are in the .ndc parts). They declare GB2312 but their names and values are ASCII; other bytes
    /// are read as Latin-1.
    /// </summary>
    static XDocument? Xml(ZipArchive zip, string name)
    {
        var e = zip.GetEntry(name);
        if (e is null) return null;
        try
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            var text = System.Text.Encoding.Latin1.GetString(m.ToArray());
            return XDocument.Parse(text);
        }
        catch (Exception x) when (x is InvalidDataException or IOException or System.Xml.XmlException)
        {
            return null;
        }
    }
}
