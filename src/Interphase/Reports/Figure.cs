using System.Text.RegularExpressions;

namespace Interphase.Reports;

/// <summary>How a trace draws its points.</summary>
public enum TraceMode { Lines, Markers, LinesAndMarkers }

/// <summary>Line style of a trace.</summary>
public enum LineDash { Solid, Dot, Dash, LongDash, DashDot }

/// <summary>
/// One data series of a <see cref="Figure"/>: x and y of equal length, in the units the axis
/// titles name. Non-finite values (NaN, ±∞) are written as gaps.
/// </summary>
public sealed partial record Trace
{
    /// <summary>Above this many points a trace is drawn with WebGL (<c>scattergl</c>) so that
    /// zoom and hover stay responsive; below it with SVG, which exports more crisply.</summary>
    public const int WebGlThreshold = 5000;

    public Trace(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"trace '{name}': x has {x.Count} values but y has {y.Count}", nameof(y));
        Name = name;
        X = x;
        Y = y;
    }

    public string Name { get; }
    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<double> Y { get; }
    public int Count => X.Count;

    public TraceMode Mode { get; init; } = TraceMode.Lines;
    public LineDash Dash { get; init; } = LineDash.Solid;

    /// <summary>A CSS colour: <c>#rgb</c>, <c>#rrggbb</c>, <c>rgb(…)</c>, <c>rgba(…)</c>, <c>hsl(…)</c>
    /// or a colour name. Null takes the next colour of the report's palette.</summary>
    public string? Color
    {
        get => _color;
        init => _color = value is null || ColorPattern().IsMatch(value)
            ? value
            : throw new ArgumentException($"trace '{Name}': '{value}' is not a CSS colour (#rrggbb, rgb(r,g,b) or a name)", nameof(Color));
    }

    /// <summary>Line width in CSS pixels.</summary>
    public double LineWidth
    {
        get => _lineWidth;
        init => _lineWidth = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LineWidth), value, "must be positive");
    }

    /// <summary>Marker diameter in CSS pixels (markers modes only).</summary>
    public double MarkerSize
    {
        get => _markerSize;
        init => _markerSize = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MarkerSize), value, "must be positive");
    }

    /// <summary>Markers drawn as open circles: points that are not like the others, such as a cycle
    /// the run cut short. Lines (if any) are drawn as usual.</summary>
    public bool Hollow { get; init; }

    /// <summary>Extra text shown on hover, one entry per point (e.g. the frequency of an impedance point).</summary>
    public IReadOnlyList<string>? HoverText
    {
        get => _hoverText;
        init => _hoverText = value is null || value.Count == X.Count
            ? value
            : throw new ArgumentException($"trace '{Name}': {value.Count} hover texts for {X.Count} points", nameof(HoverText));
    }

    /// <summary>Traces with the same group are shown and hidden together from the legend.</summary>
    public string? LegendGroup { get; init; }

    public bool ShowInLegend { get; init; } = true;

    /// <summary>The area between this trace and the one before it in the figure is filled with this
    /// trace's colour (a band: the lower edge, then the upper edge with this set).</summary>
    public bool FillToPrevious { get; init; }

    /// <summary>1 = the figure's left y axis, 2 = its secondary (right) y axis.</summary>
    public int YAxis
    {
        get => _yAxis;
        init => _yAxis = value is 1 or 2 ? value : throw new ArgumentOutOfRangeException(nameof(YAxis), value, "must be 1 or 2");
    }

    /// <summary>True when the trace is drawn with WebGL (more than <see cref="WebGlThreshold"/> points).</summary>
    public bool UsesWebGl => Count > WebGlThreshold;

    /// <summary>The same trace reduced to at most <paramref name="maxPoints"/> points with
    /// <see cref="Decimation.Decimate"/>: every local minimum and maximum survives, so peaks and
    /// cut-offs stay visible. Hover texts follow their points.</summary>
    public Trace Decimated(int maxPoints)
    {
        var d = Decimation.Decimate(X, Y, maxPoints);
        if (d.Indices.Length == Count) return this;
        return new Trace(Name, d.X, d.Y)
        {
            Mode = Mode, Dash = Dash, Color = Color, LineWidth = LineWidth, MarkerSize = MarkerSize, Hollow = Hollow,
            LegendGroup = LegendGroup, ShowInLegend = ShowInLegend, YAxis = YAxis, FillToPrevious = FillToPrevious,
            HoverText = HoverText is null ? null : Array.ConvertAll(d.Indices, i => HoverText[i]),
        };
    }

    string? _color;
    double _lineWidth = 2;
    double _markerSize = 6;
    IReadOnlyList<string>? _hoverText;
    int _yAxis = 1;

    [GeneratedRegex(@"^(#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(rgb|rgba|hsl|hsla)\([0-9.,%\s/+-]+\)|[a-zA-Z]+)$")]
    private static partial Regex ColorPattern();
}

/// <summary>
/// One interactive plot: axis titles, linear or logarithmic axes, an optional secondary y axis
/// (on the right, for traces with <see cref="Trace.YAxis"/> = 2), and traces.
/// </summary>
/// <example><code>
/// new Figure("Nyquist", "Z′ / Ω cm²", "−Z″ / Ω cm²") { EqualAspect = true, Traces = [measured, fit] }
/// </code></example>
public sealed record Figure
{
    public Figure(string title, string xTitle, string yTitle)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xTitle);
        ArgumentNullException.ThrowIfNull(yTitle);
        Title = title;
        XTitle = xTitle;
        YTitle = yTitle;
    }

    public string Title { get; }
    public string XTitle { get; }
    public string YTitle { get; }

    /// <summary>Title of the secondary (right) y axis; used when a trace has <see cref="Trace.YAxis"/> = 2.</summary>
    public string Y2Title { get; init; } = "";

    public bool LogX { get; init; }
    public bool LogY { get; init; }
    public bool LogY2 { get; init; }

    /// <summary>One unit on x is as long as one unit on y: a Nyquist plot, where a semicircle must look round.</summary>
    public bool EqualAspect { get; init; }

    /// <summary>Height of the plot in CSS pixels; its width follows the page.</summary>
    public int Height
    {
        get => _height;
        init => _height = value is >= 150 and <= 4000 ? value : throw new ArgumentOutOfRangeException(nameof(Height), value, "must be 150 to 4000 px");
    }

    /// <summary>Significant digits kept for each number in the report (7 by default).</summary>
    public int SignificantDigits
    {
        get => _digits;
        init => _digits = value is >= 3 and <= 17 ? value : throw new ArgumentOutOfRangeException(nameof(SignificantDigits), value, "must be 3 to 17");
    }

    /// <summary>
    /// Parallel coordinates instead of x–y traces: one vertical axis per entry, one line per item
    /// through its values (all axes the same length), coloured by the last axis. The x and y titles
    /// are then unused.
    /// </summary>
    public IReadOnlyList<ParallelAxis>? ParallelAxes { get; init; }

    public IReadOnlyList<Trace> Traces
    {
        get => _traces;
        init => _traces = value ?? throw new ArgumentNullException(nameof(Traces));
    }

    public bool HasSecondaryAxis => Traces.Any(t => t.YAxis == 2);

    /// <summary>Checks the combination of settings; called when the figure is added to a report.</summary>
    public void Validate()
    {
        if (EqualAspect && (LogX || LogY))
            throw new ArgumentException($"figure '{Title}': EqualAspect needs linear x and y axes");
        if (EqualAspect && HasSecondaryAxis)
            throw new ArgumentException($"figure '{Title}': EqualAspect cannot be combined with a secondary y axis");
        foreach (var t in Traces)
            if (t is null) throw new ArgumentException($"figure '{Title}': a trace is null");
        if (ParallelAxes is { } axes && (Traces.Count > 0 || axes.Count < 2 || axes.Any(a => a.Values.Count != axes[0].Values.Count)))
            throw new ArgumentException($"figure '{Title}': parallel coordinates take two or more axes of equal length and no traces");
    }

    int _height = 420;
    int _digits = 7;
    IReadOnlyList<Trace> _traces = [];
}

/// <summary>One axis of a parallel-coordinates <see cref="Figure"/>: its label and a value per item (finite).</summary>
public sealed record ParallelAxis(string Label, IReadOnlyList<double> Values);
