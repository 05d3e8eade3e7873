namespace Interphase.Data.Neware;

/// <summary>
/// The last place a byte pattern occurs in a stretch of a file that is seen in consecutive pieces (the blocks a reader
/// decodes anyway), occurrences that straddle two pieces included: so that a pattern can be looked for in the same pass
/// as the records are decoded instead of in a pass of its own.
/// </summary>
internal sealed class LastOccurrence(byte[] pattern)
{
    readonly byte[] _tail = new byte[Math.Max(pattern.Length - 1, 0)];
    int _tailLength;

    /// <summary>File offset just past the bytes seen so far (−1 before the first piece).</summary>
    public long End { get; private set; } = -1;

    /// <summary>File offset of the last occurrence seen, or −1.</summary>
    public long Last { get; private set; } = -1;

    /// <summary>The next piece, which must start at <see cref="End"/> (any offset for the first piece).</summary>
    public void See(ReadOnlySpan<byte> piece, long offset)
    {
        if (End >= 0 && offset != End) throw new InvalidOperationException($"the pieces must follow each other: expected offset {End}, got {offset}");
        if (piece.IsEmpty) { End = offset; return; }
        int keep = _tail.Length;
        if (_tailLength > 0 && keep > 0)
        {
            // an occurrence that starts in the previous pieces and ends in this one
            int head = Math.Min(keep, piece.Length);
            Span<byte> joint = stackalloc byte[_tailLength + head];
            _tail.AsSpan(0, _tailLength).CopyTo(joint);
            piece[..head].CopyTo(joint[_tailLength..]);
            int t = joint.LastIndexOf(pattern);
            if (t >= 0) Last = offset - _tailLength + t;
        }
        int k = piece.LastIndexOf(pattern);
        if (k >= 0) Last = offset + k;
        // the last bytes seen, for the next piece
        if (piece.Length >= keep)
        {
            piece[^keep..].CopyTo(_tail);
            _tailLength = keep;
        }
        else
        {
            int fromTail = Math.Min(_tailLength, keep - piece.Length);
            _tail.AsSpan(_tailLength - fromTail, fromTail).CopyTo(_tail);
            piece.CopyTo(_tail.AsSpan(fromTail));
            _tailLength = fromTail + piece.Length;
        }
        End = offset + piece.Length;
    }
}
