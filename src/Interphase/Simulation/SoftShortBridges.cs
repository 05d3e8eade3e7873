using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// Soft shorts (docs/models.md §9, "Soft shorts"), one mechanism that both simulators step: the metal bridges
/// (<see cref="MetalBridge"/>) that filaments make when they touch the counter electrode, in parallel with the
/// cell's ionic path, and the rule that decides at each contact and each time step whether they fuse
/// (<see cref="BridgeFuse"/>: the voltage across them reaches the melting voltage), dissolve (the bridging
/// filament retreats below the counter electrode) or are the hard short (they carry the whole external current
/// below the melting voltage). Several bridges may stand at once (a symmetric cell's two electrodes may each
/// send one): they are parallel resistors at one voltage, so by the Kohlrausch relation they all reach the
/// melting point together and fuse together, and they are the hard short together. The simulator owns the
/// filaments and the voltage; this class owns the bridges, their records and the count of fused ones.
/// Sides are numbered by the simulator (0: electrode 1 or the anode, 1: electrode 2).
/// </summary>
internal sealed class SoftShortBridges(MetalBridge? bridge, double separator, double area, bool enabled)
{
    /// <summary>A standing bridge: the side whose filament makes it, its filament count N, and its record.</summary>
    internal readonly record struct Standing(int Side, int Count, SoftShort Record);

    /// <summary>The state a simulator saves before a time step and restores when it retries or undoes the step.</summary>
    internal readonly record struct State(Standing[] Bridges, int Fused, int Records);

    static readonly Standing[] None = [];
    Standing[] _standing = None;    // replaced, never changed in place, so that State is a cheap copy
    int _fused;                     // bridges fused so far: their solidified metal joins the next (MetalBridge)
    readonly List<SoftShort> _records = [];

    /// <summary>Every soft short of the run, in order.</summary>
    public IReadOnlyList<SoftShort> Records => _records;

    /// <summary>True while at least one bridge stands in parallel with the cell.</summary>
    public bool Any => _standing.Length > 0;

    /// <summary>The bridges standing now.</summary>
    public IReadOnlyList<Standing> Bridges => _standing;

    public State Save() => new(_standing, _fused, _records.Count);

    public void Restore(State s)
    {
        // a bridge that stood at the saved moment was open then
        foreach (var b in s.Bridges) { b.Record.Ending = "open"; b.Record.EndS = null; b.Record.GapM = null; }
        _standing = s.Bridges;
        _fused = s.Fused;
        if (_records.Count > s.Records) _records.RemoveRange(s.Records, _records.Count - s.Records);
    }

    /// <summary>True when a bridge of <paramref name="side"/>'s filament stands: its filament at the counter electrode makes no new contact.</summary>
    public bool StandsOn(int side)
    {
        foreach (var b in _standing) if (b.Side == side) return true;
        return false;
    }

    /// <summary>ASR (Ω m²) of the standing bridges in parallel at temperature T; ∞ without one.</summary>
    public double Asr(double T)
    {
        if (_standing.Length == 0) return double.PositiveInfinity;
        double g = 0;
        foreach (var b in _standing) g += 1 / bridge!.Asr(separator, b.Count, area, T);
        return 1 / g;
    }

    /// <summary>The standing bridges in parallel with another electronic path of ASR <paramref name="rE"/> (∞ for none).</summary>
    public double InParallelWith(double rE, double T)
    {
        if (_standing.Length == 0) return rE;
        double rB = Asr(T);
        return double.IsPositiveInfinity(rE) ? rB : rE * rB / (rE + rB);
    }

    /// <summary>The melting voltage of the bridges' metal at T (V).</summary>
    double MeltingVoltage(double T) => BridgeFuse.MeltingVoltage(bridge!.MeltingPoint, T);

    /// <summary>
    /// A filament of <paramref name="side"/> has just touched the counter electrode at time t. Metal crept through the
    /// pores, a metal without the bridge's data, soft shorts switched off, or no current: a hard short (returns null,
    /// <paramref name="hard"/> true). Otherwise its bridge (the leading filament plus the solidified metal of the bridges
    /// fused before) joins those standing, and <paramref name="voltage"/> (the cell's voltage with it in parallel) decides:
    /// at or above the melting voltage every standing bridge fuses at once (<paramref name="cut"/> shortens each bridging
    /// filament to the separator less its molten gap); below it, the bridges are the hard short when they carry the whole
    /// external current below the melting voltage (BridgeFuse.Unbreakable), and stand otherwise. The voltage decides first:
    /// a full cell's own electromotive force may drive more than the external current through a bridge, so a bridge that
    /// the external current alone could not melt may still fuse.
    /// </summary>
    public SoftShort? Contact(int side, string electrode, double i, double T, int cycle, double t, bool crept,
        Func<double> voltage, Action<int, double> cut, out bool hard)
    {
        hard = false;
        if (!enabled || bridge is null || crept || i == 0)
        {
            EndAll("hard_short", t);
            hard = true;
            return null;
        }
        double rF = bridge.Asr(separator, _fused + 1, area, T);
        var soft = new SoftShort(t, Math.Max(cycle, 1), rF, electrode);
        var before = _standing;
        _standing = [.. before, new Standing(side, _fused + 1, soft)];
        double um = MeltingVoltage(T);
        double u = Math.Abs(voltage());
        if (u >= um) FuseAll(u, um, t, cut);
        else if (BridgeFuse.Unbreakable(i, Asr(T), um))
        {
            // the contact is the hard short: the bridges that stood before end with it
            _standing = before;
            EndAll("hard_short", t);
            hard = true;
            return null;
        }
        _records.Add(soft);
        return soft;
    }

    /// <summary>What a time step did to the standing bridges.</summary>
    internal enum Change { None, Fused, Dissolved, HardShort }

    /// <summary>
    /// A time step of the standing bridges, ending at time t with the voltage <paramref name="u"/> across them
    /// (computed with them in parallel): a bridge whose filament (<paramref name="filament"/> of its side) is below the
    /// counter electrode has dissolved; those left fuse together when u reaches the melting voltage, and are the hard
    /// short once they carry the whole current below it. Returns the first bridge that ended (null if none) and what happened.
    /// </summary>
    public (SoftShort? Ended, Change What) Step(double i, double T, double u, double t, Func<int, double> filament, Action<int, double> cut)
    {
        if (_standing.Length == 0) return (null, Change.None);
        SoftShort? dissolved = null;
        if (Array.Exists(_standing, b => filament(b.Side) < separator))
        {
            foreach (var b in _standing)
                if (filament(b.Side) < separator) { b.Record.Ending = "dissolved"; b.Record.EndS = t; dissolved ??= b.Record; }
            _standing = Array.FindAll(_standing, b => filament(b.Side) >= separator);
            // the voltage across those left is the simulator's to compute again: they are judged at the next step
            return (dissolved, Change.Dissolved);
        }
        double um = MeltingVoltage(T);
        var first = _standing[0].Record;
        if (Math.Abs(u) >= um)
        {
            FuseAll(Math.Abs(u), um, t, cut);
            return (first, Change.Fused);
        }
        if (i != 0 && BridgeFuse.Unbreakable(i, Asr(T), um))
        {
            EndAll("hard_short", t);
            return (first, Change.HardShort);
        }
        return (null, Change.None);
    }

    void EndAll(string ending, double t)
    {
        foreach (var b in _standing) { b.Record.Ending = ending; b.Record.EndS = t; }
        _standing = None;
    }

    /// <summary>Every standing bridge melts at voltage u: each bridging filament loses the molten fraction of the separator (BridgeFuse.MoltenFraction).</summary>
    void FuseAll(double u, double um, double t, Action<int, double> cut)
    {
        double gap = BridgeFuse.MoltenFraction(u, um) * separator;
        foreach (var b in _standing)
        {
            cut(b.Side, separator - gap);
            b.Record.Ending = "fused"; b.Record.EndS = t; b.Record.GapM = gap;
            _fused++;
        }
        _standing = None;
    }

    /// <summary>The event written at a contact (kind "soft_short").</summary>
    public string ContactMessage(SoftShort s, int standingBefore) => s.Ending == "fused"
        ? $"soft short: a filament from {s.Electrode} touched the counter electrode and its bridge ({s.BridgeAsr * 1e4:G3} Ω cm²) fused at once, leaving a {s.GapM * 1e6:G3} µm gap"
          + (standingBefore > 0 ? $" (with the {standingBefore} bridge{(standingBefore > 1 ? "s" : "")} standing in parallel)" : "")
        : $"soft short: a filament from {s.Electrode} bridges the separator ({s.BridgeAsr * 1e4:G3} Ω cm² in parallel with the cell"
          + (standingBefore > 0 ? $" and the {standingBefore} bridge{(standingBefore > 1 ? "s" : "")} already standing)" : ")");

    /// <summary>The event written when a standing bridge ends by fusing or dissolving (kind "soft_short_end").</summary>
    public static string EndMessage(SoftShort s, double u) => s.Ending == "fused"
        ? $"soft short ends: the bridge fused at {Math.Abs(u) * 1e3:G3} mV, leaving a {s.GapM * 1e6:G3} µm gap"
        : "soft short ends: stripping dissolved the bridging filament";
}
