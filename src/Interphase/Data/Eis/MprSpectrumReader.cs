using Interphase.Data.BioLogic;

namespace Interphase.Data.Eis;

/// <summary>
/// The impedance spectra of a BioLogic binary .mpr (PEIS, GEIS, or a Modulo Bat with impedance
/// steps): its freq/Hz, Re(Z)/Ohm and -Im(Z)/Ohm columns. Records at 0 Hz belong to the other
/// techniques of the file (rests, holds) and are skipped, with a note.
/// </summary>
internal static class MprSpectrumReader
{
    public static EisRows Read(string path)
    {
        var t = MprFile.ReadTable(path);
        var rows = new EisRows("BioLogic .mpr");
        bool polar = !t.Has("Re(Z)/Ohm") && t.Has("|Z|/Ohm") && t.Has("Phase(Z)/deg");
        foreach (var name in polar ? ["freq/Hz"] : new[] { "freq/Hz", "Re(Z)/Ohm", "-Im(Z)/Ohm" })
            if (!t.Has(name)) throw new InputException($"the .mpr has no '{name}' column: expected an impedance technique's record", path);
        var fr = t["freq/Hz"];
        double[] re, mim;
        if (polar)
        {
            // a Modulo Bat's .mpr stores |Z| and the phase; EC-Lab computes Re(Z) and -Im(Z) from them at export
            var (mod, phase) = (t["|Z|/Ohm"], t["Phase(Z)/deg"]);
            re = [.. mod.Select((z, i) => z * Math.Cos(phase[i] * Math.PI / 180))];
            mim = [.. mod.Select((z, i) => -z * Math.Sin(phase[i] * Math.PI / 180))];
            rows.Notes.Add("Re(Z) and −Im(Z) from |Z|/Ohm and Phase(Z)/deg (the .mpr stores no Re(Z))");
        }
        else (re, mim) = (t["Re(Z)/Ohm"], t["-Im(Z)/Ohm"]);
        int skipped = 0;
        for (int i = 0; i < t.RowCount; i++)
        {
            if (fr[i] == 0) { skipped++; continue; }
            if (!(fr[i] > 0) || !double.IsFinite(fr[i]) || !double.IsFinite(re[i]) || !double.IsFinite(mim[i]))
                throw new InputException($"record {i + 1} holds freq/Hz = {fr[i]:G6}, Re(Z) = {re[i]:G6}, -Im(Z) = {mim[i]:G6}: expected a positive frequency and finite impedance (damaged file?)", path);
            rows.Add(i + 1, fr[i], re[i], -mim[i]);
        }
        if (skipped > 0) rows.Notes.Add($"skipped {skipped} records with freq/Hz = 0 (not impedance records)");
        return rows;
    }
}
