using System.Globalization;
using Interphase.Materials;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// What limits the onset CCD of a clean (film-free) Li | garnet interface in a cycled current ramp (decision 0033,
/// docs/models.md §9 "What limits a clean garnet"): no criterion on the local overpotential reaches a few tenths of a
/// mA/cm² at full contact (R_ct ≈ 5 Ω cm²: 0.3 mA/cm² is 1.5 mV, the crack needs 70 mV), so only the voids that
/// stripping opens (§6) can focus the next plating onto a small contact. Each test runs the chain with the contact-loss
/// mechanism on and off: without it the onset is the crack criterion at full contact.
/// </summary>
public class GarnetCcdTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>Cleaned Li | 300 µm LLZO | Li, 8 mm, foils pressed on at 20 MPa, cycled at the given stack pressure.</summary>
    static SymmetricCell CleanGarnet(string pressure, string temperature = "25 degC", bool contactLoss = true, string surface = "cleaned") => CellFactory.Cell(
        $"name: t\ndiameter: 8 mm\ntemperature: {temperature}\nstack_pressure: {pressure}\nmetal_pressing_pressure: 20 MPa\nsurface: {surface}\n" +
        (contactLoss ? "" : "mechanisms: {contact-loss: off}\n") +
        "layers:\n  - {material: Li, thickness: 100 um}\n  - {material: LLZO, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\n", Lib);

    /// <summary>
    /// The onset CCD under the validation set's onset ramp (plate, then strip, 1 h each, ×1.1 per level from 0.01 mA/cm²):
    /// the ramp current of the first dendrite onset (mA/cm²) and the plating electrode's contact at that moment.
    /// </summary>
    static (double onset, double contact) Onset(SymmetricCell cell, double top = 40)
    {
        var steps = new List<string> { "Stop if short circuit" };
        for (double i = 0.01; i < top * 1.1; i *= 1.1)
        {
            var a = i.ToString("G3", CultureInfo.InvariantCulture);
            steps.Add($"Plate at {a} mA/cm2 for 1 h");
            steps.Add($"Strip at {a} mA/cm2 for 1 h");
        }
        var r = CellFactory.Run(cell, [.. steps]);
        if (r.Onset is not { } o) return (double.PositiveInfinity, double.NaN);
        var at = r.Series.Last(p => p.TimeS <= o.TimeS + 1e-9);
        double phi = o.Electrode == cell.Left.Label ? at.Left.Contact : at.Right.Contact;
        return (Math.Abs(o.CurrentDensity) / Si.MilliampPerCm2, phi);
    }

    [Fact]
    public void WithoutStackPressureTheVoidsOfStrippingSetTheCleanOnset_WithoutContactLossItIsTheCrackAtFullContact()
    {
        var (on, phi) = Onset(CleanGarnet("0 MPa"));
        var (off, phiOff) = Onset(CleanGarnet("0 MPa", contactLoss: false));
        // the voids accumulate over the levels above i_D (0.045 mA/cm² through 100 µm of Li) and focus the plating
        // onto about a hundredth of the interface: the onset falls to a few tenths of a mA/cm²
        Assert.True(phi < 0.05, $"contact at the onset {phi}");
        Assert.InRange(on, 0.1, 0.5);
        // without the mechanism the contact stays whole and the onset is the crack criterion of a clean interface
        Assert.True(phiOff > 0.999, $"contact without contact loss {phiOff}");
        Assert.True(off > 10, $"onset without contact loss {off} mA/cm2");
    }

    [Fact]
    public void StackPressureHoldsTheContactByCreepAndRaisesTheCleanOnset()
    {
        // creep under the stress concentrated on the spots (p/φ, n = 6.6) lets the contact settle at φ* instead of
        // collapsing: at 1 MPa the focus is a few-fold, at 5 MPa almost none
        var p0 = Onset(CleanGarnet("0 MPa"));
        var p1 = Onset(CleanGarnet("1 MPa"));
        var p5 = Onset(CleanGarnet("5 MPa"));
        Assert.True(p0.onset < p1.onset && p1.onset < p5.onset, $"onsets {p0.onset}, {p1.onset}, {p5.onset} mA/cm2 at 0, 1, 5 MPa");
        Assert.True(p0.contact < p1.contact && p1.contact < p5.contact, $"contacts {p0.contact}, {p1.contact}, {p5.contact}");
        Assert.True(p1.onset > 5 * p0.onset, $"1 MPa {p1.onset} vs 0 MPa {p0.onset}");
        // without contact loss the pressure only adds to the pressure in the flaw (it lowers η_crit): no rise
        double off0 = Onset(CleanGarnet("0 MPa", contactLoss: false)).onset, off5 = Onset(CleanGarnet("5 MPa", contactLoss: false)).onset;
        Assert.True(off5 <= off0, $"without contact loss {off0} at 0 MPa, {off5} at 5 MPa");
    }

    [Fact]
    public void TheVoidLimitedOnsetRisesWithTemperatureAsVacancyDiffusionDoes_FasterThanTheFilmFocusedCrack()
    {
        // at 0 MPa the clean onset is set by i_D(T) (Li self-diffusion, 0.55 eV); the as-made film's onset is the crack
        // criterion at full contact, which rises only with i0(T) (35 kJ/mol) and the Butler-Volmer slope
        var (clean30, phi30) = Onset(CleanGarnet("0 MPa", "30 degC"));
        var (clean100, phi100) = Onset(CleanGarnet("0 MPa", "100 degC"));
        Assert.True(phi30 < 0.1 && phi100 < 0.1, $"contact at the clean onsets {phi30}, {phi100}: not void-limited");
        double made30 = Onset(CleanGarnet("0 MPa", "30 degC", surface: "as-made")).onset, made100 = Onset(CleanGarnet("0 MPa", "100 degC", surface: "as-made")).onset;
        double cleanRise = clean100 / clean30, madeRise = made100 / made30;
        Assert.True(cleanRise > 1.5 * madeRise, $"clean {clean30} -> {clean100}, as made {made30} -> {made100} mA/cm2");
        // the as-made onset is the film's crack limit at full contact: the voids never reach it
        var supply = CleanGarnet("0 MPa", "100 degC", surface: "as-made").Left.Contact.Supply;
        Assert.True(made100 * Si.MilliampPerCm2 < supply.CriticalStrippingCurrent(0, 373.15, 100e-6));
    }
}
