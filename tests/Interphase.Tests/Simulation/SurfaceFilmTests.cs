using Interphase.Materials;
using Interphase.Models;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The surface film of a garnet (Li₂CO₃/LiOH) and its film-free fraction θ_s, which the charge transfer of both
/// directions, the constriction, the plating focus and the impedance share (docs/models.md §6.2); and the contact
/// law's healing, which only pressure drives (§6). Each test names the mechanism it fails without.
/// </summary>
public class SurfaceFilmTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    const double OhmCm2 = 1e-4;

    static SymmetricCell LiLlzo(string surface = "", string pressure = "5 MPa", string pressing = "metal_pressing_pressure: 50 MPa\n") => CellFactory.Cell(
        "name: t\ndiameter: 8 mm\ntemperature: 25 degC\n" + $"stack_pressure: {pressure}\n" + pressing + surface +
        "layers:\n  - {material: Li, thickness: 100 um}\n  - {material: LLZO, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\n", Lib);

    static double SideAsr(ElectrodeSide s, double T)
    {
        var (r1, r2) = SymmetricImpedance.SideResistances(s, 1, double.PositiveInfinity, 0, 0, T);
        return r1 + r2;
    }

    [Fact]
    public void LimitsOfTheFilmLaw_NoFilmIsTheCleanInterface_AFullFilmHasNoBoundAndIsRefused()
    {
        var c = new ConstrictionResistance(1e-6);
        double rct = 5.14 * OhmCm2, rho = 20; // LLZO: 5e-4 S/cm
        // θ_s = 1: no constriction, the clean charge transfer
        Assert.Equal(rct, SurfaceFilm.Asr(1, rct, c, rho), 1e-15);
        // the ASR falls monotonically with θ_s and has no bound as θ_s → 0
        double prev = double.PositiveInfinity;
        foreach (var th in new[] { 1e-9, 1e-6, 1e-3, 0.0021, 0.1, 0.5, 1 })
        {
            double a = SurfaceFilm.Asr(th, rct, c, rho);
            Assert.True(a < prev, $"θ_s = {th}");
            prev = a;
        }
        Assert.True(SurfaceFilm.Asr(1e-9, rct, c, rho) > 1e8 * rct);
        // the inverse gives θ_s back; an ASR at or below the clean one has no film to resolve
        foreach (var th in new[] { 1e-5, 0.0021, 0.3, 0.97 })
            Assert.Equal(th, SurfaceFilm.FromAsr(SurfaceFilm.Asr(th, rct, c, rho), rct, c, rho)!.Value, 1e-9 * th);
        Assert.Null(SurfaceFilm.FromAsr(rct, rct, c, rho));
        Assert.Null(SurfaceFilm.FromAsr(0.5 * rct, rct, c, rho));
        // a cell: a film over everything, or a given ASR below the clean interface's, is refused with one line
        var full = Assert.Throws<InputException>(() => LiLlzo("surface: {film_free_fraction: 0}\n"));
        Assert.Contains("film_free_fraction must be in (0, 1]", full.Message);
        var low = Assert.Throws<InputException>(() => LiLlzo("surface: {interface_asr: \"2 ohm cm2\"}\n"));
        Assert.Contains("no film to resolve", low.Message);
        Assert.Throws<InputException>(() => LiLlzo("surface: polished\n"));
    }

    [Fact]
    public void TheFilmFreeFractionSetsTheInterfaceAsrAndThePlatingFocus_AsMadeAgainstCleaned()
    {
        var clean = LiLlzo("surface: cleaned\n");
        var made = LiLlzo("surface: as-made\n");
        var byDefault = LiLlzo();
        double T = clean.TemperatureK;
        var side = clean.Left;
        double rct = side.Paths[0].Kinetics.At(T).LinearResistance;
        double theta = made.Left.FilmFreeFraction;
        Assert.Equal(1, side.FilmFreeFraction);
        Assert.Equal(0.0021, theta, 1e-12);
        Assert.Equal(theta, byDefault.Left.FilmFreeFraction); // a garnet cell that does not say is as made
        // no film: the interface's impedance is the clean charge transfer, 5.14 Ω cm² at i0 = 5 mA/cm² (Sharafi 2017: ≈2)
        Assert.Equal(rct, SideAsr(side, T), 1e-9 * rct);
        Assert.InRange(SideAsr(side, T) / OhmCm2, 5.0, 5.3);
        // the film: R_ct/θ_s on both half waves plus the constriction into the film-free spots
        double rho = made.Left.SpreadingResistivity(T);
        double expected = rct / theta + made.Left.Contact.Constriction.AreaSpecific(theta, rho);
        Assert.Equal(expected, SideAsr(made.Left, T), 1e-9 * expected);
        Assert.InRange(SideAsr(made.Left, T) / OhmCm2, 2400, 2500);
        // DC: stripping and plating both cross only the film-free spots, so a small current meets R_ct/θ_s each way
        var k = new SideConditions(); k.Set(made.Left, T, made.StackPressure);
        var st = ElectrodeSideDynamics.Initial(made.Left);
        double j = 1e-4 * Si.MilliampPerCm2;
        double strip = ElectrodeSideDynamics.Drop(made.Left, st, k, j);
        double plate = -ElectrodeSideDynamics.Drop(made.Left, st, k, -j, nucleation: false);
        Assert.Equal(j * expected, strip, 0.01 * j * expected);
        Assert.Equal(j * expected, plate, 0.01 * j * expected);
        // the plating focus of the filament criterion is 1/(φ θ_s)
        Assert.Equal(theta * ElectrodeSideDynamics.ContactArea(clean.Left, ElectrodeSideDynamics.Initial(clean.Left)),
            ElectrodeSideDynamics.ContactArea(made.Left, st), 1e-12);
        // a measured as-assembled ASR gives θ_s back through the same law
        var given = LiLlzo($"surface: {{interface_asr: \"{SideAsr(made.Left, T) / OhmCm2:R} ohm cm2\"}}\n");
        Assert.Equal(theta, given.Left.FilmFreeFraction, 1e-6 * theta);
    }

    [Fact]
    public void TheAsMadeFilmLowersTheOnsetCriticalCurrent()
    {
        // the crack criterion (Porz) holds the local current at the film-free spots: the onset CCD scales with θ_s
        static double Onset(SymmetricCell cell)
        {
            var r = CellFactory.Run(cell, "Plate at 0.01 mA/cm2 for 1 h", "Plate at 0.05 mA/cm2 for 1 h", "Plate at 0.2 mA/cm2 for 1 h",
                "Plate at 1 mA/cm2 for 1 h", "Plate at 5 mA/cm2 for 1 h", "Plate at 25 mA/cm2 for 1 h");
            return r.Onset is { } o ? Math.Abs(o.CurrentDensity) / Si.MilliampPerCm2 : double.PositiveInfinity;
        }
        double made = Onset(LiLlzo("surface: as-made\n")), clean = Onset(LiLlzo("surface: cleaned\n"));
        Assert.InRange(made, 0.04, 0.06);
        Assert.True(clean >= 20 * made, $"cleaned {clean} vs as made {made} mA/cm2");
    }

    [Fact]
    public void OnlyPressureClosesVoids_VacancyDiffusionHealsNothingAtRest()
    {
        const double scale = 1.0, iD = 0.45, n = 6.6; // A/m² (0.045 mA/cm²)
        var rest = new ContactDrive(scale, iD, 0, n, 0, 0, 0, 0);
        Assert.Equal(0.0, rest.LogRate(0.3));
        Assert.Equal(0.3, rest.Step(0.3, 1e6), 12);
        // stripping below i_D: diffusion carries the vacancies away, no void grows; above it the contact shrinks
        Assert.Equal(0.0, (rest with { Strip = 0.5 * iD }).LogRate(0.3));
        Assert.True((rest with { Strip = 2 * iD }).LogRate(0.3) < 0);
        // with a creep supply (pressure) the gap closes at rest
        Assert.True((rest with { Creep = 0.1 }).Step(0.3, 1e4) > 0.3);
        // a Li | LLZO cell laid on without pressure keeps its contact through a day's rest
        var cell = LiLlzo(pressure: "0 MPa", pressing: "");
        Assert.Equal(ContactModel.MinimumContact, cell.Left.InitialContact, 1e-12);
        var r = CellFactory.Run(cell, "Rest for 24 h");
        Assert.Equal(ContactModel.MinimumContact, r.Series[^1].Left.Contact, 1e-12);
    }
}
