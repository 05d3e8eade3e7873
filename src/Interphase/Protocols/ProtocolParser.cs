using System.Globalization;
using Interphase.Units;

namespace Interphase.Protocols;

/// <summary>
/// Parses protocols written as sentences, one step per line:
/// <code>
/// Plate at 0.2 mA/cm2 for 5 h
/// Plate 1 mAh/cm2 at 0.1 mA/cm2
/// Rest for 10 min
/// Repeat 100 times: Plate at 0.2 mA/cm2 for 5 h; Strip at 0.2 mA/cm2 for 5 h
/// Ramp from 0.1 to 0.7 mA/cm2 in steps of 0.1 mA/cm2: Plate for 1 h; Strip for 1 h
/// Stop if |V| > 0.5 V
/// Measure EIS from 1 MHz to 100 mHz
/// </code>
/// A block header ending in ':' may also take the following, more indented lines as its body.
/// '#' starts a comment. Keywords are case-insensitive. Errors name the line and column and what
/// was expected. Hand-written recursive descent (see docs/decisions/0003-protocol-grammar.md).
/// </summary>
public static partial class ProtocolParser
{
    public static Protocol ParseFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read protocol file: {e.Message}", path);
        }
        return Parse(text, path);
    }

    /// <summary>Parse inline steps (each a line), e.g. from repeated --step options.</summary>
    public static Protocol ParseLines(IEnumerable<string> lines, string sourceName = "--step") =>
        Parse(string.Join('\n', lines), sourceName);

    public static Protocol Parse(string text, string sourceName) => Parse(text, sourceName, BaseDirectoryOf(sourceName));

    /// <summary>
    /// Parse a protocol whose files (a drive cycle's <c>with profile FILE</c>) are relative to
    /// <paramref name="baseDirectory"/>.
    /// </summary>
    public static Protocol Parse(string text, string sourceName, string baseDirectory)
    {
        _baseDirectory = baseDirectory;
        try { return ParseCore(text, sourceName); }
        finally { _baseDirectory = null; }
    }

    [ThreadStatic] static string? _baseDirectory;

    /// <summary>
    /// Where a protocol's files are looked for: beside the protocol file (or the cell file whose 'protocol:' it
    /// is, "cell.yaml (protocol)"), else the current directory (steps given on the command line).
    /// </summary>
    static string BaseDirectoryOf(string sourceName)
    {
        foreach (var suffix in new[] { " (protocol)", " + --step" })
            if (sourceName.EndsWith(suffix, StringComparison.Ordinal)) sourceName = sourceName[..^suffix.Length];
        return File.Exists(sourceName) ? Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? "." : Directory.GetCurrentDirectory();
    }

    static Protocol ParseCore(string text, string sourceName)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n')
            .Select((raw, i) => new RawLine(i + 1, raw))
            .ToList();
        int idx = 0;
        var steps = ParseBlock(lines, ref idx, -1, sourceName);
        var stops = new List<StopStep>();
        Collect(steps, stops);
        var top = steps.Where(s => s is not StopStep).ToList();
        if (top.Count == 0)
            throw new InputException("the protocol has no steps; expected lines such as 'Plate at 0.2 mA/cm2 for 5 h'", sourceName, 1);
        return new Protocol(top, stops, sourceName);
    }

    static void Collect(IEnumerable<Step> steps, List<StopStep> stops)
    {
        foreach (var s in steps)
        {
            if (s is StopStep st) stops.Add(st);
            else if (s is RepeatBlock r) Collect(r.Body, stops);
            else if (s is RampBlock rb) Collect(rb.Body, stops);
        }
    }

    sealed record RawLine(int Number, string Raw)
    {
        public string Content
        {
            get
            {
                var h = Raw.IndexOf('#');
                return (h >= 0 ? Raw[..h] : Raw).TrimEnd();
            }
        }
        public int Indent => Raw.TakeWhile(c => c == ' ' || c == '\t').Sum(c => c == '\t' ? 4 : 1);
        public bool Blank => Content.Trim().Length == 0;
    }

    static List<Step> ParseBlock(List<RawLine> lines, ref int idx, int parentIndent, string source)
    {
        var result = new List<Step>();
        int? blockIndent = null;
        while (idx < lines.Count)
        {
            var line = lines[idx];
            if (line.Blank) { idx++; continue; }
            if (line.Indent <= parentIndent) break;
            blockIndent ??= line.Indent;
            if (line.Indent != blockIndent)
                throw new InputException($"inconsistent indentation: expected {blockIndent} spaces like the lines above, found {line.Indent}", source, line.Number, 1);
            idx++;
            var cur = new Cursor(line.Content, source, line.Number);
            var parsed = ParseSequence(cur, allowOpenBlock: true, out var openBlock);
            if (openBlock is not null)
            {
                var body = ParseBlock(lines, ref idx, line.Indent, source);
                if (body.Count == 0)
                    throw new InputException($"'{openBlock.Value.header}' ends with ':' but no indented steps follow", source, line.Number, cur.Text.Length);
                parsed.Add(openBlock.Value.make(body));
            }
            result.AddRange(parsed);
        }
        return result;
    }

    /// <summary>steps separated by ';' until end of line. A block header ending the line is returned open.</summary>
    static List<Step> ParseSequence(Cursor c, bool allowOpenBlock, out (string header, Func<IReadOnlyList<Step>, Step> make)? open)
    {
        open = null;
        var steps = new List<Step>();
        while (true)
        {
            c.SkipWs();
            if (c.AtEnd)
            {
                if (steps.Count == 0) throw c.Error("expected a step (Plate, Strip, Rest, Repeat, Ramp, Stop, Measure EIS, Charge, Discharge, Hold, Sweep, Cycle)");
                break;
            }
            var step = ParseStep(c, allowOpenBlock, out var o);
            if (o is not null) { open = o; break; }
            c.SkipWs();
            if (!c.AtEnd && c.Peek == '(') step = WithPeriod(c, step!);
            steps.Add(step!);
            c.SkipWs();
            if (c.AtEnd) break;
            if (c.Peek == ';') { c.Pos++; c.SkipWs(); if (c.AtEnd) break; continue; }
            throw c.Error($"expected ';' or the end of the line after '{step!.Text}', found '{c.Rest}'");
        }
        return steps;
    }

    static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    { "for", "at", "until", "in", "to", "times", "time", "with", "and", "steps", "step", "by", "of", "if", "when", "then", "x" };

    static Step? ParseStep(Cursor c, bool allowOpenBlock, out (string header, Func<IReadOnlyList<Step>, Step> make)? open)
    {
        open = null;
        int start = c.Pos;
        var where = c.Location(start);
        var verb = c.ReadWord();
        if (verb is null) throw c.Error($"expected a step such as 'Plate at 0.2 mA/cm2 for 5 h', found '{c.Rest}'");
        switch (verb.ToLowerInvariant())
        {
            case "plate": return ParseCurrent(c, start, CurrentKind.Plate);
            case "strip": return ParseCurrent(c, start, CurrentKind.Strip);
            case "charge": return ParseCurrent(c, start, CurrentKind.Charge);
            case "discharge": return ParseCurrent(c, start, CurrentKind.Discharge);
            case "rest": return ParseRest(c, start);
            case "hold": return ParseHold(c, start);
            case "measure": return ParseEis(c, start);
            case "sweep": return ParseSweep(c, start);
            case "cycle": return ParseCyclicSweep(c, start);
            case "stop":
            {
                if (!c.TryWord("if") && !c.TryWord("when") && !c.TryWord("on"))
                    throw c.Error("expected 'if' after 'Stop', as in 'Stop if |V| > 0.5 V'");
                var cond = ParseCondition(c, null);
                return new StopStep(where, c.Slice(start), cond);
            }
            case "repeat":
            {
                c.SkipWs();
                var n = c.ReadInteger() ?? throw c.Error("expected a whole number after 'Repeat', as in 'Repeat 100 times: …'");
                if (n < 1) throw c.Error("'Repeat' needs a count of at least 1", c.Pos - 1);
                if (!c.TryWord("times") && !c.TryWord("time")) c.TryWord("x");
                c.SkipWs();
                if (c.AtEnd || c.Peek != ':') throw c.Error("expected ':' after 'Repeat N times'");
                c.Pos++;
                var header = c.Slice(start);
                return Block(c, allowOpenBlock, ref open, header, body => new RepeatBlock(where, header, n, body));
            }
            case "ramp":
            {
                c.TryWord("from");
                var fromText = c.ReadQuantityText() ?? throw c.Error("expected the first current density after 'Ramp from'");
                if (!c.TryWord("to")) throw c.Error("expected 'to' in 'Ramp from 0.1 to 0.7 mA/cm2 …'");
                var toText = c.ReadQuantityText() ?? throw c.Error("expected the last current density after 'to'");
                var to = ParseCurrentSpec(toText.text, c.Location(toText.pos));
                var fromFull = HasUnit(fromText.text) ? fromText.text : $"{fromText.text} {UnitOf(toText.text)}";
                var from = ParseCurrentSpec(fromFull, c.Location(fromText.pos));
                if (from.Unit != to.Unit) throw c.Error("the first and last currents of a ramp must be in the same kind of unit", fromText.pos);
                if (c.TryWord("in")) { if (!c.TryWord("steps")) throw c.Error("expected 'steps of' after 'in'"); if (!c.TryWord("of")) throw c.Error("expected 'of' after 'in steps'"); }
                else if (!c.TryWord("by") && !(c.TryWord("step") && (c.TryWord("of") || true)))
                    throw c.Error("expected 'in steps of <current density>' in the ramp");
                var incText = c.ReadQuantityText() ?? throw c.Error("expected the step size of the ramp, e.g. '0.1 mA/cm2'");
                var incFull = HasUnit(incText.text) ? incText.text : $"{incText.text} {UnitOf(toText.text)}";
                var inc = ParseCurrentSpec(incFull, c.Location(incText.pos));
                if (inc.Unit != to.Unit) throw c.Error("the ramp's step size must be in the same kind of unit as its currents", incText.pos);
                if (inc.Value <= 0) throw c.Error("the ramp's step size must be positive", incText.pos);
                if (to.Value < from.Value) throw c.Error("a ramp must go up: 'to' must be larger than 'from'", toText.pos);
                if ((to.Value - from.Value) / inc.Value > 100000) throw c.Error("the ramp has more than 100 000 steps", incText.pos);
                c.SkipWs();
                if (c.AtEnd || c.Peek != ':') throw c.Error("expected ':' and the steps to run at each current, as in '…: Plate for 1 h; Strip for 1 h'");
                c.Pos++;
                var header = c.Slice(start);
                return Block(c, allowOpenBlock, ref open, header, body =>
                {
                    if (!ContainsCurrentStep(body))
                        throw new InputException($"the ramp '{header}' has no Plate/Strip step to run at each current", where);
                    return new RampBlock(where, header, from, to, inc.Value, body);
                });
            }
            default:
                throw c.Error($"unknown step '{verb}': expected Plate, Strip, Rest, Repeat, Ramp, Stop, Measure, Charge, Discharge, Hold, Sweep or Cycle", start);
        }
    }

    static bool ContainsCurrentStep(IReadOnlyList<Step> body) =>
        body.Any(s => s is CurrentStep || (s is RepeatBlock r && ContainsCurrentStep(r.Body)));

    static Step? Block(Cursor c, bool allowOpenBlock, ref (string header, Func<IReadOnlyList<Step>, Step> make)? open,
        string header, Func<IReadOnlyList<Step>, Step> make)
    {
        c.SkipWs();
        if (c.AtEnd)
        {
            if (!allowOpenBlock) throw c.Error($"expected steps after '{header}'");
            open = (header, make);
            return null;
        }
        var body = ParseSequence(c, allowOpenBlock: false, out _);
        // ParseSequence consumed the rest of the line: the block ends the line.
        return make(body);
    }

    static CurrentStep ParseCurrent(Cursor c, int start, CurrentKind kind)
    {
        var where = c.Location(start);
        CurrentSpec? current = null;
        double? duration = null, temperature = null;
        CapacityCondition? capacity = null;
        Condition? until = null;
        CurrentProfile? profile = null;
        // optional capacity right after the verb: "Plate 1 mAh/cm2 at 0.1 mA/cm2"
        c.SkipWs();
        if (!c.AtEnd && (char.IsDigit(c.Peek) || c.Peek == '.'))
        {
            var q = c.ReadQuantityText()!.Value;
            capacity = ParseCapacity(q.text, c.Location(q.pos));
        }
        while (true)
        {
            c.SkipWs();
            if (c.AtStepEnd) break;
            int clauseStart = c.Pos;
            if (c.TryWord("at"))
            {
                var q = c.ReadQuantityText() ?? throw c.Error("expected a current after 'at', such as '0.2 mA/cm2' or '0.1C'");
                if (LooksLikeTemperature(q.text)) { temperature = Measure.Parse(q.text, QuantityKind.Temperature, c.Location(q.pos)); continue; }
                if (current is not null) throw c.Error("the step already has a current", clauseStart);
                current = ParseCurrentSpec(q.text, c.Location(q.pos));
            }
            else if (c.TryWord("for"))
            {
                var q = c.ReadQuantityText() ?? throw c.Error("expected a time after 'for', such as '5 h' or '10 min'");
                if (duration is not null) throw c.Error("the step already has a duration", clauseStart);
                duration = Measure.Parse(q.text, QuantityKind.Time, c.Location(q.pos));
                if (duration <= 0) throw c.Error("the duration must be positive", q.pos);
            }
            else if (c.TryWord("until"))
            {
                if (until is not null) throw c.Error("the step already has an 'until' condition", clauseStart);
                until = ParseCondition(c, kind);
            }
            else if (c.TryWord("or"))
            {
                continue;
            }
            else if (c.TryWord("with"))
            {
                // a drive cycle: 'Discharge with profile us06.csv until 2.5 V'
                if (!c.TryWord("profile")) throw c.Error("expected 'profile <file.csv>' after 'with', as in 'Discharge with profile us06.csv until 2.5 V'");
                if (profile is not null) throw c.Error("the step already has a profile", clauseStart);
                c.SkipWs();
                int p0 = c.Pos;
                var file = c.ReadPath() ?? throw c.Error("expected the CSV file of the profile (time, current) after 'with profile'");
                var full = Path.Combine(_baseDirectory ?? Directory.GetCurrentDirectory(), file);
                if (!File.Exists(full)) throw c.Error($"current profile '{file}' not found (a path relative to the protocol file)", p0);
                profile = CurrentProfile.Load(full, c.Location(p0));
            }
            else
            {
                var w = c.PeekToken();
                throw c.Error($"expected 'at <current>', 'for <time>', 'until <condition>' or 'with profile <file>' in '{c.Slice(start).Trim()}', found '{w}'");
            }
        }
        if (profile is not null)
        {
            if (current is not null) throw new InputException($"'{c.Slice(start).Trim()}': a step follows either a current ('at …') or a profile ('with profile …'), not both", where);
            if (capacity is not null) throw new InputException($"'{c.Slice(start).Trim()}': a profile step ends with its profile, 'for <time>' or 'until <condition>', not a capacity", where);
            if (duration > profile.DurationS * (1 + 1e-12))
                throw new InputException($"'{c.Slice(start).Trim()}': the profile lasts {profile.DurationS:G6} s, less than the step's 'for'", where);
            duration ??= profile.DurationS;
        }
        if (duration is null && capacity is null && until is null)
            throw new InputException($"'{c.Slice(start).Trim()}' never ends: add 'for <time>', a capacity such as '1 mAh/cm2', or 'until <condition>'", where);
        return new CurrentStep(where, c.Slice(start).Trim(), kind, current, duration, capacity, until, temperature) { Profile = profile };
    }

    static RestStep ParseRest(Cursor c, int start)
    {
        double? duration = null, temperature = null;
        while (true)
        {
            c.SkipWs();
            if (c.AtStepEnd) break;
            if (c.TryWord("for"))
            {
                var q = c.ReadQuantityText() ?? throw c.Error("expected a time after 'for', such as '10 min'");
                duration = Measure.Parse(q.text, QuantityKind.Time, c.Location(q.pos));
                if (duration <= 0) throw c.Error("the rest time must be positive", q.pos);
            }
            else if (c.TryWord("at"))
            {
                var q = c.ReadQuantityText() ?? throw c.Error("expected a temperature after 'at', such as '40 degC'");
                temperature = Measure.Parse(q.text, QuantityKind.Temperature, c.Location(q.pos));
            }
            else throw c.Error($"expected 'for <time>' after 'Rest', found '{c.PeekToken()}'");
        }
        if (duration is null) throw c.Error("expected 'for <time>' after 'Rest', as in 'Rest for 10 min'");
        return new RestStep(c.Location(start), c.Slice(start).Trim(), duration.Value, temperature);
    }

    /// <summary>'Sweep from 3 V to 5.5 V at 0.1 mV/s'.</summary>
    static SweepStep ParseSweep(Cursor c, int start)
    {
        c.TryWord("from");
        var from = Volts(c, "expected the starting voltage after 'Sweep from', as in 'Sweep from 3 V to 5.5 V at 0.1 mV/s'");
        if (!c.TryWord("to")) throw c.Error("expected 'to' in 'Sweep from 3 V to 5.5 V at 0.1 mV/s'");
        var to = Volts(c, "expected the final voltage after 'to'");
        if (to == from) throw c.Error("a sweep must go somewhere: 'from' and 'to' are equal");
        var rate = ScanRate(c);
        EndOfStep(c, "Sweep");
        return new SweepStep(c.Location(start), c.Slice(start).Trim(), from, to, rate);
    }

    /// <summary>'Cycle between 0 V and 1 V at 2 mV/s 100 times'.</summary>
    static CyclicSweepStep ParseCyclicSweep(Cursor c, int start)
    {
        if (!c.TryWord("between")) throw c.Error("expected 'between' after 'Cycle', as in 'Cycle between 0 V and 1 V at 2 mV/s 100 times'");
        var a = Volts(c, "expected the first vertex voltage after 'between'");
        if (!c.TryWord("and")) throw c.Error("expected 'and' between the two vertex voltages");
        var b = Volts(c, "expected the second vertex voltage after 'and'");
        if (a == b) throw c.Error("the two vertices of a cycle must differ");
        var rate = ScanRate(c);
        int count = 1;
        c.SkipWs();
        if (!c.AtEnd && c.Peek != ';')
        {
            count = c.ReadInteger() ?? throw c.Error("expected the number of cycles, as in '100 times'");
            if (count < 1) throw c.Error("a cyclic sweep needs at least 1 cycle", c.Pos - 1);
            if (count > 100000) throw c.Error("more than 100 000 cycles", c.Pos - 1);
            if (!c.TryWord("times") && !c.TryWord("time") && !c.TryWord("cycles") && !c.TryWord("cycle"))
                throw c.Error("expected 'times' after the number of cycles");
        }
        EndOfStep(c, "Cycle");
        return new CyclicSweepStep(c.Location(start), c.Slice(start).Trim(), Math.Min(a, b), Math.Max(a, b), rate, count);
    }

    static double Volts(Cursor c, string expected)
    {
        var q = c.ReadQuantityText() ?? throw c.Error(expected);
        return Measure.Parse(q.text, QuantityKind.Voltage, c.Location(q.pos));
    }

    static double ScanRate(Cursor c)
    {
        if (!c.TryWord("at")) throw c.Error("expected 'at <scan rate>', as in 'at 0.1 mV/s'");
        var q = c.ReadQuantityText() ?? throw c.Error("expected a scan rate after 'at', such as '0.1 mV/s'");
        var rate = Measure.Parse(q.text, QuantityKind.ScanRate, c.Location(q.pos));
        if (!(rate > 0)) throw c.Error("the scan rate must be positive", q.pos);
        return rate;
    }

    /// <summary>
    /// PyBaMM's period clause after a step, <c>(1 minute period)</c> or <c>(10 s period)</c>: the spacing of the
    /// step's time series. Current, rest and hold steps take one; it is refused after any other step.
    /// </summary>
    static Step WithPeriod(Cursor c, Step step)
    {
        int open = c.Pos;
        c.Pos++;
        var q = c.ReadQuantityText() ?? throw c.Error("expected a time in '(<time> period)', such as '(1 minute period)'");
        if (!c.TryWord("period")) throw c.Error($"expected 'period)' after '({q.text}', as in '(1 minute period)', found '{c.PeekToken()}'");
        c.SkipWs();
        if (c.AtEnd || c.Peek != ')') throw c.Error("expected ')' to close '(<time> period'");
        c.Pos++;
        double period = Measure.Parse(q.text, QuantityKind.Time, c.Location(q.pos));
        if (!(period > 0)) throw c.Error("the period must be positive", q.pos);
        if (step is not (CurrentStep or RestStep or HoldStep))
            throw c.Error($"a '(… period)' sets the time-series spacing of a current, rest or hold step, not of '{step.Text}'", open);
        return step with { PeriodS = period };
    }

    static void EndOfStep(Cursor c, string verb)
    {
        c.SkipWs();
        if (!c.AtEnd && c.Peek != ';') throw c.Error($"unexpected '{c.PeekToken()}' at the end of the {verb} step");
    }

    static HoldStep ParseHold(Cursor c, int start)
    {
        c.TryWord("at");
        var q = c.ReadQuantityText() ?? throw c.Error("expected a voltage after 'Hold at', such as '4.3 V'");
        var volts = Measure.Parse(q.text, QuantityKind.Voltage, c.Location(q.pos));
        double? duration = null, temperature = null;
        Condition? until = null;
        while (true)
        {
            c.SkipWs();
            if (c.AtStepEnd) break;
            if (c.TryWord("for"))
            {
                var t = c.ReadQuantityText() ?? throw c.Error("expected a time after 'for'");
                duration = Measure.Parse(t.text, QuantityKind.Time, c.Location(t.pos));
            }
            else if (c.TryWord("until")) until = ParseCondition(c, null);
            else if (c.TryWord("at"))
            {
                var t = c.ReadQuantityText() ?? throw c.Error("expected a temperature after 'at'");
                temperature = Measure.Parse(t.text, QuantityKind.Temperature, c.Location(t.pos));
            }
            else if (c.TryWord("or")) continue;
            else throw c.Error($"expected 'until <condition>' or 'for <time>' after 'Hold at {q.text}', found '{c.PeekToken()}'");
        }
        if (duration is null && until is null) throw c.Error("a Hold needs 'until <current>' (e.g. 'until C/50') or 'for <time>'");
        return new HoldStep(c.Location(start), c.Slice(start).Trim(), volts, duration, until, temperature);
    }

    /// <summary>"20, 40, 60 degC": numbers separated by commas, one temperature unit at the end.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<n>[+-]?\d+(?:\.\d+)?)(?:\s*,\s*(?<n>[+-]?\d+(?:\.\d+)?))*\s*(?<u>degC|°C|K)(?![A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex TemperatureList();

    static MeasureEisStep ParseEis(Cursor c, int start)
    {
        if (!c.TryWord("EIS") && !c.TryWord("impedance"))
            throw c.Error("expected 'EIS' after 'Measure', as in 'Measure EIS from 1 MHz to 100 mHz'");
        double fmax = 1e6, fmin = 0.1;
        int ppd = 10;
        var temperatures = new List<double>();
        while (true)
        {
            c.SkipWs();
            if (c.AtStepEnd) break;
            if (c.Pos + 2 < c.Text.Length && c.Text[c.Pos..].StartsWith("at", StringComparison.OrdinalIgnoreCase)
                && TemperatureList().Match(c.Text[(c.Pos + 2)..].TrimStart()) is { Success: true } tl)
            {
                // 'at 20, 40, 60 degC': a temperature series
                c.TryWord("at");
                c.SkipWs();
                int p0 = c.Pos;
                var unit = tl.Groups["u"].Value;
                foreach (System.Text.RegularExpressions.Capture n in tl.Groups["n"].Captures)
                    temperatures.Add(Measure.Parse($"{n.Value} {unit}", QuantityKind.Temperature, c.Location(p0 + n.Index)));
                c.Pos = p0 + tl.Length;
                // one temperature ('Measure EIS at 40 degC') is a one-point series: the spectrum at 40 °C of the state now
                continue;
            }
            if (c.TryWord("from"))
            {
                var a = c.ReadQuantityText() ?? throw c.Error("expected a frequency after 'from', such as '1 MHz'");
                fmax = Measure.Parse(a.text, QuantityKind.Frequency, c.Location(a.pos));
                if (!c.TryWord("to")) throw c.Error("expected 'to <frequency>'");
                var b = c.ReadQuantityText() ?? throw c.Error("expected a frequency after 'to', such as '100 mHz'");
                fmin = Measure.Parse(b.text, QuantityKind.Frequency, c.Location(b.pos));
                if (fmin > fmax) (fmin, fmax) = (fmax, fmin);
                if (fmin <= 0) throw c.Error("frequencies must be positive", b.pos);
            }
            else if (c.TryWord("with") || c.TryWord("at"))
            {
                c.SkipWs();
                int p = c.Pos;
                ppd = c.ReadInteger() ?? throw c.Error("expected a whole number of points per decade");
                if (ppd < 1 || ppd > 1000) throw c.Error("points per decade must be between 1 and 1000", p);
                if (!(c.TryWord("points") || c.TryWord("point")) || !c.TryWord("per") || !c.TryWord("decade"))
                    throw c.Error("expected 'points per decade'");
            }
            else throw c.Error($"expected 'from <f> to <f>', 'with N points per decade' or 'at 20, 40, 60 degC', found '{c.PeekToken()}'");
        }
        return new MeasureEisStep(c.Location(start), c.Slice(start).Trim(), fmax, fmin, ppd) { TemperaturesK = temperatures };
    }

    static Condition ParseCondition(Cursor c, CurrentKind? forKind)
    {
        c.SkipWs();
        int start = c.Pos;
        if (c.TryWord("short"))
        {
            c.TryWord("circuit");
            return new ShortCircuitCondition(c.Slice(start).Trim());
        }
        bool absolute = false, explicitV = false;
        if (c.TryLiteral("|V|") || c.TryLiteral("|voltage|")) { absolute = true; explicitV = true; }
        else if (c.TryWordExact("V") || c.TryWord("voltage") || c.TryWord("Ewe") || c.TryWord("Ecell")) explicitV = true;
        else if (c.TryWord("I") || c.TryWord("current"))
        {
            c.SkipWs();
            if (!c.TryLiteral("<")) throw c.Error("expected '<' in a current condition, as in 'until I < C/50'");
            c.TryLiteral("=");
            var q = c.ReadQuantityText() ?? throw c.Error("expected a current after '<'");
            return new CurrentBelowCondition(c.Slice(start).Trim(), ParseCurrentSpec(q.text, c.Location(q.pos)));
        }
        Comparison op = Comparison.Greater;
        c.SkipWs();
        if (explicitV)
        {
            if (c.TryLiteral(">=")) op = Comparison.GreaterOrEqual;
            else if (c.TryLiteral("<=")) op = Comparison.LessOrEqual;
            else if (c.TryLiteral(">")) op = Comparison.Greater;
            else if (c.TryLiteral("<")) op = Comparison.Less;
            else throw c.Error("expected a comparison ('>', '<', '>=', '<=') after the voltage");
        }
        var qtn = c.ReadQuantityText() ?? throw c.Error("expected a condition such as '|V| > 0.5 V', '4.3 V', 'C/50' or 'short circuit'");
        var qt = qtn;
        var loc = c.Location(qt.pos);
        if (!explicitV)
        {
            // "until 4.3 V" (voltage limit in the direction of the step) or "until C/50" (current below)
            var (si, kind) = Measure.ParseOneOf(NormaliseCRate(qt.text), loc, QuantityKind.Voltage, QuantityKind.CurrentDensity, QuantityKind.Current, QuantityKind.InverseTime, QuantityKind.ArealCapacity, QuantityKind.Charge, QuantityKind.SpecificCapacity);
            if (kind == QuantityKind.Voltage)
            {
                var (abs, cmp) = forKind switch
                {
                    CurrentKind.Charge => (false, Comparison.GreaterOrEqual),
                    CurrentKind.Discharge => (false, Comparison.LessOrEqual),
                    _ => (true, Comparison.GreaterOrEqual),
                };
                return new VoltageCondition(c.Slice(start).Trim(), abs, cmp, si);
            }
            if (kind == QuantityKind.ArealCapacity || kind == QuantityKind.Charge || kind == QuantityKind.SpecificCapacity)
                return ParseCapacity(qt.text, loc);
            return new CurrentBelowCondition(c.Slice(start).Trim(), ParseCurrentSpec(qt.text, loc));
        }
        var volts = Measure.Parse(qt.text, QuantityKind.Voltage, loc);
        return new VoltageCondition(c.Slice(start).Trim(), absolute, op, volts);
    }

    static bool LooksLikeTemperature(string text)
    {
        var t = text.Trim();
        return t.EndsWith("degC", StringComparison.Ordinal) || t.EndsWith("°C", StringComparison.Ordinal) || t.EndsWith("℃", StringComparison.Ordinal) || t.EndsWith(" K", StringComparison.Ordinal);
    }

    /// <summary>"0.1C", "0.1 C", "C/10", "1C" → a number in 1/h understood as a C-rate.</summary>
    static string NormaliseCRate(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("C/", StringComparison.Ordinal) &&
            double.TryParse(t[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0)
            return $"{(1 / d).ToString("R", CultureInfo.InvariantCulture)} 1/h";
        if (t.EndsWith('C') && !t.EndsWith("degC", StringComparison.Ordinal) && !t.EndsWith("°C", StringComparison.Ordinal))
        {
            var num = t[..^1].Trim();
            if (double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return $"{num} 1/h";
        }
        return t;
    }

    public static CurrentSpec ParseCurrentSpec(string text, SourceLocation where)
    {
        var norm = NormaliseCRate(text);
        // PyBaMM's constant-power and constant-resistance steps have no counterpart here: say so, not "a current was expected"
        if (UnitOf(text) is "W" or "mW" or "kW" or "W/cm2" or "mW/cm2" or "Ohm" or "ohm" or "Ω" or "mOhm" or "kOhm")
            throw new InputException($"'{text.Trim()}': constant-power and constant-resistance steps (PyBaMM's 'at 2 W', 'at 4 Ohm') are not supported; give a current, a C-rate or a current density", where);
        var (si, kind) = Measure.ParseOneOf(norm, where, QuantityKind.CurrentDensity, QuantityKind.Current, QuantityKind.InverseTime, QuantityKind.SpecificCurrent);
        if (si < 0) throw new InputException($"give the current as a positive magnitude ('{text.Trim()}'): the step's verb (Plate/Strip, Charge/Discharge) sets its direction", where);
        if (si == 0) throw new InputException($"the current '{text.Trim()}' is zero; use 'Rest for …' for open circuit", where);
        var unit = kind == QuantityKind.CurrentDensity ? CurrentUnit.Density
            : kind == QuantityKind.Current ? CurrentUnit.Absolute
            : kind == QuantityKind.InverseTime ? CurrentUnit.CRate : CurrentUnit.PerMass;
        // a C-rate is kept in 1/h
        if (unit == CurrentUnit.CRate) si *= 3600;
        return new CurrentSpec(si, unit);
    }

    static CapacityCondition ParseCapacity(string text, SourceLocation where)
    {
        var (si, kind) = Measure.ParseOneOf(text, where, QuantityKind.ArealCapacity, QuantityKind.Charge, QuantityKind.SpecificCapacity);
        if (si <= 0) throw new InputException($"the capacity '{text.Trim()}' must be positive", where);
        var unit = kind == QuantityKind.ArealCapacity ? CurrentUnit.Density : kind == QuantityKind.Charge ? CurrentUnit.Absolute : CurrentUnit.PerMass;
        return new CapacityCondition(text.Trim(), si, unit);
    }

    static bool HasUnit(string q) => UnitOf(q).Length > 0;

    static string UnitOf(string q)
    {
        var t = q.Trim();
        int i = 0;
        while (i < t.Length && (char.IsDigit(t[i]) || t[i] is '.' or '+' or '-' || ((t[i] is 'e' or 'E') && i + 1 < t.Length && (char.IsDigit(t[i + 1]) || t[i + 1] is '-' or '+')))) i++;
        return t[i..].Trim();
    }

    static bool IsBareNumber(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    static bool IsUnitToken(string token)
    {
        try { Units.UnitParser.Parse(token); return true; }
        catch (InputException) { return false; }
    }

    /// <summary>A position in one line of the protocol, with helpers that report errors at the column.</summary>
    sealed class Cursor(string text, string source, int line)
    {
        public string Text { get; } = text;
        public int Pos;
        public bool AtEnd => Pos >= Text.Length;
        /// <summary>The end of a step's clauses: the line's end, ';' or a period clause '('.</summary>
        public bool AtStepEnd => AtEnd || Text[Pos] is ';' or '(';
        public char Peek => Text[Pos];
        public string Rest => Text[Pos..].Trim();

        public SourceLocation Location(int pos) => new(source, line, pos + 1);
        public InputException Error(string message, int? at = null) => new(message, Location(at ?? Pos));
        public string Slice(int start) => Text[start..Pos];

        public void SkipWs() { while (Pos < Text.Length && char.IsWhiteSpace(Text[Pos])) Pos++; }

        public string? ReadWord()
        {
            SkipWs();
            int s = Pos;
            while (Pos < Text.Length && char.IsLetter(Text[Pos])) Pos++;
            return Pos > s ? Text[s..Pos] : null;
        }

        public string PeekToken()
        {
            SkipWs();
            int e = Pos;
            while (e < Text.Length && !char.IsWhiteSpace(Text[e])) e++;
            return e > Pos ? Text[Pos..e] : "end of line";
        }

        public bool TryWord(string w) => TryWordCore(w, StringComparison.OrdinalIgnoreCase);
        public bool TryWordExact(string w) => TryWordCore(w, StringComparison.Ordinal);

        bool TryWordCore(string w, StringComparison cmp)
        {
            SkipWs();
            if (Pos + w.Length > Text.Length) return false;
            if (!string.Equals(Text.Substring(Pos, w.Length), w, cmp)) return false;
            int e = Pos + w.Length;
            if (e < Text.Length && char.IsLetterOrDigit(Text[e])) return false;
            Pos = e;
            return true;
        }

        public bool TryLiteral(string lit)
        {
            SkipWs();
            if (Pos + lit.Length <= Text.Length && string.Equals(Text.Substring(Pos, lit.Length), lit, StringComparison.OrdinalIgnoreCase))
            {
                Pos += lit.Length;
                return true;
            }
            return false;
        }

        /// <summary>A file name: "quoted" (may hold spaces), or up to the next space, ';' or '('.</summary>
        public string? ReadPath()
        {
            SkipWs();
            if (AtEnd) return null;
            if (Text[Pos] is '"' or '\'')
            {
                char q = Text[Pos];
                int end = Text.IndexOf(q, Pos + 1);
                if (end < 0) throw Error($"the file name has no closing {q}");
                var quoted = Text[(Pos + 1)..end];
                Pos = end + 1;
                return quoted.Length > 0 ? quoted : null;
            }
            int s = Pos;
            while (Pos < Text.Length && !char.IsWhiteSpace(Text[Pos]) && Text[Pos] is not (';' or '(')) Pos++;
            return Pos > s ? Text[s..Pos] : null;
        }

        public int? ReadInteger()
        {
            SkipWs();
            int s = Pos;
            while (Pos < Text.Length && char.IsDigit(Text[Pos])) Pos++;
            if (Pos == s) return null;
            if (Pos < Text.Length && (Text[Pos] == '.' || char.IsLetter(Text[Pos]) && Text[Pos] != 'x'))
            {
                Pos = s;
                return null;
            }
            return int.TryParse(Text[s..Pos], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        /// <summary>
        /// A number and its unit ("0.2 mA/cm2", "0.1C", "C/10", "10 min"): everything up to the next
        /// keyword, ';', ':' or ',' (or the end of the line).
        /// </summary>
        public (string text, int pos)? ReadQuantityText()
        {
            SkipWs();
            int s = Pos;
            if (AtEnd) return null;
            if (Text[Pos] == 'C' && Pos + 1 < Text.Length && Text[Pos + 1] == '/') { }
            else if (!(char.IsDigit(Text[Pos]) || Text[Pos] is '.' or '-' or '+')) return null;
            while (Pos < Text.Length)
            {
                char ch = Text[Pos];
                if (ch is ';' or ':' or ',') break;
                if (char.IsWhiteSpace(ch))
                {
                    int w = Pos;
                    while (w < Text.Length && char.IsWhiteSpace(Text[w])) w++;
                    int we = w;
                    while (we < Text.Length && char.IsLetter(Text[we])) we++;
                    if (we > w && Keywords.Contains(Text[w..we]) && (we >= Text.Length || !char.IsLetterOrDigit(Text[we]))) break;
                    if (w >= Text.Length || Text[w] is ';' or ':' or ',') { Pos = w; break; }
                    // a following word that is not a unit ("for 5 h quickly") ends the quantity, and so does a bare number,
                    // which the unit parser would take as the dimensionless unit 1 ("at 2 mV/s 1 time": the count, not the rate)
                    int te = w;
                    while (te < Text.Length && !char.IsWhiteSpace(Text[te]) && Text[te] is not (';' or ':' or ',')) te++;
                    if (Pos > s && (!IsUnitToken(Text[w..te]) || IsBareNumber(Text[w..te]))) break;
                }
                Pos++;
            }
            var t = Text[s..Pos].Trim();
            return t.Length == 0 ? null : (t, s);
        }
    }
}
