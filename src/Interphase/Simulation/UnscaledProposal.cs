namespace Interphase.Simulation;

/// <summary>
/// A step-proposal component held at its shipped proposal whatever the run's tolerance scale: its longest step divided by
/// the scale that <see cref="StepProposal.Shortest"/> multiplies it by. For convergence checks only
/// (SimulationOptions.UnscaledProposals): halving every component but one shows whether a result depends on that
/// component's step (decision 0061). Not used at the shipped settings.
/// </summary>
internal sealed class UnscaledProposal : StepProposal
{
    readonly StepProposal _inner;
    readonly double _scale;

    UnscaledProposal(StepProposal inner, double scale) : base(inner.Name, inner.PlatingSign)
    {
        _inner = inner;
        _scale = scale;
    }

    public override object Component => _inner.Component;

    public override double MaxStep(in StepView v) => _inner.MaxStep(v) / _scale;

    /// <summary>
    /// The components of <paramref name="list"/>, those whose mechanism is in options.UnscaledProposals held at the scale 1:
    /// a mechanism names an electrode's component of that mechanism on every electrode ("nucleation" for "nucleation,
    /// electrode 1" and "…, electrode 2") and a whole cell's by its name ("salt transient"); a mechanism the cell does not
    /// have holds nothing.
    /// </summary>
    public static StepProposal[] Hold(List<StepProposal> list, SimulationOptions options)
    {
        var held = options.UnscaledProposals;
        if (held.Count == 0) return [.. list];
        return [.. list.Select(p => held.Any(m => Of(p, m)) ? new UnscaledProposal(p, options.ToleranceScale) : p)];
    }

    static bool Of(StepProposal p, string mechanism) => p.Name == mechanism || p.Name.StartsWith(mechanism + ", ", StringComparison.Ordinal);
}
