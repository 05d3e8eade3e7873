namespace Interphase.Tests.Data;

/// <summary>The real instrument files of ../shared/data (see PROVENANCE.md there).</summary>
public static class SharedFiles
{
    public static string BioLogic(string name) => Path.Combine(TestPaths.SharedData, "biologic", name);
    public static string Arbin => Path.Combine(TestPaths.SharedData, "arbin", "arbin_example.csv");
    public static string Maccor => Path.Combine(TestPaths.SharedData, "maccor", "PredictionDiagnostics_000151_test.052");
    public static string Neware(string name) => Path.Combine(TestPaths.SharedData, "neware", name);
    public static string Eis(string name) => Path.Combine(TestPaths.SharedData, "eis", name);

    /// <summary>|actual − expected| ≤ rtol·|expected| + atol, with a message naming the quantity.</summary>
    public static void Close(double expected, double actual, double rtol, string what, double atol = 0)
    {
        Assert.True(Math.Abs(actual - expected) <= rtol * Math.Abs(expected) + atol,
            $"{what}: expected {expected:G8}, got {actual:G8} (rtol {rtol:G2})");
    }
}
