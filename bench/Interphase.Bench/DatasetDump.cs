using System.Security.Cryptography;
using Interphase.Data;

namespace Interphase.Bench;

/// <summary>
/// <c>-- dataset-hash FILE…</c>: reads each file into the unified dataset and prints its row count and a SHA-256 of
/// every column's bits (time, voltage, current, step, cycle, step index, the four counters, temperature) and of the
/// header's notes, so that two builds of a reader can be shown to give the same dataset bit for bit.
/// </summary>
internal static class DatasetDump
{
    public static int Run(string[] args)
    {
        foreach (var path in args)
        {
            var d = DataFile.ReadCycling(DataFile.Detect(path), new ReadOptions());
            using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Doubles(double[]? a) { if (a is not null) foreach (var v in a) h.AppendData(BitConverter.GetBytes(v)); }
            void Ints(int[] a) { foreach (var v in a) h.AppendData(BitConverter.GetBytes(v)); }
            Doubles(d.TimeS); Doubles(d.Voltage); Doubles(d.Current);
            h.AppendData(d.Step.Select(s => (byte)s).ToArray());
            Ints(d.Cycle); Ints(d.StepIndex);
            Doubles(d.ChargeCapacity); Doubles(d.DischargeCapacity); Doubles(d.ChargeEnergy); Doubles(d.DischargeEnergy);
            Doubles(d.TemperatureC);
            h.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", d.Info.Notes) + "|" + d.Info.StartTime + "|" + d.Info.FileActiveMassKg));
            Console.WriteLine($"{Path.GetFileName(path)}: {d.Count} rows, sha256 {Convert.ToHexString(h.GetHashAndReset())[..32]}");
        }
        return 0;
    }
}
