using Interphase.Units;

namespace Interphase.Tests;

public class UnitsTests
{
    [Theory]
    [InlineData("0.2 mA/cm2", 2.0)]
    [InlineData("0.2 mA cm-2", 2.0)]
    [InlineData("0.2 mA cm^-2", 2.0)]
    [InlineData("0.2 mA/cm²", 2.0)]
    [InlineData("200 uA/cm2", 2.0)]
    [InlineData("2 A/m2", 2.0)]
    public void CurrentDensityForms(string text, double si) =>
        Assert.Equal(si, Measure.Parse(text, QuantityKind.CurrentDensity), 12);

    [Theory]
    [InlineData("1 mAh/cm2", 36000.0)]
    [InlineData("1 mAh cm-2", 36000.0)]
    [InlineData("3.6 C/cm2", 36000.0)]
    public void ArealCapacity(string text, double si) =>
        Assert.Equal(si, Measure.Parse(text, QuantityKind.ArealCapacity), 9);

    [Fact]
    public void TemperatureConversions()
    {
        Assert.Equal(333.15, Measure.Parse("60 degC", QuantityKind.Temperature), 9);
        Assert.Equal(333.15, Measure.Parse("60 °C", QuantityKind.Temperature), 9);
        Assert.Equal(300, Measure.Parse("300 K", QuantityKind.Temperature), 9);
    }

    [Fact]
    public void EnergyPerMolFromEvAndKjPerMol()
    {
        var ev = Measure.Parse("0.3 eV", QuantityKind.MolarEnergy);
        Assert.Equal(0.3 * 96485.33212, ev, 6);
        Assert.Equal(9493, Measure.Parse("9.493 kJ/mol", QuantityKind.MolarEnergy), 9);
    }

    [Theory]
    [InlineData("10 um", 1e-5)]
    [InlineData("10 µm", 1e-5)]
    [InlineData("10 μm", 1e-5)]
    [InlineData("0.5 mm", 5e-4)]
    public void Lengths(string text, double si) => Assert.Equal(si, Measure.Parse(text, QuantityKind.Length), 15);

    [Fact]
    public void OtherUnitsUsersWrite()
    {
        Assert.Equal(0.2, Measure.Parse("2e-3 S/cm", QuantityKind.Conductivity), 12);
        Assert.Equal(5e6, Measure.Parse("5 MPa", QuantityKind.Pressure), 6);
        Assert.Equal(2.5e5, Measure.Parse("0.25 MPa m^0.5", QuantityKind.FractureToughness), 6);
        Assert.Equal(2.5e5, Measure.Parse("0.25 MPa√m", QuantityKind.FractureToughness), 6);
        Assert.Equal(25e-4, Measure.Parse("25 Ohm cm2", QuantityKind.AreaSpecificResistance), 12);
        Assert.Equal(600, Measure.Parse("10 min", QuantityKind.Time), 12);
        Assert.Equal(1e-4, Measure.Parse("100 uA", QuantityKind.Current), 15);
        Assert.Equal(0.785e-4, Measure.Parse("0.785 cm2", QuantityKind.Area), 15);
        Assert.Equal(170 * 3600.0, Measure.Parse("170 mAh/g", QuantityKind.SpecificCapacity), 9);
        Assert.Equal(1300, Measure.Parse("1.3 M", QuantityKind.Concentration), 9);
        Assert.Equal(1300, Measure.Parse("1.3 mol/L", QuantityKind.Concentration), 9);
    }

    [Theory]
    [InlineData("0.2 mV", "voltage")]
    [InlineData("0.2", "no unit")]
    [InlineData("0.2 mA/cm3", "quantity in")]
    [InlineData("0.2 furlongs", "unknown unit")]
    public void UnitMistakesAreClearErrors(string text, string expectedFragment)
    {
        var e = Assert.Throws<InputException>(() => Measure.Parse(text, QuantityKind.CurrentDensity));
        Assert.Contains(expectedFragment, e.Message);
        Assert.Contains("current density", e.Message);
    }
}

public class CompoundUnitTests
{
    [Fact]
    public void ParenthesisedGroupsTakePowers()
    {
        var u = UnitParser.Parse("A/m2 (m3/mol)^1.5");
        Assert.Equal(Dimension.Of(a: 1, m: 2.5, mol: -1.5), u.Dimension);
        Assert.Equal(1.0, u.Factor, 12);
        var v = UnitParser.Parse("Ohm cm2/(mAh/cm2)");
        Assert.Equal(QuantityKind.AreaSpecificResistance.Dimension / QuantityKind.ArealCapacity.Dimension, v.Dimension);
        Assert.Equal(1e-4 / 36000.0, v.Factor, 15);
        Assert.Equal(1.0, UnitParser.Parse("(um)^2").Factor * 1e12, 9);
    }
}
