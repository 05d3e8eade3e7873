namespace Interphase;

/// <summary>Where in a user's file something was found: file, 1-based line and column (0 = unknown).</summary>
public readonly record struct SourceLocation(string? File, int Line = 0, int Column = 0)
{
    public static readonly SourceLocation None = new(null);

    public override string ToString()
    {
        if (File is null && Line == 0) return "";
        var s = File ?? "<input>";
        if (Line > 0) s += $":{Line}";
        if (Column > 0) s += $":{Column}";
        return s;
    }
}

/// <summary>
/// A mistake the user can make and fix: bad YAML or CSV, unknown material, impossible geometry,
/// a unit mistake. The command line prints <see cref="OneLine"/> and exits with a non-zero code;
/// it never shows a stack trace for these.
/// </summary>
public sealed class InputException : Exception
{
    public SourceLocation Location { get; }

    public InputException(string message, SourceLocation location = default, Exception? inner = null)
        : base(message, inner) => Location = location;

    public InputException(string message, string? file, int line = 0, int column = 0)
        : this(message, new SourceLocation(file, line, column)) { }

    /// <summary>"file:line:col: message" on one line.</summary>
    public string OneLine
    {
        get
        {
            var where = Location.ToString();
            var msg = Message.Replace('\n', ' ').Replace('\r', ' ');
            return where.Length > 0 ? $"{where}: {msg}" : msg;
        }
    }

    /// <summary>The same error, placed at a location when it did not know one yet.</summary>
    public InputException At(SourceLocation location) =>
        Location.File is null && Location.Line == 0 ? new InputException(Message, location, this) : this;
}
