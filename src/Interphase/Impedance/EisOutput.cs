using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Interphase.Data.Eis;
using Interphase.Units;

namespace Interphase.Impedance;

/// <summary>Optional cell geometry for conductivity and area-specific resistance in the outputs (SI).</summary>
/// <param name="ThicknessM">Electrolyte thickness L (m), or null.</param>
/// <param name="AreaM2">Electrode area A (m²), or null.</param>
/// <param name="BulkParameter">The resistance taken as R_bulk for σ = L/(R·A) (e.g. "R0"), or null.</param>
public sealed record CellGeometry(double? ThicknessM, double? AreaM2, string? BulkParameter = null);

/// <summary>
/// The files the EIS commands write: JSON summaries (SI values, with the users' units alongside where
/// domain.md asks for them: Ω cm², S/cm, kJ/mol, eV) and CSV tables of data, model and residuals.
/// Non-finite numbers are written as null. Everything is culture-invariant.
/// </summary>
public static class EisOutput
{
    /// <summary>The χ² definition written next to every χ² value.</summary>
    public const string ChiSquareDefinition =
        "chi2 = sum_i [(Z'_i - Zfit'_i)^2 / s'_i^2 + (Z''_i - Zfit''_i)^2 / s''_i^2]; s = |Z_i| (modulus), 1 Ohm (unit), |Z'_i|, |Z''_i| floored at 1% of |Z_i| (proportional) or the file's sigma; reduced chi2 = chi2 / (2N - free parameters)";

    static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FitJson(FitResult r, CellGeometry? geometry = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Indented))
        {
            w.WriteStartObject();
            Source(w, r.Spectrum);
            w.WriteString("circuit", r.Circuit.Text);
            w.WriteString("weighting", r.Weighting.ToString().ToLowerInvariant());
            w.WriteBoolean("converged", r.Converged);
            w.WriteString("exit", r.Exit.ToString());
            w.WriteNumber("iterations", r.Iterations);
            w.WriteNumber("evaluations", r.Evaluations);
            w.WriteNumber("starts", r.Starts);
            Number(w, "chi_square", r.ChiSquare);
            Number(w, "reduced_chi_square", r.ReducedChiSquare);
            w.WriteNumber("degrees_of_freedom", r.DegreesOfFreedom);
            Number(w, "aic", r.Aic);
            w.WriteString("chi_square_definition", ChiSquareDefinition);
            w.WriteStartArray("parameters");
            foreach (var p in r.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("element", p.Element);
                w.WriteString("symbol", p.Symbol);
                w.WriteString("unit", p.Unit);
                Number(w, "value", p.Value);
                Number(w, "std_error", p.StandardError);
                w.WriteStartArray("ci95");
                Value(w, p.ConfidenceLower);
                Value(w, p.ConfidenceUpper);
                w.WriteEndArray();
                w.WriteBoolean("fixed", p.Fixed);
                w.WriteBoolean("at_bound", p.AtBound);
                w.WriteBoolean("identifiable", p.Identifiable);
                if (geometry?.AreaM2 is double a && p.Unit == "Ohm")
                    Number(w, "area_specific_ohm_cm2", p.Value * a / Si.OhmCm2);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("correlation");
            w.WriteStartArray("parameters");
            foreach (var n in r.FreeParameters) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteStartArray("matrix");
            for (int i = 0; i < r.FreeParameters.Count; i++)
            {
                w.WriteStartArray();
                for (int j = 0; j < r.FreeParameters.Count; j++) Value(w, r.Correlation[i, j]);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("initial_guess");
            for (int k = 0; k < r.Circuit.ParameterCount; k++) Number(w, r.Circuit.Parameters[k].Name, r.InitialGuess[k]);
            w.WriteEndObject();
            if (geometry is { ThicknessM: double l, AreaM2: double area })
            {
                w.WriteStartObject("conductivity");
                Number(w, "thickness_m", l);
                Number(w, "area_m2", area);
                if (geometry.BulkParameter is { } bulk)
                {
                    var rb = r[bulk];
                    w.WriteString("from_parameter", bulk);
                    Number(w, "sigma_s_per_cm", Conductivity.FromResistance(rb.Value, l, area) / Si.SiemensPerCm);
                    Number(w, "sigma_std_error_s_per_cm", Conductivity.FromResistance(rb.Value, l, area) / Si.SiemensPerCm * rb.StandardError / rb.Value);
                }
                double ri = Conductivity.RealAxisIntercept(r.Spectrum);
                Number(w, "intercept_ohm", ri);
                Number(w, "sigma_from_intercept_s_per_cm", ri > 0 ? Conductivity.FromResistance(ri, l, area) / Si.SiemensPerCm : double.NaN);
                w.WriteEndObject();
            }
            Strings(w, "warnings", r.Spectrum.Warnings.Concat(r.Warnings));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>frequency, data, model and relative residuals (data − model)/|Z| per point.</summary>
    public static string FitCsv(FitResult r) => ModelCsv(r.Spectrum, "model", r.Model, r.ResidualReal, r.ResidualImag);

    public static string KkJson(ImpedanceSpectrum s, LinKkResult k)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Indented))
        {
            w.WriteStartObject();
            Source(w, s);
            w.WriteBoolean("passed", k.Passed);
            w.WriteString("verdict", k.Verdict);
            w.WriteNumber("rc_elements", k.ElementCount);
            Number(w, "mu", k.Mu);
            Number(w, "max_residual", k.MaxResidual);
            Number(w, "residual_limit", k.ResidualLimit);
            Number(w, "noise_estimate", k.NoiseEstimate);
            Number(w, "lag1_correlation", k.SerialCorrelation);
            w.WriteString("reason", LinKK.Reason(k) switch
            {
                LinKkReason.WithinLimit => "within_limit",
                LinKkReason.RandomScatter => "random_scatter",
                LinKkReason.Trend => "trend",
                LinKkReason.Outliers => "outliers",
                _ => "too_few_points",
            });
            Number(w, "pseudo_chi_square", k.PseudoChiSquare);
            Number(w, "series_resistance_ohm", k.SeriesResistance);
            Number(w, "inductance_h", k.Inductance);
            if (k.Capacitance is double c) Number(w, "capacitance_f", c);
            w.WriteStartArray("elements");
            for (int i = 0; i < k.ElementCount; i++)
            {
                w.WriteStartObject();
                Number(w, "tau_s", k.TimeConstants[i]);
                Number(w, "r_ohm", k.Resistances[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>frequency, data, Lin-KK model and relative residuals per point.</summary>
    public static string KkCsv(ImpedanceSpectrum s, LinKkResult k) => ModelCsv(s, "kk", k.Model, k.ResidualReal, k.ResidualImag);

    static string ModelCsv(ImpedanceSpectrum s, string model, Complex[] z, double[] rr, double[] ri)
    {
        var sb = new StringBuilder($"frequency_hz,z_real_ohm,z_imag_ohm,{model}_real_ohm,{model}_imag_ohm,residual_real_rel,residual_imag_rel\n");
        for (int i = 0; i < s.Count; i++)
            Row(sb, s.FrequenciesHz[i], s.Impedance[i].Real, s.Impedance[i].Imaginary, z[i].Real, z[i].Imaginary, rr[i], ri[i]);
        return sb.ToString();
    }

    public static string DrtJson(ImpedanceSpectrum s, DrtResult d)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Indented))
        {
            w.WriteStartObject();
            Source(w, s);
            w.WriteString("lambda_selection", d.SelectedBy.ToString());
            Number(w, "lambda", d.Lambda);
            Number(w, "r_infinity_ohm", d.RInfinity);
            Number(w, "inductance_h", d.Inductance);
            Number(w, "polarization_resistance_ohm", d.PolarizationResistance);
            Number(w, "noise_relative", d.Noise);
            Number(w, "series_capacitance_f", d.Capacitance);
            w.WriteNumber("bootstrap_samples", d.BootstrapSamples);
            w.WriteStartArray("peaks");
            foreach (var p in d.Peaks)
            {
                w.WriteStartObject();
                Number(w, "tau_s", p.TimeConstant);
                Interval(w, "tau_ci95_s", p.TimeConstantInterval);
                Bias(w, "tau", "_s", p.TimeConstantInterval);
                Number(w, "frequency_hz", p.FrequencyHz);
                Interval(w, "frequency_ci95_hz", p.FrequencyInterval);
                Number(w, "resistance_ohm", p.Resistance);
                Interval(w, "resistance_ci95_ohm", p.ResistanceInterval);
                Bias(w, "resistance", "_ohm", p.ResistanceInterval);
                Number(w, "height_ohm", p.Height);
                Number(w, "tau_from_s", p.LowerTimeConstant);
                Number(w, "tau_to_s", p.UpperTimeConstant);
                w.WriteBoolean("at_edge", p.AtEdge);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (d.Tail is { } t)
            {
                w.WriteStartObject("low_frequency_tail");
                Number(w, "tau_from_s", t.FromTimeConstant);
                Number(w, "resistance_in_window_ohm", t.Resistance);
                Number(w, "low_frequency_slope", t.LowFrequencySlope);
                w.WriteEndObject();
            }
            else w.WriteNull("low_frequency_tail");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>τ, γ and, with the bootstrap, the 2.5 and 97.5 percentiles of γ (empty without).</summary>
    public static string DrtCsv(DrtResult d)
    {
        var sb = new StringBuilder("tau_s,gamma_ohm,gamma_low_ohm,gamma_high_ohm\n");
        for (int i = 0; i < d.Tau.Length; i++) Row(sb, d.Tau[i], d.Gamma[i], d.GammaLow?[i] ?? double.NaN, d.GammaHigh?[i] ?? double.NaN);
        return sb.ToString();
    }

    public static string ArrheniusJson(string? source, IReadOnlyList<double> temperaturesK, IReadOnlyList<double> sigmaSm, ArrheniusResult? a, VtfResult? v)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Indented))
        {
            w.WriteStartObject();
            if (source is not null) w.WriteString("file", source);
            w.WriteStartArray("points");
            for (int i = 0; i < temperaturesK.Count; i++)
            {
                w.WriteStartObject();
                Number(w, "temperature_c", temperaturesK[i] - Si.ZeroCelsius);
                Number(w, "sigma_s_per_cm", sigmaSm[i] / Si.SiemensPerCm);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (a is not null)
            {
                w.WriteStartObject("arrhenius");
                w.WriteString("form", a.Form == ArrheniusForm.Sigma ? "sigma = sigma0 exp(-Ea/RT)" : "sigma*T = A exp(-Ea/RT)");
                Number(w, "ea_kj_per_mol", a.ActivationEnergyKJPerMol);
                Number(w, "ea_kj_per_mol_std_error", a.ActivationEnergyKJPerMolError);
                Number(w, "ea_ev", a.ActivationEnergyEv);
                Number(w, "ea_ev_std_error", a.ActivationEnergyEvError);
                Number(w, "sigma_25c_s_per_cm", a.ConductivityAt25CSPerCm);
                Number(w, "sigma_25c_std_error_s_per_cm", a.ConductivityAt25CSPerCmError);
                w.WriteStartArray("sigma_25c_ci95_s_per_cm");
                Value(w, a.ConductivityAt25CLower / Si.SiemensPerCm);
                Value(w, a.ConductivityAt25CUpper / Si.SiemensPerCm);
                w.WriteEndArray();
                Number(w, "prefactor_si", a.PreExponential);
                if (a.Warning is { } warning) w.WriteString("warning", warning);
                Number(w, "r_squared", a.RSquared);
                w.WriteEndObject();
            }
            if (v is not null)
            {
                w.WriteStartObject("vtf");
                w.WriteString("form", "sigma = A T^-1/2 exp(-B/(T - T0))");
                Number(w, "a_s_per_cm_k_half", v.Prefactor / Si.SiemensPerCm);
                Number(w, "a_std_error_s_per_cm_k_half", v.PrefactorError / Si.SiemensPerCm);
                Number(w, "b_k", v.B);
                Number(w, "b_std_error_k", v.BError);
                Number(w, "t0_k", v.T0);
                Number(w, "t0_std_error_k", v.T0Error);
                Number(w, "pseudo_ea_kj_per_mol", v.PseudoActivationEnergy / 1000);
                Number(w, "pseudo_ea_ev", v.PseudoActivationEnergyEv);
                Number(w, "sigma_25c_s_per_cm", v.ConductivityAt25C / Si.SiemensPerCm);
                Number(w, "r_squared", v.RSquared);
                w.WriteBoolean("converged", v.Converged);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    static void Source(Utf8JsonWriter w, ImpedanceSpectrum s)
    {
        if (s.Source is not null) w.WriteString("file", s.Source);
        w.WriteString("format", s.Format);
        w.WriteNumber("points", s.Count);
        Number(w, "f_min_hz", s.FrequenciesHz.Min());
        Number(w, "f_max_hz", s.FrequenciesHz.Max());
        Strings(w, "notes", s.Notes);
    }

    static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    static void Number(Utf8JsonWriter w, string name, double? v)
    {
        w.WritePropertyName(name);
        Value(w, v);
    }

    /// <summary>[low, high], or null when there is no interval.</summary>
    /// <summary>The replicates' median and whether the interval excludes the estimate (decision 0075); null without bootstrap.</summary>
    static void Bias(Utf8JsonWriter w, string quantity, string unit, DrtInterval? i)
    {
        Number(w, quantity + "_bootstrap_median" + unit, i?.Median);
        if (i is null) w.WriteNull(quantity + "_ci95_excludes_estimate");
        else w.WriteBoolean(quantity + "_ci95_excludes_estimate", i.ExcludesEstimate);
    }

    static void Interval(Utf8JsonWriter w, string name, DrtInterval? i)
    {
        if (i is null) { w.WriteNull(name); return; }
        w.WriteStartArray(name);
        Value(w, i.Low);
        Value(w, i.High);
        w.WriteEndArray();
    }

    static void Value(Utf8JsonWriter w, double? v)
    {
        if (v is double d && double.IsFinite(d)) w.WriteNumberValue(d);
        else w.WriteNullValue();
    }

    static void Row(StringBuilder sb, params double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(double.IsFinite(values[i]) ? values[i].ToString("R", CultureInfo.InvariantCulture) : "");
        }
        sb.Append('\n');
    }
}
