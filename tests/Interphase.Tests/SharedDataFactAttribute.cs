namespace Interphase.Tests;

/// <summary>
/// A test that reads the real measured files of ../shared/data. A user's clone has no ../shared beside
/// it, so there the test is skipped with the reason printed; CI sets <c>INTERPHASE_REQUIRE_SHARED=1</c>
/// (in .ci/run), where a missing folder makes the test run and fail instead.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() { Skip = SharedDataSkip.Reason(); }
}

/// <summary>The theory form of <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute() { Skip = SharedDataSkip.Reason(); }
}

internal static class SharedDataSkip
{
    public const string RequireVariable = "INTERPHASE_REQUIRE_SHARED";

    /// <summary>Null when the test should run; otherwise why it is skipped.</summary>
    public static string? Reason() =>
        TestPaths.HasSharedData || Environment.GetEnvironmentVariable(RequireVariable) == "1"
            ? null
            : $"needs the shared measured data at {TestPaths.SharedDataPath}, which is not beside this clone (CI has it; set {RequireVariable}=1 to make this a failure)";
}
