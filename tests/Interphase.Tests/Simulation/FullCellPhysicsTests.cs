using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

public class FullCellPhysicsTests
{
    [Fact]
    public void SmokeCycle()
    {
        var cell = FullCellFactory.Cell(FullCellFactory.Lfp());
        var r = FullCellFactory.Run(cell, "Charge at 0.1C until 3.8 V", "Hold at 3.8 V until C/50", "Rest for 30 min", "Discharge at 0.1C until 2.8 V");
        var c = Assert.Single(r.Cycles);
        var qc = r.Specific(c.ChargeCapacity) / 3600;
        var qd = r.Specific(c.DischargeCapacity) / 3600;
        Assert.True(qc > 100 && qd > 100, $"{qc} {qd} {r.EndReason} {r.Steps}");
    }
}
