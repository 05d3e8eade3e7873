using System.Text;

namespace Interphase.Data.Text;

/// <summary>
/// Reads a text stream line by line as bytes, without decoding or allocating per line: a line is a
/// span into a reusable buffer, valid until the next call. Tracks the 1-based line number so that
/// errors can name it. Line ends may be LF, CRLF or CR.
/// A line longer than the buffer grows it; nothing else is retained, so memory does not depend on
/// the file's size.
/// </summary>
public sealed class LineReader : IDisposable
{
    readonly Stream _stream;
    readonly bool _leaveOpen;
    byte[] _buf;
    int _start;     // first unread byte in _buf
    int _end;       // one past the last valid byte in _buf
    bool _eof;

    public LineReader(Stream stream, string path, int bufferSize = 1 << 20, bool leaveOpen = false)
    {
        _stream = stream;
        Path = path;
        _leaveOpen = leaveOpen;
        _buf = new byte[Math.Max(bufferSize, 256)];
    }

    /// <summary>The file name used in error messages.</summary>
    public string Path { get; }

    /// <summary>1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the line last returned ended at the end of the stream without a line break.</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>The next line without its line end; false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int scanFrom = _start;
        while (true)
        {
            var span = _buf.AsSpan(scanFrom, _end - scanFrom);
            int k = span.IndexOfAny((byte)'\n', (byte)'\r');
            if (k >= 0)
            {
                int lineEnd = scanFrom + k;
                // a CR at the very end of the buffer may be followed by an LF we have not read yet
                if (_buf[lineEnd] == (byte)'\r' && lineEnd + 1 == _end && !_eof)
                {
                    scanFrom = Fill(lineEnd);
                    continue;
                }
                int next = lineEnd + 1;
                if (_buf[lineEnd] == (byte)'\r' && next < _end && _buf[next] == (byte)'\n') next++;
                line = _buf.AsSpan(_start, lineEnd - _start);
                LineNumber++;
                LastLineUnterminated = false;
                _start = next;
                return true;
            }
            if (_eof)
            {
                if (_start == _end) { line = default; return false; }
                line = _buf.AsSpan(_start, _end - _start);
                LineNumber++;
                LastLineUnterminated = true;
                _start = _end;
                return true;
            }
            scanFrom = Fill(_end);
        }
    }

    /// <summary>Reads more bytes, keeping the unread part; returns where scanning resumes.</summary>
    int Fill(int scannedUpTo)
    {
        int pending = _end - _start;
        int rescan = scannedUpTo - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buf, _start, _buf, 0, pending);
            _start = 0;
            _end = pending;
        }
        if (_end == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
        int n;
        try { n = _stream.Read(_buf, _end, _buf.Length - _end); }
        catch (IOException e) { throw new InputException($"cannot read the file: {e.Message}", Path); }
        if (n == 0) _eof = true;
        _end += n;
        return rescan;
    }

    /// <summary>A line decoded for messages and header parsing: UTF-8 when valid, else Latin-1 (Windows exports).</summary>
    public static string Decode(ReadOnlySpan<byte> line)
    {
        if (System.Text.Unicode.Utf8.IsValid(line)) return Encoding.UTF8.GetString(line);
        return Encoding.Latin1.GetString(line);
    }

    public InputException Error(string message, int column = 0) =>
        new(message, new SourceLocation(Path, (int)Math.Min(LineNumber, int.MaxValue), column));

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
