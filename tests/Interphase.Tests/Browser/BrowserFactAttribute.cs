namespace Interphase.Tests.Browser;

/// <summary>
/// A test that needs headless Chromium. Skipped with "Chromium not found: apt-get install chromium"
/// when there is none, unless <c>INTERPHASE_REQUIRE_BROWSER=1</c> (as in CI), where it runs and fails.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Required && Chromium.Find() is null) Skip = Chromium.NotFoundReason;
    }

    /// <summary>Also reads ../shared/data: skipped, with the reason, where it is absent (see <see cref="SharedDataFactAttribute"/>).</summary>
    public bool NeedsSharedData
    {
        get => _needsShared;
        set { _needsShared = value; if (value) Skip ??= SharedDataSkip.Reason(); }
    }
    bool _needsShared;
}

/// <summary>The theory form of <see cref="BrowserFactAttribute"/>.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!Chromium.Required && Chromium.Find() is null) Skip = Chromium.NotFoundReason;
    }
}

/// <summary>Browser tests run one at a time, after the others: each starts a whole browser on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
