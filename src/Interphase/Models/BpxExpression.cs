using System.Globalization;

namespace Interphase.Models;

/// <summary>
/// A BPX function of one variable (<c>"OCP [V]": "-3.04 * x + 10.05 - 0.656 * tanh(-4.02 * (x - 0.80))"</c>):
/// the arithmetic subset of Python that the BPX standard allows, numbers, the variable <c>x</c>, <c>+ - * /</c>,
/// <c>**</c> and the functions of BPX's default preamble (<c>exp</c>, <c>tanh</c>, <c>cosh</c>), evaluated with
/// Python's precedence: <c>**</c> binds tighter than a unary minus on its left and groups to the right
/// (<c>-x**2</c> is −(x²), <c>2**3**2</c> is 2⁹). Parsed once into a tree of closures.
/// See docs/decisions/0020-bpx-and-drive-cycles.md for why this is written here.
/// </summary>
public static class BpxExpression
{
    /// <summary>The functions BPX's default preamble imports (<c>from math import exp, tanh, cosh</c>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<double, double>> Functions = new Dictionary<string, Func<double, double>>
    {
        ["exp"] = Math.Exp,
        ["tanh"] = Math.Tanh,
        ["cosh"] = Math.Cosh,
    };

    /// <summary>
    /// Parses <paramref name="text"/>; a mistake throws <see cref="FormatException"/> whose message names the
    /// 1-based character position and what was expected (the caller adds the file and the key).
    /// </summary>
    public static Func<double, double> Parse(string text)
    {
        var p = new Parser(text);
        var f = p.Expression();
        p.SkipWs();
        if (!p.AtEnd) throw p.Error($"unexpected '{p.Text[p.Pos]}'");
        return f;
    }

    sealed class Parser(string text)
    {
        public readonly string Text = text;
        public int Pos;
        public bool AtEnd => Pos >= Text.Length;

        public FormatException Error(string what) => new($"{what} at character {Pos + 1} of the expression");

        public void SkipWs() { while (Pos < Text.Length && char.IsWhiteSpace(Text[Pos])) Pos++; }

        bool Take(string token)
        {
            SkipWs();
            if (string.CompareOrdinal(Text, Pos, token, 0, token.Length) != 0) return false;
            // '*' must not swallow the first half of '**'
            if (token == "*" && Pos + 1 < Text.Length && Text[Pos + 1] == '*') return false;
            Pos += token.Length;
            return true;
        }

        public Func<double, double> Expression()
        {
            var left = Term();
            while (true)
            {
                if (Take("+")) { var a = left; var b = Term(); left = x => a(x) + b(x); }
                else if (Take("-")) { var a = left; var b = Term(); left = x => a(x) - b(x); }
                else return left;
            }
        }

        Func<double, double> Term()
        {
            var left = Unary();
            while (true)
            {
                if (Take("*")) { var a = left; var b = Unary(); left = x => a(x) * b(x); }
                else if (Take("/")) { var a = left; var b = Unary(); left = x => a(x) / b(x); }
                else return left;
            }
        }

        Func<double, double> Unary()
        {
            if (Take("-")) { var a = Unary(); return x => -a(x); }
            if (Take("+")) return Unary();
            return Power();
        }

        Func<double, double> Power()
        {
            var b = Atom();
            if (!Take("**")) return b;
            var e = Unary();   // Python: the exponent is a unary expression, so 2**-1 and 2**3**2 (right to left)
            return x => Math.Pow(b(x), e(x));
        }

        Func<double, double> Atom()
        {
            SkipWs();
            if (AtEnd) throw Error("expected a number, 'x', a function or '(' but the expression ended");
            char c = Text[Pos];
            if (c == '(')
            {
                Pos++;
                var inner = Expression();
                if (!Take(")")) throw Error("expected ')'");
                return inner;
            }
            if (char.IsDigit(c) || c == '.') return Number();
            if (char.IsLetter(c) || c == '_')
            {
                int s = Pos;
                while (Pos < Text.Length && (char.IsLetterOrDigit(Text[Pos]) || Text[Pos] == '_')) Pos++;
                var name = Text[s..Pos];
                if (name == "x") return x => x;
                if (!Functions.TryGetValue(name, out var fn))
                {
                    Pos = s;
                    throw Error($"unknown name '{name}': a BPX function uses the variable x and the functions {string.Join(", ", Functions.Keys)}");
                }
                if (!Take("(")) throw Error($"expected '(' after '{name}'");
                var arg = Expression();
                if (Take(",")) throw Error($"'{name}' takes one argument");
                if (!Take(")")) throw Error($"expected ')' to close '{name}('");
                return x => fn(arg(x));
            }
            throw Error($"unexpected '{c}': expected a number, 'x', a function or '('");
        }

        Func<double, double> Number()
        {
            int s = Pos;
            while (Pos < Text.Length && (char.IsDigit(Text[Pos]) || Text[Pos] == '.')) Pos++;
            if (Pos < Text.Length && Text[Pos] is 'e' or 'E')
            {
                int e = Pos + 1;
                if (e < Text.Length && Text[e] is '+' or '-') e++;
                if (e < Text.Length && char.IsDigit(Text[e]))
                {
                    Pos = e;
                    while (Pos < Text.Length && char.IsDigit(Text[Pos])) Pos++;
                }
            }
            var t = Text[s..Pos];
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                Pos = s;
                throw Error($"'{t}' is not a number");
            }
            return _ => v;
        }
    }
}
