using System.Globalization;
using System.Text.RegularExpressions;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Validation;

namespace Interphase.Tests.Validation;

/// <summary>
/// The onset-CCD reason of <c>interphase validate</c> names the limit the ramp met (decision 0033): the plating
/// electrode's contact at the onset, its crack limit at full contact as a mean current, and the supply law's critical
/// stripping current. The full-contact figure is computed from the criterion alone (no run), so where the contact
/// stayed whole the simulated onset must be the first ramp level at or above it; where voids acted it lies far below.
/// </summary>
public class OnsetLimitReasonTests
{
    static string Entry(string id, double temperatureC, double pressureMPa, string surface, string pressing) => OnsetEntryYaml.Of(id, "LLZO",
        FormattableString.Invariant($"temperature_degC: {temperatureC}, stack_pressure_MPa: {pressureMPa}, metal_pressing_pressure_MPa: {pressing}, surface: {surface}"), "LLZO");

    static double Figure(string reason, string pattern)
    {
        var m = Regex.Match(reason, pattern);
        Assert.True(m.Success, $"'{pattern}' not in: {reason}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void TheReasonNamesTheContactAtTheOnsetAndTheFullContactLimit_WhichTheOnsetMeetsWhereNoVoidsOpened()
    {
        var yaml = "entries:\n" + Entry("made", 30, 5, "as-made", "null") + Entry("clean", 25, 0, "cleaned", "20");
        var set = ValidationSet.Parse(YNode.LoadText(yaml, "onset-limits.yaml"));
        var outcomes = ValidationRunner.Run(set, MaterialLibrary.Load(TestPaths.Library), TestPaths.Cases).ToDictionary(o => o.Entry.Id);
        const string contact = @"contact at the onset ([0-9.eE+-]+);", limit = @"plating limit is ([0-9.eE+-]+) mA/cm2", strip = @"critical stripping current ([0-9.eE+-]+) mA/cm2";

        // as made at 5 MPa: the contact stays whole and the onset is the film's crack limit, reached at the first ramp level above it
        var made = outcomes["made"];
        Assert.Equal(1.0, Figure(made.Reason, contact), 3);
        double full = Figure(made.Reason, limit), onset = made.Model!.Value;
        Assert.InRange(onset, full, 1.1 * full * 1.01);
        Assert.True(Figure(made.Reason, strip) > 10 * onset);

        // cleaned at 0 MPa: stripping opened voids, and the onset lies far below the full-contact limit
        var clean = outcomes["clean"];
        Assert.True(Figure(clean.Reason, contact) < 0.05, clean.Reason);
        Assert.True(clean.Model!.Value < 0.1 * Figure(clean.Reason, limit), clean.Reason);
    }
}
