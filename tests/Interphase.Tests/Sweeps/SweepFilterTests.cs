using Interphase.Sweeps;

namespace Interphase.Tests.Sweeps;

public class SweepFilterTests
{
    static readonly string[] Columns = ["id", "status", "Li|Li6PS5Cl.exchange_current_density", "layers[1].thickness", "critical_current_density_mA_cm2"];

    [Fact]
    public void ColumnsAreCheckedAndValuesBecomeParameters()
    {
        var (sql, args) = SweepFilter.Parse("critical_current_density_mA_cm2 >= 1e-1 and (\"Li|Li6PS5Cl.exchange_current_density\" < 2 or layers[1].thickness is not null) and not status == 'failed'", Columns);
        Assert.Equal("\"critical_current_density_mA_cm2\" >= $w0 AND (\"Li|Li6PS5Cl.exchange_current_density\" < $w1 OR \"layers[1].thickness\" IS NOT NULL) AND NOT \"status\" = $w2", sql);
        Assert.Equal([0.1, 2.0, "failed"], args);
    }

    [Theory]
    [InlineData("ccd > 1", "unknown column 'ccd'")]
    [InlineData("id > 1 or", "expected a column")]
    [InlineData("id > '1", "is not closed")]
    [InlineData("(id > 1", "a '(' is not closed")]
    [InlineData("id > status", "expected a number or a 'quoted text'")]
    [InlineData("id > 1 -- comment", "is not a number")]
    [InlineData("", "an empty expression")]
    public void MistakesAreNamed(string where, string message)
    {
        var e = Assert.Throws<InputException>(() => SweepFilter.Parse(where, Columns));
        Assert.Contains(message, e.Message);
        Assert.Equal("--where", e.Location.File);
    }
}
