namespace Interphase.Data.Neware;

/// <summary>
/// What differs between the paged .ndc versions of a BTS 8 .ndax: the units of the records and the
/// sizes of the run-information and step slots. Learnt from the public descriptions in NewareNDA
/// and fastnda and checked against BTSDA's exports of the same tests (docs/data.md).
/// <list type="bullet">
/// <item>Records (data.ndc, 8 bytes): voltage f32 @0, current f32 @4.</item>
/// <item>Run information (data_runInfo.ndc), written when something changes rather than at every
/// record: step time u32 ms @0 with a high byte @4, charge and discharge capacity and energy f32
/// @5/9/13/17, the logging interval i32 ms @29, Unix time u32 s @33, step number u32 @37, record
/// number u32 @41, milliseconds u16 @45.</item>
/// <item>Steps (data_step.ndc), one slot per step in the order they ran: cycle u32 @0 (from 0),
/// the program's step index u32 @4, status u8 @24.</item>
/// <item>Auxiliary channels (data_AUX_*.ndc, versions 14 and 17): one f32 per record.</item>
/// </list>
/// </summary>
public sealed record NdcLayout(int Version, double VoltsPerUnit, double MilliampsPerUnit, double MahPerUnit, int RunInfoSize, int StepSize, bool AuxFloats)
{
    public const int RecordSize = 8, AuxSize = 4;

    /// <summary>The layouts read, by version; null for any other.</summary>
    public static NdcLayout? Of(int version) => version switch
    {
        // BTS 8.0: volts and amperes; counters in A·h and W·h
        14 => new(14, 1, 1000, 1000, 55, 37, true),
        // counters in mA·s and mW·s, voltage in 0.1 mV, current in mA
        16 => new(16, 1e-4, 1, 1 / 3600.0, 100, 100, false),
        17 => new(17, 1, 1000, 1000, 100, 100, true),
        _ => null,
    };

    public static readonly int[] Known = [14, 16, 17];
}
