using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The stepping engine's attempt loop (<see cref="StepEngine.TakeStep{M}"/>, docs/decisions/0034) on a model whose state
/// is its elapsed time x and whose voltage is <c>Slope·x</c>: what halves a step is the plan's limits, each the
/// contribution of the cell or one of its mechanisms, and nothing else.
/// </summary>
public class StepEngineTests
{
    /// <summary>A state that grows by dt at every advance; the voltage Slope·x; a hold's current 1/(1 + dt).</summary>
    sealed class Ramp : IStepModel
    {
        public double X, Saved, Slope = 1e-3;
        public int Advances;
        public void RestoreStep() => X = Saved;
        public bool Advance(double i, double iCell, double dt, out double dtShort) { X += dt; Advances++; dtShort = dt; return false; }
        public double VoltageAt(double i) => Slope * X;
        public double IonicCurrentAt(double i) => i;
        public bool MakesNewContact() => false;
        public SoftShort? Touch(double i, double t, int cycle, out int standingBefore) { standingBefore = 0; return null; }
        public bool IsShorted => false;
        public bool HasStandingBridges => false;
        public SoftShortBridges.Change StepBridges(double i, double v, double t, out SoftShort? ended) { ended = null; return SoftShortBridges.Change.None; }
        public double ImplicitHoldCurrent(double dt) => 1 / (1 + dt);
        public double HoldCurrentAt(double guess) => 1 / (1 + X);
    }

    static StepAttempt Take(Ramp m, StepPlan plan, double dt = 100, double i = 1) => StepEngine.TakeStep(m, plan, dt, i, vLast: 0, t: 0, cycle: 1, elapsed: 0);

    [Fact]
    public void AStepIsHalvedUntilTheVoltageLimitAcceptsItAndTheModelEndsThere()
    {
        // 1 mV/s from 0 V: 100 s moves 100 mV; 10 mV allowed: 100 → 50 → 25 → 12.5 → 6.25 s (6.25 mV)
        var m = new Ramp();
        var a = Take(m, new StepPlan([new VoltageStepLimit(0.010, 0, 0.5)]));
        Assert.Equal(6.25, a.Dt);
        Assert.Equal(6.25, m.X); // each rejected attempt went back to the step's start
        Assert.Equal(5, m.Advances);
        Assert.Equal(6.25e-3, a.V, 15);
    }

    [Fact]
    public void WithoutALimitTheProposedStepIsTakenWhole()
    {
        var m = new Ramp();
        var a = Take(m, new StepPlan([]));
        Assert.Equal(100, a.Dt);
        Assert.Equal(1, m.Advances);
    }

    [Fact]
    public void NoLimitHalvesBelowItsShortestStep()
    {
        // 10 V/s: no step above the engine's 0.5 s keeps 10 mV; the halving stops at the first length not above it
        var m = new Ramp { Slope = 10 };
        var a = Take(m, new StepPlan([new VoltageStepLimit(0.010, 0, StepEngine.MinStep)]));
        Assert.Equal(100.0 / 256, a.Dt); // 0.78 s > 0.5 s is halved once more
        Assert.True(Math.Abs(a.V) > 0.010);
    }

    [Fact]
    public void AMechanismsRuleTightensTheVoltageLimitOnlyWhileItMatters()
    {
        // a rule like the full cell's polymerisation (a tenth of RT/(αF) while it runs): 1 mV while the current is positive
        var rule = new VoltageStepRule("test mechanism", i => i > 0 ? 0.001 : double.PositiveInfinity);
        var limit = new VoltageStepLimit(0.010, 0, 0.5, rule);
        var on = Take(new Ramp(), new StepPlan([limit]), i: 1);
        var idle = Take(new Ramp(), new StepPlan([limit]), i: -1);
        Assert.Equal(100.0 / 128, on.Dt);   // 0.78 mV ≤ 1 mV
        Assert.Equal(6.25, idle.Dt);        // the rule does not matter: the 10 mV of the cell
    }

    [Fact]
    public void ARelativeToleranceWidensTheLimitAtLargeVoltages()
    {
        // a symmetric cell's 5 mV or 5 % of |V|: from a last point at 1 V a step may move 50 mV (80 s → 40 s), not 5 mV
        StepAttempt From1V(double relative)
        {
            var m = new Ramp { X = 1000, Saved = 1000 };
            return StepEngine.TakeStep(m, new StepPlan([new VoltageStepLimit(0.005, relative, 0.5)]), 80, 1, vLast: 1, t: 0, cycle: 1, elapsed: 0);
        }
        Assert.Equal(40, From1V(0.05).Dt);
        Assert.True(From1V(0).Dt <= 5);
    }

    [Fact]
    public void AnImplicitHoldHalvesWhileItsCurrentMovesMoreThanItsLimitAndCarriesTheCurrentFound()
    {
        // held current 1/(1 + dt) from 1: at most 2 % change: dt/(1 + dt) ≤ 0.02, first reached at 100/2^13 = 0.0122 s
        var m = new Ramp();
        var plan = new StepPlan([], HoldControl.Implicit, new HoldCurrentLimit(0.02, 0, 1e-3));
        var a = Take(m, plan);
        Assert.Equal(100.0 / 8192, a.Dt);
        Assert.Equal(1 / (1 + a.Dt), a.I, 15);
        Assert.Equal(1, m.Advances); // the current is judged before the advance: one advance
    }

    [Fact]
    public void AHoldSolvedAtTheEndHalvesOnTheCurrentAtTheEndOfTheStep()
    {
        // the current that holds the voltage at the end, 1/(1 + x), against the step's 1: at most 15 %
        var m = new Ramp();
        var a = Take(m, new StepPlan([new HoldCurrentLimit(0.15, 0, 0.01)], HoldControl.AtEnd));
        Assert.Equal(100.0 / 1024, a.Dt); // 0.195 s still moves it 16 %; 0.098 s 9 %
        Assert.Equal(1 / (1 + a.Dt), a.IEnd, 15);
    }

    // ---------------------------------------------------------------- the cells through the engine

    [Fact]
    public void ASymmetricHoldWritesTheHeldVoltageAtTheCurrentThatHoldsItAfterABridgeBecameTheHardShort()
    {
        // bare Li | 1000 µm Li6PS5Cl | Li plated at 1.5 mA/cm² for 1 h: the first bridge fuses, the second stands; held at
        // 50 mV the standing bridge carries the current below its melting voltage: the hard short, in the hold's first
        // step. The engine solves the hold's current again after a bridge changes (decision 0034), so that step's point is
        // at 50 mV; before, it was written at the current of the step's start, 0.9 mV at 0.88 mA/cm².
        var lib = MaterialLibrary.Load(TestPaths.Library);
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")).Replace("Li6PS5Cl, thickness: 300 um", "Li6PS5Cl, thickness: 1000 um");
        Assert.Contains("1000 um", text);
        var cell = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl-hold-test.yaml")), lib), lib);
        var r = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(["Plate at 1.5 mA/cm2 for 1 h", "Hold at 50 mV for 1 h"]));

        Assert.True(r.ShortCircuit);
        Assert.True(r.ShortCircuitTimeS > 1 * Si.Hour, $"short at {r.ShortCircuitTimeS / 3600} h");
        var hold = r.Series.Where(p => p.StepIndex == 2).ToList();
        Assert.True(hold.Count > 5);
        Assert.True(hold[0].Shorted);
        Assert.All(hold, p => Assert.Equal(0.05, p.Voltage, 6));
        // the hard short carries the held current: 50 mV over the short's ASR and the cell in parallel, ≫ the plating's 1.5 mA/cm²
        Assert.True(hold[0].CurrentDensity > 10 * 1.5 * Si.MilliampPerCm2);
    }
}
