using Interphase.IO;
using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// A resistive surface film (Li₂CO₃/LiOH on a garnet) that covers part of a metal|electrolyte interface
/// (docs/models.md §6.2). Li does not wet the film (Sharafi et al., Chem. Mater. 29, 7961 (2017): Li₂CO₃
/// and LiOH cause poor Li wettability and a high interfacial resistance; removing them removes nearly all
/// of it), so ions cross only the film-free fraction θ_s of the contact. The same θ_s sets
/// <code>
/// a_ion = φ ψ θ_s                                 the area the charge transfer, both directions, uses
/// i_loc = |j| / (φ ψ θ_s θ_n)                      the plating focus on the film-free spots (θ_n: nucleation on clean spots)
/// ASR(θ_s) = R_ct/θ_s + R_c(θ_s; ρ, λ)             one interface at full contact: charge transfer on the spots
///                                                  plus their Fleig–Maier constriction (ConstrictionResistance)
/// </code>
/// θ_s = 1 (no film) gives back the clean interface, ASR = R_ct; θ_s → 0 gives an ASR without bound,
/// so a film that covers everything carries no current (refused as a state: θ_s must be positive).
/// A state is a named library state of the pair (<c>surface_film.as_made</c>, <c>surface_film.cleaned</c>),
/// a film-free fraction the user gives, or the ASR the user measured on the assembled cell, from which
/// θ_s is solved (<see cref="FromAsr"/>).
/// </summary>
public sealed record SurfaceFilm(double FilmFreeFraction, string State)
{
    public static readonly SurfaceFilm None = new(1, "no film");

    /// <summary>ASR (Ω m²) of one interface at full mechanical contact with the film-free fraction θ_s.</summary>
    public static double Asr(double filmFree, double chargeTransferAsr, ConstrictionResistance constriction, double resistivity) =>
        chargeTransferAsr / filmFree + constriction.AreaSpecific(filmFree, resistivity);

    /// <summary>
    /// The film-free fraction whose interface ASR (<see cref="Asr"/>) is the given one. The ASR falls
    /// monotonically from ∞ (θ_s → 0) to R_ct (θ_s = 1), so the root is unique; an ASR at or below the clean
    /// interface's R_ct has no film to resolve and is refused by the caller (null here).
    /// </summary>
    public static double? FromAsr(double asr, double chargeTransferAsr, ConstrictionResistance constriction, double resistivity)
    {
        if (!(asr > chargeTransferAsr)) return null;
        double F(double u) => Asr(Math.Exp(u), chargeTransferAsr, constriction, resistivity) - asr;
        double lo = Math.Log(1e-12);
        if (F(lo) < 0) return null;
        return Math.Exp(MathNet.Numerics.RootFinding.Brent.FindRoot(F, lo, 0, 1e-12, 200));
    }

    /// <summary>
    /// The surface state of a metal|electrolyte pair for one cell: the cell's <c>surface:</c> key (a state
    /// name, <c>{film_free_fraction: x}</c> or <c>{interface_asr: "X ohm cm2"}</c>) or, without it, the pair's
    /// <c>surface_film.default_state</c>; a pair without <c>surface_film</c> has no film. A given ASR is read at the
    /// temperature it was measured at (<c>temperature:</c>, the cell's when absent): R_ct(T) and ρ(T) are the
    /// interface's and the electrolyte's at that temperature.
    /// </summary>
    public static SurfaceFilm Resolve(Parameters p, MaterialPair pair, YNode? cellKey, Func<double, double> chargeTransferAsr,
        ConstrictionResistance constriction, Func<double, double> resistivity, double cellTemperatureK)
    {
        string? state = null;
        if (cellKey is not null && cellKey.IsMapping)
        {
            foreach (var (k, v) in cellKey.Entries)
                if (k is not ("film_free_fraction" or "interface_asr" or "temperature"))
                    throw new InputException($"unknown surface key '{k}': expected film_free_fraction, or interface_asr with an optional temperature", v.Location);
            var ff = cellKey.Get("film_free_fraction");
            var asrNode = cellKey.Get("interface_asr");
            if (ff is not null && asrNode is not null)
                throw new InputException("give either surface.film_free_fraction or surface.interface_asr, not both", asrNode.Location);
            if (ff is not null && cellKey.Get("temperature") is { } tn)
                throw new InputException("surface.temperature belongs to an interface_asr (the temperature it was measured at)", tn.Location);
            if (ff is not null)
            {
                double x = ff.Quantity(QuantityKind.Dimensionless);
                if (!(x > 0 && x <= 1))
                    throw new InputException($"surface.film_free_fraction must be in (0, 1] (0 is a film over the whole interface, which carries no current), got {ff.Text()}", ff.Location);
                return new SurfaceFilm(x, $"film-free fraction {x:G3} (given)");
            }
            if (asrNode is not null)
            {
                double asr = asrNode.Quantity(QuantityKind.AreaSpecificResistance);
                double tm = cellKey.Get("temperature")?.Quantity(QuantityKind.Temperature) ?? cellTemperatureK;
                double rct = chargeTransferAsr(tm);
                var theta = FromAsr(asr, rct, constriction, resistivity(tm))
                    ?? throw new InputException($"surface.interface_asr {asr * 1e4:G4} ohm cm2 is not above the clean {pair.Key} interface's charge-transfer ASR {rct * 1e4:G4} ohm cm2 at {tm - 273.15:G4} degC: no film to resolve (give surface: cleaned, or no surface key)", asrNode.Location);
                return new SurfaceFilm(theta, $"film-free fraction {theta:G3} from the given interface ASR {asr * 1e4:G4} ohm cm2 at {tm - 273.15:G4} degC");
            }
            throw new InputException("surface needs film_free_fraction or interface_asr (or a state name such as 'as-made' or 'cleaned')", cellKey.Location);
        }
        if (cellKey is not null) state = cellKey.Text().Trim();
        state ??= p.OptionalText(pair, "surface_film.default_state");
        if (state is null) return None;
        var key = state.ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        var value = p.Optional(pair, $"surface_film.{key}.film_free_fraction", QuantityKind.Dimensionless);
        if (value is null)
        {
            var where = cellKey?.Location ?? pair.Properties.Location;
            throw new InputException($"{pair.Key} has no surface state '{state}' in the library (surface_film.{key}.film_free_fraction); give surface: {{film_free_fraction: x}} or {{interface_asr: \"X ohm cm2\"}} instead", where);
        }
        if (!(value > 0 && value <= 1))
            throw new InputException($"{pair.Key}: surface_film.{key}.film_free_fraction must be in (0, 1], got {value}", pair.Properties.Location);
        return new SurfaceFilm(value.Value, state);
    }
}
