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
}

/// <summary>Browser tests run one at a time, after the others: each starts a whole browser on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
