using System.Globalization;
using System.Numerics;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

public class CircuitTests
{
    // Reference values computed with impedance.py 1.7.1 (ECSHackWeek, commit 0b302ca) by evaluating the
    // same circuit string and parameters: a string that parses there must give the same impedance here.
    [Theory]
    [InlineData("R0-p(R1,C1)-L1", "10,50,1e-05,1e-06", 0.001, 59.99999999950652, -0.00015707334949263221)]
    [InlineData("R0-p(R1,C1)-L1", "10,50,1e-05,1e-06", 0.1, 59.999995065198284, -0.015707333399104566)]
    [InlineData("R0-p(R1,C1)-L1", "10,50,1e-05,1e-06", 10.0, 59.95070063451801, -1.5691847096975762)]
    [InlineData("R0-p(R1,C1)-L1", "10,50,1e-05,1e-06", 1000.0, 14.59998341751876, -14.444990925804632)]
    [InlineData("R0-p(R1,C1)-L1", "10,50,1e-05,1e-06", 100000.0, 10.000506600785272, 0.46916520018644614)]
    [InlineData("R0-p(R1,CPE1)-W1", "5,80,2e-05,0.8,30", 0.001, 463.4691931813061, -378.47198670178113)]
    [InlineData("R0-p(R1,CPE1)-W1", "5,80,2e-05,0.8,30", 0.1, 122.81963593636914, -37.93086883959936)]
    [InlineData("R0-p(R1,CPE1)-W1", "5,80,2e-05,0.8,30", 10.0, 87.5796489655794, -7.031935519193497)]
    [InlineData("R0-p(R1,CPE1)-W1", "5,80,2e-05,0.8,30", 1000.0, 29.36223534127798, -26.271227226316356)]
    [InlineData("R0-p(R1,CPE1)-W1", "5,80,2e-05,0.8,30", 100000.0, 5.406158693146041, -1.1210370260364966)]
    [InlineData("p(R1-Wo1,C1)-Ws1", "20,40,3.0,0.0001,15,0.5", 0.001, 48.24457145530553, -2119.27336801601)]
    [InlineData("p(R1-Wo1,C1)-Ws1", "20,40,3.0,0.0001,15,0.5", 0.1, 47.753930864066206, -24.423134924455624)]
    [InlineData("p(R1-Wo1,C1)-Ws1", "20,40,3.0,0.0001,15,0.5", 10.0, 22.998568837198253, -6.812792805325876)]
    [InlineData("p(R1-Wo1,C1)-Ws1", "20,40,3.0,0.0001,15,0.5", 1000.0, 0.31361079326896635, -1.769719676000361)]
    [InlineData("p(R1-Wo1,C1)-Ws1", "20,40,3.0,0.0001,15,0.5", 100000.0, 0.018936145988519698, -0.03483896514745921)]
    [InlineData("G1-Gs1-La1", "30,0.01,25,0.02,1.5,1e-05,0.7", 0.001, 57.61978864181305, -0.0031894694844609352)]
    [InlineData("G1-Gs1-La1", "30,0.01,25,0.02,1.5,1e-05,0.7", 0.1, 57.616778318882346, -0.3195181865855538)]
    [InlineData("G1-Gs1-La1", "30,0.01,25,0.02,1.5,1e-05,0.7", 10.0, 43.61579491952774, -17.28924410731283)]
    [InlineData("G1-Gs1-La1", "30,0.01,25,0.02,1.5,1e-05,0.7", 1000.0, 4.345849063480978, -4.096872734583647)]
    [InlineData("G1-Gs1-La1", "30,0.01,25,0.02,1.5,1e-05,0.7", 100000.0, 2.0688531858428045, 2.8002855557298907)]
    [InlineData("K1-Zarc1-TLMQ1", "12,0.001,40,0.05,0.75,60,0.0002,0.9", 0.001, 75051.12257487967, -473399.86522939394)]
    [InlineData("K1-Zarc1-TLMQ1", "12,0.001,40,0.05,0.75,60,0.0002,0.9", 0.1, 1259.0534516640441, -7505.493777723084)]
    [InlineData("K1-Zarc1-TLMQ1", "12,0.001,40,0.05,0.75,60,0.0002,0.9", 10.0, 59.743320040909396, -130.72207868846198)]
    [InlineData("K1-Zarc1-TLMQ1", "12,0.001,40,0.05,0.75,60,0.0002,0.9", 1000.0, 8.642269044763824, -9.306022539830472)]
    [InlineData("K1-Zarc1-TLMQ1", "12,0.001,40,0.05,0.75,60,0.0002,0.9", 100000.0, 1.0308177255446016, -0.9095851039861578)]
    [InlineData("T1-R0", "30,20,0.5,0.01,3", 0.001, 109.53314197671838, -0.012582505773015899)]
    [InlineData("T1-R0", "30,20,0.5,0.01,3", 0.1, 109.5173539099986, -1.2580521878674702)]
    [InlineData("T1-R0", "30,20,0.5,0.01,3", 10.0, 48.298111574431026, -48.88408239245299)]
    [InlineData("T1-R0", "30,20,0.5,0.01,3", 1000.0, 5.704947674339036, -2.6668862405416096)]
    [InlineData("T1-R0", "30,20,0.5,0.01,3", 100000.0, 3.267629264993812, -0.26760796858098324)]
    [InlineData("R0-p(R1-p(R2,CPE2),C1)", "2,10,30,0.001,0.85,1e-06", 0.001, 41.997171544984134, -0.011771074266174106)]
    [InlineData("R0-p(R1-p(R2,CPE2),C1)", "2,10,30,0.001,0.85,1e-06", 0.1, 41.847675767117885, -0.5848086410743134)]
    [InlineData("R0-p(R1-p(R2,CPE2),C1)", "2,10,30,0.001,0.85,1e-06", 10.0, 26.806985374837094, -11.854173404765232)]
    [InlineData("R0-p(R1-p(R2,CPE2),C1)", "2,10,30,0.001,0.85,1e-06", 1000.0, 12.035467469958684, -1.2047435654173182)]
    [InlineData("R0-p(R1-p(R2,CPE2),C1)", "2,10,30,0.001,0.85,1e-06", 100000.0, 2.2468923803488727, -1.5519831821290142)]
    public void MatchesImpedancePy(string circuit, string parameters, double f, double re, double im)
    {
        var p = parameters.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var z = Circuit.Parse(circuit).Evaluate([f], p)[0];
        double tol = 1e-9 * Math.Max(1, new Complex(re, im).Magnitude);
        Assert.Equal(re, z.Real, tol);
        Assert.Equal(im, z.Imaginary, tol);
    }

    [Fact]
    public void RandlesLimits()
    {
        // R0-p(R1,C1): Z → R0 as f → ∞ and Z → R0 + R1 as f → 0.
        var c = Circuit.Parse("R0-p(R1,C1)", 12.5, 80, 2e-6);
        var z = c.Evaluate([1e-6, 1e12]);
        Assert.Equal(92.5, z[0].Real, 1e-6);
        Assert.Equal(0, z[0].Imaginary, 1e-6);
        Assert.Equal(12.5, z[1].Real, 1e-6);
        Assert.Equal(0, z[1].Imaginary, 1e-4);
        // with diffusion in the charge-transfer branch the low-frequency limit follows the Warburg line
        var w = Circuit.Parse("R0-p(R1-W1,C1)", 12.5, 80, 40, 2e-6).Evaluate([1e-8]);
        Assert.Equal(-1, w[0].Imaginary / (w[0].Real - 92.5), 2);
    }

    [Fact]
    public void ParsesTheGrammarAndNamesParametersLikeImpedancePy()
    {
        var c = Circuit.Parse(" R0 - p(R1, CPE1) - p(R2-Wo1, C2) ");
        Assert.Equal("R0-p(R1,CPE1)-p(R2-Wo1,C2)", c.Text);
        Assert.Equal(["R0", "R1", "CPE1_0", "CPE1_1", "R2", "Wo1_0", "Wo1_1", "C2"], c.Parameters.Select(p => p.Name));
        Assert.Equal(ParameterKind.Exponent, c.Parameters[3].Kind);
        Assert.Equal(5, c.IndexOf("Wo1_0"));
        var nested = Circuit.Parse("p(R1,p(R2,C2)-C3,L4)-R_5");
        Assert.Equal("p(R1,p(R2,C2)-C3,L4)-R_5", nested.Text);
        Assert.Equal(6, nested.ParameterCount);
    }

    [Fact]
    public void NodesBuiltInCodeEqualTheParsedString()
    {
        var built = Circuit.From(CircuitNode.Series(
            CircuitNode.Element("R0", 10),
            CircuitNode.Parallel(CircuitNode.Element("R1", 60), CircuitNode.Element("CPE1", 1e-6, 0.9)),
            CircuitNode.Parallel(CircuitNode.Element("R2", 90), CircuitNode.Element("CPE2", 1e-5, 0.8))));
        var parsed = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)", 10, 60, 1e-6, 0.9, 90, 1e-5, 0.8);
        Assert.Equal(parsed.Text, built.Text);
        double[] f = [0.01, 1, 100, 1e4];
        var a = built.Evaluate(f);
        var b = parsed.Evaluate(f);
        for (int i = 0; i < f.Length; i++) Assert.Equal(0, (a[i] - b[i]).Magnitude, 12);
    }

    [Theory]
    [InlineData("R0-p(R1,CPE1)-p(R2-Wo1,C2)-W3")]
    [InlineData("p(R1-p(R2,Zarc2),CPE1)-G1-Gs1-La1-L2")]
    [InlineData("T1-TLMQ1-K1-HN1-Ws1")]
    public void CircuitJacobianMatchesFiniteDifferences(string text)
    {
        var c = Circuit.Parse(text);
        var rng = new Random(3);
        var p = c.Parameters.Select(q => q.Kind == ParameterKind.Exponent ? 0.5 + 0.4 * rng.NextDouble() : Math.Exp(rng.NextDouble() * 4 - 2)).ToArray();
        double[] f = [1e-3, 0.3, 17, 2e3, 4e5];
        int m = p.Length;
        var z = new Complex[f.Length];
        var j = new Complex[f.Length * m];
        c.Evaluate(f, p, z, j);
        for (int k = 0; k < m; k++)
        {
            var hi = (double[])p.Clone(); var lo = (double[])p.Clone();
            double h = 1e-6 * p[k];
            hi[k] += h; lo[k] -= h;
            var zh = c.Evaluate(f, hi);
            var zl = c.Evaluate(f, lo);
            for (int i = 0; i < f.Length; i++)
            {
                var fd = (zh[i] - zl[i]) / (2 * h);
                Assert.True((fd - j[i * m + k]).Magnitude <= 1e-5 * Math.Max(fd.Magnitude, z[i].Magnitude / p[k]),
                    $"{c.Parameters[k].Name} at {f[i]} Hz: analytic {j[i * m + k]}, finite difference {fd}");
            }
        }
    }

    [Theory]
    [InlineData("R0-p(R1,CPE1", "column 13", "close 'p(' opened at column 4")]
    [InlineData("R0-p(R1)", "column 4", "one branch")]
    [InlineData("R0-Q1", "column 4", "unknown element 'Q'")]
    [InlineData("R0-cpe1", "column 4", "did you mean CPE")]
    [InlineData("R0--R1", "column 4", "expected an element name")]
    [InlineData("R0-p(R1,C1))", "column 12", "unmatched ')'")]
    [InlineData("R0,R1", "column 3", "',' outside p(…)")]
    [InlineData("   ", "", "empty")]
    [InlineData("R0-s(R1,C1)", "column 5", "only 'p(' opens")]
    public void BadCircuitStringsSayWhereAndWhat(string text, string where, string what)
    {
        var e = Assert.Throws<InputException>(() => Circuit.Parse(text));
        Assert.Contains(where, e.Message);
        Assert.Contains(what, e.Message);
        Assert.DoesNotContain('\n', e.OneLine);
    }

    [Theory]
    [InlineData("R0-p(R1,C1)-p(R1,C2)", 15, "R1", 6)]
    [InlineData("CPE1 - p(R0, CPE1)", 14, "CPE1", 1)]
    [InlineData("R_1-p(R_1-Wo1,C1)", 7, "R_1", 1)]
    public void RepeatedElementNamesAreRefusedWithTheColumn(string text, int column, string name, int first)
    {
        var e = Assert.Throws<InputException>(() => Circuit.Parse(text));
        Assert.Equal($"circuit '{text}', column {column}: element name '{name}' is used twice (first at column {first}): give each element its own name", e.Message);
        Assert.DoesNotContain('\n', e.OneLine);
        // the same number on different symbols is no clash: C1 and CPE1 are different names
        Assert.Equal(5, Circuit.Parse("R1-p(R2,C1)-CPE1").ParameterCount);
    }

    [Fact]
    public void RepeatedElementNamesBuiltInCodeAreRefused()
    {
        var e = Assert.Throws<InputException>(() => Circuit.From(CircuitNode.Series(
            CircuitNode.Element("R0"), CircuitNode.Parallel(CircuitNode.Element("R1"), CircuitNode.Element("C1")),
            CircuitNode.Parallel(CircuitNode.Element("R1"), CircuitNode.Element("C2")))));
        Assert.Contains("element name 'R1' is used twice", e.Message);
    }

    [Fact]
    public void WrongParameterCountIsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => Circuit.Parse("R0-p(R1,CPE1)", 1, 2, 3));
        Assert.Contains("has 4 parameters (R0, R1, CPE1_0, CPE1_1); 3 values were given", e.Message);
        var n = Assert.Throws<InputException>(() => Circuit.From(CircuitNode.Element("CPE1", 1e-6)));
        Assert.Contains("takes 2 parameters", n.Message);
        Assert.Throws<InputException>(() => Circuit.Parse("R0-p(R1,C1)").IndexOf("R7"));
    }
}
