using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>Heckel densification of pressed layers (docs/models.md §2.1): continuous in the assembly pressure.</summary>
public class DensificationTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    [Fact]
    public void HeckelLimits()
    {
        var h = new HeckelDensification(0.7, 59e6);
        Assert.Equal(0.7, h.Porosity(0));                     // p = 0: the as-made density
        Assert.True(h.Porosity(1e4 * 59e6) < 1e-12);           // p → ∞: dense
        // Heckel's plot is a straight line: ln(1/(1 − D)) = p/P_y + ln(1/ε0)
        foreach (var p in new[] { 10e6, 50e6, 200e6 })
            Assert.Equal(p / 59e6 + Math.Log(1 / 0.7), Math.Log(1 / (1 - h.RelativeDensity(p))), 12);
    }

    static LayerGeometry Nanowalls(double? assemblyPa)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "A-Li2Se-NW-LPSCl.yaml"), Lib) with { AssemblyPressurePa = assemblyPa };
        return SymmetricCell.Build(spec, Lib).Left.Interlayers[0].geometry;
    }

    [Fact]
    public void PressedLayerDensifiesContinuouslyWithTheAssemblyPressure()
    {
        // not pressed: as grown, 15 µm at 0.7 porosity
        Assert.Equal(0.7, Nanowalls(null).Porosity, 12);
        Assert.Equal(15e-6, Nanowalls(null).Thickness, 12);
        // through the estimated point 0.3 at 50 MPa (6.4 µm), and on either side of it without a step
        Assert.Equal(0.3, Nanowalls(50e6).Porosity, 2);
        double prev = 1;
        foreach (var p in new[] { 10e6, 30e6, 49e6, 51e6, 100e6, 300e6 })
        {
            var g = Nanowalls(p);
            Assert.True(g.Porosity < prev, $"{p / 1e6} MPa: {g.Porosity}");
            prev = g.Porosity;
        }
        Assert.True(Math.Abs(Nanowalls(49e6).Thickness - Nanowalls(51e6).Thickness) < 0.02 * Nanowalls(50e6).Thickness);
        Assert.True(Nanowalls(300e6).Porosity < 0.01);
    }
}
