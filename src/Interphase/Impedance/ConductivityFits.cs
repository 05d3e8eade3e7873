using Interphase.Units;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Interphase.Impedance;

/// <summary>Which quantity follows the Arrhenius law.</summary>
public enum ArrheniusForm
{
    /// <summary>σ = σ₀ exp(−Eₐ / RT): ln σ is linear in 1/T (the form most solid-electrolyte papers plot).</summary>
    Sigma,
    /// <summary>σT = A exp(−Eₐ / RT): the hopping form (ln σT linear in 1/T).</summary>
    SigmaT,
}

/// <summary>
/// Arrhenius fit of a conductivity series. SI inside: Eₐ in J/mol, σ in S/m, T in K; the properties in
/// users' units (kJ/mol, eV, S/cm) are conversions. Uncertainties are one standard error from the
/// ordinary least-squares fit of ln σ (or ln σT) against 1/T; the interval of σ(25 °C) is 95 %.
/// </summary>
public sealed record ArrheniusResult(
    ArrheniusForm Form,
    double ActivationEnergy,
    double ActivationEnergyError,
    double PreExponential,
    double ConductivityAt25C,
    double ConductivityAt25CError,
    double ConductivityAt25CLower,
    double ConductivityAt25CUpper,
    double RSquared,
    int Points,
    double[] ResidualsLn)
{
    public double ActivationEnergyKJPerMol => ActivationEnergy / 1000;
    public double ActivationEnergyKJPerMolError => ActivationEnergyError / 1000;
    /// <summary>Eₐ per particle in eV (Eₐ / F).</summary>
    public double ActivationEnergyEv => ActivationEnergy / Si.Faraday;
    public double ActivationEnergyEvError => ActivationEnergyError / Si.Faraday;
    public double ConductivityAt25CSPerCm => ConductivityAt25C / Si.SiemensPerCm;
    public double ConductivityAt25CSPerCmError => ConductivityAt25CError / Si.SiemensPerCm;

    /// <summary>
    /// Why the fitted law is not a thermally activated conduction, or null: an Ea at or below zero means the conductivity
    /// does not rise with temperature, which an ion-conducting electrolyte's does; the series' temperatures are then
    /// likely matched to the wrong files, or its bulk resistances are not the bulk's.
    /// </summary>
    public string? Warning => ActivationEnergy <= 0
        ? $"Ea = {ActivationEnergyEv:G3} eV is not positive: the conductivity does not rise with temperature, as an ion conductor's does; check that each temperature belongs to its file and that the bulk resistance is the bulk's"
        : null;
}

/// <summary>
/// Vogel–Tammann–Fulcher fit σ = A T^(−1/2) exp(−B / (T − T₀)) for polymer electrolytes, with the
/// pseudo-activation energy Eₐ = R·B. Standard errors from the Levenberg–Marquardt covariance.
/// </summary>
public sealed record VtfResult(
    double Prefactor,
    double PrefactorError,
    double B,
    double BError,
    double T0,
    double T0Error,
    double ConductivityAt25C,
    double RSquared,
    int Points,
    bool Converged,
    double[] ResidualsLn)
{
    /// <summary>Pseudo-activation energy R·B in J/mol.</summary>
    public double PseudoActivationEnergy => Si.GasConstant * B;
    public double PseudoActivationEnergyError => Si.GasConstant * BError;
    public double PseudoActivationEnergyEv => PseudoActivationEnergy / Si.Faraday;
}

/// <summary>
/// Temperature dependence of conductivity: Arrhenius (ceramics, glasses) and VTF (polymers). (Not to
/// be confused with <c>Interphase.Models.Arrhenius</c>, the simulator's temperature factor.)
/// </summary>
public static class ConductivityFits
{
    /// <summary>The fewest temperatures an Arrhenius fit (two parameters) takes: one more than it has parameters.</summary>
    public const int ArrheniusMinimumPoints = 3;
    /// <summary>The fewest temperatures a VTF fit (three parameters) takes.</summary>
    public const int VtfMinimumPoints = 4;

    /// <summary>25 °C in K, the reference temperature of σ_RT.</summary>
    public const double RoomTemperatureK = 298.15;

    /// <summary>Fit ln σ (or ln σT) = a − Eₐ/(R T) by least squares. Temperatures in K, conductivities in S/m.</summary>
    public static ArrheniusResult Arrhenius(IReadOnlyList<double> temperaturesK, IReadOnlyList<double> conductivities, ArrheniusForm form = ArrheniusForm.Sigma)
    {
        Check(temperaturesK, conductivities, ArrheniusMinimumPoints, "an Arrhenius fit");
        int n = temperaturesK.Count;
        var x = temperaturesK.Select(t => 1 / t).ToArray();
        var y = Enumerable.Range(0, n).Select(i => Math.Log(form == ArrheniusForm.SigmaT ? conductivities[i] * temperaturesK[i] : conductivities[i])).ToArray();
        var (a, b) = MathNet.Numerics.Fit.Line(x, y);
        var fitted = x.Select(v => a + b * v).ToArray();
        var resid = y.Zip(fitted, (o, f) => o - f).ToArray();
        double s2 = resid.Sum(r => r * r) / (n - 2);
        double xm = x.Average(), sxx = x.Sum(v => (v - xm) * (v - xm));
        double varB = s2 / sxx;
        double varA = s2 * (1.0 / n + xm * xm / sxx);
        double covAb = -xm * s2 / sxx;
        double x0 = 1 / RoomTemperatureK;
        double y0 = a + b * x0;
        double sd0 = Math.Sqrt(Math.Max(varA + x0 * x0 * varB + 2 * x0 * covAb, 0));
        double t = StudentT.InvCDF(0, 1, n - 2, 0.975);
        double back = form == ArrheniusForm.SigmaT ? 1 / RoomTemperatureK : 1;
        double s25 = Math.Exp(y0) * back;
        return new ArrheniusResult(form, -b * Si.GasConstant, Math.Sqrt(varB) * Si.GasConstant, Math.Exp(a),
            s25, s25 * sd0, Math.Exp(y0 - t * sd0) * back, Math.Exp(y0 + t * sd0) * back,
            GoodnessOfFit.RSquared(fitted, y), n, resid);
    }

    /// <summary>Fit the VTF law to ln σ with MathNet's bounded Levenberg–Marquardt. Temperatures in K, σ in S/m.</summary>
    public static VtfResult Vtf(IReadOnlyList<double> temperaturesK, IReadOnlyList<double> conductivities)
    {
        Check(temperaturesK, conductivities, VtfMinimumPoints, "a VTF fit (three parameters)");
        int n = temperaturesK.Count;
        var tt = Vector.Build.DenseOfEnumerable(temperaturesK);
        var ly = Vector.Build.DenseOfEnumerable(conductivities.Select(v => Math.Log(v)));
        double tMin = temperaturesK.Min();
        // p = [ln A, B, T0];  ln σ = ln A − ½ ln T − B/(T − T0)
        Vector Model(Vector p, Vector t) => t.Map(T => p[0] - 0.5 * Math.Log(T) - p[1] / (T - p[2]));
        Matrix<double> Jac(Vector p, Vector t)
        {
            var j = Matrix<double>.Build.Dense(t.Count, 3);
            for (int i = 0; i < t.Count; i++)
            {
                double d = t[i] - p[2];
                j[i, 0] = 1;
                j[i, 1] = -1 / d;
                j[i, 2] = -p[1] / (d * d);
            }
            return j;
        }
        var objective = ObjectiveFunction.NonlinearModel(Model, Jac, tt, ly);
        var lower = Vector.Build.DenseOfArray([-100.0, 1.0, 0.0]);
        var upper = Vector.Build.DenseOfArray([100.0, 1e5, tMin - 1]);
        // Start: T0 50 K below the lowest temperature, B from the two end points, ln A from the mean.
        double t0 = Math.Max(1, tMin - 50);
        int iLo = Enumerable.Range(0, n).MinBy(i => temperaturesK[i]), iHi = Enumerable.Range(0, n).MaxBy(i => temperaturesK[i]);
        double yLo = ly[iLo] + 0.5 * Math.Log(temperaturesK[iLo]), yHi = ly[iHi] + 0.5 * Math.Log(temperaturesK[iHi]);
        double b0 = Math.Clamp((yHi - yLo) / (1 / (temperaturesK[iLo] - t0) - 1 / (temperaturesK[iHi] - t0)), 10, 5e4);
        double lnA0 = Enumerable.Range(0, n).Average(i => ly[i] + 0.5 * Math.Log(temperaturesK[i]) + b0 / (temperaturesK[i] - t0));
        var start = Vector.Build.DenseOfArray([lnA0, b0, t0]);
        var result = new LevenbergMarquardtMinimizer(maximumIterations: 2000).FindMinimum(objective, start, lower, upper);
        var p = result.MinimizingPoint;
        var fitted = Model(p, tt);
        var resid = (ly - fitted).ToArray();
        var se = result.StandardErrors ?? Vector.Build.Dense(3, double.NaN);
        double A = Math.Exp(p[0]);
        double s25 = A / Math.Sqrt(RoomTemperatureK) * Math.Exp(-p[1] / (RoomTemperatureK - p[2]));
        bool converged = result.ReasonForExit is ExitCondition.Converged or ExitCondition.RelativeGradient or ExitCondition.RelativePoints or ExitCondition.AbsoluteGradient;
        return new VtfResult(A, A * se[0], p[1], se[1], p[2], se[2], s25, GoodnessOfFit.RSquared(fitted, ly), n, converged, resid);
    }

    static void Check(IReadOnlyList<double> t, IReadOnlyList<double> s, int min, string what)
    {
        if (t.Count != s.Count) throw new InputException($"{t.Count} temperatures but {s.Count} conductivities");
        if (t.Count < min) throw new InputException($"{what} needs at least {min} temperatures, got {t.Count}");
        for (int i = 0; i < t.Count; i++)
        {
            if (!(t[i] > 0) || !double.IsFinite(t[i])) throw new InputException($"point {i + 1}: temperature must be above 0 K, got {t[i]:G6} K");
            if (!(s[i] > 0) || !double.IsFinite(s[i])) throw new InputException($"point {i + 1}: conductivity must be positive, got {s[i]:G6} S/m");
        }
        if (t.Distinct().Count() < 2) throw new InputException("all temperatures are equal: a temperature series needs at least two different temperatures");
    }
}
