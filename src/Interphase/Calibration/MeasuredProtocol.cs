using System.Globalization;
using System.Text;
using Interphase.Data.Analysis;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Calibration;

/// <summary>
/// The protocol a measurement followed, read off its current: each half cycle becomes
/// "Plate/Strip at j for τ" (j its mean current density, τ its time with current), and the time
/// between half cycles "Rest for …". Half cycles after a detected short circuit are left out, so
/// that a simulation of the protocol covers the same time as the healthy part of the record.
/// </summary>
public static class MeasuredProtocol
{
    public static Protocol From(SymmetricAnalysis a, double areaM2, string sourceName)
    {
        var text = Text(a, areaM2);
        return ProtocolParser.Parse(text, sourceName);
    }

    public static string Text(SymmetricAnalysis a, double areaM2)
    {
        static string F(double x) => x.ToString("G7", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("# read from ").Append(Path.GetFileName(a.Data.Info.Source)).Append(" by interphase calibrate\n");
        double t = 0;
        double end = a.Short?.TimeS ?? double.PositiveInfinity;
        foreach (var h in a.Segmentation.HalfCycles)
        {
            if (h.EndS > end + 1e-9) break;
            double on = h.MeanAbsCurrentA > 0 ? h.ChargeC / h.MeanAbsCurrentA : 0;
            if (!(on > 0)) continue;
            double gap = h.StartS - t;
            if (gap > 1) sb.Append("Rest for ").Append(F(gap / Si.Hour)).Append(" h\n");
            double j = h.MeanAbsCurrentA / areaM2 / Si.MilliampPerCm2;
            sb.Append(h.Sign < 0 ? "Plate" : "Strip").Append(" at ").Append(F(j)).Append(" mA/cm2 for ").Append(F(on / Si.Hour)).Append(" h\n");
            t = h.StartS + on;
        }
        if (t == 0) throw new InputException("the measurement has no complete half cycle before its short circuit: nothing to calibrate on", a.Data.Info.Source);
        return sb.ToString();
    }
}
