using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.Data.Eis;
using Interphase.Ensembles;
using Interphase.Impedance;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;

namespace Interphase;

/// <summary>
/// Interphase from C# in a few calls: simulate a cell file under a protocol, analyse a measured file,
/// fit an equivalent circuit to a spectrum, and write the same files as the <c>interphase</c> command.
/// Each call is a thin, stable front to the types that do the work (<see cref="SymmetricSimulator"/>,
/// <see cref="FullCellSimulator"/>, <see cref="Measurement"/>, <see cref="EisFitter"/>) and returns their
/// results; use those types directly for what these calls do not expose (simulation options, progress,
/// another materials library). Every mistake in an input is an <see cref="InputException"/> whose message
/// names the file, line and what was expected.
/// </summary>
/// <example>
/// <code>
/// var run = Lab.Simulate("data/cases/A-bare-Li-LPSCl.yaml", "Repeat 3 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h");
/// Console.WriteLine($"{run.MeanOverpotential * 1e3:F1} mV");
/// </code>
/// </example>
public static class Lab
{
    /// <summary>
    /// Simulates a symmetric cell (metal | electrolyte | metal) under <paramref name="protocol"/>, one step
    /// per string as in a protocol file ("Plate at 0.2 mA/cm2 for 5 h"); with no step, under the cell file's
    /// own protocol. The materials library is the shipped one (<see cref="MaterialLibrary.DefaultDirectory"/>).
    /// </summary>
    /// <param name="cellFile">a cell file (YAML) of kind symmetric, e.g. data/cases/A-bare-Li-LPSCl.yaml</param>
    /// <param name="protocol">the protocol's lines; empty for the cell file's <c>protocol:</c> or <c>protocol_file:</c></param>
    /// <returns>The run: time series, cycles, events, spectra, short circuit and warnings.</returns>
    public static SimulationResult Simulate(string cellFile, params string[] protocol)
    {
        var (spec, lib, steps) = Prepare(cellFile, protocol, "symmetric", nameof(SimulateFullCell));
        return new SymmetricSimulator(SymmetricCell.Build(spec, lib)).Run(steps);
    }

    /// <summary>
    /// Simulates a full cell (<c>kind: full</c>: anode, electrolyte, composite cathode) under
    /// <paramref name="protocol"/> ("Charge at 0.1C until 4.3 V"); with no step, under the cell file's own
    /// protocol.
    /// </summary>
    /// <param name="cellFile">a cell file (YAML) of kind full, e.g. data/cases/D-LFP-PT-PEO.yaml</param>
    /// <param name="protocol">the protocol's lines; empty for the cell file's own protocol</param>
    /// <returns>The run: time series, cycles with capacities and coulombic efficiency, retention, spectra.</returns>
    public static FullCellResult SimulateFullCell(string cellFile, params string[] protocol)
    {
        var (spec, lib, steps) = Prepare(cellFile, protocol, "full", nameof(Simulate));
        return new FullCellSimulator(FullCell.Build(spec, lib)).Run(steps);
    }

    /// <summary>
    /// Runs the voltage sweeps (linear sweep or cyclic voltammetry, "Sweep from 3 V to 5.5 V at 0.1 mV/s") of
    /// a blocking-electrode cell (<c>kind: blocking</c>, e.g. Li | PEO | stainless steel): the electrolyte's
    /// oxidation onset, as <c>interphase simulate</c> does for such a cell.
    /// </summary>
    /// <param name="cellFile">a cell file (YAML) of kind blocking, e.g. data/cases/B-LSV-Li-PEO-SS.yaml</param>
    /// <param name="protocol">the sweep steps; empty for the cell file's own protocol</param>
    public static SweepResult SimulateSweep(string cellFile, params string[] protocol)
    {
        var (spec, lib, steps) = Prepare(cellFile, protocol, "blocking", nameof(Simulate));
        return new SweepSimulator(BlockingCell.Build(spec, lib)).Run(steps);
    }

    /// <summary>
    /// Runs <paramref name="count"/> realisations of a symmetric or full cell whose properties carry
    /// distributions (the cell file's <c>distributions:</c>, docs/cli.md), on all cores, as
    /// <c>interphase simulate --ensemble N --seed S</c> does: the median and 10–90 % bands of the time to
    /// short, the critical current density and the overpotential (<see cref="EnsembleResult.BandOf"/>).
    /// The same seed gives the same realisations.
    /// </summary>
    /// <param name="cellFile">a cell file (YAML) of kind symmetric or full</param>
    /// <param name="count">the number of realisations (at least 1)</param>
    /// <param name="seed">the seed of the draws</param>
    /// <param name="protocol">the protocol's lines; empty for the cell file's own protocol</param>
    public static EnsembleResult Ensemble(string cellFile, int count, int seed, params string[] protocol)
    {
        if (count < 1) throw new InputException($"an ensemble needs at least one realisation, got {count}", cellFile);
        var lib = MaterialLibrary.Load();
        var kind = CellSpec.Load(cellFile, lib).Kind;
        if (kind == "blocking") throw new InputException("a blocking cell's sweep has no random properties: run it with Lab.SimulateSweep", cellFile);
        var (spec, _, steps) = Prepare(cellFile, protocol, kind, nameof(Simulate), lib);
        return Ensembles.Ensemble.Run(spec, lib, steps, EnsembleSpec.Read(spec, lib, null), new EnsembleOptions { Count = count, Seed = seed });
    }

    /// <summary>
    /// Reads a measured file (BioLogic, Arbin, Maccor, Neware, Gamry, CSV, or Interphase's own
    /// timeseries.csv), recognising the format from its content, and analyses it as a symmetric cell, a
    /// full cell, impedance spectra or an open-circuit trace (<see cref="Measurement.Kind"/>), as
    /// <c>interphase analyze</c> does.
    /// </summary>
    /// <param name="file">the measured file</param>
    /// <param name="options">area, active mass, the kind of cell and how to segment; null for the defaults</param>
    public static Measurement Analyze(string file, AnalysisOptions? options = null) => Measurement.Analyze(file, options);

    /// <summary>
    /// Fits an equivalent circuit in impedance.py's notation ("R0-p(R1,CPE1)") to one sweep of an
    /// impedance file, without initial guesses unless <paramref name="options"/> gives some, as
    /// <c>interphase eis fit</c> does.
    /// </summary>
    /// <param name="file">an impedance file: BioLogic .mpt/.mpr, Gamry .DTA, ZPlot .z, Autolab/ZView text or CSV</param>
    /// <param name="circuit">the circuit, e.g. "R0-p(R1,CPE1)-W1"</param>
    /// <param name="options">weighting, starting values, fixed parameters, bounds; null for the defaults</param>
    /// <param name="sweep">which sweep of a file that holds several, counting from 1</param>
    public static FitResult FitImpedance(string file, string circuit, EisFitOptions? options = null, int sweep = 1)
    {
        if (sweep < 1) throw new InputException($"the sweep counts from 1, got {sweep}", file);
        return EisFitter.Fit(EisFile.Read(file, sweep - 1), Circuit.Parse(circuit), options);
    }

    /// <summary>
    /// Writes a symmetric-cell run as <c>interphase simulate</c> does: timeseries.csv, cycles.csv,
    /// summary.json, eis_N.csv and report.html. Files appear only when all of them are complete; files of
    /// the same names already in <paramref name="folder"/> are replaced.
    /// </summary>
    /// <returns>The names of the files written.</returns>
    public static IReadOnlyList<string> Write(SimulationResult run, string folder) =>
        SimulationWriter.Write(run, folder, report: SimulationReport.Build);

    /// <summary>Writes a full-cell run as <c>interphase simulate</c> does (see <see cref="Write(SimulationResult, string)"/>).</summary>
    public static IReadOnlyList<string> Write(FullCellResult run, string folder) =>
        FullCellWriter.Write(run, folder, report: FullCellReport.Build);

    /// <summary>Writes an ensemble as <c>interphase simulate --ensemble</c> does: realisations.csv, bands, summary.json and report.html.</summary>
    public static IReadOnlyList<string> Write(EnsembleResult ensemble, string folder) =>
        EnsembleWriter.Write(ensemble, folder, html: EnsembleReport.Html);

    /// <summary>Writes an analysis as <c>interphase analyze</c> does (see <see cref="Write(SimulationResult, string)"/>).</summary>
    public static IReadOnlyList<string> Write(Measurement measurement, string folder) =>
        MeasurementWriter.Write(measurement, folder);

    static (CellSpec spec, MaterialLibrary lib, Protocol protocol) Prepare(string cellFile, string[] lines, string kind, string other, MaterialLibrary? library = null)
    {
        var lib = library ?? MaterialLibrary.Load();
        var spec = CellSpec.Load(cellFile, lib);
        if (spec.Kind != kind)
            throw new InputException(spec.Kind == "blocking"
                ? $"this is a blocking-electrode cell (kind: blocking): run its voltage sweeps with Lab.{nameof(SimulateSweep)}"
                : $"this is a {spec.Kind} cell (kind: {spec.Kind}): simulate it with Lab.{(spec.Kind == "full" ? nameof(SimulateFullCell) : other)}", cellFile);
        var protocol = lines.Length > 0 ? ProtocolParser.ParseLines(lines, "protocol")
            : ProtocolParser.OfCell(spec) ?? throw new InputException("no protocol: pass its steps, e.g. \"Plate at 0.2 mA/cm2 for 5 h\" (or add 'protocol:' to the cell file)", cellFile);
        return (spec, lib, protocol);
    }
}
