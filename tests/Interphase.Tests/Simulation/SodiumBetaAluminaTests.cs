using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;
using Interphase.Validation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Na | Na-β″-alumina | Na (case E-Na-bare-betaalumina, decision 0036): the critical stripping current of a Na
/// electrode on a solid electrolyte comes from Na's own measured creep law (n = 5.0, 0.235 MPa at 1e-3 1/s) and
/// self-diffusion, rises with the stack pressure through creep, and the run names what is still an estimate.
/// The numbers are predictions; Spencer Jolly et al. (2020) find far less (validation a9, a10: both fail).
/// </summary>
public class SodiumBetaAluminaTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static CellSpec Case() => CellSpec.Load(Path.Combine(TestPaths.Cases, "E-Na-bare-betaalumina.yaml"), Lib);

    /// <summary>The validation's stripping measure (24 h rest, then electrode 1 stripped at 0.01 mA/cm² × 1.1 per 1 h level up to 5).</summary>
    static readonly Protocol StrippingRamp = ValidationMeasurement.Protocol(
        ValidationSet.Load(Path.Combine(TestPaths.RepoRoot, "data", "validation", "validation.yaml")).Entries.Single(e => e.Id == "a9-spencerjolly-na-bas-9MPa"), 298.15);

    /// <summary>The first stripping current (mA/cm²) at which electrode 1 lost 1 % of its settled contact, null if none, and the cell.</summary>
    static (double? ccs, SymmetricCell cell) CriticalStrippingCurrent(double pressureMPa, CellSpec? spec = null)
    {
        var s = (spec ?? Case()) with { StackPressurePa = pressureMPa * 1e6 };
        var cell = SymmetricCell.Build(s, Lib);
        var r = new SymmetricSimulator(cell).Run(StrippingRamp);
        double c0 = r.Series.TakeWhile(p => p.CurrentDensity <= 0).Last().Left.Contact;
        foreach (var p in r.Series)
            if (p.CurrentDensity > 0 && p.Left.Contact < 0.99 * c0) return (p.CurrentDensity / Si.MilliampPerCm2, cell);
        return (null, cell);
    }

    static double Law(SymmetricCell cell) =>
        cell.Left.Contact.Supply.CriticalStrippingCurrent(cell.StackPressure, cell.TemperatureK, cell.Left.MetalThickness) / Si.MilliampPerCm2;

    /// <summary>
    /// Between 1 and 2.5 MPa the simulated stripping ramp finds the void onset of Na on β″-alumina rising more
    /// than fivefold (0.45 → 2.5 mA/cm²), within a ramp level of the supply law i_D + i_c(p) at each pressure. With
    /// the creep supply switched off (κ = 0: creep closes nothing) the onset stays at the vacancy-diffusion limit
    /// i_D through the 500 µm foil (0.41 mA/cm²) at both pressures: the rise is the creep's.
    /// </summary>
    [Fact]
    public void TheCriticalStrippingCurrentRisesWithPressureThroughNasCreep()
    {
        var (low, lowCell) = CriticalStrippingCurrent(1);
        var (high, highCell) = CriticalStrippingCurrent(2.5);
        Assert.NotNull(low);
        Assert.NotNull(high);
        Assert.True(high > 5 * low, $"{low:G3} mA/cm2 at 1 MPa, {high:G3} at 2.5 MPa");
        // the simulated onset lies within the ramp's resolution (one level, ×1.1, and the 1 % threshold) above the law's
        Assert.InRange(low!.Value / Law(lowCell), 1.0, 1.2);
        Assert.InRange(high!.Value / Law(highCell), 1.0, 1.2);

        var noCreep = Case() with { Overrides = [.. Case().Overrides, new ParameterOverride("Na.contact.creep_efficiency", "0", default)] };
        var (lowOff, lowOffCell) = CriticalStrippingCurrent(1, noCreep);
        var (highOff, _) = CriticalStrippingCurrent(2.5, noCreep);
        double iD = lowOffCell.Left.Contact.Supply.DiffusionCurrent(298.15, lowOffCell.Left.MetalThickness) / Si.MilliampPerCm2;
        Assert.InRange(iD, 0.40, 0.42);   // z F D* / (V_m ℓ) with D* = 5e-9 cm²/s, ℓ = 500 µm
        Assert.NotNull(lowOff);
        Assert.NotNull(highOff);
        Assert.Equal(lowOff!.Value, highOff!.Value, 6);
        Assert.InRange(highOff.Value / iD, 1.0, 1.2);
    }

    /// <summary>
    /// The shipped case, at the abstract's 9 MPa and 2.5 mA/cm²: the model keeps the contact (its void onset is
    /// 1160 mA/cm², from Na's bulk creep law carried to 9 MPa), where the paper's cells died. Its warnings name, as
    /// class defaults, only the three contact constants no Na source gives (κ, h_a, λ: Li's), never the creep law,
    /// the self-diffusion, the yield strength or the β″-alumina and Na|β″-alumina values the library states.
    /// </summary>
    [Fact]
    public void TheCasePredictsNoVoidsAt9MPaAndNamesOnlyItsUnsourcedContactConstantsAsEstimates()
    {
        var spec = Case();
        var cell = SymmetricCell.Build(spec, Lib);
        var r = new SymmetricSimulator(cell).Run(ProtocolParser.ParseFile(spec.ProtocolFile!));
        Assert.False(r.ShortCircuit);
        Assert.Equal(25, r.Cycles.Count(c => c.Complete));
        Assert.InRange(Law(cell), 1000, 1400);
        double c0 = r.Series.First(p => p.CurrentDensity != 0).Left.Contact;
        Assert.True(r.Series.Min(p => Math.Min(p.Left.Contact, p.Right.Contact)) > 0.99 * c0);
        var defaults = r.Warnings.Where(w => w.Contains("estimated (class default")).Select(w => w.Split(' ')[1]).Order().ToList();
        Assert.Equal(["Na.contact.asperity_height", "Na.contact.creep_efficiency", "Na.contact.spot_spacing"], defaults);
    }
}
