using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>
/// How far past a step's ending condition a state lies, signed (&gt; 0 beyond it, &lt; 0 short of it): the quantity whose
/// zero StepControl.Locate brackets in time, by false position while it is finite at both ends and changes sign between
/// them. A voltage cut-off measures the voltage (V) beyond its value; a hold's <c>until &lt;current&gt;</c> the held current's
/// magnitude below its limit (A/m²), which decays monotonically within a time step of a hold (decision 0049). NaN for a
/// condition that is not a crossing of a monotone quantity (a short, the compliance), which is located by bisection.
/// </summary>
internal static class ConditionDistance
{
    /// <summary>The distance past <paramref name="hit"/> at voltage <paramref name="v"/> and current <paramref name="i"/> (A/m²), the current's limit <paramref name="currentLimit"/>.</summary>
    public static double Past(Condition hit, double v, double i, double currentLimit)
    {
        switch (hit)
        {
            case ComplianceCondition:
                return double.NaN;
            case VoltageCondition cut:
            {
                double x = cut.Absolute ? Math.Abs(v) : v;
                return cut.Op is Comparison.Greater or Comparison.GreaterOrEqual ? x - cut.Volts : cut.Volts - x;
            }
            case CurrentBelowCondition:
                return currentLimit - Math.Abs(i);
            default:
                return double.NaN;
        }
    }
}
