using System.Globalization;
using Microsoft.AspNetCore.Html;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Server.Dashboard;

/// <summary>How the console shows readings: values in the patient's units, and integrity badges that say why.</summary>
internal static class Vitals
{
    /// <summary>mg/dL per mmol/L of glucose (molar mass 180.16 g/mol).</summary>
    public const double MgPerMmol = VerificationRules.GlucoseMgPerMmol;

    /// <summary>The kinds shown as vitals, in the order shown.</summary>
    public static IReadOnlyList<MeasurementKind> Shown { get; } =
    [
        MeasurementKind.Glucose, MeasurementKind.OxygenSaturation, MeasurementKind.PulseRate, MeasurementKind.HeartRate,
        MeasurementKind.BloodPressure, MeasurementKind.BodyTemperature, MeasurementKind.RespiratoryRate, MeasurementKind.BreathDiagnosis,
    ];

    /// <summary>A kind's name for people.</summary>
    public static string Label(MeasurementKind kind) => kind switch
    {
        MeasurementKind.Glucose => "Glucose",
        MeasurementKind.GlucoseTrend => "Glucose trend",
        MeasurementKind.OxygenSaturation => "SpO₂",
        MeasurementKind.PulseRate => "Pulse",
        MeasurementKind.HeartRate => "Heart rate (ECG)",
        MeasurementKind.BloodPressure => "Blood pressure",
        MeasurementKind.BodyTemperature => "Temperature",
        MeasurementKind.RespiratoryRate => "Respiration",
        MeasurementKind.BreathDiagnosis => "Breath test",
        MeasurementKind.BreathVoc => "Breath VOC",
        _ => kind.ToString(),
    };

    /// <summary>A reading's value as text, glucose in the patient's unit.</summary>
    public static string Value(MeasurementKind kind, IReadOnlyList<double> values, string unit, string? code, string glucoseUnit)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return code ?? "-";
        }

        return kind switch
        {
            MeasurementKind.Glucose when glucoseUnit == "mmol/L" && unit == "mg/dL" => $"{(values[0] / MgPerMmol).ToString("0.0", CultureInfo.InvariantCulture)} mmol/L",
            MeasurementKind.BloodPressure when values.Count >= 2 => $"{N(values[0])}/{N(values[1])} {unit}",
            MeasurementKind.BreathDiagnosis => $"{code ?? "result"} ({N(values[0] * 100)} %)",
            _ => $"{N(values[0])} {unit}",
        };
    }

    /// <summary>The integrity badge of a verdict: its status in words, and its reasons.</summary>
    public static IHtmlContent Badge(VerdictStatus status, IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var why = reasons.Count == 0 ? string.Empty : string.Join(", ", reasons);
        var (css, mark) = status switch
        {
            VerdictStatus.Verified => ("verified", "✓"),
            VerdictStatus.Suspect => ("suspect", "⚠"),
            _ => ("rejected", "✕"),
        };
        var text = status == VerdictStatus.Verified ? "Verified" : $"{status}: {why}";
        return new HtmlString(
            $"<span class=\"badge {css}\" title=\"{System.Net.WebUtility.HtmlEncode(why)}\">{mark} {System.Net.WebUtility.HtmlEncode(text)}</span>");
    }

    /// <summary>A time as a <c>time</c> element in UTC, which the page shows in the reader's time zone.</summary>
    public static IHtmlContent Time(DateTimeOffset at) =>
        new HtmlString($"<time datetime=\"{at.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>");

    private static string N(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
