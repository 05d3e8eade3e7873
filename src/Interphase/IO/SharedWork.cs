namespace Interphase.IO;

/// <summary>
/// Items of work made in any order by whichever threads call <see cref="Work"/> and taken in their order by one
/// consumer (<see cref="Take"/>): a writer hands a second thread the parts of a file (chunks of CSV rows, a
/// report's figures) and, when its own work is done, formats the parts nobody has taken yet, then writes them all in
/// order. Each item is made exactly once; what one thread makes, the consumer sees whole (the item's event is set
/// after it is stored). An exception in an item is rethrown by <see cref="Take"/> of that item.
/// </summary>
internal sealed class SharedWork<T>
{
    readonly Func<int, T> _make;
    readonly T[] _results;
    readonly Exception?[] _errors;
    readonly ManualResetEventSlim[] _done;
    int _next = -1;

    public SharedWork(int count, Func<int, T> make)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _make = make;
        _results = new T[count];
        _errors = new Exception?[count];
        _done = new ManualResetEventSlim[count];
        for (int k = 0; k < count; k++) _done[k] = new ManualResetEventSlim(false, spinCount: 50);
    }

    public int Count => _results.Length;

    /// <summary>Makes items no other thread has taken, until none is left; safe to call from several threads.</summary>
    public void Work()
    {
        int k;
        while ((k = Interlocked.Increment(ref _next)) < _results.Length)
        {
            try { _results[k] = _make(k); }
            catch (Exception e) { _errors[k] = e; }
            _done[k].Set();
        }
    }

    /// <summary>Item <paramref name="k"/>, waiting while another thread makes it (the caller should have called <see cref="Work"/>).</summary>
    public T Take(int k)
    {
        _done[k].Wait();
        _done[k].Dispose();
        if (_errors[k] is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        var r = _results[k];
        _results[k] = default!;
        return r;
    }
}
