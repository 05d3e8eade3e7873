using Interphase.Data;
using Interphase.Data.Eis;

namespace Interphase.Tests.Data;

/// <summary>
/// Issue 11 (decision 0085): a decimal comma in an unquoted field of a comma-separated file splits the number into two
/// fields; every delimited reader refuses such a row naming its line, and a semicolon- or tab-separated file with decimal
/// commas (a European export) is read with the right numbers.
/// </summary>
public class DecimalCommaDelimitedTests
{
    static string Write(string name, string text)
    {
        var path = Path.Combine(TestPaths.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Reading fails on one line that names <paramref name="line"/> and holds <paramref name="expected"/>.</summary>
    static InputException Refused(Action read, int line, string expected)
    {
        var e = Assert.Throws<InputException>(read);
        Assert.Equal(line, e.Location.Line);
        Assert.Contains(expected, e.Message);
        return e;
    }

    // ---- cycling records (DelimitedCyclingReader: generic, Arbin, Neware presets) ----

    [Theory]
    // generic CSV: every row split by its decimal commas (line 2 is the first record)
    [InlineData("Time (s),Voltage (V),Current (A),Temperature (C)\n0,3,45,0,1,25\n10,3,46,0,1,25\n", 2, 6, 4)]
    // a later row only: the rows above hold whole numbers
    [InlineData("Time (s),Voltage (V),Current (A),Temperature (C)\n0,3,0,25\n10,3,0,25\n20,3,5,0,25\n", 4, 5, 4)]
    // Arbin's header
    [InlineData("Data_Point,Test_Time(s),Current(A),Voltage(V)\n1,0,0,3\n2,1,5,0,3,2\n", 3, 6, 4)]
    // Neware's flat export
    [InlineData("Record ID,Status,Total Time,Current(mA),Voltage(V)\n1,CC_Chg,00:00:00,1,3\n2,CC_Chg,00:00:10,1,3,21\n", 3, 6, 5)]
    public void ACommaSeparatedCyclingFileWithDecimalCommasIsRefusedNamingTheLine(string text, int line, int fields, int header)
    {
        var path = Write("cycling.csv", text);
        var e = Refused(() => DataFile.ReadCycling(path), line, $"{fields} fields where the header has {header}");
        Assert.Contains("decimal comma", e.Message);
        Assert.Contains("cycling.csv", e.OneLine);
    }

    [Fact]
    public void AShortRowIsRefusedNamingTheLine()
    {
        var path = Write("short.csv", "Time (s),Voltage (V),Current (A),Temperature (C)\n0,3.4,0.1,25\n10,3.5,0.1\n");
        Refused(() => DataFile.ReadCycling(path), 3, "3 fields where the header has 4");
    }

    [Fact]
    public void TrailingSeparatorsAreStillRead()
    {
        // a separator that ends every row (or the header) adds an empty field, not a column
        var d = DataFile.ReadCycling(Write("trailing.csv", "Time (s),Voltage (V),Current (A)\n0,3.45,0.1,\n10,3.46,0.1,\n"));
        Assert.Equal(2, d.Count);
        Assert.Equal(3.46, d.Voltage[1]);
        d = DataFile.ReadCycling(Write("trailing-header.csv", "Time (s),Voltage (V),Current (A),\n0,3.45,0.1\n10,3.46,0.1\n"));
        Assert.Equal(2, d.Count);
    }

    [Fact]
    public void AQuotedDecimalCommaInACommaSeparatedFileIsRefusedNotGuessed()
    {
        // quoted, the field is whole; but "3,450" could be a thousands separator as well as a decimal comma: refused, named
        var path = Write("quoted.csv", "Time (s),Voltage (V),Current (A)\n0,3.45,0.1\n10,\"3,46\",0.1\n");
        Refused(() => DataFile.ReadCycling(path), 3, "'3,46' in column 'Voltage (V)' is not a number");
    }

    [Fact]
    public void AZPlotRowWithADecimalCommaIsRefusedNamingTheLine()
    {
        // ZPlot's rows are comma-separated: Z'(a) written 6,4262E+02 would make 10 fields and shift Z''(b) into Z'(a)
        var z = File.ReadAllLines(Path.Combine(TestPaths.Fixtures, "measured", "eis", "impedance.py", "exampleDataZPlot_noComments.z"));
        int row = Array.FindIndex(z, l => l.Contains("Z'(a)", StringComparison.Ordinal)) + 2;
        var fields = z[row].Split(',');
        fields[4] = fields[4].Replace('.', ',');
        z[row] = string.Join(',', fields);
        var e = Refused(() => EisFile.Read(Write("comma.z", string.Join('\n', z))), row + 1, "10 fields where the column line names 9");
        Assert.Contains("decimal comma", e.Message);
    }

    [Fact]
    public void AQuotedDecimalCommaInACommaSeparatedImpedanceTableIsRefused()
    {
        // the impedance reader splits at every comma (it reads no quotes): the quoted number makes a wider row
        var path = Write("quoted-eis.csv", "freq,Zre,Zim\n1000,10,-1\n500,\"11,5\",-2\n");
        Refused(() => EisFile.Read(path), 3, "4 fields where the header has 3");
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void ASemicolonOrTabFileWithDecimalCommasIsReadWithTheRightNumbers(char sep)
    {
        // the first records hold whole numbers only: the decimal comma is decided where it first appears
        var rows = new[] { "Time (s)|Voltage (V)|Current (mA)|Charge Capacity (mAh)", "0|3|0|0", "10|3|1|0", "20,5|3,4512|1,25|0,0071", "30|3,4601|1,25|0,0105" };
        var path = Write("european.csv", string.Join('\n', rows.Select(r => r.Replace('|', sep))) + "\n");
        var d = DataFile.ReadCycling(path);
        Assert.Equal(4, d.Count);
        Assert.Equal(20.5, d.TimeS[2], 12);
        Assert.Equal(3.4512, d.Voltage[2], 12);
        Assert.Equal(1.25e-3, d.Current[2], 15);
        Assert.Equal(0.0071 * 3.6, d.ChargeCapacity[2], 12);
        Assert.Equal(3.4601, d.Voltage[3], 12);
        Assert.Contains("decimal commas", d.Info.Notes);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void ASemicolonOrTabFileWhoseEveryNumberHasADecimalCommaIsRead(char sep)
    {
        // more commas than separators on every row: the separator is still the one the header uses
        var rows = new[] { "Time (s)|Voltage (V)|Current (mA)|Charge Capacity (mAh)", "0,5|3,4512|1,25|0,0071", "10,5|3,4601|1,25|0,0105", "20,5|3,4689|1,25|0,0139" };
        var d = DataFile.ReadCycling(Write("european-all.csv", string.Join("\r\n", rows.Select(r => r.Replace('|', sep))) + "\r\n"));
        Assert.Equal(3, d.Count);
        Assert.Equal(10, d.TimeS[1], 12);
        Assert.Equal(3.4689, d.Voltage[2], 12);
        Assert.Equal(0.0139 * 3.6, d.ChargeCapacity[2], 12);
    }

    // ---- impedance tables (DelimitedSpectrumReader) ----

    [Theory]
    // every row split: the header has 3 names, the rows 6 fields
    [InlineData("freq,Zre,Zim\n1000,5,10,25,-1,5\n100,5,12,5,-5,5\n", 2, 6, "the header has 3")]
    // a later row only
    [InlineData("freq,Zre,Zim\n1000,10,-1\n500,11,-2\n100,12,5,-5\n", 4, 4, "the header has 3")]
    // no header: the rows above establish the count
    [InlineData("1000,10,-1\n500,11,-2\n100,12,5,-5\n", 3, 4, "the rows above have 3")]
    public void ACommaSeparatedImpedanceTableWithDecimalCommasIsRefusedNamingTheLine(string text, int line, int fields, string expected)
    {
        var path = Write("eis.csv", text);
        var e = Refused(() => EisFile.Read(path), line, $"{fields} fields where {expected}");
        Assert.Contains("decimal comma", e.Message);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void ASemicolonOrTabImpedanceTableWithDecimalCommasIsReadWithTheRightNumbers(char sep)
    {
        var rows = new[] { "freq|Zre|Zim", "1000|10|-1", "500,5|11,25|-2,5", "100|12,75|-5,125" };
        var path = Write("eis-european.csv", string.Join('\n', rows.Select(r => r.Replace('|', sep))) + "\n");
        var s = EisFile.Read(path);
        Assert.Equal(3, s.Count);
        Assert.Equal(500.5, s.FrequenciesHz[1], 12);
        Assert.Equal(11.25, s.Impedance[1].Real, 12);
        Assert.Equal(-2.5, s.Impedance[1].Imaginary, 12);
        Assert.Equal(-5.125, s.Impedance[2].Imaginary, 12);
    }

    [Fact]
    public void TheManyRowImpedancePathRefusesTheSameRow()
    {
        // enough rows for the parallel parse (EisRows.ParallelRows): the refusal is the same as row by row
        var text = new System.Text.StringBuilder("freq,Zre,Zim\n");
        int n = EisRows.ParallelRows + 100;
        for (int k = 0; k < n; k++) text.Append(System.FormattableString.Invariant($"{1e6 / (k + 1):R},{10 + k * 1e-3:R},-1\n"));
        text.Append("0,5,10,25,-1\n");
        Refused(() => EisFile.ReadAll(Write("many.csv", text.ToString())), n + 2, "5 fields where the header has 3");
    }
}
