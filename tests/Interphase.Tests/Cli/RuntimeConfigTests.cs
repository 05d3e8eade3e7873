using System.Text.Json;

namespace Interphase.Tests.Cli;

/// <summary>
/// The interphase program runs with the runtime's dynamic PGO off, and only it (decision 0044): the setting is in the
/// program's runtimeconfig.json, which the build copies beside the tests, and not in the projects' common properties,
/// which would switch it off for the library's other hosts (these tests, the benchmarks, users' programs) as well.
/// </summary>
public class RuntimeConfigTests
{
    static JsonElement ConfigProperties(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var p) ? p.Clone() : default;
    }

    [Fact]
    public void TheProgramRunsWithoutDynamicPgo()
    {
        var p = ConfigProperties("interphase.runtimeconfig.json");
        Assert.True(p.TryGetProperty("System.Runtime.TieredPGO", out var pgo), "interphase.runtimeconfig.json does not set System.Runtime.TieredPGO");
        Assert.Equal(JsonValueKind.False, pgo.ValueKind);
    }

    [Fact]
    public void OtherHostsOfTheLibraryKeepTheRuntimeDefault()
    {
        var p = ConfigProperties("Interphase.Tests.runtimeconfig.json");
        Assert.False(p.ValueKind == JsonValueKind.Object && p.TryGetProperty("System.Runtime.TieredPGO", out _),
            "the test host's runtimeconfig.json sets TieredPGO: the setting is meant for the interphase program only");
    }
}
