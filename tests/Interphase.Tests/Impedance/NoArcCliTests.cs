using System.Globalization;
using System.Text.Json;
using Interphase.Impedance;
using static Interphase.Tests.Cli.CliHarness;

namespace Interphase.Tests.Impedance;

/// <summary>
/// <c>interphase eis fit|kk|drt</c> end to end on spectra of circuits without an arc (issue 8: these
/// ended in "internal error: ArgumentOutOfRangeException"), and a repeated element name as bad input.
/// </summary>
public sealed class NoArcCliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-eis-noarc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A CSV spectrum of the circuit with 0.2 % noise (below the Lin-KK limit of 1 %), 1 MHz – 10 mHz.</summary>
    string SpectrumFile(string circuit, double[] values)
    {
        var s = Synthetic.Spectrum(Circuit.Parse(circuit, values), Synthetic.LogGrid(1e6, 0.01, 6), 0.002, 3);
        var path = Path.Combine(_dir, circuit + ".csv");
        File.WriteAllLines(path, s.FrequenciesHz.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"{f:R},{s.Impedance[i].Real:R},{s.Impedance[i].Imaginary:R}"))
            .Prepend("frequency_hz,z_real_ohm,z_imag_ohm"));
        return path;
    }

    [Theory]
    [InlineData("R0-CPE1", new[] { 100, 1e-6, 0.85 })]
    [InlineData("R0", new[] { 100.0 })]
    [InlineData("R0-R1", new[] { 30, 70.0 })]
    [InlineData("R0-C1", new[] { 100, 1e-6 })]
    [InlineData("R0-CPE1-W1", new[] { 100, 1e-4, 0.9, 2000 })]
    [InlineData("L0-R0-CPE1", new[] { 1e-6, 50, 1e-6, 0.8 })]
    public void FitKkAndDrtRunOnNoArcSpectra(string circuit, double[] values)
    {
        var file = SpectrumFile(circuit, values);
        var fitDir = Path.Combine(_dir, "fit-" + circuit);
        var fit = Run("eis", "fit", file, "--circuit", circuit, "--thickness", "500 um", "--area", "1 cm2", "--out", fitDir);
        Assert.True(fit.code == 0, fit.stderr);
        Assert.Contains("converged", fit.stdout);
        Assert.DoesNotContain("NaN", fit.stdout);
        var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(fitDir, "fit.json"))).RootElement;
        Assert.True(j.GetProperty("converged").GetBoolean());
        Assert.True(j.GetProperty("chi_square").GetDouble() >= 0);
        Assert.True(j.GetProperty("reduced_chi_square").ValueKind == JsonValueKind.Number);
        var parameters = j.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(values.Length, parameters.Count);
        Assert.All(parameters, p => Assert.True(p.GetProperty("value").GetDouble() > 0, p.GetProperty("name").GetString()));
        // R0 is the bulk resistance σ is computed from; a split R0 + R1 is not identifiable and says so
        var r0 = parameters.Single(p => p.GetProperty("name").GetString() == "R0");
        Assert.Equal(circuit != "R0-R1", r0.GetProperty("identifiable").GetBoolean());
        if (circuit == "R0-R1")
        {
            Assert.Equal(JsonValueKind.Null, r0.GetProperty("std_error").ValueKind);
            Assert.Contains(j.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("only their combination is determined"));
        }
        else
        {
            Assert.Equal(values[circuit.StartsWith("L0") ? 1 : 0], r0.GetProperty("value").GetDouble(), 0.02 * values[circuit.StartsWith("L0") ? 1 : 0]);
        }
        foreach (var name in new[] { "fit.json", "fit.csv" })
            Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(fitDir, name)));
        Assert.True(File.Exists(Path.Combine(fitDir, "report.html")));

        var kkDir = Path.Combine(_dir, "kk-" + circuit);
        var kk = Run("eis", "kk", file, "--out", kkDir);
        Assert.True(kk.code == 0, kk.stderr);
        Assert.DoesNotContain("NaN", kk.stdout);
        var k = JsonDocument.Parse(File.ReadAllText(Path.Combine(kkDir, "kk.json"))).RootElement;
        Assert.True(k.GetProperty("passed").GetBoolean(), kk.stdout); // a circuit's spectrum is Kramers–Kronig consistent
        Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(kkDir, "kk.csv")));

        var drtDir = Path.Combine(_dir, "drt-" + circuit);
        var drt = Run("eis", "drt", file, "--out", drtDir);
        Assert.True(drt.code == 0, drt.stderr);
        Assert.DoesNotContain("NaN", drt.stdout);
        var d = JsonDocument.Parse(File.ReadAllText(Path.Combine(drtDir, "drt.json"))).RootElement;
        Assert.Equal(JsonValueKind.Number, d.GetProperty("r_infinity_ohm").ValueKind);
        Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(drtDir, "drt.csv")));
    }

    [Fact]
    public void ARepeatedElementNameIsBadInputWithItsColumn()
    {
        var file = SpectrumFile("R0-CPE1", [100, 1e-6, 0.85]);
        var outDir = Path.Combine(_dir, "dup");
        var (code, stdout, stderr) = Run("eis", "fit", file, "--circuit", "R0-p(R1,C1)-p(R1,C2)", "--out", outDir);
        Assert.Equal(1, code);
        Assert.Equal("error: circuit 'R0-p(R1,C1)-p(R1,C2)', column 15: element name 'R1' is used twice (first at column 6): give each element its own name", stderr.TrimEnd());
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(outDir));
    }

    [SharedDataFact]
    public void TheBlockingElectrodeFitOfTheIssueRuns()
    {
        // issue 8: `eis fit FILE --circuit R0-CPE1` ended in "internal error: ArgumentOutOfRangeException".
        foreach (var circuit in new[] { "R0-CPE1", "R0", "R0-R1", "R0-C1" })
        {
            var (code, stdout, stderr) = Run("eis", "fit", SharedData.File("eis/exampleDataBioLogic.mpt"), "--circuit", circuit);
            Assert.True(code == 0, $"{circuit}: {stderr}");
            Assert.Contains($"circuit {circuit}", stdout);
            Assert.DoesNotContain("NaN", stdout);
        }
    }
}
