namespace Interphase.Data.BioLogic;

/// <summary>Receives the next <paramref name="rows"/> records (from record <paramref name="first"/>, 0-based), one array
/// per column asked for, in the order asked for; the arrays are reused for the next records.</summary>
public delegate void ChunkHandler(double[][] columns, int rows, long first);

/// <summary>
/// A BioLogic file read as chunks of records, each chunk one array of doubles per column asked for: the binary .mpr
/// decoded from its fixed-size records, the .mpt text parsed from its lines. <see cref="BioLogicReader"/> applies its
/// record rules to these chunks, the same for both kinds of file.
/// </summary>
public interface IColumnChunks
{
    /// <summary>The column names, as EC-Lab's .mpt export writes them; the indexes of <see cref="ReadChunks"/> refer to them.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Streams the records in chunks of the columns asked for (indexes into <see cref="ColumnNames"/>); returns
    /// the number of records. Can be called once.</summary>
    long ReadChunks(IReadOnlyList<int> columns, ChunkHandler handler);

    /// <summary>An error in record <paramref name="record"/> (0-based) of the chunk last handed over, placed where the
    /// file holds it (byte offset or line).</summary>
    InputException RecordError(long record, string message);
}
