using System.Globalization;
using System.Text;

namespace Interphase.Sweeps;

/// <summary>
/// The <c>--where</c> expression of <c>sweep show</c>, checked and turned into SQL with the user's values
/// as parameters: comparisons <c>COLUMN OP VALUE</c> (OP one of = == != &lt;&gt; &lt; &lt;= &gt; &gt;=; VALUE a
/// number or a 'quoted text'), <c>COLUMN is [not] null</c>, joined by and / or / not and parentheses.
/// A column is a name of the runs table, bare (<c>critical_current_density_mA_cm2</c>,
/// <c>layers[1].thickness</c>) or in double quotes (<c>"Li|Li6PS5Cl.exchange_current_density"</c>).
/// Nothing of the user's text reaches the SQL but checked column names and operators.
/// </summary>
public sealed class SweepFilter
{
    readonly string _text;
    readonly IReadOnlyCollection<string> _columns;
    readonly List<(string Kind, string Text, int At)> _tokens;
    int _pos;
    readonly StringBuilder _sql = new();
    readonly List<object> _args = [];

    SweepFilter(string text, IReadOnlyCollection<string> columns)
    {
        _text = text;
        _columns = columns;
        _tokens = Tokenize(text);
    }

    /// <summary>The SQL condition and its parameter values ($w0, $w1, …).</summary>
    public static (string Sql, IReadOnlyList<object> Args) Parse(string text, IReadOnlyCollection<string> columns)
    {
        var f = new SweepFilter(text, columns);
        if (f._tokens.Count == 0) throw f.Error("an empty expression: expected e.g. 'critical_current_density_mA_cm2 > 1'", text.Length);
        f.Or();
        if (f._pos < f._tokens.Count) throw f.Error($"unexpected '{f._tokens[f._pos].Text}'", f._tokens[f._pos].At);
        return (f._sql.ToString(), f._args);
    }

    InputException Error(string message, int at) =>
        new($"{message} (at character {at + 1} of \"{_text}\")", new SourceLocation("--where"));

    (string Kind, string Text, int At) Peek => _pos < _tokens.Count ? _tokens[_pos] : ("end", "", _text.Length);

    bool Keyword(string word)
    {
        if (Peek.Kind == "word" && string.Equals(Peek.Text, word, StringComparison.OrdinalIgnoreCase)) { _pos++; return true; }
        return false;
    }

    void Or()
    {
        And();
        while (Keyword("or")) { _sql.Append(" OR "); And(); }
    }

    void And()
    {
        Not();
        while (Keyword("and")) { _sql.Append(" AND "); Not(); }
    }

    void Not()
    {
        if (Keyword("not")) { _sql.Append("NOT "); Not(); return; }
        if (Peek.Kind == "(")
        {
            _pos++;
            _sql.Append('(');
            Or();
            if (Peek.Kind != ")") throw Error("a '(' is not closed", Peek.At);
            _pos++;
            _sql.Append(')');
            return;
        }
        Comparison();
    }

    void Comparison()
    {
        var col = Peek;
        if (col.Kind is not ("word" or "quoted")) throw Error(col.Kind == "end" ? "the expression ends early: expected a column" : $"expected a column, got '{col.Text}'", col.At);
        var name = _columns.FirstOrDefault(c => string.Equals(c, col.Text, StringComparison.OrdinalIgnoreCase))
            ?? throw Error($"unknown column '{col.Text}': expected one of {string.Join(", ", _columns)}", col.At);
        _pos++;
        _sql.Append(SweepStore.Quote(name));
        if (Keyword("is"))
        {
            bool not = Keyword("not");
            if (!Keyword("null")) throw Error("expected 'is null' or 'is not null'", Peek.At);
            _sql.Append(not ? " IS NOT NULL" : " IS NULL");
            return;
        }
        var op = Peek;
        var sqlOp = op.Kind == "op" ? op.Text switch { "==" => "=", "<>" => "!=", _ => op.Text } : null;
        if (sqlOp is null) throw Error($"expected a comparison (=, !=, <, <=, >, >=) after '{col.Text}', got '{(op.Kind == "end" ? "the end" : op.Text)}'", op.At);
        _pos++;
        var value = Peek;
        object arg = value.Kind switch
        {
            "number" => double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture),
            "string" => value.Text,
            _ => throw Error($"expected a number or a 'quoted text' after '{op.Text}', got '{(value.Kind == "end" ? "the end" : value.Text)}'", value.At),
        };
        _pos++;
        _sql.Append(' ').Append(sqlOp).Append(" $w").Append(_args.Count.ToString(CultureInfo.InvariantCulture));
        _args.Add(arg);
    }

    List<(string, string, int)> Tokenize(string s)
    {
        var tokens = new List<(string, string, int)>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (c is '(' or ')') { tokens.Add((c.ToString(), c.ToString(), i)); i++; continue; }
            if (c is '<' or '>' or '=' or '!')
            {
                var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
                var op = two is "<=" or ">=" or "!=" or "<>" or "==" ? two : c is '!' ? throw Error("'!' must be followed by '='", i) : c.ToString();
                tokens.Add(("op", op, i));
                i += op.Length;
                continue;
            }
            if (c is '\'' or '"')
            {
                int end = s.IndexOf(c, i + 1);
                if (end < 0) throw Error($"a {c} is not closed", i);
                tokens.Add((c == '"' ? "quoted" : "string", s[(i + 1)..end], i));
                i = end + 1;
                continue;
            }
            if (char.IsDigit(c) || c is '.' or '-' or '+')
            {
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] is '.' or 'e' or 'E' || (s[i] is '-' or '+' && (i == start || s[i - 1] is 'e' or 'E')))) i++;
                var num = s[start..i];
                if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) throw Error($"'{num}' is not a number", start);
                tokens.Add(("number", num, start));
                continue;
            }
            if (char.IsLetter(c) || c is '_' or '$')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '.' or '|' or '$' or '[' or ']')) i++;
                tokens.Add(("word", s[start..i], start));
                continue;
            }
            throw Error($"unexpected character '{c}'", i);
        }
        return tokens;
    }
}
