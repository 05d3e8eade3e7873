using System.Numerics;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

public class ElementTests
{
    static Complex Z(string circuit, double f, params double[] p) => Circuit.Parse(circuit).Evaluate([f], p)[0];

    static void Near(Complex expected, Complex actual, double rel = 1e-9)
    {
        double tol = rel * Math.Max(expected.Magnitude, 1e-300);
        Assert.True((expected - actual).Magnitude <= tol, $"expected {expected}, got {actual}");
    }

    public static TheoryData<string> AllSymbols() => new(Elements.All.Select(e => e.Symbol));

    [Theory]
    [MemberData(nameof(AllSymbols))]
    public void AnElementsAmplitudeScalesItsImpedanceAndNothingElse(string symbol)
    {
        // What the automatic guess relies on to share a spectrum among series elements (SeriesAmplitudes).
        var type = Elements.Find(symbol)!;
        if (type.Amplitude is not { } a)
        {
            Assert.Contains(symbol, new[] { "La", "TLMQ", "T" }); // no single parameter scales these
            return;
        }
        var p = type.Parameters.Select(q => q.Kind == ParameterKind.Exponent ? 0.7 : 2.0).ToArray();
        var scaled = (double[])p.Clone();
        scaled[a.Index] *= Math.Pow(3.7, a.Power);
        foreach (var f in new[] { 1e-3, 1.0, 1e3, 1e6 })
        {
            double w = 2 * Math.PI * f;
            Near(3.7 * type.Impedance(p, w, Math.Log(w), Span<Complex>.Empty), type.Impedance(scaled, w, Math.Log(w), Span<Complex>.Empty));
        }
    }

    [Theory]
    [MemberData(nameof(AllSymbols))]
    public void EveryElementHasAFormulaASourceAndExactDerivatives(string symbol)
    {
        var type = Elements.Find(symbol)!;
        Assert.False(string.IsNullOrWhiteSpace(type.Formula));
        Assert.False(string.IsNullOrWhiteSpace(type.Source));
        var rng = new Random(symbol.GetHashCode() & 0xffff);
        foreach (var f in new[] { 1e-4, 1e-2, 1.0, 1e2, 1e4, 1e6 })
        {
            var p = type.Parameters.Select(q => q.Kind == ParameterKind.Exponent ? 0.45 + 0.5 * rng.NextDouble() : Math.Exp(4 * rng.NextDouble() - 2)).ToArray();
            double w = 2 * Math.PI * f;
            var d = new Complex[p.Length];
            var z = type.Impedance(p, w, Math.Log(w), d);
            Assert.True(double.IsFinite(z.Real) && double.IsFinite(z.Imaginary), $"{symbol} not finite at {f} Hz");
            for (int k = 0; k < p.Length; k++)
            {
                var hi = (double[])p.Clone(); var lo = (double[])p.Clone();
                double h = 1e-6 * p[k];
                hi[k] += h; lo[k] -= h;
                var fd = (type.Impedance(hi, w, Math.Log(w), Span<Complex>.Empty) - type.Impedance(lo, w, Math.Log(w), Span<Complex>.Empty)) / (2 * h);
                Assert.True((fd - d[k]).Magnitude <= 1e-5 * Math.Max(fd.Magnitude, z.Magnitude / p[k]),
                    $"{symbol}.{type.Parameters[k].Symbol} at {f} Hz: analytic {d[k]}, finite difference {fd}");
            }
        }
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1.0)]
    [InlineData(1e5)]
    public void CpeWithAlphaOneIsACapacitor(double f) => Near(Z("C1", f, 3e-5), Z("CPE1", f, 3e-5, 1.0));

    [Fact]
    public void LaWithAlphaOneIsAnInductor() => Near(Z("L1", 1234, 2e-6), Z("La1", 1234, 2e-6, 1.0));

    [Fact]
    public void ZarcAndKAreParallelRC()
    {
        // Zarc with γ = 1 and K are R‖C with C = τ/R.
        foreach (var f in new[] { 0.1, 10.0, 1e3 })
        {
            var rc = Z("p(R1,C1)", f, 50, 2e-4 / 50);
            Near(rc, Z("Zarc1", f, 50, 2e-4, 1.0));
            Near(rc, Z("K1", f, 50, 2e-4));
            // HN with β = 1 is the Zarc
            Near(Z("Zarc1", f, 50, 2e-4, 0.8), Z("HN1", f, 50, 2e-4, 0.8, 1.0));
            // p(R, CPE) is the Zarc with τ^α = R Q
            Near(Z("p(R1,CPE1)", f, 50, Math.Pow(2e-4, 0.8) / 50, 0.8), Z("Zarc1", f, 50, 2e-4, 0.8));
        }
    }

    [Fact]
    public void FiniteWarburgLimits()
    {
        const double z0 = 40, tau = 2.5;
        // Ws (transmissive): Z → Z0 at ω → 0.
        Near(new Complex(z0, 0), Z("Ws1", 1e-9, z0, tau), 1e-6);
        // Wo (reflective): Z → Z0/3 + Z0/(jωτ) at ω → 0 (a capacitor τ/Z0 in series with Z0/3).
        double f = 1e-7, w = 2 * Math.PI * f;
        Near(new Complex(z0 / 3, -z0 / (w * tau)), Z("Wo1", f, z0, tau), 1e-6);
        // Both → semi-infinite Warburg Z0/√(jωτ) at ω → ∞, i.e. W with A_W = Z0/√(2τ).
        foreach (var sym in new[] { "Wo1", "Ws1" })
            Near(Z("W1", 1e4, z0 / Math.Sqrt(2 * tau)), Z(sym, 1e4, z0, tau), 1e-9);
        // No overflow deep in the Warburg region.
        var far = Z("Wo1", 1e9, z0, 1e4);
        Assert.True(double.IsFinite(far.Real) && far.Magnitude > 0);
    }

    [Fact]
    public void SphericalDiffusionIsItsClosedFormAndItsLimits()
    {
        const double rs = 40, tau = 2.5;
        // the closed form R_s tanh(s)/(s − tanh(s)) written out here at ωτ = 3, s = √(3j)
        double f = 3 / (2 * Math.PI * tau);
        var s = Complex.Sqrt(new Complex(0, 3));
        var th = Complex.Tanh(s);
        Near(rs * th / (s - th), Z("Wsph1", f, rs, tau), 1e-13);
        // ω → 0: R_s(3/s² + 1/5 − s²/175): a capacitor τ/(3R_s) in series with R_s/5
        foreach (var wt in new[] { 1e-6, 1e-3, 0.03 })
        {
            var u = new Complex(0, wt);
            Near(rs * (3 / u + 0.2 - u / 175), Z("Wsph1", wt / (2 * Math.PI * tau), rs, tau), 1e-12 + 1e-4 * wt * wt);
        }
        // its real part tends to R_s/5 (Wo's Z0/3 is a slab's)
        Assert.Equal(rs / 5, Z("Wsph1", 1e-9, rs, tau).Real, 1e-9);
        // ω → ∞: the Warburg line R_s/s (W with A_W = R_s/√(2τ)), less R_s (its next term, tanh s → 1: R_s/(s − 1) = R_s/s + R_s/s² + …)
        var hiF = 1e6 / (2 * Math.PI * tau);
        var sHi = Complex.Sqrt(new Complex(0, 1e6));
        Near(rs / (sHi - 1), Z("Wsph1", hiF, rs, tau), 1e-12);
        Near(Z("W1", hiF, rs / Math.Sqrt(2 * tau)), Z("Wsph1", hiF, rs, tau), 2e-3);
        var far = Z("Wsph1", 1e9, rs, 1e4);
        Assert.True(double.IsFinite(far.Real) && far.Magnitude > 0);
    }

    [Fact]
    public void SphericalDiffusionIsContinuousWhereItsSeriesTakesOver()
    {
        // the series below |jωτ| = 0.04, the closed form above: Z, and both derivatives, agree across the switch
        var type = Elements.Find("Wsph")!;
        double[] p = [40, 2.5];
        foreach (var side in new[] { 1 - 1e-9, 1 + 1e-9 })
        {
            double w = Elements.SphereSeriesBelow * side / p[1];
            var d = new Complex[2];
            var z = type.Impedance(p, w, Math.Log(w), d);
            double wx = Elements.SphereSeriesBelow * (2 - side) / p[1];
            var dx = new Complex[2];
            var zx = type.Impedance(p, wx, Math.Log(wx), dx);
            Near(zx, z, 1e-8);
            Near(dx[0], d[0], 1e-8);
            Near(dx[1], d[1], 1e-8);
        }
        // and the series' g matches the closed form's to 1e-13 at the switch
        var u = new Complex(0, Elements.SphereSeriesBelow * (1 - 1e-12));
        var (gSeries, hSeries) = Elements.SphereDiffusion(u);
        var sq = Complex.Sqrt(u);
        var gClosed = sq / Complex.Tanh(sq) - 1;
        Near(gClosed, gSeries, 1e-12);
        Near(0.5 * (sq / Complex.Tanh(sq) - u / (Complex.Sinh(sq) * Complex.Sinh(sq))), hSeries, 1e-11);
    }

    [Fact]
    public void GerischerLimits()
    {
        Near(new Complex(30, 0), Z("G1", 1e-9, 30, 0.01), 1e-6);
        // Gs becomes G for a long layer (φ → ∞).
        Near(Z("G1", 5, 30, 0.01), Z("Gs1", 5, 30, 0.01, 50), 1e-12);
    }

    [Fact]
    public void TransmissionLinesLowFrequency()
    {
        // TLMQ: √(R Zs) coth √(R/Zs) → Zs + R/3 when |R/Zs| → 0.
        double f = 1e-6, w = 2 * Math.PI * f;
        var zs = 1 / (2e-3 * Complex.Pow(new Complex(0, w), 0.9));
        Near(zs + 60.0 / 3, Z("TLMQ1", f, 60, 2e-3, 0.9), 1e-6);
        // Paasch T at ω → 0 is real: A coth(√a)/√a + B/(√a sinh √a).
        double A = 30, B = 20, a = 0.5, sa = Math.Sqrt(a);
        var t = Z("T1", 1e-9, A, B, a, 0.01);
        Near(new Complex(A / Math.Tanh(sa) / sa + B / (sa * Math.Sinh(sa)), 0), t, 1e-6);
        // and stays finite where sinh overflows
        var hi = Z("T1", 1e9, A, B, a, 10);
        Assert.True(double.IsFinite(hi.Real) && double.IsFinite(hi.Imaginary));
    }

    [Fact]
    public void DocsListEveryElementWithTheFormulaTheCodeUses()
    {
        var docs = File.ReadAllText(SharedData.Repo("docs/impedance.md"));
        foreach (var e in Elements.All)
        {
            Assert.Contains($"| `{e.Symbol}` |", docs);
            Assert.Contains(e.Formula, docs);
        }
    }

    [Fact]
    public void RegistryIsCaseSensitiveAndComplete()
    {
        Assert.Null(Elements.Find("cpe"));
        foreach (var s in new[] { "R", "C", "L", "CPE", "W", "Wo", "Ws", "Wsph", "G", "Gs", "La", "K", "TLMQ", "T", "Zarc", "HN" })
            Assert.NotNull(Elements.Find(s));
    }
}
