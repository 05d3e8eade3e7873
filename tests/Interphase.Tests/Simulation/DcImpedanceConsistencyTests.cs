using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The impedance and the DC voltage are one model (issue 9 item 5, decision 0071): in every state a run passes
/// through, the simulated spectrum's low-frequency limit Re Z(f → 0) equals the cell's small-signal DC resistance
/// dV/di with the state frozen (contact, foil, films, interphases, zones, filaments, bridges, leak). In a symmetric
/// cell the salt's diffusion element is left out of both: its low-frequency limit is the profile relaxing, which a
/// frozen state does not (the DC slope is taken without the concentration overpotential, the spectrum without Z_diff).
/// In a full cell it is in both (decision 0077): the spectrum's Z_d against the DC's concentration overpotential with
/// the salt profile relaxed to its steady increment about the present one.
/// </summary>
public class DcImpedanceConsistencyTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>Far below every relaxation a cell has (the slowest charge transfer, layer or zone: ≤ 10³ s): (ωτ)² ≤ 4e-11.</summary>
    const double LowHz = 1e-9;

    /// <summary>The central difference's largest current (A/m², 0.01 µA/cm²), made smaller where the cell's resistance is large.</summary>
    const double Di = 1e-4;

    /// <summary>
    /// Relative: the drops' Newton solutions are converged to 1e-9 of η (ElectrodeSideDynamics.ParallelDrop), the inner
    /// path currents to 1e-10; the largest difference over the shipped cases' states is 9.6e-8 (A-Li2Se-NP-LPSCl).
    /// </summary>
    const double Tolerance = 1e-6;

    public static TheoryData<string> SymmetricCases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Cases, "*.yaml").Order(StringComparer.Ordinal))
            if (CellSpec.Load(f, Lib).Kind == "symmetric") data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(SymmetricCases))]
    public void SymmetricSpectrumEndsAtTheDcResistance(string name)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
        AssertSymmetricConsistent(name, SymmetricCell.Build(spec, Lib), ProtocolParser.OfCell(spec)!);
    }

    /// <summary>
    /// A foil stripped down to its asperity height: the contact the ions cross shrinks by ψ = 1 − exp(−h/h_a)
    /// (docs/models.md §10), in the spectrum as in the DC. No shipped case thins its foil that far (ψ = 1 − e^−100).
    /// </summary>
    [Fact]
    public void SymmetricSpectrumEndsAtTheDcResistanceAsTheFoilRunsOut()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"));
        int first = text.IndexOf("{material: Li, thickness: 100 um}", StringComparison.Ordinal);
        Assert.True(first > 0);
        text = text[..first] + "{material: Li, thickness: 3 um}" + text[(first + "{material: Li, thickness: 100 um}".Length)..];
        text = text.Replace("protocol_file: A-symmetric.protocol", "");
        var file = Path.Combine(TestPaths.TempDir(), "A-thin-Li.yaml");
        File.WriteAllText(file, text);
        var cell = SymmetricCell.Build(CellSpec.Load(file, Lib), Lib);
        // 3 µm of Li is 0.62 mAh/cm²: stripped in steps of 0.025 mAh/cm², the last states have h ≈ 1–2 h_a (ψ ≈ 0.6–0.9)
        var psi = new List<double>();
        AssertSymmetricConsistent("A-bare-Li-LPSCl with 3 µm of Li", cell,
            ProtocolParser.ParseLines(["Repeat 30 times: Strip 0.025 mAh/cm2 at 0.1 mA/cm2"]),
            sim => psi.Add(ElectrodeSideDynamics.Psi(sim.SnapshotForImpedance().MetalL, cell.Left.Contact.AsperityHeight)));
        // the run reached the states it is about
        Assert.True(psi.Min() < 0.9, $"lowest ψ {psi.Min():G3}");
    }

    /// <summary>
    /// An electronic leak and a surface film on the same side: E-bare-Li-LLTO's reduced LLTO (a mixed conductor, §7.3)
    /// grows on a contact whose film-free fraction is θ_s = FilmFreeFraction, the LLTO beyond it made a leaky conductor
    /// (10⁻⁴ S/cm, an override). The electrons cross the interphase where it
    /// stands, on φψθ_s, in the spectrum as in the DC. No shipped case has a film on a leaking side.
    /// </summary>
    [Fact]
    public void SymmetricSpectrumEndsAtTheDcResistanceWithALeakUnderAFilm()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "E-bare-Li-LLTO.yaml"));
        int at = text.IndexOf("layers:", StringComparison.Ordinal);
        Assert.True(at > 0);
        // LLTO's own electronic conductivity raised from 1e-9 to 1e-4 S/cm: R_e = 500 µm/σ_e = 500 Ω cm², near the ionic
        // cell's resistance, so that the leak (and the interphase's share of it, L/σ_e,int/(φψθ_s)) moves the impedance
        text = text[..at] + $"surface: {{film_free_fraction: {FilmFreeFraction}}}\noverrides:\n  LLTO.electronic_conductivity: 1e-4 S/cm\n" + text[at..];
        text = text.Replace("protocol_file: E-symmetric.protocol", "");
        var file = Path.Combine(TestPaths.TempDir(), "E-filmed-Li-LLTO.yaml");
        File.WriteAllText(file, text);
        var cell = SymmetricCell.Build(CellSpec.Load(file, Lib), Lib);
        Assert.Equal(FilmFreeFraction, cell.Left.FilmFreeFraction);
        Assert.True(cell.MayLeak);
        AssertSymmetricConsistent("E-bare-Li-LLTO with a surface film", cell,
            ProtocolParser.ParseLines(["Repeat 10 times: Plate at 0.5 mA/cm2 for 1 h; Strip at 0.5 mA/cm2 for 1 h"]));
    }

    const double FilmFreeFraction = 0.01;

    static void AssertSymmetricConsistent(string name, SymmetricCell cell, Protocol protocol, Action<SymmetricSimulator>? seen = null)
    {
        var worst = (rel: 0.0, step: 0, dc: 0.0, ac: 0.0);
        int states = 0;
        SymmetricSimulator sim = null!;
        sim = new SymmetricSimulator(cell, new SimulationOptions { RecordSeries = false })
        {
            BeforeStep = step =>
            {
                // the central difference at a current whose drop is ≤ 1 µV: there the curvature of Butler–Volmer
                // (η = (2RT/F)·asinh x) moves the slope by x²/6 ≤ (1e-6 V·F/2RT)²/6 < 1e-10, whatever the contact
                double dc = sim.SmallSignalAsr(Math.Min(Di, 1e-6 / sim.SmallSignalAsr(Di)));
                double ac = sim.AreaSpecificImpedance([LowHz], saltDiffusion: false)[0].Real;
                double rel = Math.Abs(ac - dc) / Math.Abs(dc);
                states++;
                seen?.Invoke(sim);
                if (!(rel <= worst.rel)) worst = (rel, step, dc, ac);
            },
        };
        sim.Run(protocol);
        Assert.True(worst.rel <= Tolerance, $"{name}: {states} states; at step {worst.step} Re Z(f→0) = {worst.ac:G10} Ω m² but dV/di = {worst.dc:G10} Ω m² (relative {worst.rel:G3})");
    }

    /// <summary>
    /// Full cells whose DC has a term the impedance has not (decision 0071, left open): a conversion cathode's
    /// open-circuit potential differs between charge and discharge (ConversionOpenCircuit), a step at i = 0 that no
    /// small-signal element represents. (D-LFP-PT-formation left the list with the electropolymerisation's small-signal
    /// branch, decision 0077.)
    /// </summary>
    static readonly Dictionary<string, string> KnownMismatch = new()
    {
        ["C-FeS2-LPS-solid"] = "conversion open-circuit step at i = 0",
        ["C-FeS2-liquid"] = "conversion open-circuit step at i = 0",
        ["C-FeS2-microsphere-solid"] = "conversion open-circuit step at i = 0",
    };

    /// <summary>
    /// A temperature series' spectrum (Measure EIS at ... degC) is the present state at another temperature: the cell is
    /// linearised there about the self-discharge point the side reactions draw at that temperature, as the DC slope with
    /// the constants built at it. A-LCO-bare-Li oxidises its electrolyte after each charge to 4.3 V (R_ox, §14.2).
    /// </summary>
    [Fact]
    public void FullCellSpectrumAtAnotherTemperatureEndsAtTheDcResistance()
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "A-LCO-bare-Li.yaml"), Lib);
        var cell = FullCell.Build(spec, Lib);
        var worst = (rel: 0.0, step: 0, T: 0.0, dc: 0.0, ac: 0.0);
        int states = 0;
        FullCellSimulator sim = null!;
        sim = new FullCellSimulator(cell, new SimulationOptions { RecordSeries = false })
        {
            BeforeStep = step =>
            {
                foreach (var T in new[] { cell.TemperatureK - 20, cell.TemperatureK + 20 })
                {
                    // the salt in both, as in every full cell (A-LCO-bare-Li's solid electrolyte has none: t+ = 1)
                    double di = Math.Min(Di, 1e-6 / sim.SmallSignalAsr(Di, T, relaxedSalt: true));
                    double dc = sim.SmallSignalAsr(di, T, relaxedSalt: true);
                    double ac = sim.AreaSpecificImpedance([LowHz], cathodeDiffusion: false, T, saltDiffusion: true)[0].Real;
                    double rel = Math.Abs(ac - dc) / Math.Abs(dc);
                    states++;
                    if (!(rel <= worst.rel)) worst = (rel, step, T, dc, ac);
                }
            },
        };
        sim.Run(ProtocolParser.ParseLines(["Charge at 0.1C until 4.3 V", "Discharge at 0.1C until 3.0 V", "Charge at 0.1C until 4.3 V"]));
        Assert.True(worst.rel <= Tolerance, $"{states} states; at step {worst.step}, {worst.T - 273.15:G4} degC, Re Z(f→0) = {worst.ac:G10} Ω m² but dV/di = {worst.dc:G10} Ω m² (relative {worst.rel:G3})");
    }

    public static TheoryData<string> FullCases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Cases, "*.yaml").Order(StringComparer.Ordinal))
            if (CellSpec.Load(f, Lib).Kind == "full") data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(FullCases))]
    public void FullCellSpectrumEndsAtTheDcResistance(string name)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
        var cell = FullCell.Build(spec, Lib);
        var worst = (rel: 0.0, step: 0, dc: 0.0, ac: 0.0);
        int states = 0;
        FullCellSimulator sim = null!;
        sim = new FullCellSimulator(cell, new SimulationOptions { RecordSeries = false })
        {
            BeforeStep = step =>
            {
                // the salt in both: its diffusion element Z_d against the DC's concentration overpotential with the profile
                // relaxed about the present one (decision 0077); the particles' and the monomer's diffusion out of both
                double di = Math.Min(Di, 1e-6 / sim.SmallSignalAsr(Di, relaxedSalt: true));
                double dc = sim.SmallSignalAsr(di, relaxedSalt: true);
                double ac = sim.AreaSpecificImpedance([LowHz], cathodeDiffusion: false, saltDiffusion: true)[0].Real;
                double rel = Math.Abs(ac - dc) / Math.Abs(dc);
                states++;
                if (!(rel <= worst.rel)) worst = (rel, step, dc, ac);
            },
        };
        sim.Run(ProtocolParser.OfCell(spec)!);
        if (KnownMismatch.TryGetValue(name, out var why))
        {
            // still open (decision 0071): the day the two agree, this fails and the case leaves the list
            Assert.True(worst.rel > Tolerance, $"{name} now agrees to {worst.rel:G3}: take it off KnownMismatch ({why})");
            return;
        }
        Assert.True(worst.rel <= Tolerance, $"{name}: {states} states; at step {worst.step} Re Z(f→0) = {worst.ac:G10} Ω m² but dV/di = {worst.dc:G10} Ω m² (relative {worst.rel:G3}, allowed {Tolerance:G3})");
    }
}
