using Interphase.Cells;

namespace Interphase.Protocols;

public static partial class ProtocolParser
{
    /// <summary>
    /// The protocol a cell file brings with it: its <c>protocol_file:</c>, else its <c>protocol:</c> lines;
    /// null when it has neither.
    /// </summary>
    public static Protocol? OfCell(CellSpec spec)
    {
        if (spec.ProtocolFile is not null) return ParseFile(spec.ProtocolFile);
        if (spec.ProtocolLines is not null) return Parse(string.Join('\n', spec.ProtocolLines), $"{spec.File} (protocol)");
        return null;
    }
}
