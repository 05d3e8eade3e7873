using System.Globalization;
using System.Text.Json;
using Interphase.Models;
using Interphase.Units;

namespace Interphase.Materials;

/// <summary>
/// The values a BPX file (Battery Parameter eXchange, the JSON format PyBaMM reads; schema
/// FaradayInstitution/BPX) supplies for a full cell's cathode: the positive electrode's open-circuit
/// potential (an expression of the stoichiometry x or a table), its solid diffusivity (a constant with an
/// optional Arrhenius activation energy) and particle radius, its maximum concentration, the stoichiometry
/// window (maximum: discharged, minimum: charged) and its reaction rate constant. All in SI as BPX states
/// them; each carries its source, the file and the key. What Interphase cannot use is refused (an OCP with
/// hysteresis, a blended electrode, a diffusivity that depends on x) or named in <see cref="Warnings"/>.
/// </summary>
public sealed record BpxCathode(
    string File,
    Func<double, double> Ocv,
    string OcvDescription,
    double OcvValidMin,
    double OcvValidMax,
    double Diffusivity,
    double DiffusivityActivationEnergy,
    double ReferenceTemperatureK,
    double ParticleRadius,
    double MaxConcentration,
    double StoichiometryCharged,
    double StoichiometryDischarged,
    double? StoichiometryInitial,
    double? RateConstant,
    double RateActivationEnergy,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Sources)
{
    const string Pe = "Positive electrode";

    /// <summary>The library properties of the cathode material that a BPX file replaces (an override of one of them is refused).</summary>
    public static readonly IReadOnlyList<string> Replaces =
    [
        "ocv", "ocv_plateaus", "ocv_valid_min", "ocv_valid_max", "diffusivity", "diffusivity_activation_energy", "particle_radius",
        "max_concentration", "stoichiometry_charged", "stoichiometry_discharged", "stoichiometry_initial", "reaction_rate_constant",
        "reaction_activation_energy", "reference_temperature",
    ];

    /// <summary>
    /// BPX's exchange current j0 = F·k·((c_e/c_e0)(c/c_max)(1 − c/c_max))^½ written as Interphase's (and PyBaMM's)
    /// i0 = m·c_e^½·(c·(c_max − c))^½: m = F·k / (c_max·c_e0^½) (the conversion PyBaMM's BPX reader makes).
    /// </summary>
    public static double RateConstantFromBpx(double k, double cMax, double ce0) => Si.Faraday * k / (cMax * Math.Sqrt(ce0));

    /// <summary>
    /// The library's cathode with the BPX file's values in place of its own: the OCV (and the range in which it
    /// is data), diffusivity, radius, maximum concentration, stoichiometry window, initial state and kinetics.
    /// Density, molar mass, charge number, volume change and high-voltage fade stay the library material's.
    /// </summary>
    public IntercalationCathode Apply(IntercalationCathode ic) => ic with
    {
        OcvName = OcvDescription,
        Ocv = Ocv,
        OcvValidMin = OcvValidMin,
        OcvValidMax = OcvValidMax,
        DiffusivityRef = Diffusivity,
        DiffusivityActivationEnergy = DiffusivityActivationEnergy,
        ReferenceTemperatureK = ReferenceTemperatureK,
        ParticleRadius = ParticleRadius,
        MaxConcentration = MaxConcentration,
        StoichiometryCharged = StoichiometryCharged,
        StoichiometryDischarged = StoichiometryDischarged,
        StoichiometryInitial = StoichiometryInitial ?? double.NaN,
        RateConstantRef = RateConstant ?? ic.RateConstantRef,
        RateActivationEnergy = RateConstant is null ? ic.RateActivationEnergy : RateActivationEnergy,
    };

    public static BpxCathode Load(string path, SourceLocation where)
    {
        byte[] bytes;
        try { bytes = System.IO.File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the BPX file '{path}': {e.Message}", where);
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            var first = e.Message.Split(". ", 2)[0].Replace('\n', ' ');
            throw new InputException($"not a valid JSON (BPX) file: {first}", path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
        }
        using (doc) return Read(doc.RootElement, path, Locate(bytes));
    }

    /// <summary>The line and column of every property in the file, by its path ("/Parameterisation/Positive electrode/OCP [V]").</summary>
    static Dictionary<string, (int line, int col)> Locate(byte[] utf8)
    {
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++) if (utf8[i] == (byte)'\n') lineStarts.Add(i + 1);
        (int, int) Pos(long offset)
        {
            int l = lineStarts.BinarySearch((int)offset);
            if (l < 0) l = ~l - 1;
            return (l + 1, (int)offset - lineStarts[l] + 1);
        }
        var map = new Dictionary<string, (int, int)>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new List<string>();
        string? pending = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = reader.GetString();
                    map[string.Join('/', stack) + "/" + pending] = Pos(reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    stack.Add(pending ?? ""); pending = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1); pending = null;
                    break;
                default:
                    pending = null;
                    break;
            }
        }
        return map;
    }

    static BpxCathode Read(JsonElement root, string file, Dictionary<string, (int line, int col)> at)
    {
        SourceLocation Loc(params string[] path) =>
            at.TryGetValue("/" + string.Join('/', path), out var p) ? new SourceLocation(file, p.line, p.col) : new SourceLocation(file, 1, 1);
        string Key(params string[] path) => string.Join(" / ", path);

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Parameterisation", out var par) || par.ValueKind != JsonValueKind.Object)
            throw new InputException("not a BPX file: expected a JSON object with 'Header' and 'Parameterisation'", file, 1, 1);
        if (root.TryGetProperty("Header", out var header) && header.TryGetProperty("BPX", out var version))
        {
            var v = version.ValueKind == JsonValueKind.String ? version.GetString() : version.GetRawText();
            if (v is null || !(v.StartsWith("0.", StringComparison.Ordinal) || v.StartsWith("1.", StringComparison.Ordinal)))
                throw new InputException($"BPX version '{v}' is not one this reader knows (0.x or 1.x)", Loc("Header", "BPX"));
        }
        if (!par.TryGetProperty(Pe, out var pe) || pe.ValueKind != JsonValueKind.Object)
            throw new InputException($"the BPX file has no '{Pe}' under 'Parameterisation'", Loc("Parameterisation"));
        if (pe.TryGetProperty("Particle", out _))
            throw new InputException($"'{Pe}' is a blended electrode (several 'Particle' phases); Interphase's cathode has one particle population", Loc("Parameterisation", Pe, "Particle"));
        foreach (var hysteresis in new[] { "OCP (delithiation) [V]", "OCP (lithiation) [V]", "OCP hysteresis decay constant" })
            if (pe.TryGetProperty(hysteresis, out _))
                throw new InputException($"'{Pe} / {hysteresis}': OCP hysteresis is not modelled by Interphase; give one 'OCP [V]'", Loc("Parameterisation", Pe, hysteresis));

        var sources = new Dictionary<string, string>();
        var warnings = new List<string>();
        string Source(string key) => $"BPX file {Path.GetFileName(file)}: {Pe} / {key}";

        JsonElement Required(JsonElement parent, string section, string key)
        {
            if (!parent.TryGetProperty(key, out var e))
                throw new InputException($"the BPX file has no '{section} / {key}', which the cathode needs", Loc("Parameterisation", section));
            return e;
        }
        double Number(JsonElement e, string[] path, double min, double max, string what)
        {
            if (e.ValueKind != JsonValueKind.Number)
                throw new InputException($"'{Key(path[1..])}' must be a number ({what}), found {Describe(e)}", Loc(path));
            var v = e.GetDouble();
            if (!(v >= min && v <= max))
                throw new InputException($"'{Key(path[1..])}' = {v.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)} ({what})", Loc(path));
            return v;
        }
        double Pos(string key, double min, double max, string what, string? name = null)
        {
            var v = Number(Required(pe, Pe, key), ["Parameterisation", Pe, key], min, max, what);
            if (name is not null) sources[name] = Source(key);
            return v;
        }
        double OptionalPos(string key, double min, double max, string what, string name)
        {
            if (!pe.TryGetProperty(key, out var e)) return 0;
            sources[name] = Source(key);
            return Number(e, ["Parameterisation", Pe, key], min, max, what);
        }

        // ---- open-circuit potential
        const string ocpKey = "OCP [V]";
        var ocpEl = Required(pe, Pe, ocpKey);
        var ocpLoc = Loc("Parameterisation", Pe, ocpKey);
        Func<double, double> ocv;
        string ocvDescription;
        double validMin = 0, validMax = 1;
        switch (ocpEl.ValueKind)
        {
            case JsonValueKind.String:
            {
                var text = ocpEl.GetString()!;
                try { ocv = BpxExpression.Parse(text); }
                catch (FormatException e) { throw new InputException($"'{Pe} / {ocpKey}': {e.Message}", ocpLoc); }
                ocvDescription = $"expression of x from {Source(ocpKey)}";
                break;
            }
            case JsonValueKind.Object:
            {
                var (xs, ys) = Table(ocpEl, ocpLoc, $"{Pe} / {ocpKey}");
                var table = MathNet.Numerics.Interpolation.LinearSpline.InterpolateSorted(xs, ys);
                // inside the table only: beyond its ends IntercalationCathode.OpenCircuit continues it by the ideal-solution term
                ocv = v => table.Interpolate(Math.Clamp(v, xs[0], xs[^1]));
                (validMin, validMax) = (xs[0], xs[^1]);
                ocvDescription = $"table of {xs.Length} points (linear between them) from {Source(ocpKey)}";
                break;
            }
            case JsonValueKind.Number:
                throw new InputException($"'{Pe} / {ocpKey}' is a constant: a full cell's charge and discharge end where the potential runs away, so it needs an expression of x or a table", ocpLoc);
            default:
                throw new InputException($"'{Pe} / {ocpKey}' must be an expression of x or a table {{\"x\": [...], \"y\": [...]}}, found {Describe(ocpEl)}", ocpLoc);
        }
        sources["ocv"] = ocvDescription;

        // ---- solid diffusion
        const string dKey = "Diffusivity [m2.s-1]";
        var dEl = Required(pe, Pe, dKey);
        if (dEl.ValueKind != JsonValueKind.Number)
            throw new InputException($"'{Pe} / {dKey}' depends on the stoichiometry ({Describe(dEl)}); Interphase's particle model takes a constant diffusivity (with an Arrhenius activation energy)", Loc("Parameterisation", Pe, dKey));
        double d = Pos(dKey, 1e-25, 1e-6, "m2/s", "diffusivity");
        double eaD = OptionalPos("Diffusivity activation energy [J.mol-1]", 0, 1e6, "J/mol", "diffusivity_activation_energy");
        double radius = Pos("Particle radius [m]", 1e-9, 1e-3, "m", "particle_radius");
        double cMax = Pos("Maximum concentration [mol.m-3]", 1, 1e6, "mol/m3", "max_concentration");
        double xMin = Pos("Minimum stoichiometry", 0, 1, "the stoichiometry of the charged cathode", "stoichiometry_charged");
        double xMax = Pos("Maximum stoichiometry", 0, 1, "the stoichiometry of the discharged cathode", "stoichiometry_discharged");
        if (!(xMin < xMax))
            throw new InputException($"'{Pe} / Minimum stoichiometry' ({xMin}) must be below the maximum ({xMax})", Loc("Parameterisation", Pe, "Minimum stoichiometry"));

        // ---- reference temperature (the Arrhenius laws' T_ref)
        double tRef = 298.15;
        if (par.TryGetProperty("Cell", out var cell) && cell.TryGetProperty("Reference temperature [K]", out var tr))
        {
            tRef = Number(tr, ["Parameterisation", "Cell", "Reference temperature [K]"], 150, 700, "K");
            sources["reference_temperature"] = $"BPX file {Path.GetFileName(file)}: Cell / Reference temperature [K]";
        }

        // ---- kinetics: k (mol m-2 s-1) needs the electrolyte's reference concentration c_e0 of the cell it was fitted in
        double? m = null;
        double eaK = 0;
        const string kKey = "Reaction rate constant [mol.m-2.s-1]";
        if (pe.TryGetProperty(kKey, out var kEl))
        {
            double k = Number(kEl, ["Parameterisation", Pe, kKey], 0, 1, "mol/m2/s");
            if (par.TryGetProperty("Electrolyte", out var el) && el.TryGetProperty("Initial concentration [mol.m-3]", out var ce0El))
            {
                double ce0 = Number(ce0El, ["Parameterisation", "Electrolyte", "Initial concentration [mol.m-3]"], 1, 1e5, "mol/m3");
                if (k > 0) m = RateConstantFromBpx(k, cMax, ce0);
                sources["reaction_rate_constant"] = $"{Source(kKey)}, with Electrolyte / Initial concentration [mol.m-3] = {ce0.ToString(CultureInfo.InvariantCulture)} (m = F k / (c_max c_e0^0.5))";
                eaK = OptionalPos("Reaction rate constant activation energy [J.mol-1]", 0, 1e6, "J/mol", "reaction_activation_energy");
            }
            else warnings.Add($"BPX file {Path.GetFileName(file)}: '{Pe} / {kKey}' is not used (the file gives no 'Electrolyte / Initial concentration [mol.m-3]' to convert it); the cathode's reaction rate constant comes from the library");
        }

        // ---- initial state
        double? x0 = null;
        if (root.TryGetProperty("State", out var state) && state.TryGetProperty("Initial conditions", out var ic)
            && ic.TryGetProperty("Initial state-of-charge", out var socEl))
        {
            double soc = Number(socEl, ["State", "Initial conditions", "Initial state-of-charge"], 0, 1, "a fraction");
            x0 = xMax - soc * (xMax - xMin);
            sources["stoichiometry_initial"] = $"BPX file {Path.GetFileName(file)}: State / Initial conditions / Initial state-of-charge = {soc.ToString(CultureInfo.InvariantCulture)}";
        }

        // ---- what is not used, on one line each
        if (pe.TryGetProperty("Entropic change coefficient [V.K-1]", out var dudt) && !(dudt.ValueKind == JsonValueKind.Number && dudt.GetDouble() == 0))
            warnings.Add($"BPX file {Path.GetFileName(file)}: '{Pe} / Entropic change coefficient [V.K-1]' is not used: the OCV is the same at every temperature");
        if (par.TryGetProperty("User-defined", out _))
            warnings.Add($"BPX file {Path.GetFileName(file)}: 'Parameterisation / User-defined' is not used");

        return new BpxCathode(file, ocv, ocvDescription, validMin, validMax, d, eaD, tRef, radius, cMax, xMin, xMax, x0, m, eaK, warnings, sources);
    }

    static (double[] x, double[] y) Table(JsonElement e, SourceLocation where, string key)
    {
        if (!e.TryGetProperty("x", out var xe) || !e.TryGetProperty("y", out var ye) || xe.ValueKind != JsonValueKind.Array || ye.ValueKind != JsonValueKind.Array)
            throw new InputException($"'{key}' as a table must be {{\"x\": [...], \"y\": [...]}}", where);
        double[] Read(JsonElement a, string n) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble()
            : throw new InputException($"'{key}' table: every {n} must be a number, found {Describe(v)}", where)).ToArray();
        var x = Read(xe, "x");
        var y = Read(ye, "y");
        if (x.Length != y.Length) throw new InputException($"'{key}' table: x has {x.Length} values and y {y.Length}", where);
        if (x.Length < 2) throw new InputException($"'{key}' table needs at least two points", where);
        for (int i = 1; i < x.Length; i++)
            if (!(x[i] > x[i - 1])) throw new InputException($"'{key}' table: x must increase, but x[{i}] = {x[i]} follows {x[i - 1]}", where);
        if (x[0] < 0 || x[^1] > 1) throw new InputException($"'{key}' table: x is a stoichiometry, between 0 and 1 (found {x[0]}..{x[^1]})", where);
        return (x, y);
    }

    static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Object => "a table",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };

    static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
