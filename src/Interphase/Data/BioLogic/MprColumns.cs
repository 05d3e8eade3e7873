namespace Interphase.Data.BioLogic;

/// <summary>How one column is stored in an .mpr record.</summary>
public enum MprType : byte { Flags, U1, U2, U4, F4, F8 }

/// <summary>One column of the .mpr data module: its id, the EC-Lab name (as the .mpt export writes it), storage type and, for flags, the bit mask.</summary>
public sealed record MprColumn(int Id, string Name, MprType Type, byte Mask = 0)
{
    public int Size => Type switch { MprType.Flags or MprType.U1 => 1, MprType.U2 => 2, MprType.U4 or MprType.F4 => 4, _ => 8 };
}

/// <summary>
/// The column ids of BioLogic's binary .mpr data module. The format is not published; this table
/// was built from the public readers of the format (galvani, yadg) and checked against the .mpt
/// exports of the same runs. Ids of 256 and above are variants of <c>id mod 256</c> and are looked
/// up by their full value first. Flag columns share one byte.
/// </summary>
public static class MprColumns
{
    static readonly Dictionary<int, MprColumn> Table = Build();

    static Dictionary<int, MprColumn> Build()
    {
        var t = new Dictionary<int, MprColumn>();
        void F(int id, string name, byte mask) => t[id] = new MprColumn(id, name, MprType.Flags, mask);
        void C(int id, string name, MprType type) => t[id] = new MprColumn(id, name, type);

        F(1, "mode", 0x03); F(2, "ox/red", 0x04); F(3, "error", 0x08);
        F(21, "control changes", 0x10); F(31, "Ns changes", 0x20); F(65, "counter inc.", 0x80);

        C(4, "time/s", MprType.F8);
        C(5, "control/V/mA", MprType.F4);
        C(6, "Ewe/V", MprType.F4);
        C(7, "dq/mA.h", MprType.F8);
        C(8, "I/mA", MprType.F4);
        C(9, "Ece/V", MprType.F4);
        C(11, "<I>/mA", MprType.F8);
        C(13, "(Q-Qo)/mA.h", MprType.F8);
        C(16, "Analog IN 1/V", MprType.F4);
        C(17, "Analog IN 2/V", MprType.F4);
        C(19, "control/V", MprType.F4);
        C(20, "control/mA", MprType.F4);
        C(23, "dQ/mA.h", MprType.F8);
        C(24, "cycle number", MprType.F8);
        C(26, "Rapp/Ohm", MprType.F4);
        C(27, "Ewe-Ece/V", MprType.F4);
        C(32, "freq/Hz", MprType.F4);
        C(33, "|Ewe|/V", MprType.F4);
        C(34, "|I|/A", MprType.F4);
        C(35, "Phase(Z)/deg", MprType.F4);
        C(36, "|Z|/Ohm", MprType.F4);
        C(37, "Re(Z)/Ohm", MprType.F4);
        C(38, "-Im(Z)/Ohm", MprType.F4);
        C(39, "I Range", MprType.U2);
        C(69, "R/Ohm", MprType.F4);
        C(70, "P/W", MprType.F4);
        C(74, "|Energy|/W.h", MprType.F8);
        C(75, "Analog OUT/V", MprType.F4);
        C(76, "<I>/mA", MprType.F4);
        C(77, "<Ewe>/V", MprType.F4);
        C(78, "Cs-2/µF-2", MprType.F4);
        C(96, "|Ece|/V", MprType.F4);
        C(98, "Phase(Zce)/deg", MprType.F4);
        C(99, "|Zce|/Ohm", MprType.F4);
        C(100, "Re(Zce)/Ohm", MprType.F4);
        C(101, "-Im(Zce)/Ohm", MprType.F4);
        C(123, "Energy charge/W.h", MprType.F8);
        C(124, "Energy discharge/W.h", MprType.F8);
        C(125, "Capacitance charge/µF", MprType.F8);
        C(126, "Capacitance discharge/µF", MprType.F8);
        C(131, "Ns", MprType.U2);
        C(163, "|Estack|/V", MprType.F4);
        C(168, "Rcmp/Ohm", MprType.F4);
        C(169, "Cs/µF", MprType.F4);
        C(172, "Cp/µF", MprType.F4);
        C(173, "Cp-2/µF-2", MprType.F4);
        C(174, "<Ewe>/V", MprType.F4);
        C(178, "(Q-Qo)/C", MprType.F4);
        C(179, "dQ/C", MprType.F4);
        C(182, "step time/s", MprType.F8);
        C(211, "Q charge/discharge/mA.h", MprType.F8);
        C(212, "half cycle", MprType.U4);
        C(213, "z cycle", MprType.U4);
        C(215, "<Ece>/V", MprType.F4);
        C(249, "Rdc/Ohm", MprType.F4);
        // variants above 255
        C(430, "Phase(Zwe-ce)/deg", MprType.F4);
        C(431, "|Zwe-ce|/Ohm", MprType.F4);
        C(432, "Re(Zwe-ce)/Ohm", MprType.F4);
        C(433, "-Im(Zwe-ce)/Ohm", MprType.F4);
        C(434, "(Q-Qo)/C", MprType.F4);
        C(435, "dQ/C", MprType.F4);
        C(438, "step time/s", MprType.F8);
        C(441, "<Ecv>/V", MprType.F4);
        C(462, "Temperature/°C", MprType.F4);
        C(498, "Q charge/mA.h", MprType.F8);
        C(499, "Q discharge/mA.h", MprType.F8);
        C(500, "step time/s", MprType.F8);
        C(501, "Efficiency/%", MprType.F8);
        C(502, "Capacity/mA.h", MprType.F8);
        // impedance quality (EC-Lab 11.4x and later, PEIS/GEIS and their Modulo Bat sequences): total harmonic
        // distortion, non-stationarity (NSD, NSR) and the harmonics' amplitudes of Ewe and I, all single precision;
        // checked against the .mpt exports of yadg's peis/geis/mb.issue_149 files (their full ids 474-497 are these mod 256)
        C(217, "THD Ewe/%", MprType.F4); C(218, "THD I/%", MprType.F4); C(219, "THD Ece/%", MprType.F4);
        C(220, "NSD Ewe/%", MprType.F4); C(221, "NSD I/%", MprType.F4); C(222, "NSD Ece/%", MprType.F4);
        C(223, "NSR Ewe/%", MprType.F4); C(224, "NSR I/%", MprType.F4); C(225, "NSR Ece/%", MprType.F4);
        for (int h = 2; h <= 7; h++)
        {
            C(228 + h, $"|Ewe h{h}|/V", MprType.F4);
            C(234 + h, $"|I h{h}|/A", MprType.F4);
            C(240 + h, $"|Ece h{h}|/V", MprType.F4);
        }
        // counter-electrode energies (yadg's table; a GCPL file with them reads to a record size that fills its data
        // module exactly, but no .mpt export of one was available to check the values)
        C(110, "Energy ce/W.h", MprType.F8); C(112, "Energy we/W.h", MprType.F8);
        C(115, "Energy ce charge/W.h", MprType.F8); C(116, "Energy ce discharge/W.h", MprType.F8);
        return t;
    }

    /// <summary>The column for an id (full id first, then id mod 256), or null when unknown.</summary>
    public static MprColumn? Find(int id)
    {
        if (Table.TryGetValue(id, out var c)) return c;
        if (id >= 256 && Table.TryGetValue(id % 256, out var b)) return b with { Id = id };
        return null;
    }

    /// <summary>Names that depend on the technique: BCD records the cell voltage under id 6; PEIS and GEIS export
    /// the power (id 70) as the working electrode's, <c>Pwe/W</c>.</summary>
    public static string NameFor(MprColumn c, string? technique) =>
        c.Id == 6 && technique == "BCD" ? "Ecell/V"
        : c.Id % 256 == 70 && technique is "PEIS" or "GEIS" ? "Pwe/W"
        : c.Name;
}
