namespace Interphase.Units;

/// <summary>
/// Physical dimension as exponents of the SI base units kg, m, s, A, K, mol. Exponents are stored
/// doubled so that half powers (MPa·m^0.5 for fracture toughness) are exact.
/// </summary>
public readonly record struct Dimension(sbyte Kg2, sbyte M2, sbyte S2, sbyte A2, sbyte K2, sbyte Mol2)
{
    public static Dimension Of(double kg = 0, double m = 0, double s = 0, double a = 0, double k = 0, double mol = 0) =>
        new((sbyte)(2 * kg), (sbyte)(2 * m), (sbyte)(2 * s), (sbyte)(2 * a), (sbyte)(2 * k), (sbyte)(2 * mol));

    public static Dimension operator *(Dimension x, Dimension y) =>
        new((sbyte)(x.Kg2 + y.Kg2), (sbyte)(x.M2 + y.M2), (sbyte)(x.S2 + y.S2), (sbyte)(x.A2 + y.A2), (sbyte)(x.K2 + y.K2), (sbyte)(x.Mol2 + y.Mol2));

    public static Dimension operator /(Dimension x, Dimension y) => x * y.Pow(-1);

    /// <summary>Raise to a power that is a multiple of 1/2.</summary>
    public Dimension Pow(double p) =>
        new((sbyte)Math.Round(Kg2 * p), (sbyte)Math.Round(M2 * p), (sbyte)Math.Round(S2 * p), (sbyte)Math.Round(A2 * p), (sbyte)Math.Round(K2 * p), (sbyte)Math.Round(Mol2 * p));

    public bool IsDimensionless => this == default;

    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string sym, sbyte e2)
        {
            if (e2 == 0) return;
            parts.Add(e2 == 2 ? sym : $"{sym}^{(e2 / 2.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        Add("kg", Kg2); Add("m", M2); Add("s", S2); Add("A", A2); Add("K", K2); Add("mol", Mol2);
        return parts.Count == 0 ? "1" : string.Join("·", parts);
    }
}

/// <summary>The dimensions the product works with, each with a name and an example users recognise.</summary>
public sealed record QuantityKind(string Name, Dimension Dimension, string Example)
{
    public static readonly QuantityKind Dimensionless = new("dimensionless number", default, "0.5");
    public static readonly QuantityKind Length = new("length", Dimension.Of(m: 1), "10 um");
    public static readonly QuantityKind Area = new("area", Dimension.Of(m: 2), "0.785 cm2");
    public static readonly QuantityKind Volume = new("volume", Dimension.Of(m: 3), "1 cm3");
    public static readonly QuantityKind Time = new("time", Dimension.Of(s: 1), "5 h");
    public static readonly QuantityKind Frequency = new("frequency", Dimension.Of(s: -1), "1 MHz");
    public static readonly QuantityKind Current = new("current", Dimension.Of(a: 1), "0.1 mA");
    public static readonly QuantityKind CurrentDensity = new("current density", Dimension.Of(a: 1, m: -2), "0.2 mA/cm2");
    public static readonly QuantityKind Charge = new("charge (capacity)", Dimension.Of(a: 1, s: 1), "1 mAh");
    public static readonly QuantityKind ArealCapacity = new("areal capacity", Dimension.Of(a: 1, s: 1, m: -2), "1 mAh/cm2");
    public static readonly QuantityKind SpecificCapacity = new("specific capacity", Dimension.Of(a: 1, s: 1, kg: -1), "170 mAh/g");
    public static readonly QuantityKind SpecificCurrent = new("specific current", Dimension.Of(a: 1, kg: -1), "200 mA/g");
    public static readonly QuantityKind Voltage = new("voltage", Dimension.Of(kg: 1, m: 2, s: -3, a: -1), "0.5 V");
    public static readonly QuantityKind ScanRate = new("scan rate", Dimension.Of(kg: 1, m: 2, s: -4, a: -1), "0.1 mV/s");
    public static readonly QuantityKind Resistance = new("resistance", Dimension.Of(kg: 1, m: 2, s: -3, a: -2), "100 Ohm");
    public static readonly QuantityKind AreaSpecificResistance = new("area-specific resistance", Dimension.Of(kg: 1, m: 4, s: -3, a: -2), "25 Ohm cm2");
    public static readonly QuantityKind Conductivity = new("conductivity", Dimension.Of(kg: -1, m: -3, s: 3, a: 2), "2e-3 S/cm");
    public static readonly QuantityKind Capacitance = new("capacitance", Dimension.Of(kg: -1, m: -2, s: 4, a: 2), "1 uF");
    public static readonly QuantityKind ArealCapacitance = new("areal capacitance", Dimension.Of(kg: -1, m: -4, s: 4, a: 2), "10 uF/cm2");
    public static readonly QuantityKind Temperature = new("temperature", Dimension.Of(k: 1), "25 degC");
    public static readonly QuantityKind Pressure = new("pressure", Dimension.Of(kg: 1, m: -1, s: -2), "5 MPa");
    public static readonly QuantityKind FractureToughness = new("fracture toughness", Dimension.Of(kg: 1, m: -0.5, s: -2), "0.25 MPa m^0.5");
    public static readonly QuantityKind MolarEnergy = new("molar energy (activation energy)", Dimension.Of(kg: 1, m: 2, s: -2, mol: -1), "0.3 eV or 30 kJ/mol");
    public static readonly QuantityKind Energy = new("energy", Dimension.Of(kg: 1, m: 2, s: -2), "1 mWh");
    public static readonly QuantityKind SurfaceEnergy = new("surface tension", Dimension.Of(kg: 1, s: -2), "0.485 N/m");
    public static readonly QuantityKind Mass = new("mass", Dimension.Of(kg: 1), "1.4 mg");
    public static readonly QuantityKind ArealMass = new("areal loading", Dimension.Of(kg: 1, m: -2), "1.4 mg/cm2");
    public static readonly QuantityKind Density = new("density", Dimension.Of(kg: 1, m: -3), "0.534 g/cm3");
    public static readonly QuantityKind MolarMass = new("molar mass", Dimension.Of(kg: 1, mol: -1), "6.94 g/mol");
    public static readonly QuantityKind MolarVolume = new("molar volume", Dimension.Of(m: 3, mol: -1), "13 cm3/mol");
    public static readonly QuantityKind Concentration = new("concentration", Dimension.Of(mol: 1, m: -3), "1 M");
    public static readonly QuantityKind Diffusivity = new("diffusivity", Dimension.Of(m: 2, s: -1), "5e-8 cm2/s");
    public static readonly QuantityKind Velocity = new("velocity", Dimension.Of(m: 1, s: -1), "1 um/h");
    public static readonly QuantityKind ParabolicRate = Diffusivity with { Name = "parabolic rate constant", Example = "1e-16 m2/s" };
    public static readonly QuantityKind InverseTime = new("rate", Dimension.Of(s: -1), "0.1 1/h");
    public static readonly QuantityKind CurrentDensityPerPressure = new("current density per pressure", Dimension.Of(a: 1, m: -2) / Dimension.Of(kg: 1, m: -1, s: -2), "0.03 mA/cm2/MPa");
    public static readonly QuantityKind ConductivityTimesSqrtK = new("VTF prefactor", Dimension.Of(kg: -1, m: -3, s: 3, a: 2, k: 0.5), "14.8 S/cm K^0.5");
}
