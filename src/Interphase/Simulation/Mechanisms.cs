using Interphase.IO;

namespace Interphase.Simulation;

/// <summary>A mechanism of the cell model that a run may switch off (docs/models.md, "Mechanisms and how to switch them off").</summary>
public enum Mechanism
{
    ContactLoss, Constriction, InterphaseGrowth, ElectronicLeakage, Dendrites, FilamentConduction, SoftShorts, PoreIntrusion,
    AmalgamWetting, Densification, ConcentrationPolarisation, CathodeInterphase, ActiveMaterialLoss, CathodeContactLoss,
}

/// <summary>
/// Which mechanisms a run includes: all of them unless the cell file's <c>mechanisms:</c> block (or the older
/// full-cell <c>degradation:</c> block) or <c>simulate --without</c> switches some off. Each mechanism is a
/// component of the cell chosen once when the cell is built (PyBaMM's submodel options: the "off" choice is a
/// component of its own, e.g. <see cref="NoPenetration"/> for the dendrite criterion, none for pore intrusion, a
/// contact law whose stripping opens no voids), so the time loop tests no names and switches nothing.
/// </summary>
public sealed record Mechanisms
{
    /// <summary>The name used in the cell file and on the command line, what turning it off means, and whether only a full cell has it.</summary>
    public sealed record Entry(Mechanism Id, string Name, bool FullCellOnly, string WhenOff);

    /// <summary>Every mechanism that can be switched off, in the order they are listed.</summary>
    public static readonly IReadOnlyList<Entry> Catalogue =
    [
        new(Mechanism.ContactLoss, "contact-loss", false, "stripping opens no voids at the metal (the contact law without its stripping term); the pressed contact still closes by creep under the stack pressure"),
        new(Mechanism.Constriction, "constriction", false, "no constriction (spreading) resistance of the contact spots, in the voltage and the impedance"),
        new(Mechanism.InterphaseGrowth, "interphase-growth", false, "the interphases keep their initial thickness and take no metal"),
        new(Mechanism.ElectronicLeakage, "electronic-leakage", false, "no electronic path through mixed-conducting interphases, interlayers or the electrolyte"),
        new(Mechanism.Dendrites, "dendrites", false, "no filament starts or grows (no dendrite onset, no filament short); pore intrusion is separate"),
        new(Mechanism.FilamentConduction, "filament-conduction", false, "a filament that has not yet spanned the separator does not lower its resistance"),
        new(Mechanism.SoftShorts, "soft-shorts", false, "a filament's first contact with the counter electrode is a hard short at once (no metal bridge that fuses or dissolves)"),
        new(Mechanism.PoreIntrusion, "pore-intrusion", false, "the metal does not creep into the electrolyte's open pores"),
        new(Mechanism.AmalgamWetting, "amalgam-wetting", false, "the liquid part of an amalgam does not flow back into voids nor into the electrolyte's channels (its infiltrated zone keeps its as-made depth)"),
        new(Mechanism.Densification, "densification", false, "pressed porous layers keep their as-made porosity and thickness (no Heckel densification by the assembly pressure)"),
        new(Mechanism.ConcentrationPolarisation, "concentration-polarisation", false, "the salt stays uniform: no concentration overpotential and no salt depletion at the electrodes (so no Sand's-time dendrite onset)"),
        new(Mechanism.CathodeInterphase, "cathode-interphase", true, "no parasitic oxidation at the cathode and no CEI resistance growth"),
        new(Mechanism.ActiveMaterialLoss, "active-material-loss", true, "no high-potential loss of cathode active material"),
        new(Mechanism.CathodeContactLoss, "cathode-contact-loss", true, "the cathode particles keep their contact with the electrolyte (no fatigue, no conversion strain loss)"),
    ];

    /// <summary>Everything on.</summary>
    public static readonly Mechanisms All = new();

    readonly int _off;

    Mechanisms(int off = 0) => _off = off;

    public bool IsOn(Mechanism m) => (_off & (1 << (int)m)) == 0;

    public Mechanisms Without(Mechanism m) => new(_off | (1 << (int)m));

    public bool AllOn => _off == 0;

    public bool ContactLoss => IsOn(Mechanism.ContactLoss);
    public bool Constriction => IsOn(Mechanism.Constriction);
    public bool InterphaseGrowth => IsOn(Mechanism.InterphaseGrowth);
    public bool ElectronicLeakage => IsOn(Mechanism.ElectronicLeakage);
    public bool Dendrites => IsOn(Mechanism.Dendrites);
    public bool FilamentConduction => IsOn(Mechanism.FilamentConduction);
    public bool SoftShorts => IsOn(Mechanism.SoftShorts);
    public bool PoreIntrusion => IsOn(Mechanism.PoreIntrusion);
    public bool AmalgamWetting => IsOn(Mechanism.AmalgamWetting);
    public bool Densification => IsOn(Mechanism.Densification);
    public bool ConcentrationPolarisation => IsOn(Mechanism.ConcentrationPolarisation);
    public bool CathodeInterphase => IsOn(Mechanism.CathodeInterphase);
    public bool ActiveMaterialLoss => IsOn(Mechanism.ActiveMaterialLoss);
    public bool CathodeContactLoss => IsOn(Mechanism.CathodeContactLoss);

    /// <summary>The names of a cell kind's mechanisms that are on (<paramref name="fullCell"/>: a full cell's, else a symmetric cell's).</summary>
    public IReadOnlyList<string> NamesOn(bool fullCell) => [.. Catalogue.Where(e => (fullCell || !e.FullCellOnly) && IsOn(e.Id)).Select(e => e.Name)];

    /// <summary>The names of the mechanisms that are off.</summary>
    public IReadOnlyList<string> NamesOff => [.. Catalogue.Where(e => !IsOn(e.Id)).Select(e => e.Name)];

    /// <summary>"contact-loss, constriction, …": every valid name, for messages.</summary>
    public static string ValidNames => string.Join(", ", Catalogue.Select(e => e.Name));

    /// <summary>The mechanism of a name (case and '-'/'_' do not matter), or null.</summary>
    public static Mechanism? Find(string name)
    {
        var n = name.Trim().Replace('_', '-');
        foreach (var e in Catalogue)
            if (string.Equals(e.Name, n, StringComparison.OrdinalIgnoreCase)) return e.Id;
        return null;
    }

    public static Entry Of(Mechanism m) => Catalogue.First(e => e.Id == m);

    /// <summary>
    /// The mechanisms of a cell file: its <c>mechanisms:</c> block (<c>contact-loss: off</c>, …) and the older
    /// <c>degradation:</c> block of full cells (<c>anode_interphase</c> is interphase-growth, <c>contact_loss</c>
    /// both contact-loss and cathode-contact-loss, <c>short_circuit</c> dendrites). An unknown name or a value other
    /// than on/off is an error naming its line.
    /// </summary>
    public static Mechanisms Read(YNode? mechanisms, YNode? degradation, string kind = "full")
    {
        var m = All;
        if (mechanisms is not null)
        {
            if (!mechanisms.IsMapping)
                throw new InputException($"mechanisms: expected a mapping of mechanism names to on/off, e.g. 'mechanisms: {{contact-loss: off}}'; the names are {ValidNames}", mechanisms.Location);
            foreach (var (key, n) in mechanisms.Entries)
            {
                var id = Find(key) ?? throw new InputException($"unknown mechanism '{key}': expected one of {ValidNames}", n.Location);
                if (OnOff(n, $"mechanisms.{key}")) continue;
                if (kind == "blocking") throw new InputException($"mechanisms: a blocking cell's voltage sweep has none of these mechanisms to switch off ({Of(id).Name})", n.Location);
                if (kind != "full" && Of(id).FullCellOnly) throw new InputException($"{Of(id).Name} is a mechanism of full cells; a {kind} cell has no cathode", n.Location);
                m = m.Without(id);
            }
        }
        if (degradation is not null)
        {
            var known = new[] { "anode_interphase", "cathode_interphase", "contact_loss", "active_material_loss", "short_circuit" };
            foreach (var (key, n) in degradation.Entries)
            {
                if (!known.Contains(key))
                    throw new InputException($"unknown degradation mechanism '{key}': expected {string.Join(", ", known)} (or use 'mechanisms:' with {ValidNames})", n.Location);
                if (OnOff(n, $"degradation.{key}")) continue;
                if (kind != "full" && key is "cathode_interphase" or "active_material_loss")
                    throw new InputException($"degradation.{key} is a mechanism of full cells; a {kind} cell has no cathode", n.Location);
                m = key switch
                {
                    "anode_interphase" => m.Without(Mechanism.InterphaseGrowth),
                    "cathode_interphase" => m.Without(Mechanism.CathodeInterphase),
                    "contact_loss" => kind == "full" ? m.Without(Mechanism.ContactLoss).Without(Mechanism.CathodeContactLoss) : m.Without(Mechanism.ContactLoss),
                    "active_material_loss" => m.Without(Mechanism.ActiveMaterialLoss),
                    _ => m.Without(Mechanism.Dendrites),
                };
            }
        }
        return m;
    }

    static bool OnOff(YNode n, string what) => n.Text().Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => throw new InputException($"{what} must be on or off, got '{n.Text()}'", n.Location),
    };

    /// <summary>These mechanisms with the named ones also off (<c>simulate --without a,b</c>); an unknown name throws.</summary>
    public Mechanisms WithoutNames(IEnumerable<string> names, SourceLocation where)
    {
        var m = this;
        foreach (var raw in names)
            foreach (var name in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                m = m.Without(Find(name) ?? throw new InputException($"unknown mechanism '{name}': expected one of {ValidNames}", where));
        return m;
    }

    /// <summary>Refuses a full-cell mechanism switched off for a symmetric cell (it has no cathode).</summary>
    public void RefuseFullCellOnly(string kind, SourceLocation where)
    {
        foreach (var e in Catalogue)
            if (e.FullCellOnly && !IsOn(e.Id))
                throw new InputException($"{e.Name} is a mechanism of full cells; a {kind} cell has no cathode", where);
    }

    public override string ToString() => AllOn ? "all mechanisms on" : "off: " + string.Join(", ", NamesOff);
}

/// <summary>
/// The dendrite criterion switched off (<c>dendrites: off</c>): the layer tolerates any local current, so no
/// filament starts or grows in it.
/// </summary>
public sealed record NoPenetration(string Material) : Models.PenetrationCriterion(Material)
{
    public override double TolerableCurrent(Models.ButlerVolmer kinetics, double temperatureK) => double.PositiveInfinity;

    public override double GrowthVelocity(double localCurrent, double plateCurrent, double tolerable, Models.ButlerVolmer kinetics, double thicknessPerCharge, double grown) => 0;
}
