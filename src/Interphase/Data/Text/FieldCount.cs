namespace Interphase.Data.Text;

/// <summary>
/// The refusal of a delimited row whose number of fields is not the table's (decision 0085). In a comma-separated
/// file the usual cause is a decimal comma in an unquoted number ("3,45" read as the two fields 3 and 45), which
/// would shift every later column: such a row is refused, never read.
/// </summary>
public static class FieldCount
{
    /// <summary>
    /// "5 fields where the header has 4: …" with the likely cause for <paramref name="separator"/>;
    /// <paramref name="expectedFrom"/> says where the expected count comes from ("the header has", "the rows above have").
    /// </summary>
    public static string Mismatch(int fields, int expected, string expectedFrom, char separator)
    {
        var why = fields < expected
            ? "a truncated or damaged row?"
            : separator == ','
                ? "a decimal comma in a comma-separated file? export with a point as decimal separator or use ';' as the delimiter"
                : $"a field holding the separator {Name(separator)}?";
        return $"{fields} field{(fields == 1 ? "" : "s")} where {expectedFrom} {expected}: {why}";
    }

    static string Name(char separator) => separator switch
    {
        '\t' => "(a tab)",
        ' ' => "(a space)",
        _ => $"'{separator}'",
    };
}
