// The code of README.md's "Using Interphase from C#": its three csharp blocks, in order, are this file
// below these comment lines, verbatim. LibraryExampleTests checks that and runs the program from a folder
// that holds the repository's data/.
using Interphase;

var run = Lab.Simulate("data/cases/A-bare-Li-LPSCl.yaml",
    "Repeat 3 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h",
    "Measure EIS from 1 MHz to 100 mHz");
Console.WriteLine($"{run.CellName}: mean overpotential {run.MeanOverpotential * 1e3:F2} mV, short circuit: {run.ShortCircuit}");
foreach (var cycle in run.Cycles)
    Console.WriteLine($"  cycle {cycle.Cycle}: mean |V| {cycle.MeanAbsVoltage * 1e3:F2} mV");
var files = Lab.Write(run, "out/from-csharp");   // as interphase simulate: timeseries.csv, …, report.html
Console.WriteLine($"wrote {files.Count} files to out/from-csharp");

var measured = Lab.Analyze("out/from-csharp/timeseries.csv");   // or a .mpr, .nda, Arbin/Maccor export …
Console.WriteLine($"analysed as {measured.Kind}: {measured.KindReason}");
foreach (var cycle in measured.Symmetric!.Cycles)
    Console.WriteLine($"  cycle {cycle.Cycle}: mean |V| {cycle.MeanAbsVoltage * 1e3:F2} mV");

var fit = Lab.FitImpedance("out/from-csharp/eis_1.csv", "R0-p(R1,CPE1)-p(R2,CPE2)");
Console.WriteLine($"{fit.Circuit}: χ²/ν = {fit.ReducedChiSquare:G3}");
foreach (var p in fit.Parameters)
    Console.WriteLine($"  {p.Name} = {p.Value:G4} ± {p.StandardError:G2} {p.Unit}");
