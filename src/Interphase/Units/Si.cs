namespace Interphase.Units;

/// <summary>Physical constants and the conversions used at the output edges (users' units).</summary>
public static class Si
{
    public const double Faraday = 96485.33212;      // C/mol (CODATA 2018, exact)
    public const double GasConstant = 8.314462618;  // J/(mol K) (CODATA 2018, exact)
    public const double Boltzmann = 1.380649e-23;   // J/K
    public const double ZeroCelsius = 273.15;       // K

    // users' units → SI factors
    public const double MilliampPerCm2 = 10.0;       // 1 mA/cm² = 10 A/m²
    public const double MahPerCm2 = 36000.0;         // 1 mAh/cm² = 36 000 C/m²
    public const double Hour = 3600.0;
    public const double Micrometre = 1e-6;
    public const double Cm2 = 1e-4;
    public const double OhmCm2 = 1e-4;               // 1 Ω cm² = 1e-4 Ω m²
    public const double SiemensPerCm = 100.0;        // 1 S/cm = 100 S/m
    public const double MPa = 1e6;
    public const double MilliVolt = 1e-3;

    public static double ThermalVoltage(double temperatureK) => GasConstant * temperatureK / Faraday;
    public static double CelsiusToKelvin(double c) => c + ZeroCelsius;
    public static double KelvinToCelsius(double k) => k - ZeroCelsius;
}
