using System.Text.RegularExpressions;
using Interphase.Materials;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Materials;

/// <summary>
/// Calibration honesty (issue 8, item 7): a value worked back from a number is tagged calibrated and
/// says on what; the loader refuses a calibrated value that does not; `materials show` prints it.
/// </summary>
public class CalibrationTagTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    [Fact]
    public void EveryCalibratedValueOfTheShippedLibrarySaysWhatItWasCalibratedOn()
    {
        var calibrated = Lib.Values.Where(v => v.Tag == "calibrated").ToList();
        Assert.True(calibrated.Count >= 20, $"only {calibrated.Count} calibrated values");
        Assert.All(calibrated, v => Assert.False(string.IsNullOrWhiteSpace(v.CalibratedOn), $"{v.Path} has no calibrated_on"));
        Assert.All(Lib.Values, v => Assert.Contains(v.Tag ?? "estimate", LibraryValue.Tags));
    }

    /// <summary>The values the audit found worked back from the very numbers later called predictions.</summary>
    [Theory]
    [InlineData("LiHg|LLTO.exchange_current_density", "domain.md E")]
    [InlineData("FeS2.contact_loss_coefficient", "domain.md C")]
    [InlineData("Li|Li6PS5Cl.nucleation_site_fraction", "critical current density")]
    [InlineData("V2O5.stoichiometry_discharged", "practical capacity")]
    [InlineData("PEO-LiTFSI.conductivity.pseudo_activation", "domain.md B")]
    [InlineData("Li2Se.morphologies.NP.porosity", "domain.md A")]
    [InlineData("Li2Se.morphologies.NW.porosity", "domain.md A")]
    [InlineData("Li|Li6PS5Cl.interphase.initial_thickness", "R1 = 62")]
    [InlineData("LiHg.adsorption_constant", "domain.md E")]
    [InlineData("Li.contact.creep_efficiency", "Kasemchainan")]
    public void ValuesWorkedBackFromANumberAreTaggedCalibrated(string path, string on)
    {
        var v = Assert.Single(Lib.Values, x => x.Path == path);
        Assert.Equal("calibrated", v.Tag);
        Assert.Contains(on, v.CalibratedOn);
    }

    /// <summary>A source that says the value was made to fit a number is a calibration, whatever the tag said.</summary>
    [Fact]
    public void NoSourceDescribesAFitUnlessTheValueIsTaggedCalibrated()
    {
        var fit = new Regex(@"such that|chosen so|(?<!not )fitted|to match|matching|passes through|worked back|chosen in this project|calibrated in this project", RegexOptions.IgnoreCase);
        var offenders = Lib.Values.Where(v => v.Source is { } s && fit.IsMatch(s) && v.Tag != "calibrated").Select(v => v.Path).ToList();
        Assert.True(offenders.Count == 0, "tagged other than calibrated although the source describes a fit: " + string.Join(", ", offenders));
    }

    /// <summary>The error of loading a one-material library whose file NAME.yaml holds "name: NAME" and then <paramref name="rest"/>.</summary>
    internal static InputException LoadError(string name, string rest)
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, name + ".yaml"), $"name: {name}\n" + rest);
        return Assert.Throws<InputException>(() => MaterialLibrary.Load(dir));
    }

    [Fact]
    public void ACalibratedValueWithoutCalibratedOnIsAOneLineLoadError()
    {
        var e = LoadError("Fitium", "class: interlayer\nproperties:\n  density: {value: 1, unit: g/cm3, source: test, tag: calibrated}\nworking_ion: Li\n");
        Assert.Contains("Fitium.yaml:4", e.OneLine);
        Assert.Contains("Fitium.density is tagged calibrated but has no calibrated_on", e.OneLine);
        Assert.DoesNotContain('\n', e.OneLine);
    }

    [Fact]
    public void AnUnknownTagIsALoadError()
    {
        var e = LoadError("Guessium", "class: interlayer\nproperties:\n  density: {value: 1, unit: g/cm3, source: test, tag: guess}\nworking_ion: Li\n");
        Assert.Contains("unknown tag 'guess'", e.Message);
    }

    [Fact]
    public void MaterialsShowPrintsWhatAValueWasCalibratedOn()
    {
        var (lines, i) = ShowLine("LiHg|LLTO", "exchange_current_density: 52 mA/cm2");
        Assert.Contains("[calibrated]", lines[i]);
        Assert.StartsWith("calibrated on: domain.md E", lines[i + 1].Trim());
    }

    /// <summary>The lines `materials show NAME` prints for the shipped library, and the index of the one that starts with <paramref name="start"/>.</summary>
    internal static (string[] Lines, int Index) ShowLine(string name, string start)
    {
        var (code, stdout, _) = CliHarness.Run("materials", "show", name, "--library", TestPaths.Library);
        Assert.Equal(0, code);
        var lines = stdout.Split('\n');
        var i = Array.FindIndex(lines, l => l.TrimStart().StartsWith(start));
        Assert.True(i >= 0, stdout);
        return (lines, i);
    }
}
