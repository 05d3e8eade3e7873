namespace Interphase.Data.BioLogic;

/// <summary>EC-Lab technique names: the short code, the long name of the .mpt header line, and the .mpr settings id.</summary>
public static class BioLogicTechniques
{
    static readonly (string Code, string LongName, int[] MprIds)[] Known =
    [
        ("GCPL", "Galvanostatic Cycling with Potential Limitation", [0x04, 0x77]),
        ("BCD", "Battery Capacity Determination", [0x88]),
        ("MB", "Modulo Bat", [0x7F]),
        ("PEIS", "Potentio Electrochemical Impedance Spectroscopy", [0x1D]),
        ("GEIS", "Galvano Electrochemical Impedance Spectroscopy", [0x1E]),
        ("CA", "Chronoamperometry / Chronocoulometry", [0x18]),
        ("CP", "Chronopotentiometry", [0x19]),
        ("OCV", "Open Circuit Voltage", [0x0B]),
        ("CV", "Cyclic Voltammetry", [0x06, 0x30]),
        ("CVA", "Cyclic Voltammetry Advanced", [0x33]),
        ("LSV", "Linear Sweep Voltammetry", [0x6C]),
        ("WAIT", "Wait", [0x1C]),
        ("MP", "Modular Potentio", [0x16]),
        ("ZIR", "IR compensation (PEIS)", [0x32]),
        ("coV", "Constant Voltage", [0x75]),
        ("coC", "Constant Current", [0x76]),
    ];

    /// <summary>The short code for the .mpt header's technique line, or the line itself when unknown.</summary>
    public static string? FromLongName(string? line)
    {
        if (line is null) return null;
        foreach (var k in Known)
            if (string.Equals(k.LongName, line.Trim(), StringComparison.OrdinalIgnoreCase)) return k.Code;
        return line.Trim();
    }

    /// <summary>The short code for an .mpr settings-module technique id, or "technique 0x.." when unknown.</summary>
    public static string FromMprId(int id)
    {
        foreach (var k in Known)
            if (k.MprIds.Contains(id)) return k.Code;
        return $"technique 0x{id:X2}";
    }

    /// <summary>True for the impedance techniques whose files hold spectra rather than cycling records.</summary>
    public static bool IsImpedance(string? code) => code is "PEIS" or "GEIS";
}
