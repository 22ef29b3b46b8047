using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Platform.Queries;
using Vigil.Record.Readings;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil readings</c>: stored readings with their verdicts.</summary>
internal static class ReadingsCommand
{
    public static Command Create(CliContext context, Option<DirectoryInfo> data)
    {
        var patient = new Option<string?>("--patient") { Description = "Only this patient's readings." };
        var device = new Option<string?>("--device") { Description = "Only this device's readings." };
        var kind = new Option<MeasurementKind?>("--kind") { Description = "Only this kind (Glucose, OxygenSaturation, PulseRate, ...)." };
        var status = new Option<VerdictStatus?>("--status") { Description = "Only Verified, Suspect or Rejected readings." };
        var since = new Option<TimeSpan?>("--since") { Description = "Only readings measured in this past span, e.g. 06:00:00." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var history = new Option<bool>("--history") { Description = "Show every verdict each reading has had." };
        var command = new Command("readings", "List stored readings with their verdicts and reasons.") { patient, device, kind, status, since, limit, history };
        command.SetAction((parse, cancellation) => DeviceRegistryCommands.WithPlatformAsync(context, parse.GetValue(data)!, async platform =>
        {
            DeviceId? deviceId = null;
            if (parse.GetValue(device) is { } text)
            {
                if (!DeviceId.TryParse(text, out var parsed))
                {
                    return context.Fail($"'{text}' is not a device id.", 2);
                }

                deviceId = parsed;
            }

            if (!PatientIdText.TryParseOptional(parse.GetValue(patient), out var patientId))
            {
                return context.Fail(PatientIdText.Malformed(parse.GetValue(patient)), 2);
            }

            var views = platform.Get<PatientViews>();
            var readings = await views.ReadingsAsync(new ReadingQuery
            {
                PatientId = patientId, DeviceId = deviceId, Kind = parse.GetValue(kind), Status = parse.GetValue(status),
                From = context.Time.GetUtcNow() - parse.GetValue(since), Limit = Math.Clamp(parse.GetValue(limit), 1, 100_000),
            });
            await RecordAccess.AuditAsync(platform, readings.Select(r => r.PatientId).OfType<PatientId>(), "patient.readings");
            var table = new Table().AddColumns("measured (UTC)", "patient", "device", "kind", "value", "verdict", "reasons", "version");
            foreach (var r in readings)
            {
                table.AddRow(
                    r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(r.PatientId?.Value ?? "-"), Markup.Escape(r.DeviceId.Value),
                    r.Kind.ToString(), Markup.Escape($"{string.Join("/", r.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)))} {r.Unit}"),
                    Badge(r.Verdict.Status), Markup.Escape(await HistoryAsync(views, r, parse.GetValue(history))), r.VerdictVersion.ToString(CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            var counts = await views.CountByStatusAsync();
            context.Console.MarkupLineInterpolated(
                $"{readings.Count} shown. In the record: {counts[VerdictStatus.Verified]} verified, {counts[VerdictStatus.Suspect]} suspect, {counts[VerdictStatus.Rejected]} rejected.");
            return 0;
        }));
        return command;
    }

    private static async Task<string> HistoryAsync(PatientViews views, StoredReading reading, bool full) => !full
        ? reading.Verdict.ToString()
        : string.Join(" -> ", (await views.VerdictHistoryAsync(new ReadingKey(reading.DeviceId, reading.Sequence, reading.Index)))
            .Select(h => $"v{h.Version} {h.Verdict.Status.ToString().ToLowerInvariant()}{(h.Verdict.Reasons.Count > 0 ? $"({h.Verdict})" : "")} by {h.Cause}"));

    internal static string Badge(VerdictStatus status) => status switch
    {
        VerdictStatus.Verified => "[green]verified[/]",
        VerdictStatus.Suspect => "[yellow]suspect[/]",
        _ => "[red]rejected[/]",
    };
}
