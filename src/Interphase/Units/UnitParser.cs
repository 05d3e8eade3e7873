using System.Globalization;

namespace Interphase.Units;

/// <summary>A unit: multiply a number by <see cref="Factor"/> and add <see cref="Offset"/> to get SI.</summary>
public readonly record struct Unit(double Factor, Dimension Dimension, double Offset = 0, string Text = "")
{
    public static readonly Unit One = new(1, default, 0, "");
    public double ToSi(double value) => value * Factor + Offset;
    public double FromSi(double si) => (si - Offset) / Factor;
}

/// <summary>
/// Parses the units users write: <c>mA/cm2</c>, <c>mA cm-2</c>, <c>mAh g^-1</c>, <c>S/cm</c>,
/// <c>Ohm cm2</c>, <c>degC</c>, <c>MPa m^0.5</c>, <c>kJ/mol</c>, <c>eV</c>, <c>µm</c>.
/// Hand-written because no available library covers battery units (mAh, C-rates are handled by
/// the protocol grammar) and UnitsNet is not available; see docs/decisions/0002-units.md.
/// </summary>
public static class UnitParser
{
    const double Faraday = 96485.33212;

    static readonly Dimension Kg = Dimension.Of(kg: 1), M = Dimension.Of(m: 1), S = Dimension.Of(s: 1),
        A = Dimension.Of(a: 1), K = Dimension.Of(k: 1), Mol = Dimension.Of(mol: 1);
    static readonly Dimension Volt = Kg * M.Pow(2) / S.Pow(3) / A;
    static readonly Dimension Ohm = Volt / A;
    static readonly Dimension Joule = Kg * M.Pow(2) / S.Pow(2);
    static readonly Dimension Pascal = Kg / M / S.Pow(2);

    /// <summary>Symbols that take SI prefixes.</summary>
    static readonly Dictionary<string, (double f, Dimension d)> Prefixable = new()
    {
        ["m"] = (1, M), ["g"] = (1e-3, Kg), ["s"] = (1, S), ["A"] = (1, A), ["K"] = (1, K), ["mol"] = (1, Mol),
        ["V"] = (1, Volt), ["Ohm"] = (1, Ohm), ["ohm"] = (1, Ohm), ["Ω"] = (1, Ohm), ["S"] = (1, A / Volt),
        ["Pa"] = (1, Pascal), ["J"] = (1, Joule), ["W"] = (1, Joule / S), ["Hz"] = (1, S.Pow(-1)),
        ["F"] = (1, A * S / Volt), ["C"] = (1, A * S), ["Ah"] = (3600, A * S), ["Wh"] = (3600, Joule),
        ["N"] = (1, Kg * M / S.Pow(2)), ["L"] = (1e-3, M.Pow(3)), ["l"] = (1e-3, M.Pow(3)),
        // eV and kJ/mol are both accepted for activation energies: eV is taken per particle and
        // converted to J/mol with the Faraday constant (1 eV = 96.485 kJ/mol).
        ["eV"] = (Faraday, Joule / Mol),
    };

    /// <summary>Symbols that take no prefix (or whose prefixed forms would be ambiguous).</summary>
    static readonly Dictionary<string, Unit> Plain = new()
    {
        ["min"] = new(60, S), ["h"] = new(3600, S), ["hr"] = new(3600, S), ["hour"] = new(3600, S), ["hours"] = new(3600, S),
        ["d"] = new(86400, S), ["day"] = new(86400, S), ["days"] = new(86400, S),
        ["sec"] = new(1, S), ["second"] = new(1, S), ["seconds"] = new(1, S), ["minute"] = new(60, S), ["minutes"] = new(60, S),
        ["degC"] = new(1, K, 273.15), ["°C"] = new(1, K, 273.15), ["℃"] = new(1, K, 273.15), ["C°"] = new(1, K, 273.15),
        ["bar"] = new(1e5, Pascal), ["atm"] = new(101325, Pascal),
        ["M"] = new(1000, Mol / M.Pow(3)), ["mM"] = new(1, Mol / M.Pow(3)), ["%"] = new(0.01, default), ["percent"] = new(0.01, default),
        ["Å"] = new(1e-10, M), ["angstrom"] = new(1e-10, M), ["ppm"] = new(1e-6, default),
        // angles are dimensionless; stored in radians
        ["deg"] = new(Math.PI / 180, default), ["°"] = new(Math.PI / 180, default), ["rad"] = new(1, default),
    };

    static readonly Dictionary<string, double> Prefixes = new()
    {
        ["p"] = 1e-12, ["n"] = 1e-9, ["u"] = 1e-6, ["µ"] = 1e-6, ["μ"] = 1e-6, ["m"] = 1e-3, ["c"] = 1e-2,
        ["d"] = 1e-1, ["k"] = 1e3, ["M"] = 1e6, ["G"] = 1e9, ["T"] = 1e12,
    };

    static readonly Dictionary<char, char> Superscripts = new()
    {
        ['⁰'] = '0', ['¹'] = '1', ['²'] = '2', ['³'] = '3', ['⁴'] = '4', ['⁵'] = '5', ['⁶'] = '6', ['⁷'] = '7', ['⁸'] = '8', ['⁹'] = '9', ['⁻'] = '-', ['·'] = '*', ['⋅'] = '*',
    };

    /// <summary>Parse a unit expression; throws <see cref="InputException"/> naming what is wrong.</summary>
    public static Unit Parse(string text)
    {
        var src = text.Trim();
        if (src.Length == 0 || src == "1" || src == "-") return Unit.One;
        var norm = new string(src.Select(c => Superscripts.TryGetValue(c, out var r) ? r : c).ToArray());
        // "√m" means m^0.5
        norm = norm.Replace("√m", " m^0.5").Replace("sqrt(m)", " m^0.5");
        int pos = 0;
        double factor = 1, offset = 0;
        Dimension dim = default;
        int terms = 0;
        ParseProduct(norm, ref pos, ref factor, ref dim, ref offset, ref terms, 1, src);
        if (pos < norm.Length) throw new InputException($"unexpected '{norm[pos]}' in unit '{src}'");
        if (offset != 0 && terms > 1) throw new InputException($"unit '{src}': degC cannot be combined with other units; use K");
        return new Unit(factor, dim, offset, src);
    }

    static void ParseProduct(string s, ref int pos, ref double factor, ref Dimension dim, ref double offset, ref int terms, int sign, string src)
    {
        bool divide = false;
        while (true)
        {
            SkipSpaces(s, ref pos);
            if (pos >= s.Length || s[pos] == ')') return;
            if (s[pos] == '/') { divide = true; pos++; continue; }
            if (s[pos] == '*' || s[pos] == '.') { pos++; continue; }
            int termSign = divide ? -sign : sign;
            if (s[pos] == '(')
            {
                pos++;
                double gf = 1, goff = 0;
                Dimension gd = default;
                ParseProduct(s, ref pos, ref gf, ref gd, ref goff, ref terms, 1, src);
                if (pos >= s.Length || s[pos] != ')') throw new InputException($"missing ')' in unit '{src}'");
                pos++;
                double ge = ReadExponent(s, ref pos, "')'", src);
                factor *= Math.Pow(gf, ge * termSign);
                dim = dim * gd.Pow(ge * termSign);
                offset += goff;
            }
            else if (s[pos] == '1' && (pos + 1 >= s.Length || s[pos + 1] == '/' || s[pos + 1] == ' '))
            {
                pos++; // "1/h"
            }
            else
            {
                var (f, d, off) = ParseTerm(s, ref pos, src);
                factor *= Math.Pow(f, termSign);
                dim = dim * d.Pow(termSign);
                offset += off;
                terms++;
            }
            divide = false;
        }
    }

    static void SkipSpaces(string s, ref int pos) { while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++; }

    static (double f, Dimension d, double offset) ParseTerm(string s, ref int pos, string src)
    {
        int start = pos;
        while (pos < s.Length && (char.IsLetter(s[pos]) || s[pos] is '%' or 'µ' or 'μ' or 'Ω' or '°' or '℃' or 'Å')) pos++;
        if (pos == start) throw new InputException($"expected a unit symbol at '{s[start..]}' in unit '{src}'");
        var sym = s[start..pos];
        double exponent = ReadExponent(s, ref pos, $"'{sym}'", src);
        var (f, d, off) = Resolve(sym, src);
        if (off != 0 && exponent != 1) throw new InputException($"unit '{src}': degC cannot be raised to a power");
        return (Math.Pow(f, exponent), d.Pow(exponent), off);
    }

    /// <summary>An optional power after a symbol or ')': 2, -2, ^-1, ^0.5 (whole or half powers).</summary>
    static double ReadExponent(string s, ref int pos, string after, string src)
    {
        if (!(pos < s.Length && (s[pos] == '^' || s[pos] == '-' || char.IsDigit(s[pos])))) return 1;
        if (s[pos] == '^') pos++;
        int es = pos;
        if (pos < s.Length && (s[pos] == '-' || s[pos] == '+')) pos++;
        while (pos < s.Length && (char.IsDigit(s[pos]) || s[pos] == '.')) pos++;
        if (!double.TryParse(s[es..pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var exponent))
            throw new InputException($"bad exponent after {after} in unit '{src}'");
        if (Math.Abs(exponent * 2 - Math.Round(exponent * 2)) > 1e-9)
            throw new InputException($"unit '{src}': only whole or half powers are supported");
        return exponent;
    }

    static (double f, Dimension d, double offset) Resolve(string sym, string src)
    {
        if (Plain.TryGetValue(sym, out var u)) return (u.Factor, u.Dimension, u.Offset);
        if (Prefixable.TryGetValue(sym, out var p)) return (p.f, p.d, 0);
        foreach (var (pre, pf) in Prefixes)
        {
            if (sym.Length > pre.Length && sym.StartsWith(pre, StringComparison.Ordinal) && Prefixable.TryGetValue(sym[pre.Length..], out var q))
                return (pf * q.f, q.d, 0);
        }
        var lower = sym.ToLowerInvariant();
        if (lower is "ohms") return (1, Ohm, 0);
        throw new InputException($"unknown unit '{sym}' in '{src}'");
    }
}
